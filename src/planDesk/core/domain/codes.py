"""Display codes of initiatives in a plan's own numbering style.

``maru``   — ①－１－１: policy as a circled number, promotion item and initiative as
             full-width digits, joined by a full-width hyphen (the Hitachinaka plan).
``serial`` — 01, 02 … numbered across the whole plan (the Hitachi plan).

Codes are computed, never stored, so renumbering changes every display at once.
"""

from __future__ import annotations

NUMBERING_STYLES = ("maru", "serial")

_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_FULLWIDTH = str.maketrans("0123456789", "０１２３４５６７８９")


def circled(n: int) -> str:
    """① for 1 … ⑳ for 20; （21） beyond."""
    if 1 <= n <= len(_CIRCLED):
        return _CIRCLED[n - 1]
    return f"（{full_width(n)}）"


def full_width(n: int) -> str:
    return str(n).translate(_FULLWIDTH)


def policy_code(style: str, number: int) -> str:
    if style == "maru":
        return circled(number)
    return str(number)


def item_code(style: str, policy_number: int, number: int) -> str:
    if style == "maru":
        return f"{circled(policy_number)}－{full_width(number)}"
    return f"{policy_number}-{number}"


def initiative_code(style: str, policy_number: int, item_number: int, number: int) -> str:
    """The code as displayed: ①－１－１ (maru) or 01 (serial)."""
    if style == "maru":
        return f"{circled(policy_number)}－{full_width(item_number)}－{full_width(number)}"
    if style == "serial":
        return f"{number:02d}"
    raise ValueError(f"unknown numbering style {style!r}")
