"""The windows the main window opens beside itself: other modules' widgets, hosted.

計画 → 計画の編集 (``plan_editor.PlanEditor``) and 変更履歴 (``audit_view.AuditLogView``),
取りまとめ → 提出物の取込 (``merge_view.MergeView``) and 提出状況 (``tracker_view.TrackerView``) for
the division; 表示 → 工程表 (``roadmap_view.RoadmapView``) for everyone. One window per tool
and plan; a tool is made again when the main window switches plans. The widgets are
imported when first opened, so they cost nothing at start-up.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

from planDesk.gui.widgets.row_height import roomy_rows
from planDesk.gui.window.tool_windows import ToolWindow, show_tool

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Change
    from planDesk.gui.window.main_window import MainWindow


class HostedTools(QObject):
    def __init__(self, window: MainWindow) -> None:
        super().__init__(window)
        self.window = window
        self.tools: dict[str, ToolWindow] = {}
        window.hub.changed.connect(self._on_change)

    def _tool(self, name: str, title: str, make: Callable[[], QWidget]) -> ToolWindow:
        """The tool window ``name`` for the current plan (made again when the plan changed)."""
        plan = self.window.plan
        assert plan is not None
        tool = self.tools.get(name)
        if tool is None or tool.property("planId") != plan.id:
            if tool is not None:
                tool.close()
                tool.deleteLater()
            tool = ToolWindow(name, title, make(), self.window)
            tool.setProperty("planId", plan.id)
            self.tools[name] = tool
        show_tool(tool)
        return tool

    def open_plan_editor(self) -> ToolWindow | None:
        w = self.window
        if w.plan is None:
            return None
        from planDesk.gui.plan_edit.editor import PlanEditor

        plan = w.plan

        def make() -> PlanEditor:
            editor = PlanEditor(w.store, plan.id, read_only=not plan.is_current)
            editor.planChanged.connect(lambda change: w.hub.announce(change, editor))
            w.hub.changed.connect(editor.on_change)
            roomy_rows(editor.tree)  # rows fit Japanese glyphs
            return editor

        suffix = "" if plan.is_current else self.tr("（旧版・閲覧のみ）")
        title = self.tr("計画の編集 — {0}（{1}）{2}").format(plan.name, plan.revision, suffix)
        return self._tool("planEditor", title, make)

    def open_audit_log(self) -> ToolWindow | None:
        w = self.window
        if w.plan is None:
            return None
        from planDesk.gui.division.audit_view import AuditLogView

        plan_id = w.plan.id
        return self._tool("auditLog", self.tr("変更履歴（監査ログ） — {0}").format(w.plan.name),
                          lambda: AuditLogView(w.store, plan_id))

    def open_merge(self) -> ToolWindow | None:
        """Drop submission workbooks, see the diff, merge, resolve conflicts, undo."""
        w = self.window
        if w.plan is None:
            return None
        from planDesk.gui.division.merge_view import MergeView

        plan_id = w.plan.id

        def make() -> MergeView:
            view = MergeView(w.store, plan_id)
            view.changed.connect(lambda change: w.hub.announce(change, view))
            w.hub.changed.connect(view.on_change)
            return view

        return self._tool("merge", self.tr("提出物の取込 — {0}").format(w.plan.name), make)

    def open_tracker(self) -> ToolWindow | None:
        """Each department's 未提出 / 提出済 / 取込済 / 差戻し for the plan."""
        w = self.window
        if w.plan is None:
            return None
        from planDesk.gui.division.tracker_view import TrackerView

        plan_id = w.plan.id

        def make() -> TrackerView:
            view = TrackerView(w.store, plan_id)
            view.changed.connect(lambda change: w.hub.announce(change, view))
            w.hub.changed.connect(view.on_change)
            roomy_rows(view.table)
            return view

        return self._tool("tracker", self.tr("提出状況 — {0}").format(w.plan.name), make)

    def open_roadmap(self) -> ToolWindow | None:
        """The 工程表 of the plan, showing what the tree shows, coloured by this cycle's reports."""
        w = self.window
        if w.plan is None or w.reports is None:
            return None
        from planDesk.gui.roadmap.view import RoadmapView

        plan, reports = w.plan, w.reports

        def make() -> RoadmapView:
            view = RoadmapView(reports.plan_with_reports(plan), cycle_fy=w.cycle.fy)
            view.initiativeActivated.connect(self._roadmap_activated)
            return view

        tool = self._tool("roadmap", self.tr("工程表 — {0}（{1}）").format(plan.name, plan.revision), make)
        self.sync_roadmap()
        return tool

    def _roadmap(self) -> Any:
        tool = self.tools.get("roadmap")
        plan = self.window.plan
        if tool is None or plan is None or tool.property("planId") != plan.id:
            return None
        return tool.tool()

    def sync_roadmap(self, *, reports_changed: bool = False) -> None:
        """Keep an open roadmap in step with the tree's filter, the cycle and saved reports."""
        w = self.window
        view = self._roadmap()
        if view is None or w.reports is None or w.plan is None:
            return
        if reports_changed:
            view.set_plan(w.reports.plan_with_reports(w.plan))
        view.set_cycle_fy(w.cycle.fy)
        view.set_filter(w.proxy.accepted())

    def _roadmap_activated(self, initiative_id: int) -> None:
        self.window.select_initiative(initiative_id)
        self.window.raise_()
        self.window.activateWindow()

    def _on_change(self, change: Change, _sender: object) -> None:
        """A new revision of the plan was started: the main window switches to it (the
        other changes the main window and each tool refresh themselves: change_hub.py)."""
        w = self.window
        if w.plan is None or change.operation != "start-revision" or change.plan_id is None:
            return
        w.load_plans(w.plan.key)  # the new revision is now the current one
        editor = self.tools.get("planEditor")
        if editor is not None and editor.isVisible():
            QTimer.singleShot(0, self.open_plan_editor)
