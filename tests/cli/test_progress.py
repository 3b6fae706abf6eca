"""The command line's progress: a bar on a terminal for a merge of many files, an elapsed
line for a long export, nothing at all when stderr is piped."""

from __future__ import annotations

import io
import time
from pathlib import Path

import pytest
from submission_helpers import export, fill

from planDesk.cli import progress
from planDesk.cli.main import main
from planDesk.core.persistence.store import Store


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_bar_on_a_terminal_counts_the_files(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY_S", 0)
    monkeypatch.delenv("PLANDESK_NO_PROGRESS", raising=False)
    tty = Terminal()
    with progress.file_bar(4, "取込", tty) as (step, beside):
        assert step is not None
        for i in range(4):
            step(i, 4, f"book{i}.xlsx")
            with beside():
                pass
    drawn = tty.getvalue()
    assert "取込" in drawn and "2/4" in drawn and "book2.xlsx" in drawn


def test_no_bar_when_piped_few_files_or_switched_off(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY_S", 0)
    piped = io.StringIO()
    with progress.file_bar(20, "取込", piped) as (step, _beside):
        assert step is None
    with progress.file_bar(2, "取込", Terminal()) as (step, _beside):
        assert step is None  # two files: done before a bar would help
    monkeypatch.setenv("PLANDESK_NO_PROGRESS", "1")
    with progress.file_bar(20, "取込", Terminal()) as (step, _beside):
        assert step is None
    assert piped.getvalue() == ""


def test_elapsed_line_for_a_long_export(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY_S", 0)
    monkeypatch.delenv("PLANDESK_NO_PROGRESS", raising=False)
    tty, piped = Terminal(), io.StringIO()
    with progress.elapsed("冊子.pdf を出力しています", tty, every_s=0.01):
        time.sleep(0.1)
    with progress.elapsed("冊子.pdf を出力しています", piped, every_s=0.01):
        time.sleep(0.05)
    assert "冊子.pdf を出力しています" in tty.getvalue()
    assert piped.getvalue() == ""


def test_a_piped_merge_of_many_files_prints_results_only(store: Store, sample_db: Path, tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str],
                                                           monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(progress, "DELAY_S", 0)
    books = [fill(export(store, tmp_path, "市民課", name=f"b{i}.xlsx"), reports={
        "①－１－２": {"activities": f"取込 {i}", "evaluation": "A", "direction": "継続"}}) for i in range(3)]
    code = main(["--db", str(sample_db), "merge", "--dry-run", *map(str, books)])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert "\r" not in err and "件/s" not in err and "%|" not in err
    assert out.count("— 確認のみ") == 3
