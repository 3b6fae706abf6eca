"""Progress on a terminal: a bar for a merge of many files, an elapsed-time line for a long
export. Nothing at all when stderr is not a terminal (piped, redirected, CI), so scripts
and logs see only the results. tqdm draws both, on stderr, so stdout keeps only results.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import IO, Any

MIN_FILES = 3  # a merge of fewer files finishes before a bar would help
DELAY_S = 1.0  # nothing is drawn for work that ends sooner

Progress = Callable[[int, int, str], None]


def on_terminal(stream: IO[str] | None = None) -> bool:
    """True when progress may be drawn: ``stream`` (stderr) is a terminal and
    PLANDESK_NO_PROGRESS is not set."""
    stream = stream if stream is not None else sys.stderr
    try:
        return bool(stream.isatty()) and not os.environ.get("PLANDESK_NO_PROGRESS")
    except (AttributeError, ValueError):  # closed or replaced stream
        return False


@contextmanager
def file_bar(total: int, desc: str, stream: IO[str] | None = None) -> Iterator[tuple[Progress | None, Any]]:
    """A bar over ``total`` files: yields (progress callback for ``merge_files``, the
    context manager to print beside the bar), or (None, a no-op) when nothing is drawn."""
    if total < MIN_FILES or not on_terminal(stream):
        yield None, _nothing
        return
    from tqdm import tqdm

    bar = tqdm(total=total, desc=desc, unit="件", file=stream or sys.stderr, delay=DELAY_S, leave=False,
               dynamic_ncols=True)

    def progress(done: int, _total: int, name: str) -> None:
        bar.n = done
        bar.set_postfix_str(name, refresh=False)
        bar.refresh()

    try:
        yield progress, lambda: tqdm.external_write_mode(file=stream or sys.stderr)
    finally:
        bar.close()


@contextmanager
def _nothing() -> Iterator[None]:
    yield


@contextmanager
def elapsed(desc: str, stream: IO[str] | None = None, *, every_s: float = 0.5) -> Iterator[None]:
    """「desc 12s」 on the terminal while the body runs (the body stays on this thread:
    a PNG export paints with Qt); nothing when not on a terminal or done within a second."""
    if not on_terminal(stream):
        yield
        return
    from tqdm import tqdm

    bar = tqdm(total=None, desc=desc, bar_format="{desc} {elapsed}", file=stream or sys.stderr, delay=DELAY_S,
               leave=False)
    stop = threading.Event()

    def tick() -> None:
        while not stop.wait(every_s):
            bar.refresh()

    ticker = threading.Thread(target=tick, name="progress", daemon=True)
    ticker.start()
    try:
        yield
    finally:
        stop.set()
        ticker.join()
        bar.close()
