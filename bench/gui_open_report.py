"""Bench: opening a report — an initiative selected in the plan tree, its page and report form shown.

    .venv/bin/python bench/gui_open_report.py [--db PLAN.sqlite3 | --initiatives 10000] [--repeat 30]

Subject: the main window (shown, offscreen) with a department's identity; one initiative
of that department is selected in the tree (``QTreeView.setCurrentIndex``, as a click
does), then the events it causes are processed until the page — the plan part, the KPI
totals and the editable report form of the current cycle — is laid out and painted
(``processEvents`` + a synchronous ``repaint`` of the page area). Each round selects another
initiative, so every measurement builds a page. Baseline: the same on the Hitachinaka
sample plan (34 initiatives) in the same process: what the plan's size adds. Without
``--db`` a synthetic plan is built with bench/synth.py (10,000 initiatives, about a minute).
No goal yet (issue 17 asks for the figure). Prints a table and one JSON line. Runs
headless; the user's real data folder is not touched.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gui_micro import arguments, close_window, database, headless, sample_database, shown_window, stats

headless()


def _opened(app: Any, db: str, repeat: int, prof: cProfile.Profile | None) -> tuple[list[float], int]:
    """Open ``repeat`` pages in a fresh main window on ``db``: (milliseconds each, initiatives)."""
    window = shown_window(app, db, department=True)
    dept_name = window.identity.department
    mine = [i for i in window.model.initiatives() if any(d.name == dept_name for d in i.departments)]
    step = max(1, len(mine) // (repeat + 1))
    picks = [mine[(k * step) % len(mine)] for k in range(repeat + 1)]
    times: list[float] = []
    for ini in picks:
        index = window.proxy.mapFromSource(window.model.index_of_initiative(ini.id))
        t0 = time.perf_counter()
        if prof is not None:
            prof.enable()
        window.tree.setCurrentIndex(index)
        app.processEvents()
        window.page_scroll.repaint()
        if prof is not None:
            prof.disable()
        times.append((time.perf_counter() - t0) * 1000)
        page = window.page
        assert page is not None and page.initiative.id == ini.id and page.forms, "no report form shown"
        assert any(form.editable for form in page.forms)
    count = len(window.model.initiatives())
    close_window(app, window)
    return times[1:], count  # the first page also imports the page's modules


def main() -> int:
    args = arguments(__doc__, 30)

    from PySide6.QtWidgets import QApplication

    db = database(args)
    sample = sample_database()
    app = QApplication(sys.argv[:1])
    prof = cProfile.Profile() if os.environ.get("PROFILE") else None  # PROFILE=1: where the time goes
    subject, count = _opened(app, db, args.repeat, prof)
    baseline, sample_count = _opened(app, sample, args.repeat, None)
    if prof is not None:
        pstats.Stats(prof).sort_stats("cumtime").print_stats(30)
    s, b = stats(subject), stats(baseline)
    print(f"{'':<44}{'median':>10}{'min':>10}{'max':>10}  (ms)")
    print(f"{f'open a report, plan of {count:,} initiatives':<44}"
          f"{s['median_ms']:>10.1f}{s['min_ms']:>10.1f}{s['max_ms']:>10.1f}")
    print(f"{f'open a report, sample plan ({sample_count} initiatives)':<44}"
          f"{b['median_ms']:>10.1f}{b['min_ms']:>10.1f}{b['max_ms']:>10.1f}")
    print(f"ratio of the medians: {s['median_ms'] / b['median_ms']:.2f}×")
    print(json.dumps({"bench": "gui_open_report", "initiatives": count, "subject": s,
                      "baseline_initiatives": sample_count, "baseline": b}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
