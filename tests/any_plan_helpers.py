"""Plans of other cities for the tests/test_any_plan_* modules: invented level labels,
numberings and optional parts, written into a database with the loader every plan uses."""

from __future__ import annotations

import copy
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook

from planDesk.core.persistence.store import Store
from planDesk.core.plan.as_json import plan_to_json
from planDesk.core.plan.samples import create_plan, validate_plan_data
from planDesk.core.plan.view import PlanView, load_plan, resolve_plan_id

# Words of the built-in plans (Hitachinaka and Hitachi) that a plan with its own words
# must never see in its outputs: level labels, the scale's and the directions' words.
# (未着手 / 遅れ / 完了 are also the program's own states of a roadmap step and 見直し its
# word for a yearly revision, so they are not in the list; 取組 is inside program words
# such as 今後の取組.)
BUILTIN_WORDS = ("基本方針", "推進事項", "取組事項", "分野", "施策", "取組項目", "順調", "概ね順調", "拡充")

# 取組 is also the built-in plans' word for their items, but inside these the program's own
# concepts, whatever a plan calls its items: 今後の取組 (a report's next steps), 取組状況 (the
# default heading of an initiative's status text, which a plan may rename) and 取組の階層
# (the plan editor's name for the level whose label the plan sets).
PROGRAM_WORDS = ("今後の取組", "取組状況", "取組の階層")


def stray_item_word(texts: Iterable[str]) -> list[str]:
    """The texts that still say 取組 outside PROGRAM_WORDS (shown to a plan whose items are
    called something else, each of them is a word of another city's plan)."""
    out = []
    for text in texts:
        rest = text
        for word in PROGRAM_WORDS:
            rest = rest.replace(word, "")
        if "取組" in rest:
            out.append(text)
    return out


def city_plan(*, labels: tuple[str, str, str] = ("柱", "方策", "事業"), numbering: str = "hyphen",
              scale: list[dict[str, str]] | None = None, directions: list[str] | None = None,
              kpis: bool = True, roadmap: bool = True, reports: bool = True,
              codes: dict[tuple[int, ...], str] | None = None) -> dict[str, Any]:
    """A small plan in the sample format with invented labels: 2 groups × 2 subgroups ×
    2 initiatives. ``codes`` gives written codes by (policy, item[, initiative]) numbers."""
    scale = [{"code": "◎", "label": "計画以上"}, {"code": "○", "label": "計画どおり"},
             {"code": "△", "label": "計画未満"}] if scale is None else scale
    directions = ["伸ばす", "続ける", "やめる"] if directions is None else directions
    codes = codes or {}
    policies = []
    for p in (1, 2):
        items = []
        for i in (1, 2):
            inis = []
            for n in (1, 2):
                ini = _initiative(f"{p}{i}{n}", n, scale=scale, directions=directions, kpis=kpis,
                                  roadmap=roadmap, reports=reports)
                if (p, i, n) in codes:
                    ini["code"] = codes[(p, i, n)]
                inis.append(ini)
            item: dict[str, Any] = {"number": i, "title": f"方策{p}-{i}", "initiatives": inis}
            if (p, i) in codes:
                item["code"] = codes[(p, i)]
            items.append(item)
        pol: dict[str, Any] = {"number": p, "title": f"柱その{p}", "items": items}
        if (p,) in codes:
            pol["code"] = codes[(p,)]
        policies.append(pol)
    data = {
        "format": 1,
        "plan": {"key": "other-city", "name": "よその市デジタル計画", "municipality": "よその市", "start_fy": 2025,
                 "end_fy": 2027, "revision": "第1版", "revision_fy": 2025, "level_labels": list(labels),
                 "numbering": numbering, "evaluation_scale": scale, "directions": directions},
        "departments": [{"name": "電算室"}, {"name": "住民窓口室"}],
        "policies": policies,
    }
    validate_plan_data(copy.deepcopy(data), "test")
    return data


def _initiative(tag: str, n: int, *, scale: list[dict[str, str]], directions: list[str], kpis: bool = True,
                roadmap: bool = True, reports: bool = True) -> dict[str, Any]:
    """Initiative number ``n`` in the sample format, its texts marked with ``tag``; its
    second department, KPI baseline, report … vary with ``n`` (odd: a baseline, one department)."""
    ini: dict[str, Any] = {
        "number": n, "title": f"事業{tag}のデジタル化", "departments": ["電算室", "住民窓口室"][:2 - n % 2],
        "overview": f"事業{tag}の説明", "status": "",
        "goals": [{"mark": "(1)", "text": f"目当て{tag}", "target_start_fy": 2026}],
    }
    if kpis:
        kpi: dict[str, Any] = {"name": f"利用件数{tag}", "unit": "件", "direction": "up",
                               "target": 12.0, "target_fy": 2027, "goal": "(1)"}
        if n % 2:  # the even initiatives' KPIs have no baseline
            kpi["baseline"] = 6.0
        ini["kpis"] = [kpi]
    if roadmap:
        ini["roadmap"] = [{"label": f"段取り{tag}", "start_fy": 2025, "end_fy": 2027,
                           "kind": "continuing", "goals": ["(1)"]}]
    if reports:
        report: dict[str, Any] = {
            "fy": 2025, "department": "電算室", "status": "submitted",
            "activities": f"実施{tag}", "issues": "", "next_steps": "",
            "results": [{"heading": "", "text": f"成果{tag}",
                         "figures": [{"label": "件数", "value": 3, "unit": "件"}]}],
        }
        if scale:
            report["evaluation"] = scale[0]["code"]
        if directions:
            report["direction"] = directions[0]
        ini["reports"] = [report]
    return ini


# Shapes of plans for tree_plan: a group is a list of its children, "i" an initiative.
# A 2-level plan (領域 → 事業) numbered 1-1, 1-2 …
TWO_LEVELS: list[Any] = [["i", "i"], ["i", "i", "i"]]
# A 4-level plan whose branches end at different depths: initiatives under groups of depth
# 1, 2, 3 and 4, and one group holding both a subgroup and initiatives.
FOUR_LEVELS_MIXED: list[Any] = [
    [["i", "i"], [[["i"], ["i", "i"]], "i"]],   # 1 → 1-1 (initiatives), 1-2 → 1-2-1 (two depth-4 groups) and 1-2-2
    ["i", "i"],                                 # initiatives right under a top-level group
    [[["i"]]],                                  # 3 → 3-1 → 3-1-1 (initiative at depth 3)
]
TWO_LEVEL_LABELS = ("領域", "事業")
FOUR_LEVEL_LABELS = ("柱", "方策", "系統", "細目", "事業")


def tree_plan(shape: list[Any], *, labels: tuple[str, ...] = FOUR_LEVEL_LABELS, numbering: str = "hyphen",
              scale: list[dict[str, str]] | None = None, directions: list[str] | None = None,
              kpis: bool = True, roadmap: bool = True, reports: bool = True,
              key: str = "tree-city") -> dict[str, Any]:
    """A plan in sample format 2 whose tree of groups has the given ``shape`` (see
    TWO_LEVELS, FOUR_LEVELS_MIXED); ``labels``: the groups' labels by depth, then the
    initiatives'. Group titles read 「<label><code>の部」, initiatives 「事業<code>のデジタル化」."""
    scale = [{"code": "◎", "label": "計画以上"}, {"code": "○", "label": "計画どおり"},
             {"code": "△", "label": "計画未満"}] if scale is None else scale
    directions = ["伸ばす", "続ける", "やめる"] if directions is None else directions
    serial = iter(range(1, 10_000))  # serial numbering: initiatives numbered across the plan

    def group(children: list[Any], numbers: tuple[int, ...]) -> dict[str, Any]:
        tag = "-".join(str(n) for n in numbers)
        out: dict[str, Any] = {"number": numbers[-1], "title": f"{labels[len(numbers) - 1]}{tag}の部",
                               "groups": [], "initiatives": []}
        for n, child in enumerate(children, start=1):  # one numbering for groups and initiatives
            if child == "i":
                n = next(serial) if numbering == "serial" else n
                out["initiatives"].append(_initiative(f"{tag}-{n}", n, scale=scale, directions=directions,
                                                      kpis=kpis, roadmap=roadmap, reports=reports))
            else:
                out["groups"].append(group(child, (*numbers, n)))
        return out

    data = {
        "format": 2,
        "plan": {"key": key, "name": "となり町デジタル計画", "municipality": "となり町", "start_fy": 2025,
                 "end_fy": 2027, "revision": "第1版", "revision_fy": 2025, "level_labels": list(labels),
                 "numbering": numbering, "evaluation_scale": scale, "directions": directions},
        "departments": [{"name": "電算室"}, {"name": "住民窓口室"}],
        "groups": [group(children, (i + 1,)) for i, children in enumerate(shape)],
    }
    validate_plan_data(copy.deepcopy(data), "test")
    return data


def make_store(path: Path, data: dict[str, Any]) -> Store:
    store = Store.open(str(path), actor="情報化係")
    with store.write("init-test") as ctx:
        create_plan(ctx, copy.deepcopy(data))
    return store


def city_db(folder: Path) -> Path:
    """A database holding ``city_plan()`` (its items are 事業), in ``folder``."""
    path = folder / "city.sqlite3"
    make_store(path, city_plan()).close()
    return path


def view_of(store: Store, key: str | None = None) -> PlanView:
    with store.read() as s:
        return load_plan(s, resolve_plan_id(s, key))


def plan_json(store: Store, key: str | None = None) -> dict[str, Any]:
    """The plan as ``show --json`` without ids and reports (what a round trip keeps)."""
    data = plan_to_json(view_of(store, key))
    data["plan"].pop("id")
    for ini in data["initiatives"]:
        ini["reports"] = []
    return data


def blank_ids(path: Path) -> Path:
    """The workbook as a city typing its plan would keep it: no IDs anywhere."""
    wb = load_workbook(path)
    for sheet in ("取組事項", "目標", "指標", "工程表"):
        ws = wb[sheet]
        for row in range(2, ws.max_row + 1):
            ws.cell(row, 1).value = None
    wb.save(path)
    return path
