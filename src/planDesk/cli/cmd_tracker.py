"""``plandesk tracker``: each department's submission state for a cycle.

```
plandesk tracker [--plan KEY] [--fy YEAR | --cycle CYCLE] [--out FILE.xlsx] [--json]
plandesk tracker --return 市民課 --reason "実績値の単位を確認してください" [--fy YEAR]
```
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from planDesk.core.errors import UsageError
from planDesk.core.plan.view import load_plan
from planDesk.core.submissions.scope import resolve_cycle, resolve_department, resolve_plan
from planDesk.core.submissions.tracker import STATES, load_tracker, return_submission
from planDesk.core.submissions.tracker_shared import load_shared_items


def register(sub: Any) -> None:
    from planDesk.cli.context import fy_argument

    p = sub.add_parser("tracker", help="部署ごとの提出状況（未提出・一部提出・提出済・取込済・差戻し）を表示します",
                       description="報告サイクルごとに、各部署の提出状況と日付を表示します。"
                       "--out で Excel に出力、--return で差戻しを記録します。")
    p.add_argument("--plan", metavar="KEY", help="計画のキー（省略時は最初の計画）")
    p.add_argument("--fy", type=fy_argument, metavar="YEAR", help="年度（2025, R7, 令和7年度）")
    p.add_argument("--cycle", metavar="CYCLE", help="報告サイクル（2025、2025H1 など）")
    p.add_argument("--out", type=Path, metavar="FILE.xlsx", help="Excel ブックに出力します")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.add_argument("--return", dest="return_department", metavar="部署",
                   help="この部署の提出を差し戻します（--reason と一緒に）")
    p.add_argument("--reason", metavar="TEXT", help="差戻しの理由")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    if args.out is not None and args.out.suffix.lower() != ".xlsx":
        raise UsageError(f"--out は .xlsx にしてください（指定：{args.out.name}）。")
    if args.return_department and not (args.reason or "").strip():
        raise UsageError("--return には --reason で差戻しの理由を付けてください。")
    store = open_store(args)
    try:
        with store.read() as session:
            plan_id = resolve_plan(session, args.plan)
            cycle = resolve_cycle(session, plan_id, args.fy, args.cycle)
            plan = load_plan(session, plan_id, with_reports=False)
            dept_id = (resolve_department(session, plan_id, args.return_department, purpose="差戻し").id
                       if args.return_department else None)
        if dept_id is not None:
            print(return_submission(store, plan_id, dept_id, cycle, args.reason).summary)
        rows = load_tracker(store, plan_id, cycle)
        shared = load_shared_items(store, plan_id, cycle)
    finally:
        store.close()
    if args.out is not None:
        from planDesk.core.submissions.tracker_xlsx import write_tracker_xlsx

        write_tracker_xlsx(plan, cycle, rows, args.out, shared)
        print(f"提出状況を出力しました：{args.out}（{cycle.label}、{len(rows)} 部署）")
        return 0
    if args.json:
        json.dump({"plan": plan.key, "fy": cycle.fy, "half": cycle.half, "departments": [
            {"department": r.department, "state": r.state, "state_label": r.state_label,
             "initiatives": r.initiatives, "complete": r.complete, "shared": r.shared,
             "shared_complete": r.shared_complete, "reports": r.reported, "filled_by": r.filled_by,
             "submitted_at": r.submitted_at.isoformat() if r.submitted_at else None,
             "merged_at": r.merged_at.isoformat() if r.merged_at else None,
             "returned_at": r.returned_at.isoformat() if r.returned_at else None,
             "last_file": r.last_file, "open_conflicts": r.open_conflicts, "note": r.note} for r in rows],
            "shared_items": [{"code": i.code, "title": i.title, "assigned_to": i.assigned_to, "done": i.done,
                              "total": i.total} for i in shared]},
            sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
        return 0
    counts = "　".join(f"{label} {sum(1 for r in rows if r.state == key)}" for key, label in STATES.items())
    print(f"提出状況（{cycle.label}）{plan.name}　{counts}")
    for r in rows:
        dates = "　".join(f"{name} {d.astimezone():%Y-%m-%d}" for name, d in (
            ("提出", r.submitted_at), ("取込", r.merged_at), ("差戻し", r.returned_at)) if d is not None)
        extra = "　".join(x for x in (r.last_file, f"記入者 {r.filled_by}" if r.filled_by else "", r.note) if x)
        line = f"  {r.state_label}　{r.department}（提出済 {r.completeness}、報告 {r.reported}）　{dates}　{extra}"
        print(line.rstrip())
    if shared:
        print(f"全部署等の{plan.initiative_label}（提出済の部署／報告する部署）")
        for item in shared:
            print(f"  {item.code} {item.title}（{item.assigned_to}）　{item.done} / {item.total}")
    return 0
