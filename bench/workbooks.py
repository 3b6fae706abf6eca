"""Issue 17's workbook rows as ``bench/run.py`` scenarios: merge, submission export, progress table.

* **workbooks-merge**: ``merge_files`` of the first ``MERGE_FILES`` filled-in submission
  workbooks of bench/merge_100.py (its set-up: the 10,000-initiative synthetic plan, each
  department's export with every input cell typed over) into a fresh copy of the plan
  database (copied inside the measured process, ~0.1 s) / openpyxl read-only reading every
  cell of every sheet of the same files. Fewer files than the issue's 100 so that the
  scenario can be repeated: each file costs about the same.
* **workbooks-export**: one department's submission workbook (情報政策課, 令和7年度, ~80,000
  cells) built and saved by ``build_workbook`` / the same cell values appended to an
  openpyxl write-only workbook (one sheet per sheet).
* **workbooks-table**: the consolidated progress table of the 10k plan
  (``write_progress_table_xlsx``) / its cell values appended to a bare openpyxl
  write-only sheet.

Both sides of export and table unpickle the same input first (the export's gathered
content with the plan trimmed to its header, the table's ``PlanView``); the baselines
(bench/baselines/openpyxl_xlsx.py) also unpickle their cell values, made once in the
set-up. Each side is a fresh process.
"""

from __future__ import annotations

import dataclasses
import gc
import json
import pickle
import shutil
import sys
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script (the measured children)
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scenario import Command, Scenario, Workspace

MERGE_FILES = 10
FY = 2025


def _merge_setup(ws: Workspace) -> dict[str, str]:
    from bench import merge_100

    db = merge_100.synthetic_db(10_000)
    paths = merge_100.workbooks(db, MERGE_FILES)
    listing = ws.scratch / "merge_files.json"
    listing.write_text(json.dumps([str(p) for p in paths], ensure_ascii=False), encoding="utf-8")
    return {"db": str(db), "list": str(listing), "work": str(ws.scratch / "merge_work.sqlite3")}


def _export_setup(ws: Workspace) -> dict[str, str]:
    def make() -> dict[str, str]:
        from openpyxl import load_workbook

        from bench import merge_100
        from planDesk.core.persistence.store import Store
        from planDesk.core.plan.view import load_plan, resolve_plan_id
        from planDesk.core.submissions.export import build_workbook, gather
        from planDesk.core.submissions.scope import CycleRef

        db = merge_100.synthetic_db(10_000)
        store = Store.open(str(db), actor="bench")
        with store.read() as session:
            plan_id = resolve_plan_id(session, None)
            plan = load_plan(session, plan_id, with_reports=False)
            dept = next(d for d in plan.departments if not d.pseudo)
            content = gather(session, plan_id, dept.id, CycleRef(FY), actor="bench", plan=plan)
        store.close()
        # The workbook reads only the plan's header (names, labels, scales): the rest of the
        # 10k plan is left out of the pickle so that loading it costs both sides little.
        content.plan = dataclasses.replace(content.plan, groups=())
        made = ws.scratch / "export_content.pickle"
        made.write_bytes(pickle.dumps(content))
        out = ws.scratch / "export_once.xlsx"
        build_workbook(content).save(out)
        wb = load_workbook(out, read_only=True)
        sheets = [(s.title, [list(r) for r in s.iter_rows(values_only=True)]) for s in wb.worksheets]
        wb.close()
        values = ws.scratch / "export_values.pickle"
        values.write_bytes(pickle.dumps(sheets))
        cells = sum(len(r) for _t, rows in sheets for r in rows)
        print(f"  提出用ブック：{dept.name}、取組 {len(content.initiatives):,} 件、セル {cells:,}", file=sys.stderr)
        return {"content": str(made), "values": str(values)}

    made: dict[str, str] = ws.once("workbooks:export", make)
    return made


def _table_setup(ws: Workspace) -> dict[str, str]:
    def make() -> dict[str, str]:
        from bench import merge_100
        from planDesk.core.exports.progress_table_xlsx import columns_for, table_rows
        from planDesk.core.persistence.store import Store
        from planDesk.core.plan.view import load_plan, resolve_plan_id
        from planDesk.core.printing.selection import Cycle

        db = merge_100.synthetic_db(10_000)
        store = Store.open(str(db))
        with store.read() as session:
            plan = load_plan(session, resolve_plan_id(session, None))
        store.close()
        made = ws.scratch / "table_plan.pickle"
        made.write_bytes(pickle.dumps(plan))
        header = [h for _k, h, _w in columns_for(plan)]
        rows = [header, *([v for v, _style in cells] for _kind, cells in table_rows(plan, Cycle(FY, 0)))]
        values = ws.scratch / "table_values.pickle"
        values.write_bytes(pickle.dumps([("進捗状況一覧", rows)]))
        print(f"  進捗状況一覧：{len(rows) - 1:,} 行", file=sys.stderr)
        return {"plan": str(made), "values": str(values)}

    made: dict[str, str] = ws.once("workbooks:table", make)
    return made


_CHILD = ("{python}", "{bench}/workbooks.py")
_BASELINE = ("{python}", "{bench}/baselines/openpyxl_xlsx.py")

SCENARIOS = [
    Scenario(
        name="workbooks-merge",
        description=f"提出ブック {MERGE_FILES} 件を取り込む（merge_files、取組 10,000 件の計画）"
                    "／openpyxl read-only で同じファイルの全セルを読むだけ",
        subject=Command((*_CHILD, "merge", "{db}", "{work}", "{list}")),
        baseline=Command((*_BASELINE, "read", "{list}")),
        goal_ratio=1.2,
        setup=_merge_setup,
        repeat=3,
        timeout=900.0,
    ),
    Scenario(
        name="workbooks-export",
        description="1 部署の提出用ブックを出力（build_workbook + save）／同じ値を openpyxl write-only で書くだけ",
        subject=Command((*_CHILD, "export", "{content}", "{scratch}/export_subject.xlsx")),
        baseline=Command((*_BASELINE, "write", "{content}", "{values}", "{scratch}/export_baseline.xlsx")),
        goal_ratio=1.5,
        setup=_export_setup,
        repeat=5,
    ),
    Scenario(
        name="workbooks-table",
        description="進捗状況一覧の xlsx（取組 10,000 件）／同じ値を openpyxl write-only で書くだけ",
        subject=Command((*_CHILD, "table", "{plan}", "{scratch}/table_subject.xlsx")),
        baseline=Command((*_BASELINE, "write", "{plan}", "{values}", "{scratch}/table_baseline.xlsx")),
        goal_ratio=1.5,
        setup=_table_setup,
        repeat=5,
    ),
]


# --- the measured children -------------------------------------------------------------------


def _load(path: str) -> Any:
    gc.disable()  # as load_plan does while it builds the plan's objects
    try:
        return pickle.loads(Path(path).read_bytes())
    finally:
        gc.enable()


def child(argv: list[str]) -> None:
    kind, *args = argv
    if kind == "merge":
        from bench.merge_100 import child_merge

        db, work, listing = args
        for suffix in ("", "-wal", "-shm", "-journal"):  # a fresh database every run
            Path(work + suffix).unlink(missing_ok=True)
        shutil.copyfile(db, work)
        result = child_merge(work, [Path(p) for p in json.loads(Path(listing).read_text(encoding="utf-8"))])
        if result["statuses"] != ["merged"]:
            raise SystemExit(f"not every file merged: {result['statuses']}")
    elif kind == "export":
        from planDesk.core.submissions.export import build_workbook

        build_workbook(_load(args[0])).save(args[1])
    elif kind == "table":
        from planDesk.core.exports.progress_table_xlsx import write_progress_table_xlsx
        from planDesk.core.printing.selection import Cycle

        write_progress_table_xlsx(_load(args[0]), Cycle(FY, 0), Path(args[1]))
    else:
        raise SystemExit(f"unknown child {kind}")


if __name__ == "__main__":
    child(sys.argv[1:])
