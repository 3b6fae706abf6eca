"""Bench: filtering the plan tree in the main window, until the tree has painted.

    .venv/bin/python bench/gui_window_filter.py [--db PLAN.sqlite3 | --initiatives 10000] [--repeat 10]

gui_tree_filter.py times the filter proxy alone; this times what the user waits for in
the window (shown, offscreen, the division's identity: every initiative listed): a
criterion set in the filter bar (the search text, as after the typing pause; 重点), the
window applying it (``MainWindow._apply_filter``: the proxy, the match count, the tree
expanded) and the tree's viewport repainted. Each round starts from no filter. Baseline:
the same on the Hitachinaka sample plan (34 initiatives) in the same process. Without
``--db`` a synthetic plan is built with bench/synth.py (10,000 initiatives, about a
minute). No goal yet. Prints a table and one JSON line. Runs headless.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gui_micro import arguments, close_window, database, headless, sample_database, shown_window, stats

headless()

SEARCH = "デジタル"  # a word of the vocabulary of real plans (and of bench/synth_text.py)


def _filtered(app: Any, db: str, repeat: int) -> tuple[dict[str, list[float]], int]:
    """Milliseconds per filter change in a main window on ``db``, and the initiatives."""
    window = shown_window(app, db, department=False)
    bar = window.filter_bar
    times: dict[str, list[float]] = {"search": [], "priority": [], "clear": []}

    def timed(name: str, change: Any) -> None:
        t0 = time.perf_counter()
        change()
        app.processEvents()
        window.tree.viewport().repaint()
        times[name].append((time.perf_counter() - t0) * 1000)

    def search() -> None:
        bar.search.setText(SEARCH)
        bar.flush()  # what the typing pause's timer does

    for _ in range(repeat):
        timed("search", search)
        assert window.proxy.matching_count() is not None
        timed("clear", bar.reset)
        assert window.proxy.matching_count() is None
        timed("priority", lambda: bar.priority.setChecked(True))
        bar.reset()
        app.processEvents()
    count = len(window.model.initiatives())
    close_window(app, window)
    return times, count


def main() -> int:
    args = arguments(__doc__, 10)

    from PySide6.QtWidgets import QApplication

    db = database(args)
    sample = sample_database()
    app = QApplication(sys.argv[:1])
    subject, count = _filtered(app, db, args.repeat)
    baseline, sample_count = _filtered(app, sample, args.repeat)
    print(f"{'':<36}{'median':>10}{'min':>10}{'max':>10}   sample plan: median  (ms)")
    out: dict[str, Any] = {"bench": "gui_window_filter", "initiatives": count,
                           "baseline_initiatives": sample_count}
    for name in subject:
        s, b = stats(subject[name]), stats(baseline[name])
        label = f"{name}, plan of {count:,} initiatives"
        print(f"{label:<36}{s['median_ms']:>10.1f}{s['min_ms']:>10.1f}{s['max_ms']:>10.1f}{b['median_ms']:>22.1f}")
        out[name] = {"subject": s, "baseline": b}
    print(json.dumps(out, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
