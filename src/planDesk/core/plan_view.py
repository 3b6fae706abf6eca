"""Plain, detached views of a plan for the edges (GUI, printouts, JSON, exports).

``load_plan`` reads a whole plan revision in a handful of queries and returns frozen
dataclasses: widgets and printers never hold live ORM objects.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime

from sqlalchemy import select
from sqlalchemy.orm import Session, selectinload

from planDesk.core import codes
from planDesk.core.errors import NotFoundError
from planDesk.core.model import (
    Initiative,
    InitiativeDepartment,
    Plan,
    Policy,
    ProgressReport,
    PromotionItem,
    ReportingCycle,
    ReportResult,
    RoadmapStep,
    RoadmapStepGoal,
)


@dataclass(frozen=True, slots=True)
class DepartmentView:
    id: int
    name: str
    pseudo: str | None
    retired: bool = False


@dataclass(frozen=True, slots=True)
class GoalView:
    id: int
    mark: str
    text: str
    target_start_fy: int | None
    target_end_fy: int | None


@dataclass(frozen=True, slots=True)
class KpiView:
    id: int
    name: str
    unit: str
    direction: str
    baseline: float | None
    baseline_as_of: date | None
    baseline_as_of_fy: int | None
    target: float | None
    target_fy: int | None
    goal_mark: str | None


@dataclass(frozen=True, slots=True)
class StepView:
    id: int
    label: str
    start_fy: int
    start_quarter: int | None
    start_month: int | None
    end_fy: int
    end_quarter: int | None
    end_month: int | None
    kind: str
    inferred: bool
    goal_marks: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class FigureView:
    label: str
    value: float
    unit: str


@dataclass(frozen=True, slots=True)
class ResultView:
    heading: str
    text: str
    figures: tuple[FigureView, ...]


@dataclass(frozen=True, slots=True)
class ReportView:
    id: int
    initiative_id: int
    department: str
    department_id: int
    fy: int
    half: int
    status: str
    evaluation: str | None
    activities: str
    issues: str
    direction: str | None
    next_steps: str
    return_comment: str
    kpi_actuals: tuple[tuple[int, float | None], ...]
    step_states: tuple[tuple[int, str], ...]
    results: tuple[ResultView, ...]
    updated_by: str
    updated_at: datetime | None
    submitted_at: datetime | None
    version: int


@dataclass(frozen=True, slots=True)
class InitiativeView:
    id: int
    uid: str
    code: str
    number: int
    title: str
    policy_id: int
    policy_title: str
    item_id: int
    item_title: str
    departments: tuple[DepartmentView, ...]
    departments_more: bool
    priority: bool
    new_in_fy: int | None
    overview: str
    status: str
    status_heading: str
    goals: tuple[GoalView, ...]
    kpis: tuple[KpiView, ...]
    steps: tuple[StepView, ...]
    reports: tuple[ReportView, ...]
    retired: bool
    version: int

    @property
    def department_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.departments)


@dataclass(frozen=True, slots=True)
class ItemView:
    id: int
    number: int
    code: str
    title: str
    retired: bool
    initiatives: tuple[InitiativeView, ...]


@dataclass(frozen=True, slots=True)
class PolicyView:
    id: int
    number: int
    code: str
    title: str
    retired: bool
    items: tuple[ItemView, ...]


@dataclass(frozen=True, slots=True)
class GlossaryView:
    index_label: str
    term: str
    text: str


@dataclass(frozen=True, slots=True)
class PlanView:
    id: int
    key: str
    name: str
    municipality: str
    vision: str
    purpose: str
    period_note: str
    start_fy: int
    end_fy: int
    revision: str
    revision_fy: int
    level_labels: tuple[str, str, str]
    numbering: str
    is_current: bool
    evaluation_scale: tuple[tuple[str, str], ...]
    directions: tuple[str, ...]
    departments: tuple[DepartmentView, ...]
    policies: tuple[PolicyView, ...]
    glossary: tuple[GlossaryView, ...]
    priority_notes: tuple[tuple[str, str], ...]

    def initiatives(self, *, include_retired: bool = False) -> Iterator[InitiativeView]:
        """Every initiative in plan order."""
        for policy in self.policies:
            for item in policy.items:
                for ini in item.initiatives:
                    if include_retired or not ini.retired:
                        yield ini

    def fiscal_years(self) -> range:
        return range(self.start_fy, self.end_fy + 1)


@dataclass(frozen=True, slots=True)
class PlanSummary:
    id: int
    key: str
    name: str
    municipality: str
    revision: str
    start_fy: int
    end_fy: int
    is_current: bool


def list_plans(session: Session) -> list[PlanSummary]:
    rows = session.scalars(select(Plan).order_by(Plan.id)).all()
    return [
        PlanSummary(p.id, p.key, p.name, p.municipality, p.revision, p.start_fy, p.end_fy,
                    p.is_current)
        for p in rows
    ]


def resolve_plan_id(session: Session, key_or_id: str | int | None = None) -> int:
    """The id of the plan named by key or id; default: the first current plan."""
    stmt = select(Plan.id).where(Plan.is_current.is_(True)).order_by(Plan.id)
    if isinstance(key_or_id, int):
        stmt = select(Plan.id).where(Plan.id == key_or_id)
    elif key_or_id:
        stmt = stmt.where(Plan.key == key_or_id)
        if key_or_id.isdigit():
            stmt = select(Plan.id).where(Plan.id == int(key_or_id))
    plan_id = session.scalars(stmt).first()
    if plan_id is None:
        if key_or_id:
            raise NotFoundError(f"計画「{key_or_id}」はデータベースにありません。")
        raise NotFoundError(
            "データベースに計画がありません。",
            hint="plandesk init --sample hitachinaka でサンプル計画を読み込んでください。",
        )
    return plan_id


def load_plan(session: Session, plan_id: int, *, with_reports: bool = True) -> PlanView:
    """Read one plan revision completely into plain dataclasses."""
    plan = session.get(
        Plan,
        plan_id,
        options=[
            selectinload(Plan.departments),
            selectinload(Plan.evaluation_grades),
            selectinload(Plan.direction_choices),
            selectinload(Plan.glossary),
            selectinload(Plan.priority_notes),
        ],
    )
    if plan is None:
        raise NotFoundError(f"計画（ID {plan_id}）はデータベースにありません。")
    ini_opts = [
        selectinload(Initiative.department_links).selectinload(InitiativeDepartment.department),
        selectinload(Initiative.goals),
        selectinload(Initiative.kpis),
        selectinload(Initiative.steps)
        .selectinload(RoadmapStep.goal_links)
        .selectinload(RoadmapStepGoal.goal),
    ]
    policies = session.scalars(
        select(Policy)
        .where(Policy.plan_id == plan_id)
        .order_by(Policy.position)
        .options(
            selectinload(Policy.items)
            .selectinload(PromotionItem.initiatives)
            .options(*ini_opts)
        )
    ).all()
    reports_by_ini: dict[int, list[ReportView]] = {}
    if with_reports:
        for rep in _load_reports(session, plan_id):
            reports_by_ini.setdefault(rep.initiative_id, []).append(rep)

    style = plan.numbering
    policy_views = []
    for pol in policies:
        item_views = []
        for item in pol.items:
            ini_views = tuple(
                _initiative_view(ini, pol, item, style, reports_by_ini.get(ini.id, []))
                for ini in item.initiatives
            )
            item_views.append(
                ItemView(item.id, item.number, codes.item_code(style, pol.number, item.number),
                         item.title, item.retired, ini_views)
            )
        policy_views.append(
            PolicyView(pol.id, pol.number, codes.policy_code(style, pol.number), pol.title,
                       pol.retired, tuple(item_views))
        )
    return PlanView(
        id=plan.id,
        key=plan.key,
        name=plan.name,
        municipality=plan.municipality,
        vision=plan.vision,
        purpose=plan.purpose,
        period_note=plan.period_note,
        start_fy=plan.start_fy,
        end_fy=plan.end_fy,
        revision=plan.revision,
        revision_fy=plan.revision_fy,
        level_labels=(plan.level1_label, plan.level2_label, plan.level3_label),
        numbering=plan.numbering,
        is_current=plan.is_current,
        evaluation_scale=tuple((g.code, g.label) for g in plan.evaluation_grades),
        directions=tuple(d.label for d in plan.direction_choices),
        departments=tuple(DepartmentView(d.id, d.name, d.pseudo, d.retired)
                          for d in plan.departments),
        policies=tuple(policy_views),
        glossary=tuple(GlossaryView(g.index_label, g.term, g.text) for g in plan.glossary),
        priority_notes=tuple((n.title, n.text) for n in plan.priority_notes),
    )


def _initiative_view(
    ini: Initiative, pol: Policy, item: PromotionItem, style: str, reports: list[ReportView]
) -> InitiativeView:
    marks = {g.id: g.mark for g in ini.goals}
    return InitiativeView(
        id=ini.id,
        uid=ini.uid,
        code=codes.initiative_code(style, pol.number, item.number, ini.number),
        number=ini.number,
        title=ini.title,
        policy_id=pol.id,
        policy_title=pol.title,
        item_id=item.id,
        item_title=item.title,
        departments=tuple(
            DepartmentView(link.department.id, link.department.name, link.department.pseudo,
                           link.department.retired)
            for link in ini.department_links
        ),
        departments_more=ini.departments_more,
        priority=ini.priority,
        new_in_fy=ini.new_in_fy,
        overview=ini.overview,
        status=ini.status_text,
        status_heading=ini.status_heading,
        goals=tuple(
            GoalView(g.id, g.mark, g.text, g.target_start_fy, g.target_end_fy) for g in ini.goals
        ),
        kpis=tuple(
            KpiView(k.id, k.name, k.unit, k.direction, k.baseline, k.baseline_as_of,
                    k.baseline_as_of_fy, k.target, k.target_fy,
                    marks.get(k.goal_id) if k.goal_id else None)
            for k in ini.kpis
        ),
        steps=tuple(
            StepView(s.id, s.label, s.start_fy, s.start_quarter, s.start_month, s.end_fy,
                     s.end_quarter, s.end_month, s.kind, s.inferred,
                     tuple(link.goal.mark for link in s.goal_links))
            for s in ini.steps
        ),
        reports=tuple(sorted(reports, key=lambda r: (r.fy, r.half, r.department))),
        retired=ini.retired,
        version=ini.version,
    )


def _load_reports(session: Session, plan_id: int) -> list[ReportView]:
    rows = session.scalars(
        select(ProgressReport)
        .join(ReportingCycle, ProgressReport.cycle_id == ReportingCycle.id)
        .where(ReportingCycle.plan_id == plan_id)
        .options(
            selectinload(ProgressReport.department),
            selectinload(ProgressReport.cycle),
            selectinload(ProgressReport.kpi_actuals),
            selectinload(ProgressReport.step_states),
            selectinload(ProgressReport.results).selectinload(ReportResult.figures),
        )
    ).all()
    return [report_view(r) for r in rows]


def report_view(r: ProgressReport) -> ReportView:
    return ReportView(
        id=r.id,
        initiative_id=r.initiative_id,
        department=r.department.name,
        department_id=r.department_id,
        fy=r.cycle.fy,
        half=r.cycle.half,
        status=r.status,
        evaluation=r.evaluation_code,
        activities=r.activities,
        issues=r.issues,
        direction=r.direction,
        next_steps=r.next_steps,
        return_comment=r.return_comment,
        kpi_actuals=tuple(sorted((a.kpi_id, a.value) for a in r.kpi_actuals)),
        step_states=tuple(sorted((s.step_id, s.state) for s in r.step_states)),
        results=tuple(
            ResultView(res.heading, res.text,
                       tuple(FigureView(f.label, f.value, f.unit) for f in res.figures))
            for res in r.results
        ),
        updated_by=r.updated_by,
        updated_at=r.updated_at,
        submitted_at=r.submitted_at,
        version=r.version,
    )


def load_initiative_reports(session: Session, initiative_id: int) -> tuple[ReportView, ...]:
    """Every report of one initiative (all departments and cycles), in the plan's order.

    The GUI refreshes one initiative after a save with this instead of reloading the plan.
    """
    rows = session.scalars(
        select(ProgressReport)
        .where(ProgressReport.initiative_id == initiative_id)
        .options(
            selectinload(ProgressReport.department),
            selectinload(ProgressReport.cycle),
            selectinload(ProgressReport.kpi_actuals),
            selectinload(ProgressReport.step_states),
            selectinload(ProgressReport.results).selectinload(ReportResult.figures),
        )
    ).all()
    return tuple(sorted((report_view(r) for r in rows), key=lambda r: (r.fy, r.half, r.department)))
