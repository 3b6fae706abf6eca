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
    # Hatching over the fill so that states differ on a black-and-white printer too:
    # "" none, "hatch" diagonal lines (／), "back" the other diagonal (＼), "cross" both (×).
    # See pattern_lines.
    pattern: str = ""
    pattern_color: str = "#1f2328"


STYLES: dict[str, Style] = {
    # header and label column
    "header.cell": Style(fill="#e8edf3", stroke="#9aa7b8"),
    "header.fy": Style(font=BOLD, size=9.0),
    "header.minor": Style(size=7.5),
    "header.corner": Style(font=BOLD, size=9.0),
    "label.initiative": Style(size=8.0),
    "label.code": Style(font=BOLD, size=8.0),
    "label.departments": Style(size=6.5, color="#57606a"),
    # a group's label by its depth (1 = top level; deeper than 3 as 3)
    "label.group.1": Style(font=BOLD, size=9.0),
    "label.group.2": Style(font=BOLD, size=8.0),
    "label.group.3": Style(font=BOLD, size=7.5),
    "label.column": Style(fill="#ffffff", stroke="#9aa7b8"),
    # group bands across the chart, lighter with each depth
    "group.1": Style(fill="#d5dfeb", stroke="#9aa7b8"),
    "group.2": Style(fill="#eef2f7", stroke="#c3ccd8"),
    "group.3": Style(fill="#f7f9fb", stroke="#d5dbe3"),
    # grid
    "grid.year": Style(stroke="#7d8a9c", line_width=0.8),
    "grid.minor": Style(stroke="#c8d0da", line_width=0.4, dash=(2.0, 2.0)),
    "grid.row": Style(stroke="#d0d7de", line_width=0.4),
    # steps, one style per reported state. Each differs from the others in grey as well as
    # in colour (issue 16: a manager's copy comes off a black-and-white printer): light grey
    # (no report), white with a dashed outline and faint ＼ hatching (未着手), pale with ／
    # hatching (実施中),
    # dark solid (完了), mid with cross-hatching and a heavy outline (遅れ).
    "step.none": Style(fill="#d5dbe3", stroke="#5f7088"),
    "step.not_started": Style(fill="#ffffff", stroke="#2b3644", line_width=0.8, dash=(2.0, 1.5), pattern="back",
                              pattern_color="#8a96a6"),
    "step.in_progress": Style(fill="#a9cbee", stroke="#1f4e79", pattern="hatch", pattern_color="#1f4e79"),
    "step.done": Style(fill="#2f6b1a", stroke="#1d4410"),
    "step.delayed": Style(fill="#e88a8a", stroke="#7a0000", line_width=1.4, pattern="cross",
                          pattern_color="#7a0000"),
    # the legend's shape entries (実施期間, 継続, 節目): outline only, unlike any state
    "legend.shape": Style(stroke="#1f2328", line_width=0.6),
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


def group_style(depth: int) -> str:
    """The style name of a group's band at a depth (1 = top level)."""
    return f"group.{min(max(depth, 1), 3)}"


def group_label_style(depth: int) -> str:
    """The style name of a group's label at a depth (1 = top level)."""
    return f"label.group.{min(max(depth, 1), 3)}"


def step_style(state: str | None) -> str:
    """The style name of a step in a reported state (None: no report)."""
    return f"step.{state}" if state in STATE_LABELS else "step.none"


PATTERN_SPACING = 3.0  # points between hatch lines
PATTERN_WIDTH = 0.6


def pattern_lines(pattern: str, x: float, y: float, w: float, h: float,
                  spacing: float = PATTERN_SPACING) -> list[tuple[float, float, float, float]]:
    """The hatch lines (x1, y1, x2, y2) covering the box x, y, w, h (y down) for a style's
    ``pattern``; the painter clips them to the shape. Every painter draws these same lines."""
    if not pattern or w <= 0 or h <= 0:
        return []
    out: list[tuple[float, float, float, float]] = []
    n = int((w + h) // spacing) + 1
    for i in range(n + 1):
        c = i * spacing - h
        if pattern != "back":
            out.append((x + c, y + h, x + c + h, y))  # ／ rising to the right
        if pattern in ("back", "cross"):
            out.append((x + c, y, x + c + h, y + h))  # ＼
    return out


def rgb(color: str) -> tuple[int, int, int]:
    """(r, g, b) 0–255 of "#rrggbb"."""
    c = color.lstrip("#")
    return int(c[0:2], 16), int(c[2:4], 16), int(c[4:6], 16)
