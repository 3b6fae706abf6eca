"""Starting the GUI (placeholder until the main window lands)."""
from __future__ import annotations


def run(db: str) -> int:
    raise NotImplementedError
