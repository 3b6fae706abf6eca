"""The whole round trip of the issue's "done when": the division hands the plan out,
receives 20 departments' workbooks — from planDesk copies and filled in by hand in Excel,
one stale, one sent twice, one forged for a department it is not, one broken — and ends
with a correct master, every refusal explained, nothing lost."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

import pytest
from submission_helpers import counts, fill, forge_meta

from planDesk.core.persistence.store import Store
from planDesk.core.plan.view import load_plan, resolve_plan_id
from planDesk.core.plan.workbook.apply import import_plan
from planDesk.core.plan.workbook.write import export_plan_workbook
from planDesk.core.reports.assignment import reports_on
from planDesk.core.reports.ops import ReportInput, save_report
from planDesk.core.submissions.export import export_submission
from planDesk.core.submissions.merge import merge_files

pytestmark = pytest.mark.both_backends  # SQLite and PostgreSQL (conftest.py)

FY = 2024


def test_twenty_departments(store: Store, tmp_path: Path, clock: Callable[[], datetime]) -> None:
    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s, None), with_reports=False)
    depts = [d for d in plan.departments if not d.pseudo][:20]
    assert len(depts) == 20
    # each department reports on one initiative of its own (or, if it has none, ①－１－１ of 全部署)
    fallback = next(i for i in plan.initiatives() if i.code == "①－１－１")
    own = {d.name: next((i for i in plan.initiatives() if any(x.id == d.id for x in i.departments)), fallback)
           for d in depts}
    assert all(reports_on(own[d.name], d.id) for d in depts)
    handout = tmp_path / "plan.xlsx"
    export_plan_workbook(store, handout)
    expected: dict[tuple[str, str], str] = {}
    files: list[Path] = []
    by_planDesk = [d.name for d in depts[:5]]
    for d in depts:
        ini = own[d.name]
        text = f"{d.name}の実施状況"
        out = tmp_path / f"{d.name}.xlsx"
        if d.name in by_planDesk:  # the department uses planDesk on its own copy of the plan
            copy = Store.open(str(tmp_path / f"{d.name}.sqlite3"), actor=d.name)
            import_plan(copy, handout)
            with copy.read() as s:
                mine = load_plan(s, resolve_plan_id(s, None), with_reports=False)
            ini_c = next(i for i in mine.initiatives() if i.uid == ini.uid)
            dept_c = next(x.id for x in mine.departments if x.name == d.name)
            save_report(copy, ReportInput(ini_c.id, dept_c, FY, activities=text, evaluation="B",
                                          direction="継続"),
                        expected_version=None)
            export_submission(copy, out, plan=None, department=d.name, fy=FY, cycle=None)
            copy.close()
        else:  # the division sends a form; the department fills it in by hand
            export_submission(store, out, plan=None, department=d.name, fy=FY, cycle=None)
            fill(out, reports={ini.code: {"activities": text, "evaluation": "B（概ね順調）", "direction": "継続"}})
        expected[(ini.code, d.name)] = text
        files.append(out)
    # a stale file: 市民課 (hand-filled) had sent an earlier version, which arrives last
    city = depts[5].name
    old = tmp_path / "old_version.xlsx"
    export_submission(store, old, plan=None, department=city, fy=FY, cycle=None)
    fill(old, reports={own[city].code: {"activities": "古い版の内容", "evaluation": "A", "direction": "継続"}})
    newer = files[5]
    export_submission(store, newer, plan=None, department=city, fy=FY, cycle=None)
    fill(newer, reports={own[city].code: {"activities": expected[(own[city].code, city)], "evaluation": "B",
                                          "direction": "継続"}})
    # a forged file: claims to be from depts[7] but carries depts[6]'s own row
    victim, thief = depts[6].name, depts[7].name
    forged = forge_meta(files[6], tmp_path / "forged.xlsx", {"department": thief})
    broken = tmp_path / "broken.xlsx"
    broken.write_bytes(files[8].read_bytes()[:2000])
    before = counts(store)
    first = merge_files(store, files)
    second = merge_files(store, [files[3], old, forged, broken])  # one twice, stale, forged, broken
    assert [o.status for o in first] == ["merged"] * 20, [o.messages for o in first if o.refused]
    assert [o.status for o in second] == ["duplicate", "stale", "refused", "refused"]
    for o in second[1:]:
        assert o.messages and o.name in o.messages[0]
    assert "古い" in second[1].messages[0]
    assert "担当ではありません" in "\n".join(second[2].messages) and thief in "\n".join(second[2].messages)
    assert "途中で切れている" in second[3].messages[0]
    with store.read() as s:
        master = load_plan(s, resolve_plan_id(s, None))
    got: dict[tuple[str, str], Any] = {}
    for ini in master.initiatives():
        for rep in ini.reports:
            if rep.fy == FY:
                got[(ini.code, rep.department)] = (rep.activities, rep.evaluation, rep.status)
    assert {k: v[0] for k, v in got.items()} == expected  # exactly the departments' values, nothing else
    assert all(v[1:] == ("B", "submitted") for v in got.values())
    assert counts(store)["reports"] == before["reports"] + 20
    assert own[victim].code != "①－１－１"  # the forged row really was another department's
