"""Bench: filtering the plan tree (text search, flags) on a plan database.

    .venv/bin/python bench/gui_tree_filter.py [--db PLAN.sqlite3] [--repeat 20]

Without ``--db`` the Hitachinaka sample is used (34 initiatives); pass a database made by
the synthetic-plan generator for the 10,000-initiative plan. Prints the median, min and max
of each scenario in milliseconds, and one JSON line. Runs headless (offscreen).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--db", help="plan database (default: a fresh copy of the Hitachinaka sample)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()

    from PySide6.QtWidgets import QApplication

    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.setup import init_sample
    from planDesk.gui import data_access
    from planDesk.gui.identity import Identity
    from planDesk.gui.plan.filter import FilterSpec, PlanFilterProxy
    from planDesk.gui.plan.report_index import Cycle, ReportIndex
    from planDesk.gui.plan.tree_model import PlanTreeModel

    app = QApplication(sys.argv[:1])
    db = args.db
    if db is None:
        db = str(Path(tempfile.mkdtemp()) / "bench.sqlite3")
        init_sample(Store.open(db), "hitachinaka")
    store = Store.open(db)
    t0 = time.perf_counter()
    plan = data_access.plan(store, data_access.plans(store)[0].id)
    load_ms = (time.perf_counter() - t0) * 1000
    model = PlanTreeModel()
    proxy = PlanFilterProxy()
    proxy.setSourceModel(model)
    t0 = time.perf_counter()
    model.set_plan(plan)
    proxy.plan_changed()
    reports = ReportIndex(plan)
    dept = next(d.name for d in plan.departments if d.pseudo is None)
    identity = Identity(dept)
    cycle = Cycle(plan.start_fy)
    model.set_context(reports, identity, cycle)
    build_ms = (time.perf_counter() - t0) * 1000
    count = sum(1 for _ in plan.initiatives())

    scenarios = {
        "text": FilterSpec(text="デジタル"),
        "text-fullwidth": FilterSpec(text="ＤＸ"),
        "mine+priority": FilterSpec(mine=True, priority=True),
        "status-draft": FilterSpec(status="draft"),
        "clear": FilterSpec(),
    }
    def settle() -> int:
        # What the tree view asks for: every shown row of the first two levels.
        rows = 0
        for r in range(proxy.rowCount()):
            top = proxy.index(r, 0)
            for c in range(proxy.rowCount(top)):
                rows += proxy.rowCount(proxy.index(c, 0, top))
        return rows

    t0 = time.perf_counter()
    proxy.apply(FilterSpec(text="デジタル"), reports, identity, cycle)
    settle()
    first_ms = (time.perf_counter() - t0) * 1000  # includes folding every search text once
    results: dict[str, dict[str, float]] = {}
    for name, spec in scenarios.items():
        times = []
        for _ in range(args.repeat):
            proxy.apply(FilterSpec(text="x-warm"), reports, identity, cycle)
            t0 = time.perf_counter()
            proxy.apply(spec, reports, identity, cycle)
            settle()
            times.append((time.perf_counter() - t0) * 1000)
        results[name] = {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}
    print(f"plan: {count} initiatives; load {load_ms:.0f} ms; tree build {build_ms:.0f} ms; "
          f"first text search {first_ms:.0f} ms")
    print(f"{'scenario':<16}{'median':>10}{'min':>10}{'max':>10}  (ms)")
    for name, r in results.items():
        print(f"{name:<16}{r['median_ms']:>10.1f}{r['min_ms']:>10.1f}{r['max_ms']:>10.1f}")
    print(json.dumps({"bench": "gui_tree_filter", "initiatives": count, "load_ms": load_ms,
                      "build_ms": build_ms, "first_search_ms": first_ms, "scenarios": results}, ensure_ascii=False))
    store.close()
    del app
    return 0


if __name__ == "__main__":
    sys.exit(main())
