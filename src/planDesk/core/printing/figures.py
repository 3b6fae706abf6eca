"""How 実績 figures and KPI values are written on paper.

A figure is its label, its value with thousands separators and its unit
(``実施回数 23回``, ``6,051件``); round amounts of 100,000 or more are written with 万 as
Japanese documents do (``20万円``, ``約63万人``).
"""

from __future__ import annotations

from collections.abc import Iterable
from xml.sax.saxutils import escape

from planDesk.core.domain.numbers import format_number
from planDesk.core.plan.view import FigureView, ResultView


def format_value(value: float) -> str:
    """6051 → "6,051"; 200000 → "20万"; 43.8 → "43.8"."""
    if float(value).is_integer() and abs(value) >= 100_000 and value % 10_000 == 0:
        return f"{format_number(value / 10_000)}万"
    return format_number(value)


def format_figure(fig: FigureView) -> str:
    """``実施回数 23回``; a one-character qualifier joins its number (``約63万人``)."""
    value = f"{format_value(fig.value)}{fig.unit}"
    if not fig.label:
        return value
    return f"{fig.label}{'' if len(fig.label) == 1 else ' '}{value}"


def result_line(result: ResultView) -> str:
    """One 実績 bullet as printed: its words, then its figures (a note in brackets follows
    the figures it qualifies: ``526台（児童クラブへの貸出しを含む。）``)."""
    figures = "　".join(format_figure(f) for f in result.figures)
    text = result.text.strip()
    if figures and text.startswith(("（", "(")):
        return f"{figures}{text}"
    return "　".join(part for part in (text, figures) if part)


def result_markup(result: ResultView, figure_font: str) -> str:
    """``result_line`` as paragraph markup with the figures set in ``figure_font``."""
    figures = "　".join(f'<font name="{figure_font}">{escape(format_figure(f))}</font>'
                       for f in result.figures)
    text = escape(result.text.strip())
    if figures and text.startswith(("（", "(")):
        return f"{figures}{text}"
    return "　".join(part for part in (text, figures) if part)


def grouped_results(results: Iterable[ResultView]) -> list[tuple[str, list[ResultView]]]:
    """Consecutive results under the same 【heading】, in order."""
    groups: list[tuple[str, list[ResultView]]] = []
    for res in results:
        if groups and groups[-1][0] == res.heading:
            groups[-1][1].append(res)
        else:
            groups.append((res.heading, [res]))
    return groups
