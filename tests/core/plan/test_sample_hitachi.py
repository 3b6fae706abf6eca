"""The built-in Hitachi plan reproduces the 2021 results report (seed 002), complete."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, PlanView, load_plan, resolve_plan_id


@pytest.fixture(scope="module")
def plan(_sample_dbs: dict[str, Path]) -> PlanView:
    store = Store.open(str(_sample_dbs["hitachi"]), create=False)
    with store.read() as s:
        view = load_plan(s, resolve_plan_id(s, "hitachi"))
    store.close()
    return view


def measures(plan: PlanView) -> dict[str, InitiativeView]:
    return {i.code: i for i in plan.initiatives()}


def figures(ini: InitiativeView) -> list[tuple[str, str, float, str]]:
    return [(res.text, f.label, f.value, f.unit)
            for rep in ini.reports for res in rep.results for f in res.figures]


def test_structure(plan: PlanView) -> None:
    titles = [p.title for p in plan.groups]
    assert titles == ["デジタル環境整備", "市民サービスの向上", "業務効率化", "安全・安心の確保"]
    assert plan.level_labels == ("分野", "施策", "取組")
    assert plan.numbering == "serial"
    codes = [i.code for i in plan.initiatives()]
    assert codes == [f"{n:02d}" for n in range(1, 45)]


def test_every_measure_has_departments_and_its_fy2021_report(plan: PlanView) -> None:
    for ini in plan.initiatives():
        assert ini.departments, ini.code
        assert len(ini.reports) == 1, ini.code
        rep = ini.reports[0]
        assert rep.fy == 2021 and rep.status == "confirmed"
        assert rep.activities.strip(), ini.code
        assert rep.department == ini.departments[0].name


def test_departments_in_seed_order(plan: PlanView) -> None:
    m = measures(plan)
    assert m["02"].department_names == ("市民課", "各支所", "デジタル推進課")
    assert m["01"].department_names == ("デジタル推進課",)
    assert m["23"].department_names == ("デジタル推進課",) and m["23"].departments_more
    assert m["12"].department_names == ("防災対策課", "女性若者支援課")


@pytest.mark.parametrize(
    ("code", "label_or_text", "value", "unit"),
    [
        ("02", "申請手続の支援（市民課・各支所）", 6051, "件"),
        ("02", "出張申請受付（交流センター外）", 458, "件"),
        ("02", "支援件数", 7211, "件"),
        ("03", "テレワーク用 PC の整備", 270, "台"),
        ("03", "テレワーク実施回数", 383, "回"),
        ("04", "受講人数", 209, "人"),
        ("14", "", 526, "台"),
        ("18", "全予約人数", 9263, "人"),
        ("18", "利用率", 43.8, "%"),
        ("22", "投稿総数", 144, "件"),
        ("23", "ダウンロード数", 16595, "件"),
        ("25", "累計リーチ（延べ閲覧者数）", 1575, "人"),
        ("27", "納付金額", 51413639, "円"),
        ("27", "納付件数", 51852, "件"),
        ("28", "納付金額", 123539820, "円"),
    ],
)
def test_figures_match_the_seed(plan: PlanView, code: str, label_or_text: str, value: float, unit: str) -> None:
    found = figures(measures(plan)[code])
    assert any(
        f_value == value and f_unit == unit and (label_or_text in (text + label) or label_or_text == "")
        for text, label, f_value, f_unit in found
    ), (code, found)


def test_titles_are_the_body_headings(plan: PlanView, seed_text: Callable[[str], str]) -> None:
    seed = re.sub(r"\s+", "", seed_text("hitachi"))
    for ini in plan.initiatives():
        assert re.sub(r"\s+", "", ini.title) in seed, ini.title
    # OCR slip in the seed (Cyrillic letters) is corrected in the sub-area title.
    items = [it.title for pol in plan.groups for it in pol.groups]
    assert "デジタルデバイド対策" in items
    assert not any(re.search("[\u0400-\u04ff]", t) for t in items)


def test_every_seed_figure_with_a_unit_is_present(plan: PlanView) -> None:
    values = {f[2] for ini in plan.initiatives() for f in figures(ini)}
    assert len(values) >= 60
    for needle in (6051, 458, 7211, 270, 383, 23, 209, 19, 191, 16595, 51413639, 51852, 4058):
        assert needle in values
