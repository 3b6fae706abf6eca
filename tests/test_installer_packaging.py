"""The wheel and the frozen build find resources and migrations the way paths.py expects."""

from __future__ import annotations

import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path

import pytest

from planDesk import paths

ROOT = Path(__file__).resolve().parent.parent


def _pyproject() -> dict[str, object]:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        return tomllib.load(fh)


def test_every_subpackage_is_listed_for_the_wheel() -> None:
    setuptools_cfg = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    listed = set(setuptools_cfg["packages"])
    on_disk = {
        ".".join(p.parent.relative_to(ROOT / "src").parts)
        for p in (ROOT / "src" / "planDesk").rglob("__init__.py")
    }
    missing = on_disk - listed
    assert not missing, f"add these to [tool.setuptools] packages in pyproject.toml: {sorted(missing)}"
    assert {"planDesk._data.resources", "planDesk._data.db"} <= listed


def test_wheel_maps_resources_and_migrations_into_the_package() -> None:
    setuptools_cfg = _pyproject()["tool"]["setuptools"]  # type: ignore[index]
    package_dir = setuptools_cfg["package-dir"]
    assert package_dir["planDesk._data.resources"] == "resources"
    assert package_dir["planDesk._data.db"] == "db"
    data = setuptools_cfg["package-data"]
    assert data["planDesk._data.resources"] == ["**/*"]
    assert data["planDesk._data.db"] == ["**/*"]
    # The markers paths.py looks for exist in those folders.
    assert (ROOT / "resources" / "samples").is_dir()
    assert (ROOT / "db" / "env.py").is_file()


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
