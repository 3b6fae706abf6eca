"""Where ``load-plan``'s time goes, as fresh processes (issue 17: its goal, ≤ 1.5× the
baseline, against what cannot be avoided while the whole plan is read through the store).

    .venv/bin/python bench/load_plan_parts.py PLAN.sqlite3 [--repeat 5]

Each part is measured as its own process, alternately, CPU seconds (medians):

- ``python``: the interpreter starting and stopping;
- ``imports``: importing what ``load_plan_once.py`` imports (the store, SQLAlchemy, the ORM
  models, the views) and nothing else;
- ``queries``: load_plan's own SQL (captured from ``load_plan`` once, before the runs) run
  and fetched by the standard library's sqlite3 with nothing around it — no SQLAlchemy,
  no views;
- ``baseline``: bench/baselines/sqlite_rows.py, the load-plan scenario's baseline;
- ``load_plan``: bench/load_plan_once.py, the scenario's subject.

``imports + queries − python`` is the least the subject could cost while it imports the
store and reads every row it reads now: its ratio to the baseline is printed as the floor.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.run import run_once

BENCH = Path(__file__).resolve().parent

QUERIES = """
import json, sqlite3, sys
conn = sqlite3.connect(f"file:{sys.argv[1]}?mode=ro", uri=True)
rows = [conn.execute(sql).fetchall() for sql in json.load(open(sys.argv[2], encoding="utf-8"))]
print(sum(map(len, rows)))
"""


def captured_sql(db: str) -> list[str]:
    """The statements ``load_plan`` runs on ``db``, as SQL text."""
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan import view

    seen: list[str] = []
    real = view._rows

    def spy(conn, stmt):  # type: ignore[no-untyped-def]
        seen.append(str(stmt.compile(dialect=conn.dialect, compile_kwargs={"literal_binds": True})))
        return real(conn, stmt)

    view._rows = spy
    try:
        store = Store.open(db, create=False, actor="bench")
        with store.read() as session:
            view.load_plan(session, view.resolve_plan_id(session, None))
        store.close()
    finally:
        view._rows = real
    return seen


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("db")
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        sql = Path(tmp) / "sql.json"
        sql.write_text(json.dumps(captured_sql(args.db)), encoding="utf-8")
        py = sys.executable
        parts = {
            "python": [py, "-c", "pass"],
            "imports": [py, "-c", "import planDesk.core.persistence.store, planDesk.core.plan.view"],
            "queries": [py, "-c", QUERIES, args.db, str(sql)],
            "baseline": [py, str(BENCH / "baselines" / "sqlite_rows.py"), args.db],
            "load_plan": [py, str(BENCH / "load_plan_once.py"), args.db],
        }
        cpu: dict[str, list[float]] = {name: [] for name in parts}
        for round_no in range(args.repeat + 1):  # round 0 warms the file cache, untimed
            names = list(parts) if round_no % 2 else list(reversed(parts))
            for name in names:
                run = run_once(parts[name], {}, 300)
                if round_no:
                    cpu[name].append(run.cpu)
    med = {name: statistics.median(values) for name, values in cpu.items()}
    for name, value in med.items():
        print(f"{name:<10} {value:6.3f} s CPU (median of {args.repeat})")
    floor = med["imports"] + med["queries"] - med["python"]
    print(f"floor (imports + queries − python) {floor:.3f} s = {floor / med['baseline']:.2f}× the baseline; "
          f"load_plan {med['load_plan'] / med['baseline']:.2f}×")
    print(json.dumps({"bench": "load_plan_parts", **med, "floor": floor}))
    return 0


if __name__ == "__main__":
    sys.exit(main())
