"""The user's settings (QSettings), kept in one place.

Settings live in an INI file in the user's local data folder (``paths.user_data_dir()``)
rather than the registry: tests isolate them with ``PLANDESK_DATA_DIR``, and a user's
whole planDesk state (database, drafts, logs, settings) can be backed up as one folder.
"""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QByteArray, QSettings

from planDesk import paths

ORGANIZATION = "planDesk"
APPLICATION = "planDesk"

DIVISION_KEY = "division"  # identity value for 情報政策課 (the division)


def app_settings() -> QSettings:
    folder = paths.user_data_dir()
    with contextlib.suppress(OSError):  # unwritable folder: settings are simply not kept
        folder.mkdir(parents=True, exist_ok=True)
    return QSettings(str(folder / "settings.ini"), QSettings.Format.IniFormat)


def _str(settings: QSettings, key: str) -> str | None:
    value = settings.value(key)
    return str(value) if value not in (None, "") else None


def identity_value(plan_key: str) -> str | None:
    """``"division"`` or ``"dept:<name>"`` remembered for a plan (by its key), or None."""
    return _str(app_settings(), f"identity/{plan_key}")


def set_identity_value(plan_key: str, value: str) -> None:
    s = app_settings()
    s.setValue(f"identity/{plan_key}", value)
    s.sync()


def language() -> str:
    """``"ja"`` (default) or ``"en"``."""
    return _str(app_settings(), "ui/language") or "ja"


def set_language(code: str) -> None:
    s = app_settings()
    s.setValue("ui/language", code)
    s.sync()


def last_plan_key() -> str | None:
    return _str(app_settings(), "ui/plan")


def set_last_plan_key(key: str) -> None:
    app_settings().setValue("ui/plan", key)


def window_state() -> tuple[QByteArray | None, QByteArray | None, QByteArray | None]:
    """(geometry, state, splitter) saved by the main window, or None for each not saved."""
    s = app_settings()
    out = []
    for key in ("window/geometry", "window/state", "window/splitter"):
        value = s.value(key)
        out.append(value if isinstance(value, QByteArray) else None)
    return out[0], out[1], out[2]


def save_window_state(geometry: QByteArray, state: QByteArray, splitter: QByteArray) -> None:
    s = app_settings()
    s.setValue("window/geometry", geometry)
    s.setValue("window/state", state)
    s.setValue("window/splitter", splitter)
    s.sync()
