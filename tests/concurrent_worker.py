"""Client processes of the concurrency tests (tests/test_postgres_*.py): ``run_at_once``.

Each job runs in its own process with its own connections: ``["save", INITIATIVE_ID,
DEPARTMENT_ID, FY, EXPECTED_VERSION, TEXT]``, ``["merge", WORKBOOK]``, ``["confirm", REPORT_ID]``,
``["undo", MERGE_ID]``, ``["edit", INITIATIVE_ID, EXPECTED_VERSION, TITLE, DEPARTMENT_IDS]`` or
``["upgrade"]``.
The processes come from a fork server that has imported planDesk once (starting twenty
Python interpreters that each import SQLAlchemy would cost a minute of CPU per test); each
connects first, then all wait at a barrier so that their writes start at the same moment.
"""

from __future__ import annotations

import multiprocessing
import os
import queue
from pathlib import Path
from typing import Any

PRELOAD = ["planDesk.core.persistence.store", "planDesk.core.reports.ops", "planDesk.core.submissions.merge",
           "planDesk.core.persistence.server", "planDesk.core.submissions.undo", "planDesk.core.plan.edit.nodes"]


def run_at_once(target: str, tmp_path: Path, jobs: list[list[str]]) -> list[dict[str, Any]]:
    """Run the jobs in parallel processes, all released at once; their results in job order."""
    ctx = multiprocessing.get_context("forkserver")
    ctx.set_forkserver_preload(PRELOAD)
    barrier = ctx.Barrier(len(jobs) + 1)
    results = ctx.Queue()
    procs = [ctx.Process(target=_child, args=(i, target, job, barrier, results)) for i, job in enumerate(jobs)]
    for p in procs:
        p.start()
    try:
        barrier.wait(timeout=180)  # every process has connected
        got: dict[int, dict[str, Any]] = {}
        while len(got) < len(jobs):
            try:
                i, result = results.get(timeout=180)
            except queue.Empty:
                raise AssertionError(f"only {len(got)} of {len(jobs)} processes answered") from None
            got[i] = result
        for p in procs:
            p.join(timeout=60)
            assert p.exitcode == 0, p.exitcode
        return [got[i] for i in range(len(jobs))]
    finally:
        for p in procs:
            if p.is_alive():
                p.kill()
            p.join()
            p.close()
        results.close()
        results.join_thread()


def _child(i: int, target: str, job: list[str], barrier: Any, results: Any) -> None:
    os.environ["PLANDESK_BUSY_TIMEOUT_MS"] = "60000"  # SQLite writers queue on the file lock
    try:
        results.put((i, _work(target, job, barrier)))
    except BaseException as exc:  # reported, so the test fails with the reason
        results.put((i, {"result": "crashed", "error": repr(exc)}))
        barrier.abort()
        raise


def _work(target: str, job: list[str], barrier: Any) -> dict[str, Any]:
    from planDesk.core.errors import ConflictError, UserError
    from planDesk.core.persistence.store import Store

    what, *rest = job
    store = None
    if what != "upgrade":
        store = Store.open(target, actor=f"process-{os.getpid()}")
        with store.read():
            pass  # connected before the start signal
    barrier.wait(timeout=180)
    try:
        if what == "save":
            from planDesk.core.reports.ops import ReportInput, save_report

            ini, dept, fy, expected, text = int(rest[0]), int(rest[1]), int(rest[2]), int(rest[3]), rest[4]
            assert store is not None
            _change, version = save_report(store, ReportInput(ini, dept, fy, activities=text),
                                           expected_version=expected)
            return {"result": "saved", "version": version, "text": text}
        if what == "merge":
            from planDesk.core.submissions.merge import merge_files

            assert store is not None
            [outcome] = merge_files(store, [Path(rest[0])])
            return {"result": outcome.status, "messages": outcome.messages}
        if what == "edit":
            from planDesk.core.plan.edit.nodes import InitiativeFields, edit_initiative

            assert store is not None
            ini, expected, title, depts = int(rest[0]), int(rest[1]), rest[2], rest[3]
            edit_initiative(store, ini, InitiativeFields(title=title, department_ids=tuple(
                int(d) for d in depts.split(","))), expected_version=expected)
            return {"result": "saved", "text": title}
        if what == "rename-group":
            from planDesk.core.plan.edit.nodes import edit_title

            assert store is not None
            group, expected, title = int(rest[0]), int(rest[1]), rest[2]
            edit_title(store, "group", group, title, expected_version=expected)
            return {"result": "saved", "text": title}
        if what == "confirm":
            from planDesk.core.reports.ops import confirm_report

            assert store is not None
            confirm_report(store, int(rest[0]), as_division=True)
            return {"result": "confirmed"}
        if what == "undo":
            from planDesk.core.submissions.undo import undo_merge

            assert store is not None
            undo_merge(store, rest[0])
            return {"result": "undone"}
        if what == "upgrade":
            from planDesk.core.persistence.server_upgrade import upgrade_server

            done = upgrade_server(target, backup=False)
            return {"result": "upgraded" if done.changed else "current", "after": done.after}
        raise ValueError(f"unknown job {what}")
    except ConflictError as exc:
        return {"result": "conflict", "message": exc.message, "unsaved": exc.unsaved}
    except UserError as exc:
        return {"result": "refused", "message": str(exc)}
    finally:
        if store is not None:
            store.close()
