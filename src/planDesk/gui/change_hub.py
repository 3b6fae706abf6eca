"""The GUI's one announcer of changes: every write's ``Change`` goes through here.

A screen that writes (the report form, the plan editor, the merge screen, the tracker)
calls ``hub.announce(change)`` with the ``core.persistence.store.Change`` its operation
returned; every screen that shows data (the main window's tree, report index and page,
the 工程表, the tracker, the plan editor) subscribes to ``changed`` and refreshes only what
the change names: ``change.initiatives`` (text, details or reports of those initiatives),
the groups in ``change.entities``, and the whole plan only when
``change.structural`` says the plan's shape changed.

``sender`` is the screen that wrote: it has usually updated itself already and may skip
its own announcement.
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal

if TYPE_CHECKING:  # the window is built before SQLAlchemy is imported (gui/app.py)
    from planDesk.core.persistence.store import Change

log = logging.getLogger(__name__)


class ChangeHub(QObject):
    changed = Signal(object, object)  # (Change, the sending screen or None)

    def announce(self, change: Change, sender: object | None = None) -> None:
        log.debug("change %s: %d initiative(s), structural=%s", change.operation, len(change.initiatives),
                  change.structural)
        self.changed.emit(change, sender)
