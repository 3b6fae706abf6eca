"""The wheel and the frozen build find resources and migrations the way paths.py expects."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from planDesk import paths

ROOT = Path(__file__).resolve().parents[2]


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def _build_wheel(tmp_path: Path) -> Path:
    """Build the wheel from a copy of the project (setuptools writes build/ and *.egg-info
    next to the sources, which must not happen in the checkout)."""
    project = tmp_path / "project"
    project.mkdir()
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, project / name)
    ignore = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")
    for name in ("src", "resources", "db"):
        shutil.copytree(ROOT / name, project / name, ignore=ignore)
    out = tmp_path / "wheel"
    code = "import sys; from setuptools import build_meta as b; print(b.build_wheel(sys.argv[1]))"
    result = subprocess.run([sys.executable, "-c", code, str(out)], cwd=project,
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-3000:]
    return out / result.stdout.strip().splitlines()[-1]


@pytest.mark.slow
def test_wheel_carries_every_module_resource_and_migration(tmp_path: Path) -> None:
    wheel = _build_wheel(tmp_path)
    names = set(zipfile.ZipFile(wheel).namelist())
    modules = {p.relative_to(ROOT / "src").as_posix() for p in (ROOT / "src" / "planDesk").rglob("*.py")}
    assert modules - names == set()
    data = {
        "planDesk/_data/" + p.relative_to(ROOT).as_posix()
        for folder in ("resources", "db")
        for p in (ROOT / folder).rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }
    assert data - names == set()
    assert "planDesk/_data/resources/samples/hitachinaka.toml" in names
    assert "planDesk/_data/db/env.py" in names
    assert not any("__pycache__" in n or n.endswith(".pyc") for n in names)

    # The unpacked wheel, ahead of the source tree on the path, runs init and show.
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site), "PLANDESK_DATA_DIR": str(tmp_path / "data")}
    code = "from planDesk import paths; print(paths.resources_dir()); print(paths.migrations_dir())"
    where = subprocess.run(
        [sys.executable, "-c", code],
        cwd=tmp_path, env=env, capture_output=True, text=True, timeout=60, check=True,
    ).stdout.split()
    assert where == [str(site / "planDesk" / "_data" / "resources"), str(site / "planDesk" / "_data" / "db")]
    db = str(tmp_path / "w.sqlite3")
    for args in (["init"], ["show"]):
        run = subprocess.run([sys.executable, "-m", "planDesk", "--db", db, *args], cwd=tmp_path, env=env,
                             capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, run.stderr
    assert "ひたちなか市" in run.stdout


def test_pyinstaller_is_a_dev_dependency_only() -> None:
    project = _pyproject()["project"]
    assert isinstance(project, dict)
    assert not any(d.lower().startswith("pyinstaller") for d in project["dependencies"])
    assert any(d.lower().startswith("pyinstaller") for d in project["optional-dependencies"]["dev"])


def test_bootstrap_installs_nsis_for_the_installer_check() -> None:
    text = (ROOT / "scripts" / "bootstrap.sh").read_text(encoding="utf-8")
    assert " nsis" in text


@pytest.fixture
def fresh_paths() -> Iterator[None]:
    paths._find.cache_clear()
    yield
    paths._find.cache_clear()


def test_frozen_build_resources_come_from_meipass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_paths: None
) -> None:
    # The layout the spec produces inside _internal/ (sys._MEIPASS).
    (tmp_path / "resources" / "samples").mkdir(parents=True)
    (tmp_path / "db").mkdir()
    (tmp_path / "db" / "env.py").write_text("", encoding="utf-8")
    monkeypatch.setattr(sys, "_MEIPASS", str(tmp_path), raising=False)
    assert paths.resources_dir() == tmp_path / "resources"
    assert paths.migrations_dir() == tmp_path / "db"


def test_source_checkout_resources_without_meipass(monkeypatch: pytest.MonkeyPatch, fresh_paths: None) -> None:
    monkeypatch.delattr(sys, "_MEIPASS", raising=False)
    assert paths.resources_dir() == ROOT / "resources"
    assert paths.migrations_dir() == ROOT / "db"
