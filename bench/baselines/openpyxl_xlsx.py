"""Baselines of the workbook scenarios (bench/workbooks.py): openpyxl doing the least for the same files.

    python bench/baselines/openpyxl_xlsx.py read FILES.json
    python bench/baselines/openpyxl_xlsx.py write INPUT.pickle VALUES.pickle OUT.xlsx

``read``: every cell of every sheet of the listed workbooks, read-only
(``iter_rows(values_only=True)``), nothing done with them. ``write``: the subject's
input is unpickled as the subject does (and not used), then the same cell values,
``[(sheet title, rows)]``, are appended to a bare write-only workbook and saved.
"""

from __future__ import annotations

import gc
import json
import pickle
import sys
from pathlib import Path
from typing import Any


def _load(path: str) -> Any:
    gc.disable()  # as the subject's loading does
    try:
        return pickle.loads(Path(path).read_bytes())
    finally:
        gc.enable()


def read(listing: str) -> int:
    from openpyxl import load_workbook

    cells = 0
    for path in json.loads(Path(listing).read_text(encoding="utf-8")):
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
        wb.close()
    return cells


def write(subject_input: str, values: str, out: str) -> int:
    from openpyxl import Workbook

    _load(subject_input)  # the same input as the subject's, unused
    sheets: list[tuple[str, list[list[Any]]]] = _load(values)
    wb = Workbook(write_only=True)
    cells = 0
    for title, rows in sheets:
        ws = wb.create_sheet(title)
        for row in rows:
            ws.append(row)
            cells += len(row)
    wb.save(out)
    return cells


def main(argv: list[str]) -> int:
    if argv[:1] == ["read"] and len(argv) == 2:
        print(read(argv[1]))
    elif argv[:1] == ["write"] and len(argv) == 4:
        print(write(*argv[1:]))
    else:
        print(__doc__, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
