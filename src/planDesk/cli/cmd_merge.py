"""``plandesk merge FILE.xlsx... [--dry-run]`` and the merge's history, conflicts and undo.

```
plandesk merge FILE.xlsx... [--dry-run] [--allow-stale] [--department NAME]
        [--accept-incomplete-as-draft] [--cycle CYCLE]
plandesk merge --history                 every merge with its number
plandesk merge --conflicts               open conflicts with their numbers
plandesk merge --resolve N[,N…] --take file|master
plandesk merge --undo N                  undo merge number N
```

Exit status 0 when every file was merged (or, with --dry-run, could be); 1 when a file
was refused (each reason on stderr) or stale; 2 for bad usage.
"""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from planDesk.cli.progress import file_bar
from planDesk.core.domain.numbers import format_number
from planDesk.core.domain.workflow import STEP_STATE_LABELS
from planDesk.core.errors import UsageError
from planDesk.core.submissions.diff import FieldChange
from planDesk.core.submissions.merge import FileOutcome, MergeOptions, local_time, merge_files, merge_summary
from planDesk.core.submissions.scope import parse_cycle
from planDesk.core.submissions.undo import merge_history, open_conflicts, resolve_conflict, undo_merge

log = logging.getLogger(__name__)

MAX_SHOWN = 300  # characters of one value shown in the diff

STATUS_LABELS = {
    "merged": "取り込みました", "preview": "確認のみ（変更していません）", "duplicate": "取込済み（変更なし）",
    "stale": "古いファイルのため取り込みませんでした", "refused": "取り込めません",
    "failed": "ディスクの空き容量不足で取り込めませんでした",
    "not_attempted": "取り込んでいません（空き容量不足で中断）",
}


def register(sub: Any) -> None:
    p = sub.add_parser(
        "merge", help="提出ブックを取り込みます（差分・競合・取消）",
        description="部署の提出ブック（.xlsx）を取り込みます。--dry-run で差分だけを表示します。"
        "取込の一覧・競合の解決・取消もここで行います（docs/submission-workbook.md）。",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog="例:\n  plandesk merge 市民課.xlsx 生活安全課.xlsx --dry-run\n  plandesk merge --conflicts\n"
               "  plandesk merge --resolve 3 --take file\n  plandesk merge --undo 2",
    )
    p.add_argument("files", nargs="*", type=Path, metavar="FILE.xlsx", help="提出ブック")
    p.add_argument("--dry-run", action="store_true", help="差分を表示するだけで、何も変更しません")
    p.add_argument("--allow-stale", action="store_true",
                   help="既に取り込んだファイルより古いファイルも取り込みます（競合は競合として示されます）")
    p.add_argument("--department", metavar="NAME", help="この部署の提出ブックであることを確認します")
    p.add_argument("--accept-incomplete-as-draft", action="store_true",
                   help="必須項目（実施状況・進捗評価・今後の方向性）が空の行を、提出済にせず下書きとして取り込みます")
    p.add_argument("--cycle", metavar="CYCLE",
                   help="この報告サイクル（2024、R6、2025H1 など）の提出ブックとして取り込みます"
                        "（受付中の報告サイクルと違っても取り込みます）")
    mode = p.add_mutually_exclusive_group()
    mode.add_argument("--history", action="store_true", help="取込の記録を一覧にします")
    mode.add_argument("--conflicts", action="store_true", help="未解決の競合を一覧にします")
    mode.add_argument("--resolve", metavar="N[,N…]", help="競合を解決します（--take と一緒に）")
    mode.add_argument("--undo", metavar="N", help="取込 N を取り消します")
    p.add_argument("--take", choices=["file", "master"],
                   help="競合の解決：file＝提出ブックの値、master＝データベースの値")
    p.set_defaults(handler=run)


def run(args: argparse.Namespace) -> int:
    from planDesk.cli.context import open_store

    modes = bool(args.history or args.conflicts or args.resolve or args.undo)
    if modes and args.files:
        raise UsageError("ファイルの取込と --history/--conflicts/--resolve/--undo は同時に指定できません。")
    if not modes and not args.files:
        raise UsageError("取り込む提出ブック（.xlsx）を指定してください。例：plandesk merge 市民課.xlsx")
    if args.resolve and not args.take:
        raise UsageError("--resolve には --take file か --take master を付けてください。")
    store = open_store(args)
    try:
        if args.history:
            return _history(store)
        if args.conflicts:
            return _conflicts(store)
        if args.undo:
            after_commit(print, undo_merge(store, args.undo).summary)
            return 0
        if args.resolve:
            for part in str(args.resolve).split(","):
                if not part.strip().isdigit():
                    raise UsageError(f"競合の番号「{part}」は数字で指定してください。")
                after_commit(print, resolve_conflict(store, int(part), args.take).summary)
            return 0
        # Each file's diff is printed as soon as it is merged and then dropped from memory;
        # on a terminal a bar (stderr) shows how many of many files are done.
        cycle = parse_cycle(args.cycle) if args.cycle else None
        with file_bar(len(args.files), "取込" if not args.dry_run else "確認") as (progress, beside):
            def report(o: FileOutcome) -> None:
                with beside():
                    after_commit(print_outcome, o)

            outcomes = merge_files(store, args.files, MergeOptions(
                dry_run=args.dry_run, allow_stale=args.allow_stale, expect_department=args.department,
                incomplete_as_draft=args.accept_incomplete_as_draft, cycle=cycle,
                keep_diffs=False), progress=progress, on_outcome=report)
    finally:
        store.close()
    after_commit(print_summary, outcomes)
    return 1 if any(o.refused for o in outcomes) else 0


def after_commit[T](report: Callable[[T], None], what: T) -> None:
    """Print a report of what is already committed; a console that cannot take it (a code
    page without "—", a closed pipe) is logged, never turned into a failed merge, and the
    next file is still merged."""
    try:
        report(what)
    except (OSError, UnicodeError):
        log.warning("the merge report could not be printed", exc_info=True)


def print_summary(outcomes: list[FileOutcome]) -> None:
    """The per-file summary that ends every merge: which files went in and which did not."""
    counts = {k: sum(1 for o in outcomes if o.status == k) for k in STATUS_LABELS}
    print("合計：" + "、".join(f"{STATUS_LABELS[k].split('（')[0]} {n} 件" for k, n in counts.items() if n))
    if len(outcomes) > 1:
        for line in merge_summary(outcomes):
            print(f"  {line}")
    backup = next((o.backup for o in outcomes if o.backup is not None), None)
    if backup is not None:
        print(f"取込前のバックアップ：{backup}")


def show(value: Any, field: str) -> str:
    if value is None or value == "":
        return "（空）"
    if field.startswith("step:"):
        return STEP_STATE_LABELS.get(str(value), str(value))
    if isinstance(value, float | int):
        return format_number(float(value))
    text = str(value).replace("\n", "⏎")
    if len(text) > MAX_SHOWN:
        text = text[:MAX_SHOWN] + f"…（全 {len(str(value)):,} 文字）"
    return f"「{text}」"


def describe(c: FieldChange) -> str:
    where = f"［{c.sheet}!{c.cell}］"
    head = f"  {c.kind_label:<4} {c.code} {c.title}　{c.label}："
    review = f"　【要確認：{c.review}】" if c.review else ""
    if c.kind == "conflict":
        return (head + f"出力時 {show(c.base, c.field)}／データベース {show(c.master, c.field)}／"
                f"提出 {show(c.theirs, c.field)} {where}{review}")
    return head + f"{show(c.master, c.field)} → {show(c.theirs, c.field)} {where}{review}"


def print_outcome(o: FileOutcome) -> None:
    label = STATUS_LABELS[o.status] + (f"（取込 #{o.merge_id}）" if o.merge_id else "")
    print(f"■ {o.name} — {label}")
    diff = o.diff
    if diff is not None and o.status != "refused":
        res = diff.resolved
        read = res.read
        exported = local_time(read.exported_at)
        marks = [f"{res.department}／{res.cycle_label}", f"出力 {exported}（{read.meta.get('exported_by', '')}）"]
        marks.append("Excel で編集済み（出力後に変更あり）" if res.edited else "出力時のまま")
        if read.cover("filled_by"):
            marks.append(f"記入者：{read.cover('filled_by')}")
        print("  " + "／".join(marks))
        if o.status in ("merged", "preview"):
            for c in diff.changes:
                if c.kind in ("apply", "new", "conflict"):
                    print(describe(c))
            print(f"  適用 {len(diff.to_apply)} 項目、競合 {len(diff.conflicts)} 件、"
                  f"変更なし {len(diff.of_kind('unchanged', 'same'))} 項目"
                  + (f"、要確認 {len(diff.flagged)} 件" if diff.flagged else "")
                  + (f"、下書きで取込 {len(diff.draft_initiatives)} 件" if diff.draft_initiatives else ""))
            if diff.conflicts and o.status == "merged":
                print("  競合は plandesk merge --conflicts で確認し、"
                      "--resolve N --take file|master で解決してください。")
    for line in o.messages:
        print(f"  {line}", file=sys.stderr if o.refused else sys.stdout)


def _history(store: Any) -> int:
    rows = merge_history(store)
    if not rows:
        print("取込の記録はありません。")
    for r in rows:
        state = f"取消済 {r.undone_at:%Y-%m-%d %H:%M}" if r.undone_at else "有効"
        print(f"#{r.id}　{r.merged_at:%Y-%m-%d %H:%M}　{r.department}　{r.cycle}　{r.file_name}　"
              f"適用 {r.applied}・競合 {r.conflicts}　{state}　（{r.actor}）")
    return 0


def _conflicts(store: Any) -> int:
    rows = open_conflicts(store)
    if not rows:
        print("未解決の競合はありません。")
    for c in rows:
        print(f"競合 {c.id}（取込 #{c.merge_id} {c.file_name}）{c.department}　{c.initiative}　{c.field_label}"
              f"［{c.sheet}!{c.cell}］")
        print(f"    出力時 {show(c.base, c.field)}／データベース {show(c.master, c.field)}／"
              f"提出 {show(c.theirs, c.field)}")
    return 0

