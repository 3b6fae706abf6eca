"""Logging to a rotating file in the user's data folder (no Qt here)."""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from planDesk import paths

_configured: Path | None = None


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send log records to ``<data>/logs/planDesk.log`` (rotated, 5 × 1 MB).

    Returns the log file's path, or None when the folder cannot be written (the program
    still runs; it only loses its log).
    """
    global _configured
    if _configured is not None:
        return _configured
    log_file = paths.log_dir() / "planDesk.log"
    try:
        log_file.parent.mkdir(parents=True, exist_ok=True)
        handler = logging.handlers.RotatingFileHandler(
            log_file, maxBytes=1_000_000, backupCount=5, encoding="utf-8", delay=True
        )
    except OSError:
        return None
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(level)
    _configured = log_file
    return log_file
