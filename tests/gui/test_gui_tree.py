"""The plan tree model, its filter proxy and the counts per node."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from gui_helpers import initiative_by_code, no_modal_dialogs, open_window  # noqa: F401  (autouse fixture)
from PySide6.QtCore import QModelIndex, Qt
from pytestqt.modeltest import ModelTester
from pytestqt.qtbot import QtBot

from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, save_report, submit_report
from planDesk.gui import data_access
from planDesk.gui.identity import Identity
from planDesk.gui.plan.filter import FilterSpec, PlanFilterProxy
from planDesk.gui.plan.report_index import Cycle, ReportIndex
from planDesk.gui.plan.text_fold import fold
from planDesk.gui.plan.tree_model import COL_NAME, COL_STATUS, INITIATIVE, KIND_ROLE, PlanTreeModel
from planDesk.gui.window.main_window import MainWindow

H = Qt.Orientation.Horizontal


@pytest.fixture
def dept_window(qtbot: QtBot, sample_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_db, Identity("市民課"))
    assert window.filter_bar.mine.isChecked()  # a department starts with its own initiatives
    window.filter_bar.mine.setChecked(False)
    yield window
    window.store.close()


@pytest.fixture
def division_window(qtbot: QtBot, sample_db: Path) -> Iterator[MainWindow]:
    window = open_window(qtbot, sample_db, Identity(None))
    yield window
    window.store.close()


def visible(window: MainWindow) -> list[str]:
    """Codes of the initiatives the filtered tree shows."""
    proxy = window.proxy
    out: list[str] = []

    def walk(parent: QModelIndex) -> None:
        for row in range(proxy.rowCount(parent)):
            index = proxy.index(row, COL_NAME, parent)
            if index.data(KIND_ROLE) == INITIATIVE:
                out.append(str(index.data()).split("　")[0])
            walk(index)

    walk(QModelIndex())
    return out


def set_filter(window: MainWindow, **changes: object) -> None:
    bar = window.filter_bar
    for name, value in changes.items():
        widget = getattr(bar, name)
        if name == "search":
            widget.setText(value)
            bar.flush()
        elif isinstance(value, bool):
            widget.setChecked(value)
        else:
            widget.setCurrentIndex(widget.findData(value))


def test_models_pass_the_qt_model_tester_on_both_sample_plans(qtmodeltester: ModelTester, store: Store,
                                                              hitachi_db: Path) -> None:
    other = Store.open(str(hitachi_db))
    for target in (store, other):
        plan = data_access.plan(target, data_access.plans(target)[0].id)
        model = PlanTreeModel()
        model.set_plan(plan)
        model.set_context(ReportIndex(plan), Identity(None), Cycle(plan.start_fy))
        qtmodeltester.check(model)
        proxy = PlanFilterProxy()
        proxy.setSourceModel(model)
        proxy.plan_changed()
        proxy.apply(FilterSpec(text="デジタル"), ReportIndex(plan), None, Cycle(plan.start_fy))
        qtmodeltester.check(proxy)
    other.close()


def test_tree_uses_the_plans_own_level_labels_and_counts(dept_window: MainWindow, qtbot: QtBot,
                                                         hitachi_db: Path) -> None:
    model = dept_window.model
    assert model.headerData(0, H) == "基本方針／推進事項／取組事項"
    top = model.index(0, 0)
    assert top.data() == "基本方針①　市民サービスのデジタル化（11件）"
    assert model.index(0, 0, top).data() == "推進事項①－１　スマート行政（4件）"
    assert len(visible(dept_window)) == 34
    assert dept_window.match_label.text() == "全34件"

    other = open_window(qtbot, hitachi_db, Identity("市民課"), plan_key="hitachi")
    other.filter_bar.mine.setChecked(False)
    assert other.model.headerData(0, H) == "分野／施策／取組"
    assert str(other.model.index(0, 0).data()).startswith("分野1　")
    assert len(visible(other)) == 44
    assert visible(other)[:2] == ["01", "02"]
    other.store.close()


def test_flag_filters_and_group_counts(dept_window: MainWindow) -> None:
    set_filter(dept_window, priority=True)
    assert visible(dept_window) == ["①－１－１", "③－１－３"]
    assert dept_window.proxy.index(0, 0).data() == "基本方針①　市民サービスのデジタル化（1／11件）"
    assert dept_window.match_label.text() == "2件を表示中（全34件）"
    set_filter(dept_window, priority=False, new=True)
    assert len(visible(dept_window)) == 6
    set_filter(dept_window, new=False)
    assert len(visible(dept_window)) == 34


def test_my_department_filter_follows_who_i_am(dept_window: MainWindow) -> None:
    set_filter(dept_window, mine=True)
    codes = visible(dept_window)
    assert "①－１－２" in codes  # 市民課 is named
    assert "①－１－１" in codes  # 全部署 includes every department
    assert "③－１－１０" not in codes  # 道路管理課 only
    dept_window.set_identity(Identity("道路管理課"))
    assert dept_window.filter_bar.mine.isChecked()
    assert "③－１－１０" in visible(dept_window)
    assert "①－１－２" not in visible(dept_window)


def test_text_search_folds_width_and_kana(dept_window: MainWindow) -> None:
    assert fold("ＬＩＮＥ　予約") == fold("line予約")
    set_filter(dept_window, search="ｵﾝﾗｲﾝ")  # half-width katakana finds オンライン
    assert "①－１－１" in visible(dept_window)
    set_filter(dept_window, search="ＬＩＮＥ")  # full-width latin finds LINE
    assert "①－１－１" in visible(dept_window)
    set_filter(dept_window, search="どうろせんよう")  # hiragana does not match kanji: nothing
    assert visible(dept_window) == []
    assert dept_window.match_label.text() == "0件を表示中（全34件）"
    set_filter(dept_window, search="道路占用")
    assert visible(dept_window) == ["③－１－１０"]


def test_status_and_evaluation_filters_follow_saved_reports(division_window: MainWindow) -> None:
    window = division_window
    store = window.store
    ini = initiative_by_code(window, "①－１－２")
    dept = next(d.id for d in window.plan.departments if d.name == "市民課")  # type: ignore[union-attr]
    _, _ = save_report(store, ReportInput(ini, dept, window.cycle.fy, activities="実施しました", evaluation="A",
                                          direction="継続"), expected_version=0)
    report_id = data_access.initiative_reports(store, ini)[0].id
    submit_report(store, report_id)
    window.open_plan(window.plan.id)  # type: ignore[union-attr]

    set_filter(window, status="submitted")
    assert visible(window) == ["①－１－２"]
    index = window.proxy.mapFromSource(window.model.index_of_initiative(ini))
    assert window.proxy.index(index.row(), COL_STATUS, index.parent()).data() == "提出済"
    set_filter(window, status="")
    set_filter(window, evaluation="A")
    assert visible(window) == ["①－１－２"]
    set_filter(window, evaluation="-")
    assert "①－１－２" not in visible(window)
    assert len(visible(window)) == 33


def test_division_status_waits_for_every_named_department(qtbot: QtBot, hitachi_db: Path) -> None:
    window = open_window(qtbot, hitachi_db, Identity(None), plan_key="hitachi")
    one = initiative_by_code(window, "01")  # デジタル推進課 alone, reported
    three = initiative_by_code(window, "02")  # 市民課・各支所・デジタル推進課; one part reported
    assert window.model.summary(one).status == "confirmed"  # type: ignore[union-attr]
    assert window.model.summary(three).status == "none"  # type: ignore[union-attr]
    window.store.close()
