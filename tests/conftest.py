"""Central test set-up: headless Qt, a temporary data folder, the sample plans loaded once."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

# Set before anything imports Qt or reads the data folder.
os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ.pop("PLANDESK_DB", None)

from datetime import datetime, timedelta

from planDesk.core.persistence import store as store_module
from planDesk.core.persistence.store import Store
from planDesk.core.plan.setup import init_sample

# The two seed documents (../shared/seeds beside the checkout); a clone elsewhere has none.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_FILES = {"hitachinaka": "000_4cf2802dc0d51684.txt", "hitachi": "002_c27db3a7c0cd68dc.txt"}


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


@pytest.fixture
def seed_text() -> Callable[[str], str]:
    """The text of a seed document ("hitachinaka" or "hitachi"); the test is skipped, with
    the reason, when ../shared/seeds is not beside the checkout."""

    def read(name: str) -> str:
        path = SEEDS / SEED_FILES[name]
        if not path.is_file():
            pytest.skip(f"the seed documents are not beside this checkout ({path} is missing)")
        return path.read_text(encoding="utf-8")

    return read


class TickingClock:
    """A clock that moves one second every time it is read: events are ordered without
    sleeping. ``advance`` jumps ahead."""

    def __init__(self) -> None:
        self._now = store_module.now()

    def __call__(self) -> datetime:
        self._now += timedelta(seconds=1)
        return self._now

    def advance(self, seconds: float) -> None:
        self._now += timedelta(seconds=seconds)


@pytest.fixture
def clock() -> Iterator[TickingClock]:
    """Every operation and export reads this clock instead of the system's."""
    ticking = TickingClock()
    previous = store_module.use_clock(ticking)
    yield ticking
    store_module.use_clock(previous)
