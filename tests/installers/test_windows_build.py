"""The Windows build's inputs that a Linux build cannot show wrong (issue 18).

The run-time proof is the Wine stage (installers/windows/wine_check.sh): there the frozen
program's output on a cp932 Windows is UTF-8, and PyInstaller's log has no errors. These
tests keep the two causes found there from coming back, quickly.
"""

from __future__ import annotations

import ast
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def _load_bundle_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_data", INSTALLERS / "bundle_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_data", module)
    spec.loader.exec_module(module)
    return module


bd = _load_bundle_data()


def _spec_options() -> list[tuple[str, object, str]]:
    tree = ast.parse((INSTALLERS / "planDesk.spec").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "PY_OPTIONS"
                                                for t in node.targets):
            value = ast.literal_eval(node.value)
            assert isinstance(value, list)
            return value
    raise AssertionError("planDesk.spec has no PY_OPTIONS")


def test_frozen_program_runs_in_utf8_mode() -> None:
    """PyInstaller's bootloader takes -X options in Python's spelling: "X utf8"
    (sys.flags.utf8_mode == 1). "X utf8_mode=1" is no such option and left the mode off."""
    options = _spec_options()
    assert ("X utf8", None, "OPTION") in options
    x_options = [name.removeprefix("X ") for name, _, kind in options if kind == "OPTION" and name.startswith("X ")]
    # The -X options of CPython the bootloader passes on; anything else is a typo.
    assert set(x_options) <= {"utf8", "utf8=0", "utf8=1", "dev", "faulthandler", "tracemalloc"}, x_options
    assert 'PY_OPTIONS,' in (INSTALLERS / "planDesk.spec").read_text(encoding="utf-8")  # given to both programs


def _case_insensitive_exists(path: Path) -> bool:
    """Path.exists as on Windows: every part of the path matched ignoring case."""
    current = Path(path.anchor)
    for part in path.parts[1:]:
        try:
            names = os.listdir(current)
        except OSError:
            return False
        match = next((n for n in names if n.casefold() == part.casefold()), None)
        if match is None:
            return False
        current = current / match
    return True


def test_names_imported_from_a_package_are_not_modules_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """db/env.py has ``from sqlalchemy import Engine``; on Windows sqlalchemy/Engine
    "exists" (it is sqlalchemy/engine), which made 'sqlalchemy.Engine' a hidden import and
    PyInstaller log "ERROR: Hidden import 'sqlalchemy.Engine' not found"."""
    monkeypatch.setattr(Path, "exists", _case_insensitive_exists)
    assert not bd._importable("sqlalchemy.Engine")
    assert not bd._importable("sqlalchemy.Engine.base")
    assert bd._importable("sqlalchemy.engine")
    assert bd._importable("sqlalchemy.engine.base")
    assert bd._importable("alembic.op")
    imports = bd.migration_imports()
    assert "sqlalchemy.Engine" not in imports and "sqlalchemy.create_engine" not in imports
    assert {"alembic", "alembic.op", "alembic.context", "sqlalchemy"} <= set(imports)
