"""Bench: saving the report form (Ctrl+S) on a large plan, beside the bare core save.

    .venv/bin/python bench/gui_save_latency.py [--db PLAN.sqlite3 | --initiatives 10000] [--repeat 30]

Subject: one edit in the report form, then ``ReportForm.save()`` — the core save plus
everything the window does after it (reading the initiative's reports back, refreshing
its tree row and the page). Baseline: ``report_ops.save_report`` alone with the same
input. Without ``--db`` a synthetic plan is built with bench/synth.py (10,000 initiatives,
about a minute). Goal (issue 3): subject median under 20 ms. Prints a table and one JSON
line. Runs headless (offscreen); the user's real data folder is not touched.
"""

from __future__ import annotations

import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.gui_micro import arguments, database, headless, stats

headless()

GOAL_MS = 20.0


def main() -> int:
    args = arguments(__doc__, 30)

    from PySide6.QtWidgets import QApplication

    from planDesk.core.persistence.store import Store
    from planDesk.core.reports.ops import save_report
    from planDesk.gui import settings
    from planDesk.gui.identity import Identity
    from planDesk.gui.report.values import to_input
    from planDesk.gui.window.main_window import MainWindow

    db = database(args)
    app = QApplication(sys.argv[:1])
    store = Store.open(db, actor="bench")
    t0 = time.perf_counter()
    window = MainWindow(store)
    from planDesk.gui import data_access

    plans = data_access.plans(store)
    plan_key = plans[0].key
    window.load_plans(plan_key)
    open_ms = (time.perf_counter() - t0) * 1000
    assert window.plan is not None
    # An initiative in the middle of the plan, reported on by a named department.
    inis = [i for i in window.model.initiatives() if any(d.pseudo is None for d in i.departments) and i.kpis]
    ini = inis[len(inis) // 2]
    dept = next(d for d in ini.departments if d.pseudo is None)
    settings.set_identity_value(plan_key, f"dept:{dept.name}")
    window.set_identity(Identity(dept.name))
    window.select_initiative(ini.id)
    assert window.page is not None and window.page.forms
    form = window.page.forms[0]

    subject: list[float] = []
    prof = cProfile.Profile() if os.environ.get("PROFILE") else None  # PROFILE=1: where the time goes
    for i in range(args.repeat):
        form._edited("activities", f"ベンチマークの入力 {i}")  # the path a keystroke takes
        t0 = time.perf_counter()
        if prof is not None:
            prof.enable()
        ok = form.save()
        if prof is not None:
            prof.disable()
        subject.append((time.perf_counter() - t0) * 1000)
        assert ok, form.message.text()
        app.processEvents()

    baseline: list[float] = []
    version = form.version
    for i in range(args.repeat):
        data = to_input(ini, dept.id, window.cycle.fy, window.cycle.half,
                        {**form.values(), "activities": f"基準の入力 {i}"})
        t0 = time.perf_counter()
        _change, version = save_report(store, data, expected_version=version)
        baseline.append((time.perf_counter() - t0) * 1000)

    if prof is not None:
        pstats.Stats(prof).sort_stats("tottime").print_stats(14)
    count = len(window.model.initiatives())
    s, b = stats(subject), stats(baseline)
    print(f"plan: {count:,} initiatives; window open (plan load + tree) {open_ms:,.0f} ms")
    print(f"{'':<28}{'median':>10}{'min':>10}{'max':>10}  (ms)")
    print(f"{'report form save (GUI)':<28}{s['median_ms']:>10.1f}{s['min_ms']:>10.1f}{s['max_ms']:>10.1f}")
    print(f"{'save_report (core only)':<28}{b['median_ms']:>10.1f}{b['min_ms']:>10.1f}{b['max_ms']:>10.1f}")
    verdict = "OK" if s["median_ms"] < GOAL_MS else "over the goal"
    print(f"goal: median under {GOAL_MS:.0f} ms — {verdict}")
    print(json.dumps({"bench": "gui_save_latency", "initiatives": count, "open_ms": open_ms,
                      "subject": s, "baseline": b, "goal_ms": GOAL_MS}, ensure_ascii=False))
    window.close()
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
