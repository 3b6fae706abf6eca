"""Printing scenarios (issue 17): the plan booklet and the progress table PDF of the
10,000-initiative synthetic plan, each beside reportlab drawing the same strings.

Subjects are the command line's exports (``plandesk export booklet|progress-table``:
loading the plan, laying out, writing the file); baselines load the plan the same way and
draw the strings with ``drawString`` (bench/baselines/booklet_print.py,
progress_table_print.py). Three runs each by default (the booklet takes about a minute).
``print-booklet-30k`` is the same booklet of a 30,000-initiative plan, one run by default
(about four minutes a side, no untimed first run): its goal is the peak memory, under 500 MB
at any plan size.
"""

from __future__ import annotations

from bench.scenario import Command, Scenario, Workspace, synthetic_db


def _db(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 10_000))}


def _db_30k(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 30_000))}


SCENARIOS = [
    Scenario(
        name="print-booklet",
        description="計画の冊子 PDF（取組 10,000 件）／reportlab で同じ文字列を描くだけ",
        subject=Command(("{python}", "-m", "planDesk", "--db", "{db}", "export", "booklet",
                         "--out", "{scratch}/booklet.pdf")),
        baseline=Command(("{python}", "{bench}/baselines/booklet_print.py", "{db}", "{scratch}/booklet_base.pdf")),
        goal_ratio=3.0,
        setup=_db,
        repeat=3,
        timeout=900.0,
    ),
    Scenario(
        name="print-booklet-30k",
        description="計画の冊子 PDF（取組 30,000 件）：最大メモリ／reportlab で同じ文字列を描くだけ",
        subject=Command(("{python}", "-m", "planDesk", "--db", "{db}", "export", "booklet",
                         "--out", "{scratch}/booklet30k.pdf")),
        baseline=Command(("{python}", "{bench}/baselines/booklet_print.py", "{db}",
                          "{scratch}/booklet30k_base.pdf")),
        goal_ratio=3.0,
        goal_peak_mb=500.0,
        setup=_db_30k,
        repeat=1,
        warm_up=False,  # minutes a run: the plan's file is in the cache from its making
        timeout=2400.0,
    ),
    Scenario(
        name="print-progress-table",
        description="進捗状況一覧 PDF（取組 10,000 件）／reportlab で同じセルの文字列を同じ格子に描くだけ",
        subject=Command(("{python}", "-m", "planDesk", "--db", "{db}", "export", "progress-table",
                         "--out", "{scratch}/progress.pdf")),
        baseline=Command(("{python}", "{bench}/baselines/progress_table_print.py", "{db}",
                          "{scratch}/progress_base.pdf")),
        goal_ratio=3.0,
        setup=_db,
        repeat=3,
        timeout=900.0,
    ),
]
