"""Japanese line breaking (禁則処理) for reportlab paragraphs.

reportlab's CJK wrapping (``wordWrap='CJK'``) cuts lines "like a knife" between any two
characters and only knows one rule: a character from ``textsplit.ALL_CANNOT_START`` that
overflows may hang in the margin. It lets a line end with 「（ and lets a line start with
the second of two closing marks (。」), with ！？，． or with a small kana missing from its
list. This module keeps reportlab's algorithm and data structures and extends them:

- the rule sets are reportlab's own plus the characters it lacks;
- ``choose_break`` moves a break that reportlab's knife would make: 、。，． may hang in the
  margin (ぶら下げ, as Word does), anything else that may not start a line is pushed to the
  next line together with the character before it (追い出し), and a line never ends with an
  opening bracket; Latin words and numbers inside Japanese text stay whole, and so does a
  short bracketed mark such as 【R5新規】; 「→」 and dashes do not begin a line;
- ``avoid_widow``: the last line of a paragraph is never one character alone (「機器導／入」,
  「守／る」): the line before gives it a companion;
- ``JaParagraph`` is a ``Paragraph`` whose CJK line breaking uses ``choose_break``, and whose
  ``plain`` constructor skips reportlab's markup parser (user text needs no escaping and
  builds ten times faster); a plain one-run paragraph is drawn by ``painter.paint_plain``.
"""

from __future__ import annotations

import threading
from bisect import bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import Any

from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START
from reportlab.pdfbase.pdfmetrics import getFont
from reportlab.platypus import Paragraph
from reportlab.platypus.paragraph import ParaLines, _handleBulletWidth, cjkU, makeCJKParaLine
from reportlab.rl_config import _FUZZ

from planDesk.core.printing.painter import paint_plain

_SMALL_KANA = "ぁぃぅぇぉっゃゅょゎゕゖァィゥェォッャュョヮヵヶㇰㇱㇲㇳㇴㇵㇶㇷㇸㇹㇺㇻㇼㇽㇾㇿ"
# Closing marks, stops, prolonged sound and iteration marks (JIS X 4051 classes 2–7).
_MORE_CANNOT_START = "！？，．：；・ー〕》〉｝］’”゛゜ゝゞヽヾ々〻‐゠–〜～)%→—―"
_MORE_CANNOT_END = "「『（【〔［｛〈《〘〖‘“("

#: Characters that may not begin a line.
CANNOT_START: frozenset[str] = frozenset(ALL_CANNOT_START + _SMALL_KANA + _MORE_CANNOT_START)
#: Characters that may not end a line.
CANNOT_END: frozenset[str] = frozenset(ALL_CANNOT_END + _MORE_CANNOT_END)
#: Stops that may hang one character into the right margin instead of moving down.
HANGING: frozenset[str] = frozenset("、。，．,.")
#: A bracketed mark up to this long is kept on one line (【重点】, 【R5新規】).
MARK_MAX = 8


def _latin(ch: str) -> bool:
    return len(ch) == 1 and ord(ch) < 0x3000 and not ch.isspace()


def choose_break(chars: Sequence[str], start: int, overflow: int) -> int:
    """Where the next line starts, given that ``chars[start:overflow]`` fits and
    ``chars[overflow]`` does not.

    Returns an index greater than ``start``: ``overflow + 1`` when a stop hangs, something
    at or before ``overflow`` otherwise. If no break obeys the rules (a line full of
    closing marks), the knife's cut at ``overflow`` is kept so that wrapping always ends.
    """
    n = len(chars)
    if overflow <= start:
        return start + 1  # one character wider than the line: it gets a line of its own
    b = overflow
    if chars[b] in HANGING and (b + 1 >= n or chars[b + 1] not in CANNOT_START) and not _in_number(chars, b):
        return b + 1
    for _ in range(3):  # until neither rule moves the break (a move may land inside a word)
        moved = b = _word_start(chars, start, b)
        while b > start + 1 and (_starts_badly(chars, b) or _ends_badly(chars, start, b)):
            b -= 1
        if b == moved:
            break
    if _starts_badly(chars, b) or _ends_badly(chars, start, b):
        return overflow
    return _outside_mark(chars, start, b)


def _word_start(chars: Sequence[str], start: int, b: int) -> int:
    """A break inside a Latin word or a number (76.4 of 「76.4％」 when ％ moves down)
    backed up to the word's start: a space or a Japanese character, but never more than half
    the line (reportlab's own limit)."""
    if _latin(chars[b]) and _latin(chars[b - 1]):
        for j in range(b - 1, (start + b) // 2, -1):
            if not _latin(chars[j]):
                return j + 1
    return b


def _in_number(chars: Sequence[str], b: int) -> bool:
    """``chars[b]`` is the point or comma inside a number (76.4%, 3,441人): it does not hang,
    the number stays whole (a line ending 「76.」 and the next starting 「4%」 misreads)."""
    return (str(chars[b]) in ".," and 0 < b < len(chars) - 1
            and str(chars[b - 1]).isdigit() and str(chars[b + 1]).isdigit())


def _starts_badly(chars: Sequence[str], b: int) -> bool:
    """The line starting at ``b`` would begin with a character that may not start a line
    (spaces at a line start are dropped: 「119手続き → 180手続き」 must not break before 「 →」)."""
    j = b
    while j < len(chars) and str(chars[j]).isspace():
        j += 1
    return j < len(chars) and chars[j] in CANNOT_START


def _ends_badly(chars: Sequence[str], start: int, b: int) -> bool:
    """The line ending before ``b`` would end with a character that may not end a line
    (spaces at a line end are dropped: 「…「 」 must not end with its 「 either)."""
    j = b - 1
    while j > start and str(chars[j]).isspace():
        j -= 1
    return chars[j] in CANNOT_END


def _outside_mark(chars: Sequence[str], start: int, b: int) -> int:
    """Move a break out of a short 【…】 mark (to before its 【) when the line keeps something."""
    for j in range(b - 1, max(start, b - MARK_MAX) - 1, -1):
        if chars[j] == "】":
            return b
        if chars[j] == "【":
            close = next((k for k in range(b, min(len(chars), j + MARK_MAX + 1)) if chars[k] == "】"), None)
            return j if close is not None and j > start else b
    return b


def avoid_widow(chars: Sequence[str], start: int, end: int) -> int:
    """``end`` moved back by one when the rest of the paragraph after it would be a single
    character alone on the last line (it takes the character before it along), if the
    rules allow a break there and the line keeps at least two characters."""
    if len(chars) - end > 3 or end - start < 3:  # (cheap: called for every line)
        return end
    rest = [c for c in chars[end:] if not str(c).isspace()]
    if len(rest) != 1:
        return end
    b = end - 1
    if chars[b] in CANNOT_START or chars[b - 1] in CANNOT_END or (_latin(chars[b]) and _latin(chars[b - 1])):
        return end
    return b


_width_cache: dict[str, dict[str, float]] = {}


def char_widths(text: str, font_name: str, font_size: float) -> list[float]:
    """The advance width of each character (cached per font at 1 pt)."""
    table = _width_cache.get(font_name)
    if table is None:
        table = _width_cache[font_name] = {}
    try:
        return [table[ch] * font_size for ch in text]
    except KeyError:  # a character not met before in this font (rare after the first pages)
        font = getFont(font_name)
        for ch in set(text).difference(table):
            table[ch] = font.stringWidth(ch, 1.0)
        return [table[ch] * font_size for ch in text]


_SHORT = 12  # texts up to this long are broken once per font, size and widths (they repeat)
# (tuples of strings and floats: the cyclic GC stops tracking them, however many there are)
_short_lines: dict[tuple[str, str, float, tuple[float, ...]], tuple[tuple[float, str], ...]] = {}


def split_text(text: str, max_widths: Sequence[float], font_name: str,
               font_size: float) -> Sequence[Sequence[Any]]:
    """Break one run of text in one font into lines: ``[[extra_space, line], …]``.

    The drop-in for ``reportlab.lib.textsplit.wordSplit`` (same result shape). The answer
    for a short text (a label, a department, 未報告) is remembered.
    """
    if len(text) > _SHORT:
        return _split_text(text, max_widths, font_name, font_size)
    key = (text, font_name, font_size, tuple(max_widths))
    got = _short_lines.get(key)
    if got is None:
        if len(_short_lines) >= 20_000:  # (a few MB at most)
            _short_lines.clear()
        got = _short_lines[key] = tuple((sp, line) for sp, line in _split_text(text, max_widths, font_name,
                                                                                 font_size))
    return got


def _split_text(text: str, max_widths: Sequence[float], font_name: str,
                font_size: float) -> list[list[Any]]:
    cum = [0.0, *accumulate(char_widths(text, font_name, font_size))]
    n = len(text)
    lines: list[list[Any]] = []
    start = 0
    while start < n:
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
        overflow = bisect_right(cum, cum[start] + max_w + _FUZZ, lo=start + 1) - 1
        end = n if overflow >= n else avoid_widow(text, start, choose_break(text, start, overflow))
        a, b = start, end  # the line without the spaces at its ends
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if a < b or end >= n:
            lines.append([max_w - (cum[b] - cum[a]), text[a:b]])
        start = end
    return lines


def split_frags(frags: Sequence[Any], max_widths: Sequence[float], calc_bounds: bool) -> Any:
    """Break styled fragments into lines: reportlab's ``cjkFragSplit`` with ``choose_break``."""
    chars: list[Any] = []
    for f in frags:
        text = f.text.decode("utf8") if isinstance(f.text, bytes) else f.text
        if text:
            chars.extend(cjkU(t, f, "utf8") for t in text)
        else:  # an image or a line break: a zero-length glyph carrying its frag
            chars.append(cjkU(text, f, "utf8"))
    widths = [float(u.width) for u in chars]
    lines: list[Any] = []
    start = 0
    n = len(chars)
    while start < n:
        max_w = max_widths[min(len(lines), len(max_widths) - 1)]
        used = 0.0
        i = start
        forced = False
        while i < n:
            used += widths[i]
            if hasattr(chars[i].frag, "lineBreak"):
                forced = True
                i += 1
                break
            if used > max_w + _FUZZ and i > start:
                break
            i += 1
        end = i if forced or i >= n else choose_break(chars, start, i)
        if not forced and 0 < n - end <= 3 and not any(hasattr(c.frag, "lineBreak") for c in chars[end:]):
            end = avoid_widow(chars, start, end)
        width = sum(widths[start:end])
        lines.append(makeCJKParaLine(chars[start:end], max_w, width, max_w - width, forced, calc_bounds))
        start = end
    return ParaLines(kind=1, lines=lines)


_template_frags: dict[int, tuple[ParagraphStyle, Any]] = {}
# (text, id(style)) → (style, the paragraph) of JaParagraph.shared, one table per thread: a
# shared paragraph holds its last wrap until it is painted, so two printouts laid out at once
# (two threads) must not share one.
_per_thread = threading.local()


def _shared() -> dict[tuple[str, int], tuple[ParagraphStyle, Any]]:
    table: dict[tuple[str, int], tuple[ParagraphStyle, Any]] | None = getattr(_per_thread, "shared", None)
    if table is None:
        table = _per_thread.shared = {}
    return table


_SHARED_MAX = 256  # labels, a plan's few status headings: the process keeps no more than these


def _clone(frag: Any, **changes: Any) -> Any:
    """``frag.clone(**changes)`` (reportlab's ``ABag.clone``: the same attributes in the same
    order) without passing every attribute through keyword arguments."""
    new = object.__new__(type(frag))
    new.__dict__ = {**frag.__dict__, **changes}
    return new


class JaParagraph(Paragraph):  # type: ignore[misc]
    """A Paragraph with Japanese line breaking (the style must have ``wordWrap='CJK'``)."""

    @classmethod
    def plain(cls, text: str, style: ParagraphStyle) -> JaParagraph:
        """A paragraph of plain text (no markup; ``<`` and ``&`` print as themselves)."""
        key = id(style)
        cached = _template_frags.get(key)
        if cached is None or cached[0] is not style:
            template = Paragraph("x", style).frags[0]
            cached = _template_frags[key] = (style, template)
        frag = _clone(cached[1], text=text.replace("\n", " "))
        if cls is not JaParagraph:
            return cls(None, style, frags=[frag])
        # what ``Paragraph.__init__`` sets for given frags, in its order (without its calls)
        par = object.__new__(cls)
        par.__dict__ = {"caseSensitive": 1, "encoding": "utf8", "text": None, "frags": [frag], "style": style,
                        "bulletText": getattr(style, "bulletText", None), "debug": 0}
        return par

    @classmethod
    def shared(cls, text: str, style: ParagraphStyle) -> JaParagraph:
        """``plain(text, style)`` made once and given to every table that asks for it: the
        label cells every block repeats (概要, 部署, a KPI table's headings). A flowable may
        stand in many tables (reportlab's repeated header rows do the same): it is wrapped
        and its lines broken once, and painted from the operators kept (painter.py)."""
        key = (text, id(style))
        shared = _shared()
        got = shared.get(key)
        if got is None or got[0] is not style or type(got[1]) is not cls:
            if len(shared) >= _SHARED_MAX:  # a plan's own words (a heading per initiative): not kept
                return cls.plain(text, style)
            par = cls.plain(text, style)
            par._pd_shared = True
            got = shared[key] = (style, par)
        return got[1]

    def wrap(self, availWidth: float, availHeight: float) -> tuple[float, float]:  # reportlab's names
        # Tables and KeepTogether wrap a cell two or three times at the same width:
        # break its lines once. (A split-off part carries its own lines and is not cached.)
        cached = self.__dict__.get("_ja_wrapped")
        # (a width a few units in the 15th digit off — a table with spans draws a cell at
        # the difference of two column positions — is the same width)
        if (cached is not None and abs(cached[0] - availWidth) < 1e-9
                and not getattr(self, "_splitpara", False)):
            self.blPara, self.width, self.height = cached[1], availWidth, cached[2]
            return availWidth, cached[2]
        if getattr(self, "_splitpara", False):
            return super().wrap(availWidth, availHeight)  # type: ignore[no-any-return]
        style = self.style
        frags = self.frags
        if (type(self) is JaParagraph and availWidth >= _FUZZ and not self.bulletText and style.wordWrap == "CJK"
                and len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots
                and getattr(self, "autoLeading", getattr(style, "autoLeading", "")) not in ("max", "min")):
            # one run of text: ``Paragraph.wrap`` and ``breakLinesCJK`` below in one step
            self.width = availWidth
            left = style.leftIndent
            widths = [availWidth - (left + style.firstLineIndent) - style.rightIndent,
                      availWidth - left - style.rightIndent]
            self._wrapWidths = widths
            f = frags[0]
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            lines = split_text(text, widths, f.fontName, f.fontSize)
            bl = self.blPara = _clone(f, kind=0, lines=[(sp, [line]) for sp, line in lines],
                                      ascent=f.fontSize, descent=-0.2 * f.fontSize)
            h = self.height = len(lines) * style.leading
            self._ja_wrapped = (availWidth, bl, h)
            return availWidth, h
        w, h = super().wrap(availWidth, availHeight)
        self._ja_wrapped = (availWidth, self.blPara, h)
        return w, h

    def drawOn(self, canvas: Any, x: float, y: float, _sW: float = 0) -> None:  # reportlab's names
        # a plain one-run paragraph is painted directly (the same operators, see painter.py),
        # unless a subclass draws in its own way
        cls = type(self)
        if cls.draw is not Paragraph.draw or cls.drawPara is not Paragraph.drawPara or not paint_plain(
                self, canvas, x, y, _sW):
            super().drawOn(canvas, x, y, _sW)

    def breakLinesCJK(self, maxWidths: Any) -> Any:  # reportlab's names
        if not isinstance(maxWidths, list | tuple):
            maxWidths = [maxWidths]
        style = self.style
        self.height = 0
        _handleBulletWidth(self.bulletText, style, maxWidths)
        frags = self.frags
        if hasattr(self, "blPara") and getattr(self, "_splitpara", False):
            return self.blPara if len(frags) != 1 else _clone(frags[0], kind=0, lines=self.blPara.lines)
        if len(frags) == 1 and not hasattr(frags[0], "cbDefn") and not style.endDots:
            f = frags[0]
            text = f.text if hasattr(f, "text") else "".join(getattr(f, "words", []))
            lines = split_text(text, maxWidths, f.fontName, f.fontSize)
            return _clone(f, kind=0, lines=[(sp, [line]) for sp, line in lines],
                          ascent=f.fontSize, descent=-0.2 * f.fontSize)
        if not frags:
            return super().breakLinesCJK(maxWidths)
        auto = getattr(self, "autoLeading", getattr(style, "autoLeading", ""))
        return split_frags(frags, maxWidths, auto not in ("", "off"))
