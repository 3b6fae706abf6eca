"""Plain, detached views of a plan for the edges (GUI, printouts, JSON, exports).

``load_plan`` reads a whole plan revision in a handful of queries and returns frozen
dataclasses: widgets and printers never hold live ORM objects.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Collection, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import MISSING, dataclass, field, fields, replace
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from planDesk.core.domain import codes
from planDesk.core.errors import NotFoundError

if TYPE_CHECKING:
    from sqlalchemy.engine import Connection
    from sqlalchemy.orm import Session

    from planDesk.core.domain.model import ProgressReport

def _fast_init[T](cls: type[T]) -> type[T]:
    """The frozen, slotted dataclass ``cls`` with an ``__init__`` that fills its slots directly.

    A frozen dataclass's own ``__init__`` sets every field with ``object.__setattr__`` (to
    get past the ``__setattr__`` that refuses changes), about 2.5 times slower than the
    slot's own setter; a plan of 10,000 initiatives makes ~330,000 views. Same parameters
    and defaults, same instances: equality, hashing, ``replace`` and the refusal to change
    a field afterwards are the dataclass's.
    """
    names = [f.name for f in fields(cls)]  # type: ignore[arg-type]
    params = []
    namespace: dict[str, Any] = {}
    for f in fields(cls):  # type: ignore[arg-type]
        if f.default_factory is not MISSING:
            raise TypeError(f"{cls.__name__}.{f.name}: no default factories here")
        namespace[f"_set_{f.name}"] = getattr(cls, f.name).__set__
        if f.default is MISSING:
            params.append(f.name)
        else:
            namespace[f"_default_{f.name}"] = f.default
            params.append(f"{f.name}=_default_{f.name}")
    body = "".join(f"    _set_{n}(self, {n})\n" for n in names)
    exec(f"def __init__(self, {', '.join(params)}):\n{body}", namespace)  # as dataclasses makes its own
    init = namespace["__init__"]
    init.__qualname__ = f"{cls.__qualname__}.__init__"
    init.__module__ = cls.__module__
    cls.__init__ = init  # type: ignore[method-assign]
    return cls


# The GUI imports these dataclasses at start-up; the loaders below import SQLAlchemy and the
# ORM models (~0.5 s) only when first called, so the window paints before they are read.


@_fast_init
@dataclass(frozen=True, slots=True)
class DepartmentView:
    id: int
    name: str
    pseudo: str | None
    retired: bool = False


@_fast_init
@dataclass(frozen=True, slots=True)
class GoalView:
    id: int
    mark: str
    text: str
    target_start_fy: int | None
    target_end_fy: int | None


@_fast_init
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


@_fast_init
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


@_fast_init
@dataclass(frozen=True, slots=True)
class FigureView:
    label: str
    value: float
    unit: str


@_fast_init
@dataclass(frozen=True, slots=True)
class ResultView:
    heading: str
    text: str
    figures: tuple[FigureView, ...]


@_fast_init
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


@_fast_init
@dataclass(frozen=True, slots=True)
class InitiativeView:
    id: int
    uid: str
    code: str
    number: int
    title: str
    path: tuple[GroupRef, ...]  # its groups from the top down to its own
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
    written_code: str | None = None  # the code as the plan wrote it (None: computed)

    @property
    def department_names(self) -> tuple[str, ...]:
        return tuple(d.name for d in self.departments)

    @property
    def group_id(self) -> int:
        """The id of the group it sits in."""
        return self.path[-1].id

    @property
    def top(self) -> GroupRef:
        """Its top-level group (the band of a progress table)."""
        return self.path[0]

    @property
    def parent(self) -> GroupRef:
        """The group it sits in."""
        return self.path[-1]

    @property
    def depth(self) -> int:
        """How many groups are above it."""
        return len(self.path)


@dataclass(frozen=True, slots=True)
class GroupView:
    """A group of the plan's tree at any depth, with what it holds in the plan's order."""

    id: int
    depth: int
    number: int
    code: str
    title: str
    retired: bool
    groups: tuple[GroupView, ...]
    initiatives: tuple[InitiativeView, ...]
    children: tuple[GroupView | InitiativeView, ...]  # both of the above, in the plan's order
    written_code: str | None = None  # the code as the plan wrote it (None: computed)
    slogan: str = ""  # the group's catch phrase as printed above it (line breaks kept)
    version: int = 1  # the row's version: an edit names it (plan/edit/nodes.py)

    @property
    def ref(self) -> GroupRef:
        return GroupRef(self.id, self.depth, self.number, self.code, self.title)

    def walk(self) -> Iterator[GroupView]:
        """This group, then every group below it, in the plan's order (pre-order)."""
        yield self
        for group in self.groups:
            yield from group.walk()

    def all_initiatives(self, *, include_retired: bool = False) -> Iterator[InitiativeView]:
        """Every initiative of the subtree in the plan's order."""
        for child in self.children:
            if isinstance(child, GroupView):
                yield from child.all_initiatives(include_retired=include_retired)
            elif include_retired or not child.retired:
                yield child


@_fast_init
@dataclass(frozen=True, slots=True)
class GroupRef:
    """One group on an initiative's path (enough to name it: label by depth, code, title)."""

    id: int
    depth: int
    number: int
    code: str
    title: str


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
    level_labels: tuple[str, ...]  # the groups' labels by depth (top first), then the initiatives'
    numbering: str
    is_current: bool
    evaluation_scale: tuple[tuple[str, str], ...]
    directions: tuple[str, ...]
    departments: tuple[DepartmentView, ...]
    groups: tuple[GroupView, ...]  # the top level
    glossary: tuple[GlossaryView, ...]
    priority_notes: tuple[tuple[str, str], ...]

    @property
    def group_labels(self) -> tuple[str, ...]:
        """The label of each depth of groups, top first (基本方針, 推進事項 / 分野 …)."""
        return self.level_labels[:-1]

    @property
    def initiative_label(self) -> str:
        """What the plan calls its initiatives (取組事項 / 取組 / 事業 …)."""
        return self.level_labels[-1]

    @property
    def depth(self) -> int:
        """How many levels of groups the plan has."""
        return len(self.level_labels) - 1

    def label_of(self, depth: int) -> str:
        """The label of groups at ``depth`` (1 = top)."""
        return self.level_labels[depth - 1]

    def walk_groups(self) -> Iterator[GroupView]:
        """Every group in the plan's order (pre-order), retired ones included."""
        for group in self.groups:
            yield from group.walk()

    def find_group(self, group_id: int) -> GroupView:
        for group in self.walk_groups():
            if group.id == group_id:
                return group
        raise NotFoundError(f"グループ（ID {group_id}）はこの計画にありません。")

    def initiatives(self, *, include_retired: bool = False) -> Iterator[InitiativeView]:
        """Every initiative in plan order."""
        for group in self.groups:
            yield from group.all_initiatives(include_retired=include_retired)

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


def choose_plan(plans: list[PlanSummary], preferred_key: str | None) -> PlanSummary | None:
    """The plan to open: the preferred one if current, else the first current, else the first."""
    chosen = next((p for p in plans if p.key == preferred_key and p.is_current), None)
    chosen = chosen or next((p for p in plans if p.is_current), None)
    return chosen or (plans[0] if plans else None)


def _columns(model: Any) -> Any:
    """The Core columns of a mapped class's table. The plan is read through these, not the
    mapped attributes: a statement naming a mapped attribute first sets up every mapper and
    relationship of the model (~0.1 s), which reading a plan does not need."""
    return model.__table__.c


def list_plans(session: Session) -> list[PlanSummary]:
    from sqlalchemy import select

    from planDesk.core.domain.model import Plan

    p = _columns(Plan)
    rows = session.execute(select(p.id, p.key, p.name, p.municipality, p.revision, p.start_fy, p.end_fy,
                                  p.is_current).order_by(p.id))
    return [PlanSummary(*row) for row in rows]


def resolve_plan_id(session: Session, key_or_id: str | int | None = None) -> int:
    """The id of the plan named by key or id; default: the first current plan."""
    from sqlalchemy import select

    from planDesk.core.domain.model import Plan

    p = _columns(Plan)
    stmt = select(p.id).where(p.is_current.is_(True)).order_by(p.id)
    if isinstance(key_or_id, int):
        stmt = select(p.id).where(p.id == key_or_id)
    elif key_or_id:
        stmt = stmt.where(p.key == key_or_id)
        if key_or_id.isdigit():
            stmt = select(p.id).where(p.id == int(key_or_id))
    plan_id = session.scalars(stmt).first()
    if plan_id is None:
        if key_or_id:
            raise NotFoundError(f"計画「{key_or_id}」はデータベースにありません。")
        raise NotFoundError(
            "データベースに計画がありません。",
            hint="plandesk init --sample hitachinaka でサンプル計画を読み込んでください。",
        )
    return int(plan_id)


def with_initiatives(plan: PlanView, change: Callable[[InitiativeView], InitiativeView]) -> PlanView:
    """``plan`` with every initiative replaced by ``change(initiative)`` (its groups remade
    around them, ``children`` kept in step with ``initiatives``)."""

    def remade(group: GroupView) -> GroupView:
        subgroups = {g.id: remade(g) for g in group.groups}
        inis = {i.id: change(i) for i in group.initiatives}
        return replace(group, groups=tuple(subgroups.values()), initiatives=tuple(inis.values()),
                       children=tuple(subgroups[c.id] if isinstance(c, GroupView) else inis[c.id]
                                      for c in group.children))

    return replace(plan, groups=tuple(remade(g) for g in plan.groups))


def group_paths(session: Session, plan_id: int, style: str) -> dict[int, tuple[tuple[GroupRef, ...], tuple[int, ...]]]:
    """Every group of the plan by id: its path (refs from the top down to itself, codes in
    the numbering ``style``) and the numbers along it (what an initiative's code is made of)."""
    return _GroupTree.load(session, plan_id).paths(style)


@contextmanager
def _gc_paused() -> Iterator[None]:
    """No cyclic garbage collection meanwhile: building ~300,000 acyclic objects set it off
    again and again over everything already built (~30 % of ``load_plan``)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def load_plan(session: Session, plan_id: int, *, with_reports: bool = True) -> PlanView:
    """Read one plan revision completely into plain dataclasses.

    Everything below the plan row is read as plain rows, one query per table, never as ORM
    objects: a plan of 10,000 initiatives has ~300,000 rows, and building ORM instances
    for them made ``show --json`` ~10 times slower (bench/show_json.py).
    """
    with _gc_paused():
        return _load_plan(session, plan_id, with_reports)


def _load_plan(session: Session, plan_id: int, with_reports: bool) -> PlanView:
    from sqlalchemy import select

    from planDesk.core.domain.model import (
        Department,
        DirectionChoice,
        EvaluationGrade,
        GlossaryTerm,
        Plan,
        PlanLevel,
        PriorityNote,
    )

    if session.autoflush:
        session.flush()  # what the session holds unwritten is read too, as through a query of its own
    p = _columns(Plan)
    plan = session.execute(select(p).where(p.id == plan_id)).first()
    if plan is None:
        raise NotFoundError(f"計画（ID {plan_id}）はデータベースにありません。")

    def of_plan(model: Any, *columns: str, order: tuple[str, ...] = ("position", "id")) -> list[Any]:
        t = _columns(model)
        return list(session.execute(select(*(t[c] for c in columns))
                                    .where(t.plan_id == plan_id).order_by(*(t[c] for c in order))))

    parts = _InitiativeParts.load(session, plan_id)
    reports_by_ini = _load_reports(session, plan_id, parts.shared) if with_reports else {}
    groups = _GroupTree.load(session, plan_id).build(parts, plan.numbering, reports_by_ini)
    labels = tuple(label for label, in of_plan(PlanLevel, "label", order=("depth",)))
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
        level_labels=(*labels, plan.initiative_label),
        numbering=plan.numbering,
        is_current=plan.is_current,
        evaluation_scale=tuple((code, label) for code, label in of_plan(EvaluationGrade, "code", "label")),
        directions=tuple(label for label, in of_plan(DirectionChoice, "label")),
        departments=tuple(DepartmentView(*row) for row in of_plan(Department, "id", "name", "pseudo", "retired")),
        groups=groups,
        glossary=tuple(GlossaryView(*row) for row in of_plan(GlossaryTerm, "index_label", "term", "text")),
        priority_notes=tuple((title, text) for title, text in of_plan(PriorityNote, "title", "text")),
    )


@dataclass
class _GroupTree:
    """A plan's group rows by parent id (None: the top level), each parent's in order."""

    rows: dict[int | None, list[Any]]

    @classmethod
    def load(cls, session: Session, plan_id: int) -> _GroupTree:
        from sqlalchemy import select

        from planDesk.core.domain.model import PlanGroup

        g = _columns(PlanGroup)
        rows: dict[int | None, list[Any]] = _grouped(_rows(session.connection(),
            select(g.parent_id, g.id, g.depth, g.number, g.code, g.title, g.retired, g.slogan, g.version, g.position)
            .where(g.plan_id == plan_id)
            .order_by(g.position, g.id)))  # type: ignore[assignment]  # int keys and None
        return cls(rows)

    def paths(self, style: str) -> dict[int, tuple[tuple[GroupRef, ...], tuple[int, ...]]]:
        """Every group's path (refs from the top down to itself) and its numbers, by id."""
        out: dict[int, tuple[tuple[GroupRef, ...], tuple[int, ...]]] = {}

        def visit(parent: int | None, path: tuple[GroupRef, ...], numbers: tuple[int, ...]) -> None:
            for _, g_id, depth, number, written, title, _retired, _slogan, _version, _pos in self.rows.get(parent, ()):
                nums = (*numbers, number)
                ref = GroupRef(g_id, depth, number, codes.shown(written, codes.group_code(style, nums)), title)
                out[g_id] = ((*path, ref), nums)
                visit(g_id, (*path, ref), nums)

        visit(None, (), ())
        return out

    def build(self, parts: _InitiativeParts, style: str,
              reports: dict[int, list[ReportView]]) -> tuple[GroupView, ...]:
        """The views of the whole tree, initiatives made as their groups are reached."""

        def build(parent: int | None, path: tuple[GroupRef, ...], numbers: tuple[int, ...]) -> list[GroupView]:
            out = []
            for row in self.rows.get(parent, ()):
                _, g_id, depth, number, written, title, retired, slogan, version, _position = row
                nums = (*numbers, number)
                code = codes.shown(written, codes.group_code(style, nums))
                own = (*path, GroupRef(g_id, depth, number, code, title))
                subgroups = build(g_id, own, nums)
                inis = [parts.view(row, own, nums, style, reports.get(row[1], []))
                        for row in parts.initiatives.get(g_id, ())]
                out.append(GroupView(g_id, depth, number, code, title, bool(retired), tuple(subgroups),
                                     tuple(inis), _in_order(subgroups, inis, self.rows.get(g_id, ()),
                                                            parts.initiatives.get(g_id, ())),
                                     written, slogan or "", version))
            return out

        return tuple(build(None, (), ()))


def _in_order(groups: list[GroupView], initiatives: list[InitiativeView], group_rows: Iterable[Any],
              initiative_rows: Iterable[Any]) -> tuple[GroupView | InitiativeView, ...]:
    """A group's children in the plan's order: by position, groups before initiatives on a
    tie (the rows come in their own (position, id) order, so a stable sort keeps ids)."""
    if not groups:
        return tuple(initiatives)
    if not initiatives:
        return tuple(groups)
    keyed: list[tuple[int, int, GroupView | InitiativeView]] = [
        (row[-1], 0, view) for row, view in zip(group_rows, groups, strict=True)]
    keyed += [(row[_INI_POSITION], 1, view) for row, view in zip(initiative_rows, initiatives, strict=True)]
    keyed.sort(key=lambda k: (k[0], k[1]))
    return tuple(view for _, _, view in keyed)


def _rows(conn: Connection, stmt: Any) -> Iterator[Any]:
    """The rows of a Core ``select`` as the driver's tuples, a few thousand at a time, on the
    session's connection (inside its transaction, so every table is read at one moment).

    No SQLAlchemy rows or result types: booleans (0/1 on SQLite), dates and datetimes (text
    on SQLite) are converted by the reader (``bool``, ``_date``, ``_utc``); on a
    10,000-initiative plan the UTC ``DateTime`` decorator alone was ~1/5 of ``load_plan``
    and making ``Row`` objects another ~1/10. Read in batches and made into views as they
    come, so a table's rows are never all held beside the views (the plan's peak memory).
    Every value bound here is an integer id, rendered into the SQL. A driver error is
    raised as SQLAlchemy's (``Store.read`` translates those).
    """
    from sqlalchemy.exc import DBAPIError

    sql = str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True}))
    driver_error = conn.dialect.loaded_dbapi.Error
    cursor = conn.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(sql)
        while batch := cursor.fetchmany(_BATCH):
            yield from batch
    except driver_error as exc:
        raise DBAPIError.instance(sql, None, exc, driver_error) from exc
    finally:
        cursor.close()


_BATCH = 4096


def _date(value: Any) -> date | None:
    """A ``Date`` column's value: text on SQLite, a date on PostgreSQL."""
    return date.fromisoformat(value) if isinstance(value, str) else value


def _utc(value: Any) -> datetime | None:
    """A ``UtcDateTime`` column's value, aware (UTC) as that type reads it back: on SQLite
    the naive UTC text SQLAlchemy wrote, parsed with its zone appended (5 times cheaper than
    parsing and then ``replace(tzinfo=…)``); on PostgreSQL an aware datetime."""
    if value is None:
        return None
    if isinstance(value, str):
        try:
            parsed = datetime.fromisoformat(value + "+00:00")
        except ValueError:  # text that has a zone already
            parsed = datetime.fromisoformat(value)
        if parsed.tzinfo is UTC:
            return parsed
        value = parsed
    from planDesk.core.domain.base import as_utc

    return as_utc(value)


def _grouped(rows: Iterable[Any]) -> dict[int, list[Any]]:
    """Rows grouped by their first column (the parent's id), in query order.

    Rows are read positionally: attribute access on a Row costs several times more, which
    adds up over the ~300,000 rows of a 10,000-initiative plan.
    """
    out: dict[int, list[Any]] = {}
    for row in rows:
        out.setdefault(row[0], []).append(row)
    return out


@dataclass
class _InitiativeParts:
    """A plan's initiatives (rows, by group id) and the views of everything they hold (by
    initiative id)."""

    initiatives: dict[int, list[Any]]  # rows, by group id
    departments: dict[int, list[DepartmentView]] = field(default_factory=dict)
    goals: dict[int, list[GoalView]] = field(default_factory=dict)
    kpis: dict[int, list[KpiView]] = field(default_factory=dict)
    steps: dict[int, list[StepView]] = field(default_factory=dict)
    # one object for each repeated value (department views, units, kinds, marks, ids …):
    # the driver makes a new object for every row, and a 10,000-initiative plan repeats a
    # few hundred values ~100,000 times
    shared: dict[Any, Any] = field(default_factory=dict)

    @classmethod
    def load(cls, session: Session, plan_id: int, only: Collection[int] | None = None) -> _InitiativeParts:
        """Every initiative of the plan, or (``only``) just these (core/plan/refresh.py)."""
        from sqlalchemy import select

        from planDesk.core.domain.model import (
            Department,
            Goal,
            Initiative,
            InitiativeDepartment,
            Kpi,
            PlanGroup,
            RoadmapStep,
            RoadmapStepGoal,
        )

        dep, goal, ini, link, kpi, group, step, step_goal = (_columns(m) for m in (
            Department, Goal, Initiative, InitiativeDepartment, Kpi, PlanGroup, RoadmapStep, RoadmapStepGoal))
        ini_ids: Any = (select(ini.id)
                        .join(PlanGroup.__table__, ini.group_id == group.id)
                        .where(group.plan_id == plan_id))
        if only is not None:
            ini_ids = ini_ids.where(ini.id.in_(sorted(only)))
        conn = session.connection()
        parts = cls(_grouped(_rows(conn,
            select(ini.group_id, ini.id, ini.uid, ini.number, ini.title, ini.departments_more,
                   ini.priority, ini.new_in_fy, ini.overview, ini.status_text, ini.status_heading,
                   ini.retired, ini.version, ini.code, ini.position)
            .where(ini.id.in_(ini_ids))
            .order_by(ini.position, ini.id))))
        share = parts.shared.setdefault

        for ini_id, d_id, name, pseudo, retired in _rows(conn,
                select(link.initiative_id, dep.id, dep.name,
                       dep.pseudo, dep.retired)
                .join(Department.__table__, link.department_id == dep.id)
                .where(link.initiative_id.in_(ini_ids))
                .order_by(link.position, link.id)):
            key = (DepartmentView, d_id, name, pseudo, retired)
            view = parts.shared.get(key)
            if view is None:  # one view per department (18,000 rows name ~60 on 10k)
                view = parts.shared[key] = DepartmentView(d_id, name, pseudo, bool(retired))
            parts.departments.setdefault(ini_id, []).append(view)

        marks: dict[int, tuple[int, str]] = {}  # goal id: (initiative id, mark)
        for ini_id, g_id, mark, text, start, end in _rows(conn,
                select(goal.initiative_id, goal.id, goal.mark, goal.text, goal.target_start_fy,
                       goal.target_end_fy)
                .where(goal.initiative_id.in_(ini_ids))
                .order_by(goal.position, goal.id)):
            mark = share(mark, mark)
            marks[g_id] = (ini_id, mark)
            parts.goals.setdefault(ini_id, []).append(GoalView(g_id, mark, text, start, end))

        for (ini_id, k_id, name, unit, direction, baseline, as_of, as_of_fy, target, target_fy,
             goal_id) in _rows(conn,
                select(kpi.initiative_id, kpi.id, kpi.name, kpi.unit, kpi.direction, kpi.baseline,
                       kpi.baseline_as_of, kpi.baseline_as_of_fy, kpi.target, kpi.target_fy, kpi.goal_id)
                .where(kpi.initiative_id.in_(ini_ids))
                .order_by(kpi.position, kpi.id)):
            owner = marks.get(goal_id) if goal_id else None  # (initiative id, mark)
            parts.kpis.setdefault(ini_id, []).append(KpiView(
                share(k_id, k_id), name, share(unit, unit), share(direction, direction), baseline,
                _date(as_of), as_of_fy, target, target_fy,
                owner[1] if owner is not None and owner[0] == ini_id else None))

        step_marks: dict[int, list[str]] = {}
        for step_id, mark in _rows(conn,
                select(step_goal.step_id, goal.mark)
                .join(Goal.__table__, step_goal.goal_id == goal.id)
                .join(RoadmapStep.__table__, step_goal.step_id == step.id)
                .where(step.initiative_id.in_(ini_ids))
                .order_by(step_goal.id)):
            step_marks.setdefault(step_id, []).append(share(mark, mark))
        no_marks: tuple[str, ...] = ()
        for (ini_id, s_id, label, start_fy, start_q, start_m, end_fy, end_q, end_m, kind,
             inferred) in _rows(conn,
                select(step.initiative_id, step.id, step.label, step.start_fy,
                       step.start_quarter, step.start_month, step.end_fy,
                       step.end_quarter, step.end_month, step.kind,
                       step.inferred)
                .where(step.initiative_id.in_(ini_ids))
                .order_by(step.position, step.id)):
            s_marks = step_marks.get(s_id)
            parts.steps.setdefault(ini_id, []).append(StepView(
                share(s_id, s_id), share(label, label), start_fy, start_q, start_m, end_fy, end_q, end_m,
                share(kind, kind), bool(inferred), tuple(s_marks) if s_marks else no_marks))
        return parts

    def view(self, row: Any, path: tuple[GroupRef, ...], numbers: tuple[int, ...], style: str,
             reports: list[ReportView]) -> InitiativeView:
        """The view of one initiative row under the group ``path`` (whose numbers are ``numbers``)."""
        (_, ini_id, uid, number, title, departments_more, priority, new_in_fy, overview, status_text,
         status_heading, retired, version, written, _position) = row
        return InitiativeView(
            ini_id, uid, codes.shown(written, codes.initiative_code_of(style, (*numbers, number))),
            number, title, path,
            tuple(self.departments.get(ini_id, ())), bool(departments_more), bool(priority), new_in_fy,
            overview, status_text, status_heading,
            tuple(self.goals.get(ini_id, ())), tuple(self.kpis.get(ini_id, ())), tuple(self.steps.get(ini_id, ())),
            tuple(reports), bool(retired), version, written,
        )


_INI_POSITION = 14  # where an initiative row (``_InitiativeParts.initiatives``) has its position


def _load_reports(session: Session, plan_id: int, shared: dict[Any, Any]) -> dict[int, list[ReportView]]:
    """Every report of the plan by initiative, each initiative's in (fy, half, department)
    order, read as rows (see load_plan)."""
    from sqlalchemy import select

    from planDesk.core.domain.model import (
        Department,
        KpiActual,
        ProgressReport,
        ReportFigure,
        ReportingCycle,
        ReportResult,
        StepProgress,
    )

    dep, actual, rep, fig, cycle, bullet, progress = (_columns(m) for m in (
        Department, KpiActual, ProgressReport, ReportFigure, ReportingCycle, ReportResult, StepProgress))

    def of_plan(stmt: Any) -> Any:
        return (stmt.join(ReportingCycle.__table__, rep.cycle_id == cycle.id)
                .where(cycle.plan_id == plan_id))

    share = shared.setdefault
    conn = session.connection()
    actuals: dict[int, list[tuple[int, float | None]]] = {}
    for rep_id, kpi_id, value in _rows(conn, of_plan(  # each report's in KPI order
            select(actual.report_id, actual.kpi_id, actual.value)
            .join(ProgressReport.__table__, actual.report_id == rep.id))
            .order_by(actual.report_id, actual.kpi_id)):
        actuals.setdefault(rep_id, []).append((share(kpi_id, kpi_id), value))
    states: dict[int, list[tuple[int, str]]] = {}
    for rep_id, step_id, state in _rows(conn, of_plan(
            select(progress.report_id, progress.step_id, progress.state)
            .join(ProgressReport.__table__, progress.report_id == rep.id))
            .order_by(progress.report_id, progress.step_id)):
        states.setdefault(rep_id, []).append((share(step_id, step_id), share(state, state)))
    figures = _grouped(_rows(conn, of_plan(
        select(fig.result_id, fig.label, fig.value, fig.unit)
        .join(ReportResult.__table__, fig.result_id == bullet.id)
        .join(ProgressReport.__table__, bullet.report_id == rep.id))
        .order_by(fig.position, fig.id)))
    results = _grouped(_rows(conn, of_plan(
        select(bullet.report_id, bullet.id, bullet.heading, bullet.text)
        .join(ProgressReport.__table__, bullet.report_id == rep.id))
        .order_by(bullet.position, bullet.id)))
    rows = _rows(conn, of_plan(
        select(rep.id, rep.initiative_id, dep.name, rep.department_id, cycle.fy, cycle.half, rep.status,
               rep.evaluation_code, rep.activities, rep.issues, rep.direction, rep.next_steps, rep.return_comment,
               rep.updated_by, rep.updated_at, rep.submitted_at, rep.version)
        .join(Department.__table__, rep.department_id == dep.id)))
    no_results: tuple[ResultView, ...] = ()
    reports = [
        ReportView(
            rep_id, ini_id, share(dept, dept), dept_id, fy, half, share(status, status),
            share(evaluation, evaluation), activities, issues, share(direction, direction), next_steps,
            return_comment,
            tuple(actuals.get(rep_id, ())),
            tuple(states.get(rep_id, ())),
            tuple(ResultView(res[2], res[3], tuple(FigureView(f[1], f[2], f[3]) for f in figures.get(res[1], ())))
                  for res in results[rep_id]) if rep_id in results else no_results,
            share(updated_by, updated_by), _utc(updated_at), _utc(submitted_at), version,
        )
        for (rep_id, ini_id, dept, dept_id, fy, half, status, evaluation, activities, issues, direction,
             next_steps, return_comment, updated_by, updated_at, submitted_at, version) in rows
    ]
    reports.sort(key=lambda rep: (rep.fy, rep.half, rep.department))  # one sort, stable
    by_initiative: dict[int, list[ReportView]] = {}
    for rep in reports:
        by_initiative.setdefault(rep.initiative_id, []).append(rep)
    return by_initiative


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
    return load_reports_of(session, [initiative_id])[initiative_id]


def load_reports_of(session: Session, initiative_ids: Collection[int]) -> dict[int, tuple[ReportView, ...]]:
    """Every report of these initiatives, by initiative (none: an empty tuple). After a merge
    the GUI reads the merged initiatives' reports with this, not the whole plan."""
    from sqlalchemy import select
    from sqlalchemy.orm import selectinload

    from planDesk.core.domain.model import ProgressReport, ReportResult

    found: dict[int, list[ReportView]] = {i: [] for i in initiative_ids}
    ids = sorted(found)
    for start in range(0, len(ids), 500):
        rows = session.scalars(
            select(ProgressReport)
            .where(ProgressReport.initiative_id.in_(ids[start:start + 500]))
            .options(
                selectinload(ProgressReport.department),
                selectinload(ProgressReport.cycle),
                selectinload(ProgressReport.kpi_actuals),
                selectinload(ProgressReport.step_states),
                selectinload(ProgressReport.results).selectinload(ReportResult.figures),
            )
        ).all()
        for r in rows:
            found[r.initiative_id].append(report_view(r))
    return {i: tuple(sorted(reps, key=lambda r: (r.fy, r.half, r.department))) for i, reps in found.items()}
