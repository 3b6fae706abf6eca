"""What the GUI micro-benches (gui_save_latency.py, gui_plan_rename.py) share: a headless
environment that leaves the user's data alone, their arguments, the plan database they
measure on and the statistics they print. Not a scenario of run.py (no ``SCENARIOS``)."""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
from pathlib import Path


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


def stats(times: list[float]) -> dict[str, float]:
    return {"median_ms": statistics.median(times), "min_ms": min(times), "max_ms": max(times)}
