"""Migration 0006 (the tree of groups) on a PostgreSQL server: a server database at schema
0005 holding the saved 0005 data upgrades by ``upgrade-db`` to what the same data reads on
SQLite, and groups made afterwards get fresh ids (the id sequence moved past the given ones)."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import create_engine, insert, text
from sqlalchemy.pool import NullPool

from planDesk.cli.main import main
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Store
from planDesk.core.plan.as_json import plan_to_json
from planDesk.core.plan.view import list_plans, load_plan

SAVED = Path(__file__).resolve().parents[2] / "data" / "schemas" / "0005.sqlite3"


def _plans(target: str) -> list[dict[str, object]]:
    store = Store.open(target, create=False)
    try:
        with store.read() as s:
            out = []
            for p in list_plans(s):
                data = plan_to_json(load_plan(s, p.id))
                data.pop("generated_at", None)
                out.append(data)
            return out
    finally:
        store.close()


def test_a_0005_server_database_becomes_the_same_tree_as_on_sqlite(pg_empty_url: str, tmp_path: Path) -> None:
    engine = create_engine(pg_empty_url, poolclass=NullPool)
    command.upgrade(database.alembic_config(engine), "0005")
    source = sqlite3.connect(SAVED)
    tables = [r[0] for r in source.execute("select name from sqlite_master where type = 'table' "
                                           "and name not in ('alembic_version', 'sqlite_sequence')")]
    from sqlalchemy import MetaData

    meta = MetaData()
    meta.reflect(engine)
    with engine.begin() as conn:
        conn.execute(text("SET session_replication_role = replica"))  # rows in any order
        for name in tables:
            cur = source.execute(f"select * from {name}")  # names from the file itself
            columns = [d[0] for d in cur.description]
            table = meta.tables[name]
            rows = [dict(zip(columns, row, strict=True)) for row in cur]
            for row in rows:
                for col in table.columns:
                    if str(col.type) == "BOOLEAN" and row.get(col.name) is not None:
                        row[col.name] = bool(row[col.name])
            if rows:
                conn.execute(insert(table), rows)
            if "id" in columns:
                conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{name}', 'id'), "
                                  f"COALESCE((SELECT MAX(id) FROM {name}), 0) + 1, false)"))
    engine.dispose()

    assert main(["--db", pg_empty_url, "upgrade-db", "--no-backup"]) == 0
    sqlite_copy = tmp_path / "0005.sqlite3"
    shutil.copyfile(SAVED, sqlite_copy)
    on_server, on_sqlite = _plans(pg_empty_url), _plans(str(sqlite_copy))
    assert on_server == on_sqlite
    assert len(on_server) == 2 and all(p["plan"]["level_labels"] for p in on_server)

    engine = create_engine(pg_empty_url, poolclass=NullPool)
    with engine.begin() as conn:
        top = conn.execute(text("select max(id) from plan_group")).scalar_one()
        made = conn.execute(text(
            "insert into plan_group (plan_id, depth, number, title, slogan, position, retired) "
            "select id, 1, 99, 'new', '', 99, false from plan order by id limit 1 returning id")).scalar_one()
    engine.dispose()
    assert made > top


def test_downgrade_refuses_a_tree_deeper_than_two_levels(tmp_path: Path) -> None:
    from any_plan_helpers import FOUR_LEVELS_MIXED, make_store, tree_plan

    store = make_store(tmp_path / "deep.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    engine = store.engine
    command.downgrade(database.alembic_config(engine), "0006")  # 0007 (group versions) goes back
    with pytest.raises(RuntimeError, match="depth 2"):
        command.downgrade(database.alembic_config(engine), "0005")
    store.close()
    with sqlite3.connect(tmp_path / "deep.sqlite3") as conn:
        assert conn.execute("select version_num from alembic_version").fetchone()[0] == "0006"
        assert conn.execute("select count(*) from plan_group").fetchone()[0] == 10
        assert "version" not in {r[1] for r in conn.execute("pragma table_info(plan_group)")}
