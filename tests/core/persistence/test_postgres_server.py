"""A shared PostgreSQL server: the administrator's schema upgrades, clients refusing other
schemas, Japanese messages without the password, a reconnect after a dropped connection."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest
from concurrent_worker import run_at_once
from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.pool import NullPool

from planDesk.cli.main import main
from planDesk.core.errors import DatabaseError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Store

pytestmark = pytest.mark.slow


def _sql(url: str, statement: str) -> None:
    engine = create_engine(url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        conn.execute(text(statement))
    engine.dispose()


def test_clients_never_migrate_the_administrator_does(pg_empty_url: str, tmp_path: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(DatabaseError, match="まだ planDesk の表がありません") as caught:
        Store.open(pg_empty_url)
    assert "upgrade-db" in caught.value.hint
    assert main(["--db", pg_empty_url, "upgrade-db"]) == 0
    assert "表を作成しました" in capsys.readouterr().out
    assert main(["--db", pg_empty_url, "init"]) == 0
    assert main(["--db", pg_empty_url, "upgrade-db"]) == 0
    assert "最新です" in capsys.readouterr().out
    # an older schema: refused until the administrator upgrades, after a pg_dump
    from alembic import command

    engine = database.create_db_engine(pg_empty_url)
    command.downgrade(database.alembic_config(engine), "0001")
    engine.dispose()
    with pytest.raises(DatabaseError, match="古いスキーマ") as old:
        Store.open(pg_empty_url)
    assert "管理者" in old.value.hint
    assert main(["--db", pg_empty_url, "upgrade-db", "--backup-dir", str(tmp_path / "dumps")]) == 0
    out = capsys.readouterr().out
    assert "0001 から" in out
    [dump] = list((tmp_path / "dumps").glob("*.dump"))
    assert dump.read_bytes()[:5] == b"PGDMP"  # pg_dump's custom format
    Store.open(pg_empty_url).close()
    # a newer schema: refused, nothing changed
    _sql(pg_empty_url, "update alembic_version set version_num = '9999'")
    with pytest.raises(DatabaseError, match="新しいバージョン"):
        Store.open(pg_empty_url)
    assert main(["--db", pg_empty_url, "upgrade-db", "--no-backup"]) == 1
    assert "新しいバージョン" in capsys.readouterr().err


def test_ten_administrators_upgrading_at_once(pg_empty_url: str, tmp_path: Path) -> None:
    """The advisory lock: one creates the schema, the nine others wait and find it current."""
    results = run_at_once(pg_empty_url, tmp_path, [["upgrade"]] * 10)
    assert sorted(r["result"] for r in results) == ["current"] * 9 + ["upgraded"], results
    Store.open(pg_empty_url).close()


def test_no_message_or_log_shows_the_password(pg_sample_url: str, caplog: pytest.LogCaptureFixture,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    password = make_url(pg_sample_url).password
    assert password
    wrong = make_url(pg_sample_url).set(password="Kn0wn-Secret-Passw0rd")
    caplog.set_level(logging.DEBUG)
    for url, expected in (
        (wrong, "パスワードが違うか"),
        (wrong.set(port=1), "接続できません"),
        (wrong.set(database="no_such_database_here"), "パスワードが違うか"),
    ):
        target = url.render_as_string(hide_password=False)
        with pytest.raises(DatabaseError, match=expected) as caught:
            Store.open(target)
        assert "Kn0wn-Secret-Passw0rd" not in str(caught.value)
        assert main(["--db", target, "show"]) == 1
        err = capsys.readouterr().err
        assert expected in err and "Kn0wn-Secret-Passw0rd" not in err
    store = Store.open(pg_sample_url)
    assert password not in store.location and "***" in store.location
    assert main(["--db", pg_sample_url, "show", "--json"]) == 0
    capsys.readouterr()
    store.close()
    assert "Kn0wn-Secret-Passw0rd" not in caplog.text and password not in caplog.text


def test_one_reconnect_after_a_dropped_connection(pg_sample_url: str, pg_server: object) -> None:
    store = Store.open(pg_sample_url)
    with store.read() as s:
        assert s.execute(text("select 1")).scalar() == 1
    name = make_url(pg_sample_url).database
    _sql(pg_sample_url.replace(f"/{name}", "/postgres"),
         f"select pg_terminate_backend(pid) from pg_stat_activity where datname = '{name}' and pid <> pg_backend_pid()")
    with store.read() as s:  # the pooled connection is dead: pre-ping replaces it
        assert s.execute(text("select 1")).scalar() == 1
    store.close()


def test_the_audit_names_the_database_login(pg_sample_url: str) -> None:
    from sqlalchemy import select

    from planDesk.core.domain.model import AuditEntry
    from planDesk.core.plan.setup import init_sample

    store = Store.open(pg_sample_url)
    assert store.actor == make_url(pg_sample_url).username
    init_sample(store, "hitachi")
    with store.read() as s:
        assert s.scalars(select(AuditEntry.actor).order_by(AuditEntry.id.desc())).first() == store.actor
    store.close()


def test_init_force_on_a_server_needs_the_database_name(pg_sample_url: str,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    name = make_url(pg_sample_url).database
    assert main(["--db", pg_sample_url, "init", "--force"]) == 1
    err = capsys.readouterr().err
    assert f"--confirm {name}" in err and "バックアップは自動では取られません" in err
    assert main(["--db", pg_sample_url, "init", "--force", "--confirm", "other"]) == 1
    capsys.readouterr()
    assert main(["--db", pg_sample_url, "init", "--force", "--confirm", str(name)]) == 0


def test_a_password_file_instead_of_a_password_in_the_url(pg_sample_url: str, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    """docs/server.md: the URL on the command line carries no password; libpq reads PGPASSFILE."""
    u = make_url(pg_sample_url)
    pgpass = tmp_path / "pgpass.conf"
    pgpass.write_text(f"{u.host}:{u.port}:{u.database}:{u.username}:{u.password}\n", encoding="utf-8")
    pgpass.chmod(0o600)
    bare = u._replace(password=None).render_as_string(hide_password=False)
    assert ":" + str(u.password) not in bare
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "missing.conf"))
    assert main(["--db", bare, "show"]) == 1
    assert "パスワードファイル（PGPASSFILE）" in capsys.readouterr().err
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    assert main(["--db", bare, "show"]) == 0
    assert "ひたちなか市" in capsys.readouterr().out
