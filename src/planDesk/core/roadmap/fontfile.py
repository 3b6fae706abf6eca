"""The advance widths of a TrueType font: read with fontTools, kept as a small table.

The roadmap measures every label with the font's own advances (core.roadmap.measure).
fontTools reads them (cmap, hmtx, hhea, head); decoding a Japanese font's cmap takes it a
few hundred milliseconds, too long for the first paint of the 工程表, so the widths of each
bundled font are kept beside it as runs of equal advance (``*.advances.json``, a few KB,
made by ``python -m planDesk.core.roadmap.fontfile`` and checked against fontTools by
tests/core/roadmap/test_fontfile.py). A font without such a table is read with fontTools
directly.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

TABLE_SUFFIX = ".advances.json"


class FontAdvances(dict[str, float]):
    """Character → advance in em, filled in as characters are first asked for."""

    def __init__(self, lookup: Callable[[int], float]) -> None:
        super().__init__()
        self._lookup = lookup

    def __missing__(self, ch: str) -> float:
        w = self[ch] = self._lookup(ord(ch))
        return w


def read_advances(path: str | Path) -> dict[str, Any]:
    """The font's metrics with fontTools: units per em, ascent, descent, the advance of a
    missing character and runs [first code, last code, advance] of equal advance (font units)."""
    from fontTools.ttLib import TTFont

    with TTFont(str(path), lazy=True) as font:
        upem = font["head"].unitsPerEm
        hhea = font["hhea"]
        metrics = font["hmtx"].metrics  # glyph name → (advance, left side bearing)
        notdef = metrics[font.getGlyphOrder()[0]][0]
        cmap = font["cmap"].getBestCmap()  # code point → glyph name
    runs: list[list[int]] = []
    for code in sorted(cmap):
        adv = metrics[cmap[code]][0]
        if runs and runs[-1][1] == code - 1 and runs[-1][2] == adv:
            runs[-1][1] = code
        else:
            runs.append([code, code, adv])
    return {"size": Path(path).stat().st_size, "units_per_em": upem, "ascent": hhea.ascent,
            "descent": hhea.descent, "notdef": notdef, "runs": runs}


def _table(path: Path) -> dict[str, Any]:
    table = path.with_name(path.stem + TABLE_SUFFIX)
    if table.is_file():
        data: dict[str, Any] = json.loads(table.read_text(encoding="utf-8"))
        if data.get("size") == path.stat().st_size:
            return data
    return read_advances(path)


class FontFile:
    """Widths, ascent and descent (in em) of one TrueType font file."""

    def __init__(self, path: str | Path) -> None:
        data = _table(Path(path))
        upem = data["units_per_em"]
        self.ascent: float = data["ascent"] / upem
        self.descent: float = data["descent"] / upem
        self.default: float = data["notdef"] / upem
        self._by_code: dict[int, float] = {}
        for first, last, adv in data["runs"]:
            em = adv / upem
            for code in range(first, last + 1):
                self._by_code[code] = em
        self.widths = FontAdvances(lambda code: self._by_code.get(code, self.default))


def write_table(font: Path) -> Path:
    """Write ``font``'s advance table beside it (run when a bundled font changes)."""
    out = font.with_name(font.stem + TABLE_SUFFIX)
    out.write_text(json.dumps(read_advances(font), separators=(",", ":")) + "\n", encoding="utf-8")
    return out


if __name__ == "__main__":  # python -m planDesk.core.roadmap.fontfile FONT.ttf...
    for arg in sys.argv[1:]:
        print(write_table(Path(arg)))
