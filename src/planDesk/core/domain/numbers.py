"""Numeric input as people type it in Japanese offices.

Accepts full-width digits and signs, full- or half-width commas, the ideographic comma
used as a thousands separator, spaces, a trailing ％ or %, and △ or ▲ for negative values
(the Japanese accounting convention).
"""

from __future__ import annotations

import math
import re

import jaconv


class NumberInputError(ValueError):
    """Raised with a Japanese message naming the field."""


_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$")


def normalize_number_text(text: str) -> str:
    """Half-width digits with separators, spaces and percent signs removed."""
    s = jaconv.z2h(text, kana=False, ascii=True, digit=True)
    s = s.strip().replace(",", "").replace("、", "").replace("，", "")
    s = s.replace(" ", "").replace("\u3000", "")
    s = s.replace("−", "-").replace("ー", "-").replace("－", "-")
    if s.startswith(("△", "▲")):
        s = "-" + s[1:]
    if s.endswith(("%", "％")):
        s = s[:-1]
    return s


def parse_number(text: str | float | int | None, field: str = "数値") -> float | None:
    """Parse a number typed into ``field``; empty input is None.

    ``１，２３４`` → 1234.0, ``76.4％`` → 76.4, ``△5`` → -5.0.
    Raises NumberInputError("<field>：…") for anything else.
    """
    if text is None:
        return None
    if isinstance(text, bool):
        raise NumberInputError(f"{field}：数値を入力してください")
    if isinstance(text, int | float):
        value = float(text)
    else:
        s = normalize_number_text(str(text))
        if s == "":
            return None
        if not _NUMBER_RE.match(s):
            raise NumberInputError(
                f"{field}：「{text}」は数値として読み取れません（例：1234、１，２３４、76.4％）"
            )
        value = float(s)
    if math.isnan(value) or math.isinf(value):
        raise NumberInputError(f"{field}：「{text}」は数値として扱えません")
    return value


def format_number(value: float | None) -> str:
    """1234.0 → "1,234"; 76.4 → "76.4"; None → ""."""
    if value is None:
        return ""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,.6f}".rstrip("0").rstrip(".")
