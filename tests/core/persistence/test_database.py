"""Opening, creating, migrating and refusing databases."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import text

from planDesk.core.domain.base import Base
from planDesk.core.errors import DatabaseError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Store

SCHEMAS = Path(__file__).resolve().parents[2] / "data" / "schemas"


def test_fresh_database_matches_the_models(tmp_path: Path) -> None:
    engine = database.open_database(str(tmp_path / "new.sqlite3"))
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn), Base.metadata)
    engine.dispose()
    assert diff == [], "models and migrations disagree: add a migration"


def test_connection_settings_are_applied(tmp_path: Path) -> None:
    engine = database.open_database(str(tmp_path / "db.sqlite3"))
    with engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    engine.dispose()


def test_default_database_is_in_the_local_data_folder(_data_dir: Path) -> None:
    from planDesk import paths

    assert Path(paths.default_database()).parent == _data_dir


def test_plandesk_db_environment_overrides(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    from planDesk import paths

    monkeypatch.setenv("PLANDESK_DB", str(tmp_path / "x.sqlite3"))
    assert paths.default_database() == str(tmp_path / "x.sqlite3")


@pytest.mark.parametrize("schema", sorted(p.name for p in SCHEMAS.glob("*.sqlite3")))
def test_every_released_schema_opens_and_migrates(tmp_path: Path, schema: str) -> None:
    db = tmp_path / schema
    shutil.copyfile(SCHEMAS / schema, db)
    before = sqlite3.connect(db).execute("select count(*) from progress_report").fetchone()[0]
    old_rev = sqlite3.connect(db).execute("select version_num from alembic_version").fetchone()[0]
    store = Store.open(str(db), create=False)
    with store.read() as s:
        assert s.execute(text("select count(*) from progress_report")).scalar() == before
    assert database.current_revision(store.engine) == database.head_revision()
    store.close()
    backups = list(tmp_path.glob("*.bak.sqlite3"))
    if old_rev != database.head_revision():
        assert backups, "no backup made before migrating"
        assert sqlite3.connect(backups[0]).execute("select version_num from alembic_version").fetchone()[0] == old_rev
    with sqlite3.connect(db) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_saved_schemas_cover_every_migration() -> None:
    saved = {p.stem for p in SCHEMAS.glob("*.sqlite3")}
    assert "0001" in saved
    # Every released schema version has a saved database (add one when you add a migration
    # that is released).
    assert saved <= database.known_revisions()


def test_newer_schema_is_refused_and_left_alone(tmp_path: Path) -> None:
    db = tmp_path / "future.sqlite3"
    Store.open(str(db)).close()
    with sqlite3.connect(db) as conn:
        conn.execute("update alembic_version set version_num = '9999_future'")
    content = db.read_bytes()
    with pytest.raises(DatabaseError, match="新しいバージョン"):
        Store.open(str(db), create=False)
    assert db.read_bytes() == content


def test_not_a_database(tmp_path: Path) -> None:
    f = tmp_path / "notes.sqlite3"
    f.write_text("これはデータベースではありません", encoding="utf-8")
    with pytest.raises(DatabaseError, match=r"データベース（SQLite）ではありません"):
        Store.open(str(f))


def test_corrupt_database(tmp_path: Path, sample_db: Path) -> None:
    data = bytearray(sample_db.read_bytes())
    data[100:16384] = b"\xff" * 16284  # keep the file header, destroy the schema pages
    bad = tmp_path / "corrupt.sqlite3"
    bad.write_bytes(bytes(data))
    with pytest.raises(DatabaseError, match="壊れている"):
        Store.open(str(bad), create=False)


def test_missing_database_without_create(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="plandesk init"):
        Store.open(str(tmp_path / "nothing.sqlite3"), create=False)


def test_folder_that_cannot_be_created(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(DatabaseError, match="書き込めません"):
        Store.open(str(blocker / "sub" / "db.sqlite3"))


def test_directory_given_as_database(tmp_path: Path) -> None:
    with pytest.raises(DatabaseError, match="フォルダです"):
        Store.open(str(tmp_path))


def test_read_only_database_is_refused_in_japanese(sample_db: Path) -> None:
    from planDesk.core.plan.setup import init_sample

    store = Store(database.create_db_engine(f"sqlite:///file:{sample_db}?mode=ro&uri=true"))
    with pytest.raises(DatabaseError, match=r"読み取り専用|開けません"):
        init_sample(store, "hitachi")
    store.close()


def test_locked_database(sample_db: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from planDesk.core.plan.setup import init_sample

    monkeypatch.setenv("PLANDESK_BUSY_TIMEOUT_MS", "100")
    holder = sqlite3.connect(sample_db, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        store = Store.open(str(sample_db), create=False)
        with pytest.raises(DatabaseError, match="使用中"):
            init_sample(store, "hitachi")
        store.close()
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_foreign_sqlite_database_is_not_touched(tmp_path: Path) -> None:
    db = tmp_path / "other.sqlite3"
    with sqlite3.connect(db) as conn:
        conn.execute("create table customers (id integer)")
    with pytest.raises(DatabaseError, match="planDesk のデータベースではありません"):
        Store.open(str(db))
    with sqlite3.connect(db) as conn:
        assert [r[0] for r in conn.execute("select name from sqlite_master")] == ["customers"]


def test_backup_uses_a_consistent_copy(sample_db: Path) -> None:
    copy = database.backup_sqlite(sample_db, "test")
    with sqlite3.connect(copy) as conn:
        assert conn.execute("select count(*) from initiative").fetchone()[0] == 34


def test_revision_graph_agrees_with_alembic() -> None:
    from alembic.script import ScriptDirectory

    script = ScriptDirectory.from_config(database.alembic_config())
    assert database.head_revision() == script.get_current_head()
    assert database.known_revisions() == {rev.revision for rev in script.walk_revisions()}


@pytest.mark.parametrize("schema", sorted(p.name for p in SCHEMAS.glob("*.sqlite3") if p.stem < "0006"))
def test_every_saved_schema_becomes_a_tree_of_groups(tmp_path: Path, schema: str) -> None:
    """Migrations 0005 and 0006: every policy becomes a group of depth 1 (same id, its slogan or
    "" kept), every promotion item one of depth 2 under it (number, code, title, order,
    retirement kept), every initiative stays under its item's group with its reports, goals,
    KPIs and steps; the three level labels become the plan's levels and initiative label."""
    db = tmp_path / schema
    shutil.copyfile(SCHEMAS / schema, db)
    with sqlite3.connect(db) as conn:
        policies = conn.execute("select id, plan_id, number, title, position, retired from policy "
                                "order by id").fetchall()
        items = conn.execute("select i.id, i.policy_id, i.number, i.title, i.position, i.retired "
                             "from promotion_item i order by i.id").fetchall()
        inis = conn.execute("select i.id, p.id, i.item_id from initiative i join promotion_item p on p.id = i.item_id "
                            "order by i.id").fetchall()
        labels = conn.execute("select id, level1_label, level2_label, level3_label from plan order by id").fetchall()
        counts = {t: conn.execute(f"select count(*) from {t}").fetchone()[0]
                  for t in ("goal", "kpi", "roadmap_step", "progress_report", "initiative_department")}
        item_codes = conn.execute("select id, code from promotion_item where code is not null").fetchall() \
            if schema >= "0004" else []
    assert policies and items and inis
    Store.open(str(db), create=False).close()
    with sqlite3.connect(db) as conn:
        tables = {r[0] for r in conn.execute("select name from sqlite_master where type = 'table'")}
        assert not tables & {"policy", "promotion_item"}
        tops = conn.execute("select id, plan_id, number, title, position, retired, slogan from plan_group "
                            "where depth = 1 order by id").fetchall()
        assert [t[:6] for t in tops] == policies
        assert {t[6] for t in tops} == {""} or schema >= "0005"
        seconds = conn.execute("select id, parent_id, number, title, position, retired, code from plan_group "
                               "where depth = 2 order by id").fetchall()
        offset = max(p[0] for p in policies)
        assert [(g[0] - offset, *g[1:6]) for g in seconds] == items
        assert [(g[0] - offset, g[6]) for g in seconds if g[6] is not None] == item_codes
        assert conn.execute("select id, group_id from initiative order by id").fetchall() == \
            [(i, item + offset) for i, _p, item in inis]
        assert conn.execute("select plan_id, depth, label from plan_level order by plan_id, depth").fetchall() == \
            [(p, d, lab) for p, l1, l2, _l3 in labels for d, lab in ((1, l1), (2, l2))]
        assert conn.execute("select id, initiative_label from plan order by id").fetchall() == \
            [(p, l3) for p, _l1, _l2, l3 in labels]
        assert {t: conn.execute(f"select count(*) from {t}").fetchone()[0] for t in counts} == counts
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
    store = Store.open(str(db), create=False)  # and a group added later gets a fresh id
    with store.read() as s:
        assert s.execute(text("select count(*) from plan_group")).scalar() == len(policies) + len(items)
    store.close()


def test_groups_of_a_saved_tree_get_a_version(tmp_path: Path) -> None:
    """Migration 0007: every group of a database at 0006 starts at version 1, nothing else
    in the tree changes, and the version is the one edits then check."""
    db = tmp_path / "0006.sqlite3"
    shutil.copyfile(SCHEMAS / "0006.sqlite3", db)
    columns = "id, plan_id, parent_id, depth, number, code, title, slogan, position, retired"
    with sqlite3.connect(db) as conn:
        groups = conn.execute(f"select {columns} from plan_group order by id").fetchall()
    assert groups
    Store.open(str(db), create=False).close()
    with sqlite3.connect(db) as conn:
        assert conn.execute(f"select {columns} from plan_group order by id").fetchall() == groups
        assert {v for (v,) in conn.execute("select version from plan_group")} == {1}
