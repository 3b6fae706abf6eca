"""The core (domain, persistence, import/export, layout) and the CLI import no Qt."""

from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import planDesk.core

CORE = Path(planDesk.core.__file__).parent


def test_no_core_module_mentions_pyside() -> None:
    for path in CORE.rglob("*.py"):
        assert "PySide6" not in path.read_text(encoding="utf-8"), path


def test_importing_every_core_module_and_the_cli_loads_no_qt() -> None:
    modules = [m.name for m in pkgutil.walk_packages([str(CORE)], prefix="planDesk.core.")]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r} + ['planDesk.cli.main', 'planDesk.cli.commands']:\n"
        "    importlib.import_module(m)\n"
        "from planDesk.cli.main import build_parser\n"
        "build_parser()\n"
        "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6'))]\n"
        "assert not bad, bad\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
