"""The plan as a tree (groups of any depth, then initiatives) for QTreeView.

Nodes are kept in one flat list and addressed by their position in it (the index's
internal id), so the model holds no Python objects inside QModelIndex. The tree's shape
comes from the plan; the columns that depend on who is looking and on the reporting
cycle (評価, 報告状況) are recomputed by ``set_context`` without rebuilding the tree.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QAbstractItemModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QBrush, QColor, QFont

from planDesk.core.domain.fiscal import format_fy_short
from planDesk.core.domain.workflow import NOT_STARTED
from planDesk.gui.identity import Identity
from planDesk.gui.labels import status_label
from planDesk.gui.plan.report_index import STATUS_ORDER, Cycle, ReportIndex, Summary

if TYPE_CHECKING:  # plain dataclasses: imported with the plan, after the first paint
    from planDesk.core.plan.view import GroupView, InitiativeView, PlanView

ModelIndex = QModelIndex | QPersistentModelIndex
_ROOT = QModelIndex()  # the invisible root, as a default argument

GROUP, INITIATIVE = 0, 2

COL_NAME, COL_FLAGS, COL_DEPTS, COL_EVAL, COL_STATUS = range(5)
_COLUMN_COUNT = COL_STATUS + 1

KIND_ROLE = Qt.ItemDataRole.UserRole + 1
ID_ROLE = Qt.ItemDataRole.UserRole + 2  # the group's or the initiative's database id
TOTAL_ROLE = Qt.ItemDataRole.UserRole + 3  # initiatives under a group node (its whole subtree)
TITLE_ROLE = Qt.ItemDataRole.UserRole + 4  # a group's label without its count
STATUS_ROLE = Qt.ItemDataRole.UserRole + 5  # report status code of an initiative

# Combined once: Qt asks for every row's flags (30,000 calls when a 10k tree is expanded), and
# each | of two Qt enums costs a Python enum construction.
_GROUP_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_INITIATIVE_FLAGS = _GROUP_FLAGS | Qt.ItemFlag.ItemNeverHasChildren

_STATUS_COLOURS = {
    NOT_STARTED: "#9a3412",
    "draft": "#1d4ed8",
    "submitted": "#047857",
    "confirmed": "#374151",
}


@dataclass(slots=True)
class Node:
    kind: int
    ref_id: int
    parent: int  # position of the parent node, -1 for top level
    row: int
    label: str
    children: list[int] = field(default_factory=list)
    initiative: InitiativeView | None = None
    total: int = 0


class PlanTreeModel(QAbstractItemModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._nodes: list[Node] = []
        self._top: list[int] = []
        self._plan: PlanView | None = None
        self._summaries: dict[int, Summary] = {}
        self._pos_of: dict[int, int] = {}  # initiative id → node position
        self._group_pos: dict[int, int] = {}  # group id → node position
        self._headers = [self.tr("名称"), self.tr("区分"), self.tr("担当部署"), self.tr("進捗評価"),
                         self.tr("報告状況")]

    # -- building ---------------------------------------------------------------------------

    def set_plan(self, plan: PlanView) -> None:
        self.beginResetModel()
        self._plan = plan
        self._nodes = []
        self._top = []
        self._summaries = {}
        self._pos_of = {}
        self._group_pos = {}
        for row, group in enumerate(g for g in plan.groups if not g.retired):
            self._top.append(self._add_group(plan, group, -1, row))
        # Japanese: the plan's own level words (基本方針／推進事項／取組事項, as many as it has); a translation
        # may put its own header instead (the placeholder is then left out).
        self._headers[COL_NAME] = self.tr("{0}", "name column: the plan's level labels").format(
            "／".join(plan.level_labels))
        self.endResetModel()

    def _add(self, node: Node) -> int:
        self._nodes.append(node)
        return len(self._nodes) - 1

    def _add_group(self, plan: PlanView, group: GroupView, parent: int, row: int) -> int:
        """Add ``group`` and its subtree (groups and initiatives in the plan's order, the
        retired left out); its total counts the initiatives of the whole subtree."""
        from planDesk.core.plan.view import InitiativeView  # loaded with the plan by now

        pos = self._add(Node(GROUP, group.id, parent, row, _group_label(plan, group)))
        self._group_pos[group.id] = pos
        children = self._nodes[pos].children
        total = 0
        for child in group.children:
            if child.retired:
                continue
            if isinstance(child, InitiativeView):
                child_pos = self._add(Node(INITIATIVE, child.id, pos, len(children), f"{child.code}　{child.title}",
                                           initiative=child))
                self._pos_of[child.id] = child_pos
                total += 1
            else:
                child_pos = self._add_group(plan, child, pos, len(children))
                total += self._nodes[child_pos].total
            children.append(child_pos)
        self._nodes[pos].total = total
        return pos

    def set_context(self, reports: ReportIndex, identity: Identity | None, cycle: Cycle) -> None:
        """Recompute the per-user, per-cycle columns (評価, 報告状況)."""
        self._summaries = {
            n.ref_id: reports.summary(n.initiative, identity, cycle)
            for n in self._nodes if n.initiative is not None
        }
        self._emit_columns_changed()

    def update_initiative(self, reports: ReportIndex, identity: Identity | None, cycle: Cycle,
                          initiative_id: int) -> None:
        """After a save: refresh one initiative's row only."""
        pos = self._pos_of.get(initiative_id)
        if pos is None:
            return
        n = self._nodes[pos]
        assert n.initiative is not None
        self._summaries[initiative_id] = reports.summary(n.initiative, identity, cycle)
        self.dataChanged.emit(self.createIndex(n.row, COL_EVAL, pos), self.createIndex(n.row, COL_STATUS, pos))

    def patch(self, plan: PlanView, initiative_ids: set[int], group_titles: Mapping[int, str]) -> None:
        """After a change that kept the plan's shape: take these initiatives' new views and
        the renamed groups (titles by group id) from ``plan``; only their rows are repainted."""
        self._plan = plan
        groups = {g.id: g for g in plan.walk_groups()} if group_titles or initiative_ids else {}
        for group_id, title in group_titles.items():
            # A group renamed: its label, and the initiatives below it (their path holds its title).
            pos = self._group_pos.get(group_id)
            group = groups.get(group_id)
            if pos is None or group is None:
                continue
            node = self._nodes[pos]
            node.label = _group_label(plan, group, title)
            index = self.createIndex(node.row, COL_NAME, pos)
            self.dataChanged.emit(index, index)
            for ini in group.all_initiatives(include_retired=True):
                if (ini_pos := self._pos_of.get(ini.id)) is not None:
                    self._nodes[ini_pos].initiative = ini
        for ini_id in initiative_ids:
            pos = self._pos_of.get(ini_id)
            if pos is None:
                continue
            node = self._nodes[pos]
            # looked up under its own group only
            group = groups.get(self._nodes[node.parent].ref_id)
            found = None if group is None else next((i for i in group.initiatives if i.id == ini_id), None)
            if found is None:
                continue
            node.initiative, node.label = found, f"{found.code}　{found.title}"
            self.dataChanged.emit(self.createIndex(node.row, COL_NAME, pos),
                                  self.createIndex(node.row, COL_STATUS, pos))

    def _emit_columns_changed(self) -> None:
        for n in self._nodes:
            if n.kind == GROUP and n.children:
                first, last = self._nodes[n.children[0]], self._nodes[n.children[-1]]
                self.dataChanged.emit(self.createIndex(first.row, COL_EVAL, n.children[0]),
                                      self.createIndex(last.row, COL_STATUS, n.children[-1]))

    # -- lookup -------------------------------------------------------------------------------

    @property
    def plan(self) -> PlanView | None:
        return self._plan

    def initiatives(self) -> list[InitiativeView]:
        return [n.initiative for n in self._nodes if n.initiative is not None]

    def initiative(self, initiative_id: int) -> InitiativeView | None:
        pos = self._pos_of.get(initiative_id)
        return None if pos is None else self._nodes[pos].initiative

    def summary(self, initiative_id: int) -> Summary | None:
        return self._summaries.get(initiative_id)

    def group_counts(self, accepted: set[int]) -> dict[int, int]:
        """Matching initiatives under each group node, its whole subtree (by node position)."""
        counts: dict[int, int] = {}
        nodes = self._nodes
        for n in nodes:
            if n.kind == INITIATIVE and n.ref_id in accepted:
                pos = n.parent
                while pos >= 0:
                    counts[pos] = counts.get(pos, 0) + 1
                    pos = nodes[pos].parent
        return counts

    def node_at(self, index: ModelIndex) -> Node | None:
        if not index.isValid():
            return None
        return self._nodes[index.internalId()]

    def index_of_initiative(self, initiative_id: int) -> QModelIndex:
        pos = self._pos_of.get(initiative_id)
        if pos is None:
            return QModelIndex()
        return self.createIndex(self._nodes[pos].row, 0, pos)

    def groups_of(self, initiative_id: int) -> tuple[int, ...] | None:
        """The ids of an initiative's groups, from the top down to its own."""
        pos = self._pos_of.get(initiative_id)
        if pos is None:
            return None
        ids: list[int] = []
        pos = self._nodes[pos].parent
        while pos >= 0:
            ids.append(self._nodes[pos].ref_id)
            pos = self._nodes[pos].parent
        return tuple(reversed(ids))

    def index_of_group(self, group_id: int) -> QModelIndex:
        pos = self._group_pos.get(group_id)
        if pos is None:
            return QModelIndex()
        return self.createIndex(self._nodes[pos].row, 0, pos)

    def group_labels_changed(self) -> None:
        """Say that every group row's name cell changed (a filter's counts are shown there)."""
        for pos in self._group_pos.values():
            index = self.createIndex(self._nodes[pos].row, COL_NAME, pos)
            self.dataChanged.emit(index, index)

    def child_at(self, row: int, parent: ModelIndex) -> tuple[int, Node]:
        """(position, node) of the ``row``-th child of ``parent`` (a row that exists): for the
        filter proxy, which asks for every row of the tree without a QModelIndex."""
        pos = (self._nodes[parent.internalId()].children if parent.isValid() else self._top)[row]
        return pos, self._nodes[pos]

    # -- QAbstractItemModel --------------------------------------------------------------------
    # index() and parent() run tens of thousands of times when a 10,000-initiative tree is
    # expanded or filtered: each Qt call on a QModelIndex from Python counts, so they are lean.

    def index(self, row: int, column: int, parent: ModelIndex = _ROOT) -> QModelIndex:
        if parent.isValid():
            if parent.column() != 0:
                return QModelIndex()
            children = self._nodes[parent.internalId()].children
        else:
            children = self._top
        if 0 <= row < len(children) and 0 <= column < _COLUMN_COUNT:
            return self.createIndex(row, column, children[row])
        return QModelIndex()

    def parent(self, index: ModelIndex = _ROOT) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes[index.internalId()]
        if node.parent < 0:
            return QModelIndex()
        return self.createIndex(self._nodes[node.parent].row, 0, node.parent)

    def rowCount(self, parent: ModelIndex = _ROOT) -> int:
        if not parent.isValid():
            return len(self._top)
        if parent.column() != 0:
            return 0
        return len(self._nodes[parent.internalId()].children)

    def columnCount(self, parent: ModelIndex = _ROOT) -> int:
        return len(self._headers)

    def hasChildren(self, parent: ModelIndex = _ROOT) -> bool:
        return self.rowCount(parent) > 0

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return _INITIATIVE_FLAGS if self._nodes[index.internalId()].kind == INITIATIVE else _GROUP_FLAGS

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole \
                and 0 <= section < len(self._headers):
            return self._headers[section]
        return None

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        node = self._nodes[index.internalId()]
        col = index.column()
        if role == KIND_ROLE:
            return node.kind
        if role == ID_ROLE:
            return node.ref_id
        if role == TOTAL_ROLE:
            return node.total
        if role == TITLE_ROLE:
            return node.label
        ini = node.initiative
        if role == STATUS_ROLE:
            summary = self._summaries.get(node.ref_id) if ini else None
            return summary.status if summary else None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            if ini is None:
                if col == COL_NAME:
                    return self.tr("{0}（{1}件）").format(node.label, node.total)
                return None
            text = self._initiative_text(ini, col)
            if role == Qt.ItemDataRole.ToolTipRole and col == COL_NAME and ini.department_names:
                # the departments column steps aside in a narrow tree (tree_columns.NameRoom)
                return self.tr("{0}\n担当：{1}").format(text, self._initiative_text(ini, COL_DEPTS))
            return text
        if role == Qt.ItemDataRole.FontRole and ini is None and col == COL_NAME:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.ForegroundRole and ini is not None and col == COL_STATUS:
            summary = self._summaries.get(node.ref_id)
            if summary and summary.status in _STATUS_COLOURS:
                return QBrush(QColor(_STATUS_COLOURS[summary.status]))
        return None

    def _initiative_text(self, ini: InitiativeView, col: int) -> str | None:
        if col == COL_NAME:
            return f"{ini.code}　{ini.title}"
        if col == COL_FLAGS:
            return self._flags_text(ini.priority, ini.new_in_fy)
        if col == COL_DEPTS:
            names = "、".join(ini.department_names)
            return names + (self.tr("など") if ini.departments_more else "")
        summary = self._summaries.get(ini.id)
        if summary is None:
            return None
        if col == COL_EVAL:
            return self._evaluation_label(summary.evaluation)
        if col == COL_STATUS:
            return status_label(summary.status) or None
        return None

    def _flags_text(self, priority: bool, new_in_fy: int | None) -> str:
        flags = []
        if priority:
            flags.append(self.tr("重点"))
        if new_in_fy is not None:
            flags.append(self.tr("{0}新規").format(format_fy_short(new_in_fy)))
        return "・".join(flags)

    def column_texts(self, col: int) -> set[str]:
        """Every text the column can show for this plan (its header included), whoever looks
        and in whichever cycle: the tree sizes its fixed columns from these."""
        texts = {self._headers[col]}
        if self._plan is None:
            return texts
        if col == COL_FLAGS:
            shown = {(n.initiative.priority, n.initiative.new_in_fy) for n in self._nodes if n.initiative}
            texts.update(self._flags_text(priority, new) for priority, new in shown)
        elif col == COL_EVAL:
            texts.update(self._evaluation_label(code) or "" for code, _label in self._plan.evaluation_scale)
        elif col == COL_STATUS:
            texts.update(status_label(status) for status in STATUS_ORDER)
        return texts

    def _evaluation_label(self, code: str | None) -> str | None:
        if not code or self._plan is None:
            return None
        for c, label in self._plan.evaluation_scale:
            if c == code:
                return f"{c} {label}"
        return code


def _group_label(plan: PlanView, group: GroupView, title: str | None = None) -> str:
    """A group's row: the plan's label of its depth, its code and title (基本方針①　…)."""
    return f"{plan.label_of(group.depth)}{group.code}　{group.title if title is None else title}"
