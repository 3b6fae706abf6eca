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
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    store = open_store(args, create=True)
    try:
        change = init_sample(store, args.sample, force=args.force)
    finally:
        store.close()
    print(f"{change.summary}（{store.location}）")
    return 0
