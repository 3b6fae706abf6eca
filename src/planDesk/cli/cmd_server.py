"""``plandesk upgrade-db``: the administrator creates or upgrades a server's schema (docs/server.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from sqlalchemy.engine import make_url


def register(sub: Any) -> None:
    p = sub.add_parser("upgrade-db", help="サーバーのデータベースを作成・更新します（管理者）",
                       description="PostgreSQL サーバーのデータベースに planDesk の表を作成し、"
                                   "または新しい版に更新します。更新の前に pg_dump でバックアップを取ります。"
                                   "同時に一人だけが実行できます（ほかの実行は終わるまで待ちます）。"
                                   "SQLite のファイルは開くときに自動で更新されます。")
    p.add_argument("--backup-dir", type=Path, default=None,
                   help="バックアップ（pg_dump）の保存先（既定: 利用者のデータフォルダの backups）")
    p.add_argument("--no-backup", action="store_true",
                   help="更新前のバックアップを取りません（別にバックアップを取った場合だけ）")
    p.set_defaults(handler=run)
    a = sub.add_parser("add-login", help="サーバーに部署または情報政策課のログインを追加します（管理者）",
                       description="PostgreSQL サーバーにログインを作ります。部署のログインは自部署の報告だけを"
                                   "書き込めます（サーバーが強制します）。パスワードは入力を求めます"
                                   "（画面に表示しません。スクリプトでは環境変数 PLANDESK_NEW_PASSWORD）。")
    a.add_argument("login", help="ログイン名（半角英数字と _）")
    who = a.add_mutually_exclusive_group(required=True)
    who.add_argument("--department", metavar="NAME", help="このログインの部署（計画の部署名）")
    who.add_argument("--division", action="store_true", help="情報政策課（計画の編集・取込・確認・差戻し）")
    a.set_defaults(handler=run_add_login)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import database_target
    from planDesk.core.errors import UsageError
    from planDesk.core.persistence import server, server_upgrade
    from planDesk.core.persistence.database import database_url, open_database

    url = database_url(database_target(args))
    if not server.is_server(url):
        open_database(url).dispose()  # a SQLite file upgrades itself (after a backup)
        print("SQLite のデータベースは開くときに自動で更新されます。更新済みです。")
        return 0
    if args.no_backup and args.backup_dir:
        raise UsageError("--no-backup と --backup-dir は同時に指定できません。")
    done = server_upgrade.upgrade_server(url, backup=not args.no_backup, backup_dir=args.backup_dir)
    where = server.masked(url)
    if not done.changed:
        print(f"データベース「{where}」は最新です（スキーマ {done.after}）。変更はありません。")
    elif done.before is None:
        print(f"データベース「{where}」に planDesk の表を作成しました（スキーマ {done.after}）。")
    else:
        print(f"データベース「{where}」をスキーマ {done.before} から {done.after} に更新しました。"
              + (f"バックアップ：{done.backup}" if done.backup else ""))
    return 0


def run_add_login(args: argparse.Namespace) -> int:
    import getpass
    import os

    from planDesk.cli.context import database_target
    from planDesk.core.errors import UserError
    from planDesk.core.persistence import server
    from planDesk.core.persistence.database import database_url, open_database
    from planDesk.core.persistence.server_roles import add_login

    url = database_url(database_target(args))
    if not server.is_server(url):
        raise UserError("ログインは PostgreSQL サーバーのデータベースにだけ追加できます。")
    password = os.environ.get("PLANDESK_NEW_PASSWORD")
    if not password:
        password = getpass.getpass(f"ログイン「{args.login}」のパスワード: ")
        if getpass.getpass("もう一度: ") != password:
            raise UserError("二つのパスワードが違います。何も変更していません。")
    engine = open_database(url)
    try:
        add_login(engine, args.login, password, department=None if args.division else args.department)
    except UserError:
        raise
    except Exception as exc:
        if getattr(exc, "orig", None) is not None:
            raise server.translate_server_error(exc, url) from exc
        raise
    finally:
        engine.dispose()
    who = "情報政策課" if args.division else f"部署「{args.department}」"
    print(f"ログイン「{args.login}」（{who}）を作成しました。接続先："
          f"{server.masked(make_url(url)._replace(username=args.login, password=None))}")
    return 0
