"""``plandesk import-plan FILE.xlsx [--dry-run]``: create or update a plan from a plan workbook.

The workbook is what ``plandesk export plan`` writes (the hand-out), or the same layout
filled in by hand (docs/plan-template.md). Every change is listed; initiatives missing from
the file are retired, never deleted.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planDesk.core.plan.workbook.apply import import_plan


def register(sub: Any) -> None:
    p = sub.add_parser("import-plan", help="計画ブック（.xlsx）から計画を作成・更新します",
                       description="計画ブック（plandesk export plan の出力、または同じ様式に入力したもの）から"
                       "計画を作成します。同じキーの計画があれば、下書きを残したまま更新します"
                       "（docs/plan-template.md）。")
    p.add_argument("file", type=Path, metavar="FILE.xlsx", help="計画ブック")
    p.add_argument("--dry-run", action="store_true", help="変更内容を表示するだけで、何も変更しません")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    store = open_store(args, create=True)
    try:
        result = import_plan(store, args.file, dry_run=args.dry_run)
    finally:
        store.close()
    print(result.summary)
    for line in result.lines:
        print(f"  {line}")
    return 0
