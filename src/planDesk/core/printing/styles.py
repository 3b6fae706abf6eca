"""Type, colours and table rules shared by every printout.

City-hall documents set running text in a Mincho face and headings, labels and tables in a
Gothic face; we do the same with the bundled BIZ UD fonts. Colours are few and muted so
the pages also read well when printed in black and white.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from reportlab.lib import colors
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.styles import ParagraphStyle

from planDesk.core.fonts import register_fonts

INK = colors.HexColor("#1A1A1A")
NAVY = colors.HexColor("#1F3A5F")
BAND = colors.HexColor("#D9E2EC")  # label cells, table headers
PALE = colors.HexColor("#F1F4F8")  # light fills
GRID = colors.HexColor("#7A7A7A")
RULE = colors.HexColor("#B0B8C4")
PRIORITY = colors.HexColor("#B3261E")  # 重点
NEW = colors.HexColor("#1E6B3A")  # 新規
BAR = colors.HexColor("#4A6FA5")  # roadmap bars
MUTED = colors.HexColor("#5F6B7A")


@dataclass(frozen=True)
class Styles:
    gothic: str
    gothic_bold: str
    mincho: str
    body: ParagraphStyle  # running text (Mincho)
    body_indent: ParagraphStyle  # running text, first line indented one character
    bullet: ParagraphStyle  # "・…" lines with a hanging indent
    cell: ParagraphStyle  # table cell text (Gothic)
    cell_small: ParagraphStyle
    cell_center: ParagraphStyle
    cell_right: ParagraphStyle
    cell_bold: ParagraphStyle
    label: ParagraphStyle  # label cells (概要, 目標 …)
    header_cell: ParagraphStyle  # table header row
    title: ParagraphStyle  # cover title
    subtitle: ParagraphStyle
    h1: ParagraphStyle  # section title (１．策定の目的)
    h2: ParagraphStyle  # a top-level group (area)
    h3: ParagraphStyle  # a group below it
    h4: ParagraphStyle  # initiative / measure heading
    small: ParagraphStyle
    small_right: ParagraphStyle


def _style(name: str, font: str, size: float, leading: float, **kw: object) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading, wordWrap="CJK",
                          textColor=kw.pop("textColor", INK), **kw)


@cache
def styles() -> Styles:
    """The shared styles (fonts are registered on first use)."""
    gothic, bold, mincho = register_fonts()
    return Styles(
        gothic=gothic,
        gothic_bold=bold,
        mincho=mincho,
        body=_style("body", mincho, 10, 17),
        body_indent=_style("body_indent", mincho, 10, 17, firstLineIndent=10),
        bullet=_style("bullet", mincho, 10, 16, leftIndent=10, firstLineIndent=-10),
        cell=_style("cell", gothic, 9, 13),
        cell_small=_style("cell_small", gothic, 8, 11),
        cell_center=_style("cell_center", gothic, 9, 12, alignment=TA_CENTER),
        cell_right=_style("cell_right", gothic, 9, 12, alignment=TA_RIGHT),
        cell_bold=_style("cell_bold", bold, 9, 13),
        label=_style("label", bold, 9, 12, alignment=TA_CENTER, textColor=NAVY),
        header_cell=_style("header_cell", bold, 9, 12, alignment=TA_CENTER, textColor=NAVY),
        title=_style("title", bold, 24, 34, alignment=TA_CENTER, textColor=NAVY),
        subtitle=_style("subtitle", gothic, 14, 22, alignment=TA_CENTER),
        h1=_style("h1", bold, 15, 22, spaceBefore=4, spaceAfter=10, textColor=NAVY, keepWithNext=1),
        h2=_style("h2", bold, 13, 18, spaceBefore=6, spaceAfter=6, textColor=NAVY, keepWithNext=1),
        h3=_style("h3", bold, 11, 16, spaceBefore=6, spaceAfter=4, textColor=NAVY, keepWithNext=1),
        h4=_style("h4", bold, 11, 15, keepWithNext=1),
        small=_style("small", gothic, 8, 11, textColor=MUTED, alignment=TA_LEFT),
        small_right=_style("small_right", gothic, 8, 11, textColor=MUTED, alignment=TA_RIGHT),
    )


_variants: dict[str, ParagraphStyle] = {}


def variant(base: ParagraphStyle, name: str, **changes: object) -> ParagraphStyle:
    """A named variant of a style, made once (a printout asks for it per block; cloning
    each time would also defeat the paragraph cache, which is per style)."""
    got = _variants.get(name)
    if got is None:
        got = _variants[name] = base.clone(name, **changes)
    return got


def base_cmds() -> list[tuple[object, ...]]:
    """Start every table with these: reportlab sets Helvetica (not embedded) for empty or
    plain-string cells otherwise."""
    return [("FONTNAME", (0, 0), (-1, -1), styles().gothic), ("FONTSIZE", (0, 0), (-1, -1), 9)]


def grid_style(header_rows: int = 1) -> list[tuple[object, ...]]:
    """Table rules: a thin grid, a tinted header row, text at the top of cells."""
    cmds: list[tuple[object, ...]] = [
        *base_cmds(),
        ("GRID", (0, 0), (-1, -1), 0.5, GRID),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LEFTPADDING", (0, 0), (-1, -1), 4),
        ("RIGHTPADDING", (0, 0), (-1, -1), 4),
        ("TOPPADDING", (0, 0), (-1, -1), 3),
        ("BOTTOMPADDING", (0, 0), (-1, -1), 4),
    ]
    if header_rows:
        cmds += [
            ("BACKGROUND", (0, 0), (-1, header_rows - 1), BAND),
            ("VALIGN", (0, 0), (-1, header_rows - 1), "MIDDLE"),
        ]
    return cmds
