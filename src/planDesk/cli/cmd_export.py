"""``plandesk export KIND --out FILE [--department NAME] [--fy YEAR] [--cycle CYCLE]``.

Each output registers itself in ``EXPORTERS`` (kind → allowed suffixes and a function);
the function gets an open Store, the resolved options and the output path, and writes
the file atomically (core.atomic). Kinds not yet registered are not offered.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from planDesk.core.errors import UsageError
from planDesk.core.store import Store


@dataclass(frozen=True)
class ExportOptions:
    plan: str | None
    department: str | None
    fy: int | None
    cycle: str | None
    extra: dict[str, Any]


@dataclass(frozen=True)
class Exporter:
    kind: str
    suffixes: tuple[str, ...]
    help: str
    run: Callable[[Store, ExportOptions, Path], str]  # returns a one-line summary


EXPORTERS: dict[str, Exporter] = {}


def exporter(kind: str, suffixes: tuple[str, ...], help: str) -> Callable[
    [Callable[[Store, ExportOptions, Path], str]], Callable[[Store, ExportOptions, Path], str]
]:
    """Decorator registering an export function for ``kind``."""

    def deco(fn: Callable[[Store, ExportOptions, Path], str]) -> Callable[[Store, ExportOptions, Path], str]:
        EXPORTERS[kind] = Exporter(kind, suffixes, help, fn)
        return fn

    return deco


def _load_exporters() -> None:
    # Importing the modules registers their kinds.
    from planDesk.cli import exports  # noqa: F401


def register(sub: Any) -> None:
    from planDesk.cli.main import fy_argument

    _load_exporters()
    kinds = sorted(EXPORTERS)
    lines = [f"  {k}: {EXPORTERS[k].help}（{'/'.join(EXPORTERS[k].suffixes)}）" for k in kinds]
    p = sub.add_parser(
        "export", help="帳票やファイルを出力します",
        description="帳票やファイルを出力します。種類:\n" + "\n".join(lines),
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("kind", choices=kinds, metavar="KIND", help="出力の種類: " + ", ".join(kinds))
    p.add_argument("--out", required=True, type=Path, metavar="FILE", help="出力ファイル")
    p.add_argument("--plan", metavar="KEY", help="計画のキー（省略時は最初の計画）")
    p.add_argument("--department", metavar="NAME", help="部署名")
    p.add_argument("--fy", type=fy_argument, metavar="YEAR", help="年度（2025, R7, 令和7年度）")
    p.add_argument("--cycle", metavar="CYCLE", help="報告サイクル（年度、または 2025H1 のような半期）")
    p.add_argument("--paper", choices=["A3", "A4"], help="用紙（横向き。roadmap の既定は A3）")
    p.add_argument("--zoom", choices=["year", "quarter", "month"],
                   help="roadmap の目盛り：year 年度（既定）、quarter 四半期、month 月")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.commands import open_store

    exp = EXPORTERS[args.kind]
    out: Path = args.out
    if out.suffix.lower() not in exp.suffixes:
        raise UsageError(
            f"{args.kind} の出力ファイルは {'、'.join(exp.suffixes)} のどれかにしてください（指定：{out.name}）。"
        )
    store = open_store(args)
    try:
        extra = {k: v for k in ("paper", "zoom") if (v := getattr(args, k, None))}
        opts = ExportOptions(args.plan, args.department, args.fy, args.cycle, extra)
        summary = exp.run(store, opts, out)
    finally:
        store.close()
    print(summary)
    return 0
