"""Translatable labels of the report workflow's codes (report status, roadmap step state).

The codes come from ``core.reports.ops``; their Japanese labels are written out here as
literals so Qt's ``lupdate`` can find them for the English translation.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from planDesk.core.domain.workflow import NOT_STARTED


def status_label(status: str) -> str:
    """未作成 / 下書き / 提出済 / 確認済 ("" for a status that does not apply)."""
    labels = {
        NOT_STARTED: QCoreApplication.translate("labels", "未作成"),
        "draft": QCoreApplication.translate("labels", "下書き"),
        "submitted": QCoreApplication.translate("labels", "提出済"),
        "confirmed": QCoreApplication.translate("labels", "確認済"),
    }
    return labels.get(status, status)


def step_state_labels() -> dict[str, str]:
    """The states of a roadmap step in a report, in the order offered."""
    return {
        "not_started": QCoreApplication.translate("labels", "未着手"),
        "in_progress": QCoreApplication.translate("labels", "実施中"),
        "done": QCoreApplication.translate("labels", "完了"),
        "delayed": QCoreApplication.translate("labels", "遅れ"),
    }
