"""Checks a finished one-folder bundle holds everything planDesk needs at run time.

    python installers/check_bundle.py dist/planDesk

Run by build.sh / build.ps1 right after PyInstaller. The smoke test then runs the
programs; this catches what a run might not reach (a module only one export imports,
a resource file no command touched, a missing Qt platform plugin). Prints one line per
problem and exits 1 when there is any.
"""

from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import bundle_data as bd

# Modules that must be in the bundle whatever the static analysis found.
REQUIRED_MODULES = (
    "defusedxml.ElementTree",
    "openpyxl",
    "reportlab.pdfbase.ttfonts",
    "sqlalchemy.dialects.sqlite",
    "sqlalchemy.dialects.postgresql.psycopg",
    "psycopg",
    "alembic.op",
    "alembic.context",
    "platformdirs",
    "jaconv",
    "tqdm",  # imported only when a long merge or export runs on a terminal (cli/progress.py)
)


def program_path(dist: Path, name: str) -> Path:
    exe = dist / f"{name}.exe"
    return exe if exe.exists() else dist / name


def bundled_modules(program: Path, contents: Path) -> set[str]:
    """Names of the Python modules in the bundle: the .pyc files in the contents folder
    (the spec's noarchive build) and whatever is in the program's embedded archive."""
    from PyInstaller.archive.readers import pkg_archive_contents

    names = set(pkg_archive_contents(str(program), recursive=True))
    for pyc in contents.rglob("*.pyc"):
        parts = list(pyc.relative_to(contents).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        names.add(".".join(parts))
    return names


def problems(dist: Path) -> list[str]:
    out: list[str] = []
    contents = dist / "_internal"
    if not contents.is_dir():
        return [f"{contents} is missing (not a PyInstaller 6 one-folder build?)"]

    for name in (bd.GUI_NAME, bd.CLI_NAME):
        if not program_path(dist, name).exists():
            out.append(f"program {name} is missing")

    # Resources and migrations, file by file, same size as in the source tree.
    for src, dest in bd.data_files():
        target = contents / dest / Path(src).name
        if not target.exists():
            out.append(f"data file missing: {dest}/{Path(src).name}")
        elif target.stat().st_size != Path(src).stat().st_size:
            out.append(f"data file differs from the source: {dest}/{Path(src).name}")

    name, version = bd.project_metadata()
    dist_infos = [p.name for p in contents.glob("*.dist-info")]
    if f"{name.lower()}-{version}.dist-info" not in {d.lower() for d in dist_infos}:
        out.append(f"metadata {name}-{version}.dist-info missing (found: {', '.join(dist_infos) or 'none'})")

    cli = program_path(dist, bd.CLI_NAME)
    if cli.exists():
        modules = bundled_modules(cli, contents)
        wanted = set(bd.planDesk_modules()) | set(REQUIRED_MODULES)
        out.extend(f"module missing: {m}" for m in sorted(wanted - modules))

    # Qt: the platform plugins the program starts with (offscreen: headless runs and the
    # smoke test; windows or xcb: a desktop) and Qt's own Japanese messages.
    plugin_names = {p.name for p in contents.rglob("*") if "platforms" in p.parent.name}
    if not any("qoffscreen" in n for n in plugin_names):
        out.append("Qt platform plugin 'offscreen' missing")
    desktop = "qwindows" if sys.platform == "win32" else "qxcb"
    if not any(desktop in n for n in plugin_names):
        out.append(f"Qt platform plugin '{desktop}' missing")
    if not any(contents.rglob("qtbase_ja.qm")):
        out.append("Qt translation qtbase_ja.qm missing")

    out.extend(f"{m} is imported by planDesk but excluded from the bundle" for m in bd.excluded_but_used())
    return out


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: check_bundle.py DIST_FOLDER", file=sys.stderr)
        return 2
    dist = Path(argv[1])
    found = problems(dist)
    for p in found:
        print(f"check_bundle: {p}", file=sys.stderr)
    if found:
        return 1
    size = sum(p.lstat().st_size for p in dist.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"check_bundle: {dist} is complete ({size / 1e6:.0f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
