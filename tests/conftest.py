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

from needs import unavailable

from planDesk.core.persistence import store as store_module
from planDesk.core.persistence.store import Store
from planDesk.core.plan.setup import init_sample

# The two seed documents (../shared/seeds beside the checkout); a clone elsewhere has none.
SEEDS = Path(__file__).resolve().parents[1].parent / "shared" / "seeds"
SEED_FILES = {"hitachinaka": "000_4cf2802dc0d51684.txt", "hitachi": "002_c27db3a7c0cd68dc.txt"}


@pytest.fixture(autouse=True)
def _data_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """Every test gets its own user-data folder; nothing touches the real one (nor Qt's own
    settings, such as the file dialog's history, which follow XDG_CONFIG_HOME)."""
    data = tmp_path / "appdata"
    monkeypatch.setenv("PLANDESK_DATA_DIR", str(data))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
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
def store(db_target: str) -> Iterator[Store]:
    s = Store.open(db_target, actor="テスト")
    yield s
    s.close()


@pytest.fixture
def seed_text() -> Callable[[str], str]:
    """The text of a seed document ("hitachinaka" or "hitachi"); the test is skipped, with
    the reason, when ../shared/seeds is not beside the checkout."""

    def read(name: str) -> str:
        path = SEEDS / SEED_FILES[name]
        if not path.is_file():
            unavailable(f"the seed documents are not beside this checkout ({path} is missing)")
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


# -- both backends -------------------------------------------------------------------------------
# Modules marked ``pytestmark = pytest.mark.both_backends`` run each test that uses ``store``
# twice: on a SQLite file and on a database of the throw-away PostgreSQL server that
# ./scripts/test starts (scripts/postgres.sh) and names in PLANDESK_TEST_PG_URL. Without it
# (a developer without PostgreSQL) the PostgreSQL variants skip, saying so; CI always has it.
PG_URL_VAR = "PLANDESK_TEST_PG_URL"
PG_SKIP = f"{PG_URL_VAR} is not set: no PostgreSQL server to test on (./scripts/test starts one)"


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "both_backends: run the module's store tests on SQLite and PostgreSQL")


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if metafunc.definition.get_closest_marker("both_backends") and "backend" in metafunc.fixturenames:
        metafunc.parametrize("backend", ["sqlite", "postgresql"], indirect=True)


@pytest.fixture
def backend(request: pytest.FixtureRequest) -> str:
    """"sqlite" (the default) or "postgresql" in modules marked both_backends."""
    name = str(getattr(request, "param", "sqlite"))
    if name == "postgresql" and not os.environ.get(PG_URL_VAR):
        unavailable(PG_SKIP)
    return name


class PgServer:
    """The test server: fresh databases, each created from a template or empty."""

    def __init__(self, admin_url: str) -> None:
        from sqlalchemy import create_engine
        from sqlalchemy.engine import make_url

        self.url = make_url(admin_url)
        self.admin = create_engine(self.url, isolation_level="AUTOCOMMIT", poolclass=_null_pool())
        self.prefix = f"pdt{os.getpid()}"
        self.count = 0
        self.templates: dict[str, str] = {}

    def url_of(self, name: str) -> str:
        return self.url.set(database=name).render_as_string(hide_password=False)

    def create(self, template: str | None = None) -> str:
        from sqlalchemy import text

        self.count += 1
        name = f"{self.prefix}_{self.count}"
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"' + (f' TEMPLATE "{template}"' if template else "")))
        return name

    def drop(self, name: str) -> None:
        from sqlalchemy import text

        with self.admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))

    def sample(self, sample: str) -> str:
        """A new database holding the built-in plan ``sample`` (its template loaded once)."""
        if sample not in self.templates:
            from planDesk.core.persistence.server_upgrade import upgrade_server

            name = self.create()
            url = self.url_of(name)
            upgrade_server(url, backup=False)
            s = Store.open(url, actor="テスト")
            init_sample(s, sample)
            s.close()
            self.templates[sample] = name
        return self.create(self.templates[sample])

    def close(self) -> None:
        for name in self.templates.values():
            self.drop(name)
        self.admin.dispose()


def _null_pool() -> type:
    from sqlalchemy.pool import NullPool

    return NullPool


@pytest.fixture(scope="session")
def pg_server() -> Iterator[PgServer]:
    url = os.environ.get(PG_URL_VAR)
    if not url:
        unavailable(PG_SKIP)
    server = PgServer(url)
    yield server
    server.close()


@pytest.fixture
def pg_sample_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh PostgreSQL database holding the Hitachinaka sample."""
    name = pg_server.sample("hitachinaka")
    yield pg_server.url_of(name)
    pg_server.drop(name)


@pytest.fixture
def pg_empty_url(pg_server: PgServer) -> Iterator[str]:
    """The URL of a fresh, empty PostgreSQL database (no schema)."""
    name = pg_server.create()
    yield pg_server.url_of(name)
    pg_server.drop(name)


@pytest.fixture
def db_target(backend: str, request: pytest.FixtureRequest) -> str:
    """What ``--db`` names for the test's sample database: a SQLite path or a server URL."""
    if backend == "postgresql":
        return str(request.getfixturevalue("pg_sample_url"))
    return str(request.getfixturevalue("sample_db"))


@pytest.fixture
def db_twin(db_target: str, backend: str, request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """A second database with the same sample plan (same uids) as ``db_target``."""
    if backend == "sqlite":
        yield str(_copy_db(Path(db_target), tmp_path / "twin.sqlite3"))
        return
    server: PgServer = request.getfixturevalue("pg_server")
    name = server.create(server.templates["hitachinaka"])
    yield server.url_of(name)
    server.drop(name)
