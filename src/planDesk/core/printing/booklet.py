"""The plan booklet, in the layout of the Hitachinaka action plan (seed 000).

Cover; numbered sections: 策定の目的 (purpose), 計画期間 (period and its note), 体系図,
重点取組事項 (the plan's priority notes), then the initiatives — one block each: code, title
and marks with the departments, 概要 with the 【取組状況】 block, 目標, the 指標 (現状値 → 目標値,
booklet_kpis) when it has KPIs, and the 工程表 drawn
as bars over the fiscal-year columns — and the 用語解説 glossary. The initiatives come under
the headings of their groups, each top-level group on a new page, a heading per depth.
Section and level names come from the plan (level_labels), never from one city's wording.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from planDesk.core.domain.codes import full_width
from planDesk.core.domain.fiscal import format_fy
from planDesk.core.plan.view import GoalView, GroupView, InitiativeView, PlanView
from planDesk.core.printing.booklet_kpis import kpi_table
from planDesk.core.printing.booklet_roadmap import InitiativeRoadmap, booklet_layout
from planDesk.core.printing.booklet_tree import marks_markup, structure_table
from planDesk.core.printing.document import DocInfo, about, frame_height, frame_width, outlined, paragraphs, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LongTable
from planDesk.core.printing.measured_table import MeasuredTable
from planDesk.core.printing.progress import fy_span
from planDesk.core.printing.selection import select_plan
from planDesk.core.printing.styles import BAND, GRID, NAVY, PALE, base_cmds, grid_style, styles, variant
from planDesk.core.printing.tree import Leaf, leaves, printed_initiatives
from planDesk.core.roadmap.layout import RoadmapLayout

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.printing.selection import ExportOptionsLike

_LABEL_W = 17 * mm
_YEAR_NOTE = re.compile(r"[（(][^（()）]*年度[^（()）]*[）)]。?$")
_PAD = 4
# text that reportlab's paragraph parser does not make into one run of the text with its
# whitespace as single spaces: markup characters, and whitespace other than these
_NOT_PLAIN = re.compile(r"[&<>]|(?![ \t\n\r\u3000])\s")


def goal_line(goal: GoalView) -> str:
    """The goal as the plan prints it: mark, text and target years before the stop."""
    span = fy_span(goal.target_start_fy, goal.target_end_fy)
    text = goal.text.strip()
    if _YEAR_NOTE.search(text):  # the plan wrote its own note (「令和７年度末」): as written
        span = ""
    if span:
        text = f"{text[:-1]}（{span}）。" if text.endswith("。") else f"{text}（{span}）"
    return f"{goal.mark}{text}" if goal.mark != "・" else f"・{text}"


def _cover(plan: PlanView) -> list[Flowable]:
    st = styles()
    width = frame_width("A4")
    out: list[Flowable] = [Spacer(1, 60 * mm), outlined(JaParagraph.plain(plan.name, st.title), plan.name, 0),
                           Spacer(1, 8 * mm),
                           JaParagraph.plain(f"（{fy_span(plan.start_fy, plan.end_fy)}）", st.subtitle)]
    if plan.revision:
        out += [Spacer(1, 3 * mm), JaParagraph.plain(plan.revision, variant(st.subtitle, "rev", fontSize=11))]
    if plan.vision.strip():
        box = [JaParagraph.plain("基本理念", st.label), Spacer(1, 2 * mm),
               JaParagraph.plain(plan.vision, variant(st.h2, "cv", alignment=1, spaceBefore=0, spaceAfter=0))]
        out += [Spacer(1, 22 * mm), Table([[box]], colWidths=[width - 30 * mm], style=[
            *base_cmds(), ("BOX", (0, 0), (-1, -1), 0.8, NAVY), ("BACKGROUND", (0, 0), (-1, -1), PALE),
            ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 12)])]
    out += [Spacer(1, 45 * mm), JaParagraph.plain(plan.municipality, variant(st.subtitle, "mun", fontSize=16)),
            PageBreak()]
    return out


def _period(plan: PlanView) -> list[Flowable]:
    """The period statement, and the note about it in a box (as the seed prints it)."""
    st = styles()
    years = plan.end_fy - plan.start_fy + 1
    lines = [ln.strip() for ln in plan.period_note.split("\n") if ln.strip()]
    if not lines:
        lines = [f"{format_fy(plan.start_fy)}（{plan.start_fy}年度）から{format_fy(plan.end_fy)}"
                 f"（{plan.end_fy}年度）までの{full_width(years)}年間"]
    out: list[Flowable] = [JaParagraph.plain(lines[0], variant(st.body, "period", fontName=st.gothic_bold))]
    if len(lines) > 1:
        box = [JaParagraph.plain(ln, st.body_indent) for ln in lines[1:]]
        out += [Spacer(1, 3 * mm), Table([[box]], colWidths=[frame_width("A4")], style=[
            *base_cmds(), ("BOX", (0, 0), (-1, -1), 0.8, GRID), ("LEFTPADDING", (0, 0), (-1, -1), 10),
            ("RIGHTPADDING", (0, 0), (-1, -1), 10), ("TOPPADDING", (0, 0), (-1, -1), 6),
            ("BOTTOMPADDING", (0, 0), (-1, -1), 9)])]
    return out


def _text_lines(text: str) -> list[Flowable]:
    """Bullet lines (・…) hang; other lines are paragraphs."""
    st = styles()
    bullet = variant(st.cell, "bk_bullet", leftIndent=9, firstLineIndent=-9)
    return [JaParagraph.plain(ln, bullet if ln.startswith("・") else st.cell)
            for ln in (raw.strip() for raw in text.split("\n")) if ln]


def initiative_block(plan: PlanView, ini: InitiativeView, layout: RoadmapLayout | None,
                     lead: list[Flowable] | None = None) -> Flowable:
    """One initiative: the title bar with departments, then 概要 / 目標 / 工程表.

    ``lead`` (headings) is kept on the page of the block: reportlab's keepWithNext does
    not hold a heading to a KeepTogether.
    """
    st = styles()
    width = frame_width("A4")
    title_style = variant(st.cell_bold, "bk_title", fontSize=10.5, leading=14, textColor=NAVY)
    marks = marks_markup(ini)
    plain_title = f"{ini.code}　{ini.title}"
    if marks or _NOT_PLAIN.search(plain_title):
        title = JaParagraph(f"{escape(ini.code)}　{escape(ini.title)}{marks}", title_style)
    else:  # the paragraph reportlab's parser makes of it (its whitespace as one space), unparsed
        title = JaParagraph.plain(" ".join(plain_title.split()), title_style)
    depts = [JaParagraph.plain(n, st.cell) for n in ini.department_names] or [JaParagraph.plain("", st.cell)]
    if ini.departments_more:
        depts.append(JaParagraph.plain("など", st.cell))
    head = MeasuredTable([[title, JaParagraph.shared("部署", st.label), depts]],
                 colWidths=[width - 14 * mm - 46 * mm, 14 * mm, 46 * mm], style_key="bk_head",
                 style=[*grid_style(0), ("BACKGROUND", (0, 0), (1, 0), BAND), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                        ("BOX", (0, 0), (-1, -1), 0.8, GRID)])
    rows: list[list[Any]] = []
    overview = _text_lines(ini.overview)
    if ini.status.strip():
        overview.append(JaParagraph.shared(f"【{ini.status_heading or '取組状況'}】",
                                          variant(st.cell_bold, "bk_sh", spaceBefore=3, textColor=NAVY)))
        overview += _text_lines(ini.status)
    if overview:
        rows.append(["概要", overview])
    if ini.goals:
        rows.append(["目標", [JaParagraph.plain(goal_line(g), variant(st.cell, "bk_goal", leftIndent=10,
                                                                          firstLineIndent=-10))
                            for g in ini.goals]])
    if (kpis := kpi_table(ini, roadmap_width())) is not None:
        rows.append(["指標", kpis])
    label_top: list[tuple[str, tuple[int, int], tuple[int, int], str]] = []
    if ini.steps and layout is not None and layout.find(("initiative", ini.id)) is not None:
        chart = InitiativeRoadmap(layout, ini.id)
        if chart.height > frame_height("A4"):  # it goes on over pages: its label stays at its top
            label_top.append(("VALIGN", (0, len(rows)), (0, len(rows)), "TOP"))
        rows.append(["工程表", chart])
    # under its groups in the outline: level 1 is the top-level group's
    parts: list[Flowable] = [*(lead or []), outlined(head, f"{ini.code} {ini.title}", ini.depth + 1)]
    if rows:
        cells = [[JaParagraph.shared(label, st.label), content] for label, content in rows]
        parts.append(MeasuredTable(cells, colWidths=[_LABEL_W, width - _LABEL_W], splitInRow=1,
                                   style_key="bk_body_top" if label_top else "bk_body", style=[
            *grid_style(0), ("BACKGROUND", (0, 0), (0, -1), PALE), ("VALIGN", (0, 0), (0, -1), "MIDDLE"),
            ("BOX", (0, 0), (-1, -1), 0.8, GRID), ("LEFTPADDING", (1, 0), (1, -1), _PAD + 2),
            ("RIGHTPADDING", (1, 0), (1, -1), _PAD), *label_top]))
    parts.append(Spacer(1, 8 * mm))
    return about(KeepTogether(parts), f"{plan.initiative_label} {ini.code}「{ini.title}」")


def group_heading(plan: PlanView, group: GroupView) -> Flowable:
    """A group's heading over its first initiative: a top-level group as 「…①「title」」 in
    the section's second size, deeper groups by their number, one size smaller each."""
    st = styles()
    label = plan.label_of(group.depth)
    bookmark = f"{group.code} {group.title}"
    if group.depth == 1:
        return outlined(JaParagraph.plain(f"{label}{group.code}「{group.title}」", st.h2), bookmark, 1)
    style = (variant(st.h3, "bk_item", textColor=colors.black) if group.depth == 2 else
             variant(st.h4, f"bk_group{group.depth}", textColor=colors.black, fontSize=10.5,
                     leftIndent=(group.depth - 2) * 4 * mm, spaceBefore=3, spaceAfter=3))
    return outlined(JaParagraph.plain(f"{full_width(group.number)} {label}「{group.title}」", style), bookmark,
                    group.depth)


def roadmap_width() -> float:
    """The width of the 工程表 cell's content."""
    return float(frame_width("A4") - _LABEL_W - (_PAD + 2) - _PAD)


def _glossary(plan: PlanView) -> Flowable:
    st = styles()
    width = frame_width("A4")
    header = [[JaParagraph.plain(t, st.header_cell) for t in ("索引", "用語", "解説")]]
    body = [[JaParagraph.plain(g.index_label, st.cell_center), JaParagraph.plain(g.term, st.cell_bold),
             JaParagraph.plain(g.text, st.cell)] for g in plan.glossary]
    return LongTable(header, body, [12 * mm, 44 * mm, width - 56 * mm],
                     [*grid_style(), ("BACKGROUND", (0, 1), (0, -1), PALE)])


def booklet_flowables(plan: PlanView) -> Iterator[Flowable]:
    """The whole booklet (cover first), made as the document asks for it: a block is built
    when layout reaches it and freed once drawn, so memory stays flat in the plan's size."""
    st = styles()
    yield from _cover(plan)
    number = 0

    def section(title: str, *, new_page: bool = False) -> list[Flowable]:
        nonlocal number
        number += 1
        return [*([PageBreak()] if new_page else []),
                outlined(JaParagraph.plain(f"{full_width(number)}．{title}", st.h1), title, 0)]

    if plan.purpose.strip():
        yield from section("策定の目的")
        yield from paragraphs(plan.purpose, st.body_indent)
        yield Spacer(1, 10 * mm)
    yield from section("計画期間")
    yield from _period(plan)
    yield from section("体系図", new_page=True)
    yield from structure_table(plan, frame_width("A4"))
    if plan.priority_notes:
        yield from section(f"重点{plan.initiative_label}", new_page=True)
        for k, (title, text) in enumerate(plan.priority_notes, start=1):
            yield outlined(JaParagraph.plain(f"（{full_width(k)}）{title}", st.h3), title, 1)
            yield from paragraphs(text, st.body_indent)
            yield Spacer(1, 6 * mm)
    yield from section(plan.initiative_label, new_page=True)
    layout = booklet_layout(plan, roadmap_width()) if any(i.steps for i in plan.initiatives()) else None
    previous: Leaf | None = None
    for leaf in leaves(plan):
        begin = leaf.starts(previous)
        if begin == 0 and previous is not None:
            yield PageBreak()  # each top-level group on a page of its own
        lead = [group_heading(plan, group) for group in leaf.groups[begin:]]
        yield initiative_block(plan, leaf.initiative, layout, lead)
        previous = leaf
    if plan.glossary:
        yield from section("用語解説", new_page=True)
        yield _glossary(plan)


def write_booklet(store: Store, opts: ExportOptionsLike, out: Path) -> str:
    """``plandesk export booklet``: the plan as a booklet; returns a one-line summary."""
    with store.read() as session:
        plan = select_plan(session, opts, with_reports=False)  # the booklet prints the plan, no report
    info = DocInfo("", plan.name, plan.municipality, plan.revision,
                   subject=f"{plan.name}（{fy_span(plan.start_fy, plan.end_fy)}）")
    pages = write_pdf(out, info, booklet_flowables(plan), cover=True)
    count = sum(1 for _ in printed_initiatives(plan))
    return f"計画の冊子を書き出しました：{out}（{plan.name}、{plan.initiative_label} {count} 件、{pages} ページ）"
