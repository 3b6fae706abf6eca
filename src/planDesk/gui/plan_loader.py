"""Opening the database and reading the plan to show, off the GUI thread, at start-up.

gui/app.py starts a ``PlanLoader`` once the window has painted; this module (and the
dataclasses, signal and thread it needs) is imported only then.
"""

from __future__ import annotations

import logging
import threading
from dataclasses import dataclass
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

from planDesk.gui import data_access

if TYPE_CHECKING:  # SQLAlchemy is imported by the loader's thread
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import PlanSummary, PlanView

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Loaded:
    store: Store
    plans: list[PlanSummary]
    plan: PlanView | None


@dataclass(frozen=True)
class Failed:
    opening: bool  # the database could not be opened (else: the plan could not be read)
    error: BaseException


class PlanLoader(QObject):
    """Opens the database and reads the plan to show in a thread of its own, so the window
    paints and stays responsive meanwhile; ``done`` arrives on the GUI thread."""

    done = Signal(object)  # Loaded | Failed

    def __init__(self, db: str, preferred_key: str | None, parent: QObject) -> None:
        super().__init__(parent)
        self._db = db
        self._preferred_key = preferred_key

    def start(self) -> None:
        # A daemon thread: closing the window while a large plan is read does not wait for it.
        threading.Thread(target=self._run, name="planDesk-load", daemon=True).start()

    def _run(self) -> None:
        from planDesk.core.plan.view import choose_plan

        result: Loaded | Failed
        try:
            store = open_store(self._db)
        except BaseException as exc:  # handed to the GUI thread, which reports it
            result = Failed(True, exc)
        else:
            try:
                plans = data_access.plans(store)
                chosen = choose_plan(plans, self._preferred_key)
                result = Loaded(store, plans, data_access.plan(store, chosen.id) if chosen else None)
            except BaseException as exc:
                store.close()
                result = Failed(False, exc)
        try:
            self.done.emit(result)
        except RuntimeError:  # the application has already quit
            if isinstance(result, Loaded):
                result.store.close()


def open_store(db: str) -> Store:
    """Open (or create) the database; the first start loads the Hitachinaka sample plan."""
    from planDesk.core.persistence.store import Store

    store = Store.open(db, create=True)
    try:
        if not data_access.plans(store):
            from planDesk.core.plan.setup import DEFAULT_SAMPLE, init_sample  # first start only

            log.info("empty database %s: loading the %s sample", store.location, DEFAULT_SAMPLE)
            init_sample(store, DEFAULT_SAMPLE)
    except BaseException:
        store.close()
        raise
    return store
