"""The division's plan editor (計画の編集): the plan tree with its actions and an edit pane.

Every action runs one core operation (core/plan/edit/*.py) through ``run``: a refusal is
shown in the message line in Japanese and nothing changes; a success refreshes the editor
(the whole plan only for a structural change: ``refresh``) and emits
``planChanged(Change)``, which the host window announces on the change hub.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QAction, QDropEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPlainTextEdit,
    QScrollArea,
    QSplitter,
    QStackedWidget,
    QToolBar,
    QToolButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from planDesk.core.domain.workflow import GOAL, GROUP, INITIATIVE, KPI, STEP
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.store import Change, Store
from planDesk.core.plan.edit import details as plan_edit_details
from planDesk.core.plan.edit import moves as plan_edit_moves
from planDesk.core.plan.edit import nodes as plan_edit
from planDesk.core.plan.edit import numbers as plan_edit_numbers
from planDesk.core.plan.edit import settings as plan_edit_settings
from planDesk.core.plan.edit.base import created_id
from planDesk.core.plan.edit.levels import set_levels
from planDesk.core.plan.edit.revision import start_revision
from planDesk.core.plan.refresh import apply_patch
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, load_plan
from planDesk.gui import data_access
from planDesk.gui.plan_edit.dialogs import (
    FormDialog,
    GoalDialog,
    KpiDialog,
    NodeDialog,
    NumberDialog,
    NumberingDialog,
    ParentDialog,
    RevisionDialog,
    StepDialog,
    fy_range,
)
from planDesk.gui.plan_edit.lists import DepartmentsDialog, LevelsDialog, ScaleDialog
from planDesk.gui.plan_edit.outline import Key, Node, Outline, key_of
from planDesk.gui.plan_edit.pane import InitiativePane, TitlePane

KEY_ROLE = Qt.ItemDataRole.UserRole  # (kind, id) of a tree row
COL_CODE, COL_TITLE, COL_DEPTS = range(3)


class PlanEditor(QWidget):
    """Edit one plan revision. ``read_only`` shows it without any editing action."""

    planChanged = Signal(object)  # the core.persistence.store.Change of each operation

    def __init__(self, store: Store, plan_id: int, parent: QWidget | None = None, *,
                 read_only: bool = False) -> None:
        super().__init__(parent)
        self.store = store
        self.plan_id = plan_id
        self.last_conflict: ConflictError | None = None  # set by run() when someone saved first
        self.read_only = read_only
        self.dialog: QDialog | None = None  # the open dialog (tests fill it in)
        self.setObjectName("planEditor")
        self.tree = _DropTree(self)
        self.tree.setObjectName("planEditorTree")
        self.tree.setAccessibleName(self.tr("計画の構成"))
        self.tree.setHeaderLabels([self.tr("番号"), self.tr("名称"), self.tr("担当部署")])
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_CODE, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(COL_TITLE, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COL_DEPTS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DEPTS, 140)
        self.message = QLabel(self)
        self.message.setObjectName("editorMessage")
        self.message.setWordWrap(True)
        self.message.setAccessibleName(self.tr("操作の結果"))
        self.title_pane = TitlePane(self)
        self.ini_pane = InitiativePane(self)
        self.empty = QLabel(self.tr("左の構成から項目を選んでください。"), self)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack = QStackedWidget(self)
        for page in (self.empty, self.title_pane, self.ini_pane):
            self.stack.addWidget(page)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(self.stack)
        self.toolbar = QToolBar(self.tr("計画の編集"), self)
        self._build_actions()
        split = QSplitter(Qt.Orientation.Horizontal, self)
        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        left_layout.addWidget(self.tree)
        split.addWidget(left)
        split.addWidget(scroll)
        split.setStretchFactor(0, 2)
        split.setStretchFactor(1, 3)
        split.setSizes([560, 840])  # room for titles in the tree
        layout = QVBoxLayout(self)
        layout.addWidget(self.toolbar)
        layout.addWidget(self.message)
        layout.addWidget(split, 1)
        self.tree.currentItemChanged.connect(self._current_changed)
        self.plan: PlanView
        self.reload()
        first = self.tree.topLevelItem(0)
        if first is not None:
            self.tree.setCurrentItem(first)
        self._set_read_only(read_only)

    # -- actions ------------------------------------------------------------------------------------

    def _build_actions(self) -> None:
        def act(text: str, slot: Callable[[], Any], keys: Any = None, tip: str = "") -> QAction:
            action = QAction(text, self)
            action.triggered.connect(slot)
            if keys is not None:
                action.setShortcut(QKeySequence(keys))
                action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.setToolTip(tip or text.replace("&", ""))
            self.addAction(action)
            return action

        self.add_sibling_action = act(self.tr("追加(&A)"), lambda: self.add_node(None), "Ctrl+N",
                                      self.tr("選択中と同じ階層に追加（Ctrl+N）"))
        # Their texts name the plan's own levels (set in reload and on each selection).
        self.add_top_action = act(self.tr("最上位の階層に追加"), lambda: self.add_node("top"))
        self.add_child_action = act(self.tr("下の階層に追加"), lambda: self.add_node("child"))
        self.add_ini_action = act("", lambda: self.add_node(INITIATIVE))
        self.up_action = act(self.tr("上へ"), lambda: self.move_selected(-1), "Alt+Up", self.tr("上へ移動（Alt+↑）"))
        self.down_action = act(self.tr("下へ"), lambda: self.move_selected(1), "Alt+Down",
                               self.tr("下へ移動（Alt+↓）"))
        self.move_action = act(self.tr("移動先…"), self.move_to, "Ctrl+M", self.tr("別の親へ移動（Ctrl+M）"))
        self.number_action = act(self.tr("番号…"), self.renumber_selected, "F2", self.tr("番号を変更（F2）"))
        self.renumber_all_action = act(self.tr("番号を振り直す"), self.renumber_all)
        self.numbering_action = act(self.tr("番号の形式…"), self.choose_numbering, tip=self.tr(
            "番号から作るコードの形式（①－１－１、01、1-1-1）"))
        self.retire_action = act(self.tr("廃止／復活"), self.toggle_retired, "Ctrl+D",
                                 self.tr("廃止する（報告は残ります）／復活する（Ctrl+D）"))
        self.remove_action = act(self.tr("削除"), self.remove_selected, "Ctrl+Delete",
                                 self.tr("報告のない項目だけ削除できます（Ctrl+Delete）"))
        self.departments_action = act(self.tr("部署…"), self.edit_departments)
        self.scale_action = act(self.tr("進捗評価…"), self.edit_scale)
        self.directions_action = act(self.tr("今後の方向性…"), self.edit_directions)
        self.revision_action = act(self.tr("年度見直し…"), self.start_revision)
        self.levels_action = act(self.tr("階層の名前…"), self.edit_levels, tip=self.tr(
            "各階層の名前（階層の追加・最下層の削除）"))
        add_button = QToolButton(self)
        add_button.setDefaultAction(self.add_sibling_action)
        add_menu = QMenu(add_button)
        for a in (self.add_top_action, self.add_child_action, self.add_ini_action):
            add_menu.addAction(a)
        add_button.setMenu(add_menu)
        add_button.setPopupMode(QToolButton.ToolButtonPopupMode.MenuButtonPopup)
        add_button.setAccessibleName(self.tr("追加"))
        self.toolbar.addWidget(add_button)
        for a in (self.up_action, self.down_action, self.move_action, self.number_action,
                  self.renumber_all_action, self.numbering_action, self.retire_action, self.remove_action):
            self.toolbar.addAction(a)
        self.toolbar.addSeparator()
        for a in (self.levels_action, self.departments_action, self.scale_action, self.directions_action,
                  self.revision_action):
            self.toolbar.addAction(a)
        self.edit_actions = [self.add_sibling_action, self.add_top_action, self.add_child_action,
                             self.add_ini_action, self.up_action, self.down_action, self.move_action,
                             self.number_action, self.renumber_all_action, self.numbering_action, self.retire_action,
                             self.remove_action, self.levels_action, self.departments_action, self.scale_action,
                             self.directions_action, self.revision_action]

    def _set_read_only(self, read_only: bool) -> None:
        self.read_only = read_only
        editable = not read_only and self.plan.is_current
        for action in self.edit_actions:
            action.setEnabled(editable)
        for pane in (self.title_pane, self.ini_pane):
            for child in pane.findChildren(QWidget):
                if isinstance(child, QLineEdit | QPlainTextEdit):
                    child.setReadOnly(not editable)  # still selectable and scrollable
                elif isinstance(child, QAbstractButton | QComboBox):
                    child.setEnabled(editable)
        self._update_add_child()
        if not self.plan.is_current and not read_only:
            self.show_message(self.tr("この版（{0}）は過去の版のため読み取り専用です。").format(self.plan.revision))

    # -- running operations ---------------------------------------------------------------------

    def run(self, fn: Callable[..., Change], *args: Any, **kwargs: Any) -> Change | None:
        """Run one core operation; show its result; reload and announce on success."""
        if self.read_only:
            self.show_message(self.tr("閲覧のみのため編集できません。"), error=True)
            return None
        self.last_conflict = None
        try:
            change = fn(self.store, *args, **kwargs)
        except UserError as exc:
            self.last_conflict = exc if isinstance(exc, ConflictError) else None
            self.show_message(exc.message + (f"\n{exc.hint}" if exc.hint else ""), error=True)
            return None
        if change.plan_id is not None and fn is start_revision:
            self.plan_id = change.plan_id
        self.show_message(change.summary)
        self.refresh(change)
        self.planChanged.emit(change)
        return change

    def refresh(self, change: Change) -> None:
        """Show ``change``: a structural one reads the plan again; a rename, a text edit or
        a goal/KPI/step edit reads back only what it touched and updates those rows."""
        if change.structural or self.plan.id != self.plan_id:
            self.reload()
            return
        patch = data_access.plan_patch(self.store, self.plan_id, change)
        if patch.empty:
            return
        self.plan = apply_patch(self.plan, patch)
        self.outline = Outline.of(self.plan)
        for group_id in patch.group_titles:
            if (node := self.outline.node((GROUP, group_id))) is not None:
                self._retitle(GROUP, node)
        for ini in patch.initiatives.values():
            self._retitle(INITIATIVE, ini)
        key = self.selected_key()
        if key is not None and key[1] in (patch.initiatives if key[0] == INITIATIVE else
                                          {*patch.group_titles, *patch.group_slogans}):
            self._show_pane()

    def _retitle(self, kind: str, node: Node) -> None:
        item = self._items.get((kind, node.id))
        if item is None:
            return
        title = node.title + (self.tr("（廃止）") if node.retired else "")
        item.setText(COL_TITLE, title)
        item.setToolTip(COL_TITLE, node.title)
        if isinstance(node, InitiativeView):
            depts = "、".join(node.department_names) + ("など" if node.departments_more else "")
            item.setText(COL_DEPTS, depts)
            item.setToolTip(COL_DEPTS, depts)

    def on_change(self, change: Change, sender: object) -> None:
        """A change announced by another screen (change_hub.py): the editor shows no
        reports, so only changes to the plan itself concern it."""
        if sender is self or (change.plan_id is not None and change.plan_id != self.plan_id):
            return
        if change.structural:
            self.reload()
        elif change.touches(INITIATIVE) or change.touches(GROUP):
            self.refresh(change)

    def after_conflict(self) -> bool:
        """After ``run`` was refused because someone saved first (``last_conflict``): read the
        plan again, so the tree and the pane show what is saved now with its new version (the
        panes put back what was typed, still unsaved), and say so. Saving again then
        replaces the other change on purpose. False when the last refusal was not a conflict."""
        conflict = self.last_conflict
        if conflict is None:
            return False
        self.reload()
        self.show_message(conflict.message + "\n" + self.tr(
            "一覧を最新の内容にしました。入力した内容は残しています。"
            "確認のうえ、もう一度保存すると入力した内容で上書きします。"), error=True)
        return True

    def show_message(self, text: str, *, error: bool = False) -> None:
        self.message.setStyleSheet("color: #b00020;" if error else "color: #1b5e20;")
        self.message.setText(text)

    def run_dialog(self, dialog: FormDialog, on_accept: Callable[[], object]) -> FormDialog:
        """Open ``dialog`` (window-modal, not blocking); OK runs ``on_accept``, which keeps the
        dialog open with its message when the operation is refused."""

        def accept() -> None:
            if self.run_in_dialog(on_accept) is None:
                raise _Refused(self.message.text())

        dialog.on_accept = accept
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()
        return dialog

    def run_in_dialog(self, on_accept: Callable[[], object]) -> object:
        return on_accept()

    # -- tree ---------------------------------------------------------------------------------------

    def reload(self) -> None:
        """Read the plan again and rebuild the tree, keeping the selection."""
        with self.store.read() as s:
            self.plan = load_plan(s, self.plan_id, with_reports=False)
        self.outline = Outline.of(self.plan)
        # The plan's own words for its levels (never one city's wording).
        self.add_top_action.setText(self.tr("{0}を追加").format(self.plan.label_of(1)))
        self.add_ini_action.setText(self.tr("{0}を追加").format(self.plan.initiative_label))
        for action in (self.add_top_action, self.add_ini_action):
            action.setToolTip(action.text())
        key = self.selected_key()
        self.tree.blockSignals(True)
        self.tree.clear()
        self._items: dict[Key, QTreeWidgetItem] = {}
        for group in self.plan.groups:
            self._add_group(None, group)
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if key is not None and key in self._items:
            self.tree.setCurrentItem(self._items[key])
        self._show_pane()

    def _add_group(self, parent: QTreeWidgetItem | None, group: GroupView) -> None:
        item = self._tree_item(parent, GROUP, group, group.code, "")
        for child in group.children:
            if isinstance(child, GroupView):
                self._add_group(item, child)
            else:
                depts = "、".join(child.department_names) + ("など" if child.departments_more else "")
                self._tree_item(item, INITIATIVE, child, child.code, depts)

    def _tree_item(self, parent: QTreeWidgetItem | None, kind: str, node: Node, code: str,
                   depts: str) -> QTreeWidgetItem:
        title = node.title + (self.tr("（廃止）") if node.retired else "")
        item = QTreeWidgetItem([code, title, depts])
        item.setData(COL_CODE, KEY_ROLE, (kind, node.id))
        item.setToolTip(COL_TITLE, node.title)
        item.setToolTip(COL_DEPTS, depts)
        if node.retired:
            for col in range(3):
                item.setForeground(col, Qt.GlobalColor.gray)
        if parent is None:
            self.tree.addTopLevelItem(item)
        else:
            parent.addChild(item)
        self._items[(kind, node.id)] = item
        return item

    def selected_key(self) -> Key | None:
        item = self.tree.currentItem()
        if item is None:
            return None
        kind, node_id = item.data(COL_CODE, KEY_ROLE)
        return str(kind), int(node_id)

    def select(self, kind: str, node_id: int) -> None:
        item = getattr(self, "_items", {}).get(key_of(kind, node_id))
        if item is not None:
            self.tree.setCurrentItem(item)

    def node(self, key: Key | None = None) -> Node | None:
        return self.outline.node(key or self.selected_key())

    def _current_changed(self, current: QTreeWidgetItem | None, previous: QTreeWidgetItem | None) -> None:
        # Leaving a node with unsaved edits saves them; if refused, stay on it.
        pane = self.ini_pane if self.stack.currentWidget() is self.ini_pane else self.title_pane
        if previous is not None and pane.dirty() and not pane.save():
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(previous)
            self.tree.blockSignals(False)
            return
        self._show_pane()

    def _show_pane(self) -> None:
        key = self.selected_key()
        node = self.node(key)
        if key is None or node is None:
            self.stack.setCurrentWidget(self.empty)
        elif isinstance(node, InitiativeView):
            self.ini_pane.show_initiative(self.plan, node)
            self.stack.setCurrentWidget(self.ini_pane)
        else:
            label = self.plan.label_of(node.depth)
            self.title_pane.set_level_label(label)
            self.title_pane.show_node(GROUP, node.id, f"{label} {node.code}", node.title, node.slogan,
                                     version=node.version)
            self.stack.setCurrentWidget(self.title_pane)
        if key is not None:
            self.retire_action.setText(self.tr("復活") if node is not None and node.retired else self.tr("廃止"))
        self._update_add_child()

    def _update_add_child(self) -> None:
        """「(next level)を追加」 names the level below the selected group (or below the
        group the selected initiative is in); disabled when the plan has no such level."""
        container = self.outline.container(self.selected_key())
        depth = container.depth + 1 if container is not None else 1
        has_level = depth <= self.plan.depth
        self.add_child_action.setText(self.tr("{0}を追加").format(self.plan.label_of(depth)) if has_level
                                      else self.tr("下の階層はありません"))
        self.add_child_action.setToolTip(self.add_child_action.text())
        self.add_child_action.setEnabled(has_level and not self.read_only and self.plan.is_current)

    # -- structure actions ------------------------------------------------------------------------

    def add_node(self, what: str | None = None) -> None:
        """Add a node: ``what`` None — beside the selection, at its level; "top" — a
        top-level group; "child" — a group one level below the selected group (or beside
        the selected initiative); INITIATIVE — an initiative in the selected group."""
        key = self.selected_key()
        where = self._insertion(what, key)
        if where is None:
            self.show_message(self.tr("追加する場所を左の構成で選んでください。"), error=True)
            return
        kind, parent_id, index = where
        if kind == GROUP:
            parent = self.outline.group(parent_id)
            depth = 1 if parent is None else parent.depth + 1
            if depth > self.plan.depth:
                self.show_message(self.tr("この計画には「{0}」の下の階層がありません（「階層の名前…」で追加できます）。")
                                  .format(self.plan.label_of(depth - 1)), error=True)
                return
            label = self.plan.label_of(depth)
        else:
            label = self.plan.initiative_label
        depts = [(d.id, d.name) for d in self.plan.departments if not d.retired] if kind == INITIATIVE else []
        dialog = NodeDialog(self.tr("{0}を追加").format(label), label, departments=depts, parent=self)

        def accept() -> object:
            title = dialog.title_edit.text()
            if kind == GROUP:
                change = self.run(plan_edit.add_group, self.plan.id, parent_id, title, index=index)
            else:
                fields = plan_edit.InitiativeFields(title=title, department_ids=(dialog.department.currentData(),))
                change = self.run(plan_edit.add_initiative, parent_id, fields, index=index)
            if change is not None:
                self.select(kind, created_id(change, kind))
            return change

        self.run_dialog(dialog, accept)

    def _insertion(self, what: str | None, key: Key | None) -> tuple[str, int | None, int | None] | None:
        """(kind, parent group, index) of a new node: after the selected node when it is a
        sibling of the new one, else at the end of the parent; None: no place selected."""
        outline = self.outline
        if what is None:  # the selection's own level
            if key is None:
                return GROUP, None, None
            parent, index = outline.after(key)
            return key[0], parent, index
        if what == "top":
            if key is None:
                return GROUP, None, None
            top = key
            while (up := outline.parents.get(top)) is not None:
                top = (GROUP, up)
            return GROUP, None, outline.after(top)[1]
        container = outline.container(key)
        if container is None:
            return None
        at = outline.after(key)[1] if key is not None and key[0] == INITIATIVE else None
        return (GROUP if what == "child" else INITIATIVE), container.id, at

    def move_selected(self, delta: int) -> None:
        key = self.selected_key()
        if key is not None:
            self.run(plan_edit_moves.move_by, key[0], key[1], delta)

    def drop(self, source: Key, target: Key | None, where: str) -> Change | None:
        """A row dragged onto ``target`` (None: the empty area below the rows): "on" a group
        puts it at the end of that group, "above" / "below" a row beside that row."""
        if target is None:
            parent, index = None, 10**6
        elif where == "on":
            if target[0] != GROUP:
                return None
            parent, index = target[1], 10**6
        else:
            parent = self.outline.parents[target]
            siblings = [k for k in self.outline.children[parent] if k != source]
            index = siblings.index(target) + (1 if where == "below" else 0)
        if source[0] == INITIATIVE and parent is None:
            self.show_message(self.tr("{0}はいずれかのグループの下に置きます。").format(self.plan.initiative_label),
                              error=True)
            return None
        return self.run(plan_edit_moves.move_node, source[0], source[1], index=index,
                        parent_id=plan_edit_moves.TOP if parent is None else parent)

    def move_to(self) -> None:
        key = self.selected_key()
        if key is None or self.node(key) is None:
            self.show_message(self.tr("移動するものを左の構成で選んでください。"), error=True)
            return
        kind, node_id = key
        targets = []
        for group in self.outline.targets(key):
            if group is None:
                targets.append((plan_edit_moves.TOP, self.tr("（最上位の{0}として）").format(self.plan.label_of(1))))
            else:
                indent = "　" * (group.depth - 1)
                targets.append((group.id, f"{indent}{self.plan.label_of(group.depth)} {group.code} {group.title}"))
        parent = self.outline.parents[key]
        dialog = ParentDialog(targets, plan_edit_moves.TOP if parent is None else parent, self)

        def accept() -> object:
            target = dialog.target_id()
            index = 0 if dialog.first.isChecked() else 10**6
            return self.run(plan_edit_moves.move_node, kind, node_id, parent_id=target, index=index)

        self.run_dialog(dialog, accept)

    def renumber_selected(self) -> None:
        key = self.selected_key()
        node = self.node(key)
        if key is None or node is None:
            return
        dialog = NumberDialog(node.number, node.code, self, written=node.written_code)
        self.run_dialog(dialog, lambda: self.run(plan_edit_numbers.renumber, key[0], key[1],
                                                 dialog.number.value(), code=dialog.code.text()))

    def choose_numbering(self) -> None:
        dialog = NumberingDialog(plan_edit_numbers.numbering_choices(), self.plan.numbering, self)
        self.run_dialog(dialog, lambda: self.run(plan_edit_numbers.set_numbering, self.plan.id, dialog.chosen()))

    def renumber_all(self) -> None:
        self.run(plan_edit_numbers.renumber_all, self.plan.id)

    def toggle_retired(self) -> None:
        key = self.selected_key()
        node = self.node(key)
        if key is not None and node is not None:
            self.run(plan_edit_numbers.retire_node, key[0], key[1], retired=not node.retired)

    def remove_selected(self) -> None:
        key = self.selected_key()
        if key is not None:
            self.run(plan_edit_numbers.remove_node, key[0], key[1])

    # -- goals, KPIs, steps ------------------------------------------------------------------------

    def _ini(self) -> InitiativeView | None:
        node = self.node()
        return node if isinstance(node, InitiativeView) else None

    def _detail_dialog(self, kind: str, title: str, row_id: int | None) -> FormDialog:
        ini = self._ini()
        assert ini is not None
        years = fy_range(self.plan.start_fy, self.plan.end_fy)
        if kind == GOAL:
            return GoalDialog(title, years, next((g for g in ini.goals if g.id == row_id), None), self)
        if kind == KPI:
            return KpiDialog(title, years, ini.goals, next((k for k in ini.kpis if k.id == row_id), None), self)
        return StepDialog(title, years, ini.goals, next((s for s in ini.steps if s.id == row_id), None), self)

    def add_detail(self, kind: str) -> None:
        ini = self._ini()
        if ini is None:
            return
        labels = {GOAL: self.tr("目標を追加"), KPI: self.tr("指標を追加"), STEP: self.tr("工程を追加")}
        dialog = self._detail_dialog(kind, labels[kind], None)
        self.run_dialog(dialog, lambda: self.run(plan_edit_details.add_detail, ini.id, dialog.fields()))  # type: ignore[attr-defined]

    def edit_detail(self, kind: str) -> None:
        row_id = self.ini_pane.selected_id(kind)
        if row_id is None:
            self.show_message(self.tr("編集する行を選んでください。"), error=True)
            return
        labels = {GOAL: self.tr("目標の編集"), KPI: self.tr("指標の編集"), STEP: self.tr("工程の編集")}
        dialog = self._detail_dialog(kind, labels[kind], row_id)
        self.run_dialog(dialog, lambda: self.run(plan_edit_details.edit_detail, kind, row_id, dialog.fields()))  # type: ignore[attr-defined]

    def remove_detail(self, kind: str) -> None:
        row_id = self.ini_pane.selected_id(kind)
        if row_id is not None:
            self.run(plan_edit_details.remove_detail, kind, row_id)

    def move_detail(self, kind: str, delta: int) -> None:
        ini = self._ini()
        row_id = self.ini_pane.selected_id(kind)
        if ini is None or row_id is None:
            return
        rows: tuple[Any, ...] = {GOAL: ini.goals, KPI: ini.kpis, STEP: ini.steps}[kind]
        ids = [x.id for x in rows]
        if self.run(plan_edit_details.move_detail, kind, row_id, ids.index(row_id) + delta) is not None:
            self.ini_pane.select_detail(kind, row_id)

    # -- plan-wide settings -----------------------------------------------------------------------

    def edit_departments(self) -> None:
        def load() -> Any:
            with self.store.read() as s:
                return load_plan(s, self.plan_id, with_reports=False).departments

        def run(op: str, *args: Any) -> Change | None:
            fn = getattr(plan_edit_settings, op)
            if op in ("add_department",):
                return self.run(fn, self.plan.id, args[0], pseudo=args[1])
            if op == "edit_department":
                return self.run(fn, args[0], args[1], pseudo=args[2])
            if op == "retire_department":
                return self.run(fn, args[0], retired=args[1])
            return self.run(fn, *args)

        dialog = DepartmentsDialog(load, run, self)
        dialog.finished.connect(lambda _r: setattr(self, "dialog", None))
        self.dialog = dialog
        dialog.open()

    def edit_scale(self) -> None:
        self._edit_list(with_code=True)

    def edit_directions(self) -> None:
        self._edit_list(with_code=False)

    def _edit_list(self, *, with_code: bool) -> None:
        from planDesk.core.domain.model import DirectionChoice, EvaluationGrade

        model: Any = EvaluationGrade if with_code else DirectionChoice
        with self.store.read() as s:
            rows = s.query(model).filter_by(plan_id=self.plan.id).order_by(model.position).all()
            entries = [(r.id, r.code if with_code else r.label, r.label) for r in rows]
        if with_code:
            usage = plan_edit_settings.grade_usage(self.store, self.plan.id)
            title = self.tr("進捗評価の段階")
        else:
            usage = plan_edit_settings.direction_usage(self.store, self.plan.id)
            title = self.tr("今後の方向性の選択肢")
        dialog = ScaleDialog(title, entries, usage, with_code=with_code, parent=self)

        def accept() -> object:
            if with_code:
                grades = [plan_edit_settings.GradeSpec(code, label, row_id) for row_id, code, label in dialog.entries()]
                return self.run(plan_edit_settings.set_evaluation_scale, self.plan.id, grades,
                                mapping=dialog.mapping())
            choices = [plan_edit_settings.ChoiceSpec(label, row_id) for row_id, _c, label in dialog.entries()]
            return self.run(plan_edit_settings.set_direction_choices, self.plan.id, choices,
                            mapping=dialog.mapping())

        self.run_dialog(dialog, accept)

    def edit_levels(self) -> None:
        used = max((g.depth for g in self.plan.walk_groups()), default=0)
        dialog = LevelsDialog(self.plan.group_labels, self.plan.initiative_label, used, self)
        self.run_dialog(dialog, lambda: self.run(set_levels, self.plan.id, dialog.group_labels(),
                                                 dialog.initiative_label()))

    def start_revision(self) -> None:
        dialog = RevisionDialog(self.plan.revision, self.plan.revision_fy, self.plan.end_fy,
                                self.plan.initiative_label, self)

        def accept() -> object:
            fy, end = dialog.fy.fy(), dialog.end.fy()
            assert fy is not None and end is not None
            return self.run(start_revision, self.plan.id, dialog.label.text(), fy, end_fy=end)

        self.run_dialog(dialog, accept)


class _DropTree(QTreeWidget):
    """The plan tree; a row dragged within it is moved by the core (``PlanEditor.drop``)
    and the tree read again, never rearranged by Qt itself."""

    def __init__(self, editor: PlanEditor) -> None:
        super().__init__(editor)
        self.editor = editor
        self.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.setDefaultDropAction(Qt.DropAction.MoveAction)

    def dropEvent(self, event: QDropEvent) -> None:
        event.setDropAction(Qt.DropAction.IgnoreAction)
        event.accept()
        source = self.editor.selected_key()
        item = self.itemAt(event.position().toPoint())
        target = item.data(COL_CODE, KEY_ROLE) if item is not None else None
        where = {QAbstractItemView.DropIndicatorPosition.OnItem: "on",
                 QAbstractItemView.DropIndicatorPosition.AboveItem: "above",
                 QAbstractItemView.DropIndicatorPosition.BelowItem: "below"}.get(self.dropIndicatorPosition(), "end")
        if source is not None and (target is None or tuple(target) != source):
            key = None if target is None or where == "end" else (str(target[0]), int(target[1]))
            # after the drag has ended: the move reads the plan again and rebuilds the rows
            QTimer.singleShot(0, lambda: self.editor.drop(source, key, where))


class _Refused(UserError):
    """An operation run from a dialog was refused; the dialog shows the message."""
