"""Start-up: ``plandesk`` (the GUI) from process start until its main window has painted.

The subject quits right after the first paint of the main window
(``PLANDESK_EXIT_AFTER_FIRST_PAINT=1``, see gui/app.py: the window paints 読み込み中… before
the database is opened), or once the plan read after that paint is shown (``=plan``); the baseline is a bare PySide6
QMainWindow with a QTreeView that quits the same way. Both are the same venv Python, so
the ratio is planDesk's own cost: imports, database open, plan load, building the window.
"""

from __future__ import annotations

from bench.scenario import Command, Scenario, Workspace, sample_db, synthetic_db

BARE_QT = Command(("{python}", "{bench}/baselines/bare_qt.py"))


def _gui(db_placeholder: str, until: str = "1") -> Command:
    """``until`` "1": quit at the window's first paint (the plan is read after it);
    "plan": quit once the plan read after that paint is shown in the tree."""
    return Command(("{python}", "-m", "planDesk", "--db", db_placeholder),
                   env={"PLANDESK_EXIT_AFTER_FIRST_PAINT": until})


def _sample(ws: Workspace) -> dict[str, str]:
    return {"db": str(sample_db(ws))}


def _synthetic(ws: Workspace) -> dict[str, str]:
    return {"db": str(synthetic_db(ws, 10_000))}


SCENARIOS = [
    Scenario(
        name="startup",
        description="冷えた起動から主画面の最初の描画まで（ひたちなか市の計画・取組 34 件）／素の PySide6 QMainWindow",
        subject=_gui("{db}"),
        baseline=BARE_QT,
        goal_ratio=1.5,
        setup=_sample,
    ),
    Scenario(
        name="startup-plan",
        description="冷えた起動から計画の一覧（取組 34 件）が描画されるまで／素の PySide6 QMainWindow",
        subject=_gui("{db}", "plan"),
        baseline=BARE_QT,
        setup=_sample,
    ),
    Scenario(
        name="startup-10k",
        description="同じ起動を取組 10,000 件の合成計画で／素の PySide6 QMainWindow",
        subject=_gui("{db}"),
        baseline=BARE_QT,
        goal_ratio=2.0,
        setup=_synthetic,
        repeat=5,
    ),
    Scenario(
        name="startup-10k-plan",
        description="取組 10,000 件の計画が一覧に描画されるまで／素の PySide6 QMainWindow",
        subject=_gui("{db}", "plan"),
        baseline=BARE_QT,
        setup=_synthetic,
        repeat=5,
    ),
]
