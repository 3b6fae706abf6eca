"""The program's messages call a plan's items by the plan's own word (取組事項, 取組, 事業 …),
never by the program's 取組: merging a submission whose item was retired, undoing a merge,
the plan editor's refusals and version conflicts, a yearly revision, the tracker on the
command line and in its workbook — for a plan whose items are 事業 (PROGRAM_WORDS stay)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import city_db, stray_item_word, view_of
from openpyxl import load_workbook
from submission_helpers import export, fill, ids_of

from planDesk.cli.main import main
from planDesk.core.errors import ConflictError, UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.edit.details import GoalFields, add_detail
from planDesk.core.plan.edit.nodes import InitiativeFields, edit_initiative
from planDesk.core.plan.edit.numbers import retire_node
from planDesk.core.plan.edit.revision import start_revision
from planDesk.core.plan.edit.settings import retire_department
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.merge import merge_files
from planDesk.core.submissions.undo import undo_merge

WORD = "事業"  # city_plan's word for its items
KEY = "other-city"
TITLE = "事業111のデジタル化"  # the title of 1-1-1 (電算室's alone)


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return city_db(tmp_path)


@pytest.fixture
def store(db: Path) -> Iterator[Store]:
    store = Store.open(str(db), actor="情報化係")
    yield store
    store.close()


def filled(store: Store, folder: Path) -> Path:
    return fill(export(store, folder, department="電算室", fy=2026),
                reports={"1-1-1": {"activities": "実施しました", "evaluation": "◎（計画以上）", "direction": "伸ばす"}})


def test_a_submission_for_a_retired_item(store: Store, tmp_path: Path) -> None:
    path = filled(store, tmp_path)
    retire_node(store, "initiative", ids_of(store, "1-1-1").id)
    [outcome] = merge_files(store, [path])
    assert outcome.refused
    assert any(f"{WORD} 1-1-1「{TITLE}」は廃止されています。" in m for m in outcome.messages)
    assert stray_item_word(outcome.messages) == []


def test_undoing_a_merge_changed_since(store: Store, tmp_path: Path) -> None:
    [outcome] = merge_files(store, [filled(store, tmp_path)])
    assert outcome.status == "merged", outcome.messages
    ini = ids_of(store, "1-1-1")
    dept = next(d.id for d in view_of(store).departments if d.name == "電算室")
    save_report(store, ReportInput(ini.id, dept, 2026, activities="後で直しました", evaluation="◎",
                                   direction="伸ばす"), expected_version=1, as_division=True)
    with pytest.raises(UserError) as refused:
        undo_merge(store, 1)
    assert f"{WORD}「{TITLE}」の報告は、取込の後に変更されています" in str(refused.value)
    assert stray_item_word([str(refused.value)]) == []


def test_plan_editor_messages(store: Store) -> None:
    ini = ids_of(store, "1-1-1")
    plan = view_of(store)
    dept_ids = tuple(d.id for d in plan.departments if d.name in ini.department_names)
    texts: list[str] = []

    def refused(error: type[UserError], call: Any) -> str:
        with pytest.raises(error) as caught:
            call()
        texts.extend([str(caught.value), caught.value.hint or ""])
        return str(caught.value)

    stale = ini.version - 1
    fields = InitiativeFields(title="新しい名前", department_ids=dept_ids)
    assert refused(ConflictError, lambda: edit_initiative(store, ini.id, fields, expected_version=stale)).startswith(
        f"{WORD}「{TITLE}」は他の画面または他の利用者が先に変更しています。")
    goal = GoalFields("(2)", "目当て")
    assert refused(ConflictError, lambda: add_detail(store, ini.id, goal, expected_version=stale)).startswith(
        f"{WORD}「{TITLE}」は他の画面")
    blank = InitiativeFields(title=" ", department_ids=dept_ids)
    assert f"{WORD}名を入力してください" in refused(
        UserError, lambda: edit_initiative(store, ini.id, blank, expected_version=None))
    computer = next(d.id for d in plan.departments if d.name == "電算室")
    assert f"部署「電算室」は{WORD} 1-1-1" in refused(UserError, lambda: retire_department(store, computer))
    change = add_detail(store, ini.id, goal, expected_version=ini.version)
    texts.append(change.summary)
    revision = start_revision(store, plan.id, "第2版", 2026)
    assert revision.summary == f"新しい版「第2版」を作成しました（{WORD} 8 件）"
    texts.append(revision.summary)
    assert stray_item_word(texts) == []


def test_tracker_on_the_command_line_and_in_its_workbook(db: Path, tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--db", str(db), "tracker", "--plan", KEY, "--fy", "2025"]) == 0
    printed = capsys.readouterr().out
    out = tmp_path / "tracker.xlsx"
    assert main(["--db", str(db), "tracker", "--plan", KEY, "--fy", "2025", "--out", str(out)]) == 0
    wb = load_workbook(out)
    cells = [str(c.value) for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    headers = [c.value for c in wb["提出状況"][3]]
    assert f"提出済の{WORD}" in headers and f"担当する{WORD}" in headers
    assert stray_item_word([*printed.splitlines(), *wb.sheetnames, *cells]) == []


def test_the_audit_log_and_an_empty_roadmap(store: Store) -> None:
    """The audit log names an initiative's entries and the plan's count of them by the plan's
    word; a roadmap whose filter matches nothing says so in the plan's word."""
    from datetime import date

    from roadmap_plans import FakeMeasurer

    from planDesk.core.persistence.audit_query import AuditFilter, changed_values, query_audit
    from planDesk.core.roadmap.layout import layout_roadmap

    ini = ids_of(store, "1-1-1")
    plan = view_of(store)
    dept_ids = tuple(d.id for d in plan.departments if d.name in ini.department_names)
    edit_initiative(store, ini.id, InitiativeFields(title="新しい名前", department_ids=dept_ids),
                    expected_version=ini.version)
    start_revision(store, plan.id, "第2版", 2026)
    records = query_audit(store, AuditFilter()).records
    edited = next(r for r in records if r.entity == "initiative")
    assert edited.operation_label.startswith(WORD) and edited.entity_label == WORD
    fields = [label for r in records for label, _before, _after in changed_values(r)]
    texts = [r.operation_label for r in records] + [r.entity_label for r in records] + fields
    assert stray_item_word(texts) == []
    empty = layout_roadmap(plan, measurer=FakeMeasurer(), today=date(2026, 1, 1), initiative_ids=set())
    notes = [p.text for p in empty.overlay if p.text]
    assert f"表示する{WORD}がありません（絞り込みの条件を確認してください）" in notes
    assert stray_item_word(notes) == []
