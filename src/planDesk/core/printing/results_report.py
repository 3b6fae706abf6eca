"""The annual results report (実績報告書), in the layout of the Hitachi City report (seed 002).

Cover; contents with a column per group depth (area, sub-area …); then per area (a top-level
group) a title band, the area's slogan (its catch phrase, in bold, line breaks as the plan
writes them) and its list of groups and measures; a heading per deeper group (with its
slogan, if it has one), and per measure its number, title and departments, 実施状況 and the
実績 figures bulleted under their 【heading】. Only submitted and confirmed reports are
printed: a draft is not a result yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Spacer, Table

from planDesk.core.domain.fiscal import format_fy
from planDesk.core.errors import UserError
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView, ReportView
from planDesk.core.printing.booklet_tree import continued_groups, tree_fills
from planDesk.core.printing.document import DocInfo, about, frame_height, frame_width, outlined, paragraphs, write_pdf
from planDesk.core.printing.figures import grouped_results, result_markup
from planDesk.core.printing.kinsoku import JaParagraph, split_text
from planDesk.core.printing.long_table import LazyRows, LongTable
from planDesk.core.printing.selection import Cycle, reports_in, select_cycle, select_plan
from planDesk.core.printing.styles import BAND, GRID, NAVY, PALE, base_cmds, grid_style, styles, variant
from planDesk.core.printing.tree import Leaf, group_ends, group_leaves, leaves, live_groups, printed_initiatives

if TYPE_CHECKING:
    from planDesk.core.persistence.store import Store
    from planDesk.core.printing.selection import ExportOptionsLike

TITLE = "実績報告書"
PRINTED_STATUSES = ("submitted", "confirmed")


def measure_number(plan: PlanView, ini: InitiativeView) -> str:
    """``01.`` for serially numbered plans (as the report prints it), else the code."""
    return f"{ini.code}." if plan.numbering == "serial" else ini.code


def department_line(ini: InitiativeView, sep: str = "/") -> str:
    names = sep.join(ini.department_names)
    return f"{names}など" if ini.departments_more else names


def _cover(plan: PlanView, cycle: Cycle) -> list[Flowable]:
    st = styles()
    lines = [ln.strip() for ln in plan.purpose.split("\n") if ln.strip()]
    out: list[Flowable] = [Spacer(1, 55 * mm),
                           outlined(JaParagraph.plain(plan.name, st.title), plan.name, 0),
                           Spacer(1, 6 * mm),
                           JaParagraph.plain(f"{cycle.label}（{cycle.fy}年度）実績報告", st.subtitle),
                           Spacer(1, 18 * mm)]
    if lines:
        box = [JaParagraph.plain(lines[0], st.h2)] if len(lines) > 1 else []
        box += [JaParagraph.plain(ln, st.body_indent) for ln in lines[1 if len(lines) > 1 else 0:]]
        out.append(Table([[box]], colWidths=[frame_width("A4") - 30 * mm], style=[*base_cmds(),
            ("BOX", (0, 0), (-1, -1), 0.8, NAVY), ("BACKGROUND", (0, 0), (-1, -1), PALE),
            ("LEFTPADDING", (0, 0), (-1, -1), 12), ("RIGHTPADDING", (0, 0), (-1, -1), 12),
            ("TOPPADDING", (0, 0), (-1, -1), 10), ("BOTTOMPADDING", (0, 0), (-1, -1), 12)]))
    out += [Spacer(1, 40 * mm), JaParagraph.plain(plan.municipality, st.subtitle), PageBreak()]
    return out


def _contents(plan: PlanView) -> list[Flowable]:
    """The CONTENTS table: one column per group depth, then the numbered measures; a group's
    cell spans its rows, and measures whose branch ends early span the deeper columns."""
    st = styles()
    depth = plan.depth
    head = [JaParagraph.plain(t, st.header_cell) for t in plan.level_labels]
    rows: list[list[Any]] = [head]
    cmds = grid_style()
    area_style = variant(st.cell_bold, "area_cell", textColor=colors.white)
    # set a little tighter than body tables: the seed's contents fit one page (issue 16:
    # three rows were left alone on an otherwise empty page)
    item_style = variant(st.cell, "contents_item", leftIndent=16, firstLineIndent=-16, leading=11.5)
    cmds += [("TOPPADDING", (0, 1), (-1, -1), 2), ("BOTTOMPADDING", (0, 1), (-1, -1), 2.5)]
    runs: list[tuple[tuple[GroupView, ...], list[InitiativeView]]] = []  # initiatives by their own group
    for leaf in leaves(plan):
        if runs and runs[-1][0][-1].id == leaf.groups[-1].id:
            runs[-1][1].append(leaf.initiative)
        else:
            runs.append((leaf.groups, [leaf.initiative]))
    open_at: dict[int, tuple[int, int]] = {}  # column → (group id, its first row)

    def close(column: int, last: int) -> None:
        _gid, first = open_at.pop(column)
        if last > first:
            cmds.append(("SPAN", (column, first), (column, last)))
        cmds.append(("BACKGROUND", (column, first), (column, last), NAVY if column == 0 else PALE))

    for groups, inis in runs:
        r = len(rows)
        for column in sorted(open_at, reverse=True):
            if column >= len(groups) or groups[column].id != open_at[column][0]:
                close(column, r - 1)
        cells: list[Any] = []
        for column, group in enumerate(groups):
            if column in open_at:
                cells.append("")
                continue
            open_at[column] = (group.id, r)
            cells.append(JaParagraph.plain(group.title, area_style if column == 0 else st.cell_bold))
        cells.append([JaParagraph.plain(f"{i.code}　{i.title}", item_style) for i in inis])
        rows.append(cells + [""] * (depth - len(groups)))
        if len(groups) < depth:
            cmds.append(("SPAN", (len(groups), r), (-1, r)))
    for column in sorted(open_at, reverse=True):
        close(column, len(rows) - 1)
    width = frame_width("A4")
    heading = outlined(JaParagraph.plain("目次", st.h1), "目次", 0)
    table: Flowable = Table(rows, colWidths=_contents_widths(depth, width), repeatRows=1, style=cmds)
    _w, height = table.wrap(width, frame_height("A4"))
    _w, heading_height = heading.wrap(width, frame_height("A4"))
    if height > frame_height("A4") - heading_height - heading.getSpaceAfter():
        # More than a page: a group's rows spanned by one cell cannot be split across pages
        # (reportlab refused a large plan's contents), so the same contents without spans.
        table = _long_contents(plan, width, area_style, item_style)
    return [heading, table, PageBreak()]


def _long_contents(plan: PlanView, width: float, area_style: Any, item_style: Any) -> Flowable:
    """The contents of a plan too large for one page: one row per measure, a group's name at
    the top of its rows, no rule inside a group's column until the group ends and none
    between the measures of one group (so it reads as the one-page table does), no cell
    spanning rows — it splits across pages at any row, repeating its header."""
    st = styles()
    depth = plan.depth
    rows = list(leaves(plan))
    ends = group_ends(rows)
    starts = [leaf.starts(rows[n - 1] if n else None) for n, leaf in enumerate(rows)]
    widths = _contents_widths(depth, width)
    # A group's name runs down its rows a line each, in the measures' leading: on one row it
    # made that row as tall as the name, a gap under the group's first measure.
    name_styles = [variant(area_style if k == 0 else st.cell_bold, f"contents_group{min(k, 1)}",
                           leading=item_style.leading) for k in range(depth)]
    begun: list[tuple[int, ...]] = []  # each row: the row where each of its groups begins
    for i, leaf in enumerate(rows):
        above = begun[-1] if begun else ()
        begun.append(tuple(i if k >= starts[i] else above[k] for k in range(len(leaf.groups))))

    broken: dict[tuple[int, int], Sequence[Sequence[Any]]] = {}  # (first row, level) → the name's lines

    def name_part(i: int, k: int) -> str:
        """The line of group ``k``'s name that row ``i`` shows (the last of its rows: the rest)."""
        first = begun[i][k]
        title = rows[i].groups[k].title
        lines = broken.get((first, k))
        if lines is None:  # once per group, not once per row under it
            style = name_styles[k]
            lines = broken[(first, k)] = split_text(title, [widths[k] - 8], style.fontName,
                                                    style.fontSize)  # 4 pt padding each side
        at = i - first
        if at >= len(lines):
            return ""
        last = at == len(lines) - 1 or i + 1 >= len(rows) or starts[i + 1] <= k
        offset = 0
        for _space, line in lines[:at]:
            offset = title.index(line, offset) + len(line)
        return title[offset:].strip() if last else lines[at][1]

    def row(i: int) -> list[Any]:
        leaf = rows[i]
        cells: list[Any] = []
        for k in range(len(leaf.groups)):
            part = name_part(i, k)
            cells.append(JaParagraph.plain(part, name_styles[k]) if part else "")
        cells.append(JaParagraph.plain(f"{leaf.initiative.code}　{leaf.initiative.title}", item_style))
        return cells + [""] * (depth - len(leaf.groups))

    header = [[JaParagraph.plain(t, st.header_cell) for t in plan.level_labels]]
    cmds: list[tuple[Any, ...]] = [
        *base_cmds(),
        ("BOX", (0, 0), (-1, -1), 0.5, GRID),
        ("LINEAFTER", (0, 0), (depth - 1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.5, GRID),
        *tree_fills(depth),
        ("VALIGN", (0, 0), (-1, 0), "MIDDLE"),
        ("VALIGN", (0, 1), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, 0), 3),
        ("BOTTOMPADDING", (0, 0), (-1, 0), 4),
        ("TOPPADDING", (0, 1), (-1, -1), 0),
        ("BOTTOMPADDING", (0, 1), (-1, -1), 0),
    ]

    def row_cmds(i: int, r: int) -> list[tuple[Any, ...]]:
        own = len(rows[i].groups)  # the measure's column
        out: list[tuple[Any, ...]] = []
        if own < depth:  # a branch that ends early: the measure spans the deeper columns
            out += [("SPAN", (own, r), (-1, r)), ("BACKGROUND", (own, r), (-1, r), colors.white)]
        if starts[i] < own:  # the first measure of its group: the padding a cell's top has
            out.append(("TOPPADDING", (0, r), (-1, r), 2))
        if ends[i] < own:  # a group ends below it: a rule from that group's column on
            out += [("BOTTOMPADDING", (0, r), (-1, r), 2.5), ("LINEBELOW", (ends[i], r), (-1, r), 0.5, GRID)]
        return out

    def continued(start: int, cells: Sequence[Any], cut: bool) -> Sequence[Any]:
        return continued_groups(rows[start], starts[start], cells, cut, lambda g: g.title,
                                lambda k: area_style if k == 0 else st.cell_bold)

    return LongTable(header, LazyRows(len(rows), row), widths, cmds, row_cmds,
                     continued=continued)


def _contents_widths(depth: int, width: float) -> list[float]:
    """The group columns of the contents (32 + 42 mm for a two-level plan), then the measures."""
    if depth == 1:
        groups = [32 * mm]
    elif depth == 2:
        groups = [32 * mm, 42 * mm]
    else:
        rest = min(74 * mm + 22 * mm * (depth - 2), 0.6 * width) - 28 * mm
        groups = [28 * mm] + [rest / (depth - 1)] * (depth - 1)
    return [*groups, width - sum(groups)]


def _slogan(group: GroupView) -> list[Flowable]:
    """A group's slogan (its catch phrase, line breaks as written) under its band or heading."""
    lines = [ln.strip() for ln in group.slogan.splitlines() if ln.strip()]
    if not lines:
        return []
    st = styles()
    if group.depth == 1:
        style = variant(st.h2, "slogan", fontSize=15, leading=22, spaceBefore=0, spaceAfter=0, leftIndent=4 * mm)
        return [Spacer(1, 5 * mm), *(JaParagraph.plain(ln, style) for ln in lines), Spacer(1, 2 * mm)]
    style = variant(st.h2, "slogan_sub", fontSize=12, leading=17, spaceBefore=0, spaceAfter=0,
                    leftIndent=(group.depth - 1) * 4 * mm, keepWithNext=1)
    return [*(JaParagraph.plain(ln, style) for ln in lines), Spacer(1, 2 * mm)]


def _area_band(plan: PlanView, top: GroupView) -> list[Flowable]:
    """A top-level group's band, its slogan and the list of its groups and measures."""
    st = styles()
    band_style = variant(st.title, "band", fontSize=18, leading=24, textColor=colors.white, alignment=0)
    band = Table([[JaParagraph.plain(top.title, band_style)]], colWidths=[frame_width("A4")], style=[*base_cmds(),
        ("BACKGROUND", (0, 0), (-1, -1), NAVY), ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 8), ("BOTTOMPADDING", (0, 0), (-1, -1), 10)])
    listing: list[Flowable] = []
    previous: Leaf | None = None
    for leaf in group_leaves(top):
        for group in leaf.groups[max(1, leaf.starts(previous)):]:
            indent = (group.depth - 2) * 12
            style = st.cell_bold if indent == 0 else variant(st.cell_bold, f"li_group{indent}", leftIndent=indent)
            listing.append(JaParagraph.plain(f"○{group.title}", style))
        indent = (len(leaf.groups) - 1) * 12
        style = variant(st.cell, "li" if indent == 12 else f"li{indent}", leftIndent=indent)
        listing.append(JaParagraph.plain(f"{leaf.initiative.code}　{leaf.initiative.title}", style))
        previous = leaf
    # A row per line (no rules), so that a group with more lines than a page holds splits
    # across pages; padded as one box.
    box = Table([[line] for line in listing], colWidths=[frame_width("A4")], style=[*base_cmds(),
        ("BACKGROUND", (0, 0), (-1, -1), PALE), ("LEFTPADDING", (0, 0), (-1, -1), 10),
        ("TOPPADDING", (0, 0), (-1, -1), 0), ("BOTTOMPADDING", (0, 0), (-1, -1), 0),
        ("TOPPADDING", (0, 0), (-1, 0), 6), ("BOTTOMPADDING", (0, -1), (-1, -1), 8)])
    return [outlined(band, top.title, 0), *_slogan(top), Spacer(1, 4 * mm), box, Spacer(1, 6 * mm)]


def _group_heading(group: GroupView) -> list[Flowable]:
    """The heading of a group below the top level (「○title」, deeper ones indented) and its slogan."""
    st = styles()
    if group.depth == 2:
        heading = JaParagraph.plain(f"○{group.title}", st.h3)
    else:
        style = variant(st.h4, f"res_group{group.depth}", textColor=NAVY, spaceBefore=4, spaceAfter=3,
                        leftIndent=(group.depth - 2) * 4 * mm)
        heading = JaParagraph.plain(f"◇{group.title}", style)
    return [outlined(heading, group.title, group.depth - 1), *_slogan(group)]


def _measure(plan: PlanView, ini: InitiativeView, reports: list[ReportView],
             lead: list[Flowable]) -> Flowable:
    """One measure; ``lead`` (a sub-area heading) is kept on the same page as it."""
    st = styles()
    width = frame_width("A4")
    title = JaParagraph.plain(f"{measure_number(plan, ini)} {ini.title}", variant(st.h4, "m", textColor=NAVY))
    head = Table([[title, JaParagraph.plain(department_line(ini), st.cell_right)]],
                 colWidths=[width * 0.68, width * 0.32], style=[*base_cmds(),
                     ("VALIGN", (0, 0), (-1, -1), "BOTTOM"), ("LINEBELOW", (0, 0), (-1, 0), 1.2, NAVY),
                     ("LEFTPADDING", (0, 0), (-1, -1), 0), ("RIGHTPADDING", (0, 0), (-1, -1), 0),
                     ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
    body: list[Flowable] = [*lead, outlined(head, f"{measure_number(plan, ini)} {ini.title}", ini.depth),
                            Spacer(1, 2 * mm)]
    label = Table([[JaParagraph.plain("実施状況", st.label)]], colWidths=[20 * mm], hAlign="LEFT", style=[*base_cmds(),
        ("BACKGROUND", (0, 0), (-1, -1), BAND), ("TOPPADDING", (0, 0), (-1, -1), 1),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 3)])
    body.append(label)
    if not reports:
        body.append(JaParagraph.plain("（報告なし）", st.body))
    several = len(reports) > 1
    for rep in reports:
        text = rep.activities.strip() or "（記載なし）"
        if several:
            text = f"【{rep.department}】{text}"
        body += paragraphs(text, st.body)
    bullets = variant(st.bullet, "res_bullet", leftIndent=22, firstLineIndent=-10)
    head_style = variant(st.cell_bold, "res_head", textColor=NAVY, spaceBefore=3, leftIndent=6)
    for rep in reports:
        for heading, results in grouped_results(rep.results):
            if heading:
                body.append(JaParagraph.plain(f"【{heading}】", head_style))
            body += [JaParagraph(f"・{result_markup(r, st.gothic_bold)}", bullets) for r in results]
    body.append(Spacer(1, 7 * mm))
    return about(KeepTogether(body), f"{plan.initiative_label} {ini.code}「{ini.title}」")


def results_flowables(plan: PlanView, cycle: Cycle) -> list[Flowable]:
    """The whole report as flowables (cover first)."""
    out = _cover(plan, cycle) + _contents(plan)
    for n, top in enumerate(live_groups(plan)):
        if n:
            out.append(PageBreak())
        out += _area_band(plan, top)
        previous: Leaf | None = None
        for leaf in group_leaves(top):
            lead = [f for group in leaf.groups[max(1, leaf.starts(previous)):] for f in _group_heading(group)]
            ini = leaf.initiative
            out.append(_measure(plan, ini, reports_in(ini, cycle, statuses=PRINTED_STATUSES), lead))
            previous = leaf
    return out


def write_results_report(store: Store, opts: ExportOptionsLike, out: Path) -> str:
    """``plandesk export results``: write the report; returns a one-line summary."""
    with store.read() as session:
        plan = select_plan(session, opts, prefer_reports=True)
    cycle = select_cycle(plan, opts)
    inis = list(printed_initiatives(plan))
    printed = sum(1 for i in inis if reports_in(i, cycle, statuses=PRINTED_STATUSES))
    drafts = sum(1 for i in inis for r in reports_in(i, cycle) if r.status not in PRINTED_STATUSES)
    if not printed:
        raise UserError(
            f"計画「{plan.name}」には{cycle.label}の提出済・確認済の報告がありません。",
            hint=f"--fy で報告のある年度を指定するか、報告を提出・確認してください（下書き {drafts} 件）。",
        )
    info = DocInfo(TITLE, plan.name, plan.municipality, cycle.label,
                   subject=f"{plan.name} {format_fy(cycle.fy)} 実績報告")
    pages = write_pdf(out, info, results_flowables(plan, cycle), cover=True)
    note = f"、下書き {drafts} 件は載せていません" if drafts else ""
    return (f"実績報告書を書き出しました：{out}（{plan.name}、{cycle.label}、"
            f"{plan.initiative_label} {len(inis)} 件中 {printed} 件に報告、{pages} ページ{note}）")
