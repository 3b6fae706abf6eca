"""Merging submission workbooks into the database (取込), one transaction per file.

``merge_files`` reads every file within bounds (``submission_import``), checks it against
the database (``submission_resolve``), computes the three-way diff (``submission_diff``)
and — unless it is a dry run — applies the fields changed only in the file through
the one apply path (``report_ops_bulk.apply_changes``), records the conflicts for the division, and writes a merge
record with every report's before and after so the whole merge can be undone
(``submission_undo``). A SQLite database is backed up once before anything is applied.
A refused file changes nothing; an identical file merged before changes nothing; a
file older than one already merged for the department and cycle is refused as stale
unless ``allow_stale``.
"""

from __future__ import annotations

import logging
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, cast

from sqlalchemy import Table, insert
from sqlalchemy.orm import Session

from planDesk.core.domain.model import ProgressReport
from planDesk.core.domain.round_records import MergeChange, MergeConflict, MergeRecord, SubmissionEvent
from planDesk.core.errors import DiskFullError, UserError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Change, Store, WriteContext, now
from planDesk.core.reports.bulk import ReportChange, apply_changes
from planDesk.core.reports.ops import get_or_create_cycle, snapshot
from planDesk.core.submissions.diff import FileDiff, compute_diff
from planDesk.core.submissions.read import ReadSubmission, read_submission
from planDesk.core.submissions.required import REQUIRED_LABELS, check_required
from planDesk.core.submissions.resolve import ResolvedSubmission, resolve_submission
from planDesk.core.submissions.rounds import current_round
from planDesk.core.submissions.scope import CycleRef
from planDesk.core.xlsx.cells import Problem, SubmissionRefused
from planDesk.core.xlsx.guard import require_defusedxml

log = logging.getLogger(__name__)

REFUSED_STATUSES = ("refused", "stale", "failed", "not_attempted")
MERGE_LOCK = 1  # database.lock_for kind: merges of one department


@dataclass(frozen=True)
class MergeOptions:
    dry_run: bool = False
    allow_stale: bool = False
    expect_department: str | None = None
    # The division's explicit choice: rows whose required fields are empty come in as 下書き
    # (said in the outcome) instead of refusing the file (--accept-incomplete-as-draft).
    incomplete_as_draft: bool = False
    # A cycle the division names explicitly (merge --cycle 2024): a file of that cycle is
    # accepted although another round is open.
    cycle: CycleRef | None = None
    # False: each outcome drops its field-by-field diff once ``on_outcome`` has seen it, so
    # merging a hundred large workbooks keeps one file's details in memory at a time.
    keep_diffs: bool = True
    # True: every file in one transaction (each in a savepoint, so a refused file leaves
    # nothing), so a merge cancelled half-way changes nothing at all (the merge screen).
    # False: one transaction per file (the command line: a merge interrupted keeps the
    # files already merged, each complete).
    one_transaction: bool = False


class MergeCancelled(UserError):
    """The merge was cancelled before it finished: nothing was merged."""


@dataclass
class FileOutcome:
    """What happened to one file: merged, preview (dry run), duplicate, stale or refused."""

    path: Path
    status: str
    messages: list[str] = field(default_factory=list)
    diff: FileDiff | None = None
    merge_id: int | None = None
    backup: Path | None = None
    change: Change | None = None  # what merging this file changed (None: nothing written)
    # kept when the diff is dropped (MergeOptions.keep_diffs=False)
    department: str = ""
    cycle: str = ""
    applied: int = 0
    conflicts: int = 0
    unchanged: int = 0
    edited: bool = False
    drafts: int = 0  # rows taken in as 下書き (incomplete_as_draft)
    review: int = 0  # figures flagged 要確認

    @property
    def name(self) -> str:
        return self.path.name

    def summarise(self) -> None:
        d = self.diff
        if d is not None:
            self.department, self.cycle = d.resolved.department, d.resolved.cycle_label
            self.applied, self.conflicts = len(d.to_apply), len(d.conflicts)
            self.unchanged, self.edited = len(d.of_kind("unchanged", "same")), d.resolved.edited
            self.drafts, self.review = len(d.draft_initiatives), len(d.flagged)

    @property
    def refused(self) -> bool:
        return self.status in REFUSED_STATUSES


def full_snapshot(report: ProgressReport) -> dict[str, Any]:
    """report_ops.snapshot plus what undo needs to restore the status exactly."""
    snap = snapshot(report)
    submitted = report.submitted_at
    if submitted is not None and submitted.tzinfo is None:
        submitted = submitted.replace(tzinfo=UTC)  # SQLite hands back naive UTC
    snap["submitted_at"] = submitted.astimezone(UTC).isoformat() if submitted else None
    return snap


def merge_changes(outcomes: Sequence[FileOutcome]) -> Change:
    """What a run of ``merge_files`` changed, as one ``Change`` (the GUI announces it)."""
    done = [o.change for o in outcomes if o.change is not None]
    merged = sum(1 for o in outcomes if o.status == "merged")
    return Change.combined("merge-submission", f"{merged} 件のファイルを取り込みました", done)


def merge_files(store: Store, paths: Sequence[Path], options: MergeOptions = MergeOptions(),
                progress: Callable[[int, int, str], None] | None = None,
                on_outcome: Callable[[FileOutcome], None] | None = None,
                cancelled: Callable[[], bool] | None = None) -> list[FileOutcome]:
    """Merge (or with ``dry_run`` only diff) each file, one after the other in the order
    given; return the outcomes in that order (``on_outcome`` sees each as it is ready).

    A file older than one merged before it — also earlier in the same run — is stale.
    ``cancelled`` is asked before each file: when it says yes, ``MergeCancelled`` is raised
    (with ``one_transaction`` nothing has been merged then). Each call opens its own
    sessions, so it may run in a worker thread.
    """
    require_defusedxml()
    if options.one_transaction and not options.dry_run:
        def body(ctx: WriteContext) -> list[FileOutcome]:
            return _merge_paths(store, paths, options, progress, on_outcome, cancelled, ctx)

        return store.run("merge-submission", body)
    return _merge_paths(store, paths, options, progress, on_outcome, cancelled, None)


def _merge_paths(store: Store, paths: Sequence[Path], options: MergeOptions,
                 progress: Callable[[int, int, str], None] | None,
                 on_outcome: Callable[[FileOutcome], None] | None,
                 cancelled: Callable[[], bool] | None, ctx: WriteContext | None) -> list[FileOutcome]:
    """The files one after the other: each in its own transaction, or (``ctx``) each in a
    savepoint of the one transaction ``ctx``."""
    outcomes: list[FileOutcome] = []
    backup: list[Path] = []
    db_file = database.sqlite_path(str(store.engine.url))

    def before_write() -> None:
        # Once per run, just before the first file that changes something is written.
        if not backup and db_file is not None:
            backup.append(database.backup_sqlite(db_file, "before-merge"))

    full: DiskFullError | None = None
    for i, path in enumerate(paths):
        if cancelled is not None and cancelled():
            raise MergeCancelled("取込を中止しました。" + ("何も取り込んでいません。" if ctx is not None or i == 0
                                                       else f"{i} 件目までのファイルは取り込み済みです。"))
        if progress:
            progress(i, len(paths), path.name)
        if full is not None:
            outcome = FileOutcome(path, "not_attempted", [
                f"{path.name}：ディスクの空き容量が足りなくなったため、このファイルは取り込んでいません。"])
        else:
            try:
                sub = read_submission(path)
            except UserError as exc:
                outcome = FileOutcome(path, "refused", str(exc).splitlines())
            else:
                try:
                    outcome = (_merge_one(store, sub, options, before_write) if ctx is None
                               else _merge_in(ctx, sub, options, before_write))
                except DiskFullError as exc:
                    full = exc
                    outcome = FileOutcome(path, "failed", [f"{path.name}：{exc.message}", exc.hint])
                del sub
        outcome.backup = backup[0] if backup else None
        outcome.summarise()
        if on_outcome:
            on_outcome(outcome)
        if not options.keep_diffs:
            outcome.diff = None
        outcomes.append(outcome)
    if progress:
        progress(len(paths), len(paths), "")
    return outcomes


def _check_department(res: ResolvedSubmission, options: MergeOptions) -> None:
    if options.expect_department and options.expect_department.strip() != res.department:
        raise SubmissionRefused(res.name, [Problem("", "", (
            f"この提出ブックは「{res.department}」のものです（指定された部署：{options.expect_department}）。"))])


def _check_round(session: Session, res: ResolvedSubmission, options: MergeOptions) -> None:
    """A file for another cycle than the open round is refused, naming both cycles —
    unless the division named the file's cycle explicitly."""
    named = options.cycle
    if named is not None:
        if (named.fy, named.half) != (res.fy, res.half):
            raise SubmissionRefused(res.name, [Problem("", "", (
                f"この提出ブックは{res.cycle_label}のものです（指定された報告サイクル：{named.label}）。"))])
        return
    current = current_round(session, res.plan_id)
    if current is not None and (current.fy, current.half) != (res.fy, res.half):
        raise SubmissionRefused(res.name, [Problem("", "", (
            f"この提出ブックは{res.cycle_label}のものですが、受付中の報告サイクルは{current.label}です。"))],
            hint=f"{current.label}の提出ブックを送ってもらってください。{res.cycle_label}の報告として取り込む場合は、"
                 f"その報告サイクルを明示してください（例：plandesk merge --cycle {res.fy}"
                 f"{'' if res.half == 0 else f'H{res.half}'} …、取込画面では「報告サイクルを明示」）。"
                 "このファイルからは何も取り込んでいません。")


def _checked_diff(session: Session, sub: ReadSubmission, options: MergeOptions, *, lock: bool = False) -> FileDiff:
    res = resolve_submission(session, sub)
    _check_department(res, options)
    _check_round(session, res, options)
    if lock:
        # one merge of a department at a time: a second process merging the same (or an
        # older) file waits here, then sees the first one's record (already merged / stale)
        database.lock_for(session, MERGE_LOCK, res.department_id)
    diff = compute_diff(session, res)
    check_required(diff, draft=options.incomplete_as_draft)
    return diff


def _merge_one(store: Store, sub: ReadSubmission, options: MergeOptions,
               before_write: Callable[[], None] = lambda: None) -> FileOutcome:
    outcome = FileOutcome(sub.path, "preview" if options.dry_run else "merged")
    try:
        if options.dry_run:
            with store.read() as session:
                outcome.diff = _checked_diff(session, sub, options)
            _flag(outcome, options)
            return outcome
        store.run("merge-submission", lambda ctx: _write_one(ctx, outcome, sub, options, before_write))
    except SubmissionRefused as exc:
        outcome.status = "refused"
        outcome.messages = str(exc).splitlines()
        outcome.change = None
    return outcome


def _merge_in(ctx: WriteContext, sub: ReadSubmission, options: MergeOptions,
              before_write: Callable[[], None]) -> FileOutcome:
    """One file inside the run's one transaction, in a savepoint: a refused file leaves
    nothing behind. Each file gets its own batch (its merge record and audit entries)."""
    outcome = FileOutcome(sub.path, "merged")
    ctx.batch = str(uuid.uuid4())
    ctx.entities, ctx.initiatives = set(), set()
    try:
        with ctx.session.begin_nested():
            _write_one(ctx, outcome, sub, options, before_write)
    except SubmissionRefused as exc:
        outcome.status = "refused"
        outcome.messages = str(exc).splitlines()
        outcome.change = None
    return outcome


def _write_one(ctx: WriteContext, outcome: FileOutcome, sub: ReadSubmission, options: MergeOptions,
               before_write: Callable[[], None]) -> None:
    outcome.status, outcome.messages, outcome.change = "merged", [], None
    outcome.diff = diff = _checked_diff(ctx.session, sub, options, lock=True)
    _flag(outcome, options)
    if outcome.status != "merged":
        return  # nothing written: the transaction commits empty
    if diff.to_apply or diff.conflicts:
        before_write()  # a merge that changes no report needs no backup
    outcome.merge_id = apply_diff(ctx, diff, draft_initiatives=diff.draft_initiatives)
    _record_saved_at(ctx, outcome.merge_id, sub)
    outcome.change = Store.change_of(ctx, f"{sub.path.name} を取り込みました")


def _record_saved_at(ctx: WriteContext, merge_id: int, sub: ReadSubmission) -> None:
    """The workbook's own save time (the department's 提出日) beside the merge record."""
    record = ctx.session.get(MergeRecord, merge_id)
    if record is not None and sub.saved_at is not None:
        record.saved_at = sub.saved_at
        ctx.session.flush()


def _flag(outcome: FileOutcome, options: MergeOptions) -> None:
    diff = outcome.diff
    assert diff is not None
    if diff.draft_initiatives and outcome.status in ("merged", "preview"):
        outcome.messages.append(
            f"{outcome.name}：必須項目（{REQUIRED_LABELS}）が空の {len(diff.draft_initiatives)} 件は"
            "下書きとして取り込みます（提出済にはしません）：" + "、".join(
                diff.resolved.initiatives[i][0] for i in diff.draft_initiatives))
    if diff.duplicate_of is not None:
        d = diff.duplicate_of
        outcome.status = "duplicate"
        outcome.messages = [f"{outcome.name}：このファイルは取込 #{d.id}（{local_time(d.merged_at)}）で"
                            "取り込み済みです。変更はありません。"]
    elif diff.stale and not options.allow_stale:
        newer = diff.newer_merge
        assert newer is not None
        outcome.status = "stale"
        outcome.messages = [
            f"{outcome.name}：このファイル（{local_time(diff.resolved.read.exported_at)} 出力）は、既に取り込んだ"
            f"「{newer.file_name}」（{local_time(newer.exported_at)} 出力、取込 #{newer.id}）より古いため、"
            "取り込みませんでした。",
            "古いファイルの内容を取り込む場合は --allow-stale を付けてください（競合は競合として示されます）。",
        ]


SUMMARY_LABELS = {
    "merged": "取り込んだ", "preview": "取り込める", "duplicate": "取込済み（変更なし）",
    "stale": "古いため取り込まなかった", "refused": "取り込めなかった",
    "failed": "空き容量不足で取り込めなかった", "not_attempted": "未処理（中断）",
}


def merge_summary(outcomes: Sequence[FileOutcome]) -> list[str]:
    """The per-file summary that ends every multi-file merge: which files went in, which not
    (the command line prints it, the merge screen shows it)."""
    lines = []
    for key, label in SUMMARY_LABELS.items():
        names = [o.name for o in outcomes if o.status == key]
        if names:
            lines.append(f"{label}ファイル（{len(names)}）：" + "、".join(names))
    return lines


def local_time(value: datetime | None) -> str:
    if value is None:
        return "日時不明"
    aware = value if value.tzinfo else value.replace(tzinfo=UTC)
    return aware.astimezone().strftime("%Y-%m-%d %H:%M")


def apply_diff(ctx: WriteContext, diff: FileDiff, draft_initiatives: frozenset[int] = frozenset()) -> int:
    """Apply the fields changed only in the file, record conflicts; return the merge id.

    Reports of ``draft_initiatives`` (required fields empty, the division chose to take them
    in as drafts) are saved without becoming 提出済."""
    res = diff.resolved
    read = res.read
    ctx.plan_id = res.plan_id
    s = ctx.session
    cycle = get_or_create_cycle(s, res.plan_id, res.fy, res.half)
    exported = read.exported_at.astimezone(UTC) if read.exported_at else None
    record = MergeRecord(
        batch=ctx.batch, plan_id=res.plan_id, department_id=res.department_id, cycle_id=cycle.id,
        file_name=read.name[:260], file_sha256=read.sha256, export_id=read.meta["export_id"][:36],
        exported_at=exported, exported_by=read.meta.get("exported_by", "")[:100],
        base_mode=read.meta["base_mode"], content_hash=read.meta["content_hash"][:64],
        values_digest=res.values_digest, edited=res.edited, stale=diff.stale,
        filled_by=read.cover("filled_by")[:100], contact=read.cover("contact")[:200],
        merged_at=now(), actor=ctx.actor)
    s.add(record)
    s.flush()
    by_ini: dict[int, dict[str, Any]] = {}
    for c in diff.to_apply:
        by_ini.setdefault(c.initiative_id, {})[c.field] = c.theirs
    changes = [ReportChange(ini_id, fields, diff.masters[ini_id].version if ini_id in diff.masters else None)
               for ini_id, fields in by_ini.items()]
    groups = ((True, [c for c in changes if c.initiative_id not in draft_initiatives]),
              (False, [c for c in changes if c.initiative_id in draft_initiatives]))
    results = [r for submit, group in groups if group
               for r in apply_changes(ctx, plan_id=res.plan_id, department_id=res.department_id,
                                      cycle_id=cycle.id, changes=group, source=f"取込：{read.name}",
                                      submit=submit)
               if r.changed]
    stamp = now()
    if results:
        s.execute(insert(cast(Table, MergeChange.__table__)), [
            {"merge_id": record.id, "report_id": r.report_id, "initiative_id": r.initiative_id, "kind": "apply",
             "created": r.created, "fields": by_ini[r.initiative_id], "before": r.before, "after": r.after,
             "version_after": r.version, "at": stamp} for r in results])
    for c in diff.conflicts:
        s.add(MergeConflict(merge_id=record.id, initiative_id=c.initiative_id, department_id=res.department_id,
                            cycle_id=cycle.id, field=c.field, field_label=c.label, sheet=c.sheet, cell=c.cell,
                            base=c.base, master=c.master, theirs=c.theirs, state="open"))
    record.applied_fields = len(diff.to_apply)
    record.conflicts = len(diff.conflicts)
    record.unchanged_fields = len(diff.of_kind("unchanged", "same"))
    record.summary = (f"{read.name}（{res.department}／{res.cycle_label}）：適用 {record.applied_fields} 項目、"
                      f"競合 {record.conflicts} 件、変更なし {record.unchanged_fields} 項目"
                      + ("、Excel で編集" if res.edited else "") + ("、古いファイル" if diff.stale else ""))
    s.add(SubmissionEvent(plan_id=res.plan_id, department_id=res.department_id, cycle_id=cycle.id,
                          kind="merged", at=now(), actor=ctx.actor, note=record.summary, merge_id=record.id))
    s.flush()
    ctx.audit("merge", record.id, f"提出ブックを取り込みました（取込 #{record.id}）：{record.summary}",
              after={"file": read.name, "sha256": read.sha256, "department": res.department,
                     "cycle": res.cycle_label, "applied": record.applied_fields, "conflicts": record.conflicts})
    return record.id
