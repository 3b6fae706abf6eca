"""``plandesk show [--json] [--plan KEY]``: the plan and its reports."""

from __future__ import annotations

import argparse
import gc
import json
import sys
from typing import Any

from planDesk.core.domain.fiscal import format_fy, format_fy_short
from planDesk.core.plan.as_json import plan_to_json
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, load_plan, resolve_plan_id


def register(sub: Any) -> None:
    p = sub.add_parser("show", help="計画と進捗報告を表示します",
                       description="計画を木構造で表示します。--json で JSON を出力します"
                       "（形式は docs/json-schema.md）。")
    p.add_argument("--json", action="store_true", help="JSON で出力します")
    p.add_argument("--pretty", action="store_true", help="JSON を字下げして読みやすく出力します（遅くなります）")
    p.add_argument("--plan", metavar="KEY", help="計画のキー（例: hitachinaka, hitachi）")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    # One pass over a large acyclic tree (a 10k plan: ~300,000 views, then as many dicts):
    # the cyclic collector would only walk it again and again, and the process ends here.
    gc.disable()
    store = open_store(args)
    try:
        with store.read() as session:
            plan = load_plan(session, resolve_plan_id(session, args.plan))
    finally:
        store.close()
    if args.json:
        # Compact by default: indented output falls back to Python's slow pure-Python
        # encoder (5x slower on a 10,000-initiative plan). dumps, not dump: dump feeds the
        # stream chunk by chunk through the pure-Python iterencode even when compact.
        sys.stdout.write(json.dumps(plan_to_json(plan), ensure_ascii=False, indent=2 if args.pretty else None))
        sys.stdout.write("\n")
    else:
        sys.stdout.write(render_tree(plan))
    return 0


def render_tree(plan: PlanView) -> str:
    """The plan as an indented text tree, one line per node: groups at any depth under the
    plan's label of their depth, each level two spaces further in."""
    lines = [
        f"{plan.name}（{plan.revision}）",
        f"{plan.municipality}　計画期間 {format_fy(plan.start_fy)}〜{format_fy(plan.end_fy)}",
    ]
    if plan.vision:
        lines.append(f"基本理念：{plan.vision}")
    for group in plan.groups:
        _render_group(plan, group, lines)
    lines.append(f"{plan.initiative_label} {sum(1 for _ in plan.initiatives())} 件")
    return "\n".join(lines) + "\n"


def _render_group(plan: PlanView, group: GroupView, lines: list[str]) -> None:
    indent = "  " * (group.depth - 1)
    lines.append(f"{indent}{plan.label_of(group.depth)} {group.code} {group.title}")
    for child in group.children:
        if isinstance(child, InitiativeView):
            _render_initiative(child, indent + "  ", lines)
        else:
            _render_group(plan, child, lines)


def _render_initiative(ini: InitiativeView, indent: str, lines: list[str]) -> None:
    flags = ""
    if ini.priority:
        flags += "【重点】"
    if ini.new_in_fy:
        flags += f"【{format_fy_short(ini.new_in_fy)}新規】"
    depts = "・".join(ini.department_names) + ("など" if ini.departments_more else "")
    lines.append(f"{indent}{ini.code} {ini.title}{flags}　部署：{depts}")
    lines.append(f"{indent}  目標 {len(ini.goals)}　指標 {len(ini.kpis)}　"
                 f"工程 {len(ini.steps)}　報告 {len(ini.reports)}")
