from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from planDesk.core.domain.fiscal import (
    FiscalYearError,
    fiscal_year_of,
    format_date_wareki,
    format_fy,
    format_fy_short,
    parse_fy,
    quarter_of_month,
)


@pytest.mark.parametrize(
    ("fy", "text"),
    [(2019, "令和元年度"), (2020, "令和2年度"), (2023, "令和5年度"), (2025, "令和7年度"), (2018, "平成30年度"),
     (1989, "平成元年度")],
)
def test_format_fy(fy: int, text: str) -> None:
    assert format_fy(fy) == text


def test_fy2019_is_reiwa_gannen_never_heisei_31() -> None:
    assert format_fy(2019) == "令和元年度"
    assert "平成31" not in format_fy(2019)


@pytest.mark.parametrize(
    "text", ["2025", "R7", "r7", "Ｒ７", "令和7年度", "令和７年度", "令和7", "令和 7 年度", "２０２５", "2025年度"]
)
def test_parse_fy_accepts_every_documented_form(text: str) -> None:
    assert parse_fy(text) == 2025


def test_parse_fy_gannen_and_heisei() -> None:
    assert parse_fy("令和元年度") == 2019
    assert parse_fy("H30") == 2018
    assert parse_fy("平成元年度") == 1989


@pytest.mark.parametrize("text", ["", "abc", "令和", "R0", "平成32年度", "1800", "20255", "令和7年度度"])
def test_parse_fy_rejects_with_japanese_message(text: str) -> None:
    with pytest.raises(FiscalYearError) as err:
        parse_fy(text)
    assert "年度" in str(err.value)


@given(st.integers(min_value=2019, max_value=2100))
def test_format_then_parse_round_trips(fy: int) -> None:
    assert parse_fy(format_fy(fy)) == fy
    assert parse_fy(format_fy_short(fy)) == fy


def test_fiscal_year_starts_in_april() -> None:
    assert fiscal_year_of(date(2024, 3, 31)) == 2023
    assert fiscal_year_of(date(2024, 4, 1)) == 2024


def test_quarters_follow_the_fiscal_year() -> None:
    assert [quarter_of_month(m) for m in (4, 6, 7, 9, 10, 12, 1, 3)] == [1, 1, 2, 2, 3, 3, 4, 4]


def test_wareki_dates() -> None:
    assert format_date_wareki(date(2023, 3, 31)) == "令和5年3月31日"
    assert format_date_wareki(date(2019, 4, 30)) == "平成31年4月30日"
    assert format_date_wareki(date(2019, 5, 1)) == "令和元年5月1日"
