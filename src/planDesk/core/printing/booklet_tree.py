"""The 体系図 (structure chart) of the booklet: vision → policies → items → initiatives.

A banner with the 基本理念, then a three-column table under the plan's own level labels.
A policy or promotion item is written once, at the top of its group, and its column has
no rule until the group ends, so the table reads like the seed's tree; there are no
spanned cells, so it splits across pages at any row (a 10,000-initiative plan too).
Initiatives carry their 【重点】 and 【R5新規】 marks.
"""

from __future__ import annotations

from typing import Any
from xml.sax.saxutils import escape

from reportlab.lib import colors
from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer, Table

from planDesk.core.domain.fiscal import format_fy_short
from planDesk.core.plan.view import InitiativeView, PlanView
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.long_table import LazyRows, LongTable
from planDesk.core.printing.styles import BAND, GRID, NAVY, NEW, PALE, PRIORITY, RULE, base_cmds, styles, variant


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


def structure_table(plan: PlanView, width: float) -> list[Flowable]:
    """The banner and the tree table."""
    st = styles()
    pol_style = variant(st.cell_bold, "tree_policy", textColor=colors.white)
    item_style = variant(st.cell_bold, "tree_item", fontSize=8.5, leading=11.5)
    ini_style = variant(st.cell, "tree_ini", fontSize=8.5, leading=11.5, leftIndent=8, firstLineIndent=-8)
    texts: list[tuple[str | None, str | None, str]] = []  # per row: policy, item, initiative (markup)
    ends: list[tuple[bool, bool]] = []  # per row: last of its item, last of its policy
    for pol in plan.policies:
        if pol.retired:
            continue
        items = [(it, [i for i in it.initiatives if not i.retired]) for it in pol.items if not it.retired]
        items = [(it, inis) for it, inis in items if inis]
        for n_item, (item, inis) in enumerate(items):
            for n_ini, ini in enumerate(inis):
                first_of_pol = n_item == 0 and n_ini == 0
                texts.append((f"{pol.code} {pol.title}" if first_of_pol else None,
                              f"{item.number}. {item.title}" if n_ini == 0 else None,
                              f"{escape(ini.code)}　{escape(ini.title)}{marks_markup(ini)}"))
                ends.append((n_ini == len(inis) - 1, n_ini == len(inis) - 1 and n_item == len(items) - 1))

    def row(i: int) -> list[Any]:
        pol_text, item_text, ini_markup = texts[i]
        return [JaParagraph.plain(pol_text, pol_style) if pol_text is not None else "",
                JaParagraph.plain(item_text, item_style) if item_text is not None else "",
                JaParagraph(ini_markup, ini_style)]

    body = LazyRows(len(texts), row)
    header = [[JaParagraph.plain(label, st.header_cell) for label in plan.level_labels]]
    cmds: list[tuple[Any, ...]] = [
        *base_cmds(),
        ("BOX", (0, 0), (-1, -1), 0.8, GRID),
        ("LINEAFTER", (0, 0), (1, -1), 0.5, GRID),
        ("LINEBELOW", (0, 0), (-1, 0), 0.8, GRID),
        ("BACKGROUND", (0, 0), (-1, 0), BAND),
        ("BACKGROUND", (0, 1), (0, -1), NAVY),
        ("BACKGROUND", (1, 1), (1, -1), PALE),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        # tight enough that the sample's 34 initiatives fit one page, as in the seed (issue 16)
        ("TOPPADDING", (0, 0), (-1, -1), 1.5),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 2.5),
    ]

    def row_cmds(i: int, r: int) -> list[tuple[Any, ...]]:
        end_item, end_pol = ends[i]
        if end_pol:
            return [("LINEBELOW", (0, r), (-1, r), 0.8, GRID)]
        if end_item:
            return [("LINEBELOW", (1, r), (-1, r), 0.5, GRID)]
        return [("LINEBELOW", (2, r), (2, r), 0.4, RULE)]

    table = LongTable(header, body, [0.27 * width, 0.27 * width, 0.46 * width], cmds, row_cmds)
    return [*vision_banner(plan, width), table]
