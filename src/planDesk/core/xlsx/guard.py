"""Checks on an untrusted workbook before any spreadsheet library parses it.

A file that arrives by mail may be anything: an old .xls, a macro workbook, a
password-protected file, a zip bomb, a truncated download. ``read_checked`` reads the
bytes once, looks at the magic number and the zip directory (counts, sizes, ratios,
duplicate names, encryption, the parts an .xlsx must have) and refuses — with a message
that says what the file is and what to do — before openpyxl sees it. Only the returned
bytes are parsed afterwards, so the file cannot change between check and parse.
"""

from __future__ import annotations

import io
import struct
import zipfile
from dataclasses import dataclass
from pathlib import Path

from planDesk.core.errors import UserError

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
EOCD_MAGIC = b"PK\x05\x06"
ZIP64_LOCATOR = b"PK\x06\x07"
XML_PROLOG_SCAN = 4096  # a DTD must come before the root element


@dataclass(frozen=True)
class Limits:
    """What a submission workbook may be (a sample plan's workbook is about 30 KB)."""

    max_file_bytes: int = 20 * 1024 * 1024
    max_entries: int = 300
    max_total_uncompressed: int = 60 * 1024 * 1024
    max_entry_uncompressed: int = 30 * 1024 * 1024
    max_ratio: float = 100.0         # uncompressed / compressed, for entries over ratio_floor
    ratio_floor: int = 1024 * 1024


DEFAULT_LIMITS = Limits()


class WorkbookRefused(UserError):
    """A workbook refused before or while parsing; the message names the file."""

    def __init__(self, file: str, reason: str, *, hint: str = "", sheet: str = "",
                 cell: str = "") -> None:
        where = file + (f"：シート「{sheet}」" if sheet else "") + (f" セル {cell}" if cell else "")
        super().__init__(f"{where}：{reason}", hint=hint)
        self.file = file
        self.reason = reason


def defusedxml_active() -> bool:
    """openpyxl parses with defusedxml (entity and DTD attacks refused)."""
    from openpyxl import xml as oxml
    from openpyxl.xml import functions

    return bool(oxml.DEFUSEDXML) and functions.iterparse.__module__.startswith("defusedxml")


def require_defusedxml() -> None:
    if not defusedxml_active():
        raise UserError(
            "安全のための部品（defusedxml）が openpyxl で有効になっていないため、提出ブックを取り込みません。",
            hint="planDesk を入れ直してください"
            "（環境変数 OPENPYXL_DEFUSEDXML=False が設定されていれば外してください）。",
        )


_RESAVE = "Excel で開き「ファイルの種類：Excel ブック（*.xlsx）」で保存し直したファイルを送ってもらってください。"


def _refuse(name: str, reason: str, hint: str = _RESAVE) -> WorkbookRefused:
    return WorkbookRefused(name, reason, hint=hint)


def read_checked(path: Path, limits: Limits = DEFAULT_LIMITS) -> bytes:
    """The bytes of ``path`` if it looks like a plain, bounded .xlsx; else WorkbookRefused."""
    name = path.name
    suffix = path.suffix.lower()
    if suffix == ".xlsm":
        raise _refuse(name, "マクロ付きブック（.xlsm）は受け付けません。")
    if suffix == ".xls":
        raise _refuse(name, "Excel 97-2003 形式（.xls）のブックは受け付けません。")
    if suffix != ".xlsx":
        raise _refuse(name, f"Excel ブック（.xlsx）ではありません（拡張子 {path.suffix or 'なし'}）。")
    try:
        size = path.stat().st_size
        if not path.is_file():
            raise _refuse(name, "ファイルではありません。", hint="")
        if size > limits.max_file_bytes:
            raise _refuse(name, f"ファイルが大きすぎます（{size / 1048576:.1f} MB、上限 "
                          f"{limits.max_file_bytes // 1048576} MB）。提出ブックとしては大きすぎるため読み込みません。",
                          hint="画像などを貼り付けていないか確認してもらってください。")
        with path.open("rb") as fh:
            data = fh.read(limits.max_file_bytes + 1)
    except FileNotFoundError as exc:
        raise _refuse(name, "ファイルが見つかりません。", hint="パスを確認してください。") from exc
    except IsADirectoryError as exc:
        raise _refuse(name, "フォルダです。ファイルを指定してください。", hint="") from exc
    except PermissionError as exc:
        raise _refuse(name, "ファイルを読めません（権限がないか、他のプログラムが使用中です）。",
                      hint="Excel で開いている場合は閉じてからやり直してください。") from exc
    check_bytes(name, data, limits)
    return data


def check_bytes(name: str, data: bytes, limits: Limits = DEFAULT_LIMITS) -> None:
    """All checks on the content (magic, zip directory, parts); raises WorkbookRefused."""
    if len(data) > limits.max_file_bytes:
        raise _refuse(name, f"ファイルが大きすぎます（上限 {limits.max_file_bytes // 1048576} MB）。")
    if not data:
        raise _refuse(name, "ファイルが空です（0 バイト）。",
                      hint="送られてきたファイルをもう一度保存してもらってください。")
    if data.startswith(OLE_MAGIC):
        if "EncryptedPackage".encode("utf-16-le") in data:
            raise _refuse(name, "パスワードで保護（暗号化）されたブックです。読み込めません。",
                          hint="パスワードを解除して保存し直したファイルを送ってもらってください。")
        raise _refuse(name, "Excel 97-2003 形式（.xls）のブックです。拡張子だけが .xlsx になっています。")
    if not data.startswith(ZIP_MAGIC):
        raise _refuse(name, f"Excel ブック（.xlsx）ではありません（{_describe(data)}）。")
    _check_directory_record(name, data, limits)
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, ValueError, OSError, EOFError) as exc:
        raise _refuse(name, "ファイルが壊れています（ZIP として読めません。途中で切れている可能性があります）。",
                      hint="送り直してもらってください。") from exc
    with archive:
        _check_entries(name, archive, limits)
        _check_parts(name, archive)


def _describe(data: bytes) -> str:
    head = data[:512].lstrip().lower()
    if head.startswith((b"<html", b"<!doctype html")) or b"<table" in head:
        return "HTML ファイルです"
    if head.startswith(b"<?xml"):
        return "XML ファイルです（Excel 2003 XML 形式かもしれません）"
    if head.startswith(b"%pdf"):
        return "PDF ファイルです"
    if b"," in head or b"\t" in head:
        return "CSV などのテキストファイルのようです"
    return "ファイルの形式が違います"


def _check_directory_record(name: str, data: bytes, limits: Limits) -> None:
    """Read the entry count from the end record before zipfile builds its directory."""
    at = data.rfind(EOCD_MAGIC, max(0, len(data) - 65557))
    if at < 0 or at + 22 > len(data):
        raise _refuse(name, "ファイルが途中で切れているか壊れています（ZIP の終端がありません）。",
                      hint="送り直してもらってください。")
    entries, cd_size, cd_offset = struct.unpack("<HII", data[at + 10:at + 20])
    if data.rfind(ZIP64_LOCATOR, max(0, at - 20), at) >= 0 or entries == 0xFFFF or cd_offset == 0xFFFFFFFF:
        raise _refuse(name, "ZIP64 形式のファイルです。提出ブックとしては大きすぎるか、Excel 以外で作られています。")
    if entries > limits.max_entries:
        raise _refuse(name, f"ファイル内の部品が多すぎます（{entries:,} 個、上限 {limits.max_entries}）。"
                      "提出ブックではないか、壊れています。")
    if cd_offset + cd_size > at:
        raise _refuse(name, "ファイルが壊れています（ZIP の目次が正しくありません）。",
                      hint="送り直してもらってください。")


def _check_entries(name: str, archive: zipfile.ZipFile, limits: Limits) -> None:
    infos = archive.infolist()
    if len(infos) > limits.max_entries:
        raise _refuse(name, f"ファイル内の部品が多すぎます（{len(infos):,} 個）。")
    seen: set[str] = set()
    total = 0
    for info in infos:
        key = info.filename.replace("\\", "/").lower()
        if key in seen:
            raise _refuse(name, f"ファイル内に同じ名前の部品が 2 つあります（{info.filename}）。"
                          "改ざんされたか壊れたファイルです。", hint="送り直してもらってください。")
        seen.add(key)
        if info.flag_bits & 0x1:
            raise _refuse(name, "ファイル内の部品が暗号化されています。読み込めません。",
                          hint="パスワードを解除して保存し直したファイルを送ってもらってください。")
        if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
            raise _refuse(name, f"Excel が使わない圧縮方式の部品があります（{info.filename}）。")
        if info.file_size > limits.max_entry_uncompressed:
            mb = info.file_size / 1048576
            raise _refuse(name, f"展開すると大きすぎる部品があります（{info.filename}：{mb:.0f} MB）。"
                          "圧縮爆弾の可能性があるため読み込みません。", hint="")
        ratio = info.file_size / max(1, info.compress_size)
        if info.file_size > limits.ratio_floor and ratio > limits.max_ratio:
            raise _refuse(name, f"圧縮率が異常に高い部品があります（{info.filename}：{ratio:,.0f} 倍）。"
                          "圧縮爆弾の可能性があるため読み込みません。", hint="")
        total += info.file_size
    if total > limits.max_total_uncompressed:
        raise _refuse(name, f"展開後の合計が大きすぎます（{total / 1048576:.0f} MB、上限 "
                      f"{limits.max_total_uncompressed // 1048576} MB）。", hint="")


def _read_small(archive: zipfile.ZipFile, member: str, limit: int) -> bytes:
    with archive.open(member) as fh:
        return fh.read(limit)


def _check_parts(name: str, archive: zipfile.ZipFile) -> None:
    names = {n.lower(): n for n in archive.namelist()}
    if "mimetype" in names and b"opendocument" in _read_small(archive, names["mimetype"], 200):
        raise _refuse(name, "OpenDocument 形式（LibreOffice などの .ods）のファイルです。")
    if "word/document.xml" in names:
        raise _refuse(name, "Word の文書です。Excel ブックではありません。", hint="")
    if "ppt/presentation.xml" in names:
        raise _refuse(name, "PowerPoint のファイルです。Excel ブックではありません。", hint="")
    if "xl/workbook.bin" in names:
        raise _refuse(name, "Excel バイナリブック（.xlsb）です。")
    if "[content_types].xml" not in names or "xl/workbook.xml" not in names:
        raise _refuse(name, "Excel ブックに必要な部品がありません（壊れているか、別の形式のファイルです）。")
    if "xl/vbaproject.bin" in names:
        raise _refuse(name, "マクロ（VBA）を含むブックです。拡張子だけが .xlsx になっています。")
    types = _read_small(archive, names["[content_types].xml"], 1024 * 1024)
    if b"macroEnabled" in types:
        raise _refuse(name, "マクロ付きブック（.xlsm）です。拡張子だけが .xlsx になっています。")
    for lower, member in names.items():
        if lower.endswith((".xml", ".rels")):
            head = _read_small(archive, member, XML_PROLOG_SCAN)
            if b"<!DOCTYPE" in head or b"<!ENTITY" in head:
                raise _refuse(name, f"部品 {member} に XML の DTD／実体宣言があります。Excel はこれを書きません。"
                              "攻撃用に細工されたファイルの可能性があるため読み込みません。", hint="")
