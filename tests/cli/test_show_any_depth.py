"""``plandesk show`` and ``show --json`` on plans whose groups have any depth (issue 14 item 1)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from any_plan_helpers import (
    BUILTIN_WORDS,
    FOUR_LEVEL_LABELS,
    FOUR_LEVELS_MIXED,
    TWO_LEVEL_LABELS,
    TWO_LEVELS,
    make_store,
    tree_plan,
    view_of,
)

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView


def plan_of(db: Path) -> PlanView:
    store = Store.open(str(db))
    try:
        return view_of(store)
    finally:
        store.close()


def show(capsys: pytest.CaptureFixture[str], db: Path, *args: str) -> str:
    assert main(["--db", str(db), "show", *args]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return out


@pytest.fixture
def four_levels(tmp_path: Path) -> Path:
    db = tmp_path / "four.sqlite3"
    make_store(db, tree_plan(FOUR_LEVELS_MIXED)).close()
    return db


def test_text_tree_names_every_group_at_its_depth(four_levels: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = show(capsys, four_levels)
    lines = out.splitlines()
    plan = plan_of(four_levels)
    for group in plan.walk_groups():
        line = f"{'  ' * (group.depth - 1)}{FOUR_LEVEL_LABELS[group.depth - 1]} {group.code} {group.title}"
        assert line in lines
    for ini in plan.initiatives():
        assert any(line == f"{'  ' * ini.depth}{ini.code} {ini.title}　部署：{'・'.join(ini.department_names)}"
                   for line in lines), ini.code
    # the order is the plan's: a depth-4 branch, then the initiative beside it at depth 2
    assert lines.index("      細目 1-2-1-2 細目1-2-1-2の部") < lines.index(
        "    1-2-2 事業1-2-2のデジタル化　部署：電算室・住民窓口室")
    assert "  2-1 事業2-1のデジタル化　部署：電算室" in lines  # right under a top-level group
    assert lines[-1] == "事業 9 件"
    assert [w for w in BUILTIN_WORDS if w in out] == []


def test_json_gives_each_initiative_its_path(four_levels: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = json.loads(show(capsys, four_levels, "--json"))
    assert data["plan"]["level_labels"] == list(FOUR_LEVEL_LABELS)
    by_code = {i["code"]: i for i in data["initiatives"]}
    assert len(by_code) == 9
    deep = by_code["1-2-1-1-1"]
    assert deep["groups"] == [
        {"depth": 1, "code": "1", "title": "柱1の部"},
        {"depth": 2, "code": "1-2", "title": "方策1-2の部"},
        {"depth": 3, "code": "1-2-1", "title": "系統1-2-1の部"},
        {"depth": 4, "code": "1-2-1-1", "title": "細目1-2-1-1の部"},
    ]
    # the names of schema 1 kept: the first and the last group of the path
    assert (deep["policy"], deep["promotion_item"]) == ("柱1の部", "細目1-2-1-1の部")
    shallow = by_code["2-1"]
    assert shallow["groups"] == [{"depth": 1, "code": "2", "title": "柱2の部"}]
    assert shallow["policy"] == shallow["promotion_item"] == "柱2の部"
    # the plan's tree of groups, every depth
    tree = data["plan"]["groups"]
    assert [g["code"] for g in tree] == ["1", "2", "3"]
    depth4 = tree[0]["groups"][1]["groups"][0]["groups"]
    assert [(g["depth"], g["code"]) for g in depth4] == [(4, "1-2-1-1"), (4, "1-2-1-2")]
    assert tree[1]["groups"] == []
    assert [p["code"] for p in data["plan"]["policies"]] == ["1", "2", "3"]
    assert [i["code"] for i in data["plan"]["policies"][0]["promotion_items"]] == ["1-1", "1-2"]


def test_two_level_plan_numbered_1_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "two.sqlite3"
    make_store(db, tree_plan(TWO_LEVELS, labels=TWO_LEVEL_LABELS)).close()
    lines = show(capsys, db).splitlines()
    assert lines[2:5] == ["領域 1 領域1の部", "  1-1 事業1-1のデジタル化　部署：電算室",
                          "    目標 1　指標 1　工程 1　報告 1"]
    assert lines[-1] == "事業 5 件"
    data = json.loads(show(capsys, db, "--json"))
    assert data["plan"]["level_labels"] == ["領域", "事業"]
    assert [i["code"] for i in data["initiatives"]] == ["1-1", "1-2", "2-1", "2-2", "2-3"]
    assert data["initiatives"][4]["groups"] == [{"depth": 1, "code": "2", "title": "領域2の部"}]
    assert data["plan"]["policies"][1] == {"code": "2", "title": "領域2の部", "slogan": "", "promotion_items": []}
