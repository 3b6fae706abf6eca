"""Display codes of a plan's groups and initiatives, and the order they sort in.

A code is shown *as the plan writes it*. A row may carry its own written code
(``PlanGroup.code`` / ``Initiative.code``: ①－１－１, 1-8-3, Ⅰ-2, (1), ア …); without one it
is computed from the numbers along its path (the top group's number first) in the plan's
numbering style:

``maru``   — ①－１－１: the top group as a circled number, the rest as full-width digits,
             joined by a full-width hyphen (the Hitachinaka plan).
``serial`` — 01, 02 … initiatives numbered across the whole plan (the Hitachi plan); groups
             as in ``hyphen``.
``hyphen`` — 1-1-1: plain digits joined by a hyphen.

``sort_key`` orders any such code naturally: each run of digits, circled number, roman
numeral or kana (ア, イ … / あ, い …) counts as the number it stands for, so 1-10 comes
after 1-9 and Ⅱ after Ⅰ.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

NUMBERING_STYLES = ("maru", "serial", "hyphen")

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳㉑㉒㉓㉔㉕㉖㉗㉘㉙㉚㉛㉜㉝㉞㉟㊱㊲㊳㊴㊵㊶㊷㊸㊹㊺㊻㊼㊽㊾㊿"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")
# The gojūon order used for ア, イ, ウ … and あ, い, う … numbering.
_KANA = ("アイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワヲン")
_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_PART = re.compile(r"[0-9]+|[A-Za-z]+|\S")


def circled(n: int) -> str:
    """① for 1 … ⑳ for 20 (the circled numbers a Japanese font has); （21） beyond."""
    if 1 <= n <= 20:
        return _CIRCLED[n - 1]
    return f"（{full_width(n)}）"


def full_width(n: int) -> str:
    return str(n).translate(_FULLWIDTH)


def group_code(style: str, numbers: Sequence[int]) -> str:
    """The computed code of a group from the numbers of its path (top first): ①－２ (maru),
    1-2 (hyphen, serial)."""
    if not numbers:
        raise ValueError("a group's path has at least its own number")
    if style == "maru":
        return "－".join((circled(numbers[0]), *(full_width(n) for n in numbers[1:])))
    if style in ("serial", "hyphen"):
        return "-".join(str(n) for n in numbers)
    raise ValueError(f"unknown numbering style {style!r}")


def initiative_code_of(style: str, numbers: Sequence[int]) -> str:
    """The computed code of an initiative from its group path's numbers and then its own:
    ①－１－１ (maru), 01 (serial: its own number only) or 1-1-1 (hyphen)."""
    if style == "serial":
        return f"{numbers[-1]:02d}"
    return group_code(style, numbers)


def policy_code(style: str, number: int) -> str:
    """A top-level group's code (``group_code`` of one number)."""
    return group_code(style, (number,))


def item_code(style: str, policy_number: int, number: int) -> str:
    """A second-level group's code (``group_code`` of two numbers)."""
    return group_code(style, (policy_number, number))


def initiative_code(style: str, policy_number: int, item_number: int, number: int) -> str:
    """The computed code of an initiative two levels down: ①－１－１ (maru), 01 (serial) or 1-1-1 (hyphen)."""
    return initiative_code_of(style, (policy_number, item_number, number))


def shown(written: str | None, computed: str) -> str:
    """The code to display: the one the plan wrote, else the computed one."""
    return written if written else computed


def _normalise(code: str) -> str:
    """Full-width digits and letters to ASCII, roman-numeral signs (Ⅰ) to letters (I)."""
    out = []
    for ch in code:
        i = _CIRCLED.find(ch)
        if i >= 0:
            out.append(f" {i + 1} ")
            continue
        out.append(unicodedata.normalize("NFKC", ch))
    return "".join(out)


def _roman(text: str) -> int | None:
    values = [_ROMAN_VALUES[c] for c in text.upper()]
    total = 0
    for i, v in enumerate(values):
        total += -v if i + 1 < len(values) and values[i + 1] > v else v
    return total if total > 0 else None


def _kana(ch: str) -> int | None:
    if "ぁ" <= ch <= "ゖ":  # hiragana → katakana
        ch = chr(ord(ch) + 0x60)
    i = _KANA.find(ch)
    return i + 1 if i >= 0 else None


def code_parts(code: str) -> tuple[int | str, ...]:
    """The parts of a code, numbers as ints: "①－１－１" → (1, 1, 1), "Ⅰ-2" → (1, 2),
    "(1)" → (1,), "ア" → (1,), "1-8-3" → (1, 8, 3); separators are dropped."""
    parts: list[int | str] = []
    for m in _PART.finditer(_normalise(code)):
        token = m.group(0)
        if token.isdigit():
            parts.append(int(token))
        elif (kana := _kana(token)) is not None:
            parts.append(kana)
        elif re.fullmatch(r"[IVXLC]+", token.upper()) and (value := _roman(token)):
            parts.append(value)  # Ⅰ, Ⅱ (NFKC: I, II) and i, ii …
        elif len(token) == 1 and token.isascii() and token.isalpha():
            parts.append(ord(token.upper()) - ord("A") + 1)  # A, B, C … numbering
        elif token.isalnum():
            parts.append(token)
    return tuple(parts)


def sort_key(code: str) -> tuple[tuple[int, int | str], ...]:
    """A key that orders codes as a reader would (numbers before words, 2 before 10)."""
    return tuple((0, p) if isinstance(p, int) else (1, p) for p in code_parts(code))


def last_number(code: str) -> int | None:
    """The number a code ends with ("1-8-3" → 3, "Ⅰ-2" → 2, "ア" → 1), if any."""
    nums = [p for p in code_parts(code) if isinstance(p, int)]
    return nums[-1] if nums else None
