"""Run the benchmarks: ``python bench/run.py [SCENARIO...] [--repeat N] [--json FILE]``.

Every scenario module in bench/ (a module with a top-level ``SCENARIOS``, see
bench/scenario.py) is found. For each chosen scenario the subject and its baseline run in
fresh processes, alternately (subject first on even rounds, baseline first on odd ones)
so that a machine getting busier or quieter affects both alike. One untimed run of each
comes first: it checks that both commands work and warms the OS file cache, so the timed
runs measure a cold *process*, not a cold disk. Prints a table, writes JSON to
bench/results/ (or ``--json FILE``). Exit status 1 if a command failed, 2 for bad usage.
"""

from __future__ import annotations

import argparse
import ast
import fnmatch
import importlib
import json
import os
import platform
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any

if __package__ in (None, ""):  # run as a script: make the ``bench`` package importable
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bench.scenario import BENCH_DIR, ROOT, Scenario, Workspace

DEFAULT_REPEAT = 10
RESULTS_DIR = BENCH_DIR / "results"
NOT_SCENARIO_MODULES = {"__init__", "run", "scenario"}


def discover() -> list[Scenario]:
    """The scenarios of every bench/*.py module that assigns a top-level SCENARIOS."""
    found: list[Scenario] = []
    for path in sorted(BENCH_DIR.glob("*.py")):
        if path.stem in NOT_SCENARIO_MODULES or not _assigns_scenarios(path):
            continue
        module = importlib.import_module(f"bench.{path.stem}")
        found.extend(module.SCENARIOS)
    names = [s.name for s in found]
    duplicates = {n for n in names if names.count(n) > 1}
    if duplicates:
        raise SystemExit(f"run.py: シナリオ名が重複しています：{'、'.join(sorted(duplicates))}")
    return found


def _assigns_scenarios(path: Path) -> bool:
    # Looked up in the source first so that helper scripts in bench/ are never imported.
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in tree.body:
        targets = node.targets if isinstance(node, ast.Assign) else (
            [node.target] if isinstance(node, ast.AnnAssign) else [])
        if any(isinstance(t, ast.Name) and t.id == "SCENARIOS" for t in targets):
            return True
    return False


@dataclass
class Side:
    """The timings of one command of a scenario."""

    argv: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)

    def summary(self) -> dict[str, Any]:
        return {"argv": self.argv, "median": _median(self.wall), "min": min(self.wall, default=None),
                "max": max(self.wall, default=None), "cpu_median": _median(self.cpu),
                "wall": self.wall, "cpu": self.cpu}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


class CommandFailed(Exception):
    pass


def _children_cpu() -> float:
    if sys.platform == "win32":
        return 0.0
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def time_once(argv: list[str], env: dict[str, str], timeout: float) -> tuple[float, float]:
    """Wall and CPU seconds of one fresh process from start to exit."""
    cpu0 = _children_cpu()
    t0 = time.perf_counter()
    try:
        proc = subprocess.run(argv, env=env, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, timeout=timeout, check=False)
    except subprocess.TimeoutExpired as exc:
        raise CommandFailed(f"{timeout:.0f} 秒で終わりませんでした：{' '.join(argv)}") from exc
    wall = time.perf_counter() - t0
    if proc.returncode != 0:
        tail = proc.stderr.decode("utf-8", "replace").strip().splitlines()[-15:]
        raise CommandFailed(f"終了コード {proc.returncode}：{' '.join(argv)}\n" + "\n".join(tail))
    return wall, _children_cpu() - cpu0


def run_scenario(scenario: Scenario, ws: Workspace, repeat: int) -> dict[str, Any]:
    values = ws.placeholders()
    if scenario.setup is not None:
        values.update(scenario.setup(ws))
    env = dict(os.environ)
    env.pop("PLANDESK_DB", None)
    # The same environment for both sides: headless Qt, a throw-away user-data folder.
    env.update({"QT_QPA_PLATFORM": "offscreen", "PLANDESK_DATA_DIR": str(ws.scratch / "appdata")})
    sides: dict[str, Side] = {}
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    for role, command in (("subject", scenario.subject), ("baseline", scenario.baseline)):
        argv, extra = command.render(values)
        commands[role] = (argv, {**env, **extra})
        sides[role] = Side(argv)
    for role in ("subject", "baseline"):  # the untimed first run
        time_once(*commands[role], scenario.timeout)
    for round_no in range(repeat):
        order = ("subject", "baseline") if round_no % 2 == 0 else ("baseline", "subject")
        for role in order:
            wall, cpu = time_once(*commands[role], scenario.timeout)
            sides[role].wall.append(wall)
            sides[role].cpu.append(cpu)
        print(f"  {scenario.name}: {round_no + 1}/{repeat}", end="\r", file=sys.stderr, flush=True)
    subject, baseline = sides["subject"].summary(), sides["baseline"].summary()
    ratio = subject["median"] / baseline["median"]
    cpu_ratio = (subject["cpu_median"] / baseline["cpu_median"]) if baseline["cpu_median"] else None
    return {
        "name": scenario.name,
        "description": scenario.description,
        "repeat": repeat,
        "subject": subject,
        "baseline": baseline,
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "goal_ratio": scenario.goal_ratio,
        "meets_goal": None if scenario.goal_ratio is None else ratio <= scenario.goal_ratio,
        "error": None,
    }


def machine() -> dict[str, Any]:
    cpu = platform.processor()
    cpuinfo = Path("/proc/cpuinfo")
    if cpuinfo.exists():
        for line in cpuinfo.read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg() if hasattr(os, "getloadavg") else None
    return {"platform": platform.platform(), "cpu": cpu, "cpus": os.cpu_count(),
            "python": platform.python_version(), "load_average": load}


def git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "--short", "HEAD"],
                             capture_output=True, text=True, check=True)
    except (OSError, subprocess.CalledProcessError):
        return None
    return out.stdout.strip()


def _fmt(seconds: float | None) -> str:
    return "—" if seconds is None else f"{seconds:.3f}"


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table (it is pasted into bench/README.md as it is)."""
    lines = ["| scenario | subject median (min–max) s | baseline median (min–max) s | ratio | CPU ratio | goal |",
             "| --- | --- | --- | --- | --- | --- |"]
    for r in results:
        if r["error"]:
            lines.append(f"| {r['name']} | 失敗 | | | | {r['error'].splitlines()[0]} |")
            continue
        s, b = r["subject"], r["baseline"]
        goal = "—"
        if r["goal_ratio"] is not None:
            goal = f"≤ {r['goal_ratio']:g}× {'達成' if r['meets_goal'] else '未達'}"
        cpu = "—" if r["cpu_ratio"] is None else f"{r['cpu_ratio']:.2f}×"
        lines.append(f"| {r['name']} | {_fmt(s['median'])} ({_fmt(s['min'])}–{_fmt(s['max'])}) "
                     f"| {_fmt(b['median'])} ({_fmt(b['min'])}–{_fmt(b['max'])}) "
                     f"| {r['ratio']:.2f}× | {cpu} | {goal} |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="planDesk のベンチマークを実行します（bench/README.md）。")
    parser.add_argument("scenarios", nargs="*", metavar="SCENARIO",
                        help="実行するシナリオ（名前またはワイルドカード。省略時はすべて）")
    parser.add_argument("--repeat", type=int,
                        help=f"各コマンドの計測回数（既定 {DEFAULT_REPEAT}、シナリオ毎の既定あり）")
    parser.add_argument("--json", type=Path, help="結果の JSON の出力先（既定 bench/results/日時.json）")
    parser.add_argument("--list", action="store_true", help="シナリオの一覧を表示します")
    args = parser.parse_args(argv)
    if args.repeat is not None and args.repeat < 1:
        parser.error("--repeat は 1 以上にしてください")
    scenarios = discover()
    if args.list:
        for s in scenarios:
            goal = f"目標 ≤ {s.goal_ratio:g}×" if s.goal_ratio is not None else "目標なし"
            print(f"{s.name:<16} {goal:<10} {s.description}")
        return 0
    chosen = [s for s in scenarios
              if not args.scenarios or any(fnmatch.fnmatchcase(s.name, p) for p in args.scenarios)]
    unknown = [p for p in args.scenarios if not any(fnmatch.fnmatchcase(s.name, p) for s in scenarios)]
    if unknown:
        parser.error(f"シナリオ「{'、'.join(unknown)}」はありません（--list で一覧）")

    # A terminated run still stops its current child process and removes its scratch folder.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    started = datetime.now().astimezone()
    info = machine()
    results = []
    scratch = Path(tempfile.mkdtemp(prefix="plandesk-bench-"))
    try:
        ws = Workspace(scratch)
        for scenario in chosen:
            print(f"{scenario.name}: {scenario.description}", file=sys.stderr)
            repeat = args.repeat or scenario.repeat or DEFAULT_REPEAT
            try:
                results.append(run_scenario(scenario, ws, repeat))
            except CommandFailed as exc:
                print(f"  失敗：{exc}", file=sys.stderr)
                results.append({"name": scenario.name, "description": scenario.description,
                                "error": str(exc)})
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    info["load_average_after"] = os.getloadavg() if hasattr(os, "getloadavg") else None
    report = {"date": started.isoformat(timespec="seconds"), "commit": git_commit(), "machine": info,
              "scenarios": results}
    out = args.json or RESULTS_DIR / f"{started:%Y%m%d-%H%M%S}.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"\n{started:%Y-%m-%d %H:%M}  {info['cpu']} × {info['cpus']}  Python {info['python']}  "
          f"commit {report['commit']}")
    print(table(results))
    print(f"\nJSON: {out}")
    return 1 if any(r["error"] for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
