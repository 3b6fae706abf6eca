"""要確認: a KPI figure far outside its baseline and target is flagged, never refused.

LibreOffice turns "4/1" typed into a number cell into the date serial 46113; a slip of
the decimal point turns 76.4 into 764. Such figures are plausible to the merge (numbers)
but not to a reader. The rule (docs/submission-workbook.md), with ``ref`` the larger and
``low`` the smaller of |baseline| and |target| (those the KPI has):

* more than ``FACTOR`` × ref;
* less than low ÷ ``FACTOR`` (only when low > 0);
* negative while baseline and target are not.

A KPI with neither baseline nor target is never flagged. Large figures are only shown as
要確認 in the diff (dry run and merge screen): the division decides.
"""

from __future__ import annotations

from planDesk.core.domain.numbers import format_number

FACTOR = 10.0


def review_note(value: float | None, baseline: float | None, target: float | None) -> str:
    """Why ``value`` should be checked, in Japanese; "" when it looks plausible."""
    if value is None:
        return ""
    known = [abs(v) for v in (baseline, target) if v is not None]
    if not known:
        return ""
    ref, low = max(known), min(known)
    if value < 0 <= min(v for v in (baseline, target) if v is not None):
        return f"負の値です（{_span(baseline, target)}）"
    if ref > 0 and abs(value) > FACTOR * ref:
        return f"基準値・目標値の {FACTOR:g} 倍を超えています（{_span(baseline, target)}）"
    if low > 0 and abs(value) < low / FACTOR:
        return f"基準値・目標値の {FACTOR:g} 分の 1 に満たない値です（{_span(baseline, target)}）"
    return ""


def _span(baseline: float | None, target: float | None) -> str:
    return "・".join(f"{name} {format_number(v)}" for name, v in (("基準値", baseline), ("目標値", target))
                    if v is not None)
