"""Translations: Qt's own Japanese for standard dialogs, planDesk's English catalogue."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Iterator

import pytest
from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication

from planDesk import paths
from planDesk.gui.i18n import install_translators

# Contexts of the modules this catalogue covers completely (the main window and report form).
COMPLETE = {"MainWindow", "ReportForm", "InitiativePage", "FilterBar", "CycleSelector", "IdentityDialog",
            "PlanTreeModel", "PlanFilterProxy", "PlanPartView", "KpiTotalsView", "labels", "plan_text", "report",
            "conflict", "actions", "errors", "export", "app"}


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


def test_every_string_of_the_main_screens_is_translated() -> None:
    root = ET.parse(paths.translations_dir() / "planDesk_en.ts").getroot()
    missing = [(ctx.findtext("name"), m.findtext("source")) for ctx in root.iter("context")
               if ctx.findtext("name") in COMPLETE for m in ctx.iter("message")
               if m.find("translation").get("type") in ("unfinished", "vanished", "obsolete")]
    assert missing == []
    contexts = {ctx.findtext("name") for ctx in root.iter("context")}
    assert contexts >= COMPLETE  # lupdate found every module's strings
