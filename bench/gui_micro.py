"""What the GUI micro-benches (gui_save_latency.py, gui_plan_rename.py, gui_open_report.py,
gui_window_filter.py) share: a headless environment that leaves the user's data alone, their
arguments, the plan database they measure on, a main window shown on it and the statistics
they print. Not a scenario of run.py (no ``SCENARIOS``)."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any


def headless() -> None:
    """Offscreen Qt, a throw-away data folder, no autosave timer writing between measurements."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    os.environ["PLANDESK_DATA_DIR"] = tempfile.mkdtemp(prefix="plandesk-bench-")
    os.environ["PLANDESK_AUTOSAVE_MS"] = "3600000"  # only the measured saves write


def arguments(description: str | None, repeat: int) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--db", help="a plan database (default: build a synthetic plan)")
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=repeat)
    return parser.parse_args()


def database(args: argparse.Namespace) -> str:
    """``--db``, or a synthetic plan of ``--initiatives`` built now (bench/synth.py)."""
    if args.db is not None:
        return str(args.db)
    from bench.synth import build_synthetic_plan

    db = str(Path(tempfile.mkdtemp()) / "synthetic.sqlite3")
    build_synthetic_plan(db, args.initiatives)
    return db


def sample_database() -> str:
    """A fresh database holding the built-in Hitachinaka plan (the small plan beside the large)."""
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.setup import init_sample

    sample = str(Path(tempfile.mkdtemp()) / "sample.sqlite3")
    store = Store.open(sample, actor="bench")
    init_sample(store, "hitachinaka")
    store.close()
    return sample


def stats(times: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}


def shown_window(app: Any, db: str, department: bool) -> Any:
    """A main window on ``db``'s first plan, shown (offscreen) as a user has it: with the
    department that has the most initiatives of its own (``department``) or the division
    as identity, and the filter's search texts already folded (they are folded in slices
    while idle after the plan is shown, gui/plan/filter.py). The caller closes it."""
    from planDesk.core.persistence.store import Store
    from planDesk.gui import data_access, settings
    from planDesk.gui.identity import Identity
    from planDesk.gui.window.main_window import MainWindow

    store = Store.open(db, actor="bench")
    plan_key = data_access.plans(store)[0].key
    window = MainWindow(store)
    window.load_plans(plan_key)
    assert window.plan is not None
    identity = Identity(None)
    if department:
        counts: dict[str, int] = {}
        for ini in window.plan.initiatives():
            for dept in ini.departments:
                if dept.pseudo is None:
                    counts[dept.name] = counts.get(dept.name, 0) + 1
        identity = Identity(max(counts, key=lambda name: counts[name]))
    settings.set_identity_value(plan_key, identity.to_setting())
    window.set_identity(identity)
    window.show()
    deadline = time.perf_counter() + 60
    while window.proxy._folder.isActive() and time.perf_counter() < deadline:
        app.processEvents()
    app.processEvents()
    return window


def close_window(app: Any, window: Any) -> None:
    store = window.store
    window.close()
    window.deleteLater()
    app.processEvents()
    store.close()
