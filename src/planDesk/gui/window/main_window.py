"""The main window: plan switcher, cycle, who am I, the filtered plan tree and the page."""

from __future__ import annotations

import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Signal

from planDesk.gui import data_access, settings
from planDesk.gui.window.shell import ShellWindow, loading_text

if TYPE_CHECKING:
    # Imported by build(), after the window's first paint (gui/window/shell.py); the page and
    # its forms load with the first page.
    from PySide6.QtCore import QItemSelection, QMimeData, QModelIndex
    from PySide6.QtGui import QAction, QCloseEvent, QDragEnterEvent, QDropEvent
    from PySide6.QtWidgets import QComboBox, QLabel, QScrollArea, QSplitter, QToolButton, QTreeView

    from planDesk.core.errors import UserError
    from planDesk.core.persistence.store import Change, Store
    from planDesk.core.plan.view import PlanSummary, PlanView
    from planDesk.gui.change_hub import ChangeHub
    from planDesk.gui.identity import Identity
    from planDesk.gui.plan.filter import FilterSpec, PlanFilterProxy
    from planDesk.gui.plan.filter_bar import FilterBar
    from planDesk.gui.plan.report_index import Cycle, ReportIndex
    from planDesk.gui.plan.tree_model import PlanTreeModel
    from planDesk.gui.report.draft_journal import DraftJournal
    from planDesk.gui.report.initiative_page import InitiativePage
    from planDesk.gui.widgets.background import BackgroundJob
    from planDesk.gui.window.cycle_selector import CycleSelector
    from planDesk.gui.window.hosted_tools import HostedTools
    from planDesk.gui.window.tool_windows import ToolWindow

log = logging.getLogger(__name__)


class MainWindow(ShellWindow):
    """The main window. ``MainWindow(store)`` is complete at once; at start-up gui/app.py
    makes ``MainWindow(None, build=False)`` — the shell, 読み込み中… — and calls ``build()``
    after its first paint, so what the user first sees stays the window they work in."""

    identityChanged = Signal(object)
    initiativeSelected = Signal(int)
    # Set by attach_store: at start-up the window paints before the database is opened.
    store: Store
    login: str  # the log-in name; the audit log records department and login
    journal: DraftJournal
    # Made by build():
    hub: ChangeHub
    hosted: HostedTools
    cycle: Cycle
    model: PlanTreeModel
    proxy: PlanFilterProxy
    tree: QTreeView
    filter_bar: FilterBar
    match_label: QLabel
    page_scroll: QScrollArea
    placeholder: QLabel
    splitter: QSplitter
    save_state: QLabel
    plan_box: QComboBox
    cycle_selector: CycleSelector
    identity_button: QToolButton

    def __init__(self, store: Store | None, *, log_file: str | None = None, parent: Any = None,
                 build: bool = True) -> None:
        """``store`` None: the window shows 読み込み中… until ``attach_store`` and ``show_plans``
        (gui/app.py reads the database off the GUI thread after the first paint).
        ``build`` False: only the shell; ``build()`` makes the rest."""
        super().__init__(parent)
        self.log_file = log_file
        self.plan: PlanView | None = None
        self.plans: list[PlanSummary] = []
        self.reports: ReportIndex | None = None
        self.identity: Identity | None = None
        self.page: InitiativePage | None = None
        self.restored_message = ""
        self.job: BackgroundJob | None = None  # an export running in the background
        self.built = False
        self._pending_store = store
        if build:
            self.build()

    def build(self) -> None:
        """Menus, tool bar, the plan tree, the page area and the status bar, into this window
        (its size and place stay as the shell set them)."""
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QHeaderView, QLabel, QScrollArea, QSplitter, QTreeView, QVBoxLayout, QWidget

        from planDesk.gui.change_hub import ChangeHub
        from planDesk.gui.plan.filter import PlanFilterProxy
        from planDesk.gui.plan.filter_bar import FilterBar
        from planDesk.gui.plan.report_index import Cycle
        from planDesk.gui.plan.tree_columns import NameRoom, fit_columns
        from planDesk.gui.plan.tree_model import COL_DEPTS, COL_EVAL, COL_FLAGS, COL_NAME, COL_STATUS, PlanTreeModel
        from planDesk.gui.widgets.row_height import roomy_rows
        from planDesk.gui.window.hosted_tools import HostedTools

        if self.built:
            return
        self.built = True
        self.cycle = Cycle(0)
        # Every write announces its Change here; this window and the tools refresh what it names.
        self.hub = ChangeHub(self)
        self.hub.changed.connect(self._on_change)
        self.hosted = HostedTools(self)

        self.model = PlanTreeModel(self)
        self.proxy = PlanFilterProxy(self)
        self.proxy.setSourceModel(self.model)
        self.tree = QTreeView(self)
        self.tree.setObjectName("planTree")
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(self.tr("計画の一覧"))
        self.tree.setUniformRowHeights(True)  # fast with 10,000 rows
        roomy_rows(self.tree)  # rows fit Japanese glyphs
        self.tree.setAlternatingRowColors(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_NAME, QHeaderView.ResizeMode.Stretch)  # long titles elide
        # Fixed widths from the font (fit_columns): ResizeToContents made Qt ask the filter proxy
        # for every cell of a 10,000-initiative tree before the first paint.
        for col in (COL_FLAGS, COL_EVAL, COL_STATUS):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.Fixed)
        fit_columns(self.tree, self.model)
        self.model.modelReset.connect(self._fit_tree)  # a plan (re)read
        self._style_indent = self.tree.indentation()
        header.setSectionResizeMode(COL_DEPTS, QHeaderView.ResizeMode.Interactive)
        header.resizeSection(COL_DEPTS, 110)  # long lists elide; the tooltip has them all
        self.name_room = NameRoom(self.tree)  # a narrow tree: the departments step aside
        self.filter_bar = FilterBar(self)
        self.match_label = QLabel(self)
        self.match_label.setAccessibleName(self.tr("表示中の件数"))

        left = QWidget(self)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(6, 6, 0, 6)
        left_layout.addWidget(self.filter_bar)
        left_layout.addWidget(self.tree, 1)
        left_layout.addWidget(self.match_label)

        self.page_scroll = QScrollArea(self)
        self.page_scroll.setWidgetResizable(True)
        self.page_scroll.setObjectName("pageArea")
        self.placeholder = QLabel(self._placeholder_text(), self)
        self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.page_scroll.setWidget(self.placeholder)

        self.splitter = QSplitter(Qt.Orientation.Horizontal, self)
        self.splitter.setObjectName("mainSplitter")
        self.splitter.addWidget(left)
        self.splitter.addWidget(self.page_scroll)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        self.setCentralWidget(self.splitter)

        self._build_toolbar()
        self._build_menus()
        self.save_state = QLabel(self)
        self.save_state.setObjectName("saveState")
        self.save_state.setAccessibleName(self.tr("保存の状態"))
        self.statusBar().addPermanentWidget(self.save_state)
        self._set_save_state("saved")

        self.filter_bar.changed.connect(self._apply_filter)
        self.tree.selectionModel().selectionChanged.connect(self._selection_changed)
        self.tree.activated.connect(self._tree_activated)  # Enter / double-click: to the form
        self.cycle_selector.cycleChanged.connect(self.set_cycle)
        self.plan_box.activated.connect(self._plan_chosen)
        self.setAcceptDrops(True)  # the division drops submission workbooks: the merge screen opens
        self._restore_layout()
        store, self._pending_store = self._pending_store, None
        if store is None:
            self.placeholder.setText(loading_text())
            self.match_label.setText(loading_text())
        else:
            self.attach_store(store)

    def attach_store(self, store: Store) -> None:
        """The database this window reads and writes (once, before a plan is shown)."""
        from planDesk.gui.report.draft_journal import DraftJournal, journal_path

        self.store = store
        self.login = store.actor
        self.journal = DraftJournal(journal_path(store.location))
        self.placeholder.setText(self._placeholder_text())
        self.match_label.clear()

    # -- building -------------------------------------------------------------------------------

    def _build_toolbar(self) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QComboBox, QLabel, QToolBar, QToolButton

        from planDesk.gui.window.cycle_selector import CycleSelector

        bar = QToolBar(self.tr("ツールバー"), self)
        bar.setObjectName("mainToolbar")
        bar.setMovable(False)
        self.addToolBar(bar)
        plan_label = QLabel(self.tr("計画(&L)") + " ", self)
        self.plan_box = QComboBox(self)
        self.plan_box.setAccessibleName(self.tr("計画"))
        self.plan_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        plan_label.setBuddy(self.plan_box)
        bar.addWidget(plan_label)
        bar.addWidget(self.plan_box)
        bar.addSeparator()
        self.cycle_selector = CycleSelector(self)
        bar.addWidget(self.cycle_selector)
        bar.addSeparator()
        self.identity_button = QToolButton(self)
        self.identity_button.setAccessibleName(self.tr("利用者（所属）"))
        self.identity_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.identity_button.clicked.connect(self.choose_identity)
        bar.addWidget(self.identity_button)

    def _build_menus(self) -> None:
        from PySide6.QtGui import QKeySequence

        from planDesk.gui.widgets.menu_fit import fit_menu_bar
        from planDesk.gui.window import export_menu

        mb = self.menuBar()
        self.file_menu = mb.addMenu(self.tr("ファイル(&F)"))
        self.identity_action = self._action(self.file_menu, self.tr("利用者（所属）の変更(&U)…"), self.choose_identity)
        self.file_menu.addSeparator()
        self.language_menu = self.file_menu.addMenu(self.tr("表示言語(&G)"))
        self._action(self.language_menu, "日本語(&J)", lambda: self._set_language("ja"))
        self._action(self.language_menu, "&English", lambda: self._set_language("en"))
        self.file_menu.addSeparator()
        self._action(self.file_menu, self.tr("終了(&X)"), self.close, QKeySequence.StandardKey.Quit)

        self.edit_menu = mb.addMenu(self.tr("編集(&E)"))
        keys = QKeySequence.StandardKey
        self.undo_action = self._action(self.edit_menu, self.tr("元に戻す(&U)"), self.undo, keys.Undo)
        self.redo_action = self._action(self.edit_menu, self.tr("やり直す(&R)"), self.redo, keys.Redo)
        self.redo_action.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
        self.edit_menu.addSeparator()
        self.save_action = self._action(self.edit_menu, self.tr("保存(&S)"), self.save, keys.Save)
        self.find_action = self._action(self.edit_menu, self.tr("検索(&F)"), self.focus_search, keys.Find)

        self.view_menu = mb.addMenu(self.tr("表示(&V)"))
        self._action(self.view_menu, self.tr("すべて展開(&E)"), self.tree.expandAll)
        self._action(self.view_menu, self.tr("すべて折りたたむ(&C)"), self.tree.collapseAll)
        self.view_menu.addSeparator()
        self.roadmap_action = self._action(self.view_menu, self.tr("工程表(&R)…"), self.open_roadmap,
                                           "Ctrl+R")

        self.export_menu = mb.addMenu(self.tr("出力(&O)"))
        self.export_menu.aboutToShow.connect(lambda: export_menu.fill_menu(self.export_menu, self))

        # &K, not &P: Alt+P is the filter's 重点(&P).
        self.plan_menu = mb.addMenu(self.tr("計画(&K)"))
        self.plan_editor_action = self._action(self.plan_menu, self.tr("計画の編集(&E)…"), self.open_plan_editor)
        self.audit_action = self._action(self.plan_menu, self.tr("変更履歴（監査ログ）(&A)…"), self.open_audit_log)

        self.collect_menu = mb.addMenu(self.tr("取りまとめ(&C)"))
        self.merge_action = self._action(self.collect_menu, self.tr("提出物の取込(&M)…"), self.open_merge)
        self.tracker_action = self._action(self.collect_menu, self.tr("提出状況(&T)…"), self.open_tracker)

        self.help_menu = mb.addMenu(self.tr("ヘルプ(&H)"))
        self._action(self.help_menu, self.tr("planDesk について(&A)"), self.show_about)
        fit_menu_bar(mb)
        self._update_menus()

    def _update_menus(self) -> None:
        """The division's menus appear only for the division."""
        division = self.identity is not None and self.identity.is_division
        self.plan_menu.menuAction().setVisible(division)
        self.collect_menu.menuAction().setVisible(division)

    # The windows beside this one (plan editor, audit log, roadmap): gui/window/hosted_tools.py.
    @property
    def tools(self) -> dict[str, ToolWindow]:
        return self.hosted.tools

    def open_plan_editor(self) -> ToolWindow | None:
        return self.hosted.open_plan_editor()

    def open_audit_log(self) -> ToolWindow | None:
        return self.hosted.open_audit_log()

    def open_roadmap(self) -> ToolWindow | None:
        return self.hosted.open_roadmap()

    def open_merge(self) -> ToolWindow | None:
        return self.hosted.open_merge()

    def open_tracker(self) -> ToolWindow | None:
        return self.hosted.open_tracker()

    # -- workbooks dropped on the window (division) -------------------------------------------

    def _dropped_workbooks(self, mime: QMimeData) -> list[Path]:
        if self.identity is None or not self.identity.is_division or not mime.hasUrls():
            return []
        return [Path(u.toLocalFile()) for u in mime.urls()
                if u.isLocalFile() and u.toLocalFile().lower().endswith((".xlsx", ".xlsm"))]

    def dragEnterEvent(self, event: QDragEnterEvent) -> None:
        if self._dropped_workbooks(event.mimeData()):
            event.acceptProposedAction()
        else:
            super().dragEnterEvent(event)

    def dropEvent(self, event: QDropEvent) -> None:
        paths = self._dropped_workbooks(event.mimeData())
        if not paths:
            super().dropEvent(event)
            return
        event.acceptProposedAction()
        self.merge_files(paths)

    def merge_files(self, paths: list[Path]) -> ToolWindow | None:
        """Open the merge screen with these workbooks checked (nothing is merged yet)."""
        tool = self.open_merge()
        if tool is not None:
            tool.tool().add_files(paths)  # type: ignore[attr-defined]
        return tool

    def _sync_roadmap(self, *, reports_changed: bool = False) -> None:
        self.hosted.sync_roadmap(reports_changed=reports_changed)

    @property
    def busy(self) -> bool:
        """An export started from this window is still being written."""
        return self.job is not None and self.job.running

    def _fit_tree(self) -> None:
        """A plan (re)read: the short columns' widths and the indentation for its depth."""
        from planDesk.gui.plan.tree_columns import fit_columns, fit_indentation

        fit_columns(self.tree, self.model)
        if self.model.plan is not None:
            fit_indentation(self.tree, self.model.plan.depth, self._style_indent)
            self.name_room.depth = self.model.plan.depth
        self.name_room.fit()

    def _on_change(self, change: Change, sender: object) -> None:
        """A write somewhere (this window's forms, the plan editor, the merge screen, the
        tracker): refresh only what it names. The whole plan is read again only when the
        change altered its shape (``Change.structural``)."""
        if self.plan is None or sender is self:
            return
        if change.plan_id is not None and change.plan_id != self.plan.id:
            return  # another plan (or a new revision: the host tools switch to it)
        if change.structural:
            self.reload_plan()
            return
        self.apply_change(change)

    def apply_change(self, change: Change) -> None:
        """Splice what ``change`` touched into the plan, the report index, the tree rows and
        the open page."""
        if self.plan is None or self.reports is None:
            return
        from planDesk.core.plan.refresh import apply_patch

        patch = data_access.plan_patch(self.store, self.plan.id, change)
        reported = change.initiatives if change.touches("report") else frozenset()
        if reported:
            for ini_id, reps in data_access.reports_of(self.store, reported).items():
                self.reports.replace(ini_id, reps)
        if not patch.empty:
            self.plan = apply_patch(self.plan, patch)
            self.model.patch(self.plan, set(patch.initiatives), patch.group_titles)
            # a renamed group: the initiatives under it are searched by its title too
            retitled = {ini.id for g in self.plan.walk_groups() if g.id in patch.group_titles
                        for ini in g.all_initiatives()} if patch.group_titles else set()
            self.proxy.initiatives_changed(
                [i for i in (self.model.initiative(x) for x in set(patch.initiatives) | retitled) if i])
        touched = set(patch.initiatives) | set(reported)
        for ini_id in touched:
            self.model.update_initiative(self.reports, self.identity, self.cycle, ini_id)
        if touched or not patch.empty:
            spec = self.filter_bar.spec()
            if spec.active:
                self._apply_filter(spec)
        page = self.page
        if page is not None and (page.initiative.id in patch.initiatives
                                 or any(g.id in patch.group_titles for g in page.initiative.path)):
            self._leave_page()
            self._show_page(page.initiative.id)  # the plan's text on the page changed (or a group of its path)
        elif page is not None and page.initiative.id in reported:
            page.update_reports(self.reports)
        if touched:
            self._sync_roadmap(reports_changed=True)

    def reload_plan(self) -> None:
        """Read the plan again, keeping the cycle, the filter and the selected initiative."""
        if self.plan is None:
            return
        from planDesk.gui.plan.report_index import ReportIndex

        selected = self.page.initiative.id if self.page is not None else None
        cycle = self.cycle
        self._leave_page()
        plan = data_access.plan(self.store, self.plan.id)
        self.plan = plan
        self.reports = ReportIndex(plan)
        self.model.set_plan(plan)
        self.proxy.plan_changed()
        self.cycle_selector.set_period(plan.start_fy, plan.end_fy, cycle)
        self.cycle = self.cycle_selector.cycle()
        self.page = None
        self._show_page(None)
        self._refresh_context()
        self.tree.expandAll()
        self._sync_roadmap(reports_changed=True)
        if selected is not None:
            self.select_initiative(selected)

    def show_about(self) -> None:
        from PySide6.QtWidgets import QMessageBox

        from planDesk import __version__

        where = self.log_file or self.tr("（ログファイルを書き込めません）")
        database = self.store.location if hasattr(self, "store") else self.tr("読み込み中…")
        QMessageBox.about(self, self.tr("planDesk について"),
                          self.tr("planDesk {0}\nデジタル化推進アクションプランの進捗報告・集約ツール\n\n"
                                  "データベース：{1}\nログ：{2}").format(__version__, database, where))

    def _action(self, menu: Any, text: str, slot: Any, shortcut: Any = None) -> QAction:
        from PySide6.QtGui import QAction, QKeySequence

        action = QAction(text, self)
        if shortcut is not None:
            action.setShortcut(QKeySequence(shortcut))
        action.triggered.connect(lambda _checked=False: slot())
        menu.addAction(action)
        return action

    def after_start(self) -> None:
        """Once the window is up: ask who the user is on the first start; put back drafts
        that a crash left unsaved."""
        if self.plan is not None and self.identity is None:
            self.choose_identity()
        self.restore_drafts()

    def restore_drafts(self) -> bool:
        """Open the first report with input left in the journal (its form restores it)."""
        from planDesk.gui.plan.report_index import Cycle

        if self.plan is None:
            return False
        entries = self.journal.entries(self.plan.id)
        if not entries:
            return False
        key, _draft = entries[0]
        self.set_cycle(Cycle(key.fy, key.half))
        self.select_initiative(key.initiative_id)
        if self.page is not None and self.page.tabs is not None:
            for i in range(self.page.tabs.count()):
                widget = self.page.tabs.widget(i)
                if getattr(widget, "key", None) == key:
                    self.page.tabs.setCurrentIndex(i)
        titles = "\n".join("・" + d.title for _k, d in entries)
        # Not a modal box: the form's banner says it in place; the others reappear when
        # their report is opened, and the status bar's tooltip lists them all.
        restored = self.tr("前回保存されなかった入力を{0}件復元しました（最初の報告を表示しています）")
        self.statusBar().showMessage(restored.format(len(entries)), 30000)
        log.info("restored %d draft(s) from %s", len(entries), self.journal.path)
        self.restored_message = self.tr("前回終了したときに保存されていなかった入力があります。"
                                        "入力の画面に戻しました。\n{0}").format(titles)
        self.statusBar().setToolTip(self.restored_message)
        return True

    # -- plans, identity, cycle -----------------------------------------------------------------

    def load_plans(self, preferred_key: str | None = None) -> None:
        """Fill the plan switcher and open the preferred (or first current) plan."""
        from planDesk.core.plan.view import choose_plan

        plans = data_access.plans(self.store)
        chosen = choose_plan(plans, preferred_key)
        self.show_plans(plans, data_access.plan(self.store, chosen.id) if chosen is not None else None)

    def show_plans(self, plans: list[PlanSummary], plan: PlanView | None) -> None:
        """Fill the plan switcher and show ``plan`` (already read, e.g. off the GUI thread)."""
        self.plans = plans
        self.plan_box.clear()
        for p in self.plans:
            suffix = "" if p.is_current else self.tr("（旧版）")
            self.plan_box.addItem(f"{p.name}（{p.revision}）{suffix}", p.id)
        if plan is not None:
            self._show_plan(plan)

    def open_plan(self, plan_id: int) -> None:
        if not self._leave_page():
            self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(self.plan.id if self.plan else -1)))
            return
        self._show_plan(data_access.plan(self.store, plan_id))

    def _show_plan(self, plan: PlanView) -> None:
        from planDesk.gui.identity import Identity
        from planDesk.gui.plan.report_index import ReportIndex
        from planDesk.gui.window.cycle_selector import default_cycle

        plan_id = plan.id
        self.plan = plan
        self.reports = ReportIndex(plan)
        self.plan_box.setCurrentIndex(max(0, self.plan_box.findData(plan_id)))
        settings.set_last_plan_key(plan.key)
        self.identity = Identity.from_setting(settings.identity_value(plan.key), plan)
        self.cycle = default_cycle(plan.start_fy, plan.end_fy)
        self.cycle_selector.set_period(plan.start_fy, plan.end_fy, self.cycle)
        self.model.set_plan(plan)
        self.proxy.plan_changed()
        self.filter_bar.set_plan(plan, self.identity is not None and not self.identity.is_division)
        self._update_menus()
        self._show_page(None)
        self._refresh_context()
        self.filter_bar.show_mine()
        self.tree.expandAll()
        self.setWindowTitle(f"{plan.name}（{plan.revision}）")

    def _plan_chosen(self, row: int) -> None:
        plan_id = self.plan_box.itemData(row)
        if plan_id is not None and (self.plan is None or plan_id != self.plan.id):
            self.open_plan(int(plan_id))

    def set_identity(self, identity: Identity) -> None:
        if self.plan is None:
            return
        if not self._leave_page():
            return
        self.identity = identity
        settings.set_identity_value(self.plan.key, identity.to_setting())
        self.filter_bar.set_plan(self.plan, not identity.is_division)
        self._refresh_context()
        self.filter_bar.show_mine()
        self._update_menus()
        self.identityChanged.emit(identity)

    def choose_identity(self) -> bool:
        """Ask who the user is (first start, or from the menu). True if one was chosen."""
        from planDesk.gui.window.identity_dialog import IdentityDialog

        if self.plan is None:
            return False
        dialog = IdentityDialog(self.plan, self.identity, self)
        if dialog.exec() and (identity := dialog.identity()) is not None:
            self.set_identity(identity)
            return True
        return False

    def set_cycle(self, cycle: Cycle) -> None:
        if cycle == self.cycle:
            return
        if not self._leave_page():
            self.cycle_selector.set_cycle(self.cycle)
            return
        self.cycle = cycle
        self.cycle_selector.set_cycle(cycle)
        self._refresh_context()

    def _record_actor(self) -> None:
        """Write 「市民課／login」 into the audit log, so the log says who in which department."""
        from planDesk.gui.identity import actor_name

        self.store.actor = actor_name(self.identity, self.login)

    def _refresh_context(self) -> None:
        """Who, or which cycle, changed: recompute the status columns, filter, and page."""
        if self.plan is None or self.reports is None:
            return
        self._record_actor()
        self.model.set_context(self.reports, self.identity, self.cycle)
        self._apply_filter(self.filter_bar.spec())
        if self.identity is None:
            self.identity_button.setText(self.tr("所属：未設定"))
        else:
            who = self.tr("情報政策課（取りまとめ）") if self.identity.is_division else self.identity.department
            self.identity_button.setText(self.tr("所属：{0}").format(who))
        if self.page is not None:
            self._show_page(self.page.initiative.id)

    def _apply_filter(self, spec: FilterSpec) -> None:
        if self.reports is None:
            return
        self.proxy.apply(spec, self.reports, self.identity, self.cycle)
        if spec.active:
            self.tree.expandAll()
        self._sync_roadmap()
        total = len(self.model.initiatives())
        shown = self.proxy.matching_count()
        self.match_label.setText(
            self.tr("{0}件を表示中（全{1}件）").format(shown, total) if shown is not None
            else self.tr("全{0}件").format(total))

    # -- pages ----------------------------------------------------------------------------------

    def select_initiative(self, initiative_id: int) -> bool:
        """Select an initiative in the tree (clearing a filter that hides it)."""
        source = self.model.index_of_initiative(initiative_id)
        if not source.isValid():
            return False
        index = self.proxy.mapFromSource(source)
        if not index.isValid():
            self.filter_bar.reset()
            index = self.proxy.mapFromSource(source)
        self.tree.setCurrentIndex(index)
        self.tree.scrollTo(index)
        return True

    def _selection_changed(self, selected: QItemSelection, _deselected: QItemSelection) -> None:
        from planDesk.gui.plan.tree_model import ID_ROLE, INITIATIVE, KIND_ROLE

        indexes = selected.indexes()
        if not indexes:
            return
        index: QModelIndex = indexes[0]
        if index.data(KIND_ROLE) != INITIATIVE:
            return
        initiative_id = int(index.data(ID_ROLE))
        if self.page is not None and self.page.initiative.id == initiative_id:
            return
        if not self._leave_page():
            return
        self._show_page(initiative_id)
        self.initiativeSelected.emit(initiative_id)

    def _tree_activated(self, index: QModelIndex) -> None:
        from PySide6.QtCore import Qt

        from planDesk.gui.plan.tree_model import INITIATIVE, KIND_ROLE

        if index.data(KIND_ROLE) != INITIATIVE or self.page is None:
            return
        for form in self.page.forms:
            if form.editable:
                form.widgets["activities"].setFocus(Qt.FocusReason.OtherFocusReason)
                self.page_scroll.ensureWidgetVisible(form.widgets["activities"])
                return

    def _placeholder_text(self) -> str:
        """What the empty page says: pick an item, named with the plan's own word for it."""
        if self.plan is None:
            return self.tr("左の一覧から選んでください。")
        return self.tr("左の一覧から{0}を選んでください。").format(self.plan.initiative_label)

    def _show_page(self, initiative_id: int | None) -> None:
        from PySide6.QtCore import Qt
        from PySide6.QtWidgets import QLabel

        old = self.page
        self.page = None
        if initiative_id is not None and self.plan is not None and self.reports is not None:
            ini = self.model.initiative(initiative_id)
            if ini is not None:
                self.page = self._make_page(ini)
        # takeWidget: QScrollArea.setWidget would delete the old page at once, while its
        # signal (e.g. a status change) may still be on the stack.
        previous = self.page_scroll.takeWidget()
        if self.page is None:
            self.placeholder = QLabel(self._placeholder_text(), self)
            self.placeholder.setAlignment(Qt.AlignmentFlag.AlignCenter)
            self.page_scroll.setWidget(self.placeholder)
        else:
            self.page_scroll.setWidget(self.page)
            self.page.saveStateChanged.connect(self._set_save_state)
        if previous is not None:
            previous.deleteLater()
        del old
        self._set_save_state("saved")

    def _make_page(self, ini: Any) -> InitiativePage:
        from planDesk.gui.report.initiative_page import InitiativePage
        from planDesk.gui.window import export_menu

        assert self.plan is not None and self.reports is not None
        page = InitiativePage(self.store, self.plan, ini, self.reports, self.identity, self.cycle, self.journal,
                              self)
        page.reportsSaved.connect(self._reports_saved)
        page.transitioned.connect(self._transitioned)
        page.changeMade.connect(lambda change: self.hub.announce(change, self))
        page.handInRequested.connect(lambda: export_menu.submission_files(self))
        return page

    def _reports_saved(self, initiative_id: int) -> None:
        """A form saved: refresh this initiative's reports, its tree row and the page."""
        if self.reports is None:
            return
        if self.page is not None and self.page.initiative.id == initiative_id:
            for form in self.page.forms:  # each form holds its report as just saved
                if form.report is not None:
                    self.reports.put(form.report)
        else:
            self.reports.replace(initiative_id, data_access.initiative_reports(self.store, initiative_id))
        self.model.update_initiative(self.reports, self.identity, self.cycle, initiative_id)
        if self.page is not None and self.page.initiative.id == initiative_id:
            self.page.update_reports(self.reports)
        self._sync_roadmap(reports_changed=True)
        self.statusBar().showMessage(self.tr("保存しました"), 3000)

    def _transitioned(self, initiative_id: int) -> None:
        """A status changed (提出, 確認, 差戻し): rebuild the page so locks follow."""
        from PySide6.QtCore import QTimer

        tab = self.page.tabs.currentIndex() if self.page is not None and self.page.tabs is not None else 0
        QTimer.singleShot(0, lambda: self._rebuild_page(initiative_id, tab))

    def _rebuild_page(self, initiative_id: int, tab: int) -> None:
        if self.page is None or self.page.initiative.id != initiative_id:
            return
        from PySide6.QtCore import QTimer

        self._show_page(initiative_id)
        if self.page is not None and self.page.tabs is not None:
            self.page.tabs.setCurrentIndex(tab)
        # Stay at the form's buttons (提出 was pressed there), not at the top of the page.
        QTimer.singleShot(0, self._show_form_buttons)

    def _show_form_buttons(self) -> None:
        page = self.page
        if page is None or not page.forms:
            return
        form = page.tabs.currentWidget() if page.tabs is not None else page.forms[0]
        form = form if form in page.forms else page.forms[0]
        for button in (form.handin_button, form.save_button, form.confirm_button, form.return_button):
            if button.isVisibleTo(page):
                self.page_scroll.ensureWidgetVisible(button, 50, 120)
                return

    def _leave_page(self) -> bool:
        """Save what is typed before the page goes away. Unsaved text stays in the journal."""
        if self.page is None:
            return True
        self.page.flush()
        return True

    # -- editing --------------------------------------------------------------------------------

    def undo(self) -> None:
        if self.page is not None:
            self.page.undo_stack.undo()

    def redo(self) -> None:
        if self.page is not None:
            self.page.undo_stack.redo()

    def save(self) -> None:
        if self.page is not None:
            self.page.flush()

    def focus_search(self) -> None:
        from PySide6.QtCore import Qt

        self.filter_bar.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.filter_bar.search.selectAll()

    def _set_save_state(self, state: str) -> None:
        texts = {
            "saved": self.tr("保存済み"),
            "dirty": self.tr("未保存の入力があります（数秒後に自動保存）"),
            "saving": self.tr("保存中…"),
            "error": self.tr("保存できていない入力があります（入力内容は保護されています）"),
        }
        self.save_state.setText(texts.get(state, state))
        self.save_state.setProperty("state", state)

    def _set_language(self, code: str) -> None:
        """Every label is created translated, so a new language takes a restart (drafts
        are saved or kept in the journal by closing first)."""
        from PySide6.QtWidgets import QMessageBox

        if code == settings.language():
            return
        answer = QMessageBox.question(self, "planDesk",
                                      self.tr("表示言語を切り替えるため、planDesk を再起動します。よろしいですか。"))
        if answer != QMessageBox.StandardButton.Yes:
            return
        settings.set_language(code)
        if self.close():
            from planDesk.gui.i18n import restart

            restart()

    def show_error(self, exc: UserError) -> None:
        from planDesk.gui.error_handling import show_user_error

        show_user_error(self, exc)

    # -- layout ---------------------------------------------------------------------------------

    def _restore_layout(self) -> None:
        """The tool bar and the splitter as left (the shell restored the size and place)."""
        _geometry, state, splitter = settings.window_state()
        if state is not None:
            self.restoreState(state)
        if splitter is not None:
            self.splitter.restoreState(splitter)
        else:  # half and half: the tree's titles need the room as much as the page
            half = self.width() // 2
            self.splitter.setSizes([half, self.width() - half])

    def secure_drafts(self) -> None:
        """After an unexpected error: keep whatever is typed (journal + a save attempt)."""
        if self.page is not None:
            self.page.flush()

    def closeEvent(self, event: QCloseEvent) -> None:
        from PySide6.QtWidgets import QMessageBox

        if self.page is not None and not self.page.flush() and self.isVisible():
            answer = QMessageBox.question(
                self, "planDesk",
                self.tr("保存できていない入力があります。入力内容はこのパソコンに保持し、次回の起動時に復元します。\n"
                        "終了しますか。"))
            if answer != QMessageBox.StandardButton.Yes:
                event.ignore()
                return
        if self.built:  # closed before its first paint: nothing to remember yet
            settings.save_window_state(self.saveGeometry(), self.saveState(), self.splitter.saveState())
        super().closeEvent(event)
