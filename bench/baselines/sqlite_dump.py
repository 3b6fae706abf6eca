"""Baseline of the ``show --json`` scenario: the plan's rows as JSON with nothing in between.

Opens the SQLite file with the standard library and writes every row of the tables that
``show --json`` reports (the groups of the plan's tree, initiatives with their departments, goals, KPIs, roadmap steps
and the progress reports with KPI actuals and step states) as one JSON object of lists of
row objects: what any program must at least read and write to export the same data.

    python bench/baselines/sqlite_dump.py PLAN.sqlite3 > out.json
"""

from __future__ import annotations

import json
import sqlite3
import sys

TABLES = ("plan_group", "initiative", "department", "initiative_department", "goal", "kpi",
          "roadmap_step", "roadmap_step_goal", "reporting_cycle", "progress_report", "kpi_actual",
          "step_progress")


def main(db: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    conn.row_factory = sqlite3.Row
    data = {table: [dict(row) for row in conn.execute(f"SELECT * FROM {table} ORDER BY id")]
            for table in TABLES}
    conn.close()
    sys.stdout.write(json.dumps(data, ensure_ascii=False))
    sys.stdout.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
