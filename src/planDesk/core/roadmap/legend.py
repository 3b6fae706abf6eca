"""The legend (凡例) of the roadmap chart as primitives: the step colours by reported state,
the three step shapes and the today line. Drawn beside the view and on every page."""

from __future__ import annotations

from datetime import date

from planDesk.core.domain.fiscal import format_date_wareki, format_fy
from planDesk.core.roadmap.primitives import Primitive, TextMeasurer
from planDesk.core.roadmap.style import STATE_LABELS

_SWATCH_W = 18.0
_SWATCH_H = 8.0
_GAP = 4.0  # swatch → its label
_SPACE = 12.0  # between items


def legend_items(today: date, today_in_period: bool, cycle_fy: int | None) -> list[tuple[str, str, str]]:
    """(shape, style, label) of every legend entry, in order."""
    report = f"（{format_fy(cycle_fy)}）" if cycle_fy is not None else ""
    items = [("bar", f"step.{state}", label) for state, label in STATE_LABELS.items() if state != "none"]
    items.append(("bar", "step.none", STATE_LABELS["none"] + report))
    # the shapes in an outline style of their own: not to be taken for a state
    items += [("bar", "legend.shape", "実施期間"), ("arrow", "legend.shape", "継続"),
              ("diamond", "legend.shape", "節目")]
    when = f"今日（{format_date_wareki(today)}）" + ("" if today_in_period else "：計画期間外")
    items.append(("line", "today.line", when))
    return items


def layout_legend(m: TextMeasurer, *, today: date, today_in_period: bool, cycle_fy: int | None,
                  max_width: float, title: str = "凡例") -> tuple[list[Primitive], float, float]:
    """The legend flowing left to right, wrapping at ``max_width``; returns its primitives
    (origin at the legend's top-left), width and height."""
    lh = max(m.line_height("legend.label"), _SWATCH_H + 2)
    out: list[Primitive] = []
    x = y = 0.0
    width = 0.0
    if title:
        tw = m.width(title + "：", "legend.label")
        out.append(Primitive("text", 0, 0, tw, lh, "legend.label", title + "："))
        x = tw + _GAP
    for shape, st, label in legend_items(today, today_in_period, cycle_fy):
        tw = m.width(label, "legend.label")
        item_w = _SWATCH_W + _GAP + tw
        if x > 0 and x + item_w > max_width:
            x, y = 0.0, y + lh
        sy = y + (lh - _SWATCH_H) / 2
        if shape == "line":
            out.append(Primitive("line", x, y + lh / 2, _SWATCH_W, 0, st))
        elif shape == "diamond":
            out.append(Primitive("diamond", x + (_SWATCH_W - _SWATCH_H - 2) / 2, sy - 1, _SWATCH_H + 2,
                                 _SWATCH_H + 2, st))
        else:
            out.append(Primitive(shape, x, sy, _SWATCH_W, _SWATCH_H, st))
        out.append(Primitive("text", x + _SWATCH_W + _GAP, y, tw, lh, "legend.label", label))
        width = max(width, x + item_w)
        x += item_w + _SPACE
    return out, width, y + lh
