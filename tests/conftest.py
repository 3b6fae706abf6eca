"""Central test set-up: headless Qt, a temporary data folder, the sample plans loaded once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or reads the data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("PLANDESK_DB", None)

from planDesk.core.setup_ops import init_sample
from planDesk.core.store import Store


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user-data folder; nothing touches the real one."""
    data = tmp_path / "appdata"
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(data))
    monkeypatch.delenv("PLANDESK_DB", raising=False)
    return data


@pytest.fixture(scope="session")
def _sample_dbs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Each built-in plan loaded once into a database file, copied per test."""
    out: dict[str, Path] = {}
    for name in ("hitachinaka", "hitachi"):
        path = tmp_path_factory.mktemp("samples") / f"{name}.sqlite3"
        store = Store.open(str(path), actor="テスト")
        init_sample(store, name)
        store.close()
        out[name] = path
    return out


def _copy_db(src: Path, dst: Path) -> Path:
    shutil.copyfile(src, dst)
    return dst


@pytest.fixture
def sample_db(tmp_path: Path, _sample_dbs: dict[str, Path]) -> Path:
    """A fresh copy of the Hitachinaka sample database."""
    return _copy_db(_sample_dbs["hitachinaka"], tmp_path / "plan.sqlite3")


@pytest.fixture
def hitachi_db(tmp_path: Path, _sample_dbs: dict[str, Path]) -> Path:
    return _copy_db(_sample_dbs["hitachi"], tmp_path / "hitachi.sqlite3")


@pytest.fixture
def store(sample_db: Path) -> Iterator[Store]:
    s = Store.open(str(sample_db), actor="テスト")
    yield s
    s.close()
