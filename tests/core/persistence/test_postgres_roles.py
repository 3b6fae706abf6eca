"""The server enforces who may write what: a department login writes only its own reports
(row-level security), cannot confirm, cannot change the plan or merge — refused by
PostgreSQL itself, whatever the client asks."""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool
from submission_helpers import export, fill, ids_of, report_of

from planDesk.cli.main import main
from planDesk.core.domain.model import AuditEntry, Department
from planDesk.core.errors import DatabaseError
from planDesk.core.persistence.store import Store
from planDesk.core.reports.ops import ReportInput, confirm_report, save_report, submit_report
from planDesk.core.submissions.merge import merge_files

PASSWORD = "Dept-Known-Passw0rd-13"


@pytest.fixture
def dept_url(pg_sample_url: str, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> Iterator[str]:
    login = f"shimin_{os.getpid()}"
    monkeypatch.setenv("PLANDESK_NEW_PASSWORD", PASSWORD)
    assert main(["--db", pg_sample_url, "add-login", login, "--department", "市民課"]) == 0
    out = capsys.readouterr()
    assert login in out.out and PASSWORD not in out.out + out.err
    yield make_url(pg_sample_url).set(username=login, password=PASSWORD).render_as_string(hide_password=False)
    admin = create_engine(pg_sample_url, poolclass=NullPool, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f"DROP OWNED BY {login}"))
        conn.execute(text(f"DROP ROLE IF EXISTS {login}"))
    admin.dispose()

# a 提出済 report needs its required fields (a merged workbook obeys the on-screen 提出's rule)
COMPLETE = {"evaluation": "A", "direction": "継続"}


def _dept(store: Store, name: str) -> int:
    with store.read() as s:
        return int(s.scalars(select(Department.id).where(Department.name == name)).one())


def test_a_department_login_writes_only_its_own_reports(pg_sample_url: str, dept_url: str, tmp_path: object) -> None:
    admin = Store.open(pg_sample_url, actor="情報政策課")
    everyone = ids_of(admin, "①－１－１")  # 全部署: every department reports
    info, shimin = _dept(admin, "情報政策課"), _dept(admin, "市民課")
    save_report(admin, ReportInput(everyone.id, info, 2024, activities="情報政策課の報告"), expected_version=None)

    dept = Store.open(dept_url)
    assert dept.actor == make_url(dept_url).username  # the audit names the login
    _c, version = save_report(dept, ReportInput(everyone.id, shimin, 2024, activities="市民課の報告",
                                                evaluation="A", direction="継続"), expected_version=None)
    with dept.read() as s:
        assert s.scalars(select(AuditEntry.actor).order_by(AuditEntry.id.desc())).first() == dept.actor
    # another department's report: the server refuses, through the app …
    with pytest.raises(DatabaseError, match="権限がありません"):
        save_report(dept, ReportInput(everyone.id, info, 2024, activities="書き換え"), expected_version=1)
    # … and through plain SQL on the department's own connection
    raw = create_engine(dept_url, poolclass=NullPool)
    with raw.connect() as conn:
        done = conn.execute(text("update progress_report set activities = 'SQLで書き換え' where department_id = :d"),
                            {"d": info})
        assert done.rowcount == 0  # row-level security: the row is not the login's to update
        conn.commit()
    with raw.connect() as conn, pytest.raises(DBAPIError, match="row-level security"):
        conn.execute(text("insert into progress_report (initiative_id, department_id, cycle_id, activities, issues,"
                          " next_steps, status, return_comment, updated_by, version) select :i, :d, id, 'x', '', '',"
                          " 'draft', '', 'x', 1 from reporting_cycle limit 1"), {"i": ids_of(admin, "②－１－２").id,
                                                                                 "d": info})
    # the plan is the division's
    with raw.connect() as conn, pytest.raises(DBAPIError, match="permission denied"):
        conn.execute(text("update initiative set title = '乗っ取り'"))
    raw.dispose()
    rep = report_of(admin, "①－１－１", department="情報政策課")
    assert rep is not None and rep.activities == "情報政策課の報告"

    # the department submits; confirming is the division's even if the client claims otherwise
    rid = next(r.id for r in ids_and_reports(admin, "①－１－１") if r.department == "市民課")
    submit_report(dept, rid)
    raw = create_engine(dept_url, poolclass=NullPool)
    for statement in ("update progress_report set activities = '提出後に書き換え' where id = :r",
                      "update progress_report set status = 'draft' where id = :r",
                      "update kpi_actual set value = 1 where report_id = :r"):
        with raw.connect() as conn, pytest.raises(DBAPIError, match="only the division may change it"):
            conn.execute(text(statement), {"r": rid})
            if "kpi_actual" in statement:  # the report may have no KPI actual yet: add one
                conn.execute(text("insert into kpi_actual (report_id, kpi_id, value, note) "
                                  "values (:r, :k, 1, '')"), {"r": rid, "k": everyone.kpis[0].id})
    raw.dispose()
    with pytest.raises(DatabaseError, match="権限がありません"):
        save_report(dept, ReportInput(everyone.id, shimin, 2024, activities="提出後", evaluation="A",
                                      direction="継続"), expected_version=version + 1, as_division=True)
    with pytest.raises(DatabaseError, match="権限がありません"):
        confirm_report(dept, rid, as_division=True)
    confirm_report(admin, rid, as_division=True)
    with pytest.raises(DatabaseError):  # a confirmed report is out of the department's reach
        save_report(dept, ReportInput(everyone.id, shimin, 2024, activities="確認後の修正"),
                    expected_version=version + 2, as_division=True)
    dept.close()
    admin.close()


def ids_and_reports(store: Store, code: str) -> list[object]:
    from planDesk.core.plan.view import load_plan, resolve_plan_id

    with store.read() as s:
        plan = load_plan(s, resolve_plan_id(s))
    return list(next(i for i in plan.initiatives() if i.code == code).reports)


def test_merging_is_the_divisions(pg_sample_url: str, dept_url: str, tmp_path: pytest.TempPathFactory) -> None:
    from pathlib import Path

    admin = Store.open(pg_sample_url)
    book = fill(export(admin, Path(str(tmp_path))), reports={"①－１－２": {"activities": "取込", **COMPLETE}})
    admin.close()
    dept = Store.open(dept_url)
    with pytest.raises(DatabaseError, match="権限がありません"):
        merge_files(dept, [book])
    dept.close()


def test_dangerous_commands_refused_for_a_department_login(pg_sample_url: str, dept_url: str,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    name = str(make_url(dept_url).database)
    assert main(["--db", dept_url, "init", "--force", "--confirm", name]) == 1
    assert "権限がありません" in capsys.readouterr().err
    assert main(["--db", dept_url, "tracker", "--fy", "R6", "--return", "市民課", "--reason", "やり直し"]) == 1
    assert "権限がありません" in capsys.readouterr().err
    assert main(["--db", dept_url, "add-login", "someone_else", "--department", "市民課"]) == 1
    err = capsys.readouterr().err
    assert "権限がありません" in err and PASSWORD not in err
    admin = Store.open(pg_sample_url)
    assert ids_of(admin, "①－１－２").title  # the plan is still there
    admin.close()
