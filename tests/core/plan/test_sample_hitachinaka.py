"""The built-in Hitachinaka plan is the seed plan, complete (seed 000)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import InitiativeView, PlanView, load_plan, resolve_plan_id

_FW = str.maketrans("０１２３４５６７８９，．", "0123456789,.")
# A figure in 取組状況 is a number followed by a counting unit.
_FIGURE = re.compile(r"(\d[\d,]*(?:\.\d+)?)\s*(手続き|％|%|人|名|台|件|事業所|アカウント|課|窓口|自治会|回|業務|箇所)")
# Figures of 取組状況 that are deliberately not KPIs (see the comments in hitachinaka.toml).
NOT_KPIS = {
    ("③－１－３", 1.0),  # FY2020 RPA trial (1課1業務), superseded by the FY2022 trial figures
    ("②－２－３", 1.0),  # 普通教室に1台: an equipment ratio, not a count that progresses
}


@pytest.fixture(scope="module")
def plan(_sample_dbs: dict[str, Path]) -> PlanView:
    store = Store.open(str(_sample_dbs["hitachinaka"]), create=False)
    with store.read() as s:
        view = load_plan(s, resolve_plan_id(s, "hitachinaka"))
    store.close()
    return view


def by_code(plan: PlanView) -> dict[str, InitiativeView]:
    return {i.code: i for i in plan.initiatives()}


def test_structure_counts(plan: PlanView) -> None:
    # PRODUCT.md says 9 推進事項; the seed's 体系図 and body have 7 (2 + 2 + 1 + 2).
    assert [p.title for p in plan.groups] == [
        "市民サービスのデジタル化", "地域のデジタル化", "行政のデジタル化", "情報セキュリティ強靭化"]
    assert [len(p.groups) for p in plan.groups] == [2, 2, 1, 2]
    assert [len(i.initiatives) for p in plan.groups for i in p.groups] == [4, 7, 5, 4, 12, 1, 1]
    assert sum(1 for _ in plan.initiatives()) == 34
    assert plan.vision == "いつでも・どこでも・安全に デジタルでつながる人とまち"
    assert (plan.start_fy, plan.end_fy) == (2023, 2025)
    assert plan.level_labels == ("基本方針", "推進事項", "取組事項")


def test_every_initiative_is_complete(plan: PlanView) -> None:
    for ini in plan.initiatives():
        assert ini.departments, ini.code
        assert ini.goals, ini.code
        assert ini.steps, ini.code
        assert ini.overview or ini.status, ini.code
        for step in ini.steps:
            assert plan.start_fy <= step.start_fy <= step.end_fy <= plan.end_fy, (ini.code, step.label)


def test_flags(plan: PlanView) -> None:
    codes = by_code(plan)
    assert {c for c, i in codes.items() if i.priority} == {"①－１－１", "③－１－３"}
    assert {c for c, i in codes.items() if i.new_in_fy == 2023} == {
        "①－１－４", "①－２－７", "②－１－５", "③－１－１０", "③－１－１１", "③－１－１２"}


def test_every_status_figure_is_a_kpi_baseline(plan: PlanView) -> None:
    checked = 0
    for ini in plan.initiatives():
        if ini.status_heading != "取組状況":
            continue  # 【対象業務】【事業内容】 etc. describe scope and parameters, not progress
        baselines = {k.baseline for k in ini.kpis}
        for number, unit in _FIGURE.findall(ini.status.translate(_FW)):
            value = float(number.replace(",", ""))
            if (ini.code, value) in NOT_KPIS:
                continue
            assert value in baselines, f"{ini.code}: {number}{unit} is not a KPI baseline"
            checked += 1
    assert checked >= 30


def test_spot_checks_against_the_seed(plan: PlanView) -> None:
    c = by_code(plan)
    online = c["①－１－１"]
    assert online.title == "行政手続きのオンライン化"
    assert online.department_names == ("全部署",)
    kpi = next(k for k in online.kpis if k.name.startswith("オンライン化済の手続き数"))
    assert (kpi.baseline, kpi.unit, str(kpi.baseline_as_of)) == (119, "手続き", "2022-12-31")
    assert (kpi.target, kpi.target_fy) == (300, 2023)
    assert [g.mark for g in online.goals] == ["①", "②", "①②"]

    mynumber = c["①－１－２"]
    assert mynumber.department_names == ("市民課",)
    assert mynumber.kpis[0].baseline == 76.4 and mynumber.kpis[0].unit in ("％", "%")

    bousai = c["①－２－３"]
    assert bousai.department_names == ("生活安全課",)
    reg = bousai.kpis[0]
    assert (reg.baseline, reg.target, reg.target_fy) == (43800, 55000, 2025)

    madoguchi = c["①－１－４"]
    assert madoguchi.department_names == ("情報政策課", "人事課行政改革推進室", "窓口担当部署")
    assert [g.target_end_fy for g in madoguchi.goals] == [2024, 2024, 2024]

    assert c["②－１－４"].department_names == ("生涯学習課", "スポーツ振興課", "地域福祉課", "商工振興課")
    assert c["②－２－１"].department_names == ("情報政策課", "女性生活課", "高齢福祉課")
    it_center = {k.name: k for k in c["②－２－１"].kpis}
    assert any(k.baseline == 768 and k.target == 1000 and k.target_fy == 2024 for k in it_center.values())
    assert c["③－１－２"].department_names == ("人事課行政改革推進室", "全部署")
    assert c["③－１－１２"].title == "水道業務のデジタル化"
    assert c["③－１－１２"].department_names == ("水道事業所業務課",)
    assert c["④－２－１"].title == "情報セキュリティポリシーの適時見直し"
    assert c["①－２－６"].department_names == ("高齢福祉課",)
    assert {k.baseline for k in c["①－２－６"].kpis} == {22, 325, 254, 637, 219}


def test_pseudo_departments(plan: PlanView) -> None:
    pseudo = {d.name: d.pseudo for d in plan.departments if d.pseudo}
    assert pseudo["全部署"] == "all"
    assert pseudo["関係部署"] == "relevant"
    assert "窓口担当部署" in pseudo


def test_glossary_and_texts_come_from_the_seed(plan: PlanView, seed_text: Callable[[str], str]) -> None:
    seed = re.sub(r"\s+", "", seed_text("hitachinaka"))
    assert len(plan.glossary) >= 25
    terms = [g.term for g in plan.glossary]
    assert "ＢＰＲ" in terms or "BPR" in terms
    for ini in plan.initiatives():
        # Titles are printed in the seed (③－１－１０ uses 占用 as in its own text).
        assert re.sub(r"\s+", "", ini.title) in seed.replace("占有", "占用"), ini.title
        first_line = re.sub(r"\s+", "", ini.overview.splitlines()[0]) if ini.overview else ""
        assert first_line[:20] in seed, ini.code
