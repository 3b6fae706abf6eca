"""The plan booklet (seed 000 layout), read back from the PDF."""

from __future__ import annotations

from pathlib import Path

import pytest
from pdf_helpers import check_pdf, outline_titles, pdf_pages, squash

from planDesk.cli.main import main
from planDesk.core.persistence.store import Store
from planDesk.core.plan.setup import init_sample
from planDesk.core.plan.view import GoalView, PlanView, load_plan, resolve_plan_id
from planDesk.core.printing.booklet import goal_line
from planDesk.core.printing.progress import fy_span


def _export(folder: Path, sample: str) -> tuple[Path, PlanView, list[str]]:
    db = folder / f"{sample}.sqlite3"
    store = Store.open(str(db), actor="テスト")
    init_sample(store, sample)
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    store.close()
    out = folder / f"{sample}.pdf"
    assert main(["--db", str(db), "export", "booklet", "--out", str(out)]) == 0
    return out, plan, pdf_pages(out)


@pytest.fixture(scope="module")
def hitachinaka(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, PlanView, list[str]]:
    return _export(tmp_path_factory.mktemp("booklet"), "hitachinaka")


def test_everything_of_the_plan_is_printed(hitachinaka: tuple[Path, PlanView, list[str]]) -> None:
    out, plan, _ = hitachinaka
    inis = list(plan.initiatives())
    assert len(inis) == 34
    wanted = [plan.name, plan.vision, *(i.title for i in inis), *(i.code for i in inis)]
    wanted += [g.title for g in plan.walk_groups()]
    wanted += [goal_line(g) for i in inis for g in i.goals]
    wanted += [s.label for i in inis for s in i.steps]
    wanted += [d for i in inis for d in i.department_names]
    wanted += [g.term for g in plan.glossary] + [g.text for g in plan.glossary]
    wanted += [t for t, _ in plan.priority_notes]
    wanted += [ln for i in inis for ln in (i.overview + "\n" + i.status).split("\n") if ln.strip()]
    text = check_pdf(out, must_contain=wanted)
    flat = squash(text)
    assert flat.count("【重点】") >= 4  # two priority initiatives, in the tree and in their blocks
    assert flat.count("【R5新規】") >= 12
    assert "（令和5〜7年度）" in flat
    assert "作成日令和" in flat


def test_sections_and_blocks_come_in_the_seeds_order(hitachinaka: tuple[Path, PlanView, list[str]]) -> None:
    _, plan, pages = hitachinaka
    flat = squash("\n".join(pages))
    sections = ["１．策定の目的", "２．計画期間", "３．体系図", "４．重点取組事項", "５．取組事項", "６．用語解説"]
    positions = [flat.find(s) for s in sections]
    assert -1 not in positions and positions == sorted(positions)
    body = flat[positions[4]:positions[5]]
    last = 0
    for ini in plan.initiatives():
        start = body.find(squash(ini.code + ini.title), last)
        assert start >= last, ini.title
        block = [ini.code, "部署", ini.department_names[0], "概要", f"【{ini.status_heading}】", "目標",
                 goal_line(ini.goals[0]) if ini.goals else "", "工程表", "令和5年度", "令和7年度"]
        if not ini.status.strip():
            block.remove(f"【{ini.status_heading}】")
        if not ini.steps:
            block = block[:-3]
        spots = []
        for piece in block:
            spot = body.find(squash(piece), spots[-1] if spots else start)
            assert spot >= 0, (ini.code, piece)
            spots.append(spot)
        last = spots[-1]


def test_bookmarks_follow_the_plan(hitachinaka: tuple[Path, PlanView, list[str]]) -> None:
    out, plan, pages = hitachinaka
    titles = outline_titles(out)
    assert titles[:7] == [plan.name, "策定の目的", "計画期間", "体系図", "重点取組事項",
                          plan.priority_notes[0][0], plan.priority_notes[1][0]]
    assert titles[-1] == "用語解説"
    assert [t for t in titles if t[:1] in "①②③④" and "－" in t and t.count("－") == 2] == [
        f"{i.code} {i.title}" for i in plan.initiatives()]
    assert 15 <= len(pages) <= 40
    assert "1 /" not in pages[0]  # the cover has no footer
    assert f"2 / {len(pages)}" in pages[1].replace("\n", "")


def test_a_plan_with_other_levels_and_no_roadmap(tmp_path: Path) -> None:
    """The Hitachi plan: 分野/施策/取組, serial codes, no vision, glossary or roadmap."""
    out, plan, _ = _export(tmp_path, "hitachi")
    text = check_pdf(out, must_contain=[i.title for i in plan.initiatives()] + ["分野", "施策"])
    flat = squash(text)
    assert "基本方針" not in flat and "推進事項" not in flat and "用語解説" not in flat
    assert "５．取組" not in flat and "４．取組" in flat  # no 重点 section: one fewer
    assert "（令和3年度）" in flat
    assert "01日立市デジタル化推進計画2022の策定" in flat


@pytest.mark.parametrize(
    ("start", "end", "text"),
    [(2023, 2023, "令和5年度"), (2023, 2024, "令和5〜6年度"), (2018, 2020, "平成30年度〜令和2年度"),
     (None, 2025, "令和7年度"), (None, None, "")],
)
def test_fy_span(start: int | None, end: int | None, text: str) -> None:
    assert fy_span(start, end) == text


def test_goal_line_puts_the_target_year_before_the_stop() -> None:
    goal = GoalView(1, "①", "手続き数３００を目指します。", 2023, 2023)
    assert goal_line(goal) == "①手続き数３００を目指します（令和5年度）。"
    assert goal_line(GoalView(2, "・", "普及を図ります", None, None)) == "・普及を図ります"
