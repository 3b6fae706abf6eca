"""Long work (a merge, an import, an export) off the GUI thread, with a progress dialog
and 中止 (cancel).

``start(parent, title, work, on_done)`` runs ``work(progress, cancelled)`` on a worker
thread of ``QThreadPool``; the GUI thread keeps painting and answering. ``work`` must not
touch a widget; it reports with ``progress(done, total, text)`` and asks ``cancelled()``
between steps. Database work opens its own sessions in the worker thread (every
``Store.read``/``Store.write`` takes its own connection from the engine's pool, and a SQLite
connection is used by one thread at a time), so nothing is shared with the GUI thread but
the Store object itself. The result (or the error) comes back to ``on_done``/``on_error``
on the GUI thread through a queued signal.
"""

from __future__ import annotations

import logging
import threading
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

log = logging.getLogger(__name__)

Progress = Callable[[int, int, str], None]
Work = Callable[[Progress, Callable[[], bool]], Any]


class _Signals(QObject):
    progressed = Signal(int, int, str)
    finished = Signal(object)
    failed = Signal(object)


class _Runnable(QRunnable):
    def __init__(self, work: Work, signals: _Signals, stop: threading.Event) -> None:
        super().__init__()
        self.work, self.signals, self.stop = work, signals, stop
        self.setAutoDelete(True)

    def run(self) -> None:  # the worker thread
        try:
            result = self.work(self.signals.progressed.emit, self.stop.is_set)
        except BaseException as exc:  # handed to the GUI thread, which shows or re-raises it
            self.signals.failed.emit(exc)
        else:
            self.signals.finished.emit(result)


class BackgroundJob(QObject):
    """One piece of work running in the background, with its progress dialog."""

    done = Signal()  # after on_done / on_error ran

    def __init__(self, parent: QWidget, title: str, work: Work, on_done: Callable[[Any], None],
                 on_error: Callable[[BaseException], None], *, cancel_text: str | None = None) -> None:
        super().__init__(parent)
        self.running = True
        self.result: Any = None
        self.error: BaseException | None = None
        self._stop = threading.Event()
        self._on_done, self._on_error = on_done, on_error
        self.dialog = QProgressDialog(title, cancel_text or self.tr("中止"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setWindowModality(Qt.WindowModality.WindowModal)
        self.dialog.setMinimumDuration(300)  # a short job shows no dialog at all
        self.dialog.setAutoClose(False)
        self.dialog.setAutoReset(False)
        self.dialog.canceled.connect(self.cancel)
        self._signals = _Signals()  # lives in the GUI thread: the worker's emits are queued
        self._signals.progressed.connect(self._progressed)
        self._signals.finished.connect(self._finished)
        self._signals.failed.connect(self._failed)
        QThreadPool.globalInstance().start(_Runnable(work, self._signals, self._stop))

    def cancel(self) -> None:
        """Ask the work to stop at its next step (it decides what is left unchanged)."""
        self._stop.set()
        self.dialog.setLabelText(self.tr("中止しています…"))

    @property
    def cancelled(self) -> bool:
        return self._stop.is_set()

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self.dialog.maximum() != total:
            self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        if text and not self._stop.is_set():
            self.dialog.setLabelText(text)

    def _close(self) -> None:
        self.running = False
        self.dialog.canceled.disconnect(self.cancel)
        self.dialog.close()
        self.dialog.deleteLater()

    def _finished(self, result: Any) -> None:
        self.result = result
        self._close()
        try:
            self._on_done(result)
        finally:
            self.done.emit()

    def _failed(self, exc: BaseException) -> None:
        self.error = exc
        self._close()
        try:
            self._on_error(exc)
        finally:
            self.done.emit()


def start(parent: QWidget, title: str, work: Work, on_done: Callable[[Any], None],
          on_error: Callable[[BaseException], None]) -> BackgroundJob:
    """Run ``work`` in the background with a progress dialog over ``parent``."""
    return BackgroundJob(parent, title, work, on_done, on_error)
