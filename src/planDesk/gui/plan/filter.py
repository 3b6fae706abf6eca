"""Filtering the plan tree: my department, 重点, 新規, evaluation, report status, text.

The proxy decides once per filter change which initiatives match (one pass over the plan,
fast enough for 10,000 initiatives) and then answers ``filterAcceptsRow`` from that set;
a group node, at any depth, is shown when any initiative below it matches (so the
ancestors of every match stay), and its label shows "matching／total" counts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel, Qt, QTimer

from planDesk.gui.identity import Identity, is_mine
from planDesk.gui.plan.report_index import Cycle, ReportIndex
from planDesk.gui.plan.text_fold import fold, search_text
from planDesk.gui.plan.tree_model import COL_NAME, INITIATIVE, KIND_ROLE, TITLE_ROLE, TOTAL_ROLE, PlanTreeModel

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import InitiativeView

ModelIndex = QModelIndex | QPersistentModelIndex

ANY = ""
NO_EVALUATION = "-"  # evaluation filter: reports without an evaluation yet


@dataclass(frozen=True, slots=True)
class FilterSpec:
    mine: bool = False
    priority: bool = False
    new: bool = False
    evaluation: str = ANY  # a grade code, NO_EVALUATION, or ANY
    status: str = ANY  # none / draft / submitted / confirmed, or ANY
    text: str = ""

    @property
    def active(self) -> bool:
        return self != FilterSpec()


def matching_initiatives(initiatives: list[InitiativeView], spec: FilterSpec, reports: ReportIndex,
                         identity: Identity | None, cycle: Cycle,
                         haystacks: dict[int, str]) -> set[int]:
    """The ids of the initiatives that pass every criterion of ``spec``."""
    needle = fold(spec.text)
    dept = identity.department if identity else None
    out: set[int] = set()
    for ini in initiatives:
        if spec.mine and dept is not None and not is_mine(ini, dept):
            continue
        if spec.priority and not ini.priority:
            continue
        if spec.new and ini.new_in_fy is None:
            continue
        if needle and needle not in haystacks[ini.id]:
            continue
        if spec.evaluation or spec.status:
            summary = reports.summary(ini, identity, cycle)
            if spec.status and summary.status != spec.status:
                continue
            if spec.evaluation:
                evaluations = _evaluations(ini, reports, identity, cycle)
                wanted = None if spec.evaluation == NO_EVALUATION else spec.evaluation
                if wanted not in evaluations:
                    continue
        out.add(ini.id)
    return out


def _evaluations(ini: InitiativeView, reports: ReportIndex, identity: Identity | None,
                 cycle: Cycle) -> set[str | None]:
    parts = reports.for_cycle(ini.id, cycle)
    if identity is not None and identity.department is not None:
        parts = [r for r in parts if r.department == identity.department]
    return {r.evaluation or None for r in parts} or {None}


def haystack(ini: InitiativeView) -> str:
    """Everything a user may search an initiative by."""
    return search_text(
        ini.code, ini.title, *(g.title for g in ini.path), ini.overview, ini.status,
        " ".join(ini.department_names), *(g.text for g in ini.goals), *(k.name for k in ini.kpis),
        *(s.label for s in ini.steps),
    )


class PlanFilterProxy(QSortFilterProxyModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._spec = FilterSpec()
        self._accepted: set[int] | None = None  # None: no filter, everything shown
        self._counts: dict[int, int] = {}  # group node position → matching initiatives
        self._haystacks: dict[int, str] = {}
        self._pending: list[InitiativeView] = []
        self._folder = QTimer(self)
        self._folder.setInterval(0)
        self._folder.timeout.connect(self._fold_some)
        self.setDynamicSortFilter(False)

    @property
    def spec(self) -> FilterSpec:
        return self._spec

    def tree(self) -> PlanTreeModel:
        model = self.sourceModel()
        assert isinstance(model, PlanTreeModel)
        return model

    def plan_changed(self) -> None:
        """Call after the source model got a new plan. The search texts (a second or two
        of folding for 10,000 initiatives) are prepared in small slices while the user
        looks, not at start-up; a search before they are ready finishes them at once."""
        self._haystacks = {}
        self._pending = list(self.tree().initiatives())
        self._folder.start()

    def initiatives_changed(self, initiatives: list[InitiativeView]) -> None:
        """These initiatives' texts changed (a rename, an edit): fold them again."""
        changed = {ini.id for ini in initiatives}
        self._pending = [ini for ini in self._pending if ini.id not in changed]
        for ini in initiatives:
            self._haystacks[ini.id] = haystack(ini)

    def _fold_some(self) -> None:
        for ini in self._pending[-200:]:
            self._haystacks[ini.id] = haystack(ini)
        del self._pending[-200:]
        if not self._pending:
            self._folder.stop()

    def _fold_all(self) -> None:
        for ini in self._pending:
            self._haystacks[ini.id] = haystack(ini)
        self._pending = []
        self._folder.stop()

    def apply(self, spec: FilterSpec, reports: ReportIndex, identity: Identity | None,
              cycle: Cycle) -> None:
        self._spec = spec
        self.beginFilterChange()
        if not spec.active:
            self._accepted = None
            self._counts = {}
        else:
            if spec.text and self._pending:
                self._fold_all()
            self._accepted = matching_initiatives(self.tree().initiatives(), spec, reports, identity,
                                                  cycle, self._haystacks)
            self._counts = self.tree().group_counts(self._accepted)
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)
        self._refresh_group_labels()

    def accepted(self) -> frozenset[int] | None:
        """The ids of the initiatives shown, or None when no filter is set."""
        return None if self._accepted is None else frozenset(self._accepted)

    def matching_count(self) -> int | None:
        return None if self._accepted is None else len(self._accepted)

    def _refresh_group_labels(self) -> None:
        """Repaint the counts of every group row, at any depth: announced on the source
        model, which Qt maps to the rows shown (groups are few; initiative rows are not walked)."""
        self.tree().group_labels_changed()

    def filterAcceptsRow(self, source_row: int, source_parent: ModelIndex) -> bool:
        if self._accepted is None:
            return True
        # Asked for every row of the tree at each filter change: the node, without a QModelIndex.
        pos, node = self.tree().child_at(source_row, source_parent)
        if node.kind == INITIATIVE:
            return node.ref_id in self._accepted
        return self._counts.get(pos, 0) > 0

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if (role == Qt.ItemDataRole.DisplayRole and index.column() == COL_NAME and self._accepted is not None
                and index.data(KIND_ROLE) != INITIATIVE):
            source = self.mapToSource(index)
            total = source.data(TOTAL_ROLE)
            shown = self._counts.get(source.internalId(), 0)
            return self.tr("{0}（{1}／{2}件）").format(source.data(TITLE_ROLE), shown, total)
        return super().data(index, role)
