"""Logging to a rotating file in the user's data folder (no Qt here)."""

from __future__ import annotations

import logging
from pathlib import Path

from planDesk import paths

_configured: Path | None = None


class _HeldRecords(logging.Handler):
    """The records logged before the log file is opened, written to it once it is."""

    def __init__(self) -> None:
        super().__init__()
        self.records: list[logging.LogRecord] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.records.append(record)


_held: _HeldRecords | None = None


def log_file() -> Path:
    """Where the log is written (``setup_logging`` opens it)."""
    return paths.log_dir() / "planDesk.log"


def configured() -> Path | None:
    """The log file ``setup_logging`` opened, or None (not yet, or it could not be written)."""
    return _configured


def hold_records(level: int = logging.INFO) -> None:
    """Keep log records in memory until ``setup_logging`` opens the file. The GUI opens it
    after its window's first paint: the rotating handler's module (``logging.handlers``,
    which imports ``socket``, ``pickle`` and ``queue``) costs ~15 ms before that paint."""
    global _held
    if _configured is not None or _held is not None:
        return
    _held = _HeldRecords()
    root = logging.getLogger()
    root.addHandler(_held)
    root.setLevel(level)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to ``<data>/logs/planDesk.log`` (rotated, 5 × 1 MB), with any that
    ``hold_records`` kept.

    Returns the log file's path, or None when the folder cannot be written (the program
    still runs; it only loses its log).
    """
    global _configured, _held
    if _configured is not None:
        return _configured
    from logging.handlers import RotatingFileHandler

    root = logging.getLogger()
    held, _held = _held, None
    if held is not None:
        root.removeHandler(held)
    path = log_file()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handler = RotatingFileHandler(path, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True)
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    root.setLevel(level)
    for record in held.records if held is not None else ():
        handler.handle(record)
    _configured = path
    return path
