"""Text measurement from the bundled fonts' own advance widths (no Qt, no reportlab canvas).

Screen, PNG and PDF all lay the chart out with this measurer, so the three outputs
share one layout to the point. It reads the advance widths of BIZ UDPGothic from the
font file (core.roadmap.fontfile) and sums them per character: about 1 µs for a label,
where asking Qt takes 8 µs — it matters with 30,000 steps. The fonts have no kerning for
Japanese, so the sum equals what Qt and reportlab draw.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from planDesk.core import fonts as pdf_fonts
from planDesk.core.roadmap.fontfile import FontAdvances, FontFile
from planDesk.core.roadmap.style import BOLD, style

LINE_SPACING = 1.25  # line height / font size


@dataclass(frozen=True, slots=True)
class FontMetrics:
    widths: FontAdvances  # character → advance per 1 pt of font size
    ascent: float  # per 1 pt, positive
    descent: float  # per 1 pt, negative


@cache
def font_metrics(font: str) -> FontMetrics:
    """Metrics of a style font role ("gothic" / "gothic-bold")."""
    name = pdf_fonts.GOTHIC_BOLD if font == BOLD else pdf_fonts.GOTHIC
    ff = FontFile(pdf_fonts.font_file(name))
    return FontMetrics(ff.widths, ff.ascent, ff.descent)


class FontMeasurer:
    """The ``TextMeasurer`` of every real output (see module doc). Widths are remembered
    per style, so laying the same plan out again (zoom, collapse, filter) measures nothing."""

    def __init__(self) -> None:
        self._styles: dict[str, tuple[FontAdvances, float, dict[str, float]]] = {}

    def _get(self, style_name: str) -> tuple[FontAdvances, float, dict[str, float]]:
        got = self._styles.get(style_name)
        if got is None:
            st = style(style_name)
            got = (font_metrics(st.font).widths, st.size, {})
            self._styles[style_name] = got
        return got

    def width(self, text: str, style: str) -> float:
        advances, size, memo = self._get(style)
        w = memo.get(text)
        if w is None:
            w = memo[text] = sum(map(advances.__getitem__, text)) * size
        return w

    def line_height(self, style: str) -> float:
        return self._get(style)[1] * LINE_SPACING

    def ascent_descent(self, style_name: str) -> tuple[float, float]:
        st = style(style_name)
        fm = font_metrics(st.font)
        return fm.ascent * st.size, fm.descent * st.size
