import pytest
from hypothesis import given
from hypothesis import strategies as st

from planDesk.core.domain.numbers import NumberInputError, format_number, parse_number


@pytest.mark.parametrize(
    ("text", "value"),
    [("１，２３４", 1234), ("1,234", 1234), ("1234", 1234), ("７６．４％", 76.4), ("76.4%", 76.4),
     (" ３００ ", 300), ("△５", -5), ("-5", -5), ("５５，０００", 55000), ("0", 0), ("１２３　４５６", 123456)],
)
def test_full_width_and_separators_accepted(text: str, value: float) -> None:
    assert parse_number(text) == value


@pytest.mark.parametrize("text", ["", "   ", None])
def test_empty_is_none(text: str | None) -> None:
    assert parse_number(text) is None


@pytest.mark.parametrize("text", ["abc", "12a", "1.2.3", "nan", "inf", "１２円"])
def test_bad_numbers_name_the_field(text: str) -> None:
    with pytest.raises(NumberInputError) as err:
        parse_number(text, "実績値")
    assert str(err.value).startswith("実績値：")


@given(st.integers(min_value=-10**12, max_value=10**12))
def test_formatted_numbers_parse_back(n: int) -> None:
    assert parse_number(format_number(n)) == n
    full = format_number(n).translate(str.maketrans("0123456789,-", "０１２３４５６７８９，－"))
    assert parse_number(full) == n
