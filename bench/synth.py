"""Synthetic plans of any size for the benchmarks: ``python bench/synth.py --initiatives N``.

A plan is built as the dict of the sample-plan format (docs/sample-plan-format.md) and
written by the same operation ``plandesk init`` uses (``sample_loader.create_plan`` inside
``Store.write``), so it is checked by the same validation. Progress reports carry KPI
actuals and step states, which that format has no place for: they are inserted in bulk
(SQLAlchemy Core ``executemany``) in the same transaction. Per 10,000 initiatives the plan
has 30,000 roadmap steps, ~20,000 goals, ~20,000 KPIs and two reporting cycles of reports.
The same ``seed`` always gives the same plan.
"""

from __future__ import annotations

import argparse
import math
import random
import sys
import time
import uuid
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from sqlalchemy import Table, func, insert, select

from bench import synth_text as words
from planDesk.core.domain.base import Base
from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.domain.model import Plan
from planDesk.core.persistence.store import Store, WriteContext, now
from planDesk.core.plan.samples import create_plan, validate_plan_data

DEFAULT_FY = 2025  # the reporting year; the plan runs from DEFAULT_FY - 1 to DEFAULT_FY + 1
GOAL_MARKS = ("①", "②", "③")
GRADES = ("A", "B", "C", "D")
GRADE_WEIGHTS = (40, 35, 20, 5)
DIRECTIONS = ("拡充", "継続", "見直し", "完了", "廃止")
ALL_DEPARTMENTS_SAMPLE = 8  # reports per 全部署 initiative (a real city gets one per department)


@dataclass(frozen=True)
class SyntheticPlan:
    """What was built (the counts are what a check or a benchmark table quotes)."""

    plan_id: int
    initiatives: int
    goals: int
    kpis: int
    steps: int
    reports: int
    seconds: float


def _shape(n: int) -> list[list[int]]:
    """Initiatives per promotion item, grouped by policy: about √n·2 items over ≤ 10 policies."""
    n_policies = max(1, min(len(words.POLICIES), n // 10))
    n_items = max(n_policies, min(n, round(math.sqrt(n) * 2)))
    per_item = [n // n_items + (1 if i < n % n_items else 0) for i in range(n_items)]
    return [per_item[p::n_policies] for p in range(n_policies)]


def plan_data(n_initiatives: int, *, seed: int = 0, fy: int = DEFAULT_FY) -> dict[str, Any]:
    """A whole plan of ``n_initiatives`` in the sample-plan format (without reports)."""
    rng = random.Random(seed)
    departments = [{"name": name, "pseudo": pseudo} for name, pseudo in words.PSEUDO_DEPARTMENTS]
    departments += [{"name": name} for name in words.DEPARTMENTS]
    policies = []
    serial = 0
    for p_i, sizes in enumerate(_shape(n_initiatives)):
        items = []
        for i_i, size in enumerate(sizes):
            theme = words.ITEM_THEMES[(p_i * 7 + i_i) % len(words.ITEM_THEMES)]
            initiatives = []
            for n_i in range(size):
                serial += 1
                initiatives.append(_initiative(rng, n_i + 1, serial, fy))
            items.append({"number": i_i + 1, "title": theme, "initiatives": initiatives})
        policies.append({"number": p_i + 1, "title": words.POLICIES[p_i], "items": items})
    return {
        "format": 1,
        "plan": {
            "key": f"synthetic-{n_initiatives}",
            "name": f"架空市デジタル化推進アクションプラン（取組 {n_initiatives:,} 件）",
            "municipality": "架空市",
            "vision": "誰もが・どこでも・安心して デジタルの恩恵を受けられるまち",
            "start_fy": fy - 1,
            "end_fy": fy + 1,
            "revision": "ベンチマーク用合成データ",
            "revision_fy": fy - 1,
            "level_labels": ["基本方針", "推進事項", "取組事項"],
            "numbering": "maru",
            "evaluation_scale": [{"code": c, "label": lab}
                                 for c, lab in zip(GRADES, ("順調", "概ね順調", "遅れ", "未着手"), strict=True)],
            "directions": list(DIRECTIONS),
        },
        "departments": departments,
        "policies": policies,
        "glossary": [{"index": "D", "term": "DX", "text": "デジタル技術による業務や生活の変革。"}],
    }


def _initiative(rng: random.Random, number: int, serial: int, fy: int) -> dict[str, Any]:
    subject = rng.choice(words.SUBJECTS)
    title = subject + rng.choice(words.ACTIONS) + rng.choice(words.AREAS)
    if serial % 100 == 1:  # 1 in 100 is for 全部署, as 行政手続きのオンライン化 in the Hitachinaka plan
        departments = ["全部署"]
    else:
        departments = rng.sample(words.DEPARTMENTS, rng.choice((1, 1, 2, 2, 3)))
        if serial % 30 == 7:  # 1 in 30 adds a pseudo-department whose relevant departments report
            departments.append(rng.choice(("関係部署", "窓口担当部署")))
    start, end = fy - 1, fy + 1
    n_goals = rng.choice((1, 2, 2, 3))
    goals = []
    for g in range(n_goals):
        target_fy = rng.choice((start, fy, end))
        goals.append({"mark": GOAL_MARKS[g], "target_start_fy": target_fy, "target_end_fy": target_fy,
                      "text": f"{subject}{rng.choice(words.ACTIONS)}を進め，{format_fy(target_fy)}までに"
                              f"目標の達成を目指します。"})
    kpis = []
    for k in range(rng.choice((1, 2, 2, 3))):
        metric, unit, direction, (low, high) = rng.choice(words.KPI_METRICS)
        baseline = float(rng.randint(low, high))
        target = baseline * rng.uniform(1.2, 3.0) if direction == "up" else baseline * rng.uniform(0.3, 0.8)
        if unit == "％":
            target = min(target, 100.0)
        goal = goals[min(k, n_goals - 1)]
        kpis.append({"name": f"{subject}の{metric}", "unit": unit, "direction": direction,
                     "baseline": baseline, "baseline_as_of": f"{start}-03-31",
                     "target": round(target), "target_fy": goal["target_end_fy"], "goal": goal["mark"]})
    roadmap = [
        {"label": rng.choice(words.STEP_LABELS[0]), "goals": [goals[0]["mark"]],
         "start_fy": start, "end_fy": start, "kind": "one-off"},
        {"label": rng.choice(words.STEP_LABELS[1]), "goals": [goals[-1]["mark"]],
         "start_fy": fy, "end_fy": fy, "start_quarter": rng.randint(1, 2), "end_quarter": rng.randint(3, 4),
         "kind": "one-off"},
        {"label": rng.choice(words.STEP_LABELS[2]), "goals": [g["mark"] for g in goals],
         "start_fy": fy, "end_fy": end, "kind": "continuing"},
    ]
    data: dict[str, Any] = {
        "number": number,
        "title": title,
        "departments": departments,
        "overview": f"{subject}について，市民の利便性向上と業務の効率化を図るため，"
                    f"{title}に取り組みます。（取組 {serial}）",
        "status": f"・{subject}の現状：{kpis[0]['name']} {kpis[0]['baseline']:,.0f}{kpis[0]['unit']}"
                  f"（{format_date_wareki(date(start, 3, 31))}現在）",
        "goals": goals,
        "kpis": kpis,
        "roadmap": roadmap,
    }
    if rng.random() < 0.02:
        data["priority"] = True
    if rng.random() < 0.15:
        data["new_in_fy"] = start
    return data


class _Rows:
    """Rows for each table, with ids handed out after the highest id already in the file."""

    def __init__(self, ctx: WriteContext) -> None:
        self._ctx = ctx
        self._next: dict[str, int] = {}
        self.tables: dict[str, list[dict[str, Any]]] = {}

    def add(self, table: str, **row: Any) -> int:
        if table not in self._next:
            column = _table(table).c.id
            self._next[table] = (self._ctx.session.scalar(select(func.max(column))) or 0) + 1
        row_id = self._next[table]
        self._next[table] = row_id + 1
        self.tables.setdefault(table, []).append({"id": row_id, **row})
        return row_id

    def insert_all(self) -> None:
        # Parents before children, so foreign keys hold at every statement.
        for table in Base.metadata.sorted_tables:
            rows = self.tables.get(table.name)
            if rows:
                self._ctx.session.execute(insert(table), rows)


def _structure_rows(rows: _Rows, plan: Plan, data: dict[str, Any], seed: int) -> list[_Reportable]:
    """Rows of the plan's policies … roadmap steps, as create_plan would write them."""
    rng = random.Random(seed + 2)
    dept_ids = {d.name: d.id for d in plan.departments}
    reportable = []
    for p_pos, pol in enumerate(data["policies"]):
        pol_id = rows.add("plan_group", plan_id=plan.id, parent_id=None, depth=1, number=pol["number"],
                          title=pol["title"], slogan="", position=p_pos, retired=False)
        for i_pos, item in enumerate(pol["items"]):
            item_id = rows.add("plan_group", plan_id=plan.id, parent_id=pol_id, depth=2, number=item["number"],
                               title=item["title"], slogan="", position=i_pos, retired=False)
            for n_pos, ini in enumerate(item["initiatives"]):
                reportable.append(_initiative_rows(rows, rng, item_id, n_pos, ini, dept_ids))
    return reportable


@dataclass(frozen=True)
class _Reportable:
    """What a progress report of one initiative refers to."""

    initiative_id: int
    departments: tuple[str, ...]
    kpis: tuple[tuple[int, float, float], ...]  # id, baseline, target
    steps: tuple[tuple[int, int, int], ...]  # id, start_fy, end_fy


def _initiative_rows(rows: _Rows, rng: random.Random, item_id: int, position: int, d: dict[str, Any],
                     dept_ids: dict[str, int]) -> _Reportable:
    ini_id = rows.add(
        "initiative", group_id=item_id, uid=str(uuid.UUID(int=rng.getrandbits(128), version=4)),
        number=d["number"], title=d["title"], position=position, priority=d.get("priority", False),
        new_in_fy=d.get("new_in_fy"), overview=d["overview"], status_text=d["status"],
        status_heading="取組状況", departments_more=False, retired=False, version=1,
    )
    for pos, name in enumerate(d["departments"]):
        rows.add("initiative_department", initiative_id=ini_id, department_id=dept_ids[name], position=pos)
    goal_ids = {}
    for pos, g in enumerate(d["goals"]):
        goal_ids[g["mark"]] = rows.add(
            "goal", initiative_id=ini_id, position=pos, mark=g["mark"], text=g["text"],
            target_start_fy=g["target_start_fy"], target_end_fy=g["target_end_fy"])
    kpis = []
    for pos, k in enumerate(d["kpis"]):
        kpi_id = rows.add(
            "kpi", initiative_id=ini_id, position=pos, name=k["name"], unit=k["unit"],
            direction=k["direction"], baseline=k["baseline"], baseline_as_of=date.fromisoformat(k["baseline_as_of"]),
            baseline_as_of_fy=None, target=float(k["target"]), target_fy=k["target_fy"],
            goal_id=goal_ids[k["goal"]])
        kpis.append((kpi_id, k["baseline"], float(k["target"])))
    steps = []
    for pos, st in enumerate(d["roadmap"]):
        step_id = rows.add(
            "roadmap_step", initiative_id=ini_id, position=pos, label=st["label"], start_fy=st["start_fy"],
            start_quarter=st.get("start_quarter"), start_month=None, end_fy=st["end_fy"],
            end_quarter=st.get("end_quarter"), end_month=None, kind=st["kind"], inferred=False)
        for mark in st["goals"]:
            rows.add("roadmap_step_goal", step_id=step_id, goal_id=goal_ids[mark])
        steps.append((step_id, st["start_fy"], st["end_fy"]))
    return _Reportable(ini_id, tuple(d["departments"]), tuple(kpis), tuple(steps))


def _report_rows(rows: _Rows, plan: Plan, initiatives: list[_Reportable], fy: int, seed: int) -> None:
    """Progress reports with KPI actuals and step states for the cycles fy-1 (all 確認済) and fy."""
    rng = random.Random(seed + 1)
    real = [d for d in plan.departments if d.pseudo is None]
    pseudo = {d.name: d.pseudo for d in plan.departments if d.pseudo is not None}
    by_name = {d.name: d for d in plan.departments}
    stamp = now()
    cycles = {cycle_fy: rows.add("reporting_cycle", plan_id=plan.id, fy=cycle_fy, half=0, opened_at=stamp,
                                 deadline=None)
              for cycle_fy in (fy - 1, fy)}
    for ini in initiatives:
        reporters = [by_name[name] for name in ini.departments if name not in pseudo]
        kinds = {pseudo[name] for name in ini.departments if name in pseudo}
        if "all" in kinds:
            reporters = rng.sample(real, ALL_DEPARTMENTS_SAMPLE)
        elif "relevant" in kinds:
            reporters += [d for d in rng.sample(real, 3) if d not in reporters][:2]
        for cycle_fy, cycle_id in cycles.items():
            current = cycle_fy == fy
            for dept in reporters:
                if current and rng.random() < 0.3:
                    continue  # not reported yet this year
                status = rng.choice(("draft", "submitted", "confirmed")) if current else "confirmed"
                report_id = rows.add(
                    "progress_report", initiative_id=ini.initiative_id, department_id=dept.id,
                    cycle_id=cycle_id, activities=rng.choice(words.ACTIVITIES),
                    evaluation_code=rng.choices(GRADES, GRADE_WEIGHTS)[0], issues=rng.choice(words.ISSUES),
                    direction=rng.choice(DIRECTIONS[:3]), next_steps=rng.choice(words.NEXT_STEPS),
                    status=status, return_comment="", updated_by=dept.name, updated_at=stamp,
                    submitted_at=stamp if status != "draft" else None, version=1)
                for kpi_id, base, target in ini.kpis:
                    value = base + (target - base) * rng.uniform(0.2, 1.1)
                    rows.add("kpi_actual", report_id=report_id, kpi_id=kpi_id, value=round(value), note="")
                for step_id, start, end in ini.steps:
                    if start > cycle_fy:
                        state = "not_started"
                    elif end < cycle_fy or (end == cycle_fy and not current):
                        state = "done"
                    else:
                        state = rng.choices(("in_progress", "delayed", "done"), (70, 15, 15))[0]
                    rows.add("step_progress", report_id=report_id, step_id=step_id, state=state, note="")


def _table(name: str) -> Table:
    return Base.metadata.tables[name]


def build_synthetic_plan(store_or_db_path: Store | str | Path, n_initiatives: int = 10_000, *,
                         seed: int = 0, with_reports: bool = True, fy: int = DEFAULT_FY) -> SyntheticPlan:
    """Add a synthetic plan of ``n_initiatives`` to a database (created if missing).

    The plan row, departments and master data go through ``create_plan`` (the operation of
    ``plandesk init``); the bulk below it is inserted with Core ``executemany`` because the
    ORM's unit of work needs ~25 s for 10,000 initiatives and this ~3 s (bench/README.md).
    """
    started = time.perf_counter()
    data = plan_data(n_initiatives, seed=seed, fy=fy)
    validate_plan_data(data, f"synthetic-{n_initiatives}")
    own = not isinstance(store_or_db_path, Store)
    store = Store.open(str(store_or_db_path), actor="bench") if own else store_or_db_path
    assert isinstance(store, Store)
    try:
        with store.write("init-synthetic") as ctx:
            plan = create_plan(ctx, {**data, "policies": []})
            rows = _Rows(ctx)
            initiatives = _structure_rows(rows, plan, data, seed)
            if with_reports:
                _report_rows(rows, plan, initiatives, fy, seed)
            rows.insert_all()
            count = {name: len(table_rows) for name, table_rows in rows.tables.items()}
            ctx.audit("plan", plan.id, f"合成データ：取組 {count['initiative']:,} 件・"
                      f"進捗報告 {count.get('progress_report', 0):,} 件", plan_id=plan.id)
            return SyntheticPlan(
                plan_id=plan.id,
                initiatives=count["initiative"],
                goals=count["goal"],
                kpis=count["kpi"],
                steps=count["roadmap_step"],
                reports=count.get("progress_report", 0),
                seconds=time.perf_counter() - started,
            )
    finally:
        if own:
            store.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="ベンチマーク用の合成計画をデータベースに作成します。")
    parser.add_argument("--initiatives", type=int, default=10_000, help="取組事項の数（既定 10000）")
    parser.add_argument("--out", type=Path, required=True, help="作成する SQLite ファイル")
    parser.add_argument("--seed", type=int, default=0, help="乱数の種（同じ種なら同じ計画）")
    parser.add_argument("--fy", type=int, default=DEFAULT_FY, help=f"報告年度（既定 {DEFAULT_FY}）")
    parser.add_argument("--no-reports", action="store_true", help="進捗報告を作らない")
    parser.add_argument("--force", action="store_true", help="既存のファイルを置き換える")
    args = parser.parse_args(argv)
    if args.initiatives < 1:
        parser.error("--initiatives は 1 以上にしてください")
    if args.out.exists():
        if not args.force:
            print(f"synth: 「{args.out}」は既にあります。置き換えるときは --force を付けてください。",
                  file=sys.stderr)
            return 1
        args.out.unlink()
    built = build_synthetic_plan(args.out, args.initiatives, seed=args.seed,
                                 with_reports=not args.no_reports, fy=args.fy)
    print(f"{args.out}: 取組 {built.initiatives:,}・目標 {built.goals:,}・指標 {built.kpis:,}・"
          f"工程 {built.steps:,}・報告 {built.reports:,}（{built.seconds:.1f} 秒）")
    return 0


if __name__ == "__main__":
    sys.exit(main())
