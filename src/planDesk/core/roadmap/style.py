"""Named styles of the roadmap (工程表) chart, shared by every painter.

The layout only names a style ("step.done", "grid.year" …); the screen, PNG and PDF
painters look the name up here, so a colour is changed in one place and the three
outputs cannot disagree. Sizes are in points (1/72 inch).
"""

from __future__ import annotations

from dataclasses import dataclass

from planDesk.core.domain.workflow import NO_REPORT_LABEL, STEP_STATE_LABELS

# Font families by role; painters map them to the bundled BIZ UD fonts.
REGULAR = "gothic"
BOLD = "gothic-bold"

# Step states reported in progress reports, in legend order, with their Japanese labels.
STATE_LABELS: dict[str, str] = {**STEP_STATE_LABELS, "none": NO_REPORT_LABEL}


@dataclass(frozen=True, slots=True)
class Style:
    fill: str | None = None  # "#rrggbb" or None (no fill)
    stroke: str | None = None  # outline / line colour or None
    line_width: float = 0.5
    font: str = REGULAR
    size: float = 8.0  # font size in points
    color: str = "#1f2328"  # text colour
    dash: tuple[float, ...] = ()  # line dash pattern in points; () = solid


STYLES: dict[str, Style] = {
    # header and label column
    "header.cell": Style(fill="#e8edf3", stroke="#9aa7b8"),
    "header.fy": Style(font=BOLD, size=9.0),
    "header.minor": Style(size=7.5),
    "header.corner": Style(font=BOLD, size=9.0),
    "label.initiative": Style(size=8.0),
    "label.code": Style(font=BOLD, size=8.0),
    "label.departments": Style(size=6.5, color="#57606a"),
    "label.policy": Style(font=BOLD, size=9.0),
    "label.item": Style(font=BOLD, size=8.0),
    "label.column": Style(fill="#ffffff", stroke="#9aa7b8"),
    # group bands across the chart
    "group.policy": Style(fill="#d5dfeb", stroke="#9aa7b8"),
    "group.item": Style(fill="#eef2f7", stroke="#c3ccd8"),
    # grid
    "grid.year": Style(stroke="#7d8a9c", line_width=0.8),
    "grid.minor": Style(stroke="#c8d0da", line_width=0.4, dash=(2.0, 2.0)),
    "grid.row": Style(stroke="#d0d7de", line_width=0.4),
    # steps, one style per reported state
    "step.none": Style(fill="#b9c6d6", stroke="#5f7088"),
    "step.not_started": Style(fill="#ffffff", stroke="#4a5a70", line_width=0.8),
    "step.in_progress": Style(fill="#3d85c6", stroke="#1f4e79"),
    "step.done": Style(fill="#6aa84f", stroke="#38761d"),
    "step.delayed": Style(fill="#e06666", stroke="#990000", line_width=1.2),
    "step.label": Style(size=7.5),
    # today
    "today.line": Style(stroke="#d1242f", line_width=1.0, dash=(3.0, 2.0)),
    "today.tag": Style(fill="#ffffff", stroke="#d1242f", size=7.0, color="#d1242f"),
    "today.note": Style(fill="#fff5f5", stroke="#d1242f", size=7.0, color="#d1242f"),
    # page furniture (PDF / PNG)
    "page.title": Style(font=BOLD, size=12.0),
    "page.subtitle": Style(size=8.0, color="#57606a"),
    "page.number": Style(size=8.0),
    "legend.label": Style(size=7.5),
    "empty.note": Style(size=9.0, color="#57606a"),
}


def style(name: str) -> Style:
    """The style of a name; unknown names fall back to a plain style (never an error)."""
    return STYLES.get(name, _PLAIN)


_PLAIN = Style()


def step_style(state: str | None) -> str:
    """The style name of a step in a reported state (None: no report)."""
    return f"step.{state}" if state in STATE_LABELS else "step.none"


def rgb(color: str) -> tuple[int, int, int]:
    """(r, g, b) 0–255 of "#rrggbb"."""
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
