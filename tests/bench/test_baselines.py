"""The benchmarks' baselines still read today's schema: each baseline that opens a plan
database runs on a small synthetic plan and reads what its scenario's subject reads.

(A baseline that stopped working makes ``bench/run.py`` report the command as failed; the
schema change of migration 0006 broke two of them unseen until a bench run.)
"""

from __future__ import annotations

import json
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from bench.synth import build_synthetic_plan

BASELINES = Path(__file__).resolve().parents[2] / "bench" / "baselines"


@pytest.fixture(scope="module")
def plan_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("bench") / "synthetic-40.sqlite3"
    build_synthetic_plan(path, 40)
    return path


def run(script: str, *args: str) -> str:
    done = subprocess.run([sys.executable, str(BASELINES / script), *args], capture_output=True, text=True,
                          encoding="utf-8", timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def count(db: Path, table: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(f"select count(*) from {table}").fetchone()[0])


def test_load_plan_baseline_reads_every_table_of_the_plan(plan_db: Path) -> None:
    rows = int(run("sqlite_rows.py", str(plan_db)))
    assert rows > count(plan_db, "initiative") + count(plan_db, "plan_group") + count(plan_db, "progress_report")


def test_show_json_baseline_writes_the_groups_and_initiatives(plan_db: Path) -> None:
    data = json.loads(run("sqlite_dump.py", str(plan_db)))
    assert len(data["plan_group"]) == count(plan_db, "plan_group")
    assert len(data["initiative"]) == count(plan_db, "initiative") > 0


@pytest.mark.parametrize("script", ["booklet_print.py", "progress_table_print.py"])
def test_printing_baselines_draw_a_pdf(plan_db: Path, tmp_path: Path, script: str) -> None:
    out = tmp_path / "out.pdf"
    run(script, str(plan_db), str(out))
    assert out.read_bytes().startswith(b"%PDF") and out.stat().st_size > 1000
