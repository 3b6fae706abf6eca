"""Reading a 10,000-initiative plan (``load_plan``), the step before the tree can be shown.

The subject opens the database and reads the plan into its dataclasses
(bench/load_plan_once.py: imports, ``Store.open``, ``load_plan``); the baseline fetches
the same tables' rows with the standard library's sqlite3 (bench/baselines/sqlite_rows.py).
"""

from __future__ import annotations

from bench.scenario import Command, Scenario, Workspace, synthetic_db


def _synthetic(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 10_000))}


SCENARIOS = [
    Scenario(
        name="load-plan",
        description="取組 10,000 件の計画を開く（Store.open + load_plan）／sqlite3 で同じ表の行を読むだけ",
        subject=Command(("{python}", "{bench}/load_plan_once.py", "{db}")),
        baseline=Command(("{python}", "{bench}/baselines/sqlite_rows.py", "{db}")),
        goal_ratio=1.5,
        setup=_synthetic,
        repeat=5,
    ),
]
