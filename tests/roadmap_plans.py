"""Small plans built directly as PlanView dataclasses, and a fake text measurer,
for the roadmap tests (exact geometry needs exact, simple text widths)."""

from __future__ import annotations

from planDesk.core.domain.codes import full_width
from planDesk.core.plan.view import (
    DepartmentView,
    GoalView,
    GroupRef,
    GroupView,
    InitiativeView,
    KpiView,
    PlanView,
    ReportView,
    StepView,
)


class FakeMeasurer:
    """Every character is 10 pt wide, every line 12 pt high, whatever the style."""

    def width(self, text: str, style: str) -> float:
        return 10.0 * len(text)

    def line_height(self, style: str) -> float:
        return 12.0


def step(id: int, label: str, start_fy: int, end_fy: int, kind: str = "one-off", *,
         sq: int | None = None, eq: int | None = None, sm: int | None = None,
         em: int | None = None, goals: tuple[str, ...] = ()) -> StepView:
    return StepView(id, label, start_fy, sq, sm, end_fy, eq, em, kind, False, goals)


def report(id: int, ini: int, dept: str, dept_id: int, fy: int,
           states: dict[int, str], half: int = 0, status: str = "submitted") -> ReportView:
    return ReportView(id, ini, dept, dept_id, fy, half, status, "B", "", "", None, "", "", (),
                      tuple(sorted(states.items())), (), "テスト", None, None, 1)


def initiative(id: int, number: int, title: str, steps: tuple[StepView, ...], *,
               reports: tuple[ReportView, ...] = (), departments: tuple[str, ...] = ("市民課",),
               goals: tuple[GoalView, ...] = (), kpis: tuple[KpiView, ...] = (),
               policy: int = 1, item: int = 1, priority: bool = False,
               new_in_fy: int | None = None) -> InitiativeView:
    return InitiativeView(
        id=id, uid=f"u{id}", code=f"①－１－{full_width(number)}", number=number, title=title,
        path=(GroupRef(policy, 1, 1, "①", "方針"), GroupRef(item_group_id(item), 2, 1, "①－１", "事項")),
        departments=tuple(DepartmentView(i + 1, d, None) for i, d in enumerate(departments)),
        departments_more=False, priority=priority, new_in_fy=new_in_fy, overview="", status="",
        status_heading="取組状況", goals=goals, kpis=kpis, steps=steps, reports=reports,
        retired=False, version=1)


def item_group_id(item: int) -> int:
    """The group id of promotion item ``item``: group ids are one sequence, unlike the old
    tables' (policy 1 and item 1 were different rows)."""
    return 100 + item


def plan(items: dict[int, tuple[InitiativeView, ...]], *, start_fy: int = 2023, end_fy: int = 2025,
         policies: dict[int, tuple[int, ...]] | None = None) -> PlanView:
    """A plan whose promotion items hold the given initiatives (item id → initiatives);
    ``policies`` maps policy id → its item ids (default: one policy with every item)."""
    policies = policies or {1: tuple(items)}
    pols = []
    for pn, (pid, item_ids) in enumerate(policies.items(), start=1):
        its = tuple(GroupView(item_group_id(iid), 2, n, f"①－{full_width(n)}", f"推進事項{iid}", False, (),
                              items[iid], items[iid])
                    for n, iid in enumerate(item_ids, start=1))
        pols.append(GroupView(pid, 1, pn, "①②③④"[pn - 1], f"方針{pid}", False, its, (), its))
    return PlanView(
        id=1, key="tiny", name="小さな計画", municipality="テスト市", vision="", purpose="",
        period_note="", start_fy=start_fy, end_fy=end_fy, revision="令和5年度版", revision_fy=start_fy,
        level_labels=("基本方針", "推進事項", "取組事項"), numbering="maru", is_current=True,
        evaluation_scale=(("A", "順調"),), directions=("継続",), departments=(),
        groups=tuple(pols), glossary=(), priority_notes=())


def tiny_plan() -> PlanView:
    """Two initiatives in one promotion item; initiative 10 has reports for FY2024."""
    a_steps = (
        step(1, "AB", 2023, 2023, goals=("①",)),
        step(2, "C", 2024, 2024, "continuing", goals=("①", "②")),
        step(3, "D", 2023, 2023, sq=3, eq=4),
        step(4, "M", 2023, 2023, "milestone", sm=3, em=3),
    )
    a_reports = (
        report(100, 10, "市民課", 1, 2024, {1: "done", 2: "in_progress", 3: "not_started"}),
        report(101, 10, "情報政策課", 2, 2024, {1: "done", 2: "delayed", 3: "not_started", 4: "done"}),
        report(102, 10, "市民課", 1, 2023, {1: "in_progress"}),
    )
    goals = (GoalView(1, "①", "手続きを増やします", 2023, 2023),
             GoalView(2, "②", "利用を広げます", 2024, 2025))
    kpis = (KpiView(1, "オンライン手続き数", "手続き", "up", 119, None, 2022, 300, 2023, "①"),)
    a = initiative(10, 1, "あいう", a_steps, reports=a_reports, goals=goals, kpis=kpis,
                   departments=("市民課", "情報政策課"))
    b = initiative(20, 2, "えお", (step(5, "E", 2024, 2025, sq=2, eq=1),))
    return plan({1: (a, b)})
