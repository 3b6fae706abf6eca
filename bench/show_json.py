"""``plandesk show --json`` on the 10,000-initiative synthetic plan.

The baseline reads the same rows with the standard library's sqlite3 and writes them as
one JSON object (bench/baselines/sqlite_dump.py): the floor for exporting that data from
Python. Both write to /dev/null.
"""

from __future__ import annotations

from bench.scenario import Command, Scenario, Workspace, synthetic_db


def _synthetic(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 10_000))}


SCENARIOS = [
    Scenario(
        name="show-json",
        description="plandesk show --json（取組 10,000 件・工程 30,000 件・報告約 33,000 件）"
                    "／sqlite3 で同じ表を JSON 出力",
        subject=Command(("{python}", "-m", "planDesk", "--db", "{db}", "show", "--json")),
        baseline=Command(("{python}", "{bench}/baselines/sqlite_dump.py", "{db}")),
        goal_ratio=2.0,  # issue 17
        setup=_synthetic,
        repeat=5,
    ),
]
