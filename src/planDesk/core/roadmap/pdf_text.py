"""Text written straight into a reportlab page stream: the operators reportlab's text
object writes for a line of TrueType text, without making a text object per string.

``canvas.drawString`` makes a text object, measures the string (and throws the width away),
formats it (``PDFTextObject._formatText``: the font subset runs, escaping) and joins the
pieces; the roadmap draws thousands of short labels that way and the printouts tens of
thousands of paragraph lines. ``format_line`` is that formatting (fonts are still subset
through the font's own state and named by ``getSubsetInternalName``) and ``paint_string``
is ``drawString`` for a plain TrueType string: the same bytes in the content stream.
"""

from __future__ import annotations

from itertools import groupby
from typing import Any

from reportlab.lib.rl_accel import fp_str
from reportlab.pdfbase.pdfmetrics import getFont

_font_ops: dict[tuple[float, float], str] = {}


def split_subsets(font: Any, text: str, doc: Any) -> list[tuple[int, bytes]]:
    """``font.splitString(text, doc)`` — the same runs of (subset, codes) — without its
    per-character loop when every character already has its code in this document
    (new characters, no-break spaces and characters the font lacks go the ordinary way)."""
    state = font.state.get(doc)
    if state is None:
        return font.splitString(text, doc)  # type: ignore[no-any-return]
    assignments = state.assignments
    try:
        codes = [assignments[c] for c in map(ord, text)]
    except KeyError:
        return font.splitString(text, doc)  # type: ignore[no-any-return]
    if not codes:
        return []
    low, high = min(codes) >> 8, max(codes) >> 8
    if low == high:
        base = low << 8
        return [(low, bytes([n - base for n in codes]) if base else bytes(codes))]
    return [(k, bytes([n & 0xFF for n in run])) for k, run in groupby(codes, key=lambda n: n >> 8)]


def font_op(size: float, leading: float) -> str:
    """``size Tf leading TL`` as the text object writes it after a subset's name."""
    op = _font_ops.get((size, leading))
    if op is None:
        op = _font_ops[size, leading] = f"{fp_str(size)} Tf {fp_str(leading)} TL"
    return op


_SHORT = 12  # strings up to this long are remembered per document (labels, names, years repeat)
_KEEP = 20_000  # short strings remembered per font at most (a few MB)


class _FontInDoc:
    """What one document remembers of one font: its subsets' PDF names, and the subset runs
    of short strings already written (a character's code never changes once assigned)."""

    __slots__ = ("names", "runs")

    def __init__(self) -> None:
        self.names: dict[int, str] = {}
        self.runs: dict[str, tuple[tuple[int, str], ...]] = {}  # (tuples: not tracked by the GC)


def _font_in_doc(canvas: Any, font: Any) -> _FontInDoc:
    fonts: dict[int, _FontInDoc] = canvas.__dict__.setdefault("_pd_fonts", {})
    got = fonts.get(id(font))
    if got is None:
        got = fonts[id(font)] = _FontInDoc()
    return got


def format_line(canvas: Any, font: Any, text: str, tmpl: str, subset_now: int) -> tuple[str, int]:
    """``PDFTextObject._formatText(text) + " T*"`` for a TrueType ``font`` whose current
    subset is ``subset_now`` (-1 right after the font is set); returns the operators and the
    subset current after them. ``tmpl`` is ``font_op(size, leading)``."""
    doc = canvas._doc
    known = _font_in_doc(canvas, font)
    runs = known.runs.get(text) if len(text) <= _SHORT else None
    if runs is None:
        escape = canvas._escape
        runs = tuple([(subset, f"({escape(chunk)}) Tj") for subset, chunk in split_subsets(font, text, doc)])
        if len(text) <= _SHORT:
            if len(known.runs) >= _KEEP:
                known.runs.clear()
            known.runs[text] = runs
    names = known.names
    out = []
    for subset, shown in runs:
        if subset != subset_now:
            name = names.get(subset)
            if name is None:
                name = names[subset] = font.getSubsetInternalName(subset, doc)
            out.append(f"{name} {tmpl}")
            subset_now = subset
        out.append(shown)
    out.append("T*")
    return (" ".join(out) if len(out) > 1 else " T*"), subset_now


def paint_string(canvas: Any, x: float, y: float, text: str) -> bool:
    """``canvas.drawString(x, y, text)`` in the canvas's current TrueType font, written
    directly; False (nothing written) when the font or canvas needs reportlab's own way."""
    font = getFont(canvas._fontname)
    if (not font._dynamicFont or getattr(font, "shapable", False) or not canvas.bottomup
            or not isinstance(text, str)):
        return False
    line, _ = format_line(canvas, font, text, font_op(canvas._fontsize, canvas._leading), -1)
    canvas._code.append(f"BT 1 0 0 1 {fp_str(x, y)} Tm {line} ET")
    return True
