"""Where planDesk finds its bundled files and keeps the user's data.

Resources and migrations are found the same way in three situations:

* a frozen build (PyInstaller): next to the executable's bundle (``sys._MEIPASS``);
* an installed wheel: ``planDesk/_data/resources`` and ``planDesk/_data/db`` inside the package;
* a source checkout: ``resources/`` and ``db/`` at the top of the repository.

No Qt here: the core and the command line use this module too.
"""

from __future__ import annotations

import os
import sys
from functools import cache
from pathlib import Path

import platformdirs

APP_NAME = "planDesk"
DB_ENV = "PLANDESK_DB"
DATA_ENV = "PLANDESK_DATA_DIR"


def _candidate_roots() -> list[Path]:
    roots: list[Path] = []
    frozen_root = getattr(sys, "_MEIPASS", None)
    if frozen_root:
        roots.append(Path(frozen_root))
    package_dir = Path(__file__).resolve().parent
    roots.append(package_dir / "_data")
    roots.append(package_dir.parent.parent)  # src/planDesk -> repository root
    return roots


@cache
def _find(name: str, marker: str) -> Path:
    for root in _candidate_roots():
        candidate = root / name
        if (candidate / marker).exists():
            return candidate
    raise FileNotFoundError(f"planDesk の {name}/ が見つかりません（インストールが壊れています）")


def resources_dir() -> Path:
    """The folder of bundled fonts, translations, icons and sample plans."""
    return _find("resources", "samples")


def migrations_dir() -> Path:
    """The Alembic script folder (``db/``)."""
    return _find("db", "env.py")


def fonts_dir() -> Path:
    return resources_dir() / "fonts"


def samples_dir() -> Path:
    return resources_dir() / "samples"


def translations_dir() -> Path:
    return resources_dir() / "translations"


def user_data_dir() -> Path:
    """The user's local (not roaming, not network) application-data folder.

    On Windows this is ``%LOCALAPPDATA%\\planDesk``; ``PLANDESK_DATA_DIR`` overrides it
    (tests use that to keep away from the real folder).
    """
    override = os.environ.get(DATA_ENV)
    if override:
        return Path(override)
    return Path(platformdirs.user_data_dir(APP_NAME, appauthor=False, roaming=False))


def default_database() -> str:
    """The database used when neither ``--db`` nor ``PLANDESK_DB`` names one."""
    return os.environ.get(DB_ENV) or str(user_data_dir() / "planDesk.sqlite3")


def log_dir() -> Path:
    return user_data_dir() / "logs"
