"""The command line's one door into the GUI layer (an import contract allows only this).

``run_gui`` starts the desktop application; ``load_gui_painters`` registers the painters
that need Qt (the roadmap as PNG) with the core's export registry, only when an export
asks for them, so that every other command starts without Qt.
"""

from __future__ import annotations


def run_gui(database: str) -> int:
    from planDesk.gui.app import run

    return run(database)


def load_gui_painters() -> None:
    from planDesk.gui.roadmap import image  # noqa: F401  (registers the .png writer)
