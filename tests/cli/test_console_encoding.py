"""Output never fails because of the console's code page (issue 18).

A redirected or piped console on Japanese Windows is cp932 (it has no "—"), on English
Windows cp1252 (it has no Japanese at all). ``PYTHONIOENCODING`` gives the real program
the same streams on Linux, so these run fast here; the Wine stage
(installers/windows/wine_check.sh) runs the same commands on the Windows build.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from submission_helpers import export, fill, report_of

from planDesk.cli.main import build_parser, main
from planDesk.core.persistence.store import Store
from planDesk.core.submissions.undo import merge_history


def _cli(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run([sys.executable, "-m", "planDesk", *args], capture_output=True, env=env, timeout=180)


@pytest.mark.parametrize("encoding", ["cp932", "cp1252"])
def test_every_command_succeeds_whatever_the_console_encoding(encoding: str, tmp_path: Path) -> None:
    env = {**os.environ, "PYTHONIOENCODING": encoding, "PYTHONUTF8": "0",
           "PLANDESK_DATA_DIR": str(tmp_path / "data")}
    folder = tmp_path / "情報政策課 作業"
    folder.mkdir()
    db = folder / "plan.sqlite3"

    def run(*args: str) -> subprocess.CompletedProcess[bytes]:
        done = _cli(env, "--db", str(db), *args)
        err = done.stderr.decode(encoding, errors="replace")
        assert done.returncode == 0, f"{args}: exit {done.returncode}: {err}"
        assert "予期しないエラー" not in done.stderr.decode(encoding, errors="replace")
        assert b"Traceback" not in done.stderr and b"UnicodeEncodeError" not in done.stderr, err
        return done

    run("init")
    shown = run("show").stdout.decode(encoding)
    booklet = folder / "冊子.pdf"
    run("export", "booklet", "--out", str(booklet))
    assert booklet.read_bytes()[:4] == b"%PDF"
    submission = folder / "市民課 提出.xlsx"
    run("export", "submission", "--department", "市民課", "--fy", "2024", "--out", str(submission))
    fill(submission, reports={"①－１－２": {
        "activities": "窓口で受付 — 予定どおり", "evaluation": "A", "direction": "継続"}})
    merged = run("merge", str(submission)).stdout.decode(encoding)

    # The data is written: the merge is recorded and its value is in the database.
    store = Store.open(str(db), actor="テスト")
    try:
        assert [h.file_name for h in merge_history(store)] == [submission.name]
        assert report_of(store, "①－１－２").activities == "窓口で受付 — 予定どおり"  # type: ignore[union-attr]
    finally:
        store.close()
    if encoding == "cp932":  # Japanese is shown in full; only "—" becomes "?"
        assert "ひたちなか市" in shown
        assert "取り込みました（取込 #1）" in merged and "市民課" in merged
        assert "■ 市民課 提出.xlsx ? 取り込みました" in merged
    else:  # no Japanese in cp1252: replaced, not an error
        assert "?" in shown and "#1" in merged


def _strict_console(encoding: str, errors: str = "strict") -> io.TextIOWrapper:
    return io.TextIOWrapper(io.BytesIO(), encoding=encoding, errors=errors)


@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])  # the latter: Windows CPython 3.13, a pipe
def test_main_replaces_what_the_console_cannot_show(errors: str, monkeypatch: pytest.MonkeyPatch,
                                                   sample_db: Path) -> None:
    out, err = _strict_console("cp1252", errors), _strict_console("cp1252", errors)
    monkeypatch.setattr(sys, "stdout", out)
    monkeypatch.setattr(sys, "stderr", err)
    assert main(["--db", str(sample_db), "show"]) == 0
    assert out.encoding == "cp1252" and out.errors == "replace"  # the console's encoding is kept
    assert main(["--db", str(sample_db), "show", "--plan", "無い計画"]) == 1  # a refusal, in Japanese
    err.flush()
    assert b"?" in err.buffer.getvalue()  # type: ignore[attr-defined]


def test_an_explicit_error_handler_is_kept(monkeypatch: pytest.MonkeyPatch, sample_db: Path) -> None:
    out = io.TextIOWrapper(io.BytesIO(), encoding="cp1252", errors="backslashreplace")
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--db", str(sample_db), "show"]) == 0
    out.flush()
    assert out.errors == "backslashreplace" and b"\\u" in out.buffer.getvalue()  # type: ignore[attr-defined]


class _GoneConsole(io.TextIOBase):
    """A console that went away after the first line (a closed pipe)."""

    def __init__(self) -> None:
        self.lines = 0

    def write(self, s: str) -> int:
        self.lines += 1
        if self.lines > 1:
            raise BrokenPipeError(32, "The pipe has been ended")
        return len(s)


@pytest.mark.parametrize("console", ["cp932", "gone"])
def test_merge_report_after_commit_never_fails_the_merge(console: str, monkeypatch: pytest.MonkeyPatch,
                                                         store: Store, sample_db: Path, tmp_path: Path) -> None:
    """cmd_merge on its own (not through main's stream set-up): a console that cannot
    print the report of a committed merge neither fails it nor stops the next file."""
    first = fill(export(store, tmp_path), reports={"①－１－２": {
        "activities": "一つ目 — 済", "evaluation": "A", "direction": "継続"}})
    second = fill(export(store, tmp_path, department="生活安全課"), reports={})
    stream = _strict_console("cp932") if console == "cp932" else _GoneConsole()
    monkeypatch.setattr(sys, "stdout", stream)
    args = build_parser().parse_args(["--db", str(sample_db), "merge", str(first), str(second)])
    assert args.handler(args) == 0
    assert [h.file_name for h in merge_history(store)] == [first.name, second.name]
    assert report_of(store, "①－１－２").activities == "一つ目 — 済"  # type: ignore[union-attr]
