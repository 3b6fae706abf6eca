"""The full reporting round of tests/round_helpers.py reports what it says."""

from __future__ import annotations

from pathlib import Path

from round_helpers import full_round

from planDesk.core.persistence.store import Store


def test_full_round_reports_every_department_of_a_shared_initiative(store: Store, tmp_path: Path) -> None:
    plan = full_round(store)
    shared = next(i for i in plan.initiatives() if any(d.pseudo == "all" for d in i.departments))
    assert len({r.department for r in shared.reports}) == 8
    assert all(i.reports for i in plan.initiatives())
