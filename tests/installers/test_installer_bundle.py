"""The frozen build's inputs (installers/bundle_data.py, the spec, the smoke test's parsing).

The build itself runs in scripts/test's "frozen build" stage; these tests check the lists it
is made from, quickly and without PyInstaller.
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import planDesk
from planDesk.cli.main import build_parser
from planDesk.core.exports import kinds
from planDesk.core.exports import registry as cmd_export

ROOT = Path(__file__).resolve().parents[2]
INSTALLERS = ROOT / "installers"


def _load_bundle_data() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bundle_data", INSTALLERS / "bundle_data.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault("bundle_data", module)
    spec.loader.exec_module(module)
    return module


bd = _load_bundle_data()


def _files(folder: str) -> set[str]:
    base = ROOT / folder
    return {
        p.relative_to(ROOT).as_posix() for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts
    }


def test_name_and_version_come_from_pyproject() -> None:
    with (ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    assert bd.project_metadata() == (project["name"], project["version"])
    # The frozen program reports the installed metadata's version: the same number.
    assert planDesk.__version__ == project["version"]
    spec_text = (INSTALLERS / "planDesk.spec").read_text(encoding="utf-8")
    assert "bd.project_metadata()" in spec_text
    assert project["version"] not in spec_text


def test_every_resource_and_migration_is_bundled_in_place() -> None:
    bundled = {f"{dest}/{Path(src).name}" for src, dest in bd.data_files()}
    expected = _files("resources") | _files("db")
    assert bundled == expected
    assert {"resources/fonts/BIZUDPGothic-Regular.ttf", "resources/samples/hitachinaka.toml",
            "db/env.py", "db/versions/0001_initial_schema.py"} <= bundled


def test_data_files_skip_bytecode_and_keep_subfolders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    for rel in ("resources/samples/x.toml", "resources/translations/planDesk_en.qm",
                "resources/icons/planDesk.ico", "db/env.py", "db/versions/0002_next.py",
                "db/versions/__pycache__/0002_next.cpython-312.pyc"):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    monkeypatch.setattr(bd, "ROOT", tmp_path)
    entries = sorted((dest, Path(src).name) for src, dest in bd.data_files())
    assert entries == [
        ("db", "env.py"),
        ("db/versions", "0002_next.py"),
        ("resources/icons", "planDesk.ico"),
        ("resources/samples", "x.toml"),
        ("resources/translations", "planDesk_en.qm"),
    ]


def test_hidden_imports_cover_lazy_modules_and_dependencies() -> None:
    hidden = set(bd.hidden_imports())
    package_modules = {
        ".".join(p.relative_to(ROOT / "src").with_suffix("").parts).removesuffix(".__init__")
        for p in (ROOT / "src" / "planDesk").rglob("*.py")
    }
    assert package_modules <= hidden
    assert {"planDesk.gui.app", "planDesk.core.exports.kinds"} <= hidden
    assert {"defusedxml", "defusedxml.ElementTree", "openpyxl", "reportlab", "jaconv", "platformdirs",
            "alembic.op", "sqlalchemy.dialects.sqlite", "PySide6.QtWidgets"} <= hidden
    excluded = set(bd.EXCLUDES)
    assert not {h for h in hidden if h in excluded or h.split(".")[0] in excluded}


def test_migration_imports_are_read_from_the_files(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "db" / "versions").mkdir(parents=True)
    (tmp_path / "db" / "versions" / "0009_x.py").write_text(
        "from __future__ import annotations\nimport sqlalchemy as sa\nfrom alembic import op\n"
        "from no_such_module import thing\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(bd, "ROOT", tmp_path)
    assert bd.migration_imports() == ["alembic", "alembic.op", "sqlalchemy"]


def test_no_excluded_module_is_imported_by_planDesk(monkeypatch: pytest.MonkeyPatch) -> None:
    assert bd.excluded_but_used() == []
    monkeypatch.setattr(bd, "planDesk_imports", lambda: {"PySide6.QtPdf", "PySide6.QtWidgets", "tkinter.ttk"})
    assert bd.excluded_but_used() == ["PySide6.QtPdf", "tkinter"]


@pytest.mark.parametrize(
    ("dest", "kept"),
    [
        ("PySide6/Qt/translations/qtbase_ja.qm", True),
        ("PySide6/translations/qt_ja.qm", True),
        ("PySide6/Qt/translations/qtbase_en.qm", True),
        ("PySide6/Qt/translations/qtbase_de.qm", False),
        ("PySide6/Qt/translations/qt_help_ja.qm", False),
        ("PySide6\\translations\\qtbase_fr.qm", False),
        ("resources/translations/planDesk_de.qm", True),
        ("PySide6/Qt/plugins/platforms/libqxcb.so", True),
    ],
)
def test_only_offered_qt_translations_are_kept(dest: str, kept: bool) -> None:
    assert bd.keep_qt_file(dest) is kept


@pytest.mark.parametrize(
    ("version", "expected"),
    [("0.1.0", (0, 1, 0, 0)), ("1.2", (1, 2, 0, 0)), ("2.0.1rc1", (2, 0, 1, 0)), ("1.2.3.4.5", (1, 2, 3, 4))],
)
def test_windows_version_numbers(version: str, expected: tuple[int, int, int, int]) -> None:
    assert bd.windows_version_tuple(version) == expected


def test_spec_builds_one_folder_with_both_programs() -> None:
    spec_text = (INSTALLERS / "planDesk.spec").read_text(encoding="utf-8")
    assert "exclude_binaries=True" in spec_text  # one-folder: binaries beside the program
    assert "COLLECT(gui, cli," in spec_text
    assert "runtime_tmpdir" not in spec_text
    assert 'contents_directory="_internal"' in spec_text  # paths.py looks in sys._MEIPASS


def _smoke_test_kind_parser() -> str:
    script = (INSTALLERS / "smoke_test.sh").read_text(encoding="utf-8")
    match = re.search(r"kinds=\"\$\(sed -n '([^']+)'", script)
    assert match, "smoke_test.sh no longer reads the kinds with sed"
    return match.group(1)


def test_smoke_test_reads_every_export_kind_from_the_help(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def fake(*_args: object) -> str:
        return ""

    kinds.load_kinds()
    monkeypatch.setitem(cmd_export.EXPORTERS, "progress-table",
                        cmd_export.Exporter("progress-table", (".xlsx", ".pdf"), "進捗一覧表（全体）", fake))
    monkeypatch.setitem(cmd_export.EXPORTERS, "roadmap",
                        cmd_export.Exporter("roadmap", (".pdf",), "工程表", fake))
    parser: argparse.ArgumentParser = build_parser()
    with pytest.raises(SystemExit) as exit_info:
        parser.parse_args(["export", "--help"])
    assert exit_info.value.code == 0
    help_text = capsys.readouterr().out
    result = subprocess.run(["sed", "-n", _smoke_test_kind_parser()], input=help_text,
                            capture_output=True, text=True, check=True)
    lines = result.stdout.splitlines()
    expected = [f"{k} {'/'.join(e.suffixes)}" for k, e in sorted(cmd_export.EXPORTERS.items())]
    assert lines == expected
    assert "progress-table .xlsx/.pdf" in lines
