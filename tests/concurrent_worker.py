"""A client process of the concurrency tests (tests/test_postgres_*.py), and ``run_at_once``
that starts many of them.

    python concurrent_worker.py TARGET GO_FILE save INITIATIVE_ID DEPARTMENT_ID FY EXPECTED_VERSION TEXT
    python concurrent_worker.py TARGET GO_FILE merge WORKBOOK
    python concurrent_worker.py TARGET GO_FILE upgrade

Opens the database, prints "ready", waits for GO_FILE to appear (so that every process
starts its write at the same moment), does one thing and prints one JSON line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

WORKER = Path(__file__)


def run_at_once(target: str, tmp_path: Path, jobs: list[list[str]]) -> list[dict[str, Any]]:
    """Start one process per job, wait until each has connected, then let all go at once."""
    go = tmp_path / f"go-{time.monotonic_ns()}"
    env = dict(os.environ, PLANDESK_BUSY_TIMEOUT_MS="60000")
    procs = [subprocess.Popen([sys.executable, str(WORKER), target, str(go), *job], stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True, encoding="utf-8", env=env) for job in jobs]
    try:
        for p in procs:
            assert p.stdout is not None
            line = p.stdout.readline().strip()
            assert line == "ready", (line, p.stderr.read() if p.stderr else "")
        go.touch()
        results = []
        for p in procs:
            out, err = p.communicate(timeout=180)
            assert p.returncode == 0, err
            results.append(json.loads(out.strip().splitlines()[-1]))
        return results
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()


def main(argv: list[str]) -> int:
    target, go, what, *rest = argv
    from planDesk.core.errors import ConflictError, UserError
    from planDesk.core.store import Store

    store = None
    if what != "upgrade":
        store = Store.open(target, actor=f"process-{rest[-1] if rest else ''}")
        with store.read():
            pass  # connected before the start signal
    if what == "merge":
        from planDesk.core.merge import merge_files  # imported before the start signal
    print("ready", flush=True)
    deadline = time.monotonic() + 120
    while not Path(go).exists():
        if time.monotonic() > deadline:
            print(json.dumps({"result": "timeout"}), flush=True)
            return 1
        time.sleep(0.005)
    out: dict[str, object]
    try:
        if what == "save":
            from planDesk.core.report_ops import ReportInput, save_report

            ini, dept, fy, expected, text = int(rest[0]), int(rest[1]), int(rest[2]), int(rest[3]), rest[4]
            assert store is not None
            _change, version = save_report(store, ReportInput(ini, dept, fy, activities=text),
                                           expected_version=expected)
            out = {"result": "saved", "version": version, "text": text}
        elif what == "merge":
            assert store is not None
            [outcome] = merge_files(store, [Path(rest[0])])
            out = {"result": outcome.status, "messages": outcome.messages}
        elif what == "upgrade":
            from planDesk.core.server import upgrade_server

            done = upgrade_server(target, backup=False)
            out = {"result": "upgraded" if done.changed else "current", "after": done.after}
        else:
            raise SystemExit(f"unknown {what}")
    except ConflictError as exc:
        out = {"result": "conflict", "message": exc.message, "unsaved": exc.unsaved}
    except UserError as exc:
        out = {"result": "refused", "message": str(exc)}
    print(json.dumps(out, ensure_ascii=False), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
