"""Translations: Qt's own Japanese for standard dialogs, planDesk's English catalogue."""

from __future__ import annotations

import subprocess
import sys
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

import planDesk
from planDesk import paths
from planDesk.gui.i18n import install_translators

# Contexts of the modules this catalogue covers completely (the main window and report form).
COMPLETE = {"MainWindow", "ReportForm", "InitiativePage", "FilterBar", "CycleSelector", "IdentityDialog",
            "PlanTreeModel", "PlanFilterProxy", "PlanPartView", "KpiTotalsView", "labels", "plan_text", "report",
            "conflict", "actions", "errors", "export", "app", "HostedTools",
            "MergeView", "merge", "InitiativeRoadmap", "AuditLogView", "AuditTableModel", "file_dialogs"}


@pytest.fixture
def restore_japanese(qapp: QApplication) -> Iterator[QApplication]:
    yield qapp
    install_translators(qapp, "ja")


def test_japanese_loads_qts_own_translation_for_standard_buttons(restore_japanese: QApplication) -> None:
    install_translators(restore_japanese, "ja")
    assert QCoreApplication.translate("QPlatformTheme", "Cancel") == "キャンセル"
    assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "ファイル(&F)"


def test_english_comes_from_the_shipped_qm(restore_japanese: QApplication) -> None:
    assert (paths.translations_dir() / "planDesk_en.qm").is_file()
    install_translators(restore_japanese, "en")
    assert QCoreApplication.translate("MainWindow", "ファイル(&F)") == "&File"
    assert QCoreApplication.translate("labels", "提出済") == "Submitted"
    assert QCoreApplication.translate("report", "実績：{0}").format("X") == "Actual: X"


def _messages(ts: Path) -> dict[tuple[str, str], str | None]:
    """(context, source) → translation (None when unfinished) of a .ts file."""
    out: dict[tuple[str, str], str | None] = {}
    for ctx in ET.parse(ts).getroot().iter("context"):
        for m in ctx.iter("message"):
            tr = m.find("translation")
            done = tr is not None and tr.get("type") not in ("unfinished", "vanished", "obsolete")
            out[(ctx.findtext("name") or "", m.findtext("source") or "")] = tr.text if done and tr is not None else None
    return out


def test_every_string_of_the_main_screens_is_translated(tmp_path: Path) -> None:
    """lupdate over today's code finds no string of the main screens missing from the catalogue
    (after adding a string: run the lupdate/lrelease commands of docs/gui.md)."""
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    fresh = tmp_path / "fresh.ts"
    sources = sorted(str(p) for p in (Path(planDesk.__file__).parent / "gui").rglob("*.py"))
    subprocess.run([str(lupdate), *sources, "-source-language", "ja_JP", "-target-language", "en_US",
                    "-ts", str(fresh)], check=True, capture_output=True)
    found = {key for key in _messages(fresh) if key[0] in COMPLETE}
    assert {ctx for ctx, _ in found} == COMPLETE  # lupdate sees every module's strings
    shipped = _messages(paths.translations_dir() / "planDesk_en.ts")
    missing = sorted(key for key in found if not shipped.get(key))
    assert missing == []
