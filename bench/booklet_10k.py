"""Bench: the plan booklet of a 10,000-initiative plan vs reportlab drawing the same strings.

    .venv/bin/python bench/booklet_10k.py [--initiatives 10000] [--db PLAN.sqlite3] [--repeat 1]

The synthetic plan comes from bench/synth.py (built once into bench/results/, reused
while it exists). Each measurement runs in a fresh process: ``booklet`` lays out and
writes the whole booklet (cover, 体系図, one block per initiative with its 工程表,
glossary); ``canvas`` — the baseline — draws the same strings with ``drawString`` onto a
reportlab canvas in the same fonts, one per line, new page when full: no wrapping, no
tables, no layout. Both load the plan first (timed apart). Printed: seconds (wall and
CPU), pages, peak memory (max RSS) of each, the ratio booklet / canvas (goal ≤ 3×), and
one JSON line.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RESULTS = Path(__file__).resolve().parent / "results"


def _rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def booklet_strings(plan: object) -> Iterator[str]:
    """Every string the booklet prints, in its order (without page furniture)."""
    from planDesk.core.plan.view import PlanView
    from planDesk.core.printing.booklet import goal_line
    from planDesk.core.printing.booklet_tree import marks_text

    assert isinstance(plan, PlanView)
    yield from (plan.name, plan.revision, plan.vision, plan.municipality)
    yield from (ln for ln in (plan.purpose + "\n" + plan.period_note).split("\n") if ln.strip())
    yield from plan.level_labels
    inis = list(plan.initiatives())
    for group in plan.walk_groups():
        yield f"{group.code} {group.title}" if group.depth == 1 else f"{group.number}. {group.title}"
        yield from (f"{i.code}　{i.title}{marks_text(i)}" for i in group.initiatives if not i.retired)
    for title, text in plan.priority_notes:
        yield title
        yield from (ln for ln in text.split("\n") if ln.strip())
    years = [f"令和{fy - 2018}年度" for fy in plan.fiscal_years()]
    for ini in inis:
        yield f"{ini.code}　{ini.title}{marks_text(ini)}"
        yield "部署"
        yield from ini.department_names
        yield "概要"
        yield from (ln for ln in ini.overview.split("\n") if ln.strip())
        yield f"【{ini.status_heading}】"
        yield from (ln for ln in ini.status.split("\n") if ln.strip())
        yield "目標"
        yield from (goal_line(g) for g in ini.goals)
        yield "工程表"
        yield from years
        yield from (s.label for s in ini.steps)
    for g in plan.glossary:
        yield from (g.index_label, g.term, g.text)


def _load(db: str) -> tuple[object, float]:
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    started = time.perf_counter()
    store = Store.open(db)
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session), with_reports=False)  # as the booklet reads it
    store.close()
    return plan, time.perf_counter() - started


def child(kind: str, db: str, out: Path) -> dict[str, object]:
    plan, load_s = _load(db)
    from planDesk.core.fonts import register_fonts

    gothic, _, _ = register_fonts()  # font files parsed before the clock starts, for both
    rss_loaded = _rss_mb()
    wall, cpu = time.perf_counter(), time.process_time()
    if kind == "booklet":
        from planDesk.core.plan.view import PlanView
        from planDesk.core.printing.booklet import booklet_flowables
        from planDesk.core.printing.document import DocInfo, write_pdf

        assert isinstance(plan, PlanView)
        info = DocInfo("", plan.name, plan.municipality, plan.revision)
        pages = write_pdf(out, info, booklet_flowables(plan), cover=True)
        strings = 0
    else:
        from reportlab.lib.pagesizes import A4
        from reportlab.pdfgen.canvas import Canvas

        canvas = Canvas(str(out), pagesize=A4, initialFontName=gothic)
        y, pages, strings = 800.0, 1, 0
        canvas.setFont(gothic, 10)
        for text in booklet_strings(plan):
            canvas.drawString(50, y, text)
            strings += 1
            y -= 14
            if y < 50:
                canvas.showPage()
                canvas.setFont(gothic, 10)
                y, pages = 800.0, pages + 1
        canvas.save()
    return {"kind": kind, "load_s": round(load_s, 2), "wall_s": round(time.perf_counter() - wall, 2),
            "cpu_s": round(time.process_time() - cpu, 2), "pages": pages, "strings": strings,
            "rss_loaded_mb": round(rss_loaded), "rss_peak_mb": round(_rss_mb()),
            "pdf_mb": round(out.stat().st_size / 1e6, 1)}


def _run_child(kind: str, db: Path) -> dict[str, object]:
    out = RESULTS / f"booklet_bench_{kind}.pdf"
    proc = subprocess.run([sys.executable, __file__, "--child", kind, "--db", str(db), "--out", str(out)],
                          check=True, capture_output=True, text=True)
    result: dict[str, object] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--db", type=Path, help="a plan database (default: a synthetic plan, built once)")
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--child", choices=("booklet", "canvas"), help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(child(args.child, str(args.db), args.out)))
        return 0
    RESULTS.mkdir(exist_ok=True)
    db = args.db
    if db is None:
        db = RESULTS / f"synth_{args.initiatives}.sqlite3"
        if not db.exists():
            from bench.synth import build_synthetic_plan

            built = build_synthetic_plan(db, args.initiatives)
            print(f"synthetic plan: {built.initiatives:,} initiatives, {built.steps:,} steps ({built.seconds:.0f} s)")
    runs: dict[str, list[dict[str, object]]] = {"booklet": [], "canvas": []}
    for _ in range(args.repeat):
        for kind in ("canvas", "booklet"):
            runs[kind].append(_run_child(kind, db))
    summary: dict[str, object] = {"bench": "booklet_10k", "db": str(db)}
    for kind, results in runs.items():
        med = {k: statistics.median(float(r[k]) for r in results)  # type: ignore[arg-type]
               for k in ("load_s", "wall_s", "cpu_s", "rss_loaded_mb", "rss_peak_mb", "pdf_mb")}
        med["pages"] = float(results[0]["pages"])  # type: ignore[arg-type]
        summary[kind] = med
        print(f"{kind:8s} load {med['load_s']:6.1f} s | output {med['wall_s']:6.1f} s wall, "
              f"{med['cpu_s']:6.1f} s CPU | {med['pages']:,.0f} pages, {med['pdf_mb']:.1f} MB | "
              f"peak RSS {med['rss_peak_mb']:,.0f} MB (after load {med['rss_loaded_mb']:,.0f} MB)")
    b, c = summary["booklet"], summary["canvas"]
    assert isinstance(b, dict) and isinstance(c, dict)
    summary["ratio_wall"] = round(b["wall_s"] / c["wall_s"], 2)
    summary["ratio_cpu"] = round(b["cpu_s"] / c["cpu_s"], 2)
    print(f"booklet / canvas: {summary['ratio_wall']}× wall, {summary['ratio_cpu']}× CPU (goal ≤ 3×)")
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
