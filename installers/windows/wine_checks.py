"""The checks of the Windows stage, run by the Windows CPython inside Wine (wine_check.sh).

    python wine_checks.py program LABEL CLI [GUI] [--utf8]   one program: source, frozen …
    python wine_checks.py installer SETUP.exe                  install, run, uninstall
    python wine_checks.py documents                            the GUI's default export folder

Standard library only (and planDesk itself for ``documents``): it runs before anything is
known to work. Each check prints "ok …" or "FAIL …"; the exit status is the number of
failures (0: all passed). The children's output goes to files, as from a script on Windows
that redirects it, so it uses the ANSI code page (cp932 here) unless they are in UTF-8
mode.
"""

from __future__ import annotations

import ctypes
import locale
import os
import shutil
import subprocess
import sys
import tempfile
import time
import winreg
from collections.abc import Callable
from ctypes import wintypes
from pathlib import Path

APP = "planDesk"
SAMPLE_NAME = "ひたちなか市"
DEPARTMENT = "市民課"
FY = "2025"
failures: list[str] = []


def ok(what: str) -> None:
    print(f"  ok    {what}", flush=True)


def fail(what: str, detail: str = "") -> None:
    failures.append(what)
    print(f"  FAIL  {what}", flush=True)
    for line in detail.strip().splitlines()[-15:]:
        print(f"        {line}", flush=True)


def local_appdata() -> Path:
    return Path(os.environ["LOCALAPPDATA"])


def documents() -> Path:
    """The user's Documents folder as Windows knows it (FOLDERID_Documents)."""
    folder_id = (ctypes.c_byte * 16).from_buffer_copy(
        bytes.fromhex("d0 9a d3 fd 8f 23 af 46 ad b4 6c 85 48 03 69 c7".replace(" ", "")))
    out = ctypes.c_wchar_p()
    shell32 = ctypes.windll.shell32  # type: ignore[attr-defined]
    if shell32.SHGetKnownFolderPath(ctypes.byref(folder_id), 0, None, ctypes.byref(out)) != 0:
        raise OSError("SHGetKnownFolderPath(FOLDERID_Documents) failed")
    path = Path(out.value or "")
    ctypes.windll.ole32.CoTaskMemFree(out)  # type: ignore[attr-defined]
    return path


class Run:
    """One finished child process with its output decoded as the console would."""

    def __init__(self, args: list[str], code: int, out: bytes, err: bytes, encoding: str) -> None:
        self.args, self.code, self.raw_out = args, code, out
        self.out = out.decode(encoding, errors="replace")
        self.err = err.decode(encoding, errors="replace")

    def crashed(self) -> bool:
        return "Traceback" in self.err or "予期しないエラー" in self.err


def run(cmd: list[str], *args: str, encoding: str, env: dict[str, str] | None = None,
        timeout: float = 300) -> Run:
    """Output goes to files, not pipes: a helper that Wine starts on the way (explorer.exe
    for the desktop window, at a GUI's first start) inherits the handles and lives on, so
    a pipe would never reach its end."""
    full = [*cmd, *args]
    with tempfile.TemporaryDirectory(ignore_cleanup_errors=True) as tmp:  # see above
        out_file, err_file = Path(tmp, "out"), Path(tmp, "err")
        with out_file.open("wb") as out, err_file.open("wb") as err:
            try:
                code = subprocess.run(full, stdin=subprocess.DEVNULL, stdout=out, stderr=err, timeout=timeout,
                                      env={**os.environ, **(env or {})}).returncode
            except subprocess.TimeoutExpired:
                code = -1
        late = b"\n(timed out)" if code == -1 else b""
        return Run(full, code, out_file.read_bytes(), err_file.read_bytes() + late, encoding)


def expect(name: str, result: Run, code: int = 0) -> bool:
    if result.crashed() or result.code != code:
        fail(f"{name}: exit {result.code}, expected {code}", result.err or result.out)
        return False
    ok(name)
    return True


def magic(path: Path, start: bytes, name: str) -> None:
    if path.is_file() and path.read_bytes()[: len(start)] == start:
        ok(f"{name}: {path.name} ({path.stat().st_size:,} bytes)")
    else:
        fail(f"{name}: {path} missing or not a {path.suffix} file")


# --- holding a file open as Excel does -------------------------------------------------

GENERIC_READ, GENERIC_WRITE = 0x80000000, 0x40000000
FILE_SHARE_READ = 0x1
OPEN_EXISTING = 3


def hold_open(path: Path, share: int) -> int:
    """Open ``path`` for reading and writing with the given share mode; the handle."""
    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)  # type: ignore[attr-defined]
    kernel32.CreateFileW.restype = wintypes.HANDLE
    kernel32.CreateFileW.argtypes = [wintypes.LPCWSTR, wintypes.DWORD, wintypes.DWORD, wintypes.LPVOID,
                                     wintypes.DWORD, wintypes.DWORD, wintypes.HANDLE]
    handle = kernel32.CreateFileW(str(path), GENERIC_READ | GENERIC_WRITE, share, None, OPEN_EXISTING, 0, None)
    if handle in (None, wintypes.HANDLE(-1).value):
        raise ctypes.WinError(ctypes.get_last_error())  # type: ignore[attr-defined]
    return int(handle)


def close(handle: int) -> None:
    ctypes.windll.kernel32.CloseHandle(wintypes.HANDLE(handle))  # type: ignore[attr-defined]


# --- one program ------------------------------------------------------------------------

def check_program(label: str, cli: list[str], gui: list[str], utf8: bool, full: bool = True) -> None:
    """init, show, exports, merge, Excel locks, GUI start until the plan is shown, with the default data folder
    (``full=False``: the installed copy of a bundle already checked in full — init, show,
    export submission, merge and the GUI only)."""
    print(f"{label}: {' '.join(cli)}", flush=True)
    encoding = "utf-8" if utf8 else locale.getencoding()
    data = local_appdata() / APP
    shutil.rmtree(data, ignore_errors=True)
    work = documents() / "計画 作業" / f"令和7年度 {label}"
    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)

    def cli_run(*args: str, **kw: object) -> Run:
        return run(cli, *args, encoding=encoding, **kw)  # type: ignore[arg-type]

    version = cli_run("--version")
    expect("--version", version)
    if expect("init (the default database)", cli_run("init")):
        database = data / "planDesk.sqlite3"
        if database.is_file():
            ok(f"the database is in %LOCALAPPDATA%\\{APP}: {database}")
        else:
            fail(f"no database at {database}")
        if (data / "logs").is_dir():
            ok("the log folder is in %LOCALAPPDATA%")
        else:
            fail(f"no log folder at {data / 'logs'}")
    shown = cli_run("show")
    if expect("show", shown):
        if SAMPLE_NAME in shown.out:
            ok(f"show prints Japanese in {encoding}")
        else:
            fail(f"show: {SAMPLE_NAME} not in the output read as {encoding}", shown.out[:300])
    if utf8:
        try:
            shown.raw_out.decode("utf-8")
            ok("UTF-8 mode: the output is UTF-8 although the code page is cp932")
        except UnicodeDecodeError:
            fail("UTF-8 mode is off: the output is not UTF-8")
    else:
        if locale.getencoding() == "cp932" and SAMPLE_NAME.encode("cp932") in shown.raw_out:
            ok("the output is cp932, the console's code page")
        else:
            fail(f"the output is not in the console's code page {locale.getencoding()}")

    other = work / "別の データ.sqlite3"
    if full and expect("init --sample hitachi --db (Japanese folder names, spaces)",
              cli_run("--db", str(other), "init", "--sample", "hitachi")):
        expect("show --db (the same path)", cli_run("--db", str(other), "show"))

    booklet = work / "計画 冊子.pdf"
    if full and expect("export booklet", cli_run("export", "booklet", "--out", str(booklet))):
        magic(booklet, b"%PDF", "export booklet")
    submission = work / f"{DEPARTMENT} 提出.xlsx"
    if expect("export submission", cli_run("export", "submission", "--department", DEPARTMENT,
                                           "--fy", FY, "--out", str(submission))):
        magic(submission, b"PK\x03\x04", "export submission")
    merged = cli_run("merge", str(submission))
    if expect("merge (prints '—', which cp932 lacks)", merged):
        history = cli_run("merge", "--history")
        if expect("merge --history", history) and submission.name in history.out:
            ok("the merge is recorded")
        else:
            fail("merge --history does not list the merged file", history.out)

    if full:
        check_excel_locks(cli_run, submission)
    painted = run(gui, encoding=encoding, timeout=240,
                  env={"QT_QPA_PLATFORM": "offscreen", "PLANDESK_EXIT_AFTER_FIRST_PAINT": "plan"})
    expect("GUI start until the plan is shown (offscreen, the default database)", painted)
    log = data / "logs" / "planDesk.log"
    text = log.read_text(encoding="utf-8", errors="replace") if log.exists() else ""
    if "Traceback" in text:
        fail("the log has a traceback", text[-2000:])
    else:
        ok("no traceback in the log")


def check_excel_locks(cli_run: Callable[..., Run], submission: Path) -> None:
    """A workbook held open by Excel: Excel lets others read it but not write or delete it;
    another program may hold it exclusively (not even readable)."""
    handle = hold_open(submission, FILE_SHARE_READ)
    try:
        before = submission.read_bytes()
        refused = cli_run("export", "submission", "--department", DEPARTMENT, "--fy", FY,
                          "--out", str(submission))
        if expect("export over a workbook open in Excel is refused", refused, code=1) and "閉じて" in refused.err:
            ok("  … with the message to close it in Excel")
        elif refused.code == 1:
            fail("export over an open workbook: no advice to close it", refused.err)
        if submission.read_bytes() != before:
            fail("the open workbook was changed")
    finally:
        close(handle)
    handle = hold_open(submission, 0)  # no sharing at all: not even readable
    try:
        refused = cli_run("merge", str(submission))
        if expect("merge of a workbook locked by another program is refused", refused, code=1) \
                and "Excel" in refused.err:
            ok("  … with the message to close it in Excel")
        elif refused.code == 1:
            fail("merge of a locked workbook: no advice to close it", refused.err)
    finally:
        close(handle)


# --- the GUI's default export folder ----------------------------------------------------------

DOCUMENTS_PROBE = r"""
import sys
from pathlib import Path
import planDesk.core.exports.kinds  # registers the export kinds, as the 出力 menu does
from planDesk import paths
from planDesk.core.persistence.store import Store
from planDesk.gui.window import export_menu
from planDesk.gui.app import make_application
from planDesk.gui.window.main_window import MainWindow

app = make_application()
store = Store.open(paths.default_database())
window = MainWindow(store)
window.load_plans("hitachinaka")
offered = []
export_menu.choose_path = lambda w, title, suggested, suffixes: offered.append(suggested)
export_menu.export(window, "booklet")
store.close()
sys.stdout.buffer.write(str(offered[0]).encode("utf-8"))
"""


def check_documents() -> None:
    print("GUI export: where the save dialog opens", flush=True)
    probe = run([sys.executable, "-c", DOCUMENTS_PROBE], encoding="utf-8", timeout=240,
                env={"QT_QPA_PLATFORM": "offscreen"})
    if not expect("the export dialog's suggestion", probe):
        return
    offered = Path(probe.out.strip())
    if offered.parent == documents():
        ok(f"exports are offered in Documents: {offered}")
    else:
        fail(f"exports are offered in {offered.parent}, not in Documents ({documents()})")


# --- the installer -------------------------------------------------------------------------

UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\planDesk"


def uninstall_entry() -> str | None:
    try:
        with winreg.OpenKey(winreg.HKEY_CURRENT_USER, UNINSTALL_KEY, 0,
                            winreg.KEY_READ | winreg.KEY_WOW64_64KEY) as key:
            return str(winreg.QueryValueEx(key, "InstallLocation")[0])
    except OSError:
        return None


def check_installer(setup: Path) -> None:
    print(f"installer: {setup.name} /S (per user)", flush=True)
    folder = local_appdata() / "Programs" / APP
    installed = run([str(setup), "/S"], encoding="utf-8", timeout=600)
    cli, gui = folder / "plandesk-cli.exe", folder / "planDesk.exe"
    if not expect("silent install", installed) or not cli.is_file():
        fail(f"nothing installed in {folder}")
        return
    ok(f"installed in %LOCALAPPDATA%\\Programs\\{APP} without admin rights")
    location = uninstall_entry()
    if location and Path(location) == folder:
        ok("uninstall entry in HKCU")
    else:
        fail(f"uninstall entry in HKCU: {location!r}")
    if (Path(os.environ["APPDATA"]) / r"Microsoft\Windows\Start Menu\Programs\planDesk.lnk").is_file():
        ok("Start-menu shortcut")
    else:
        fail("no Start-menu shortcut")
    check_program("installed", [str(cli)], [str(gui)], utf8=True, full=False)

    database = local_appdata() / APP / "planDesk.sqlite3"
    kept = database.read_bytes() if database.exists() else b""
    removed = run([str(folder / "uninstall.exe"), "/S"], encoding="utf-8", timeout=300)
    expect("silent uninstall", removed)
    # The uninstaller copies itself to %TEMP% and returns at once: wait for it.
    deadline = time.monotonic() + 120
    while (cli.exists() or uninstall_entry() is not None) and time.monotonic() < deadline:
        time.sleep(1)
    if cli.exists() or (folder / "_internal").exists():
        fail(f"the program is still in {folder}")
    else:
        ok("the program folder is removed")
    if uninstall_entry() is None:
        ok("the uninstall entry is removed")
    else:
        fail("the uninstall entry is still there")
    if kept and database.exists() and database.read_bytes() == kept:
        ok(f"the user's data is kept: {database}")
    else:
        fail(f"the user's data is gone: {database}")


def main(argv: list[str]) -> int:
    sys.stdout.reconfigure(encoding="utf-8")  # type: ignore[union-attr]  # read by wine_check.sh
    if locale.getencoding() != "cp932":
        fail(f"Wine's code page is {locale.getencoding()}, not cp932 (LANG=ja_JP.UTF-8 missing?)")
    what = argv[0]
    if what == "program":
        label, cli = argv[1], argv[2].split("|")
        gui = argv[3].split("|") if len(argv) > 3 and argv[3] != "--utf8" else cli
        check_program(label, cli, gui, utf8="--utf8" in argv)
    elif what == "installer":
        check_installer(Path(argv[1]))
    elif what == "documents":
        check_documents()
    else:
        raise SystemExit(f"unknown check {what}")
    print(f"{what}: {len(failures)} failed", flush=True)
    return min(len(failures), 100)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
