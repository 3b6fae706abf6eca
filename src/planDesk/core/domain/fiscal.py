"""Japanese fiscal years (年度, April–March) and the Reiwa era (令和).

Fiscal years are stored as the Gregorian year in which they start: 令和5年度 = 2023.
FY2019 (April 2019–March 2020) began while the era was still 平成, but city halls write
it 令和元年度, never 平成31年度: the era of a fiscal year is the era of most of it.
"""

from __future__ import annotations

import re
from datetime import date

import jaconv

REIWA_START = 2019  # 令和元年 = 2019
HEISEI_START = 1989
_FW_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


class FiscalYearError(ValueError):
    """Raised with a Japanese message when a fiscal year cannot be read."""


def era_year(fy: int) -> str:
    """The era name and year of a fiscal year: 2019 → 令和元, 2023 → 令和5, 2018 → 平成30."""
    if fy >= REIWA_START:
        n = fy - REIWA_START + 1
        return "令和元" if n == 1 else f"令和{n}"
    if fy >= HEISEI_START:
        n = fy - HEISEI_START + 1
        return "平成元" if n == 1 else f"平成{n}"
    return f"{fy}"


def format_fy(fy: int) -> str:
    """令和N年度 for a fiscal year (FY2019 is 令和元年度)."""
    return f"{era_year(fy)}年度"


def format_fy_short(fy: int) -> str:
    """R5 style, as used in flags such as 【R5新規】."""
    if fy >= REIWA_START:
        return f"R{fy - REIWA_START + 1}"
    return str(fy)


_ERA_RE = re.compile(r"^(令和|平成|R|H)\s*(元|\d{1,2})\s*(?:年度?)?$", re.IGNORECASE)
_YEAR_RE = re.compile(r"^(\d{4})\s*(?:年度?)?$")


def parse_fy(text: str) -> int:
    """Read a fiscal year written as 2025, R7, r7, 令和7年度, 令和７年度, 令和元年度 or H30.

    Raises FiscalYearError with a Japanese message for anything else.
    """
    raw = text
    s = jaconv.z2h(text.strip(), kana=False, ascii=True, digit=True).translate(_FW_DIGITS)
    s = s.replace(" ", "")
    m = _YEAR_RE.match(s)
    if m:
        year = int(m.group(1))
        if 1989 <= year <= 2200:
            return year
        raise FiscalYearError(f"年度「{raw}」は範囲外です（1989〜2200 年度で指定してください）")
    m = _ERA_RE.match(s)
    if m:
        era, num = m.group(1).upper(), m.group(2)
        n = 1 if num == "元" else int(num)
        if n < 1:
            raise FiscalYearError(f"年度「{raw}」の年数が正しくありません")
        if era in ("令和", "R"):
            return REIWA_START + n - 1
        if n > 31:
            raise FiscalYearError(f"年度「{raw}」：平成は31年までです")
        return HEISEI_START + n - 1
    raise FiscalYearError(
        f"年度「{raw}」を読み取れません。2025、R7、令和7年度 のように指定してください"
    )


def fiscal_year_of(day: date) -> int:
    """The fiscal year a calendar date falls in (April starts the year)."""
    return day.year if day.month >= 4 else day.year - 1


def quarter_of_month(month: int) -> int:
    """Fiscal quarter (1 = April–June … 4 = January–March) of a calendar month."""
    return ((month - 4) % 12) // 3 + 1


def month_index(month: int) -> int:
    """Position of a calendar month within the fiscal year: April → 0 … March → 11."""
    return (month - 4) % 12


def format_date_wareki(day: date) -> str:
    """令和5年3月31日 for a date (年 uses 元 for the first year)."""
    if day >= date(2019, 5, 1):
        n = day.year - REIWA_START + 1
        era = "令和元" if n == 1 else f"令和{n}"
    else:
        n = day.year - HEISEI_START + 1
        era = "平成元" if n == 1 else f"平成{n}"
    return f"{era}年{day.month}月{day.day}日"


def clamp_fy(fy: int, start: int, end: int) -> int:
    return max(start, min(end, fy))
