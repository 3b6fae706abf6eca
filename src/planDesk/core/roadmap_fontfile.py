"""The advance widths of a TrueType font, read straight from its tables (cmap, hmtx).

The roadmap measures every label with the font's own advances (core.roadmap_measure).
reportlab's parser reads the whole font (glyph names, subsetting data) and takes a
quarter of a second per file on an office PC; the view needs only the widths, so this
reads the tables it needs and looks a character up (binary search in the cmap) the first
time it is measured: a few milliseconds.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Callable
from pathlib import Path


class FontAdvances(dict[str, float]):
    """Character → advance in em, filled in as characters are first asked for."""

    def __init__(self, lookup: Callable[[int], float]) -> None:
        super().__init__()
        self._lookup = lookup

    def __missing__(self, ch: str) -> float:
        w = self[ch] = self._lookup(ord(ch))
        return w


class FontFile:
    """Widths, ascent and descent (in em) of one TrueType font file."""

    def __init__(self, path: str | Path) -> None:
        data = Path(path).read_bytes()
        tables = {}
        for i in range(struct.unpack_from(">H", data, 4)[0]):
            tag, _, offset, _length = struct.unpack_from(">4sIII", data, 12 + 16 * i)
            tables[tag.decode("latin-1")] = offset
        self._upem: int = struct.unpack_from(">H", data, tables["head"] + 18)[0]
        ascent, descent = struct.unpack_from(">hh", data, tables["hhea"] + 4)
        self.ascent = ascent / self._upem
        self.descent = descent / self._upem
        n = struct.unpack_from(">H", data, tables["hhea"] + 34)[0]
        self._advances: tuple[int, ...] = struct.unpack_from(f">{2 * n}H", data, tables["hmtx"])[0::2]
        self._glyph = _cmap(data, tables["cmap"])
        self.default = self.advance(0)
        self.widths = FontAdvances(lambda code: self.advance(self._glyph(code)))

    def advance(self, glyph: int) -> float:
        adv = self._advances
        return float(adv[glyph] if glyph < len(adv) else adv[-1]) / self._upem


def _cmap(data: bytes, offset: int) -> Callable[[int], int]:
    """A lookup character code → glyph index (0: missing) from the Unicode subtable."""
    count = struct.unpack_from(">H", data, offset + 2)[0]
    subtables = {}
    for i in range(count):
        pid, eid, sub = struct.unpack_from(">HHI", data, offset + 4 + 8 * i)
        subtables[(pid, eid)] = offset + sub
    for key in ((3, 10), (0, 4), (3, 1), (0, 3)):
        if key in subtables:
            at = subtables[key]
            fmt = struct.unpack_from(">H", data, at)[0]
            if fmt == 12:
                return _format12(data, at)
            if fmt == 4:
                return _format4(data, at)
    raise ValueError("no Unicode cmap in font")


def _format12(data: bytes, at: int) -> Callable[[int], int]:
    groups = struct.unpack_from(">I", data, at + 12)[0]
    flat = struct.unpack_from(f">{3 * groups}I", data, at + 16)
    firsts, lasts, glyphs = flat[0::3], flat[1::3], flat[2::3]

    def glyph(code: int) -> int:
        i = bisect_right(firsts, code) - 1
        return glyphs[i] + code - firsts[i] if i >= 0 and code <= lasts[i] else 0

    return glyph


def _format4(data: bytes, at: int) -> Callable[[int], int]:
    segs = struct.unpack_from(">H", data, at + 6)[0] // 2
    ends = struct.unpack_from(f">{segs}H", data, at + 14)
    starts = struct.unpack_from(f">{segs}H", data, at + 16 + 2 * segs)
    deltas = struct.unpack_from(f">{segs}h", data, at + 16 + 4 * segs)
    ro_at = at + 16 + 6 * segs
    range_offsets = struct.unpack_from(f">{segs}H", data, ro_at)

    def glyph(code: int) -> int:
        i = bisect_right(ends, code - 1)  # the first segment whose end ≥ code
        if i >= segs or code < starts[i] or code == 0xFFFF:
            return 0
        if range_offsets[i] == 0:
            return int(code + deltas[i]) & 0xFFFF
        g: int = struct.unpack_from(">H", data, ro_at + 2 * i + range_offsets[i] + 2 * (code - starts[i]))[0]
        return (g + deltas[i]) & 0xFFFF if g else 0

    return glyph
