"""LibreOffice as a real client (issue 12): some departments never install planDesk.

One headless soffice for the module; a helper run with Debian's /usr/bin/python3 (the
UNO bridge) opens the exported workbook, types into the input cells through Calc's own
input line, saves as .xlsx; planDesk merges it and the values are read back from the
database. Skipped only when soffice or the UNO bridge is truly absent; on CI
(``CI=true``) their absence fails instead, because scripts/bootstrap.sh installs them.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from needs import unavailable
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from submission_helpers import counts, export, ids_of, report_of, report_rows

from planDesk.core.persistence.store import Store
from planDesk.core.submissions.format import (
    FIRST_DATA_ROW,
    KPI_COLUMNS,
    REPORT_COLUMNS,
    SHEET_KPIS,
    SHEET_META,
    SHEET_REPORTS,
    column_index,
)
from planDesk.core.submissions.merge import merge_files

pytestmark = pytest.mark.libreoffice

SYSTEM_PYTHON = "/usr/bin/python3"
CLIENT = Path(__file__).resolve().parents[2] / "lo" / "uno_client.py"


def _available() -> str:
    if shutil.which("soffice") is None:
        return "soffice (libreoffice-calc) is not installed"
    probe = subprocess.run([SYSTEM_PYTHON, "-c", "import uno"], capture_output=True, check=False) \
        if Path(SYSTEM_PYTHON).exists() else None
    if probe is None or probe.returncode != 0:
        return "the UNO bridge (python3-uno for /usr/bin/python3) is not installed"
    return ""


def _uno(job: dict[str, Any], timeout: float = 120) -> dict[str, Any]:
    done = subprocess.run([SYSTEM_PYTHON, str(CLIENT)], input=json.dumps(job, ensure_ascii=False),
                          capture_output=True, text=True, timeout=timeout, check=False,
                          env={k: v for k, v in os.environ.items() if not k.startswith("PYTHON")})
    assert done.returncode == 0, done.stderr[-3000:]
    return dict(json.loads(done.stdout))


@pytest.fixture(scope="module")
def soffice(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    why = _available()
    if why:
        unavailable(f"LibreOffice (scripts/bootstrap.sh installs it): {why}")
    profile = tmp_path_factory.mktemp("lo-profile")
    pipe = f"plandesk-{uuid.uuid4().hex[:12]}"
    proc = subprocess.Popen(
        ["soffice", "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
         f"-env:UserInstallation={profile.as_uri()}", f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    try:
        _uno({"pipe": pipe, "action": "ping", "timeout": 90})
        yield pipe
    finally:
        try:
            _uno({"pipe": pipe, "action": "terminate", "timeout": 5}, timeout=30)
            proc.wait(timeout=30)
        except Exception:
            pass
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)  # the group of the soffice we started
            proc.wait(timeout=30)


def _kpi_cell(path: Path, code: str, name: str) -> str:
    wb = load_workbook(path, read_only=True)
    ws = wb[SHEET_KPIS]
    col = column_index(KPI_COLUMNS, "actual")
    for r, row in enumerate(ws.iter_rows(min_row=FIRST_DATA_ROW, max_col=3, values_only=True), start=FIRST_DATA_ROW):
        if row[0] == code and row[2] == name:
            wb.close()
            return f"{get_column_letter(col)}{r}"
    raise AssertionError((code, name))


def _report_cell(path: Path, code: str, key: str) -> str:
    return f"{get_column_letter(column_index(REPORT_COLUMNS, key))}{report_rows(path)[code]}"


def test_typed_in_libreoffice_and_merged(soffice: str, store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    out = tmp_path / "filled_in_lo.xlsx"
    text = "出張申請を１２回実施した。\n申請率が向上した。"
    job = {"pipe": soffice, "action": "edit", "src": str(path), "out": str(out), "type": [
        [SHEET_REPORTS, _report_cell(path, "①－１－２", "activities"), text],
        [SHEET_REPORTS, _report_cell(path, "①－１－２", "evaluation"), "A（順調）"],   # from the drop-down
        [SHEET_REPORTS, _report_cell(path, "①－１－２", "direction"), "継続"],
        [SHEET_REPORTS, _report_cell(path, "①－１－１", "activities"), "手続のオンライン化"],
        [SHEET_REPORTS, _report_cell(path, "①－１－１", "evaluation"), "B（概ね順調）"],
        [SHEET_REPORTS, _report_cell(path, "①－１－１", "direction"), "拡充"],
        [SHEET_KPIS, _kpi_cell(path, "①－１－２", "マイナンバーカード申請率"), "76.4%"],
        [SHEET_KPIS, _kpi_cell(path, "①－１－１", "オンライン化済の手続き数"), "１，２３４"],
        ["表紙", "B13", "山田　花子"],
    ]}
    answer = _uno(job)
    typed = {(t["sheet"], t["cell"]): t for t in answer["typed"]}
    percent = typed[(SHEET_KPIS, _kpi_cell(path, "①－１－２", "マイナンバーカード申請率"))]
    assert abs(percent["value"] - 0.764) < 1e-9 and "%" in percent["format"]  # what Calc made of it
    assert answer["visible"][SHEET_META] is False
    [outcome] = merge_files(store, [out])
    assert outcome.status == "merged", outcome.messages
    assert outcome.diff is not None and outcome.diff.resolved.edited
    rep = report_of(store, "①－１－２")
    assert rep is not None
    assert rep.activities == text and rep.evaluation == "A" and rep.direction == "継続"
    assert rep.status == "submitted"
    assert dict(rep.kpi_actuals) == {ids_of(store, "①－１－２").kpis[0].id: 76.4}
    other = report_of(store, "①－１－１")
    assert other is not None and (other.evaluation, other.direction) == ("B", "拡充")
    assert dict(other.kpi_actuals) == {ids_of(store, "①－１－１").kpis[0].id: 1234.0}
    assert outcome.merge_id is not None


def test_resaved_without_edits_merges_as_unchanged(soffice: str, store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    out = tmp_path / "resaved.xlsx"
    answer = _uno({"pipe": soffice, "action": "edit", "src": str(path), "out": str(out)})
    assert answer["visible"][SHEET_META] is False  # very hidden became (merely) hidden
    wb = load_workbook(out)
    assert wb[SHEET_META].sheet_state == "hidden" and not (wb.security and wb.security.lockStructure)
    wb.close()
    before = counts(store)
    [outcome] = merge_files(store, [out])
    assert outcome.status == "merged", outcome.messages
    assert outcome.diff is not None and not outcome.diff.resolved.edited
    assert outcome.applied == 0 and outcome.conflicts == 0
    after = counts(store)
    assert (after["reports"], after["versions"], after["actuals"]) == (
        before["reports"], before["versions"], before["actuals"])


def test_edits_to_the_metadata_sheet_are_caught(soffice: str, store: Store, tmp_path: Path) -> None:
    path = export(store, tmp_path)
    out = tmp_path / "meta_edited.xlsx"
    # The sheet is only hidden after a LibreOffice save: a clerk shows it and "corrects" a base value.
    wb = load_workbook(path, read_only=True)
    ws = wb[SHEET_META]
    row = next(r for r, (sheet, _c, _u, fld) in enumerate(ws.iter_rows(min_row=43, max_col=4, values_only=True),
                                                           start=43)
               if sheet == SHEET_REPORTS and fld == "activities")
    wb.close()
    _uno({"pipe": soffice, "action": "edit", "src": str(path), "out": str(out),
          "type": [[SHEET_REPORTS, _report_cell(path, "①－１－２", "issues"), "課題"]],
          "meta": [[SHEET_META, f"E{row}", "書き換えた出力時の値"]]})
    before = counts(store)
    [outcome] = merge_files(store, [out])
    assert outcome.status == "refused"
    assert "識別用の隠しシートが変更されています" in "\n".join(outcome.messages)
    assert counts(store) == before
