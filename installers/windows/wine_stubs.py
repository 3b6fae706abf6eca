"""Write C sources of test-only stand-ins for the system DLLs Wine 8 lacks (run under Wine).

    python wine_stubs.py SITE_PACKAGES OUT_FOLDER

Qt 6.10+ (Qt6Core.dll) imports ICU's converter functions from Windows' own ``icuuc.dll``
(Windows 10 1903+ has it; Wine before 11.5 not), and ``qwindows.dll`` imports
``WcsCreateIccProfile`` from ``mscms.dll`` (Wine 8's has no such export). Without them the
Qt DLLs do not load at all. The functions listed are read from the DLLs' import tables
(pefile, which PyInstaller needs on Windows anyway), so a newer Qt that imports more is
covered without editing a list. Every stand-in fails: converter and colour-profile
openers return NULL (Qt falls back to its built-in encodings and to sRGB), the rest
return 0. These DLLs go into the Wine test prefix only, never into a build.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pefile

STUBBED = ("icuuc.dll", "mscms.dll")

# ICU reports failure through its last UErrorCode* argument as well as the NULL result.
SPECIAL = {
    "ucnv_open": "void *ucnv_open(const char *name, int *err)"
                 " { (void)name; if (err && *err <= 0) *err = 4; return 0; }",
}


def imports(folder: Path) -> dict[str, set[str]]:
    wanted: dict[str, set[str]] = {dll: set() for dll in STUBBED}
    for path in sorted([*folder.rglob("*.dll"), *folder.rglob("*.pyd")]):
        pe = pefile.PE(str(path), fast_load=True)
        pe.parse_data_directories(directories=[pefile.DIRECTORY_ENTRY["IMAGE_DIRECTORY_ENTRY_IMPORT"]])
        for entry in getattr(pe, "DIRECTORY_ENTRY_IMPORT", []):
            dll = entry.dll.decode("ascii", "replace").lower()
            if dll in wanted:
                wanted[dll].update(i.name.decode("ascii") for i in entry.imports if i.name)
        pe.close()
    return wanted


def c_source(dll: str, names: set[str]) -> str:
    lines = [f"/* Test-only stand-in for {dll} under Wine, written by installers/windows/wine_stubs.py."
             " Every function fails. */"]
    for name in sorted(names):
        body = SPECIAL.get(name, f"void *{name}(void) {{ return 0; }}")
        lines.append(f"__declspec(dllexport) {body}")
    return "\n".join(lines) + "\n"


def main(site_packages: Path, out: Path) -> int:
    out.mkdir(parents=True, exist_ok=True)
    found = imports(site_packages / "PySide6")
    for dll, names in found.items():
        (out / f"{dll.removesuffix('.dll')}.c").write_text(c_source(dll, names), encoding="ascii")
        print(f"{dll}: {len(names)} functions")
    return 0 if found["icuuc.dll"] or found["mscms.dll"] else 1


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), Path(sys.argv[2])))
