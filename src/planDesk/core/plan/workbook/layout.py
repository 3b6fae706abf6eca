"""The layout of the plan workbook (計画ブック): sheets, their columns, the 計画 sheet's rows.

Format version 2 (written since the group tree, issue 14 item 1) has one sheet 「グループ」
for the groups of every depth (each row names its parent by code) and names the label of
every depth on the 計画 sheet; initiatives name their group by code. Version 1 (two group
sheets 基本方針 / 推進事項, three level labels) is still read: its two sheets become depth 1
and 2 (plan_workbook_read). docs/plan-template.md describes both.
"""

from __future__ import annotations

from dataclasses import dataclass

from planDesk.core.domain.model import MAX_DEPTH

FORMAT_ID = "planDesk-plan"
FORMAT_VERSION = 2
META_SHEET = "_planDesk"
YES = "○"
PSEUDO_LABELS = {"all": "全部署", "relevant": "関係部署"}
DIRECTION_LABELS = {"up": "上昇", "down": "低下"}
NUMBERING_LABELS = {"maru": "①－１－１", "serial": "01", "hyphen": "1-1-1"}
WRITTEN_CODE = "コード（表記）"
SLOGAN = "スローガン"
# Columns added at the end of a sheet in a later layout: a workbook written before they
# existed (no header there) is still read, as if they were empty.
ADDED_COLUMNS = (WRITTEN_CODE, SLOGAN)
LEGACY_CODE = "コード（参考）"  # the 取組事項 column of early version 1 workbooks: read-only, ignored
GROUP_SHEET = "グループ"
INITIATIVE_SHEET = "取組事項"
PATH_SEPARATOR = "／"  # a group named by its path of codes (1／ア) when its code alone is not unique


@dataclass(frozen=True)
class SheetSpec:
    name: str
    columns: tuple[tuple[str, str, float], ...]  # (key, header, width)

    @property
    def headers(self) -> list[str]:
        return [h for _k, h, _w in self.columns]


# The 計画 sheet: column A the item, column B its value, from row 2 in this order; then
# (version 2) one row 「第n階層の名前」 per group depth, as many as the plan has.
PLAN_FIELDS: tuple[tuple[str, str], ...] = (
    ("key", "キー（英数字）"), ("name", "計画名"), ("municipality", "自治体名"), ("vision", "基本理念"),
    ("purpose", "策定の目的"), ("period_note", "計画期間の説明"), ("start_fy", "開始年度"), ("end_fy", "終了年度"),
    ("revision", "版"), ("revision_fy", "版の年度"), ("numbering", "番号の形式"),
    ("initiative_label", "取組の階層の名前"),
)
FIRST_LEVEL_ROW = len(PLAN_FIELDS) + 2  # row of 第1階層の名前
__all__ = ["MAX_DEPTH"]  # the deepest group level a plan may have (the 計画 sheet's label rows)


def level_field(depth: int) -> str:
    return f"第{depth}階層の名前"


# Version 1's 計画 sheet: the three level labels, then the numbering.
PLAN_FIELDS_V1: tuple[tuple[str, str], ...] = (
    *PLAN_FIELDS[:10], ("level1", "第1階層の名前"), ("level2", "第2階層の名前"), ("level3", "第3階層の名前"),
    ("numbering", "番号の形式"),
)

_INITIATIVE_DETAILS: tuple[tuple[str, str, float], ...] = (
    ("title", "名前", 34), ("departments", "担当部署（、区切り）", 26), ("departments_more", "「など」", 6),
    ("priority", "重点", 6), ("new_in_fy", "新規の年度", 12), ("overview", "概要", 48),
    ("status_heading", "状況の見出し", 12), ("status", "取組状況", 48), ("retired", "廃止", 6),
)
_HEAD = (
    SheetSpec("進捗評価", (("code", "記号", 8), ("label", "名前", 16))),
    SheetSpec("方向性", (("label", "今後の方向性", 16),)),
    SheetSpec("部署", (("name", "部署名", 24), ("pseudo", "区分", 10), ("retired", "廃止", 6))),
)
_TAIL = (
    SheetSpec("目標", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("mark", "記号", 6),
                     ("text", "目標", 56), ("start_fy", "目標年度（から）", 12), ("end_fy", "目標年度（まで）", 12))),
    SheetSpec("指標", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("name", "指標名", 36),
                     ("unit", "単位", 8), ("direction", "方向", 8), ("baseline", "基準値", 11),
                     ("baseline_as_of", "基準日", 12), ("baseline_as_of_fy", "基準年度", 12),
                     ("target", "目標値", 11), ("target_fy", "目標年度", 12), ("goal", "目標の記号", 8))),
    SheetSpec("工程表", (("initiative", "取組ID", 12), ("code", "取組コード", 12), ("label", "工程", 44),
                      ("goals", "目標の記号（、区切り）", 10), ("start_fy", "開始年度", 12),
                      ("start_quarter", "開始四半期", 8), ("start_month", "開始月", 7), ("end_fy", "終了年度", 12),
                      ("end_quarter", "終了四半期", 8), ("end_month", "終了月", 7), ("kind", "区分", 8),
                      ("inferred", "推定", 6))),
    SheetSpec("用語解説", (("index", "索引", 6), ("term", "用語", 24), ("text", "説明", 70))),
    SheetSpec("重点取組", (("title", "題名", 30), ("text", "説明", 80))),
)

SHEETS: tuple[SheetSpec, ...] = (
    *_HEAD,
    SheetSpec(GROUP_SHEET, (("id", "ID", 8), ("depth", "階層", 6), ("parent", "親のコード", 12),
                            ("number", "番号", 6), ("code", WRITTEN_CODE, 12), ("title", "名前", 40),
                            ("slogan", SLOGAN, 40), ("retired", "廃止", 6))),
    SheetSpec(INITIATIVE_SHEET, (("id", "ID", 12), ("group", "所属グループのコード", 18), ("number", "番号", 6),
                                 ("code", WRITTEN_CODE, 12), *_INITIATIVE_DETAILS)),
    *_TAIL,
)
SHEET_BY_NAME = {s.name: s for s in SHEETS}

SHEETS_V1: tuple[SheetSpec, ...] = (
    *_HEAD,
    SheetSpec("基本方針", (("number", "番号", 6), ("title", "名前", 40), ("retired", "廃止", 6),
                       ("code", WRITTEN_CODE, 10), ("slogan", SLOGAN, 40))),
    SheetSpec("推進事項", (("policy", "基本方針の番号", 8), ("number", "番号", 6), ("title", "名前", 40),
                       ("retired", "廃止", 6), ("code", WRITTEN_CODE, 10))),
    SheetSpec(INITIATIVE_SHEET, (("id", "ID", 12), ("policy", "基本方針の番号", 8), ("item", "推進事項の番号", 8),
                                 ("number", "番号", 6), ("code", WRITTEN_CODE, 12), *_INITIATIVE_DETAILS)),
    *_TAIL,
)
SHEET_BY_NAME_V1 = {s.name: s for s in SHEETS_V1}
