"""Baseline of the ``print-booklet`` scenario: reportlab draws the booklet's strings.

``python bench/baselines/booklet_print.py PLAN.sqlite3 OUT.pdf``: loads the plan as the
booklet does (``load_plan`` without reports), then draws every string the booklet prints
(``bench/booklet_10k.booklet_strings``) with ``drawString`` onto an A4 canvas in the
booklet's Gothic font, one per line, a new page when full: no wrapping, no tables, no layout.
"""

from __future__ import annotations

import sys
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent.parent))


def main(db: str, out: str) -> int:
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen.canvas import Canvas

    from bench.booklet_10k import booklet_strings
    from planDesk.core.fonts import register_fonts
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    store = Store.open(db)
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session), with_reports=False)  # as the booklet reads it
    store.close()
    gothic, _, _ = register_fonts()
    canvas = Canvas(out, pagesize=A4, initialFontName=gothic)
    canvas.setFont(gothic, 10)
    y = 800.0
    for text in booklet_strings(plan):
        canvas.drawString(50, y, text)
        y -= 14
        if y < 50:
            canvas.showPage()
            canvas.setFont(gothic, 10)
            y = 800.0
    canvas.save()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1], sys.argv[2]))
