"""How 実績 figures and KPI values are written on paper.

A figure is its label, its value with thousands separators and its unit
(``実施回数 23回``, ``6,051件``); round amounts of 100,000 or more are written with 万 as
Japanese documents do (``20万円``, ``約63万人``).

A 実績 line is printed as the department wrote it: when its text contains its figures
(「新規で8業務に導入（累計18業務）」), the text is printed unchanged with each figure set in
bold where it stands; only a text written without its figures gets them appended.
"""

from __future__ import annotations

import re
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


def _figure_pattern(fig: FigureView) -> re.Pattern[str]:
    """The figure as a writer may have put it in the text: 6,051 件 / 6051件 / 20 万円."""
    v = fig.value
    forms = [re.escape(format_number(v)), re.escape(format_number(v).replace(",", ""))]
    if float(v).is_integer() and abs(v) >= 10_000 and v % 10_000 == 0:
        forms.append(re.escape(format_number(v / 10_000)) + r"\s*万")
    unit = r"\s*" + re.escape(fig.unit) if fig.unit else ""
    return re.compile(rf"(?<![0-9０-９.,])(?:{'|'.join(forms)})(?![0-9０-９]|[.,][0-9]){unit}")


def figure_spans(result: ResultView) -> list[tuple[int, int]] | None:
    """Where each figure stands in the text, in order; None when one is not written there."""
    text = result.text.strip()
    spans: list[tuple[int, int]] = []
    pos = 0
    for fig in result.figures:
        m = _figure_pattern(fig).search(text, pos)
        if m is None:
            return None
        spans.append(m.span())
        pos = m.end()
    return spans


def result_line(result: ResultView) -> str:
    """One 実績 bullet as printed: the text as written when it holds its figures; else its
    words, then its figures (a note in brackets follows the figures it qualifies:
    ``526台（児童クラブへの貸出しを含む。）``)."""
    text = result.text.strip()
    if figure_spans(result) is not None:
        return text
    figures = "　".join(format_figure(f) for f in result.figures)
    if figures and text.startswith(("（", "(")):
        return f"{figures}{text}"
    return "　".join(part for part in (text, figures) if part)


def result_markup(result: ResultView, figure_font: str) -> str:
    """``result_line`` as paragraph markup with the figures set in ``figure_font``, in
    place; the text's line breaks are kept."""
    text = result.text.strip()
    spans = figure_spans(result)
    if spans is not None:
        out, pos = [], 0
        for a, b in spans:
            out += [escape(text[pos:a]), f'<font name="{figure_font}">{escape(text[a:b])}</font>']
            pos = b
        out.append(escape(text[pos:]))
        return "".join(out).replace("\n", "<br/>")
    figures = "　".join(f'<font name="{figure_font}">{escape(format_figure(f))}</font>'
                       for f in result.figures)
    text = escape(text).replace("\n", "<br/>")
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
