"""A shared PostgreSQL server: schema check, administrator upgrades, driver errors in Japanese.

On a server only the administrator changes the schema (``plandesk upgrade-db``): under a
PostgreSQL advisory lock, after a pg_dump backup. A client meeting an older or newer
schema refuses with a message saying who has to do what (docs/server.md). Passwords never
appear in a message: URLs are rendered with ``hide_password=True``.
"""

from __future__ import annotations

import logging
import os
from typing import Any

from sqlalchemy import Engine, inspect
from sqlalchemy.engine import URL, make_url

from planDesk.core.errors import DatabaseError

log = logging.getLogger(__name__)

# pg_advisory_lock key of schema upgrades ("planDesk" in ASCII): one upgrader at a time.
UPGRADE_LOCK = 0x706C616E4465736B & 0x7FFFFFFFFFFFFFFF
UPGRADE_HINT = "管理者が plandesk upgrade-db を実行してください（docs/server.md）。"


def is_server(url: str | URL) -> bool:
    return make_url(url).get_backend_name() == "postgresql"


def masked(url: str | URL) -> str:
    """The URL as it may be shown or logged: the password replaced by ***."""
    return make_url(url).render_as_string(hide_password=True)


def scrub(message: str, url: str | URL | None) -> str:
    """``message`` with the URL's password (if any) replaced by ***."""
    if url is None:
        return message
    password = make_url(url).password
    return message.replace(str(password), "***") if password else message


# -- driver errors -------------------------------------------------------------------------------

_CONNECT = ("connection refused", "could not connect", "timeout expired", "could not translate host name",
            "name or service not known", "no route to host", "network is unreachable", "connection timed out",
            "connection is bad", "invalid port")
_LOST = ("server closed the connection", "terminating connection", "connection is closed", "connection already closed",
         "consuming input failed", "ssl syscall", "the connection is lost")
RETRY_STATES = ("40001", "40P01")  # serialization failure, deadlock: the server asks to retry


def sqlstate(exc: BaseException) -> str | None:
    orig = getattr(exc, "orig", exc)
    return getattr(orig, "sqlstate", None) or getattr(getattr(orig, "diag", None), "sqlstate", None)


def translate_server_error(exc: BaseException, url: str | URL) -> DatabaseError:
    """A Japanese message, with what to do, for an error of the PostgreSQL driver."""
    u = make_url(url)
    where = f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}"
    user = u.username or os.environ.get("PGUSER", "")
    raw = str(getattr(exc, "orig", exc))
    low = raw.lower()
    state = sqlstate(exc) or ""
    log.warning("database server error (%s) at %s: %s", state or "-", masked(u), scrub(raw, u))
    if state in ("28P01", "28000") or "password authentication failed" in low or "no password supplied" in low \
            or "authentication failed" in low:
        return DatabaseError(
            f"サーバー「{where}」にログイン「{user}」で接続できません（パスワードが違うか、接続が許可されていません）。",
            hint="パスワードファイル（PGPASSFILE）または接続サービス（PGSERVICE）の設定を確認してください。"
                 "ログインの作成・パスワードの再設定はサーバーの管理者に依頼してください。")
    if state == "3D000" or ("database" in low and "does not exist" in low):
        return DatabaseError(f"サーバー「{where}」にデータベース「{u.database}」がありません。",
                             hint="--db の URL のデータベース名を確認するか、管理者に作成を依頼してください"
                                  "（docs/server.md）。")
    if state.startswith("42501") or "permission denied" in low or "row-level security" in low:
        return permission_denied(u)
    if state.startswith("57P") or state.startswith("08") or any(k in low for k in _LOST):
        return DatabaseError(f"サーバー「{where}」との接続が切れました。何も変更していません。",
                             hint="サーバーが再起動した可能性があります。もう一度操作してください。"
                                  "続くときは管理者に連絡してください。")
    if any(k in low for k in _CONNECT):
        return DatabaseError(f"サーバー「{where}」に接続できません。",
                             hint="サーバーが起動しているか、ホスト名・ポート番号とネットワーク（ファイアウォール）を"
                                  "確認してください。")
    if state in RETRY_STATES:
        return DatabaseError(f"サーバー「{where}」で他の利用者の保存と重なりました。何も変更していません。",
                             hint="もう一度操作してください。")
    return DatabaseError(f"サーバー「{where}」でエラーが発生しました（SQLSTATE {state or '不明'}）。"
                         "何も変更していません。",
                         hint="続くときは、この番号とともに管理者に連絡してください（詳細はログにあります）。")


def permission_denied(url: str | URL | None) -> DatabaseError:
    """The server refused a write to this login (grants, row-level security)."""
    u = make_url(url) if url is not None else None
    user = (u.username if u is not None else None) or os.environ.get("PGUSER", "")
    where = f"{u.host or 'localhost'}:{u.port or 5432}/{u.database or ''}" if u is not None else "サーバー"
    return DatabaseError(
        f"ログイン「{user}」には、この操作をする権限がありません（サーバー「{where}」が拒否しました）。",
        hint="部署のログインは自部署の報告だけを変更できます。計画の編集・取込・確認・差戻し・取消は"
             "情報政策課のログインで行ってください。何も変更していません。")


# -- schema versions -----------------------------------------------------------------------------

def check_schema(engine: Engine) -> None:
    """Refuse a server database whose schema is not this planDesk's (clients never migrate)."""
    from planDesk.core.persistence.migrations import current_revision, head_revision, known_revisions

    where = masked(engine.url)
    current, head = current_revision(engine), head_revision()
    if current == head:
        return
    if current is None:
        if set(inspect(engine).get_table_names()) - {"alembic_version"}:
            raise DatabaseError(f"「{where}」は planDesk のデータベースではありません（他のデータを含んでいます）。")
        raise DatabaseError(f"サーバーのデータベース「{where}」にはまだ planDesk の表がありません。", hint=UPGRADE_HINT)
    if current not in known_revisions():
        raise DatabaseError(
            f"サーバーのデータベース「{where}」は新しいバージョンの planDesk 用です（スキーマ {current}）。",
            hint="この PC の planDesk を管理者が配布する最新版に更新してください。データベースは変更していません。")
    raise DatabaseError(
        f"サーバーのデータベース「{where}」は古いスキーマ（{current}、この planDesk は {head}）のままです。",
        hint="サーバーの更新は管理者だけが行います。" + UPGRADE_HINT)


def connect_args() -> dict[str, Any]:
    """psycopg connection settings: a name the administrator sees in pg_stat_activity, a
    bounded wait for an unreachable server."""
    return {"application_name": "planDesk", "connect_timeout": 10}
