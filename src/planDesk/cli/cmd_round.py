"""``plandesk round``: open, show or close the reporting round (the cycle being collected).

```
plandesk round open --fy R7 [--plan KEY]     collect 令和7年度 (also --cycle 2025H1)
plandesk round show [--plan KEY]
plandesk round close [--plan KEY]
```
"""

from __future__ import annotations

import argparse
from typing import Any

from planDesk.core.errors import UsageError
from planDesk.core.submissions.rounds import close_round, load_round, open_round
from planDesk.core.submissions.scope import resolve_cycle, resolve_plan


def register(sub: Any) -> None:
    from planDesk.cli.context import fy_argument

    p = sub.add_parser("round", help="報告の受付（収集中の報告サイクル）を開始・表示・終了します",
                       description="情報政策課が収集する報告サイクルを決めます。受付中は、ほかの報告サイクルの"
                       "提出ブックは取り込みません（merge --cycle でそのサイクルを指定した場合を除く）。")
    p.add_argument("action", choices=["open", "show", "close"], help="open＝開始、show＝表示、close＝終了")
    p.add_argument("--plan", metavar="KEY", help="計画のキー（省略時は最初の計画）")
    p.add_argument("--fy", type=fy_argument, metavar="YEAR", help="年度（2025, R7, 令和7年度）")
    p.add_argument("--cycle", metavar="CYCLE", help="報告サイクル（2025、2025H1 など）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    if args.action == "open" and args.fy is None and not args.cycle:
        raise UsageError("round open には --fy か --cycle で報告サイクルを指定してください（例：--fy R7）。")
    store = open_store(args)
    try:
        with store.read() as session:
            plan_id = resolve_plan(session, args.plan)
            cycle = resolve_cycle(session, plan_id, args.fy, args.cycle) if args.action == "open" else None
        if cycle is not None:
            print(open_round(store, plan_id, cycle).summary)
        elif args.action == "close":
            print(close_round(store, plan_id).summary)
        else:
            current = load_round(store, plan_id)
            print(f"受付中の報告サイクル：{current.label}" if current else "受付中の報告サイクルはありません。")
    finally:
        store.close()
    return 0
