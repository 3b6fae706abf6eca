"""The plan workbook and the group tree (issue 14 item 1): plans of any depth round-trip
through format 2 unchanged; the グループ sheet's references (a parent by code or by path
1／ア) are read; groups are matched on update by ID or by code within the parent and
every such match is listed; and every kind of bad tree is refused naming sheet and cell,
changing nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import (
    FOUR_LEVEL_LABELS,
    FOUR_LEVELS_MIXED,
    TWO_LEVEL_LABELS,
    TWO_LEVELS,
    make_store,
    plan_json,
    tree_plan,
    view_of,
)
from openpyxl import load_workbook
from plan_workbook_helpers import retire_every_third, round_trips, tree_of_view

from planDesk.cli.main import main
from planDesk.core.errors import UserError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.workbook.apply import import_plan
from planDesk.core.plan.workbook.layout import FIRST_LEVEL_ROW
from planDesk.core.plan.workbook.write import export_plan_workbook


def _rows(ws: Any) -> list[list[Any]]:
    return [[c.value for c in row] for row in ws.iter_rows(min_row=2)]


def test_a_two_level_plan_numbered_1_1_round_trips(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    assert [wb["計画"].cell(FIRST_LEVEL_ROW, c).value for c in (1, 2)] == ["第1階層の名前", "領域"]
    assert wb["計画"].cell(FIRST_LEVEL_ROW + 1, 1).value is None  # one level of groups
    assert [r[1:6] for r in _rows(wb["グループ"])] == [[1, None, 1, None, "領域1の部"], [1, None, 2, None, "領域2の部"]]
    assert [r[1:3] for r in _rows(wb["取組事項"])] == [["1", 1], ["1", 2], ["2", 1], ["2", 2], ["2", 3]]
    assert [i.code for i in view_of(store).initiatives()] == ["1-1", "1-2", "2-1", "2-2", "2-3"]
    round_trips(store, tmp_path)
    store.close()


def test_a_four_level_plan_of_mixed_depth_round_trips(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(FOUR_LEVELS_MIXED, labels=FOUR_LEVEL_LABELS))
    retire_every_third(store)
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    assert [wb["計画"].cell(FIRST_LEVEL_ROW + d, 2).value for d in range(5)] == [*FOUR_LEVEL_LABELS[:4], None]
    assert wb["計画"]["B13"].value == "事業"  # 取組の階層の名前
    groups = [r[1:4] for r in _rows(wb["グループ"])]
    assert groups == [[1, None, 1], [2, "1", 1], [2, "1", 2], [3, "1-2", 1], [4, "1-2-1", 1], [4, "1-2-1", 2],
                      [1, None, 2], [1, None, 3], [2, "3", 1], [3, "3-1", 1]]
    assert [r[1] for r in _rows(wb["取組事項"])] == ["1-1", "1-1", "1-2-1-1", "1-2-1-2", "1-2-1-2", "1-2", "2", "2",
                                                   "3-1-1"]
    round_trips(store, tmp_path)
    store.close()


def test_a_four_level_plan_in_the_circled_style_round_trips(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(FOUR_LEVELS_MIXED, numbering="maru"))
    assert [i.code for i in view_of(store).initiatives()][:3] == ["①－１－１", "①－１－２", "①－２－１－１－１"]
    round_trips(store, tmp_path)
    store.close()


@pytest.mark.parametrize("fixture", ["sample_db", "hitachi_db"])
def test_builtin_plans_round_trip(fixture: str, request: pytest.FixtureRequest, tmp_path: Path) -> None:
    store = Store.open(str(request.getfixturevalue(fixture)), actor="課")
    round_trips(store, tmp_path)
    store.close()


def _ids_blank_and(path: Path, edit: Any) -> Path:
    wb = load_workbook(path)
    for sheet in ("グループ", "取組事項", "目標", "指標", "工程表"):
        for row in range(2, wb[sheet].max_row + 1):
            wb[sheet].cell(row, 1).value = None
    edit(wb)
    wb.save(path)
    return path


def _written_kana(tmp_path: Path) -> Store:
    """Four levels; the groups below the top written ア, イ … so ア repeats under each parent."""
    data = tree_plan(FOUR_LEVELS_MIXED)

    def kana(groups: list[dict[str, Any]], depth: int) -> None:
        for g in groups:
            if depth > 1:
                g["code"] = "アイウエ"[g["number"] - 1]
            kana(g["groups"], depth + 1)

    kana(data["groups"], 1)
    return make_store(tmp_path / "a.sqlite3", data)


def test_codes_repeating_under_different_parents_are_named_by_path(tmp_path: Path) -> None:
    store = _written_kana(tmp_path)
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    assert [r[2] for r in _rows(wb["グループ"])] == [None, "1", "1", "1／イ", "1／イ／ア", "1／イ／ア", None, None,
                                                   "3", "3／ア"]
    assert [r[1] for r in _rows(wb["取組事項"])][:3] == ["1／ア", "1／ア", "1／イ／ア／ア"]
    round_trips(store, tmp_path)
    store.close()


def test_groups_typed_without_ids_are_matched_within_their_parent_and_listed(tmp_path: Path) -> None:
    store = _written_kana(tmp_path)
    before = tree_of_view(view_of(store))
    out = tmp_path / "typed.xlsx"
    export_plan_workbook(store, out)

    def edit(wb: Any) -> None:
        ws = wb["グループ"]
        ws["F3"].value = "名前を変えた方策"  # 1／ア renamed: still matched by its code
        ws["E4"].value = "ウ"              # 1／イ recoded ウ: matched by its title
        for r in range(2, ws.max_row + 1):
            for c in (3,):
                if isinstance(ws.cell(r, c).value, str):
                    ws.cell(r, c).value = ws.cell(r, c).value.replace("1／イ", "1／ウ")
        ini = wb["取組事項"]
        for r in range(2, ini.max_row + 1):
            ini.cell(r, 2).value = ini.cell(r, 2).value.replace("1／イ", "1／ウ")

    _ids_blank_and(out, edit)
    dry = import_plan(store, out, dry_run=True)
    text = "\n".join(dry.lines)
    assert ("ID のない行 シート「グループ」3 行目（ア「名前を変えた方策」）を、コードが同じ既存の "
            "ア「方策1-1の部」として扱います") in text
    assert ("ID のない行 シート「グループ」4 行目（ウ「方策1-2の部」）を、名前が同じ既存の "
            "イ「方策1-2の部」として扱います") in text
    assert "方策の番号の変更：イ → ウ「方策1-2の部」" in text
    assert "方策 ア の名前：「方策1-1の部」→「名前を変えた方策」" in text
    assert "廃止" not in text and "追加" not in text
    assert tree_of_view(view_of(store)) == before  # dry run: nothing changed
    import_plan(store, out)
    after = view_of(store)
    assert after.groups[0].groups[1].code == "ウ" and after.groups[0].groups[0].title == "名前を変えた方策"
    assert [i.uid for i in after.initiatives(include_retired=True)] == [
        i["uid"] for i in _initiatives(before)]  # every initiative stayed itself
    store.close()


def _initiatives(tree: dict[str, Any]) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []

    def walk(node: dict[str, Any]) -> None:
        for child in node["children"]:
            if "children" in child:
                walk(child)
            else:
                out.append(child)

    for g in tree["groups"]:
        walk(g)
    return out


def test_update_moves_adds_and_retires_groups_listing_each(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    ws = wb["グループ"]
    # 3-1 moves under 2 (as 2-3, after 2's initiatives 2-1 and 2-2, with its subgroup),
    # 1-2-1-1 is dropped with its initiative, and a new group 2-4 gets a new initiative
    ws["C10"].value, ws["D10"].value = "2", 3
    ws["C11"].value = "2-3"
    for row in ws.iter_rows(min_row=6, max_row=6):
        for c in row:
            c.value = None
    ws.append([None, 2, "2", 4, None, "新しい方策", None, None])
    ini = wb["取組事項"]
    ini.append([None, "2-4", 1, None, "新しい事業", "電算室", None, None, None, None, None, None, None])
    for row in ini.iter_rows(min_row=2):
        if row[1].value == "3-1-1":
            row[1].value = "2-3-1"
        if row[1].value == "1-2-1-1":
            for c in row:
                c.value = None
    for sheet in ("目標", "指標", "工程表"):
        for row in wb[sheet].iter_rows(min_row=2):
            if row[1].value == "1-2-1-1-1":
                for c in row:
                    c.value = None
    wb.save(out)
    versions = {g.code: (g.id, g.version) for g in view_of(store).walk_groups()}
    lines = import_plan(store, out).lines
    assert "方策の番号の変更：3-1 → 2-3「方策3-1の部」" in lines
    assert "方策 2-3「方策3-1の部」を移動：3 の下 → 2 の下" in lines
    assert "系統の番号の変更：3-1-1 → 2-3-1「系統3-1-1の部」" in lines
    assert "方策を追加：2-4 新しい方策" in lines
    assert "事業を追加：2-4-1 新しい事業" in lines
    assert "番号の変更：3-1-1-1 → 2-3-1-1「事業3-1-1-1のデジタル化」（系統を移動）" not in lines  # same group
    assert "番号の変更：3-1-1-1 → 2-3-1-1「事業3-1-1-1のデジタル化」" in lines
    assert "細目 1-2-1-1「細目1-2-1-1の部」はファイルにないため廃止扱いにしました" in lines
    assert ("1-2-1-1-1「事業1-2-1-1-1のデジタル化」はファイルにないため廃止扱いにしました"
            "（報告 1 件は残っています）") in lines
    plan = view_of(store)
    assert [g.code for g in plan.walk_groups() if not g.retired] == [
        "1", "1-1", "1-2", "1-2-1", "1-2-1-2", "2", "2-3", "2-3-1", "2-4", "3"]
    # by number under 2: its initiatives 2-1, 2-2, then the groups 2-3 and 2-4 (numbers shared)
    assert [i.code for i in plan.initiatives()][-4:] == ["2-1", "2-2", "2-3-1-1", "2-4-1"]
    # a group the import changed has a new version (an editor showing the old one is refused)
    now = {g.id: g.version for g in view_of(store).walk_groups()}
    changed = {code for code, (gid, version) in versions.items() if now[gid] != version}
    assert changed == {"3-1", "1-2-1-1"}, changed  # moved, dropped (3-1-1 moved along: its row did not change)
    assert all(now[versions[code][0]] == versions[code][1] + 1 for code in changed)
    again = import_plan(store, out).lines  # again: nothing more to do (rows without an ID are matched)
    assert [line for line in again if not line.startswith("ID のない行 ")] == []
    assert {g.id: g.version for g in view_of(store).walk_groups()} == now
    store.close()


def test_level_labels_of_a_new_depth_and_renamed_ones_are_listed(tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    wb["計画"].cell(FIRST_LEVEL_ROW, 2).value = "分野"
    wb["計画"].cell(FIRST_LEVEL_ROW + 1, 1).value = "第2階層の名前"
    wb["計画"].cell(FIRST_LEVEL_ROW + 1, 2).value = "施策"
    wb["計画"]["B13"].value = "取組"
    wb["グループ"].append([None, 2, "1", 3, None, "施策の一つ", None, None])
    wb.save(out)
    lines = import_plan(store, out).lines
    assert lines == ["第1階層の名前：「領域」→「分野」", "第2階層を追加：施策", "取組の階層の名前：「事業」→「取組」",
                     "施策を追加：1-3 施策の一つ"]
    assert view_of(store).level_labels == ("分野", "施策", "取組")
    store.close()


# -- bad trees: refused naming sheet and cell, nothing changed -------------------------------

def _set(sheet: str, **cells: Any) -> Any:
    """An edit of a workbook: the given cells of one sheet set to the given values."""
    def edit(wb: Any) -> None:
        for ref, value in cells.items():
            wb[sheet][ref] = value
    return edit


L1, L2 = f"A{FIRST_LEVEL_ROW}", f"B{FIRST_LEVEL_ROW + 1}"  # the first label rows of the 計画 sheet
BAD_TREES: list[tuple[str, Any, str]] = [
    ("a parent code that no group has", _set("グループ", C3="9"),
     "シート「グループ」 セル C3：コード「9」のグループが「グループ」シートにありません。"),
    ("a depth that does not match the parent", _set("グループ", B3=3),
     "シート「グループ」 セル B3：階層が 3 ですが、親「1」は階層 1 です（階層 2 にしてください）。"),
    ("a depth without a label", _set("グループ", B6=5),
     "シート「グループ」 セル B6：階層 5 の名前がありません。「計画」シートの「第5階層の名前」に書いてください"),
    ("two siblings with the same code", _set("グループ", D4=1),
     "シート「グループ」 セル D4：コード「1-1」が同じ親のグループ（3 行目）と重複しています。"),
    ("a written code two siblings share", _set("グループ", E3="X", E4="X"),
     "シート「グループ」 セル E4：コード「X」が同じ親のグループ（3 行目）と重複しています。"),
    ("a cycle of parents", _set("グループ", E3="P", E4="Q", C3="Q", C4="P"),
     "シート「グループ」 セル C3：親子関係が循環しています（3 行目 → 4 行目 → 3 行目）。"),
    ("a parent below its depth", _set("グループ", E5="P", C4="P"),
     "シート「グループ」 セル B4：階層が 2 ですが、親「P」（5 行目）は階層 3 です。"),
    ("a parent deeper than the group", _set("グループ", C3="1-2-1"),
     "シート「グループ」 セル B3：階層が 2 ですが、親「1-2-1」は階層 3 です（階層 4 にしてください）。"),
    ("a top group with a parent", _set("グループ", C2="3"),
     "シート「グループ」 セル C2：階層 1 のグループに親はありません（「3」）。"),
    ("a group below the top without a parent", _set("グループ", C3=None),
     "シート「グループ」 セル C3：階層 2 のグループには親のコード（階層 1 のグループ）を書いてください。"),
    ("two groups with the same ID", lambda wb: _set("グループ", A3=wb["グループ"]["A2"].value)(wb),
     "シート「グループ」 セル A3：ID "),
    ("an initiative in a group that is not there", _set("取組事項", B2="7-7"),
     "シート「取組事項」 セル B2：コード「7-7」のグループが「グループ」シートにありません。"),
    ("a code that names several groups", lambda wb: (_set("グループ", E3="ア", E10="ア")(wb),
                                                     _set("取組事項", B2="ア")(wb)),
     "シート「取組事項」 セル B2：コード「ア」のグループが 2 つあります。上の階層からのコードを「／」で区切って"
     "書いてください（例：1／ア）。"),
    ("a depth without its label", _set("計画", **{L2: None}),
     f"シート「計画」 セル {L2}：第2階層の名前を入力してください。"),
    ("label rows out of order", _set("計画", **{f"A{FIRST_LEVEL_ROW + 1}": "第3階層の名前"}),
     f"シート「計画」 セル A{FIRST_LEVEL_ROW + 1}：項目名が「第3階層の名前」です（「第2階層の名前」のはず）。"),
    ("no label row at all", _set("計画", **{f"{c}{FIRST_LEVEL_ROW + d}": None for d in range(4) for c in "AB"}),
     f"シート「計画」 セル {L1}：「第1階層の名前」の行がありません。"),
    ("two depths with the same label", _set("計画", **{L2: "柱"}),
     f"シート「計画」 セル {L2}：第2階層の名前「柱」が第1階層の名前と同じです。"),
    ("the initiatives' label the same as a depth's", _set("計画", B13="方策"),
     "シート「計画」 セル B13：取組の階層の名前「方策」が第2階層の名前と同じです。"),
]


@pytest.mark.parametrize(("what", "edit", "message"), BAD_TREES, ids=[b[0] for b in BAD_TREES])
def test_bad_trees_are_refused_naming_sheet_and_cell(what: str, edit: Any, message: str, tmp_path: Path) -> None:
    store = make_store(tmp_path / "a.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    before = plan_json(store), tree_of_view(view_of(store))
    out = tmp_path / "bad.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    edit(wb)
    wb.save(out)
    with pytest.raises(UserError) as refused:
        import_plan(store, out)
    assert message in refused.value.message, what
    assert (plan_json(store), tree_of_view(view_of(store))) == before  # nothing changed
    fresh = Store.open(str(tmp_path / "b.sqlite3"), actor="係")
    with pytest.raises(UserError):
        import_plan(fresh, out)  # nor is a plan created from it
    fresh.close()
    store.close()


def test_a_refused_group_is_reported_once_not_again_for_everything_under_it(tmp_path: Path) -> None:
    """The initiatives of a group that could not be placed, and their goals, KPIs and steps,
    are not each reported missing as well: the one message says what to mend."""
    store = make_store(tmp_path / "a.sqlite3", tree_plan(FOUR_LEVELS_MIXED))
    out = tmp_path / "bad.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    _set("グループ", C3="9-9")(wb)
    wb.save(out)
    with pytest.raises(UserError) as refused:
        import_plan(store, out)
    store.close()
    lines = [line for line in refused.value.message.splitlines() if "シート" in line]
    assert lines == [
        "bad.xlsx：シート「グループ」 セル C3：コード「9-9」のグループが「グループ」シートにありません。"], lines


def test_the_cli_prints_group_matches_on_a_dry_run(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "a.sqlite3"
    make_store(db, tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS)).close()
    out = tmp_path / "plan.xlsx"
    assert main(["--db", str(db), "export", "plan", "--out", str(out)]) == 0
    _ids_blank_and(out, lambda wb: None)
    capsys.readouterr()
    assert main(["--db", str(db), "import-plan", str(out), "--dry-run"]) == 0
    printed = capsys.readouterr().out
    assert ("ID のない行 シート「グループ」2 行目（1「領域1の部」）を、コードが同じ既存の "
            "1「領域1の部」として扱います") in printed
    assert printed.count("ID のない行") == 2 + 5 and "確認のみ" in printed


def test_a_written_code_that_is_another_initiatives_number_path_names_its_own(tmp_path: Path) -> None:
    """Goals, KPIs and steps name their initiative by displayed code first: 1-1-2 written on
    the third initiative of 1-1 is that one, not the second (02, whose numbers are 1-1-2)."""
    data = tree_plan([[["i", "i", "i"]]], labels=("柱", "方策", "事業"), numbering="serial")
    third = data["groups"][0]["groups"][0]["initiatives"][2]
    third["code"], third["kpis"][0]["name"] = "1-1-2", "三つ目の指標"
    store = make_store(tmp_path / "a.sqlite3", data)
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    _ids_blank_and(out, lambda wb: None)
    lines = import_plan(store, out).lines
    assert [line for line in lines if not line.startswith("ID のない行 ")] == []
    kpis = {i.code: [k.name for k in i.kpis] for i in view_of(store).initiatives()}
    assert kpis["1-1-2"] == ["三つ目の指標"]
    store.close()


def test_a_steps_goal_marks_change_alone_and_in_their_order(tmp_path: Path) -> None:
    """An update leaves a step's links to goals as they are unless the marks differ; a
    change of the marks alone (or of their order) is applied and counts as a change."""
    store = make_store(tmp_path / "a.sqlite3", tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS))
    first = next(view_of(store).initiatives())
    assert first.steps[0].goal_marks == ("(1)",) and first.version == 1
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    wb = load_workbook(out)
    wb["目標"].append([first.uid, None, "(2)", "二つ目の目当て", None, None])
    wb["工程表"]["D2"] = "(2)、(1)"
    wb.save(out)
    import_plan(store, out)
    first = next(view_of(store).initiatives())
    assert first.steps[0].goal_marks == ("(2)", "(1)") and first.version == 2
    wb["工程表"]["D2"] = None
    wb.save(out)
    import_plan(store, out)
    first = next(view_of(store).initiatives())
    assert first.steps[0].goal_marks == () and [g.mark for g in first.goals] == ["(1)", "(2)"]
    assert first.version == 3
    assert import_plan(store, out).lines == [] and next(view_of(store).initiatives()).version == 3
    store.close()


def test_a_bad_version_1_workbook_is_refused_naming_its_own_sheets(tmp_path: Path) -> None:
    from any_plan_helpers import city_plan
    from plan_workbook_helpers import to_version_1

    store = make_store(tmp_path / "a.sqlite3", city_plan())
    out = tmp_path / "v1.xlsx"
    export_plan_workbook(store, out)
    to_version_1(out, view_of(store))
    wb = load_workbook(out)
    wb["推進事項"]["A3"] = 7         # an item of a policy that is not there
    wb["取組事項"]["C2"] = 9         # an initiative of an item that is not there
    wb["基本方針"]["A3"] = 1         # two policies numbered 1
    wb.save(out)
    with pytest.raises(UserError) as refused:
        import_plan(store, out)
    text = refused.value.message
    assert "シート「推進事項」 セル A3：基本方針 7 が「基本方針」シートにありません。" in text
    assert "シート「取組事項」 セル C2：推進事項 1-9 が「推進事項」シートにありません。" in text
    assert "シート「基本方針」 セル A3：基本方針の番号 1 が重複しています。" in text
    store.close()


def test_a_group_between_initiatives_keeps_its_place(tmp_path: Path) -> None:
    """Under one parent, groups and initiatives share one numbering; where a group holds
    both, the plan's order follows the numbers (1-1 initiative, 1-2 group, 1-3 initiative),
    when the plan is made and after a plan-workbook round trip, new or in place (before,
    the group came back first)."""
    store = make_store(tmp_path / "a.sqlite3", tree_plan([["i", ["i", "i"], "i"]]))

    def order(store: Store) -> list[str]:
        return [child.code for child in view_of(store).groups[0].children]

    assert order(store) == ["1-1", "1-2", "1-3"]
    (tmp_path / "trip").mkdir()
    round_trips(store, tmp_path / "trip")
    target = Store.open(str(tmp_path / "trip" / "b.sqlite3"), create=False)
    assert order(target) == ["1-1", "1-2", "1-3"]
    target.close()
    out = tmp_path / "plan.xlsx"
    export_plan_workbook(store, out)
    assert import_plan(store, out).lines == []
    assert order(store) == ["1-1", "1-2", "1-3"]
    store.close()
