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
NOT_SCENARIO_MODULES = {"__init__", "launch", "run", "scenario"}


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
    """The timings of one command of a scenario (seconds; milliseconds in ``wall`` for an
    in-process figure, which has no CPU or memory of its own)."""

    argv: list[str]
    wall: list[float] = field(default_factory=list)
    cpu: list[float] = field(default_factory=list)
    peak_mb: list[float] = field(default_factory=list)

    def add(self, run: Run) -> None:
        self.wall.append(run.wall)
        self.cpu.append(run.cpu)
        if run.peak_mb is not None:
            self.peak_mb.append(run.peak_mb)

    def summary(self) -> dict[str, Any]:
        return {"argv": self.argv, "median": _median(self.wall), "min": min(self.wall, default=None),
                "max": max(self.wall, default=None), "cpu_median": _median(self.cpu),
                "peak_mb_median": _median(self.peak_mb), "peak_mb_max": max(self.peak_mb, default=None),
                "wall": self.wall, "cpu": self.cpu, "peak_mb": self.peak_mb}


def _median(values: list[float]) -> float | None:
    return statistics.median(values) if values else None


class CommandFailed(Exception):
    pass


@dataclass(frozen=True)
class Run:
    """One fresh process from start to exit: wall and CPU (user + system) seconds, its peak
    resident memory in MB (None where the OS does not say), what it printed."""

    wall: float
    cpu: float
    peak_mb: float | None
    stdout: str


def run_once(argv: list[str], env: dict[str, str], timeout: float) -> Run:
    """Run ``argv`` to its end through bench/launch.py (POSIX), which takes the CPU time and
    peak memory of that one process; elsewhere only its wall time is taken."""
    posix = hasattr(os, "wait4") and hasattr(os, "posix_spawnp")
    with tempfile.TemporaryDirectory(prefix="plandesk-run-") as tmp:
        report = Path(tmp) / "report.json"
        out_path, err_path = Path(tmp) / "stdout", Path(tmp) / "stderr"
        launched = [sys.executable, str(BENCH_DIR / "launch.py"), str(report), *argv] if posix else argv
        with out_path.open("wb") as out, err_path.open("wb") as err:
            t0 = time.perf_counter()
            proc = subprocess.Popen(launched, env=env, stdin=subprocess.DEVNULL, stdout=out, stderr=err,
                                    start_new_session=posix)
            try:
                proc.wait(timeout)
            except BaseException as exc:  # out of time, or run.py itself stopped (SIGTERM, Ctrl+C)
                if posix:
                    os.killpg(proc.pid, signal.SIGKILL)  # the launcher and the command it started
                else:
                    proc.kill()
                proc.wait()
                if isinstance(exc, subprocess.TimeoutExpired):
                    raise CommandFailed(f"{timeout:.0f} 秒で終わりませんでした：{' '.join(argv)}") from exc
                raise
            wall = time.perf_counter() - t0
        stdout = out_path.read_text(encoding="utf-8", errors="replace")
        stderr = err_path.read_text(encoding="utf-8", errors="replace")
        if proc.returncode != 0:
            tail = stderr.strip().splitlines()[-15:]
            raise CommandFailed(f"終了コード {proc.returncode}：{' '.join(argv)}\n" + "\n".join(tail))
        if not posix:
            return Run(wall, 0.0, None, stdout)
        measured = json.loads(report.read_text(encoding="utf-8"))
    return Run(measured["wall"], measured["cpu"], measured["peak_mb"], stdout)


def figure(stdout: str, key: str, argv: list[str]) -> float:
    """The number at the dotted ``key`` of the last JSON line an in-process bench printed."""
    lines = [line for line in stdout.splitlines() if line.startswith("{")]
    try:
        value: Any = json.loads(lines[-1])
        for part in key.split("."):
            value = value[part]
        return float(value)
    except (IndexError, KeyError, TypeError, ValueError) as exc:
        raise CommandFailed(f"出力の JSON に「{key}」の数値がありません：{' '.join(argv)}") from exc


def run_scenario(scenario: Scenario, ws: Workspace, repeat: int) -> dict[str, Any]:
    values = ws.placeholders()
    if scenario.setup is not None:
        values.update(scenario.setup(ws))
    env = dict(os.environ)
    env.pop("PLANDESK_DB", None)
    # The same environment for both sides: headless Qt, a throw-away user-data folder.
    env.update({"QT_QPA_PLATFORM": "offscreen", "PLANDESK_DATA_DIR": str(ws.scratch / "appdata")})
    if scenario.in_process is not None:
        return _run_in_process(scenario, scenario.in_process, values, env, repeat)
    assert scenario.baseline is not None
    sides: dict[str, Side] = {}
    commands: dict[str, tuple[list[str], dict[str, str]]] = {}
    for role, command in (("subject", scenario.subject), ("baseline", scenario.baseline)):
        argv, extra = command.render(values)
        commands[role] = (argv, {**env, **extra})
        sides[role] = Side(argv)
    for role in ("subject", "baseline") if scenario.warm_up else ():  # the untimed first run
        run_once(*commands[role], scenario.timeout)
    for round_no in range(repeat):
        order = ("subject", "baseline") if round_no % 2 == 0 else ("baseline", "subject")
        for role in order:
            sides[role].add(run_once(*commands[role], scenario.timeout))
        print(f"  {scenario.name}: {round_no + 1}/{repeat}", end="\r", file=sys.stderr, flush=True)
    subject, baseline = sides["subject"].summary(), sides["baseline"].summary()
    ratio = subject["median"] / baseline["median"]
    cpu_ratio = (subject["cpu_median"] / baseline["cpu_median"]) if baseline["cpu_median"] else None
    # The goal is judged on the CPU ratio where there is one (a shared machine's waiting for a
    # core is not the program's), else on wall time.
    judged = cpu_ratio if cpu_ratio is not None else ratio
    verdicts = []
    if scenario.goal_ratio is not None:
        verdicts.append(judged <= scenario.goal_ratio)
    if scenario.goal_peak_mb is not None and subject["peak_mb_median"] is not None:
        verdicts.append(subject["peak_mb_median"] < scenario.goal_peak_mb)
    return _result(scenario, repeat, subject, baseline, ratio, cpu_ratio, verdicts, unit="s")


def _run_in_process(scenario: Scenario, keys: tuple[str, str], values: dict[str, str], env: dict[str, str],
                    repeat: int) -> dict[str, Any]:
    """An in-process bench run ``repeat`` times: its two figures (ms) taken from each run's JSON."""
    argv, extra = scenario.subject.render(values)
    sides = {"subject": Side(argv), "baseline": Side(argv)}
    for round_no in range(repeat):
        run = run_once(argv, {**env, **extra}, scenario.timeout)
        for role, key in zip(("subject", "baseline"), keys, strict=True):
            sides[role].add(Run(figure(run.stdout, key, argv), run.cpu, run.peak_mb, ""))
        print(f"  {scenario.name}: {round_no + 1}/{repeat}", end="\r", file=sys.stderr, flush=True)
    subject, baseline = sides["subject"].summary(), sides["baseline"].summary()
    ratio = subject["median"] / baseline["median"]
    verdicts = []
    if scenario.goal_ms is not None:
        verdicts.append(subject["median"] < scenario.goal_ms)
    if scenario.goal_ratio is not None:
        verdicts.append(ratio <= scenario.goal_ratio)
    return _result(scenario, repeat, subject, baseline, ratio, None, verdicts, unit="ms")


def _result(scenario: Scenario, repeat: int, subject: dict[str, Any], baseline: dict[str, Any], ratio: float,
            cpu_ratio: float | None, verdicts: list[bool], unit: str) -> dict[str, Any]:
    return {
        "name": scenario.name,
        "description": scenario.description,
        "repeat": repeat,
        "unit": unit,
        "subject": subject,
        "baseline": baseline,
        "ratio": ratio,
        "cpu_ratio": cpu_ratio,
        "goal_ratio": scenario.goal_ratio,
        "goal_ms": scenario.goal_ms,
        "goal_peak_mb": scenario.goal_peak_mb,
        "goals": scenario.goals(),
        "meets_goal": all(verdicts) if verdicts else None,
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


def _fmt(value: float | None, unit: str = "s") -> str:
    if value is None:
        return "—"
    return f"{value:.1f}" if unit == "ms" else f"{value:.3f}"


def _mb(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}"


def table(results: list[dict[str, Any]]) -> str:
    """A Markdown table (it is pasted into bench/README.md as it is)."""
    lines = ["| scenario | subject median (min–max) | baseline median (min–max) | ratio | CPU ratio "
             "| peak MB subject / baseline | goal |",
             "| --- | --- | --- | --- | --- | --- | --- |"]
    for r in results:
        if r["error"]:
            lines.append(f"| {r['name']} | 失敗 | | | | | {r['error'].splitlines()[0]} |")
            continue
        s, b, unit = r["subject"], r["baseline"], r.get("unit", "s")
        goal = "—"
        if r["meets_goal"] is not None:
            goal = f"{r['goals']} {'達成' if r['meets_goal'] else '未達'}"
        cpu = "—" if r["cpu_ratio"] is None else f"{r['cpu_ratio']:.2f}×"
        peak = "—" if unit == "ms" else f"{_mb(s['peak_mb_median'])} / {_mb(b['peak_mb_median'])}"
        spans = [f"{_fmt(x['median'], unit)} ({_fmt(x['min'], unit)}–{_fmt(x['max'], unit)}) {unit}" for x in (s, b)]
        lines.append(f"| {r['name']} | {spans[0]} | {spans[1]} | {r['ratio']:.2f}× | {cpu} | {peak} | {goal} |")
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
            goal = f"目標 {s.goals()}" if s.goals() else "目標なし"
            print(f"{s.name:<20} {goal:<18} {s.description}")
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
