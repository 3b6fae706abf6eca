"""The plan database: typed SQLAlchemy 2 models of PRODUCT.md "The data".

Names follow the glossary in docs/glossary.md (PlanGroup = a group of the plan's tree at any
depth: 基本方針, 推進事項, 分野 …; Initiative = 取組事項, RoadmapStep = 工程表の工程,
ProgressReport = 進捗報告 …).
Only portable column types are used so the same models run on SQLite and PostgreSQL.
No Qt here.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    Boolean,
    Date,
    Float,
    ForeignKey,
    Integer,
    String,
    Text,
    UniqueConstraint,
)
from sqlalchemy.orm import Mapped, mapped_column, relationship

from planDesk.core.domain.base import Base, UtcDateTime

# A group's slogan (the area's catch phrase): a few short lines, from the editor or the plan workbook.
MAX_SLOGAN = 200
# The deepest tree of groups a plan may have (plans have 1–4 levels; a few more are allowed).
MAX_DEPTH = 6


class Plan(Base):
    """One revision of a city's action plan (a 年度見直し creates a new row)."""

    __tablename__ = "plan"

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str] = mapped_column(String(64), index=True)  # lineage key, e.g. "hitachinaka"
    name: Mapped[str] = mapped_column(String(200))
    municipality: Mapped[str] = mapped_column(String(100))
    vision: Mapped[str] = mapped_column(Text, default="")
    purpose: Mapped[str] = mapped_column(Text, default="")
    period_note: Mapped[str] = mapped_column(Text, default="")
    start_fy: Mapped[int] = mapped_column(Integer)
    end_fy: Mapped[int] = mapped_column(Integer)
    revision: Mapped[str] = mapped_column(String(100))
    revision_fy: Mapped[int] = mapped_column(Integer)
    # The label of the initiatives (取組事項 / 取組 / 事業), whatever depth they sit at; the
    # groups' labels are in ``levels``.
    initiative_label: Mapped[str] = mapped_column(String(40))
    numbering: Mapped[str] = mapped_column(String(20))  # "maru" | "serial" | "hyphen" (codes.py)
    predecessor_id: Mapped[int | None] = mapped_column(ForeignKey("plan.id"), default=None)
    is_current: Mapped[bool] = mapped_column(Boolean, default=True)
    created_at: Mapped[datetime] = mapped_column(UtcDateTime())

    levels: Mapped[list[PlanLevel]] = relationship(
        back_populates="plan", order_by="PlanLevel.depth", cascade="all, delete-orphan"
    )
    groups: Mapped[list[PlanGroup]] = relationship(  # every group of the plan, any depth
        back_populates="plan", order_by="(PlanGroup.depth, PlanGroup.position, PlanGroup.id)",
        cascade="all, delete-orphan",
    )
    departments: Mapped[list[Department]] = relationship(
        back_populates="plan", order_by="Department.position", cascade="all, delete-orphan"
    )
    evaluation_grades: Mapped[list[EvaluationGrade]] = relationship(
        order_by="EvaluationGrade.position", cascade="all, delete-orphan"
    )
    direction_choices: Mapped[list[DirectionChoice]] = relationship(
        order_by="DirectionChoice.position", cascade="all, delete-orphan"
    )
    glossary: Mapped[list[GlossaryTerm]] = relationship(
        order_by="GlossaryTerm.position", cascade="all, delete-orphan"
    )
    priority_notes: Mapped[list[PriorityNote]] = relationship(
        order_by="PriorityNote.position", cascade="all, delete-orphan"
    )
    cycles: Mapped[list[ReportingCycle]] = relationship(
        back_populates="plan", order_by="ReportingCycle.fy", cascade="all, delete-orphan"
    )

    @property
    def group_labels(self) -> tuple[str, ...]:
        """The label of each depth of groups, from the top (基本方針, 推進事項 …)."""
        return tuple(level.label for level in self.levels)

    def label_of(self, depth: int) -> str:
        """The label of groups at ``depth`` (1 = top)."""
        return self.group_labels[depth - 1]


class Department(Base):
    """A department (部署) of the plan; pseudo-departments such as 全部署 are real rows."""

    __tablename__ = "department"
    __table_args__ = (UniqueConstraint("plan_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    # None for a real department; "all" (全部署: every department reports) or
    # "relevant" (関係部署 etc.: each relevant department reports).
    pseudo: Mapped[str | None] = mapped_column(String(20), default=None)
    position: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)

    plan: Mapped[Plan] = relationship(back_populates="departments")


class PlanLevel(Base):
    """The label of one depth of the plan's tree of groups (1: 基本方針 / 分野, 2: 推進事項 …)."""

    __tablename__ = "plan_level"
    __table_args__ = (UniqueConstraint("plan_id", "depth"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    depth: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))

    plan: Mapped[Plan] = relationship(back_populates="levels")


class PlanGroup(Base):
    """A group of the plan's tree at any depth (基本方針, 推進事項, 分野, 施策 …).

    Top-level groups have no parent and depth 1; a group's depth is its parent's + 1 (kept
    in the row so that a level's label and a printout's column are found without walking
    up). Under one parent, child groups and initiatives share one order: (position, groups
    before initiatives, id).
    """

    __tablename__ = "plan_group"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("plan_group.id", ondelete="CASCADE"), index=True, default=None
    )
    depth: Mapped[int] = mapped_column(Integer)
    number: Mapped[int] = mapped_column(Integer)
    code: Mapped[str | None] = mapped_column(String(40), default=None)  # as written; None: computed
    title: Mapped[str] = mapped_column(String(200))
    # The group's catch phrase as the plan prints it above it (分野のスローガン), line breaks
    # kept; "" when the plan has none.
    slogan: Mapped[str] = mapped_column(Text, default="", server_default="")  # at most MAX_SLOGAN characters
    position: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    # Edits of the group itself (name, slogan, number, code, place, retiring) bump the version;
    # the UPDATE names the version read, as for initiatives (migration 0007).
    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012

    plan: Mapped[Plan] = relationship(back_populates="groups")
    parent: Mapped[PlanGroup | None] = relationship(back_populates="children", remote_side="PlanGroup.id")
    children: Mapped[list[PlanGroup]] = relationship(
        # no delete-orphan: top-level groups have no parent (the plan's ``groups`` owns them all)
        back_populates="parent", order_by="(PlanGroup.position, PlanGroup.id)", cascade="all"
    )
    initiatives: Mapped[list[Initiative]] = relationship(
        back_populates="group", order_by="(Initiative.position, Initiative.id)", cascade="all, delete-orphan"
    )


class Initiative(Base):
    """What departments report on (取組事項 / 取組), under a group of any depth."""

    __tablename__ = "initiative"

    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int] = mapped_column(
        ForeignKey("plan_group.id", ondelete="CASCADE"), index=True
    )
    # Stable identity across revisions, renames and renumbering (submissions refer to it).
    uid: Mapped[str] = mapped_column(String(36), index=True)
    number: Mapped[int] = mapped_column(Integer)
    # The code as the plan writes it (1-8-3, Ⅰ-2, ア …); None: computed (core/domain/codes.py).
    code: Mapped[str | None] = mapped_column(String(40), default=None)
    title: Mapped[str] = mapped_column(String(300))
    position: Mapped[int] = mapped_column(Integer)
    priority: Mapped[bool] = mapped_column(Boolean, default=False)  # 重点
    new_in_fy: Mapped[int | None] = mapped_column(Integer, default=None)  # 【R5新規】 → 2023
    overview: Mapped[str] = mapped_column(Text, default="")
    status_text: Mapped[str] = mapped_column(Text, default="")
    status_heading: Mapped[str] = mapped_column(String(100), default="取組状況")
    departments_more: Mapped[bool] = mapped_column(Boolean, default=False)  # "…など"
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Plan edits bump the version; the UPDATE names the version read (see ProgressReport).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012

    group: Mapped[PlanGroup] = relationship(back_populates="initiatives")
    department_links: Mapped[list[InitiativeDepartment]] = relationship(
        order_by="InitiativeDepartment.position", cascade="all, delete-orphan"
    )
    goals: Mapped[list[Goal]] = relationship(
        back_populates="initiative", order_by="Goal.position", cascade="all, delete-orphan"
    )
    kpis: Mapped[list[Kpi]] = relationship(
        back_populates="initiative", order_by="Kpi.position", cascade="all, delete-orphan"
    )
    steps: Mapped[list[RoadmapStep]] = relationship(
        back_populates="initiative", order_by="RoadmapStep.position", cascade="all, delete-orphan"
    )
    reports: Mapped[list[ProgressReport]] = relationship(
        back_populates="initiative", cascade="all, delete-orphan"
    )


class InitiativeDepartment(Base):
    """The ordered departments of an initiative."""

    __tablename__ = "initiative_department"
    __table_args__ = (UniqueConstraint("initiative_id", "department_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("department.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)

    department: Mapped[Department] = relationship()


class Goal(Base):
    """A goal (目標) of an initiative: ①, (1) … with an optional target fiscal year range."""

    __tablename__ = "goal"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    mark: Mapped[str] = mapped_column(String(20))
    text: Mapped[str] = mapped_column(Text)
    target_start_fy: Mapped[int | None] = mapped_column(Integer, default=None)
    target_end_fy: Mapped[int | None] = mapped_column(Integer, default=None)

    initiative: Mapped[Initiative] = relationship(back_populates="goals")


class Kpi(Base):
    """A key performance indicator (指標) with baseline, target and direction."""

    __tablename__ = "kpi"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(300))
    unit: Mapped[str] = mapped_column(String(40), default="")
    direction: Mapped[str] = mapped_column(String(10), default="up")  # "up" | "down"
    baseline: Mapped[float | None] = mapped_column(Float, default=None)
    baseline_as_of: Mapped[date | None] = mapped_column(Date, default=None)
    baseline_as_of_fy: Mapped[int | None] = mapped_column(Integer, default=None)
    target: Mapped[float | None] = mapped_column(Float, default=None)
    target_fy: Mapped[int | None] = mapped_column(Integer, default=None)
    goal_id: Mapped[int | None] = mapped_column(
        ForeignKey("goal.id", ondelete="SET NULL"), default=None
    )

    initiative: Mapped[Initiative] = relationship(back_populates="kpis")
    goal: Mapped[Goal | None] = relationship()


class RoadmapStep(Base):
    """A step of the roadmap (工程表): a bar, an arrow (continuing) or a milestone."""

    __tablename__ = "roadmap_step"

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(Text)
    start_fy: Mapped[int] = mapped_column(Integer)
    start_quarter: Mapped[int | None] = mapped_column(Integer, default=None)
    start_month: Mapped[int | None] = mapped_column(Integer, default=None)
    end_fy: Mapped[int] = mapped_column(Integer)
    end_quarter: Mapped[int | None] = mapped_column(Integer, default=None)
    end_month: Mapped[int | None] = mapped_column(Integer, default=None)
    kind: Mapped[str] = mapped_column(String(20), default="one-off")
    inferred: Mapped[bool] = mapped_column(Boolean, default=False)

    initiative: Mapped[Initiative] = relationship(back_populates="steps")
    goal_links: Mapped[list[RoadmapStepGoal]] = relationship(cascade="all, delete-orphan")


class RoadmapStepGoal(Base):
    """Which goals a roadmap step serves."""

    __tablename__ = "roadmap_step_goal"
    __table_args__ = (UniqueConstraint("step_id", "goal_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    step_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_step.id", ondelete="CASCADE"), index=True
    )
    goal_id: Mapped[int] = mapped_column(ForeignKey("goal.id", ondelete="CASCADE"), index=True)

    goal: Mapped[Goal] = relationship()


class EvaluationGrade(Base):
    """One grade of the plan's own 進捗評価 scale (A 順調 …)."""

    __tablename__ = "evaluation_grade"
    __table_args__ = (UniqueConstraint("plan_id", "code"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    code: Mapped[str] = mapped_column(String(10))
    label: Mapped[str] = mapped_column(String(40))


class DirectionChoice(Base):
    """One choice of 今後の方向性 (拡充 / 継続 / 見直し / 完了 / 廃止 …) for the plan."""

    __tablename__ = "direction_choice"
    __table_args__ = (UniqueConstraint("plan_id", "label"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(40))


class GlossaryTerm(Base):
    """An entry of the plan's 用語解説."""

    __tablename__ = "glossary_term"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    index_label: Mapped[str] = mapped_column(String(10), default="")
    term: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class PriorityNote(Base):
    """The plan's explanation of a 重点 initiative (e.g. ４．重点取組事項)."""

    __tablename__ = "priority_note"

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(200))
    text: Mapped[str] = mapped_column(Text)


class ReportingCycle(Base):
    """A reporting cycle: a fiscal year, optionally one half of it (half 1 or 2)."""

    __tablename__ = "reporting_cycle"
    __table_args__ = (UniqueConstraint("plan_id", "fy", "half"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    plan_id: Mapped[int] = mapped_column(ForeignKey("plan.id", ondelete="CASCADE"), index=True)
    fy: Mapped[int] = mapped_column(Integer)
    half: Mapped[int] = mapped_column(Integer, default=0)  # 0 = whole year
    opened_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    deadline: Mapped[date | None] = mapped_column(Date, default=None)

    plan: Mapped[Plan] = relationship(back_populates="cycles")


class ProgressReport(Base):
    """進捗報告: one initiative × one reporting department × one cycle."""

    __tablename__ = "progress_report"
    __table_args__ = (UniqueConstraint("initiative_id", "department_id", "cycle_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    initiative_id: Mapped[int] = mapped_column(
        ForeignKey("initiative.id", ondelete="CASCADE"), index=True
    )
    department_id: Mapped[int] = mapped_column(
        ForeignKey("department.id", ondelete="CASCADE"), index=True
    )
    cycle_id: Mapped[int] = mapped_column(
        ForeignKey("reporting_cycle.id", ondelete="CASCADE"), index=True
    )
    activities: Mapped[str] = mapped_column(Text, default="")  # 実施状況
    evaluation_code: Mapped[str | None] = mapped_column(String(10), default=None)  # 進捗評価
    issues: Mapped[str] = mapped_column(Text, default="")  # 課題
    direction: Mapped[str | None] = mapped_column(String(40), default=None)  # 今後の方向性
    next_steps: Mapped[str] = mapped_column(Text, default="")  # 今後の取組
    status: Mapped[str] = mapped_column(String(20), default="draft")  # draft/submitted/confirmed
    return_comment: Mapped[str] = mapped_column(Text, default="")  # 差戻し理由
    updated_by: Mapped[str] = mapped_column(String(100), default="")
    updated_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    submitted_at: Mapped[datetime | None] = mapped_column(UtcDateTime(), default=None)
    version: Mapped[int] = mapped_column(Integer, default=1)
    # Every ORM UPDATE/DELETE of a report names the version it read (WHERE version = :v):
    # the database itself refuses a lost update (StaleDataError → ConflictError in Store).
    __mapper_args__ = {"version_id_col": version, "version_id_generator": False}  # noqa: RUF012

    initiative: Mapped[Initiative] = relationship(back_populates="reports")
    department: Mapped[Department] = relationship()
    cycle: Mapped[ReportingCycle] = relationship()
    kpi_actuals: Mapped[list[KpiActual]] = relationship(cascade="all, delete-orphan")
    step_states: Mapped[list[StepProgress]] = relationship(cascade="all, delete-orphan")
    results: Mapped[list[ReportResult]] = relationship(
        order_by="ReportResult.position", cascade="all, delete-orphan"
    )


class KpiActual(Base):
    """The actual value of a KPI reported in one progress report."""

    __tablename__ = "kpi_actual"
    __table_args__ = (UniqueConstraint("report_id", "kpi_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_report.id", ondelete="CASCADE"), index=True
    )
    kpi_id: Mapped[int] = mapped_column(ForeignKey("kpi.id", ondelete="CASCADE"), index=True)
    value: Mapped[float | None] = mapped_column(Float, default=None)
    note: Mapped[str] = mapped_column(Text, default="")


class StepProgress(Base):
    """The state of one roadmap step in one report: not_started / in_progress / done / delayed."""

    __tablename__ = "step_progress"
    __table_args__ = (UniqueConstraint("report_id", "step_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_report.id", ondelete="CASCADE"), index=True
    )
    step_id: Mapped[int] = mapped_column(
        ForeignKey("roadmap_step.id", ondelete="CASCADE"), index=True
    )
    state: Mapped[str] = mapped_column(String(20), default="not_started")
    note: Mapped[str] = mapped_column(Text, default="")


class ReportResult(Base):
    """A bullet of a report's 実績, under an optional 【heading】."""

    __tablename__ = "report_result"

    id: Mapped[int] = mapped_column(primary_key=True)
    report_id: Mapped[int] = mapped_column(
        ForeignKey("progress_report.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    heading: Mapped[str] = mapped_column(String(200), default="")
    text: Mapped[str] = mapped_column(Text, default="")

    figures: Mapped[list[ReportFigure]] = relationship(
        order_by="ReportFigure.position", cascade="all, delete-orphan"
    )


class ReportFigure(Base):
    """A figure of a 実績 bullet: label, value and unit (e.g. 6,051 件)."""

    __tablename__ = "report_figure"

    id: Mapped[int] = mapped_column(primary_key=True)
    result_id: Mapped[int] = mapped_column(
        ForeignKey("report_result.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    label: Mapped[str] = mapped_column(String(200), default="")
    value: Mapped[float] = mapped_column(Float)
    unit: Mapped[str] = mapped_column(String(40), default="")


class AuditEntry(Base):
    """One change to a report or the plan: who, when, what, before and after."""

    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UtcDateTime(), index=True)
    actor: Mapped[str] = mapped_column(String(100))
    plan_id: Mapped[int | None] = mapped_column(Integer, index=True, default=None)
    operation: Mapped[str] = mapped_column(String(60))  # e.g. "init-sample", "save-report"
    entity: Mapped[str] = mapped_column(String(40))
    entity_id: Mapped[int | None] = mapped_column(Integer, default=None)
    summary: Mapped[str] = mapped_column(Text, default="")
    before: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    after: Mapped[dict[str, object] | None] = mapped_column(JSON, default=None)
    batch: Mapped[str | None] = mapped_column(String(36), index=True, default=None)


# The submission round trip's tables (merges, conflicts, tracker events, plan imports, the
# open round) live in core/domain/round_records.py and round_model.py; importing them here
# puts them in Base.metadata for Alembic and init.
from planDesk.core.domain import round_model as _round_model  # noqa: E402, F401
from planDesk.core.domain import round_records as _round_records  # noqa: E402, F401
