"""What a benchmark scenario is, and the set-up steps scenarios share.

A scenario module in ``bench/`` assigns a top-level ``SCENARIOS = [Scenario(...), ...]``;
``bench/run.py`` finds it. Each scenario names a *subject* command (planDesk doing
something) and a *baseline* command (the least any program could do for the same
result); both run in fresh processes, alternately, and the ratio of their medians is the
figure that matters — it stays comparable across machines where raw seconds do not.

Commands are argument lists with ``{placeholders}``: ``{python}`` (the interpreter running
the bench: the project's venv), ``{bench}`` (this folder), ``{root}`` (the repository),
``{scratch}`` (a fresh folder for this run) and whatever the scenario's ``setup`` returns.
"""

from __future__ import annotations

import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent


@dataclass(frozen=True)
class Command:
    """One process to start: argv and extra environment, both with ``{placeholders}``."""

    argv: tuple[str, ...]
    env: Mapping[str, str] = field(default_factory=dict)

    def render(self, values: Mapping[str, str]) -> tuple[list[str], dict[str, str]]:
        return ([a.format_map(values) for a in self.argv],
                {k: v.format_map(values) for k, v in self.env.items()})


@dataclass
class Workspace:
    """Where a bench run keeps its files; set-up results are shared between scenarios."""

    scratch: Path
    _made: dict[str, Any] = field(default_factory=dict)

    def once(self, key: str, make: Callable[[], Any]) -> Any:
        """``make()`` the first time ``key`` is asked for in this run, then the same result."""
        if key not in self._made:
            self._made[key] = make()
        return self._made[key]

    def placeholders(self) -> dict[str, str]:
        return {"python": sys.executable, "bench": str(BENCH_DIR), "root": str(ROOT),
                "scratch": str(self.scratch)}


Setup = Callable[[Workspace], Mapping[str, str]]


@dataclass(frozen=True)
class Scenario:
    """A measured command beside its baseline.

    ``goal_ratio``: the subject's CPU median may be at most this many times the baseline's
    (None: no goal yet, the ratio is only reported). ``goal_peak_mb``: the subject's peak
    memory (the largest resident set of its process, median of the runs) must stay under
    this many MB. ``repeat``: runs of each command when ``--repeat`` is not given (slow
    scenarios choose fewer).

    ``in_process``: the subject command measures an action and its baseline *inside one
    process* (an in-process latency bench such as bench/gui_plan_rename.py: a fresh process
    per measurement would time start-up, not the action) and prints one JSON line; the two
    figures are read from it at these dotted keys (milliseconds), and ``baseline`` is not
    run. ``goal_ms``: the subject's figure (median of the runs) must stay under it.
    """

    name: str
    description: str
    subject: Command
    baseline: Command | None = None
    goal_ratio: float | None = None
    setup: Setup | None = None
    repeat: int | None = None
    timeout: float = 300.0
    goal_peak_mb: float | None = None
    in_process: tuple[str, str] | None = None
    goal_ms: float | None = None
    warm_up: bool = True  # the untimed first run of each side (a scenario of minutes may skip it)

    def __post_init__(self) -> None:
        if (self.baseline is None) == (self.in_process is None):
            raise ValueError(f"{self.name}: a baseline command, or in_process keys, not both")
        if self.goal_ms is not None and self.in_process is None:
            raise ValueError(f"{self.name}: goal_ms is for in-process scenarios")

    def goals(self) -> str:
        """The goals in a few characters (``--list``, the table)."""
        parts = []
        if self.goal_ratio is not None:
            parts.append(f"≤ {self.goal_ratio:g}×")
        if self.goal_ms is not None:
            parts.append(f"< {self.goal_ms:g} ms")
        if self.goal_peak_mb is not None:
            parts.append(f"< {self.goal_peak_mb:g} MB")
        return "、".join(parts)


# --- set-up steps shared by scenarios -------------------------------------------------


def sample_db(ws: Workspace, sample: str = "hitachinaka") -> Path:
    """A fresh database holding one built-in sample plan (made once per run)."""

    def make() -> Path:
        from planDesk.core.persistence.store import Store
        from planDesk.core.plan.setup import init_sample

        path = ws.scratch / f"{sample}.sqlite3"
        store = Store.open(str(path), actor="bench")
        try:
            init_sample(store, sample)
        finally:
            store.close()
        return path

    path: Path = ws.once(f"sample:{sample}", make)
    return path


def synthetic_db(ws: Workspace, n_initiatives: int = 10_000) -> Path:
    """A fresh database holding a synthetic plan of ``n_initiatives`` (made once per run)."""

    def make() -> Path:
        from bench.synth import build_synthetic_plan

        path = ws.scratch / f"synthetic-{n_initiatives}.sqlite3"
        built = build_synthetic_plan(path, n_initiatives)
        print(f"  合成計画：取組 {built.initiatives:,}・工程 {built.steps:,}・報告 {built.reports:,}"
              f"（{built.seconds:.1f} 秒）", file=sys.stderr)
        return path

    path: Path = ws.once(f"synthetic:{n_initiatives}", make)
    return path
