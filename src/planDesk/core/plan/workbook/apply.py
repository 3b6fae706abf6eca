"""``plandesk import-plan``: create a plan from a plan workbook, or update one in place.

A plan key not in the database creates the plan (as ``plandesk init`` does, keeping the
workbook's initiative IDs). A key that is there updates the current revision in place,
so a department's drafts stay attached to their initiatives: initiatives are matched by
ID (uid) — renamed, renumbered and moved ones are reported as such, ones missing from the
file are retired (never deleted; their reports stay) and listed, new ones are added; groups
likewise, by ID or by code within their parent (workbook/match.py).
Goals are matched by mark, KPIs and steps by name/label; a KPI or step that has reported
values is kept even when the file drops it (and said so). One transaction, a backup
first, an audit entry per changed initiative and one for the import.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from planDesk.core.domain.model import Plan, PlanGroup
from planDesk.core.domain.round_records import PlanImport
from planDesk.core.errors import UserError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Store, WriteContext, now
from planDesk.core.plan.samples import create_plan
from planDesk.core.plan.workbook.read import PlanWorkbook, read_plan_workbook
from planDesk.core.plan.workbook.update import update_plan
from planDesk.core.plan.workbook.write import plan_instance


@dataclass
class PlanImportResult:
    plan_id: int
    created: bool
    lines: list[str] = field(default_factory=list)
    summary: str = ""
    dry_run: bool = False


class _DryRun(Exception):
    def __init__(self, result: PlanImportResult) -> None:
        super().__init__("dry run")
        self.result = result


def _aware(value: datetime | None) -> datetime | None:
    if value is None:
        return None
    return value if value.tzinfo is not None else value.replace(tzinfo=UTC)


def import_plan(store: Store, path: Path, *, dry_run: bool = False) -> PlanImportResult:
    """Create or update the plan of the workbook at ``path``; ``dry_run`` changes nothing."""
    book = read_plan_workbook(path)
    key = book.data["plan"]["key"]
    with store.read() as s:
        current = s.scalars(select(Plan).where(Plan.key == key, Plan.is_current.is_(True))
                            .order_by(Plan.id)).first()
        if current is not None and book.source == "handout" and book.exported_at is not None:
            newest = s.scalar(select(func.max(PlanImport.exported_at)).where(PlanImport.plan_id == current.id))
            if newest is not None and _aware(newest) > _aware(book.exported_at):  # type: ignore[operator]
                raise UserError(
                    f"{path.name}：この計画ブックは、前回取り込んだ計画ブックより前に出力されたものです。"
                    "古い計画で上書きしないよう、取り込みませんでした。",
                    hint="情報政策課から最新の計画ブックを受け取って取り込んでください。")
    if not dry_run:
        db_file = database.sqlite_path(str(store.engine.url))
        if db_file is not None and current is not None:
            database.backup_sqlite(db_file, "before-import-plan")
    try:
        with store.write("import-plan", structural=True) as ctx:
            if current is None:
                result = _create(ctx, book)
            else:
                result = PlanImportResult(plan_id=current.id, created=False)
                # group IDs are this database's only in a file exported from this very plan
                # (a department's copy or a later revision has its own)
                own = book.meta.get("plan_instance") == plan_instance(ctx.session, current.id)
                update_plan(ctx, current.id, book.data, result.lines, use_group_ids=own)
                n = len(result.lines)
                name, rev = book.data["plan"]["name"], book.data["plan"]["revision"]
                result.summary = (f"計画「{name}」（{rev}）を更新しました（変更 {n} 件）" if n
                                  else f"計画「{name}」に変更はありません")
            _record(ctx, book, result)
            if dry_run:
                result.dry_run = True
                raise _DryRun(result)
            return result
    except _DryRun as dry:
        dry.result.summary = "（確認のみ：何も変更していません）" + dry.result.summary
        return dry.result


def _create(ctx: WriteContext, book: PlanWorkbook) -> PlanImportResult:
    data = book.data
    plan = create_plan(ctx, data)
    # create_plan gives initiatives new uids: keep the workbook's, and its retired flags
    # (the relationships hold the rows in the order of the spec).
    top = [g for g in plan.groups if g.parent is None]
    n = _keep_ids(top, data["groups"])
    for dept, dept_d in zip(plan.departments, data["departments"], strict=True):
        dept.retired = bool(dept_d.get("retired"))
    ctx.session.flush()
    summary = f"計画「{plan.name}」（{plan.revision}）を作成しました（{plan.initiative_label} {n} 件）"
    return PlanImportResult(plan_id=plan.id, created=True, summary=summary)


def _keep_ids(rows: list[PlanGroup], specs: list[dict[str, Any]]) -> int:
    """Copy uids and retired flags from the spec onto the created tree; the initiatives counted."""
    n = 0
    for group, spec in zip(sorted(rows, key=lambda g: g.position), specs, strict=True):
        group.retired = bool(spec.get("retired"))
        for ini, ini_d in zip(group.initiatives, spec["initiatives"], strict=True):
            ini.uid = ini_d.get("uid") or ini.uid
            ini.retired = bool(ini_d.get("retired"))
            n += 1
        n += _keep_ids(list(group.children), spec["groups"])
    return n


def _record(ctx: WriteContext, book: PlanWorkbook, result: PlanImportResult) -> None:
    exported = _aware(book.exported_at)
    ctx.session.add(PlanImport(
        plan_id=result.plan_id, file_name=book.path.name[:260], file_sha256=book.sha256, source=book.source,
        source_revision=str(book.data["plan"]["revision"])[:100],
        exported_at=exported.astimezone(UTC) if exported else None, imported_at=now(), actor=ctx.actor,
        summary=result.summary))
    ctx.plan_id = result.plan_id
    ctx.audit("plan", result.plan_id, f"計画ブック「{book.path.name}」を取り込みました：{result.summary}",
              after={"file": book.path.name, "source": book.source, "changes": result.lines[:200]},
              plan_id=result.plan_id)

