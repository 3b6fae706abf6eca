"""End to end with the real program: kill -9 while typing, and two processes saving."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from planDesk.core.domain.model import Department
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, find_report, save_report
from planDesk.gui import settings

pytestmark = pytest.mark.slow

CODE = "①－１－２"  # マイナンバーカードの普及促進 (市民課)


class Program:
    """``python -m planDesk`` running a test script; its stderr goes to a file."""

    def __init__(self, db: Path, data_dir: Path, steps: list[dict[str, object]], name: str,
                 autosave_ms: int = 600_000) -> None:
        script = data_dir.parent / f"{name}.json"
        script.write_text(json.dumps(steps, ensure_ascii=False), encoding="utf-8")
        env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PLANDESK_DATA_DIR=str(data_dir),
                   PLANDESK_GUI_SCRIPT=str(script), PLANDESK_AUTOSAVE_MS=str(autosave_ms))
        env.pop("PLANDESK_DB", None)
        self.log = data_dir.parent / f"{name}.stderr"
        with self.log.open("w", encoding="utf-8") as err:
            self.proc = subprocess.Popen([sys.executable, "-m", "planDesk", "--db", str(db)], env=env,
                                         stdout=subprocess.DEVNULL, stderr=err)

    def output(self) -> str:
        return self.log.read_text(encoding="utf-8", errors="replace")

    def wait(self, timeout: float = 60) -> int:
        try:
            return self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
            raise AssertionError(f"the program did not end: {self.output()}") from None

    def wait_for(self, path: Path, timeout: float = 60) -> None:
        end = time.monotonic() + timeout
        while not path.exists():
            if self.proc.poll() is not None:
                raise AssertionError(f"the program ended early ({self.proc.returncode}): {self.output()}")
            if time.monotonic() > end:
                self.proc.kill()
                self.proc.wait()
                raise AssertionError(f"timed out waiting for {path}: {self.output()}")
            time.sleep(0.05)


def report_row(db: Path, fy: int) -> tuple[str, str, int] | None:
    store = Store.open(str(db))
    try:
        with store.read() as s:
            from sqlalchemy import select

            from planDesk.core.domain.model import Initiative

            dept = s.scalars(select(Department).where(Department.name == "市民課")).one()
            ini = s.scalars(select(Initiative).where(Initiative.title == "マイナンバーカードの普及促進")).one()
            r = find_report(s, ini.id, dept.id, fy)
            return None if r is None else (r.activities, r.issues, r.version)
    finally:
        store.close()


def test_kill_9_while_typing_then_the_next_start_restores_the_text(sample_db: Path, _data_dir: Path,
                                                                  tmp_path: Path) -> None:
    settings.set_identity_value("hitachinaka", "dept:市民課")
    typed = tmp_path / "typed"
    text = "停電の直前まで入力していた実施状況"
    first = Program(sample_db, _data_dir, [
        {"select": CODE}, {"type": ["activities", text]}, {"touch": str(typed)}, {"sleep": 120_000},
    ], "first")
    first.wait_for(typed)
    first.proc.send_signal(signal.SIGKILL)
    assert first.wait(30) == -signal.SIGKILL
    assert report_row(sample_db, 2025) is None  # nothing reached the database: only the journal has it

    dump = tmp_path / "dump.json"
    second = Program(sample_db, _data_dir, [{"dump": str(dump)}, {"save": True}, {"quit": True}], "second")
    assert second.wait() == 0, second.output()
    restored = json.loads(dump.read_text(encoding="utf-8"))
    assert restored["values"]["activities"] == text
    assert restored["dirty"] is True
    assert "前回保存されなかった入力を復元しました" in restored["banner"]
    assert report_row(sample_db, 2025) == (text, "", 1)


def test_two_processes_saving_the_same_report_lose_nothing(sample_db: Path, _data_dir: Path,
                                                           tmp_path: Path) -> None:
    settings.set_identity_value("hitachinaka", "dept:市民課")
    ready, go, dump = tmp_path / "ready", tmp_path / "go", tmp_path / "dump.json"
    gui = Program(sample_db, _data_dir, [
        {"select": CODE}, {"type": ["activities", "画面で入力した実施状況"]}, {"touch": str(ready)},
        {"wait_for": str(go)}, {"save": True}, {"dump": str(dump)}, {"quit": True},
    ], "gui")
    gui.wait_for(ready)
    # A second process (this test) saves the same report first, in another field.
    other = Store.open(str(sample_db), actor="別の職員")
    with other.read() as s:
        from sqlalchemy import select

        from planDesk.core.domain.model import Initiative

        dept = s.scalars(select(Department).where(Department.name == "市民課")).one().id
        ini = s.scalars(select(Initiative).where(Initiative.title == "マイナンバーカードの普及促進")).one().id
    save_report(other, ReportInput(ini, dept, 2025, issues="別の職員が書いた課題"), expected_version=0)
    other.close()
    go.write_text("go", encoding="utf-8")
    assert gui.wait() == 0, gui.output()
    result = json.loads(dump.read_text(encoding="utf-8"))
    assert result["state"] == "saved"
    assert result["values"]["issues"] == "別の職員が書いた課題"
    assert report_row(sample_db, 2025) == ("画面で入力した実施状況", "別の職員が書いた課題", 2)
