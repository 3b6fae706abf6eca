"""A direct painter for plain paragraphs: the same PDF operators reportlab writes, without
its per-paragraph canvas bookkeeping.

Drawing a paragraph in reportlab (``Flowable.drawOn`` → ``Paragraph.drawPara``) saves the
canvas state twice (a copy of two dozen attributes each time), translates, sets the fill
colour through the colour machinery, makes a text object, sets its font and then formats
each line (``PDFTextObject._formatText``: the TrueType subset split and escaping). All but
the last step only build a few fixed strings, and every state change is undone by the
``Q`` that closes the paragraph. For the common paragraph — one run of text in one
TrueType font, left, centred or right aligned, no bullet, border, background, underline or
link — ``paint_plain`` appends the same strings to the canvas's page stream directly: the
content stream is byte for byte the one reportlab would write (each line is formatted by
``core.roadmap.pdf_text.format_line``: fonts are still subset through the font's own state
and named by ``getSubsetInternalName``).

Anything else returns ``False`` and the caller draws the paragraph the ordinary way.
"""

from __future__ import annotations

from typing import Any

from reportlab.lib.colors import CMYKColor, Color
from reportlab.lib.enums import TA_CENTER, TA_LEFT, TA_RIGHT
from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.rl_config import paraFontSizeHeightOffset

from planDesk.core.roadmap.pdf_text import font_op, format_line

# how far a line moves right of the paragraph's left edge, per unit of its spare width
_ALIGN_SHARE = {TA_LEFT: 0.0, TA_CENTER: 0.5, TA_RIGHT: 1.0}
_colour_ops: dict[tuple[float, float, float], str] = {}


def _colour_op(colour: Any) -> str | None:
    """``r g b rg`` as the canvas writes it for ``colour`` (None: not a plain RGB colour)."""
    if not isinstance(colour, Color) or isinstance(colour, CMYKColor):
        return None
    rgb = (colour.red, colour.green, colour.blue)
    op = _colour_ops.get(rgb)
    if op is None:
        op = _colour_ops[rgb] = f"{fp_str(rgb)} rg"
    return op


def _move(code: list[str], dx: float) -> None:
    """``PDFTextObject.moveCursor(dx, 0)``: a ``Td``, merged into a ``Td`` just before it."""
    dy: float = 0
    last = code[-1]
    if last.endswith(" Td"):
        parts = last.split()
        if len(parts) == 3:
            del code[-1]
        else:
            code[-1] = "".join(parts[:-4])
        dx += float(parts[-3])
        dy -= float(parts[-2])
    code.append(f"{fp_str(dx, -dy)} Td")


def paint_plain(par: Any, canvas: Any, x: float, y: float, sw: float = 0) -> bool:
    """Draw ``par`` (a wrapped paragraph) at ``x, y`` as ``par.drawOn(canvas, x, y, sw)``
    would, if it is a plain one-run paragraph; returns False (nothing drawn) otherwise."""
    bl = par.__dict__.get("blPara")
    style = par.style
    if (bl is None or bl.kind != 0 or par.bulletText or par.debug
            or getattr(par, "_offsets", None) is not None or getattr(par, "_showBoundary", False)
            or style.backColor or (style.borderColor and style.borderWidth)
            or getattr(bl, "us_lines", None) or getattr(bl, "link", None)
            or getattr(par, "autoLeading", getattr(style, "autoLeading", "")) in ("max", "min")
            or not canvas.bottomup or getattr(canvas, "_enforceColorSpace", None)):
        return False
    share = _ALIGN_SHARE.get(style.alignment)
    colour = bl.textColor
    colour_op = _colour_op(colour)
    font = getFont(bl.fontName)
    if share is None or colour_op is None or not font._dynamicFont or getattr(font, "shapable", False):
        return False
    alpha = getattr(colour, "alpha", None)
    if alpha is not None:
        if alpha != canvas._extgstate.getValue("ca"):
            return False  # the ordinary way writes a /gs for it
        if not canvas.__dict__.get("_pd_alpha"):
            canvas._doc.ensureMinPdfVersion("transparency")  # as setFillAlpha does
            canvas._pd_alpha = True
    lines = bl.lines
    if sw:
        x = par._hAlignAdjust(x, sw)
    shared = par.__dict__.get("_pd_shared", False)
    if shared:  # a paragraph of many tables (JaParagraph.shared): its operators once per canvas
        kept = canvas.__dict__.setdefault("_pd_painted", {}).get(id(par))
        if kept is not None and kept[1] is bl:
            canvas._code.extend(("q", f"1 0 0 1 {fp_str(x, y)} cm", "q", colour_op, kept[2], "Q", "Q"))
            return True
    if not lines:  # nothing to write but the paragraph's own q … Q
        canvas._code.extend(("q", f"1 0 0 1 {fp_str(x, y)} cm", "Q"))
        return True
    for extra, words in lines:
        if len(words) != 1 or not isinstance(words[0], str) or (extra <= -1e-8 and "\xa0" in words[0]):
            return False  # word spacing or several words: reportlab's way
    tmpl = font_op(bl.fontSize, style.leading)
    cur_y = par.height - (bl.fontSize if paraFontSizeHeightOffset else getattr(bl, "ascent", bl.fontSize))
    code = ["BT", f"1 0 0 1 {fp_str(style.leftIndent, cur_y)} Tm"]
    subset_now = -1
    offset = style.firstLineIndent
    for extra, words in lines:
        m = offset + share * extra if share else offset
        if m > 1e-6 or m < -1e-6:
            _move(code, m)
        line, subset_now = format_line(canvas, font, words[0], tmpl, subset_now)
        code.append(line)
        if m > 1e-6 or m < -1e-6:
            _move(code, -m)
        offset = 0
    code.append("ET")
    text = " ".join(code)
    if shared:  # (its lines' operators depend on its lines and the subsets' codes, assigned once)
        canvas._pd_painted[id(par)] = (par, bl, text)  # (the paragraph held: its id is not reused)
    canvas._code.extend(("q", f"1 0 0 1 {fp_str(x, y)} cm", "q", colour_op, text, "Q", "Q"))
    return True
