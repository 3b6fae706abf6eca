"""Creating and resetting the plan database (``plandesk init``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, select

from planDesk.core.domain.base import Base
from planDesk.core.domain.fiscal import fiscal_year_of
from planDesk.core.domain.model import AuditEntry, Plan
from planDesk.core.errors import UserError
from planDesk.core.persistence import database
from planDesk.core.persistence.store import Change, Store, now
from planDesk.core.plan.samples import create_plan, read_plan_file, sample_path

DEFAULT_SAMPLE = "hitachinaka"


def empty_plan_data() -> dict[str, Any]:
    """A blank plan for a city starting from nothing (``init --sample empty``)."""
    fy = fiscal_year_of(now().date())
    return {
        "format": 1,
        "plan": {
            "key": "new-plan",
            "name": "新しいアクションプラン",
            "municipality": "（自治体名）",
            "start_fy": fy,
            "end_fy": fy + 2,
            "revision": "初版",
            "revision_fy": fy,
            "level_labels": ["基本方針", "推進事項", "取組事項"],
            "numbering": "maru",
            "evaluation_scale": [
                {"code": "A", "label": "順調"},
                {"code": "B", "label": "概ね順調"},
                {"code": "C", "label": "遅れ"},
                {"code": "D", "label": "未着手"},
            ],
            "directions": ["拡充", "継続", "見直し", "完了", "廃止"],
        },
    }


def plan_keys(store: Store) -> list[str]:
    with store.read() as s:
        return list(s.scalars(select(Plan.key).where(Plan.is_current.is_(True))))


def init_sample(store: Store, sample: str = DEFAULT_SAMPLE, *, force: bool = False) -> Change:
    """Load a built-in plan. Refuses to load one already present unless ``force``.

    With ``force`` every plan, report and audit entry in the database is removed first
    (after a backup copy for a SQLite file): the database starts over.
    """
    data = empty_plan_data() if sample == "empty" else read_plan_file(sample_path(sample))
    key = data["plan"]["key"]
    existing = plan_keys(store)
    if not force and key in existing:
        raise UserError(
            f"計画「{data['plan']['name']}」は既にデータベースにあります。",
            hint="作り直すときは --force を付けてください（今のデータはバックアップされます）。",
        )
    if force and existing:
        db_file = database.sqlite_path(str(store.engine.url))
        if db_file is not None:
            database.backup_sqlite(db_file, "before-init")
    with store.write("init", structural=True) as ctx:
        if force:
            for table in reversed(Base.metadata.sorted_tables):
                if table.name != AuditEntry.__tablename__:
                    ctx.session.execute(delete(table))
            ctx.session.execute(delete(AuditEntry))
        plan = create_plan(ctx, data)
        return Store.change_of(ctx, f"計画「{plan.name}」を読み込みました")
