"""What the frozen build carries beyond the code PyInstaller finds on its own.

Used by ``planDesk.spec`` (at build time), ``check_bundle.py`` (after the build) and the
tests, so the three agree. Plain Python: no PyInstaller import here.

The layout inside the bundle's contents folder (``_internal/``, which is ``sys._MEIPASS``
in a PyInstaller 6 one-folder build) is the one ``planDesk.paths`` looks for first:
``resources/…`` and ``db/…``, exactly as at the top of the repository.
"""

from __future__ import annotations

import ast
import os
import sys
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src"

# The folders copied verbatim into the bundle (and into the wheel as planDesk/_data/…).
DATA_FOLDERS = ("resources", "db")

# Two programs over one contents folder. On Windows the GUI one is "windowed" (no console
# window flashes up from the Start menu) and so cannot print; the CLI one is a console
# program for scripts and the smoke test. Distinct names because Windows file names ignore
# case (planDesk.exe and plandesk.exe would be the same file).
GUI_NAME = "planDesk"
CLI_NAME = "plandesk-cli"

# Qt modules the GUI uses or is expected to use (widgets, printing, SVG icons); listed so
# their plugins (platforms, image formats, print support) are in the bundle even before
# the GUI module imports them. The PySide6 hooks add the Qt plugins of each module.
QT_MODULES = (
    "PySide6.QtCore",
    "PySide6.QtGui",
    "PySide6.QtWidgets",
    "PySide6.QtPrintSupport",
    "PySide6.QtSvg",
)

# Never needed at run time; some are pulled in by optional imports of our dependencies and
# only make the bundle bigger (QML/Quick alone adds tens of MB of libraries and plugins).
EXCLUDES = (
    "tkinter",
    "_tkinter",
    "unittest",
    "doctest",
    "pdb",
    "pydoc",
    "xmlrpc",
    "setuptools",  # build tooling; pulled in only by PyInstaller's own run-time hook
    "distutils",
    "_distutils_hack",
    "pkg_resources",
    "pygments",  # only mako's syntax-highlighting plug-in wants it
    "pytest",
    "hypothesis",
    "mypy",
    "IPython",
    "PySide6.QtQml",
    "PySide6.QtQuick",
    "PySide6.QtQuickWidgets",
    "PySide6.QtQuickControls2",
    "PySide6.Qt3DCore",
    "PySide6.Qt3DRender",
    "PySide6.Qt3DInput",
    "PySide6.Qt3DLogic",
    "PySide6.Qt3DExtras",
    "PySide6.Qt3DAnimation",
    "PySide6.QtMultimedia",
    "PySide6.QtMultimediaWidgets",
    "PySide6.QtWebEngineCore",
    "PySide6.QtWebEngineWidgets",
    "PySide6.QtWebChannel",
    "PySide6.QtWebSockets",
    "PySide6.QtCharts",
    "PySide6.QtDataVisualization",
    "PySide6.QtGraphs",
    "PySide6.QtDesigner",
    "PySide6.QtHelp",
    "PySide6.QtPdf",
    "PySide6.QtPdfWidgets",
    "PySide6.QtSql",
    "PySide6.QtTest",
    "PySide6.QtBluetooth",
    "PySide6.QtNfc",
    "PySide6.QtPositioning",
    "PySide6.QtLocation",
    "PySide6.QtSensors",
    "PySide6.QtSerialPort",
    "PySide6.QtRemoteObjects",
    "PySide6.QtScxml",
    "PySide6.QtSpatialAudio",
    "PySide6.QtTextToSpeech",
    "PySide6.QtUiTools",
)


def project_metadata() -> tuple[str, str]:
    """(name, version) from pyproject.toml: the one place both are written."""
    with (ROOT / "pyproject.toml").open("rb") as fh:
        project = tomllib.load(fh)["project"]
    return str(project["name"]), str(project["version"])


def windows_version_tuple(version: str) -> tuple[int, int, int, int]:
    """"1.2.3" (or "1.2.3rc1", "1.2") as the four numbers Windows version resources want."""
    numbers: list[int] = []
    for part in version.split(".")[:4]:
        digits = ""
        for ch in part:
            if not ch.isdigit():
                break
            digits += ch
        numbers.append(int(digits or 0))
    while len(numbers) < 4:
        numbers.append(0)
    return numbers[0], numbers[1], numbers[2], numbers[3]


def _bundled_files(folder: str) -> list[Path]:
    base = ROOT / folder
    return sorted(
        p for p in base.rglob("*")
        if p.is_file() and "__pycache__" not in p.parts and p.suffix not in {".pyc", ".pyo"}
    )


def data_files() -> list[tuple[str, str]]:
    """PyInstaller ``datas``: (source file, destination folder inside the bundle)."""
    out: list[tuple[str, str]] = []
    for folder in DATA_FOLDERS:
        for path in _bundled_files(folder):
            out.append((str(path), path.parent.relative_to(ROOT).as_posix()))
    return out


def planDesk_modules() -> list[str]:
    """Every module of the package, found on disk (no import): lazily imported commands,
    export kinds and GUI modules are bundled even when no static import reaches them."""
    pkg = SRC / "planDesk"
    out = []
    for path in sorted(pkg.rglob("*.py")):
        rel = path.relative_to(SRC).with_suffix("")
        parts = list(rel.parts)
        if parts[-1] == "__init__":
            parts.pop()
        out.append(".".join(parts))
    return out


def migration_imports() -> list[str]:
    """Modules imported by db/env.py and the migrations. Alembic loads those files from the
    bundle's db/ folder at run time, so PyInstaller cannot see what they import."""
    names: set[str] = set()
    for path in _bundled_files("db"):
        if path.suffix != ".py":
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                # "from alembic import op": op may be a module, not an attribute.
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return sorted(n for n in names if n.split(".")[0] not in {"__future__"} and _importable(n))


def dependency_modules() -> list[str]:
    """The top-level modules of the run-time dependencies in pyproject.toml, so that a
    dependency only imported lazily (or not yet imported by any module) is still bundled."""
    from importlib.metadata import packages_distributions

    with (ROOT / "pyproject.toml").open("rb") as fh:
        deps = tomllib.load(fh)["project"]["dependencies"]
    wanted = {_dist_name(d) for d in deps}
    out = set()
    for module, dists in packages_distributions().items():
        if module.startswith("_") or "." in module:
            continue
        if any(_normalise(d) in wanted for d in dists) and _importable(module):
            out.add(module)
    return sorted(out)


def _dist_name(requirement: str) -> str:
    name = requirement
    for stop in "<>=!~[; ":
        name = name.split(stop)[0]
    return _normalise(name)


def _normalise(name: str) -> str:
    return name.strip().lower().replace("_", "-").replace(".", "-")


def _importable(name: str) -> bool:
    """Whether ``name`` is a module on disk, found without importing anything (importing
    alembic here would run its plug-in set-up inside the build)."""
    from importlib.machinery import all_suffixes
    from importlib.util import find_spec

    top, *rest = name.split(".")
    spec = find_spec(top)
    if spec is None:
        return False
    if not rest:
        return True
    for base in spec.submodule_search_locations or []:
        path = Path(base).joinpath(*rest[:-1])
        if not all(_spelled_exactly(Path(base).joinpath(*rest[: i + 1]), part)
                   for i, part in enumerate(rest[:-1])):
            continue
        leaf = rest[-1]
        if _spelled_exactly(path / leaf, leaf) and (path / leaf / "__init__.py").exists():
            return True
        if any(_spelled_exactly(path / f"{leaf}{suffix}", f"{leaf}{suffix}") for suffix in all_suffixes()):
            return True
    return False


def _spelled_exactly(path: Path, name: str) -> bool:
    """Whether ``path`` exists with exactly that spelling. Windows file names ignore case:
    there ``sqlalchemy/Engine`` "exists" (it is ``sqlalchemy/engine``), and the class
    ``Engine`` of ``from sqlalchemy import Engine`` would become a hidden import that
    PyInstaller then reports as not found."""
    try:
        return name in os.listdir(path.parent)
    except OSError:
        return False


def planDesk_imports() -> set[str]:
    """Every module name imported anywhere in the package's sources (found with ast)."""
    names: set[str] = set()
    for path in sorted((SRC / "planDesk").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
        for node in ast.walk(tree):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names.add(node.module)
                names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


def excluded_but_used() -> list[str]:
    """Excluded modules that planDesk imports after all: the build must then fail, or the
    frozen program would miss them at run time (e.g. a new GUI feature using QtPdf)."""
    used = planDesk_imports()
    return sorted(
        ex for ex in EXCLUDES
        if any(name == ex or name.startswith(ex + ".") for name in used)
    )


# Qt's own translations: only the languages planDesk offers (the rest is ~7 MB).
QT_TRANSLATION_LANGUAGES = ("ja", "en")


def keep_qt_file(dest: str) -> bool:
    """False for the Qt translation files of other languages (dest: path inside the bundle)."""
    parts = dest.replace("\\", "/").split("/")
    if parts[0] != "PySide6" or "translations" not in parts or not parts[-1].endswith(".qm"):
        return True
    stem = parts[-1][: -len(".qm")]
    if stem.startswith("qt_help_"):
        return False
    return any(stem.endswith("_" + lang) for lang in QT_TRANSLATION_LANGUAGES)


def hidden_imports() -> list[str]:
    """Modules PyInstaller must bundle although no static import in the entry point reaches them."""
    # defusedxml: openpyxl uses it only when it can be imported (a try/except), so a bundle
    # without it would silently read workbooks without the XML hardening.
    return sorted({
        *planDesk_modules(),
        *dependency_modules(),
        *migration_imports(),
        *QT_MODULES,
        "defusedxml",
        "defusedxml.ElementTree",
        "defusedxml.common",
        "sqlalchemy.dialects.sqlite",
        # a shared PostgreSQL server (docs/server.md): SQLAlchemy imports its dialect and
        # the psycopg driver by name from the URL, so no static import reaches them
        "sqlalchemy.dialects.postgresql",
        "sqlalchemy.dialects.postgresql.psycopg",
        "psycopg",
        "psycopg_binary",
    })


if __name__ == "__main__":
    # python installers/bundle_data.py --versions: "VERSION WINDOWS_VERSION" for the
    # installer scripts; without arguments: a look at what the bundle gets.
    name, version = project_metadata()
    if sys.argv[1:] == ["--versions"]:
        print(version, ".".join(str(n) for n in windows_version_tuple(version)))
        sys.exit(0)
    print(name, version)
    for src, dest in data_files():
        print(f"{dest}\t{src}")
    print("\n".join(hidden_imports()))
