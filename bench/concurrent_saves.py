"""Many clerks saving at once: ``python bench/concurrent_saves.py [--clients 50] [--saves 10] [--pg-url URL]``.

Each client (a process with its own Store and connections) saves its own report
``--saves`` times, each from the version it last saw, as the report screen's autosave does.
Run on a SQLite file and — with ``--pg-url`` or PLANDESK_TEST_PG_URL (an administrator URL of
a server, e.g. the one scripts/postgres.sh starts) — on a new PostgreSQL database. Prints
saves per second, median and p95 latency, conflicts, and how many saves were lost (a
report not holding its client's last text and version): must be 0.
"""

from __future__ import annotations

import argparse
import multiprocessing
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "src"))

from planDesk.core.errors import ConflictError
from planDesk.core.persistence.store import Store
from planDesk.core.plan.setup import init_sample
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.reports.ops import ReportInput, save_report


def pairs(store: Store, n: int) -> list[tuple[int, int]]:
    """``n`` (initiative, department) pairs a department reports on (全部署 initiatives first)."""
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s), with_reports=False)
    real = [d.id for d in plan.departments if not d.pseudo]
    out: list[tuple[int, int]] = []
    for ini in plan.initiatives():
        if any(d.pseudo == "all" for d in ini.departments):
            out.extend((ini.id, d) for d in real)
    if len(out) < n:
        raise SystemExit(f"only {len(out)} reports to save, {n} clients asked")
    return out[:n]


def _client(i: int, target: str, ini: int, dept: int, saves: int, start: Any, out: Any) -> None:
    """One clerk in its own process: ``saves`` saves, each from the version it last saw."""
    store = Store.open(target, actor=f"client{i}")
    with store.read():
        pass  # connected before the start
    version, conflicts, latencies = 0, 0, []
    start.wait()
    for k in range(saves):
        t0 = time.perf_counter()
        try:
            _c, version = save_report(store, ReportInput(ini, dept, 2024, activities=f"client{i} save{k}"),
                                      expected_version=version)
        except ConflictError:
            conflicts += 1
        latencies.append(time.perf_counter() - t0)
    store.close()
    out.put((latencies, conflicts))


def run(target: str, clients: int, saves: int) -> dict[str, Any]:
    setup = Store.open(target, actor="bench")
    init_sample(setup, "hitachinaka")
    work = pairs(setup, clients)
    # separate processes, as separate PCs would be (threads would measure Python's GIL); they
    # come from a fork server that imported planDesk once
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(["planDesk.core.reports.ops"])
    start, out = ctx.Barrier(clients + 1), ctx.Queue()
    procs = [ctx.Process(target=_client, args=(i, target, ini, dept, saves, start, out))
             for i, (ini, dept) in enumerate(work)]
    for p in procs:
        p.start()
    start.wait()
    t0 = time.perf_counter()
    latencies: list[float] = []
    conflicts = 0
    for _ in procs:
        mine, c = out.get(timeout=600)
        latencies.extend(mine)
        conflicts += c
    elapsed = time.perf_counter() - t0
    for p in procs:
        p.join()
    lost = 0
    with setup.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    by_key = {(r.initiative_id, r.department_id): r for ini in plan.initiatives() for r in ini.reports}
    for i, (ini, dept) in enumerate(work):
        r = by_key.get((ini, dept))
        if r is None or r.activities != f"client{i} save{saves - 1}" or r.version != saves:
            lost += 1
    setup.close()
    latencies.sort()
    return {"saves": len(latencies), "seconds": elapsed, "saves_per_s": len(latencies) / elapsed,
            "median_ms": 1000 * statistics.median(latencies),
            "p95_ms": 1000 * latencies[int(0.95 * (len(latencies) - 1))], "conflicts": conflicts, "lost": lost}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--clients", type=int, default=50)
    ap.add_argument("--saves", type=int, default=10)
    ap.add_argument("--pg-url", default=os.environ.get("PLANDESK_TEST_PG_URL"))
    args = ap.parse_args()
    os.environ.setdefault("PLANDESK_BUSY_TIMEOUT_MS", "60000")
    results: dict[str, dict[str, Any]] = {}
    with tempfile.TemporaryDirectory() as tmp:
        results["sqlite"] = run(str(Path(tmp) / "bench.sqlite3"), args.clients, args.saves)
    if args.pg_url:
        from sqlalchemy import create_engine, text
        from sqlalchemy.engine import make_url

        from planDesk.core.persistence.server_upgrade import upgrade_server

        admin = create_engine(args.pg_url, isolation_level="AUTOCOMMIT")
        name = f"plandesk_bench_{os.getpid()}"
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        url = make_url(args.pg_url).set(database=name).render_as_string(hide_password=False)
        try:
            upgrade_server(url, backup=False)
            results["postgresql"] = run(url, args.clients, args.saves)
        finally:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
            admin.dispose()
    print(f"{args.clients} clients × {args.saves} saves each")
    print(f"{'backend':<11} {'saves/s':>8} {'median ms':>10} {'p95 ms':>8} {'conflicts':>9} {'lost':>5}")
    for backend, r in results.items():
        print(f"{backend:<11} {r['saves_per_s']:8.1f} {r['median_ms']:10.1f} {r['p95_ms']:8.1f} "
              f"{r['conflicts']:9d} {r['lost']:5d}")
    return 1 if any(r["lost"] for r in results.values()) else 0


if __name__ == "__main__":
    sys.exit(main())
