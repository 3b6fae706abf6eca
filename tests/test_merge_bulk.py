"""report_ops_bulk.apply_bulk does what report_ops.apply_input does, for many reports at once."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select
from submission_helpers import ids_of, report_of

from planDesk.core.errors import ConflictError, UserError
from planDesk.core.model import AuditEntry
from planDesk.core.report_ops import ReportInput, get_or_create_cycle, save_report
from planDesk.core.report_ops_bulk import BulkChange, apply_bulk
from planDesk.core.store import Store

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)


def _dept(store: Store) -> int:
    return next(d.id for d in ids_of(store, "①－１－２").departments if d.name == "市民課")


def _bulk(store: Store, changes: list[BulkChange]) -> list[Any]:
    with store.write("bulk") as ctx:
        plan_id = 1
        cycle = get_or_create_cycle(ctx.session, plan_id, 2024, 0)
        return apply_bulk(ctx, plan_id=plan_id, department_id=_dept(store), cycle_id=cycle.id, changes=changes,
                          source="テスト", labels={}, submit=False)


def _state(store: Store, code: str) -> tuple[Any, ...]:
    r = report_of(store, code)
    assert r is not None
    return (r.activities, r.evaluation, r.issues, r.direction, r.next_steps, r.status, r.kpi_actuals,
            r.step_states, r.version)


def test_same_result_as_apply_input(store: Store, sample_db: Path, tmp_path: Path) -> None:
    import shutil

    twin_db = tmp_path / "twin.sqlite3"
    shutil.copyfile(sample_db, twin_db)
    twin = Store.open(str(twin_db), actor="テスト")
    ini = ids_of(store, "①－１－２")
    kpi, step = ini.kpis[0].id, ini.steps[0].id
    first = {"activities": "一回目", "evaluation": "B", f"kpi:{kpi}": 10.0}
    second = {"activities": "二回目", "direction": "継続", f"step:{step}": "done", f"kpi:{kpi}": 12.5}
    # apply_input on one database …
    save_report(store, ReportInput(ini.id, _dept(store), 2024, activities="一回目", evaluation="B",
                                   kpi_actuals={kpi: 10.0}), expected_version=None)
    save_report(store, ReportInput(ini.id, _dept(store), 2024, activities="二回目", evaluation="B", direction="継続",
                                   kpi_actuals={kpi: 12.5}, step_states={step: "done"}), expected_version=1)
    # … the bulk form on its twin
    [created] = _bulk(twin, [BulkChange(ini.id, first, None)])
    assert created.created and created.version == 1
    [updated] = _bulk(twin, [BulkChange(ini.id, second, 1)])
    assert not updated.created and updated.before["activities"] == "一回目"
    assert _state(twin, "①－１－２") == _state(store, "①－１－２")
    with store.read() as a, twin.read() as b:
        audit_a = a.scalars(select(AuditEntry).where(AuditEntry.entity == "report").order_by(AuditEntry.id)).all()
        audit_b = b.scalars(select(AuditEntry).where(AuditEntry.entity == "report").order_by(AuditEntry.id)).all()
        assert [e.after for e in audit_a] == [e.after for e in audit_b]
        assert [e.before for e in audit_a] == [e.before for e in audit_b]
    # unchanged values: no new version, no audit entry (as apply_input)
    with twin.read() as s:
        n = s.scalar(select(func.count()).select_from(AuditEntry))
    assert _bulk(twin, [BulkChange(ini.id, second, 2)]) == []
    with twin.read() as s:
        assert s.scalar(select(func.count()).select_from(AuditEntry)) == n
    twin.close()


def test_checks_and_versions(store: Store) -> None:
    ini = ids_of(store, "①－１－２")
    other = ids_of(store, "①－１－３")
    with pytest.raises(UserError, match="評価にありません"):
        _bulk(store, [BulkChange(ini.id, {"evaluation": "Z"}, None)])
    with pytest.raises(UserError, match="この取組のものではありません"):
        _bulk(store, [BulkChange(ini.id, {f"kpi:{other.kpis[0].id}": 1.0}, None)])
    with pytest.raises(UserError, match="使えません"):
        _bulk(store, [BulkChange(ini.id, {f"step:{ini.steps[0].id}": "half"}, None)])
    _bulk(store, [BulkChange(ini.id, {"activities": "x"}, None)])
    with pytest.raises(ConflictError):
        _bulk(store, [BulkChange(ini.id, {"activities": "y"}, 7)])
    assert report_of(store, "①－１－２").activities == "x"  # type: ignore[union-attr]
