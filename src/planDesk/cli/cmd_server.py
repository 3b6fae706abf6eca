"""``plandesk upgrade-db``: the administrator creates or upgrades a server's schema (docs/server.md)."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any


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


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.commands import database_target
    from planDesk.core import server
    from planDesk.core.database import database_url, open_database
    from planDesk.core.errors import UsageError

    url = database_url(database_target(args))
    if not server.is_server(url):
        open_database(url).dispose()  # a SQLite file upgrades itself (after a backup)
        print("SQLite のデータベースは開くときに自動で更新されます。更新済みです。")
        return 0
    if args.no_backup and args.backup_dir:
        raise UsageError("--no-backup と --backup-dir は同時に指定できません。")
    done = server.upgrade_server(url, backup=not args.no_backup, backup_dir=args.backup_dir)
    where = server.masked(url)
    if not done.changed:
        print(f"データベース「{where}」は最新です（スキーマ {done.after}）。変更はありません。")
    elif done.before is None:
        print(f"データベース「{where}」に planDesk の表を作成しました（スキーマ {done.after}）。")
    else:
        print(f"データベース「{where}」をスキーマ {done.before} から {done.after} に更新しました。"
              + (f"バックアップ：{done.backup}" if done.backup else ""))
    return 0
