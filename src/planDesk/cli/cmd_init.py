"""``plandesk init [--sample hitachinaka|hitachi|empty] [--force]``."""

from __future__ import annotations

import argparse
from typing import Any

from planDesk.core.plan.samples import sample_names
from planDesk.core.plan.setup import DEFAULT_SAMPLE, init_sample


def register(sub: Any) -> None:
    p = sub.add_parser("init", help="データベースを作成し、計画を読み込みます",
                       description="データベースを作成し、組み込みの計画を読み込みます。")
    p.add_argument("--sample", default=DEFAULT_SAMPLE, choices=[*sample_names(), "empty"],
                   help=f"読み込む組み込み計画（既定: {DEFAULT_SAMPLE}）")
    p.add_argument("--force", action="store_true",
                   help="データベースを空にしてから読み込みます（事前にバックアップします）")
    p.add_argument("--confirm", metavar="DATABASE",
                   help="サーバーのデータベースに --force を使うときの確認：そのデータベース名")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from sqlalchemy.engine import make_url

    from planDesk.cli.context import database_target, open_store
    from planDesk.core.errors import UserError
    from planDesk.core.persistence import server
    from planDesk.core.persistence.database import database_url

    url = database_url(database_target(args))
    if args.force and server.is_server(url):
        name = make_url(url).database
        if args.confirm != name:
            raise UserError(
                f"サーバーのデータベース「{server.masked(url)}」のすべての計画・報告・監査記録を削除して作り直します。"
                "バックアップは自動では取られません。",
                hint=f"先に管理者が pg_dump でバックアップを取り、確認のため --confirm {name} を"
                     "付けて実行してください。")
    store = open_store(args, create=True)
    try:
        change = init_sample(store, args.sample, force=args.force)
    finally:
        store.close()
    print(f"{change.summary}（{store.location}）")
    return 0
