"""Opening the plan database: engine settings, migrations, backups, version checks.

SQLite is the default (one file in the user's local data folder); a SQLAlchemy URL
(``postgresql+psycopg://…``) selects a server instead. See docs/database.md for why the
connection settings are what they are.
"""

from __future__ import annotations

import logging
import os
import sqlite3
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, event, inspect, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.exc import DatabaseError as SADatabaseError

from planDesk.core.errors import DatabaseError, DiskFullError
from planDesk.core.persistence.migrations import alembic_config as alembic_config
from planDesk.core.persistence.migrations import current_revision as current_revision
from planDesk.core.persistence.migrations import head_revision as head_revision
from planDesk.core.persistence.migrations import known_revisions as known_revisions

if TYPE_CHECKING:
    from sqlalchemy.orm import Session
    from sqlalchemy.sql.dml import Insert

log = logging.getLogger(__name__)

def busy_timeout_ms() -> int:
    """How long a writer waits for another process's lock (PLANDESK_BUSY_TIMEOUT_MS)."""
    try:
        return max(0, int(os.environ.get("PLANDESK_BUSY_TIMEOUT_MS", "5000")))
    except ValueError:
        return 5000


def database_url(target: str) -> str:
    """A SQLAlchemy URL for ``--db``: a URL is kept, anything else is a SQLite file path."""
    if "://" in target:
        return target
    return "sqlite:///" + str(Path(target).expanduser().resolve())


def sqlite_path(url: str) -> Path | None:
    u = make_url(url)
    if u.get_backend_name() != "sqlite" or not u.database or u.database == ":memory:":
        return None
    return Path(u.database)


def _apply_sqlite_settings(dbapi_connection: Any, _record: Any) -> None:
    # The driver's own transaction handling is switched off so that SQLAlchemy's
    # "begin" event below decides how a transaction starts.
    dbapi_connection.isolation_level = None
    cur = dbapi_connection.cursor()
    cur.execute("PRAGMA foreign_keys = ON")
    cur.execute(f"PRAGMA busy_timeout = {busy_timeout_ms()}")
    # WAL: readers never block the writer, so two windows or processes can work on one
    # file; synchronous=FULL: a commit is on disk before it returns (power cut safe).
    cur.execute("PRAGMA journal_mode = WAL")
    cur.execute("PRAGMA synchronous = FULL")
    cur.close()


def _begin_sqlite(conn: Any) -> None:
    # Writers take the write lock at BEGIN (IMMEDIATE) so two processes wait for each
    # other instead of failing half-way with "database is locked".
    if conn.get_execution_options().get("plandesk_write"):
        conn.exec_driver_sql("BEGIN IMMEDIATE")
    else:
        conn.exec_driver_sql("BEGIN")


def create_db_engine(url: str) -> Engine:
    """An engine with planDesk's connection settings applied on the instance."""
    from planDesk.core.persistence import server

    try:
        if server.is_server(url):
            # pool_pre_ping: a connection dropped by a server restart is replaced once,
            # instead of failing the first command after it.
            engine = create_engine(url, pool_pre_ping=True, connect_args=server.connect_args())
        else:
            engine = create_engine(url)
    except (ArgumentError, ModuleNotFoundError, ImportError) as exc:
        shown = server.masked(url) if "://" in url else url
        if isinstance(exc, ImportError) and "psycopg" in str(exc):
            raise DatabaseError(
                f"データベース「{shown}」（PostgreSQL）に接続するためのドライバー（psycopg）がありません。",
                hint="PostgreSQL 対応版の planDesk を使うか、pip install 'planDesk[postgres]' で入れてください。",
            ) from exc
        raise DatabaseError(
            f"データベースの指定「{shown}」を使えません：{server.scrub(str(exc), url)}",
            hint="SQLite のファイルパスか postgresql+psycopg://… の形式で指定してください。",
        ) from exc
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _apply_sqlite_settings)
        event.listen(engine, "begin", _begin_sqlite)
    return engine


def insert_skipping_duplicates(session: Session, table: Any) -> Insert:
    """INSERT … ON CONFLICT DO NOTHING in the session's dialect: a row another process
    inserted meanwhile (same unique key) is skipped instead of failing the transaction."""
    name = session.get_bind().dialect.name
    if name == "postgresql":
        from sqlalchemy.dialects.postgresql import insert as pg_insert

        return pg_insert(table).on_conflict_do_nothing()
    if name == "sqlite":
        from sqlalchemy.dialects.sqlite import insert as sqlite_insert

        return sqlite_insert(table).on_conflict_do_nothing()
    raise NotImplementedError(f"no INSERT … ON CONFLICT for {name}")


def lock_for(session: Session, kind: int, ident: int) -> None:
    """Serialise writers of one thing (e.g. merges of one department) until the transaction
    ends: pg_advisory_xact_lock on a server; on SQLite the writer already holds the
    database's write lock (BEGIN IMMEDIATE)."""
    if session.get_bind().dialect.name == "postgresql":
        session.execute(text("select pg_advisory_xact_lock(:k, :i)"), {"k": kind, "i": ident})


def backup_sqlite(db_file: Path, reason: str) -> Path:
    """Copy a SQLite database with SQLite's online backup API; return the copy's path."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    target = db_file.with_name(f"{db_file.stem}.{reason}-{stamp}.bak.sqlite3")
    try:
        src = sqlite3.connect(str(db_file))
        try:
            dst = sqlite3.connect(str(target))
            try:
                src.backup(dst)
            finally:
                dst.close()
        finally:
            src.close()
    except (OSError, sqlite3.Error) as exc:
        # A backup that did not finish is no backup: never leave a partial file behind.
        for leftover in (target, target.with_name(target.name + "-journal")):
            leftover.unlink(missing_ok=True)
        if _is_full(exc):
            raise disk_full(str(target.parent)) from exc
        raise
    log.info("backup of %s written to %s", db_file, target)
    return target


def _check_sqlite_file(db_file: Path, *, create: bool) -> None:
    if db_file.exists():
        if db_file.is_dir():
            raise DatabaseError(f"「{db_file}」はフォルダです。データベースのファイルを指定してください。")
        with db_file.open("rb") as fh:
            head = fh.read(16)
        if head and head != b"SQLite format 3\x00":
            raise DatabaseError(
                f"「{db_file}」は planDesk のデータベース（SQLite）ではありません。",
                hint="ファイルを確認するか、別のファイル名を指定してください。",
            )
        return
    if not create:
        raise DatabaseError(
            f"データベース「{db_file}」がありません。",
            hint="plandesk init で作成してください。",
        )
    folder = db_file.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".plandesk-write-test-{datetime.now().timestamp()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        raise DatabaseError(
            f"フォルダ「{folder}」に書き込めません（{exc.strerror or exc}）。",
            hint="書き込みできるフォルダを --db で指定してください。",
        ) from exc


def _is_full(exc: BaseException) -> bool:
    import errno

    if isinstance(exc, OSError) and exc.errno == errno.ENOSPC:
        return True
    text = str(exc).lower()
    return "disk is full" in text or "no space left" in text


def disk_full(where: str) -> DiskFullError:
    """SQLITE_FULL or ENOSPC, in Japanese: nothing of the step that failed was written."""
    return DiskFullError(
        f"ディスクの空き容量が足りないため、「{where}」に書き込めませんでした。この操作の変更は保存していません。",
        hint="ディスクの空き容量を増やしてから、もう一度やり直してください。")


def translate_operational_error(exc: Exception, where: str, url: str | URL | None = None) -> DatabaseError:
    """A Japanese message for a driver error (locked, read-only, corrupt … ; a server's
    connection, login and permission failures when ``url`` names a server)."""
    from planDesk.core.persistence import server

    if url is not None and server.is_server(url):
        return server.translate_server_error(exc, url)
    text = str(getattr(exc, "orig", exc)).lower()
    if "disk is full" in text or "database or disk is full" in text or "no space left" in text:
        return disk_full(where)
    if "locked" in text or "busy" in text:
        msg = f"データベース「{where}」は他のプログラムが使用中です（ロックされています）。"
        hint = "しばらく待ってからやり直してください。"
    elif "readonly" in text or "read-only" in text or "attempt to write" in text:
        msg = f"データベース「{where}」は読み取り専用で、書き込めません。"
        hint = "ファイルの属性や権限を確認してください。"
    elif "not a database" in text or "malformed" in text or "corrupt" in text:
        msg = f"データベース「{where}」は壊れているか、データベースではありません。"
        hint = "バックアップ（*.bak.sqlite3）から戻すか、plandesk init --force で作り直してください。"
    elif "unable to open" in text:
        msg = f"データベース「{where}」を開けません。"
        hint = "パスとフォルダの権限を確認してください。"
    else:
        msg = f"データベース「{where}」でエラーが発生しました：{getattr(exc, 'orig', exc)}"
        hint = ""
    return DatabaseError(msg, hint=hint)


def open_database(target: str, *, create: bool = True, migrate: bool = True) -> Engine:
    """Open (and create or migrate) the database named by ``target``.

    A database from a newer planDesk is refused; before migrating an existing SQLite
    database a backup copy is made. Raises DatabaseError with a Japanese message.
    """
    url = database_url(target)
    db_file = sqlite_path(url)
    if db_file is not None:
        _check_sqlite_file(db_file, create=create)
    engine = create_db_engine(url)
    if db_file is None:
        return _open_server(engine, url)
    where = str(db_file)
    try:
        current = current_revision(engine)
        head = head_revision()
        if current is not None and current not in known_revisions():
            raise DatabaseError(
                f"データベース「{where}」は新しいバージョンの planDesk で作成されています"
                f"（スキーマ {current}）。",
                hint="planDesk を最新版に更新してから開いてください。このデータベースは変更していません。",
            )
        if current is None and _has_foreign_tables(engine):
            raise DatabaseError(
                f"「{where}」は planDesk のデータベースではありません（他のデータを含んでいます）。"
            )
        if current != head and migrate:
            if current is not None and db_file is not None:
                backup_sqlite(db_file, f"before-migrate-{current}")
            from alembic import command

            command.upgrade(alembic_config(engine), "head")
    except (OperationalError, SADatabaseError) as exc:
        engine.dispose()
        raise translate_operational_error(exc, where) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return engine


def _open_server(engine: Engine, url: str) -> Engine:
    """A server's schema is the administrator's (``plandesk upgrade-db``): check, never migrate."""
    from planDesk.core.persistence import server

    try:
        server.check_schema(engine)
    except (OperationalError, SADatabaseError) as exc:
        engine.dispose()
        raise translate_operational_error(exc, server.masked(url), url) from exc
    except DatabaseError:
        engine.dispose()
        raise
    return engine


def _has_foreign_tables(engine: Engine) -> bool:
    names = set(inspect(engine).get_table_names())
    return bool(names - {"alembic_version"})
