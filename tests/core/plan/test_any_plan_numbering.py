"""Numbering as the plan writes it (issue 14 item 2) and safe re-import of rows without
IDs (item 6): codes kept as written, a natural sort over them, the plain 1-1-1 style,
and a workbook typed without IDs that updates the plan instead of duplicating it."""

from __future__ import annotations

from pathlib import Path

import pytest
from any_plan_helpers import blank_ids, city_plan, make_store, plan_json, view_of
from openpyxl import load_workbook
from plan_workbook_helpers import to_version_1, tree_of_view
from sqlalchemy import func, select

from planDesk.cli.main import main
from planDesk.core.domain import codes
from planDesk.core.domain.model import Initiative, ProgressReport
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.workbook.apply import import_plan
from planDesk.core.plan.workbook.write import export_plan_workbook

WRITTEN = {(1,): "Ⅰ", (1, 1): "Ⅰ-1", (1, 1, 1): "1-1", (1, 1, 2): "1-8-3", (1, 2, 1): "(1)", (1, 2, 2): "ア",
           (2, 1, 1): "①－１－１", (2, 1, 2): "01"}


@pytest.mark.parametrize(("code", "parts"), [
    ("①－１－１", (1, 1, 1)), ("01", (1,)), ("1-1", (1, 1)), ("1-8-3", (1, 8, 3)), ("(1)", (1,)),
    ("（２）", (2,)), ("Ⅰ-2", (1, 2)), ("Ⅳ", (4,)), ("ア", (1,)), ("エ", (4,)), ("う", (3,)), ("B-3", (2, 3)),
    ("１－１０", (1, 10)), ("㉑", (21,)),
])
def test_code_parts(code: str, parts: tuple[int, ...]) -> None:
    assert codes.code_parts(code) == parts


def test_sort_key_follows_the_written_order() -> None:
    written = ["1-10", "Ⅱ-1", "1-9", "ア", "1-2", "イ", "Ⅰ-3", "①－１－１１", "①－１－２"]
    assert sorted(written, key=codes.sort_key) == ["ア", "①－１－２", "①－１－１１", "1-2", "Ⅰ-3", "1-9", "1-10",
                                                   "イ", "Ⅱ-1"]
    assert codes.last_number("1-8-3") == 3 and codes.last_number("ウ") == 3 and codes.last_number("－") is None


def test_styles_offered_for_new_numbers() -> None:
    from planDesk.core.plan.edit.numbers import numbering_choices

    assert dict(numbering_choices()) == {"maru": "①－２－３", "serial": "03", "hyphen": "1-2-3"}


def test_written_codes_are_shown_and_round_trip(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan(codes=WRITTEN))
    plan = view_of(store)
    assert plan.groups[0].code == "Ⅰ" and plan.groups[1].code == "2"
    assert plan.groups[0].groups[0].code == "Ⅰ-1" and plan.groups[0].groups[1].code == "1-2"
    assert [i.code for i in plan.initiatives()] == ["1-1", "1-8-3", "(1)", "ア", "①－１－１", "01", "2-2-1",
                                                    "2-2-2"]
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    ws = load_workbook(out)["取組事項"]
    assert ws["D1"].value == "コード（表記）"
    assert [ws.cell(r, 4).value for r in range(2, 10)] == ["1-1", "1-8-3", "(1)", "ア", "①－１－１", "01", None, None]
    assert [ws.cell(r, 2).value for r in range(2, 10)] == ["Ⅰ-1"] * 2 + ["1-2"] * 2 + ["2-1"] * 2 + ["2-2"] * 2
    groups = load_workbook(out)["グループ"]
    assert [[c.value for c in row][1:5] for row in groups.iter_rows(min_row=2)] == [
        [1, None, 1, "Ⅰ"], [2, "Ⅰ", 1, "Ⅰ-1"], [2, "Ⅰ", 2, None], [1, None, 2, None], [2, "2", 1, None],
        [2, "2", 2, None]]
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    import_plan(fresh, out)
    assert plan_json(fresh) == plan_json(store)
    again = import_plan(fresh, out)  # the same file again changes nothing
    assert again.lines == []
    store.close()
    fresh.close()


def test_template_numbered_1_1_1_with_codes_and_no_numbers(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan(codes={}))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    assert (wb["計画"]["A12"].value, wb["計画"]["B12"].value) == ("番号の形式", "1-1-1")
    wb["計画"]["B12"].value = "1-8-3"  # any example of the plain style names it
    ws = wb["取組事項"]
    ws["C2"].value, ws["D2"].value = None, "1-8-3"  # the code as written, no number
    wb["目標"]["A2"].value, wb["目標"]["B2"].value = None, "１－８－３"  # named by that code
    wb.save(out)
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    import_plan(fresh, out)
    plan = view_of(fresh)
    first = next(plan.initiatives())
    assert plan.numbering == "hyphen" and first.code == "1-8-3" and first.number == 3
    assert first.goals[0].text == "目当て111"
    assert [i.code for i in plan.initiatives()][1:3] == ["1-1-2", "1-2-1"]
    fresh.close()
    store.close()


def test_unknown_numbering_is_refused_with_the_choices(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan())
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    wb["計画"]["B12"].value = "第一"
    wb.save(out)
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    with pytest.raises(UserError) as err:
        import_plan(fresh, out)
    assert "シート「計画」 セル B12：番号の形式は ①－１－１、01、1-1-1 のどれか" in err.value.message
    fresh.close()
    store.close()


@pytest.mark.parametrize("numbering", ["maru", "hyphen"])
def test_workbook_of_format_version_1_still_imports(tmp_path: Path, numbering: str) -> None:
    """基本方針 / 推進事項 sheets and three level labels: depth 1 and 2 of the tree."""
    store = make_store(tmp_path / "a.sqlite3", city_plan(numbering=numbering, codes=WRITTEN))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    to_version_1(out, view_of(store))
    assert "グループ" not in load_workbook(out).sheetnames
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    import_plan(fresh, out)
    assert plan_json(fresh) == plan_json(store)
    assert tree_of_view(view_of(fresh)) == tree_of_view(view_of(store))
    result = import_plan(fresh, out)  # into the plan it made: matched by numbers, nothing changes
    assert result.lines == [line for line in result.lines if line.startswith("ID のない行 シート「")]
    assert not [line for line in result.lines if "廃止" in line or "追加" in line]
    fresh.close()
    store.close()


def test_workbook_of_the_earliest_format_still_imports(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan(numbering="maru"))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    to_version_1(out, view_of(store))
    wb = load_workbook(out)
    ws = wb["取組事項"]
    ws["E1"].value = "コード（参考）"  # its codes were only for reading
    for r in range(2, ws.max_row + 1):
        ws.cell(r, 5).value = "参考：" + str(r)
    wb["基本方針"].delete_cols(4, 2)  # no written-code column yet (nor スローガン, added after it)
    wb["推進事項"].delete_cols(wb["推進事項"].max_column)
    wb.save(out)
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    import_plan(fresh, out)
    assert plan_json(fresh) == plan_json(store)
    assert next(view_of(fresh).initiatives()).code == "①－１－１"
    fresh.close()
    store.close()


def test_edit_codes_and_numbering(tmp_path: Path) -> None:
    from planDesk.core.plan.edit.numbers import renumber, renumber_all, set_code, set_numbering

    store = make_store(tmp_path / "a.sqlite3", city_plan(numbering="maru"))
    plan = view_of(store)
    first = next(plan.initiatives())
    set_numbering(store, plan.id, "hyphen")
    assert next(view_of(store).initiatives()).code == "1-1-1"
    set_code(store, "initiative", first.id, "1-8-3")
    assert next(view_of(store).initiatives()).code == "1-8-3"
    renumber(store, "initiative", first.id, 7)  # a chosen number: the style's code again
    assert next(view_of(store).initiatives()).code == "1-1-7"
    set_code(store, "policy", plan.groups[0].id, "Ⅰ")
    renumber_all(store, plan.id)
    plan = view_of(store)
    assert plan.groups[0].code == "1" and next(plan.initiatives()).code == "1-1-1"
    with pytest.raises(UserError, match="番号の形式「roman」は使えません"):
        set_numbering(store, plan.id, "roman")
    store.close()


# --- safe re-import (item 6) ---------------------------------------------------------------

def _counts(store: Store) -> tuple[int, int, int]:
    with store.read() as s:
        total = s.scalar(select(func.count()).select_from(Initiative)) or 0
        retired = s.scalar(select(func.count()).select_from(Initiative).where(Initiative.retired.is_(True))) or 0
        on_active = s.scalar(select(func.count()).select_from(ProgressReport).join(Initiative)
                             .where(Initiative.retired.is_(False))) or 0
    return total, retired, on_active


def test_rows_without_ids_update_the_initiatives_they_name(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan(codes={(1, 1, 2): "1-8-3"}))
    before = plan_json(store)
    assert _counts(store) == (8, 0, 8)
    out = tmp_path / "typed.xlsx"
    export_plan_workbook(store, out)
    blank_ids(out)
    wb = load_workbook(out)
    wb["取組事項"]["E2"].value = "事業111を名前変更"  # renamed: still matched by its code
    wb.save(out)
    dry = import_plan(store, out, dry_run=True)
    matches = [line for line in dry.lines if line.startswith("ID のない行")]
    assert len(matches) == 8
    assert "シート「取組事項」2 行目（1-1-1「事業111を名前変更」）を、コードが同じ既存の 1-1-1「事業111のデジタル化」" \
           "として扱います" in matches[0]
    assert _counts(store) == (8, 0, 8)  # dry run: nothing changed
    result = import_plan(store, out)
    assert _counts(store) == (8, 0, 8)  # nothing added, nothing retired, reports where they were
    after = plan_json(store)
    assert after["initiatives"][0]["title"] == "事業111を名前変更"
    after["initiatives"][0]["title"] = before["initiatives"][0]["title"]
    assert after == before
    assert any(line.startswith("名前の変更：1-1-1") for line in result.lines)
    store.close()


def test_ambiguous_rows_are_refused_with_the_rows_named(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.sqlite3"
    store = make_store(db, city_plan())
    out = tmp_path / "typed.xlsx"
    export_plan_workbook(store, out)
    blank_ids(out)
    wb = load_workbook(out)
    ws = wb["取組事項"]
    # Row 3 gets a code nobody has and row 2's title: both rows claim 1-1-1.
    ws["D3"].value, ws["E3"].value = "Z-1", ws["E2"].value
    for sheet in ("目標", "指標", "工程表"):
        wb[sheet]["B3"].value = "Z-1"
    wb.save(out)
    with pytest.raises(UserError) as err:
        import_plan(store, out)
    text = err.value.message
    assert "シート「取組事項」2 行目（1-1-1「事業111のデジタル化」）" in text
    assert "3 行目（Z-1「事業111のデジタル化」）" in text
    assert "が、同じ既存の取組 1-1-1「事業111のデジタル化」を指しています" in text
    assert _counts(store) == (8, 0, 8)
    store.close()
    assert main(["--db", str(db), "import-plan", str(out), "--dry-run"]) == 1
    assert "を指しています" in capsys.readouterr().err


def test_a_title_two_initiatives_share_is_refused(tmp_path: Path) -> None:
    data = city_plan()
    data["policies"][1]["items"][0]["initiatives"][0]["title"] = "事業111のデジタル化"  # 2-1-1: same title
    store = make_store(tmp_path / "a.sqlite3", data)
    out = tmp_path / "typed.xlsx"
    export_plan_workbook(store, out)
    blank_ids(out)
    wb = load_workbook(out)
    wb["取組事項"]["D2"].value = "Z-9"  # a code nobody has: only the title is left to match
    wb.save(out)
    with pytest.raises(UserError) as err:
        import_plan(store, out)
    assert ("シート「取組事項」2 行目（Z-9「事業111のデジタル化」）は、既存の 1-1-1「事業111のデジタル化」、"
            "2-1-1「事業111のデジタル化」 のどれとも取れます") in err.value.message
    assert _counts(store) == (8, 0, 8)
    store.close()


def test_written_code_must_be_unique(tmp_path: Path) -> None:
    from planDesk.core.plan.edit.numbers import renumber, set_code

    store = make_store(tmp_path / "a.sqlite3", city_plan(codes={(1, 1, 2): "X"}))
    third = list(view_of(store).initiatives())[2]
    with pytest.raises(UserError, match="コード「X」は 事業「X 事業112のデジタル化」 が使っています"):
        set_code(store, "initiative", third.id, "X")
    with pytest.raises(UserError, match="コード「1-1-1」は"):
        set_code(store, "initiative", third.id, "1-1-1")
    set_code(store, "initiative", third.id, "1-2-5")
    first = next(view_of(store).initiatives())
    with pytest.raises(UserError, match="コード「1-2-5」は 事業「1-2-5 事業121のデジタル化」 が使っています"):
        renumber(store, "initiative", list(view_of(store).initiatives())[3].id, 5)  # 1-2-2 → 1-2-5
    renumber(store, "initiative", first.id, 1, code="ア")  # the same number with a code: one step
    assert next(view_of(store).initiatives()).code == "ア"
    store.close()


@pytest.mark.parametrize("fixture", ["sample_db", "hitachi_db"])
def test_builtin_plans_typed_without_ids_update_in_place(fixture: str, request: pytest.FixtureRequest,
                                                        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db: Path = request.getfixturevalue(fixture)
    store = Store.open(str(db), actor="係")
    before, counts = plan_json(store), _counts(store)
    out = tmp_path / "typed.xlsx"
    export_plan_workbook(store, out)
    store.close()
    blank_ids(out)
    assert main(["--db", str(db), "import-plan", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert printed.count("ID のない行") == counts[0] and "廃止扱い" not in printed
    assert main(["--db", str(db), "import-plan", str(out)]) == 0
    store = Store.open(str(db), actor="係")
    assert _counts(store) == counts and plan_json(store) == before
    store.close()


def test_a_new_revision_keeps_written_codes(tmp_path: Path) -> None:
    from planDesk.core.plan.edit.revision import start_revision

    store = make_store(tmp_path / "a.sqlite3", city_plan(codes=WRITTEN))
    old = view_of(store)
    change = start_revision(store, old.id, "第2版", 2026)
    assert change.plan_id is not None and change.plan_id != old.id
    with store.read() as s:
        from planDesk.core.plan.view import load_plan

        new = load_plan(s, change.plan_id)
    assert [i.code for i in new.initiatives()] == [i.code for i in old.initiatives()]
    assert new.groups[0].code == "Ⅰ" and new.groups[0].groups[0].code == "Ⅰ-1"
    store.close()


def test_bad_written_codes_are_refused_with_sheet_and_cell(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", city_plan())
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    ws = wb["取組事項"]
    ws["D2"].value = "X" * 41
    ws["D3"].value, ws["D4"].value = "ア", "ア"
    wb["グループ"]["E2"].value = "Y" * 41
    wb.save(out)
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    with pytest.raises(UserError) as err:
        import_plan(fresh, out)
    text = err.value.message
    assert "シート「取組事項」 セル D2：コード（表記）は 40 文字までにしてください。" in text
    assert "シート「取組事項」 セル D4：コード（表記）が他の取組と重複しています。" in text
    assert "シート「グループ」 セル E2：コード（表記）は 40 文字までにしてください。" in text
    with fresh.read() as s:
        assert s.scalar(select(func.count()).select_from(Initiative)) == 0
    fresh.close()
    store.close()
