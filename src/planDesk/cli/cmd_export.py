"""``plandesk export KIND --out FILE [--department NAME] [--fy YEAR] [--cycle CYCLE]``.

The kinds and their writers live in the core's registry (core/exports/registry.py), shared
with the GUI's 出力 menu; this module only parses the options and runs one of them.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from planDesk.cli.progress import elapsed
from planDesk.core.errors import UsageError
from planDesk.core.exports.kinds import load_kinds
from planDesk.core.exports.registry import EXPORTERS, ExportOptions


def register(sub: Any) -> None:
    from planDesk.cli.context import fy_argument

    kinds = sorted(load_kinds())
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
    from planDesk.cli.context import open_store

    exp = EXPORTERS[args.kind]
    out: Path = args.out
    if out.suffix.lower() not in exp.suffixes:
        raise UsageError(
            f"{args.kind} の出力ファイルは {'、'.join(exp.suffixes)} のどれかにしてください（指定：{out.name}）。"
        )
    if out.suffix.lower() == ".png":
        from planDesk.cli.gui_launcher import load_gui_painters

        load_gui_painters()
    store = open_store(args)
    try:
        extra = {k: v for k in ("paper", "zoom") if (v := getattr(args, k, None))}
        opts = ExportOptions(args.plan, args.department, args.fy, args.cycle, extra)
        with elapsed(f"{out.name} を出力しています"):  # on a terminal only, after a second
            summary = exp.run(store, opts, out)
    finally:
        store.close()
    print(summary)
    return 0
