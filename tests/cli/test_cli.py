"""The plandesk command: init, show, --version and every error path."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from planDesk import __version__
from planDesk.cli.main import main


def run(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, str, str]:
    try:
        code = main(list(args))
    except SystemExit as exc:  # argparse exits for --help/--version and usage errors
        code = int(exc.code or 0)
    out, err = capsys.readouterr()
    assert "Traceback" not in err
    return code, out, err


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--version")
    assert code == 0 and __version__ in out


def test_init_then_show_json_lists_the_34_initiatives(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "p.sqlite3")
    code, out, _ = run(capsys, "--db", db, "init", "--sample", "hitachinaka")
    assert code == 0 and "読み込みました" in out
    code, out, _ = run(capsys, "--db", db, "show", "--json")
    assert code == 0
    data = json.loads(out)
    assert data["plan"]["name"] == "ひたちなか市デジタル化推進アクションプラン"
    assert data["plan"]["period"] == {"start_fy": 2023, "end_fy": 2025, "label": "令和5年度〜令和7年度"}
    assert data["plan"]["level_labels"] == ["基本方針", "推進事項", "取組事項"]
    inis = data["initiatives"]
    assert len(inis) == 34
    first = inis[0]
    for key in ("code", "title", "policy", "promotion_item", "departments", "priority", "new_in_fy",
                "overview", "status", "goals", "kpis", "roadmap", "reports"):
        assert key in first
    assert (first["code"], first["title"], first["priority"]) == ("①－１－１", "行政手続きのオンライン化", True)
    assert first["policy"] == "市民サービスのデジタル化" and first["promotion_item"] == "スマート行政"
    assert inis[3]["new_in_fy"] == 2023 and inis[3]["code"] == "①－１－４"
    assert inis[-1]["code"] == "④－２－１"


def test_show_tree(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = run(capsys, "--db", str(sample_db), "show")
    assert code == 0
    assert "基本方針 ① 市民サービスのデジタル化" in out
    assert "①－１－１ 行政手続きのオンライン化【重点】" in out
    assert "取組事項 34 件" in out


def test_both_plans_side_by_side(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert run(capsys, "--db", str(sample_db), "init", "--sample", "hitachi")[0] == 0
    code, out, _ = run(capsys, "--db", str(sample_db), "show", "--json", "--plan", "hitachi")
    assert code == 0 and len(json.loads(out)["initiatives"]) == 44
    code, out, _ = run(capsys, "--db", str(sample_db), "show", "--json", "--plan", "hitachinaka")
    assert code == 0 and len(json.loads(out)["initiatives"]) == 34


def test_init_twice_is_refused_then_forced(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(sample_db), "init")
    assert code == 1 and "既にデータベースにあります" in err and "--force" in err
    code, _, _ = run(capsys, "--db", str(sample_db), "init", "--force")
    assert code == 0
    assert list(sample_db.parent.glob("*before-init*.bak.sqlite3")), "no backup before --force"


def test_init_empty(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.sqlite3")
    assert run(capsys, "--db", db, "init", "--sample", "empty")[0] == 0
    code, out, _ = run(capsys, "--db", db, "show", "--json")
    assert code == 0 and json.loads(out)["initiatives"] == []


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["init", "--sample", "osaka"], "選べません"),
        (["frobnicate"], "選べません"),
        (["show", "--nope"], "認識できない引数"),
        (["--db"], "値が 1 つ必要です"),
    ],
)
def test_bad_usage_exits_2_in_japanese(capsys: pytest.CaptureFixture[str], args: list[str], expected: str) -> None:
    code, _, err = run(capsys, *args)
    assert code == 2
    assert expected in err and "エラー" in err


def test_show_without_database(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(tmp_path / "none.sqlite3"), "show")
    assert code == 1 and "plandesk init" in err


def test_show_unknown_plan(sample_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", str(sample_db), "show", "--plan", "osaka")
    assert code == 1 and "osaka" in err


def test_corrupt_database_from_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.sqlite3"
    bad.write_bytes(b"SQLite format 3\x00" + b"\xff" * 5000)
    code, _, err = run(capsys, "--db", str(bad), "show")
    assert code == 1 and "壊れている" in err


def test_unwritable_folder_from_cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    code, _, err = run(capsys, "--db", str(blocker / "db.sqlite3"), "init")
    assert code == 1 and "書き込めません" in err


def test_bad_database_url(capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = run(capsys, "--db", "nosuchdriver://x/y", "show")
    assert code == 1 and "使えません" in err


def test_plandesk_db_environment(sample_db: Path, capsys: pytest.CaptureFixture[str],
                                 monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PLANDESK_DB", str(sample_db))
    code, out, _ = run(capsys, "show", "--json")
    assert code == 0 and len(json.loads(out)["initiatives"]) == 34


def test_real_process_end_to_end(tmp_path: Path) -> None:
    """As a user would: the installed command in a fresh process."""
    env = {**os.environ, "PLANDESK_DATA_DIR": str(tmp_path / "data")}
    env.pop("PLANDESK_DB", None)
    exe = [sys.executable, "-m", "planDesk"]
    first = subprocess.run([*exe, "init"], capture_output=True, text=True, env=env, timeout=120)
    assert first.returncode == 0, first.stderr
    assert (tmp_path / "data" / "planDesk.sqlite3").exists()
    shown = subprocess.run([*exe, "show", "--json"], capture_output=True, text=True, env=env, timeout=120)
    assert shown.returncode == 0 and len(json.loads(shown.stdout)["initiatives"]) == 34
    bad = subprocess.run([*exe, "show", "--plan"], capture_output=True, text=True, env=env, timeout=120)
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


# -- one subcommand's parser only ---------------------------------------------------------------

def test_each_module_registers_the_subcommands_listed_for_it() -> None:
    import argparse
    import importlib

    from planDesk.cli import commands

    for name, listed in commands.MODULES.items():
        sub = argparse.ArgumentParser().add_subparsers()
        importlib.import_module(f"planDesk.cli.{name}").register(sub)
        assert tuple(sub.choices) == listed, name


def test_the_invoked_subcommand_is_found_after_the_global_options() -> None:
    from planDesk.cli.commands import invoked_command

    assert invoked_command(["--db", "x.sqlite3", "show", "--json"]) == "show"
    assert invoked_command(["--db=x.sqlite3", "export", "booklet"]) == "export"
    assert invoked_command(["--help"]) is None
    assert invoked_command([]) is None


def test_show_imports_no_exporter(sample_db: Path) -> None:
    code = (
        "import sys\n"
        "from planDesk.cli.main import main\n"
        f"status = main(['--db', {str(sample_db)!r}, 'show', '--json'])\n"
        "print(status, sorted({m.split('.')[0] for m in sys.modules} & {'reportlab', 'openpyxl', 'PySide6'}),"
        " file=sys.stderr)\n"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stderr.strip().splitlines()[-1] == "0 []", proc.stderr
    assert json.loads(proc.stdout)["plan"]["key"] == "hitachinaka"
