"""The administrator's schema upgrade of a PostgreSQL server (``plandesk upgrade-db``): under
an advisory lock, after a pg_dump of a database that holds data; then the roles and grants.

Clients never migrate a server (server.check_schema refuses an older or newer schema).
"""

from __future__ import annotations

import glob
import logging
import os
import shutil
import subprocess
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import Engine, text
from sqlalchemy.engine import URL, make_url

from planDesk.core.errors import DatabaseError
from planDesk.core.persistence.server import UPGRADE_LOCK, check_schema, masked, scrub, translate_server_error

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UpgradeResult:
    before: str | None
    after: str
    backup: Path | None

    @property
    def changed(self) -> bool:
        return self.before != self.after


def pg_dump_program() -> str | None:
    """pg_dump: PLANDESK_PG_DUMP, else on PATH, else Debian's /usr/lib/postgresql/*/bin."""
    explicit = os.environ.get("PLANDESK_PG_DUMP")
    if explicit:
        return explicit
    found = shutil.which("pg_dump")
    if found:
        return found
    candidates = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_dump"))
    return candidates[-1] if candidates else None


def dump(url: str | URL, folder: Path, reason: str) -> Path:
    """A pg_dump (custom format) of the database into ``folder``; the password goes by environment."""
    u = make_url(url)
    program = pg_dump_program()
    if program is None:
        raise DatabaseError("pg_dump が見つからないため、更新前のバックアップを作れません。何も変更していません。",
                            hint="PostgreSQL のクライアント（pg_dump）を入れるか PLANDESK_PG_DUMP で場所を"
                                 "指定してください。"
                                 "バックアップを別に取った場合は --no-backup を付けられます。")
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    target = folder / f"{u.database}.{reason}-{stamp}.dump"
    env = dict(os.environ)
    if u.password:
        env["PGPASSWORD"] = str(u.password)
    args = [program, "--format=custom", f"--file={target}", f"--dbname={u.database}"]
    if u.host:
        args.append(f"--host={u.host}")
    if u.port:
        args.append(f"--port={u.port}")
    if u.username:
        args.append(f"--username={u.username}")
    done = subprocess.run(args, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        log.warning("pg_dump failed: %s", scrub(done.stderr, u))
        raise DatabaseError("更新前のバックアップ（pg_dump）に失敗しました。何も変更していません。",
                            hint=scrub(done.stderr.strip().splitlines()[-1] if done.stderr.strip() else "", u))
    log.info("backup of %s written to %s", masked(u), target)
    return target


def upgrade_server(url: str, *, backup: bool = True, backup_dir: Path | None = None) -> UpgradeResult:
    """Create or upgrade the schema of a server database: one upgrader at a time
    (pg_advisory_lock), a pg_dump first when it holds data. Idempotent."""
    from alembic import command

    from planDesk import paths
    from planDesk.core.persistence.database import alembic_config, create_db_engine, current_revision, head_revision

    engine = create_db_engine(url)
    try:
        with engine.connect() as lock:
            lock.execute(text("select pg_advisory_lock(:k)"), {"k": UPGRADE_LOCK})
            lock.commit()
            try:
                before = current_revision(engine)
                head = head_revision()
                if before == head:
                    _roles(engine)  # grants and policies of tables a migration may have added
                    return UpgradeResult(before, head, None)
                try:
                    check_schema(engine)
                except DatabaseError as exc:
                    if "古いスキーマ" not in exc.message and "まだ planDesk の表がありません" not in exc.message:
                        raise
                saved = None
                if backup and before is not None:
                    saved = dump(url, backup_dir or paths.user_data_dir() / "backups", f"before-upgrade-{before}")
                command.upgrade(alembic_config(engine), "head")
                _roles(engine)
                return UpgradeResult(before, head, saved)
            finally:
                lock.execute(text("select pg_advisory_unlock(:k)"), {"k": UPGRADE_LOCK})
                lock.commit()
    except DatabaseError:
        raise
    except Exception as exc:
        if getattr(exc, "orig", None) is not None:
            raise translate_server_error(exc, url) from exc
        raise
    finally:
        engine.dispose()


def _roles(engine: Engine) -> None:
    from planDesk.core.persistence.server_roles import setup_roles

    with engine.connect() as conn:
        setup_roles(conn)
        conn.commit()
