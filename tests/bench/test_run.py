"""bench/run.py measures what it says: each command's own CPU time and peak memory, the
figures an in-process bench prints, and goals judged on those figures."""

from __future__ import annotations

import os
import sys
import textwrap
import time
from pathlib import Path

import pytest

from bench.run import CommandFailed, run_once, run_scenario, table
from bench.scenario import Command, Scenario, Workspace

pytestmark = pytest.mark.skipif(not hasattr(os, "wait4"), reason="per-process figures are POSIX only")


def script(tmp_path: Path, name: str, body: str) -> str:
    path = tmp_path / name
    path.write_text(textwrap.dedent(body), encoding="utf-8")
    return str(path)


ALLOCATE = """
    import sys
    block = bytearray(int(sys.argv[1]) << 20)
    block[::4096] = b"x" * len(block[::4096])  # every page touched: resident
"""

SPIN = """
    import time
    end = time.process_time() + float(__import__("sys").argv[1])
    while time.process_time() < end:
        pass
"""


def test_a_commands_peak_memory_is_its_own_not_that_of_the_bench_process(tmp_path: Path) -> None:
    ballast = bytearray(400 << 20)  # run.py grows while it builds its synthetic plans
    ballast[::4096] = b"x" * len(ballast[::4096])
    small = run_once([sys.executable, script(tmp_path, "a.py", ALLOCATE), "1"], dict(os.environ), 60)
    large = run_once([sys.executable, script(tmp_path, "a.py", ALLOCATE), "200"], dict(os.environ), 60)
    del ballast
    assert small.peak_mb is not None and large.peak_mb is not None
    assert small.peak_mb < 100, small  # not the 400 MB of the process that started it
    assert 200 <= large.peak_mb < 300, large


def test_a_commands_cpu_time_is_its_own(tmp_path: Path) -> None:
    spin = script(tmp_path, "spin.py", SPIN)
    busy = run_once([sys.executable, spin, "0.4"], dict(os.environ), 60)
    idle = run_once([sys.executable, "-c", "import time; time.sleep(0.4)"], dict(os.environ), 60)
    assert busy.cpu >= 0.4 and busy.wall >= 0.4
    assert idle.cpu < 0.3 <= idle.wall  # waiting is wall time, not CPU time


def test_a_failing_command_is_reported_with_its_exit_status_and_error_output(tmp_path: Path) -> None:
    failing = script(tmp_path, "fail.py", "import sys; print('何かがおかしい', file=sys.stderr); sys.exit(3)")
    with pytest.raises(CommandFailed, match=r"終了コード 3(.|\n)*何かがおかしい"):
        run_once([sys.executable, failing], dict(os.environ), 60)


def test_a_command_out_of_time_is_stopped_with_what_it_started(tmp_path: Path) -> None:
    pid_file = tmp_path / "pid"
    sleeper = script(tmp_path, "sleep.py", f"""
        import os, time
        open({str(pid_file)!r}, "w").write(str(os.getpid()))
        time.sleep(60)
    """)
    t0 = time.perf_counter()
    with pytest.raises(CommandFailed, match="1 秒で終わりませんでした"):
        run_once([sys.executable, sleeper], dict(os.environ), 1.0)
    assert time.perf_counter() - t0 < 30
    pid = int(pid_file.read_text())
    for _ in range(50):  # killed; gone once its parent (the launcher) has been reaped too
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        pytest.fail(f"the measured command {pid} still runs")


def test_the_goal_is_judged_on_cpu_time_and_peak_memory(tmp_path: Path) -> None:
    spin, allocate = script(tmp_path, "spin.py", SPIN), script(tmp_path, "a.py", ALLOCATE)
    ws = Workspace(tmp_path)
    # the subject waits (wall 0.6 s) but uses little CPU; the baseline computes for 0.2 s
    waiting = Scenario(name="waits", description="",
                       subject=Command((sys.executable, "-c", "import time; time.sleep(0.6)")),
                       baseline=Command((sys.executable, spin, "0.2")), goal_ratio=1.0)
    result = run_scenario(waiting, ws, 1)
    assert result["ratio"] > 1.0 > result["cpu_ratio"]
    assert result["meets_goal"] is True
    heavy = Scenario(name="heavy", description="", subject=Command((sys.executable, allocate, "150")),
                     baseline=Command((sys.executable, allocate, "1")), goal_ratio=100.0, goal_peak_mb=120.0)
    result = run_scenario(heavy, ws, 1)
    assert result["subject"]["peak_mb_median"] >= 150
    assert result["meets_goal"] is False
    assert "< 120 MB 未達" in table([result])


def test_an_in_process_bench_is_read_from_the_json_line_it_prints(tmp_path: Path) -> None:
    bench = script(tmp_path, "latency.py", """
        import json, sys
        print("a table for people")
        print(json.dumps({"bench": "x", "action": {"median_ms": float(sys.argv[1])}, "core": {"median_ms": 2.0}}))
    """)
    ws = Workspace(tmp_path)
    scenario = Scenario(name="latency", description="", subject=Command((sys.executable, bench, "{ms}")),
                        in_process=("action.median_ms", "core.median_ms"), goal_ms=50.0,
                        setup=lambda ws: {"ms": "30"})
    result = run_scenario(scenario, ws, 3)
    assert result["subject"]["median"] == 30.0 and result["baseline"]["median"] == 2.0
    assert result["ratio"] == 15.0 and result["meets_goal"] is True
    assert "| latency | 30.0 (30.0–30.0) ms | 2.0 (2.0–2.0) ms | 15.00× |" in table([result])
    slow = Scenario(name="slow", description="", subject=Command((sys.executable, bench, "80")),
                    in_process=("action.median_ms", "core.median_ms"), goal_ms=50.0)
    assert run_scenario(slow, ws, 1)["meets_goal"] is False
    missing = Scenario(name="missing", description="", subject=Command((sys.executable, bench, "1")),
                       in_process=("nowhere.median_ms", "core.median_ms"))
    with pytest.raises(CommandFailed, match=r"nowhere\.median_ms"):
        run_scenario(missing, ws, 1)


def test_a_scenario_has_a_baseline_command_or_in_process_figures_not_both() -> None:
    with pytest.raises(ValueError):
        Scenario(name="both", description="", subject=Command(("x",)), baseline=Command(("y",)),
                 in_process=("a", "b"))
    with pytest.raises(ValueError):
        Scenario(name="neither", description="", subject=Command(("x",)))
    with pytest.raises(ValueError):
        Scenario(name="ms", description="", subject=Command(("x",)), baseline=Command(("y",)), goal_ms=5.0)
