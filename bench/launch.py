"""Start one measured command and report its own time and peak memory: ``bench/run.py`` runs
every measured command through this small process.

    python bench/launch.py REPORT.json COMMAND [ARG...]

Why a launcher: on Linux a process's peak resident memory (``ru_maxrss``) counts the
memory of the process it was forked from, up to its ``exec``. ``run.py`` itself grows (it
builds the synthetic plans of its set-up in-process), so a command started straight from
it would report at least ``run.py``'s size. Started from this small process instead, the
command's figure is its own. The launcher spawns the command (same environment, same
standard streams), waits for it with ``os.wait4`` — its own CPU time and peak memory, not
those of every child so far — and writes ``{"wall", "cpu", "peak_mb", "exit"}`` to
REPORT.json. Its exit status is the command's (128 + N when a signal N ended it).
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> int:
    report, command = Path(argv[0]), argv[1:]
    t0 = time.perf_counter()
    pid = os.posix_spawnp(command[0], command, os.environ)
    _, status, usage = os.wait4(pid, 0)
    wall = time.perf_counter() - t0
    code = os.waitstatus_to_exitcode(status)
    exit_status = code if code >= 0 else 128 - code
    peak_kb = usage.ru_maxrss / (1024 if sys.platform == "darwin" else 1)  # bytes on macOS, KiB on Linux
    report.write_text(json.dumps({"wall": wall, "cpu": usage.ru_utime + usage.ru_stime,
                                  "peak_mb": peak_kb / 1024, "exit": exit_status}), encoding="utf-8")
    return exit_status


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
