"""A corpus of bad workbooks, generated here from a good export: each is refused with a
Japanese message naming the file (and sheet/cell where there is one), changes no row,
does not crash the process, and stays under a memory bound.

The whole corpus is merged in one fresh process (``python -m`` a small script) whose peak
resident set size is measured: MEMORY_BOUND_MB is the bound this module states and checks.
"""

from __future__ import annotations

import io
import json
import re
import subprocess
import sys
import textwrap
import warnings
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from openpyxl import load_workbook
from submission_helpers import Text, export, fill, forge_meta, ids_of

from planDesk.core.persistence.store import Store
from planDesk.core.submissions.format import SHEET_KPIS, SHEET_REPORTS, SHEET_STEPS
from planDesk.core.xlsx.guard import Limits, WorkbookRefused, check_bytes

MEMORY_BOUND_MB = 200  # peak RSS of a process that merges the whole corpus (measured: ~80 MB)
SHEET_XML = {SHEET_REPORTS: "xl/worksheets/sheet3.xml", SHEET_KPIS: "xl/worksheets/sheet4.xml",
             SHEET_STEPS: "xl/worksheets/sheet5.xml", "meta": "xl/worksheets/sheet6.xml"}


def _entries(path: Path) -> dict[str, bytes]:
    with zipfile.ZipFile(path) as z:
        return {n: z.read(n) for n in z.namelist()}


def _zip(entries: dict[str, bytes] | list[tuple[str, bytes]], *, level: int = 6) -> bytes:
    buf = io.BytesIO()
    items = entries.items() if isinstance(entries, dict) else entries
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z, warnings.catch_warnings():
        warnings.filterwarnings("ignore", "Duplicate name", UserWarning)  # the corpus wants them
        for name, data in items:
            z.writestr(name, data)
    return buf.getvalue()


def _cell(xml: bytes, ref: str, new: str) -> bytes:
    pattern = re.compile(rb'<c r="' + ref.encode() + rb'"[^>]*?(?:/>|>.*?</c>)', re.S)
    assert pattern.search(xml), ref
    return pattern.sub(new.encode(), xml, count=1)


def _with(good: Path, changes: dict[str, Callable[[bytes], bytes] | bytes | None]) -> bytes:
    entries = _entries(good)
    for name, change in changes.items():
        if change is None:
            entries.pop(name, None)
        elif isinstance(change, bytes):
            entries[name] = change
        else:
            entries[name] = change(entries[name])
    return _zip(entries)


def _cell_change(sheet: str, ref: str, new: str) -> dict[str, Callable[[bytes], bytes] | bytes | None]:
    return {SHEET_XML[sheet]: lambda xml: _cell(xml, ref, new)}


BILLION_LAUGHS = (b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
                  b'<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
                  b'<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>')


def _row_of(path: Path, sheet: str, col: int, uid: str) -> int:
    ws = load_workbook(path)[sheet]
    return next(r for r in range(4, ws.max_row + 1) if ws.cell(r, col).value == uid)


def build_corpus(store: Store, folder: Path) -> dict[str, tuple[Path, str]]:
    """name → (file, a phrase its refusal must contain)."""
    good = export(store, folder, name="good.xlsx")
    ini = ids_of(store, "①－１－２")
    kpi_row = _row_of(good, SHEET_KPIS, 10, ini.uid)
    corpus: dict[str, tuple[Path, str]] = {}

    def add(name: str, data: bytes, expect: str, suffix: str = ".xlsx") -> None:
        path = folder / f"{name}{suffix}"
        path.write_bytes(data)
        corpus[name] = (path, expect)

    def add_file(name: str, path: Path, expect: str) -> None:
        corpus[name] = (path, expect)

    raw = good.read_bytes()
    # --- not a plain .xlsx -----------------------------------------------------------
    add("xls_renamed", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000, "97-2003")
    add("encrypted", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 500 + "EncryptedPackage".encode("utf-16-le")
        + b"\x00" * 500, "パスワード")
    add("xlsm_extension", raw, "マクロ付き", suffix=".xlsm")
    add("xls_extension", raw, "97-2003", suffix=".xls")
    add("csv_extension", b"a,b\n1,2\n", "Excel ブック（.xlsx）ではありません", suffix=".csv")
    add("vba_inside", _with(good, {"xl/vbaProject.bin": b"\x00" * 100}), "マクロ")
    add("macro_content_type", _with(good, {"[Content_Types].xml": lambda x: x.replace(
        b"sheet.main+xml", b"sheet.macroEnabled.main+xml")}), "マクロ付き")
    add("csv_renamed", "部署,実施状況\n市民課,実施\n".encode(), "CSV")
    add("html_renamed", b"<html><body><table><tr><td>1</td></tr></table></body></html>", "HTML")
    add("empty", b"", "空")
    add("truncated", raw[: len(raw) // 2], "途中で切れ")
    add("docx_renamed", _zip({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"}), "Word")
    add("ods_renamed", _zip({"mimetype": b"application/vnd.oasis.opendocument.spreadsheet",
                             "content.xml": b"<x/>"}), "OpenDocument")
    add("xlsb_renamed", _zip({"[Content_Types].xml": b"<Types/>", "xl/workbook.bin": b"\x00"}), "バイナリ")
    # --- hostile archives ------------------------------------------------------------
    add("duplicate_entries", _zip([*_entries(good).items(), ("xl/workbook.xml", b"<workbook/>")]), "同じ名前")
    add("many_entries", _zip({**_entries(good), **{f"xl/media/x{i}.bin": b"x" for i in range(400)}}), "多すぎ")
    add("zip_bomb_entry", _zip({**_entries(good), "xl/worksheets/sheet3.xml": b"\x00" * (40 * 1024 * 1024)},
                               level=9), "大きすぎる部品")
    add("ratio_bomb", _zip({**_entries(good), "customXml/item1.xml": b" " * (8 * 1024 * 1024)}, level=9), "圧縮率")
    encrypted_flag = bytearray(raw)
    cd = encrypted_flag.rfind(b"PK\x01\x02")
    encrypted_flag[cd + 8] |= 0x01  # general purpose flag: encrypted
    add("encrypted_entry", bytes(encrypted_flag), "暗号化")
    add("too_big_file", raw + b"\x00" * (21 * 1024 * 1024), "大きすぎ")
    # --- XML attacks -----------------------------------------------------------------
    add("billion_laughs", _with(good, {"xl/workbook.xml": lambda x: BILLION_LAUGHS + x.split(b"?>", 1)[-1]}), "DTD")
    add("xxe", _with(good, {"xl/worksheets/sheet3.xml": lambda x: (
        b'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>' + x)}), "DTD")
    add("entity_after_long_comment", _with(good, {"xl/worksheets/sheet3.xml": lambda x: (
        b"<?xml version='1.0'?><!--" + b"x" * 6000 + b'--><!DOCTYPE r [<!ENTITY a "aaaa">]>' + x)}), "DTD")
    add("invalid_xml_control_char", _with(good, _cell_change(
        SHEET_REPORTS, "D5", '<c r="D5" t="inlineStr"><is><t>&#1;</t></is></c>')), "読み込めません")
    add("malformed_xml", _with(good, {"xl/worksheets/sheet3.xml": lambda x: x[: len(x) // 2]}), "読み込めません")
    # --- forged extents and formulas ---------------------------------------------------
    add("forged_dimension_and_formula", _with(good, {"xl/worksheets/sheet3.xml": lambda x: _cell(
        x.replace(b'<dimension ref="A1:J16" />', b'<dimension ref="A1:XFD1048576" />'), "D5",
        '<c r="D5"><f>1+1</f><v>2</v></c>')}), "式")
    add("cell_at_xfd1048576", _with(good, {"xl/worksheets/sheet3.xml": lambda x: _cell(x, "E5", (
        '<c r="E5" t="inlineStr"><is><t>Z</t></is></c>')).replace(b"</sheetData>", (
            b'<row r="1048576"><c r="XFD1048576" t="inlineStr"><is><t>x</t></is></c></row></sheetData>'))}),
        "評価にありません")
    add("forged_cached_value", _with(good, _cell_change(
        SHEET_REPORTS, "E5", '<c r="E5" t="str"><f>"A"</f><v>A（順調）</v></c>')), "式")
    add("shared_formula", _with(good, _cell_change(
        SHEET_KPIS, f"I{kpi_row}", f'<c r="I{kpi_row}"><f t="shared" ref="I{kpi_row}" si="0">1+1</f><v>2</v></c>')),
        "式")
    add("array_formula", _with(good, _cell_change(
        SHEET_KPIS, f"I{kpi_row}", f'<c r="I{kpi_row}"><f t="array" ref="I{kpi_row}">SUM(1)</f><v>1</v></c>')),
        "式")
    add("error_value", _with(good, _cell_change(SHEET_KPIS, f"I{kpi_row}", f'<c r="I{kpi_row}" t="e"><v>#N/A</v></c>')),
        "エラー値")
    filler = "".join(f'<row r="{r}"><c r="A{r}" t="inlineStr"><is><t>{r * 7919:x}{r:o}</t></is></c></row>'
                     for r in range(100, 100_100)).encode()
    add("many_rows_no_dimension", _with(good, {"xl/worksheets/sheet3.xml": lambda x: _cell(
        x.replace(b'<dimension ref="A1:J16" />', b""), "D5", '<c r="D5"><f>1+1</f><v>2</v></c>').replace(
            b"</sheetData>", filler + b"</sheetData>")}), "式")
    add("huge_text", _with(good, _cell_change(
        SHEET_REPORTS, "D5", '<c r="D5" t="inlineStr"><is><t>' + "あ" * 40000 + "</t></is></c>")), "32,767 文字以内")
    add("missing_sheet", _with(good, {"xl/workbook.xml": lambda x: re.sub(
        rb'<sheet name="\xe5\xb7\xa5\xe7\xa8\x8b\xe8\xa1\xa8"[^>]*/>', b"", x)}), "シートがありません")
    # --- values a person can get wrong ----------------------------------------------------
    add_file("text_in_number_cell", fill(good, kpis={("①－１－２", "マイナンバーカード申請率"): "たくさん"},
                                         out=folder / "text_in_number_cell.xlsx"), "数値として読み取れません")
    add_file("date_in_number_cell", fill(good, kpis={("①－１－２", "マイナンバーカード申請率"): "2024-04-01"},
                                         out=folder / "date_in_number_cell.xlsx"), "数値として読み取れません")
    add_file("evaluation_off_scale", fill(good, reports={"①－１－２": {"evaluation": "E"}},
                                          out=folder / "evaluation_off_scale.xlsx"), "評価にありません")
    add_file("direction_off_list", fill(good, reports={"①－１－２": {"direction": "拡大"}},
                                        out=folder / "direction_off_list.xlsx"), "選択肢にありません")
    add_file("step_state_off_list", fill(good, steps={("①－１－２", "普及促進（安全性や利便性の周知）"): "半分"},
                                         out=folder / "step_state_off_list.xlsx"), "使えません")
    add_file("typed_formula", fill(good, reports={"①－１－２": {"activities": "=A1&B1"}},
                                   out=folder / "typed_formula.xlsx"), "式")
    add_file("boolean_in_text", fill(good, reports={"①－１－２": {"issues": True}},
                                     out=folder / "boolean_in_text.xlsx"), "TRUE/FALSE")
    # --- metadata: missing, wrong, edited ---------------------------------------------------
    add("no_metadata_sheet", _with(good, {"xl/workbook.xml": lambda x: re.sub(
        rb'<sheet name="_planDesk"[^>]*/>', b"", x)}), "planDesk の提出用ブックではありません")
    add_file("wrong_format", forge_meta(good, folder / "wrong_format.xlsx", {"format": "other-tool"}),
             "識別情報が違います")
    add_file("missing_export_id", forge_meta(good, folder / "missing_export_id.xlsx", {"export_id": ""}),
             "欠けています")
    add_file("edited_without_checksum", forge_meta(good, folder / "edited_without_checksum.xlsx",
                                                   {"department": "生活安全課"}, recompute_checksum=False),
             "チェックサム")
    add_file("cell_count_huge", forge_meta(good, folder / "cell_count_huge.xlsx", {"cell_count": "999999999"}),
             "範囲外")
    add_file("unknown_department", forge_meta(good, folder / "unknown_department.xlsx", {"department": "宇宙課"}),
             "宇宙課")
    add_file("pseudo_department", forge_meta(good, folder / "pseudo_department.xlsx", {"department": "全部署"}),
             "報告する部署ではありません")
    add_file("cycle_outside_plan", forge_meta(good, folder / "cycle_outside_plan.xlsx", {"fy": "2031"}), "期間")
    add_file("unknown_plan", forge_meta(good, folder / "unknown_plan.xlsx", {"plan_key": "other-city",
                                                                            "plan_name": "他市の計画"}),
             "他市の計画")
    add_file("old_revision", forge_meta(good, folder / "old_revision.xlsx", {"plan_revision": "令和4年度版"}),
             "改定前")

    def to_label_column(rows: list[list[Any]]) -> None:
        rows[0][1] = "B4"  # point an input at the title column

    add_file("input_on_label", forge_meta(good, folder / "input_on_label.xlsx", rows=to_label_column),
             "指定が正しくありません")

    def unknown_uid(rows: list[list[Any]]) -> None:
        for row in rows:
            if row[2] == ini.uid:
                row[2] = "00000000-0000-0000-0000-000000000000"

    edited_ids = forge_meta(good, folder / "edited_ids.xlsx", rows=unknown_uid)
    wb = load_workbook(edited_ids)
    for sheet, col in ((SHEET_REPORTS, 10), (SHEET_KPIS, 10), (SHEET_STEPS, 7)):
        ws = wb[sheet]
        for r in range(4, ws.max_row + 1):
            if ws.cell(r, col).value == ini.uid:
                ws.cell(r, col).value = "00000000-0000-0000-0000-000000000000"
    wb.save(edited_ids)
    add_file("edited_ids", edited_ids, "この計画にありません")
    moved = fill(good, out=folder / "rows_reordered.xlsx")
    wb = load_workbook(moved)
    ws = wb[SHEET_REPORTS]
    a, b = ws.cell(4, 10).value, ws.cell(5, 10).value
    ws.cell(4, 10).value, ws.cell(5, 10).value = b, a
    ws.cell(5, 4).value = Text("取組を取り違えた内容")
    wb.save(moved)
    add_file("rows_reordered", moved, "並べ替え")
    return corpus


SCRIPT = textwrap.dedent("""
    import json, resource, sys
    from pathlib import Path

    def peak_kb():
        # VmHWM belongs to this process image; ru_maxrss would include the parent's
        # memory inherited across fork+exec on Linux.
        try:
            for line in Path("/proc/self/status").read_text().splitlines():
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss

    from planDesk.core.submissions.merge import merge_files
    from planDesk.core.persistence.store import Store
    sys.path.insert(0, sys.argv[3])
    from submission_helpers import counts
    paths = [Path(p) for p in json.loads(Path(sys.argv[2]).read_text())]
    store = Store.open(sys.argv[1], actor="テスト")
    before = counts(store)
    base_rss = peak_kb()
    outcomes = merge_files(store, paths)
    after = counts(store)
    print(json.dumps({
        "before": before, "after": after, "base_kb": base_rss,
        "peak_kb": peak_kb(),
        "outcomes": [{"name": o.name, "status": o.status, "messages": o.messages} for o in outcomes],
    }, ensure_ascii=False))
""")


def test_corpus_is_refused_safely(store: Store, sample_db: Path, tmp_path: Path) -> None:
    folder = tmp_path / "corpus"
    folder.mkdir()
    corpus = build_corpus(store, folder)
    assert len(corpus) >= 30
    store.close()
    listing = tmp_path / "paths.json"
    listing.write_text(json.dumps([str(p) for p, _ in corpus.values()]), encoding="utf-8")
    tests_dir = str(Path(__file__).resolve().parents[2])
    res = subprocess.run([sys.executable, "-c", SCRIPT, str(sample_db), str(listing), tests_dir],
                         capture_output=True, text=True, timeout=600)
    assert res.returncode == 0, res.stderr[-3000:]  # no crash, no abort
    report = json.loads(res.stdout.strip().splitlines()[-1])
    assert report["after"] == report["before"], "a refused workbook changed the database"
    peak_mb = report["peak_kb"] / 1024
    print(f"corpus of {len(corpus)}: peak RSS {peak_mb:.0f} MB (after imports {report['base_kb'] / 1024:.0f} MB)")
    assert peak_mb < MEMORY_BOUND_MB, f"peak RSS {peak_mb:.0f} MB"
    outcomes = {Path(o["name"]).stem: o for o in report["outcomes"]}
    failures = []
    for name, (path, expect) in corpus.items():
        o = outcomes[name]
        text = "\n".join(o["messages"])
        if o["status"] != "refused" or expect not in text or path.name not in text or "Traceback" in text:
            failures.append(f"{name}: {o['status']}: {text[:300]}")
    assert not failures, "\n".join(failures)


def test_cell_messages_name_sheet_and_cell(store: Store, tmp_path: Path) -> None:
    from planDesk.core.submissions.merge import merge_files

    path = fill(export(store, tmp_path), reports={"①－１－２": {"evaluation": "E"}},
                kpis={("①－１－２", "マイナンバーカード申請率"): "たくさん"})
    [outcome] = merge_files(store, [path])
    text = "\n".join(outcome.messages)
    kpi_row = _row_of(path, SHEET_KPIS, 10, ids_of(store, "①－１－２").uid)
    assert f"{path.name}：シート「{SHEET_REPORTS}」 セル E5：進捗評価「E」" in text
    assert f"シート「{SHEET_KPIS}」 セル I{kpi_row}：指標「マイナンバーカード申請率」の実績値" in text


def test_total_size_limit(store: Store, tmp_path: Path) -> None:
    good = export(store, tmp_path).read_bytes()
    try:
        check_bytes("small.xlsx", good, Limits(max_total_uncompressed=10_000))
    except WorkbookRefused as exc:
        assert "展開後の合計が大きすぎます" in exc.message and "small.xlsx" in exc.message
    else:
        raise AssertionError("not refused")


def test_control_characters_are_removed_not_refused(store: Store, tmp_path: Path) -> None:
    from submission_helpers import report_of

    from planDesk.core.submissions.merge import MergeOptions, merge_files

    good = export(store, tmp_path)
    data = _with(good, _cell_change(SHEET_REPORTS, "D5",
                                    '<c r="D5" t="inlineStr"><is><t>前_x0007_後_x001B_。</t></is></c>'))
    path = tmp_path / "control.xlsx"
    path.write_bytes(data)
    # only 実施状況 is filled in: the row comes in as 下書き (issue 12's rule on required fields)
    [outcome] = merge_files(store, [path], MergeOptions(incomplete_as_draft=True))
    assert outcome.status == "merged", outcome.messages
    assert report_of(store, "①－１－２").activities == "前後。"  # type: ignore[union-attr]


def test_merge_refused_without_defusedxml(store: Store, tmp_path: Path, monkeypatch: Any) -> None:
    """openpyxl without defusedxml would resolve XML entities: no merge then."""
    import openpyxl.xml
    from submission_helpers import counts

    from planDesk.core.errors import UserError
    from planDesk.core.submissions.merge import merge_files

    path = fill(export(store, tmp_path), reports={"①－１－２": {"activities": "x"}})
    monkeypatch.setattr(openpyxl.xml, "DEFUSEDXML", False)
    before = counts(store)
    try:
        merge_files(store, [path])
    except UserError as exc:
        assert "defusedxml" in exc.message
    else:
        raise AssertionError("merged without defusedxml")
    assert counts(store) == before
