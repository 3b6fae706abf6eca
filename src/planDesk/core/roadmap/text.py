"""Text of the roadmap chart: fitting labels into a width, and the words of tooltips.

Japanese has no spaces, so lines break between any two characters, except that a line
never starts with closing punctuation or a prolonged-sound mark nor ends with an opening
bracket (禁則処理, the common subset) and a run of Latin letters or digits is kept whole when it can be.
"""

from __future__ import annotations

from planDesk.core.domain.fiscal import format_fy, format_fy_short
from planDesk.core.plan.view import InitiativeView, StepView
from planDesk.core.roadmap.primitives import TextMeasurer
from planDesk.core.roadmap.style import STATE_LABELS

ELLIPSIS = "…"
_NO_LINE_START = set("、。，．,.）)」』】〕］]｝}〉》ー－ｰ・：:；;！!？?ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ々"
                     "→—―")
_NO_LINE_END = set("（(「『【〔［[｛{〈《")
_KIND_LABELS = {"one-off": "単年度・期間", "continuing": "継続", "milestone": "節目"}


def _fit(text: str, width: float, style: str, m: TextMeasurer, suffix: str = "") -> int:
    """The longest n such that text[:n] + suffix fits in width (binary search)."""
    lo, hi = 0, len(text)
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if m.width(text[:mid] + suffix, style) <= width:
            lo = mid
        else:
            hi = mid - 1
    return lo


def elide(text: str, width: float, style: str, m: TextMeasurer) -> str:
    """``text`` cut with … so that it fits ``width`` ("" when not even … fits)."""
    if m.width(text, style) <= width:
        return text
    n = _fit(text, width, style, m, ELLIPSIS)
    if n == 0 and m.width(ELLIPSIS, style) > width:
        return ""
    return text[:n] + ELLIPSIS


def _is_word(c: str) -> bool:
    return c.isascii() and c.isalnum()


def _break_at(text: str, n: int) -> int:
    """Move a break position back so that the next line starts well."""
    if n <= 0 or n >= len(text):
        return n
    k = n
    if _is_word(text[k]) and _is_word(text[k - 1]):
        start = k
        while start > 0 and _is_word(text[start - 1]):
            start -= 1
        if start > 0:
            k = start
    while k > 1 and (text[k] in _NO_LINE_START or text[k - 1] in _NO_LINE_END):
        k -= 1
    return k


def wrap(text: str, width: float, style: str, m: TextMeasurer, max_lines: int) -> list[str]:
    """Lines of at most ``width``; the last of ``max_lines`` lines is elided if needed."""
    if m.width(text, style) <= width:
        return [text]
    lines: list[str] = []
    rest = text
    while rest and len(lines) < max_lines - 1:
        if m.width(rest, style) <= width:
            lines.append(rest)
            return _no_widow(lines)
        n = max(1, _break_at(rest, _fit(rest, width, style, m)))
        lines.append(rest[:n])
        rest = rest[n:]
    if rest:
        lines.append(elide(rest, width, style, m))
    return _no_widow(lines)


def _no_widow(lines: list[str]) -> list[str]:
    """A last line of one character alone (「…安全・安心を守／る」) takes the character before
    it along, when the rules allow (issue 16)."""
    if len(lines) < 2 or len(lines[-1]) != 1 or len(lines[-2]) < 3:
        return lines
    prev, last = lines[-2], lines[-1]
    if prev[-1] in _NO_LINE_START or prev[-2] in _NO_LINE_END or (
            _is_word(prev[-1]) and (_is_word(prev[-2]) or _is_word(last))):  # a Latin word stays whole
        return lines
    return [*lines[:-2], prev[:-1], prev[-1] + last]


def period_text(step: StepView) -> str:
    """令和5年度第3四半期〜令和6年度 style span of a step."""
    def end_text(fy: int, quarter: int | None, month: int | None) -> str:
        if month:
            return f"{format_fy(fy)}（{month}月）"
        if quarter:
            return f"{format_fy(fy)}第{quarter}四半期"
        return format_fy(fy)

    start = end_text(step.start_fy, step.start_quarter, step.start_month)
    end = end_text(step.end_fy, step.end_quarter, step.end_month)
    if step.kind == "continuing":
        return f"{start}〜"
    return start if start == end else f"{start}〜{end}"


def step_tooltip(ini: InitiativeView, step: StepView, state: str | None,
                 details: list[tuple[str, str]], cycle_fy: int | None) -> str:
    """The tooltip of a step: label, span, state (per department), goals and targets."""
    lines = [step.label, f"{ini.code} {ini.title}",
             f"期間：{period_text(step)}（{_KIND_LABELS.get(step.kind, step.kind)}）"]
    when = f"（{format_fy(cycle_fy)}の報告）" if cycle_fy is not None else ""
    lines.append(f"状況：{STATE_LABELS.get(state or 'none', '報告なし')}{when}")
    if len(details) > 1:
        lines.extend(f"　{dept}：{STATE_LABELS.get(s, s)}" for dept, s in details)
    goals = [g for g in ini.goals if g.mark in step.goal_marks]
    for g in goals:
        target = ""
        if g.target_start_fy is not None:
            end = g.target_end_fy if g.target_end_fy is not None else g.target_start_fy
            target = format_fy(g.target_start_fy) + ("" if end == g.target_start_fy else f"〜{format_fy(end)}")
            target = f"（目標年度 {target}）"
        lines.append(f"目標{g.mark}：{g.text}{target}")
        for k in ini.kpis:
            if k.goal_mark == g.mark and k.target is not None:
                fy = f"（{format_fy(k.target_fy)}）" if k.target_fy is not None else ""
                lines.append(f"　指標 {k.name}：目標値 {_number(k.target)}{k.unit}{fy}")
    if not goals:
        lines.append("目標：（工程表に目標の記載なし）")
    return "\n".join(lines)


def _number(v: float) -> str:
    return f"{int(v):,}" if float(v).is_integer() else f"{v:,}"


def initiative_label(ini: InitiativeView) -> str:
    """The row label of an initiative: code, title and flags as in the plan document."""
    flags = ""
    if ini.priority:
        flags += "【重点】"
    if ini.new_in_fy is not None:
        flags += f"【{format_fy_short(ini.new_in_fy)}新規】"
    return f"{ini.code} {ini.title}{flags}"


def departments_label(ini: InitiativeView) -> str:
    return "・".join(ini.department_names) + ("など" if ini.departments_more else "")
