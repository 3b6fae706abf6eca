"""The plan's words everywhere (issue 14 item 3) and optional parts optional (item 4):
every output of a plan with invented level labels, scale and directions is rendered
through the command line and read back; none carries a word of the built-in plans."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from any_plan_helpers import (
    BUILTIN_WORDS,
    FOUR_LEVEL_LABELS,
    FOUR_LEVELS_MIXED,
    TWO_LEVEL_LABELS,
    TWO_LEVELS,
    city_plan,
    make_store,
    tree_plan,
    view_of,
)
from openpyxl import load_workbook
from pdf_helpers import squash
from pypdf import PdfReader

from planDesk.cli.main import main
from planDesk.core.exports.progress_table_xlsx import HEADER_ROW
from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import PlanView
from planDesk.core.reports.attainment import format_attainment
from planDesk.core.reports.attainment import kpi_attainment as attainment
from planDesk.core.submissions.format import HEADER_ROW as SUB_HEADER
from planDesk.core.submissions.format import SHEET_REPORTS

# (kind, suffix, extra arguments): every export except the plan workbook, whose sheet
# names are the template's fixed layout (docs/plan-template.md).
OUTPUTS = (
    ("booklet", "pdf", []), ("roadmap", "pdf", []), ("roadmap", "png", []), ("summary", "pdf", ["--fy", "2025"]),
    ("progress-table", "xlsx", ["--fy", "2025"]), ("progress-table", "pdf", ["--fy", "2025"]),
    ("submission", "xlsx", ["--fy", "2025", "--department", "電算室"]),
    ("submission", "pdf", ["--fy", "2025", "--department", "電算室"]), ("results", "pdf", ["--fy", "2025"]),
    ("tracker", "xlsx", ["--fy", "2025"]),
)


def _xlsx_texts(path: Path, *, visible_only: bool = True) -> Iterator[str]:
    wb = load_workbook(path)
    for ws in wb.worksheets:
        if visible_only and ws.sheet_state != "visible":
            continue
        yield ws.title
        for row in ws.iter_rows():
            for cell in row:
                if cell.value is not None and not (visible_only and ws.column_dimensions[cell.column_letter].hidden):
                    yield str(cell.value)
        for part in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right):
            if part.text:
                yield part.text


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        return "".join((page.extract_text() or "") for page in PdfReader(str(path)).pages).replace("\n", "")
    if path.suffix == ".xlsx":
        return "\n".join(_xlsx_texts(path))
    return ""


def _render(db: Path, tmp_path: Path, kind: str, suffix: str, extra: list[str]) -> Path:
    out = tmp_path / f"{kind}.{suffix}"
    assert main(["--db", str(db), "export", kind, "--out", str(out), *extra]) == 0, kind
    assert out.stat().st_size > 0
    return out


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    tmp = tmp_path_factory.mktemp("words")
    db = tmp / "city.sqlite3"
    make_store(db, city_plan()).close()
    return {f"{kind}.{suffix}": _text(_render(db, tmp, kind, suffix, extra)) for kind, suffix, extra in OUTPUTS}


@pytest.mark.parametrize("name", [f"{k}.{s}" for k, s, _e in OUTPUTS if s != "png"])
def test_every_output_speaks_the_plans_words(rendered: dict[str, str], name: str) -> None:
    text = rendered[name]
    assert text, name
    leaked = [w for w in BUILTIN_WORDS if w in text]
    assert leaked == [], f"{name}: {leaked}"


def test_own_words_are_used(rendered: dict[str, str]) -> None:
    assert "事業" in rendered["submission.xlsx"]  # the level label heads the submission's rows
    header = rendered["progress-table.xlsx"]
    assert "柱" in header and "方策" in header and "事業" in header
    assert "計画以上" in rendered["summary.pdf"] or "◎" in rendered["summary.pdf"]


def test_progress_table_headers_are_the_plans_labels(tmp_path: Path) -> None:
    db = tmp_path / "city.sqlite3"
    make_store(db, city_plan()).close()
    ws = load_workbook(_render(db, tmp_path, "progress-table", "xlsx", ["--fy", "2025"]))["進捗状況一覧"]
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers[:4] == ["柱", "方策", "コード", "事業"]
    assert "進捗評価" in headers and "指標" in headers and "方向性" in headers


def _headers(path: Path, sheet: str, row: int) -> list[Any]:
    ws = load_workbook(path)[sheet]
    return [c.value for c in ws[row] if not ws.column_dimensions[c.column_letter].hidden]


def test_no_scale_no_kpis_no_roadmap_no_directions(tmp_path: Path) -> None:
    db = tmp_path / "bare.sqlite3"
    make_store(db, city_plan(scale=[], directions=[], kpis=False, roadmap=False)).close()
    table = _render(db, tmp_path, "progress-table", "xlsx", ["--fy", "2025"])
    headers = [c.value for c in load_workbook(table)["進捗状況一覧"][HEADER_ROW]]
    assert "進捗評価" not in headers and "指標" not in headers and "達成率" not in headers and "方向性" not in headers
    assert headers[:4] == ["柱", "方策", "コード", "事業"] and "実施状況" in headers
    sub = _render(db, tmp_path, "submission", "xlsx", ["--fy", "2025", "--department", "電算室"])
    shown = _headers(sub, SHEET_REPORTS, SUB_HEADER)
    assert "進捗評価" not in shown and "今後の方向性" not in shown and "実施状況" in shown
    for kind, suffix, extra in OUTPUTS:  # every output still runs
        _render(db, tmp_path, kind, suffix, extra)
    for kind, extra in (("progress-table", ["--fy", "2025"]), ("summary", ["--fy", "2025"]),
                        ("submission", ["--fy", "2025", "--department", "電算室"])):
        pdf = _text(_render(db, tmp_path, kind, "pdf", extra))
        assert "進捗評価" not in pdf and "方向性" not in pdf and "達成率" not in pdf, kind
        assert "実施111" in pdf or kind == "summary", kind


def test_missing_baseline_gives_no_attainment(tmp_path: Path) -> None:
    """— → 6件 → 12件 is not 50 %: without a baseline the way travelled is unknown."""
    store = make_store(tmp_path / "a.sqlite3", city_plan())
    inis = list(view_of(store).initiatives())
    with_base, without = inis[0].kpis[0], inis[1].kpis[0]
    assert with_base.baseline == 6 and without.baseline is None
    assert attainment(with_base, 9.0) == pytest.approx(0.5)
    assert attainment(without, 6.0) is None and format_attainment(attainment(without, 6.0)) == "—"
    from planDesk.core.reports.attainment import attainment as gui_attainment

    assert gui_attainment(6.0, None, 12.0) is None
    store.close()


def test_submission_of_a_plan_without_scale_merges_back(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = tmp_path / "bare.sqlite3"
    make_store(db, city_plan(scale=[], directions=[])).close()
    sub = _render(db, tmp_path, "submission", "xlsx", ["--fy", "2025", "--department", "電算室"])
    wb = load_workbook(sub)
    ws = wb[SHEET_REPORTS]
    headers = [c.value for c in ws[SUB_HEADER]]
    col = headers.index("実施状況") + 1
    ws.cell(SUB_HEADER + 1, col).value = "実施111を書き直しました"
    wb.save(sub)
    capsys.readouterr()
    assert main(["--db", str(db), "merge", str(sub)]) == 0, capsys.readouterr().err
    store = Store.open(str(db), actor="係")
    first = next(view_of(store).initiatives())
    assert [r.activities for r in first.reports] == ["実施111を書き直しました"]
    assert first.reports[0].evaluation is None
    store.close()


# ---- plans of any depth (issue 14 item 1): every output of a 4-level plan whose branches end at
# different depths, and of a 2-level plan (領域 → 事業) numbered 1-1, read back.

TREES = {"four": (FOUR_LEVELS_MIXED, FOUR_LEVEL_LABELS), "two": (TWO_LEVELS, TWO_LEVEL_LABELS)}
# Every output kind, the submission workbook and the tracker included.
TREE_OUTPUTS = OUTPUTS


@pytest.fixture(scope="module", params=sorted(TREES))
def tree(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
         ) -> tuple[PlanView, dict[str, Path]]:
    shape, labels = TREES[request.param]
    tmp = tmp_path_factory.mktemp(f"tree-{request.param}")
    db = tmp / "town.sqlite3"
    store = make_store(db, tree_plan(shape, labels=labels, numbering="hyphen"))
    plan = view_of(store)
    store.close()
    return plan, {f"{kind}.{suffix}": _render(db, tmp, kind, suffix, extra) for kind, suffix, extra in TREE_OUTPUTS}


def test_tree_plans_speak_their_own_words(tree: tuple[PlanView, dict[str, Path]]) -> None:
    _plan, outputs = tree
    for name, path in outputs.items():
        if path.suffix == ".png":
            continue
        text = _text(path)
        assert text, name
        leaked = [w for w in BUILTIN_WORDS if w in text]
        assert leaked == [], f"{name}: {leaked}"


def test_tree_plans_print_every_initiative(tree: tuple[PlanView, dict[str, Path]]) -> None:
    plan, outputs = tree
    titles = [i.title for i in plan.initiatives()]
    assert len(titles) == (9 if plan.depth == 4 else 5)
    for name in ("booklet.pdf", "roadmap.pdf", "progress-table.pdf", "progress-table.xlsx", "results.pdf",
                 "summary.pdf", "submission.xlsx", "submission.pdf"):  # 電算室 reports on every initiative
        text = squash(_text(outputs[name]))
        missing = [t for t in titles if t not in text]
        assert missing == [], f"{name}: {missing}"


def test_tree_plans_name_their_levels(tree: tuple[PlanView, dict[str, Path]]) -> None:
    plan, outputs = tree
    top = plan.label_of(1)
    booklet = squash(_text(outputs["booklet.pdf"]))
    assert squash("".join(plan.level_labels)) in booklet  # the 体系図's header
    for group in plan.walk_groups():  # every group's heading over its initiatives
        label = plan.label_of(group.depth)
        heading = f"{label}{group.code}「{group.title}」" if group.depth == 1 else f"{label}「{group.title}」"
        assert squash(heading) in booklet, heading
    results = squash(_text(outputs["results.pdf"]))
    assert "目次" + squash("".join(plan.level_labels)) in results  # the contents' header
    assert all(g.title in results for g in plan.walk_groups())
    assert f"{top}ごとの進捗評価" in squash(_text(outputs["summary.pdf"]))
    table = squash(_text(outputs["progress-table.pdf"]))
    assert all(f"{top}{g.code}{g.title}" in table for g in plan.groups)  # the bands
    if plan.depth > 2:  # a column per deeper group before the code
        assert squash("".join(plan.group_labels[1:]) + "コード" + plan.initiative_label) in table
    roadmap = squash(_text(outputs["roadmap.pdf"]))
    assert all(f"{plan.label_of(g.depth)}{g.code}{g.title}" in roadmap for g in plan.walk_groups())
    assert plan.initiative_label in squash(_text(outputs["submission.pdf"]))
    assert plan.initiative_label in squash(_text(outputs["submission.xlsx"]))


def test_tree_progress_table_has_a_column_per_depth(tree: tuple[PlanView, dict[str, Path]]) -> None:
    plan, outputs = tree
    ws = load_workbook(outputs["progress-table.xlsx"])["進捗状況一覧"]
    headers = [c.value for c in ws[HEADER_ROW]]
    assert headers[:plan.depth + 2] == [*plan.group_labels, "コード", plan.initiative_label]
    rows = {row[plan.depth]: row[:plan.depth] for row in ws.iter_rows(min_row=HEADER_ROW + 1, values_only=True)
            if row[plan.depth]}
    for ini in plan.initiatives():
        groups = rows[ini.code]
        want = [ref.title if ref.depth == 1 else f"{ref.code} {ref.title}" for ref in ini.path]
        # a branch that ends early leaves the deeper columns blank
        assert list(groups) == want + [None] * (plan.depth - ini.depth), ini.code


def test_tree_structure_chart_shows_every_depth(tree: tuple[PlanView, dict[str, Path]]) -> None:
    """The 体系図: a column per depth, each group in its depth's column, each initiative in
    the column after its own group's (spanning the deeper ones)."""
    plan, outputs = tree
    reader = PdfReader(str(outputs["booklet.pdf"]))
    page = next(p for p in reader.pages if "体系図" in (p.extract_text() or "")
                and squash("".join(plan.level_labels)) in squash(p.extract_text() or ""))
    xs: dict[str, float] = {}

    def visit(text: str, cm: list[float], tm: list[float], font: object, size: float) -> None:
        if text.strip():
            xs.setdefault(squash(text), tm[4] * cm[0] + cm[4])

    page.extract_text(visitor_text=visit)
    header = [xs[label] for label in plan.level_labels]
    assert header == sorted(header), header  # the header: one column per depth, then the initiatives

    def x_of(start: str) -> float:
        """Where the cell that starts with ``start`` begins (a narrow column wraps it)."""
        want = squash(start)
        return next(x for text, x in xs.items() if text.startswith(want) or (len(text) >= 6 and want.startswith(text)))

    column: dict[int, float] = {}  # where each depth's groups start
    for group in plan.walk_groups():
        x = x_of(f"{group.code} {group.title}" if group.depth == 1 else f"{group.number}. {group.title}")
        assert x == pytest.approx(column.setdefault(group.depth, x), abs=0.5), group.code
    assert sorted(column) == list(range(1, plan.depth + 1))
    assert [column[d] for d in sorted(column)] == sorted(column.values())
    last = max(column.values())
    for ini in plan.initiatives():
        x = x_of(ini.code)
        if ini.depth < plan.depth:  # its cell starts in the next depth's column and spans the rest
            assert x == pytest.approx(column[ini.depth + 1], abs=0.5), ini.code
        else:
            assert x > last + 10, ini.code
