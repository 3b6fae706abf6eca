"""Start-up of the frozen program (dist/planDesk, PyInstaller) against the source one.

``python bench/startup_frozen.py [--repeat N]`` (the same as ``python bench/run.py
'frozen-*'``): each scenario's subject is the frozen program, its baseline ``python -m
planDesk`` with the venv's Python, both in fresh processes, alternately, in one run:

* ``frozen-version``: ``--version`` (the argument parser, the command modules' imports);
* ``frozen-show-json``: ``show --json`` on the Hitachinaka sample;
* ``frozen-startup``: the GUI until its main window has painted once
  (``PLANDESK_EXIT_AFTER_FIRST_PAINT=1``).

Goal: the frozen program starts as fast as the source one (ratio ≤ 1.1). The set-up runs
``installers/build.sh`` first (incremental: seconds when nothing changed) so the measured
bundle is the current code; on Windows build it beforehand with installers/build.ps1.
``PLANDESK_FROZEN_DIST=/path/to/planDesk`` measures that bundle as it is, without building.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scenario import ROOT, Command, Scenario, Workspace, sample_db

DIST = ROOT / "dist" / "planDesk"
DIST_ENV = "PLANDESK_FROZEN_DIST"  # measure this bundle as it is (no build)
EXE = ".exe" if sys.platform == "win32" else ""
SOURCE = ("{python}", "-m", "planDesk")
FIRST_PAINT = {"PLANDESK_EXIT_AFTER_FIRST_PAINT": "1"}


def frozen_bundle(ws: Workspace) -> Path:
    """The bundle to measure: $PLANDESK_FROZEN_DIST as it is, else dist/planDesk, built or
    brought up to date once per bench run."""

    def make() -> Path:
        given = os.environ.get(DIST_ENV)
        dist = Path(given) if given else DIST
        if not given and sys.platform != "win32":
            print("  frozen build: installers/build.sh", file=sys.stderr)
            subprocess.run([str(ROOT / "installers" / "build.sh")], check=True,
                           stdout=subprocess.DEVNULL)
        if not (dist / f"plandesk-cli{EXE}").exists():
            raise SystemExit(f"startup_frozen: {dist} に凍結版がありません。"
                             "installers/build.sh（Windows では build.ps1）でビルドしてください。")
        return dist

    path: Path = ws.once("frozen-bundle", make)
    return path


def _setup(ws: Workspace) -> dict[str, str]:
    dist = frozen_bundle(ws)
    return {"db": str(sample_db(ws)), "cli": str(dist / f"plandesk-cli{EXE}"),
            "gui": str(dist / f"planDesk{EXE}")}


SCENARIOS = [
    Scenario(
        name="frozen-version",
        description="plandesk --version：凍結版（PyInstaller）／ソース（python -m planDesk）",
        subject=Command(("{cli}", "--version")),
        baseline=Command((*SOURCE, "--version")),
        goal_ratio=1.1,
        setup=_setup,
    ),
    Scenario(
        name="frozen-show-json",
        description="plandesk show --json（ひたちなか市の計画）：凍結版／ソース",
        subject=Command(("{cli}", "--db", "{db}", "show", "--json")),
        baseline=Command((*SOURCE, "--db", "{db}", "show", "--json")),
        goal_ratio=1.1,
        setup=_setup,
    ),
    Scenario(
        name="frozen-startup",
        description="起動から主画面の最初の描画まで（ひたちなか市の計画）：凍結版／ソース",
        subject=Command(("{gui}", "--db", "{db}"), env=FIRST_PAINT),
        baseline=Command((*SOURCE, "--db", "{db}"), env=FIRST_PAINT),
        goal_ratio=1.1,
        setup=_setup,
    ),
]


if __name__ == "__main__":
    from bench.run import main

    sys.exit(main(["frozen-*", *sys.argv[1:]]))
