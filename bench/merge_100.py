"""Bench: merging 100 department workbooks of a 10,000-initiative plan, and the progress table.

    .venv/bin/python bench/merge_100.py [--initiatives 10000] [--files 100] [--repeat 3] [--part merge|table|all]

**merge**: 100 submission workbooks (the 60 departments of the synthetic plan for 令和7年度,
40 of them again for 令和6年度), exported by planDesk and then "filled in by hand" — every
input cell of every row given a new value by editing the sheet XML, as Excel would save
it — are merged into a fresh copy of the plan database by ``merge_files`` (guard, bounded
read, checks against the database, three-way diff, apply with audit and merge records, one
backup). The baseline reads the same 100 files with openpyxl read-only, every cell of every
sheet (``iter_rows(values_only=True)``), and does nothing with them. Goal: ≤ 1.5×.

**table**: the consolidated progress table of the same plan (令和7年度) written by
``progress_table_xlsx`` (styles, colours, row heights, print set-up) vs. the same cell
values appended to a bare openpyxl write-only workbook. Both load the plan and compute the
rows before the clock starts (load time printed apart). Goal: ≤ 1.5×.

Each measurement is a fresh process; subject and baseline alternate; medians are printed
with the ratio, peak memory (VmHWM) of each, and one JSON line. The synthetic plan comes
from bench/synth.py and the workbooks are built once into bench/results/ (reused while the
plan file is unchanged).
"""

from __future__ import annotations

import argparse
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

RESULTS = Path(__file__).resolve().parent / "results"
FY = 2025


def _peak_mb() -> float:
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    import resource

    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


# --- set-up: the plan and the filled-in workbooks ------------------------------------------


def synthetic_db(n: int) -> Path:
    RESULTS.mkdir(exist_ok=True)
    db = RESULTS / f"synth_{n}.sqlite3"
    if not db.exists():
        from bench.synth import build_synthetic_plan

        built = build_synthetic_plan(db, n)
        print(f"synthetic plan: {built.initiatives:,} initiatives, {built.reports:,} reports "
              f"({built.seconds:.0f} s)")
    return db


_INPUT = {  # sheet file → (column letters of inputs, value maker)
    "xl/worksheets/sheet3.xml": "DEFGH",
    "xl/worksheets/sheet4.xml": "I",
    "xl/worksheets/sheet5.xml": "F",
}
_CELL = re.compile(rb'<c r="([A-Z]+)(\d+)"([^>]*?)(?:/>|>.*?</c>)', re.S)


def _typed(col: str, row: int, sheet: str) -> bytes:
    """What a person types into one input cell (as Excel stores it)."""
    def text(value: str) -> bytes:
        return f'<c r="{col}{row}" t="inlineStr"><is><t>{value}</t></is></c>'.encode()

    if sheet.endswith("sheet4.xml"):
        return f'<c r="{col}{row}"><v>{row * 7 % 1000}</v></c>'.encode()
    if sheet.endswith("sheet5.xml"):
        return text(("未着手", "実施中", "完了", "遅れ")[row % 4])
    return {
        "D": text(f"令和{FY - 2018}年度は計画どおり実施し、行 {row} の取組を進めた。"),
        "E": text("ABCD"[row % 4]),
        "F": text("人員と予算の確保が課題である。"),
        "G": text(("拡充", "継続", "見直し", "完了")[row % 4]),
        "H": text("引き続き取り組む。"),
    }[col]


def fill_by_hand(path: Path) -> None:
    """Give every input cell of every data row a new value, editing the sheet XML."""
    with zipfile.ZipFile(path) as z:
        entries = {n: z.read(n) for n in z.namelist()}
    for name, cols in _INPUT.items():
        def swap(m: re.Match[bytes], name: str = name, cols: str = cols) -> bytes:
            col, row = m.group(1).decode(), int(m.group(2))
            return _typed(col, row, name) if col in cols and row >= 4 else m.group(0)
        entries[name] = _CELL.sub(swap, entries[name])
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in entries.items():
            z.writestr(name, data)


def workbooks(db: Path, files: int) -> list[Path]:
    folder = RESULTS / "merge_100"
    manifest = folder / "manifest.json"
    stamp = {"db": str(db), "mtime": db.stat().st_mtime}
    if manifest.exists():
        made = json.loads(manifest.read_text())
        if made["stamp"] == stamp and len(made["paths"]) >= files:
            return [Path(p) for p in made["paths"][:files]]
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id
    from planDesk.core.submissions.export import build_workbook, gather
    from planDesk.core.submissions.scope import CycleRef

    started = time.perf_counter()
    store = Store.open(str(db), actor="bench")
    paths: list[Path] = []
    with store.read() as session:
        plan_id = resolve_plan_id(session, None)
        plan = load_plan(session, plan_id, with_reports=False)
        real = [d for d in plan.departments if not d.pseudo]
        jobs = [(d, FY) for d in real] + [(d, FY - 1) for d in real]
        for dept, fy in jobs[:files]:
            content = gather(session, plan_id, dept.id, CycleRef(fy), actor="bench", plan=plan)
            path = folder / f"{len(paths):03d}_{fy}_{dept.name}.xlsx"
            build_workbook(content).save(path)
            fill_by_hand(path)
            paths.append(path)
    store.close()
    manifest.write_text(json.dumps({"stamp": stamp, "paths": [str(p) for p in paths]}, ensure_ascii=False))
    print(f"{len(paths)} workbooks built and filled in ({time.perf_counter() - started:.0f} s)")
    return paths


# --- the measured children -------------------------------------------------------------------


def child_merge(db: str, paths: list[Path]) -> dict[str, Any]:
    from planDesk.core.persistence.store import Store
    from planDesk.core.submissions.merge import MergeOptions, merge_files

    store = Store.open(db, actor="bench")
    wall, cpu = time.perf_counter(), time.process_time()
    # as ``plandesk merge`` does: each file's diff is dropped once it is merged
    outcomes = merge_files(store, paths, MergeOptions(keep_diffs=False))
    result = {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
              "statuses": sorted({o.status for o in outcomes}), "fields": sum(o.applied for o in outcomes)}
    store.close()
    return result


def child_read(paths: list[Path]) -> dict[str, Any]:
    from openpyxl import load_workbook

    wall, cpu = time.perf_counter(), time.process_time()
    cells = 0
    for path in paths:
        wb = load_workbook(path, read_only=True)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                cells += len(row)
        wb.close()
    return {"wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu, "cells": cells}


def _table_input(db: str) -> tuple[Any, Any, float]:
    from planDesk.core.persistence.store import Store
    from planDesk.core.plan.view import load_plan, resolve_plan_id
    from planDesk.core.printing.selection import Cycle

    started = time.perf_counter()
    store = Store.open(db)
    with store.read() as session:
        plan = load_plan(session, resolve_plan_id(session, None))
    store.close()
    return plan, Cycle(FY, 0), time.perf_counter() - started


def child_table(db: str, out: Path, raw: bool) -> dict[str, Any]:
    from planDesk.core.exports.progress_table_xlsx import COLUMNS, table_rows, write_progress_table_xlsx

    plan, cycle, load_s = _table_input(db)
    rows = [[v for v, _style in cells] for _kind, cells in table_rows(plan, cycle)] if raw else []
    wall, cpu = time.perf_counter(), time.process_time()
    if raw:
        from openpyxl import Workbook

        wb = Workbook(write_only=True)
        ws = wb.create_sheet("table")
        ws.append([h for _k, h, _w in COLUMNS])
        for row in rows:
            ws.append(row)
        wb.save(out)
        n = len(rows)
    else:
        n = write_progress_table_xlsx(plan, cycle, out)
    return {"load_s": load_s, "wall_s": time.perf_counter() - wall, "cpu_s": time.process_time() - cpu,
            "rows": n, "mb": out.stat().st_size / 1e6}


def _run(args: list[str]) -> dict[str, Any]:
    proc = subprocess.run([sys.executable, __file__, *args], capture_output=True, text=True)
    if proc.returncode != 0:
        raise SystemExit(f"child failed: {' '.join(args[:2])}\n{proc.stderr[-3000:]}")
    result: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return result


def _median(runs: list[dict[str, Any]], key: str) -> float:
    return statistics.median(float(r[key]) for r in runs)


def _compare(name: str, subject: list[dict[str, Any]], baseline: list[dict[str, Any]],
             goal: float) -> dict[str, Any]:
    s_wall, b_wall = _median(subject, "wall_s"), _median(baseline, "wall_s")
    s_cpu, b_cpu = _median(subject, "cpu_s"), _median(baseline, "cpu_s")
    out = {"bench": name, "subject_wall_s": round(s_wall, 2), "baseline_wall_s": round(b_wall, 2),
           "subject_cpu_s": round(s_cpu, 2), "baseline_cpu_s": round(b_cpu, 2),
           "ratio_wall": round(s_wall / b_wall, 2), "ratio_cpu": round(s_cpu / b_cpu, 2), "goal": goal,
           "subject_peak_mb": round(_median(subject, "peak_mb")),
           "baseline_peak_mb": round(_median(baseline, "peak_mb")),
           "runs": len(subject)}
    print(f"{name}: subject {s_wall:.1f} s wall / {s_cpu:.1f} s CPU, baseline {b_wall:.1f} s / {b_cpu:.1f} s "
          f"→ {out['ratio_wall']}× wall, {out['ratio_cpu']}× CPU (goal ≤ {goal}×); peak memory "
          f"{out['subject_peak_mb']} MB vs {out['baseline_peak_mb']} MB")
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--initiatives", type=int, default=10_000)
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--part", choices=("merge", "table", "all"), default="all")
    parser.add_argument("--child", choices=("merge", "read", "table", "table-raw"), help=argparse.SUPPRESS)
    parser.add_argument("--db", help=argparse.SUPPRESS)
    parser.add_argument("--list", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        paths = [Path(p) for p in json.loads(Path(args.list).read_text())] if args.list else []
        if args.child == "merge":
            result = child_merge(args.db, paths)
        elif args.child == "read":
            result = child_read(paths)
        else:
            result = child_table(args.db, args.out, raw=args.child == "table-raw")
        result["peak_mb"] = _peak_mb()
        print(json.dumps(result, ensure_ascii=False))
        return 0
    db = synthetic_db(args.initiatives)
    summary: list[dict[str, Any]] = []
    if args.part in ("merge", "all"):
        paths = workbooks(db, args.files)
        listing = RESULTS / "merge_100" / "files.json"
        listing.write_text(json.dumps([str(p) for p in paths], ensure_ascii=False))
        work = RESULTS / "merge_100" / "work.sqlite3"
        merged: list[dict[str, Any]] = []
        read: list[dict[str, Any]] = []
        for i in range(args.repeat):
            for kind in (("merge", "read") if i % 2 == 0 else ("read", "merge")):
                if kind == "merge":
                    for stale in RESULTS.glob("merge_100/work*"):
                        stale.unlink()
                    shutil.copyfile(db, work)  # a fresh database every round (not timed)
                    merged.append(_run(["--child", "merge", "--db", str(work), "--list", str(listing)]))
                else:
                    read.append(_run(["--child", "read", "--list", str(listing)]))
        print(f"merged {len(paths)} workbooks: {merged[0]['fields']:,} fields applied, "
              f"statuses {merged[0]['statuses']}")
        summary.append(_compare("merge_100", merged, read, 1.5))
    if args.part in ("table", "all"):
        ours: list[dict[str, Any]] = []
        raw: list[dict[str, Any]] = []
        for i in range(args.repeat):
            for kind in (("table", "table-raw") if i % 2 == 0 else ("table-raw", "table")):
                out = RESULTS / f"progress_table_bench_{kind}.xlsx"
                (ours if kind == "table" else raw).append(_run(["--child", kind, "--db", str(db), "--out", str(out)]))
        print(f"progress table: {ours[0]['rows']:,} rows, {ours[0]['mb']:.1f} MB (raw {raw[0]['mb']:.1f} MB), "
              f"plan loaded in {_median(ours, 'load_s'):.1f} s (not timed)")
        summary.append(_compare("progress_table", ours, raw, 1.5))
    print(json.dumps(summary, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
