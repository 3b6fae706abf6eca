"""Typed reading of one row of a plan workbook; every problem names its sheet and cell."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Any

import jaconv
from openpyxl.utils import get_column_letter

from planDesk.core.domain.fiscal import FiscalYearError, parse_fy
from planDesk.core.domain.numbers import NumberInputError, parse_number
from planDesk.core.plan.workbook.layout import SHEET_BY_NAME
from planDesk.core.xlsx.cells import MAX_CELL_TEXT, Problem, clean_text

Rows = list[tuple[int, list[Any]]]
_TRUE = {"○", "〇", "◯", "●", "1", "TRUE", "はい", "Y", "YES", "X", "✓"}
_FALSE = {"", "×", "✕", "0", "FALSE", "いいえ", "N", "NO", "-", "－"}
_DATE_RE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


class Cells:
    """Typed reading of one row's cells; problems name sheet and cell."""

    def __init__(self, sheet: str, row: int, values: list[Any], problems: list[Problem], *,
                 keys: list[str] | None = None, first_col: int = 1) -> None:
        self.sheet, self.row, self.values, self.problems = sheet, row, values, problems
        self.keys = keys if keys is not None else [k for k, _h, _w in SHEET_BY_NAME[sheet].columns]
        self.first_col = first_col

    def has(self, key: str) -> bool:
        return key in self.keys

    def _ref(self, key: str) -> tuple[str, Any]:
        i = self.keys.index(key)
        return f"{get_column_letter(self.first_col + i)}{self.row}", self.values[i] if i < len(self.values) else None

    def fail(self, key: str, message: str) -> None:
        self.problems.append(Problem(self.sheet, self._ref(key)[0], message))

    def problems_at(self, key: str) -> bool:
        ref = self._ref(key)[0]
        return any(p.sheet == self.sheet and p.cell == ref for p in self.problems)

    def text(self, key: str, *, required: bool = False, label: str = "", limit: int = MAX_CELL_TEXT) -> str:
        _ref, value = self._ref(key)
        if value is None:
            value = ""
        if isinstance(value, float) and value.is_integer():
            value = int(value)
        text = clean_text(str(value)).strip()
        if len(text) > limit:
            self.fail(key, f"{label or key}が長すぎます（{len(text):,} 文字、{limit:,} 文字まで）。")
            return ""
        if required and not text:
            self.fail(key, f"{label or '値'}を入力してください。")
        return text

    def integer(self, key: str, *, required: bool = False, lo: int = 0, hi: int = 10**6,
                label: str = "") -> int | None:
        _ref, value = self._ref(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, f"{label or '番号'}を入力してください。")
            return None
        try:
            number = parse_number(value if not isinstance(value, bool) else str(value), label or "番号")
        except NumberInputError as exc:
            self.fail(key, f"{exc}。")
            return None
        if number is None or not float(number).is_integer() or not lo <= number <= hi:
            self.fail(key, f"{label or '番号'}は {lo}〜{hi} の整数にしてください（「{value}」）。")
            return None
        return int(number)

    def number(self, key: str, label: str) -> float | None:
        _ref, value = self._ref(key)
        if value is None or isinstance(value, datetime | date):
            if value is not None:
                self.fail(key, f"{label}は数値で入力してください。")
            return None
        try:
            return parse_number(value if not isinstance(value, bool) else str(value), label)
        except NumberInputError as exc:
            self.fail(key, f"{exc}。")
            return None

    def fy(self, key: str, *, required: bool = False, label: str = "年度") -> int | None:
        _ref, value = self._ref(key)
        if value is None or (isinstance(value, str) and not value.strip()):
            if required:
                self.fail(key, f"{label}を入力してください（例：2025、R7、令和7年度）。")
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and float(value).is_integer():
            value = str(int(value))
        try:
            return parse_fy(str(value))
        except FiscalYearError as exc:
            self.fail(key, f"{label}：{exc}。")
            return None

    def flag(self, key: str) -> bool:
        _ref, value = self._ref(key)
        text = jaconv.z2h(str(value if value is not None else "").strip(), kana=False, ascii=True,
                          digit=True).upper()
        if text in _TRUE:
            return True
        if text not in _FALSE:
            self.fail(key, f"「{value}」は ○ か空欄にしてください。")
        return False

    def day(self, key: str, label: str) -> date | None:
        _ref, value = self._ref(key)
        if value is None or value == "":
            return None
        if isinstance(value, datetime):
            return value.date()
        if isinstance(value, date):
            return value
        m = _DATE_RE.match(jaconv.z2h(str(value).strip(), kana=False, ascii=True, digit=True))
        if m:
            try:
                return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            except ValueError:
                pass
        self.fail(key, f"{label}「{value}」は日付として読めません（例：2023/3/31）。")
        return None
