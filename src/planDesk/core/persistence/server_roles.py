"""Who may write what on a server, enforced by PostgreSQL itself (docs/server.md).

Two group roles: ``plandesk_division`` (情報政策課: the plan, merges, confirm, return, undo)
and ``plandesk_department`` (read everything, write only its own department's reports).
Each department login is a member of ``plandesk_department`` and named in the table
``plandesk_login`` with its department; row-level security on the report tables compares
the row's department with that name. A department login cannot set a report 確認済 nor
change one it has submitted (a trigger: 提出済 and 確認済 are the division's), nor change
the plan, merges or other departments' reports: the server refuses (permission denied /
row-level security), whatever the client.
The administrator's login owns the tables (``upgrade-db``) and is not restricted.
"""

from __future__ import annotations

from sqlalchemy import Connection, Engine, text

from planDesk.core.errors import UserError

DIVISION = "plandesk_division"
DEPARTMENT = "plandesk_department"
REPORT_TABLES = ("progress_report", "kpi_actual", "step_progress")
# what a department writes besides its reports: the audit of its saves, a new round's cycle row
DEPARTMENT_INSERTS = ("audit_log", "reporting_cycle")

_OWN = ("department_id IN (SELECT d.id FROM department d JOIN plandesk_login l ON l.department = d.name "
        "WHERE l.login = current_user)")
_IS_DIVISION = f"pg_has_role(current_user, '{DIVISION}', 'MEMBER')"


def _policies() -> list[str]:
    own_report = f"report_id IN (SELECT id FROM progress_report WHERE {_OWN})"
    out = []
    for table, own in (("progress_report", _OWN), ("kpi_actual", own_report), ("step_progress", own_report)):
        check = own if table != "progress_report" else f"{own} AND status IN ('draft', 'submitted')"
        using = own if table != "progress_report" else f"{own} AND status <> 'confirmed'"
        out += [
            f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY",
            f"DROP POLICY IF EXISTS plandesk_read ON {table}",
            f"CREATE POLICY plandesk_read ON {table} FOR SELECT USING (true)",
            f"DROP POLICY IF EXISTS plandesk_division ON {table}",
            f"CREATE POLICY plandesk_division ON {table} FOR ALL USING ({_IS_DIVISION}) WITH CHECK ({_IS_DIVISION})",
            f"DROP POLICY IF EXISTS plandesk_department_insert ON {table}",
            f"CREATE POLICY plandesk_department_insert ON {table} FOR INSERT WITH CHECK ({check})",
            f"DROP POLICY IF EXISTS plandesk_department_update ON {table}",
            f"CREATE POLICY plandesk_department_update ON {table} FOR UPDATE USING ({using}) WITH CHECK ({check})",
        ]
    return out


_DEPARTMENT_ONLY = (f"pg_has_role(current_user, '{DEPARTMENT}', 'MEMBER') "
                    f"AND NOT pg_has_role(current_user, '{DIVISION}', 'MEMBER')")
# Row-level security sees only the new row of an UPDATE; what a department may not do to a
# report it has submitted (change it, take it back to 下書き) needs the old one: a trigger.
_GUARDS = [
    f"""CREATE OR REPLACE FUNCTION plandesk_report_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_DEPARTMENT_ONLY} AND OLD.status <> 'draft' THEN
    RAISE EXCEPTION 'permission denied: report % is %, only the division may change it', OLD.id, OLD.status
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$""",
    f"""CREATE OR REPLACE FUNCTION plandesk_report_values_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF {_DEPARTMENT_ONLY}
     AND (SELECT status FROM progress_report WHERE id = NEW.report_id) <> 'draft' THEN
    RAISE EXCEPTION 'permission denied: report % is not a draft, only the division may change it', NEW.report_id
      USING ERRCODE = '42501';
  END IF;
  RETURN NEW;
END $$""",
    "DROP TRIGGER IF EXISTS plandesk_report_guard ON progress_report",
    "CREATE TRIGGER plandesk_report_guard BEFORE UPDATE ON progress_report "
    "FOR EACH ROW EXECUTE FUNCTION plandesk_report_guard()",
    "DROP TRIGGER IF EXISTS plandesk_report_values_guard ON kpi_actual",
    "CREATE TRIGGER plandesk_report_values_guard BEFORE INSERT OR UPDATE ON kpi_actual "
    "FOR EACH ROW EXECUTE FUNCTION plandesk_report_values_guard()",
    "DROP TRIGGER IF EXISTS plandesk_report_values_guard ON step_progress",
    "CREATE TRIGGER plandesk_report_values_guard BEFORE INSERT OR UPDATE ON step_progress "
    "FOR EACH ROW EXECUTE FUNCTION plandesk_report_values_guard()",
]


def setup_roles(conn: Connection) -> None:
    """Create the group roles (once per server), the login table, the grants and the
    row-level security policies of this database. Idempotent; run by ``upgrade-db``."""
    for role in (DIVISION, DEPARTMENT):
        conn.execute(text(f"DO $$ BEGIN CREATE ROLE {role} NOLOGIN; "
                          "EXCEPTION WHEN duplicate_object THEN NULL; END $$"))
    conn.execute(text("CREATE TABLE IF NOT EXISTS plandesk_login ("
                      "login text PRIMARY KEY, department text NOT NULL, created_at timestamptz DEFAULT now())"))
    database = conn.execute(text("select current_database()")).scalar()
    for role in (DIVISION, DEPARTMENT):
        conn.execute(text(f'GRANT CONNECT ON DATABASE "{database}" TO {role}'))
        conn.execute(text(f"GRANT USAGE ON SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT SELECT ON ALL TABLES IN SCHEMA public TO {role}"))
        conn.execute(text(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {role}"))
    conn.execute(text(f"GRANT INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {DIVISION}"))
    conn.execute(text(f"REVOKE INSERT, UPDATE, DELETE ON plandesk_login FROM {DIVISION}"))
    conn.execute(text(f"GRANT INSERT, UPDATE ON {', '.join(REPORT_TABLES)} TO {DEPARTMENT}"))
    conn.execute(text(f"GRANT INSERT ON {', '.join(DEPARTMENT_INSERTS)} TO {DEPARTMENT}"))
    for statement in _policies():
        conn.execute(text(statement))
    for statement in _GUARDS:
        conn.execute(text(statement))  # text(): SQLAlchemy doubles the plpgsql '%' for psycopg


def add_login(engine: Engine, login: str, password: str, *, department: str | None) -> None:
    """A login for one department (``department``) or for the division (None).

    The password reaches the server only as a SCRAM verifier computed here (libpq's
    PQencryptPasswordConn), so it is in no SQL text, log or error message.
    """
    if not login.replace("_", "").isalnum() or not login.isascii() or login[0].isdigit():
        raise UserError(f"ログイン名「{login}」は使えません（半角英数字と _、先頭は英字）。")
    if len(password) < 12:
        raise UserError("パスワードは 12 文字以上にしてください。")
    with engine.connect() as conn:
        if department is not None:
            known = conn.execute(text("select 1 from department where name = :n and pseudo is null"),
                                 {"n": department}).first()
            if known is None:
                raise UserError(f"部署「{department}」は計画にありません。",
                                hint="部署名を計画のとおりに指定してください。")
        raw = conn.connection.driver_connection
        verifier = raw.pgconn.encrypt_password(password.encode(), login.encode(), b"scram-sha-256").decode()  # type: ignore[union-attr]
        exists = conn.execute(text("select 1 from pg_roles where rolname = :r"), {"r": login}).first()
        # exec_driver_sql: the verifier's ":" must not be read as a bind parameter
        conn.exec_driver_sql(f"{'ALTER' if exists else 'CREATE'} ROLE {login} LOGIN PASSWORD '{verifier}'")
        group = DEPARTMENT if department is not None else DIVISION
        other = DIVISION if department is not None else DEPARTMENT
        conn.execute(text(f"GRANT {group} TO {login}"))
        conn.execute(text(f"REVOKE {other} FROM {login}"))
        conn.execute(text("DELETE FROM plandesk_login WHERE login = :l"), {"l": login})
        if department is not None:
            conn.execute(text("INSERT INTO plandesk_login (login, department) VALUES (:l, :d)"),
                         {"l": login, "d": department})
        conn.commit()

