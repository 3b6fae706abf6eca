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


def _gui(name: str, description: str, script: str, inner_repeat: int, keys: tuple[str, str], *,
         goal_ms: float | None = None, saves: bool = False) -> Scenario:
    """An in-process GUI bench on the 10k plan, three processes by default."""
    return Scenario(
        name=name, description=description,
        subject=Command(("{python}", f"{{bench}}/{script}", "--db", "{db}", "--repeat", str(inner_repeat))),
        in_process=keys, goal_ms=goal_ms, setup=_own_copy(name) if saves else _db, repeat=3, timeout=600.0)


MEDIANS = ("subject.median_ms", "baseline.median_ms")

SCENARIOS = [
    _gui("gui-open-report-10k",
         "取組を選んで報告の画面が描画されるまで（取組 10,000 件）／同じ操作をひたちなか市の計画（34 件）で",
         "gui_open_report.py", 20, MEDIANS),
    _gui("gui-filter-10k",
         "検索語「デジタル」で絞り込み、一覧が描画されるまで（取組 10,000 件）／同じ操作を 34 件の計画で",
         "gui_window_filter.py", 5, ("search.subject.median_ms", "search.baseline.median_ms")),
    _gui("gui-save-10k", "報告の画面で保存（取組 10,000 件）／save_report だけ",
         "gui_save_latency.py", 30, MEDIANS, goal_ms=20.0, saves=True),
    _gui("gui-rename-10k", "計画の編集で取組の名前を変えて保存（取組 10,000 件）／edit_initiative だけ",
         "gui_plan_rename.py", 20, MEDIANS, goal_ms=50.0, saves=True),
]
