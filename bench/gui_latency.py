"""The GUI on the 10,000-initiative plan (issue 17: "the GUI stays interactive"), as scenarios.

Each is an in-process latency bench (a fresh process per measurement would time start-up,
not the action): one process opens the window on the synthetic plan, performs the action
many times, and prints its figures — the action's median and, beside it, its baseline
measured in the same process (``Scenario.in_process``). ``bench/run.py`` starts that
process ``--repeat`` times (default 3) and reports the medians of its medians. The
first paint is the ``startup-10k`` scenario (bench/startup.py).

The benches that save (rename, report form) work on their own copy of the plan, so the
other scenarios of a run read the plan as it was built.
"""

from __future__ import annotations

import shutil

from bench.scenario import Command, Scenario, Setup, Workspace, synthetic_db


def _db(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 10_000))}


def _own_copy(name: str) -> Setup:
    def setup(ws: Workspace) -> dict[str, str]:
        copy = ws.scratch / f"{name}.sqlite3"
        shutil.copyfile(synthetic_db(ws, 10_000), copy)
        return {"db": str(copy)}

    return setup


SCENARIOS = [
    Scenario(
        name="gui-open-report-10k",
        description="取組を選んで報告の画面が描画されるまで（取組 10,000 件）／同じ操作をひたちなか市の計画（34 件）で",
        subject=Command(("{python}", "{bench}/gui_open_report.py", "--db", "{db}", "--repeat", "20")),
        in_process=("subject.median_ms", "baseline.median_ms"),
        setup=_db,
        repeat=3,
        timeout=600.0,
    ),
    Scenario(
        name="gui-filter-10k",
        description="検索語「デジタル」で絞り込み、一覧が描画されるまで（取組 10,000 件）／同じ操作を 34 件の計画で",
        subject=Command(("{python}", "{bench}/gui_window_filter.py", "--db", "{db}", "--repeat", "5")),
        in_process=("search.subject.median_ms", "search.baseline.median_ms"),
        setup=_db,
        repeat=3,
        timeout=600.0,
    ),
    Scenario(
        name="gui-save-10k",
        description="報告の画面で保存（取組 10,000 件）／save_report だけ",
        subject=Command(("{python}", "{bench}/gui_save_latency.py", "--db", "{db}", "--repeat", "30")),
        in_process=("subject.median_ms", "baseline.median_ms"),
        goal_ms=20.0,
        setup=_own_copy("gui-save"),
        repeat=3,
        timeout=600.0,
    ),
    Scenario(
        name="gui-rename-10k",
        description="計画の編集で取組の名前を変えて保存（取組 10,000 件）／edit_initiative だけ",
        subject=Command(("{python}", "{bench}/gui_plan_rename.py", "--db", "{db}", "--repeat", "20")),
        in_process=("subject.median_ms", "baseline.median_ms"),
        goal_ms=50.0,
        setup=_own_copy("gui-rename"),
        repeat=3,
        timeout=600.0,
    ),
]
