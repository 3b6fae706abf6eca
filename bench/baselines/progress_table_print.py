"""Baseline of the ``print-progress-table`` scenario: reportlab draws the table's cells.

``python bench/baselines/progress_table_print.py PLAN.sqlite3 OUT.pdf``: loads the plan as
``export progress-table`` does, then, for the cycle that export chooses, draws the same cell
strings (code, title, department, evaluation, activities, KPI lines, issues, direction,
state; one row per report, 未報告 for an initiative without one, a band per policy) in a
grid of the same nine columns on A3 landscape: each line of a cell with ``drawString``, a
rule under every row, a new page when full. No wrapping: a line longer than its column
runs over, so the baseline does less than the table (which breaks lines to fit).
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))

_COLUMNS_MM = (22, 60, 30, 22, 90, 70, 50, 18, 16)


class _Opts:
    plan = department = fy = cycle = None


def main(db: str, out: str) -> int:
    from reportlab.lib.pagesizes import A3, landscape
    from reportlab.lib.units import mm
    from reportlab.pdfgen.canvas import Canvas

    from planDesk.core.fonts import register_fonts
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id
    from planDesk.core.printing.progress import NOT_REPORTED, evaluation_label, kpi_path, status_label
    from planDesk.core.printing.selection import reports_in, select_cycle
    from planDesk.core.reports.totals import actual_of

    store = Store.open(db)
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session))
    store.close()
    cycle = select_cycle(plan, _Opts())
    gothic, bold, _ = register_fonts()
    width, height = landscape(A3)
    scale = (width - 36 * mm) / (sum(_COLUMNS_MM) * mm)
    xs = [18 * mm]
    for w in _COLUMNS_MM:
        xs.append(xs[-1] + w * mm * scale)
    canvas = Canvas(out, pagesize=(width, height), initialFontName=gothic)
    top, bottom, leading = height - 20 * mm, 17 * mm, 10.0
    y = top

    def row(cells: list[str], font: str) -> None:
        nonlocal y
        lines = [[ln for ln in c.split("\n") if ln.strip()] for c in cells]
        h = max(1, *(len(c) for c in lines)) * leading + 7
        if y - h < bottom:
            canvas.showPage()
            y = top
        canvas.setFont(font, 7.5)
        for x, cell in zip(xs, lines, strict=False):
            for k, ln in enumerate(cell):
                canvas.drawString(x + 3, y - 3 - (k + 1) * leading + 2, ln)
        y -= h
        canvas.line(xs[0], y, xs[-1], y)

    for group in plan.groups:  # (not ``top``: row() starts each page at ``top``)
        inis = [] if group.retired else list(group.all_initiatives())
        if not inis:
            continue
        row([f"{plan.label_of(1)}{group.code}　{group.title}"], bold)
        for ini in inis:
            for k, rep in enumerate(reports_in(ini, cycle) or [None]):
                kpis = "\n".join(f"{kpi.name}：{kpi_path(kpi, actual_of(rep, kpi))}" for kpi in ini.kpis)
                row([ini.code if k == 0 else "", ini.title if k == 0 else "",
                     rep.department if rep else "／".join(ini.department_names),
                     evaluation_label(plan, rep.evaluation) if rep else NOT_REPORTED,
                     rep.activities if rep else "", kpis, rep.issues if rep else "",
                     (rep.direction or "") if rep else "", status_label(rep.status) if rep else NOT_REPORTED],
                    gothic)
    canvas.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
