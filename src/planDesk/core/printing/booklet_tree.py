"""The 体系図 (structure chart) of the booklet: vision → groups of every depth → initiatives.

A banner with the 基本理念, then a table under the plan's own level labels: one column per
group depth, then the initiatives. A group is written once, at the top of its rows, and its
column has no rule until the group ends, so the table reads like the seed's tree. An
initiative whose branch ends early (it sits under a group above the deepest level) spans
the remaining group columns. No cell spans rows, so the table splits across pages at any
row (a 10,000-initiative plan too). Initiatives carry their 【重点】 and 【R5新規】 marks.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from planDesk.core.domain.fiscal import format_fy_short
from planDesk.core.plan.view import GroupView, InitiativeView, PlanView
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LazyRows, LongTable
from planDesk.core.printing.styles import BAND, GRID, NAVY, NEW, PALE, PRIORITY, RULE, base_cmds, styles, variant
from planDesk.core.printing.tree import Leaf, group_ends, leaves


def marks_markup(ini: InitiativeView) -> str:
    """``【重点】`` and ``【R5新規】`` as coloured paragraph markup ("" when neither)."""
    out = []
    if ini.priority:
        out.append(f'<font color="#{PRIORITY.hexval()[2:]}">【重点】</font>')
    if ini.new_in_fy is not None:
        out.append(f'<font color="#{NEW.hexval()[2:]}">【{format_fy_short(ini.new_in_fy)}新規】</font>')
    return "".join(out)


def marks_text(ini: InitiativeView) -> str:
    """The same marks as plain text."""
    out = "【重点】" if ini.priority else ""
    if ini.new_in_fy is not None:
        out += f"【{format_fy_short(ini.new_in_fy)}新規】"
    return out


def vision_banner(plan: PlanView, width: float) -> list[Flowable]:
    if not plan.vision.strip():
        return []
    st = styles()
    label = variant(st.label, "vision_label", textColor=colors.white)
    text = variant(st.h2, "vision_text", alignment=1, spaceBefore=0, spaceAfter=0)
    return [Table([[JaParagraph.plain("基本理念", label), JaParagraph.plain(plan.vision, text)]],
                  colWidths=[24 * mm, width - 24 * mm], style=[
                      *base_cmds(), ("BACKGROUND", (0, 0), (0, 0), NAVY), ("BOX", (0, 0), (-1, -1), 1, NAVY),
                      ("BACKGROUND", (1, 0), (1, 0), PALE), ("VALIGN", (0, 0), (-1, -1), "MIDDLE"),
                      ("TOPPADDING", (0, 0), (-1, -1), 7), ("BOTTOMPADDING", (0, 0), (-1, -1), 9)]),
            Spacer(1, 4 * mm)]


def tree_widths(depth: int, width: float) -> list[float]:
    """Column widths of the tree: the group depths share what the initiatives leave (a
    two-level plan: 27 % + 27 % + 46 %, as the seed prints it)."""
    ini_share = {1: 0.6, 2: 0.46}.get(depth, max(0.3, 0.46 - 0.05 * (depth - 2)))
    return [(1 - ini_share) / depth * width] * depth + [ini_share * width]


def structure_table(plan: PlanView, width: float) -> list[Flowable]:
    """The banner and the tree table: one column per group depth, then the initiatives."""
    st = styles()
    top_style = variant(st.cell_bold, "tree_policy", textColor=colors.white)
    group_style = variant(st.cell_bold, "tree_item", fontSize=8.5, leading=11.5)
    ini_style = variant(st.cell, "tree_ini", fontSize=8.5, leading=11.5, leftIndent=8, firstLineIndent=-8)
    depth = plan.depth
    rows = list(leaves(plan))
    ends = group_ends(rows)
    starts = [leaf.starts(rows[n - 1] if n else None) for n, leaf in enumerate(rows)]

    def group_text(group: GroupView) -> str:
        return f"{group.code} {group.title}" if group.depth == 1 else f"{group.number}. {group.title}"

    def row(i: int) -> list[Any]:
        leaf = rows[i]
        ini = leaf.initiative
        cells: list[Any] = [JaParagraph.plain(group_text(g), top_style if k == 0 else group_style)
                            if k >= starts[i] else "" for k, g in enumerate(leaf.groups)]
        cells.append(JaParagraph(f"{escape(ini.code)}　{escape(ini.title)}{marks_markup(ini)}", ini_style))
        return cells + [""] * (depth - len(leaf.groups))  # a branch that ends early: spanned

    body = LazyRows(len(rows), row)
    header = [[JaParagraph.plain(label, st.header_cell) for label in plan.level_labels]]
    cmds: list[tuple[Any, ...]] = [
        *base_cmds(),
        ("BOX", (0, 0), (-1, -1), 0.8, GRID),
        ("LINEAFTER", (0, 0), (depth - 1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GRID),
        *tree_fills(depth),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # tight enough that the sample's 34 initiatives fit one page, as in the seed (issue 16)
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]

    def row_cmds(i: int, r: int) -> list[tuple[Any, ...]]:
        own = len(rows[i].groups)  # the initiative's column
        out: list[tuple[Any, ...]] = []
        if own < depth:  # its cell spans the deeper groups' columns
            out += [("SPAN", (own, r), (-1, r)), ("BACKGROUND", (own, r), (-1, r), colors.white)]
        end = ends[i]
        if end == 0:
            out.append(("LINEBELOW", (0, r), (-1, r), 0.8, GRID))
        elif end < own:
            out.append(("LINEBELOW", (end, r), (-1, r), 0.5, GRID))
        else:
            out.append(("LINEBELOW", (own, r), (-1, r), 0.4, RULE))
        return out

    def continued(start: int, row: Sequence[Any], cut: bool) -> Sequence[Any]:
        """A page that goes on inside groups names them again at its top (「…（続き）」)."""
        return continued_groups(rows[start], starts[start], row, cut, group_text,
                                lambda k: top_style if k == 0 else group_style)

    table = LongTable(header, body, tree_widths(depth, width), cmds, row_cmds, continued=continued)
    return [*vision_banner(plan, width), table]


def tree_fills(depth: int) -> list[tuple[Any, ...]]:
    """The colours of a tree table (header band; the top level navy, deeper groups pale)."""
    return [("BACKGROUND", (0, 0), (-1, 0), BAND), ("BACKGROUND", (0, 1), (0, -1), NAVY),
            *([("BACKGROUND", (1, 1), (depth - 1, -1), PALE)] if depth > 1 else [])]


def continued_groups(leaf: Leaf, first_new: int, row: Sequence[Any], cut: bool, text: Callable[[GroupView], str],
                     style: Callable[[int], Any]) -> list[Any]:
    """``row`` (the first on a continued page) with the names of the groups it goes on in —
    those begun above (``first_new``: the first group that begins at this row), or all of
    them when the row itself was cut — followed by 「（続き）」."""
    out = list(row)
    for k, group in enumerate(leaf.groups[:len(leaf.groups) if cut else first_new]):
        out[k] = JaParagraph.plain(f"{text(group)}（続き）", style(k))
    return out
