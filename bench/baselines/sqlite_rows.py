"""Baseline of the ``load-plan`` scenario: the rows ``load_plan`` reads, with nothing in between.

Opens the SQLite file with the standard library and fetches every row of the tables a
plan view is built from (the plan's levels and groups … roadmap steps, its reports with their KPI
actuals, step states, results and figures) into tuples: what any program must at least
read to hold the same plan in memory.

    python bench/baselines/sqlite_rows.py PLAN.sqlite3
"""

from __future__ import annotations

import sqlite3
import sys

TABLES = ("plan", "department", "evaluation_grade", "direction_choice", "glossary_term", "priority_note",
          "plan_level", "plan_group", "initiative", "initiative_department", "goal", "kpi", "roadmap_step",
          "roadmap_step_goal", "reporting_cycle", "progress_report", "kpi_actual", "step_progress",
          "report_result", "report_figure")


def main(db: str) -> int:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    rows = {table: conn.execute(f"SELECT * FROM {table} ORDER BY id").fetchall() for table in TABLES}
    conn.close()
    print(sum(len(r) for r in rows.values()))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
