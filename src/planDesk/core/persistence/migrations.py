"""The schema's versions: the Alembic configuration, the revision graph of db/versions, and
the revision a database is at. Kept apart from database.py so that the server's schema check
(server.py) and the administrator's upgrade (server_upgrade.py) read them without a circle.
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING

from sqlalchemy import Engine, inspect, text

from planDesk import paths

if TYPE_CHECKING:
    from alembic.config import Config


def alembic_config(engine: Engine | None = None) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(paths.migrations_dir()))
    if engine is not None:
        cfg.attributes["engine"] = engine
    return cfg


# Alembic itself is imported only when a migration has to run: reading the revision graph
# from the scripts' own "revision"/"down_revision" lines keeps it off every start-up
# (tests/core/persistence/test_database.py checks the result against Alembic's).
_REVISION_RE = re.compile(r"^revision(?:\s*:\s*str)?\s*=\s*['\"]([^'\"]+)['\"]", re.MULTILINE)
_DOWN_RE = re.compile(r"^down_revision(?:\s*:[^=]+)?\s*=\s*(None|['\"]([^'\"]+)['\"])", re.MULTILINE)


@cache
def _revision_graph() -> dict[str, str | None]:
    graph: dict[str, str | None] = {}
    for script in (paths.migrations_dir() / "versions").glob("*.py"):
        source = script.read_text(encoding="utf-8")
        rev, down = _REVISION_RE.search(source), _DOWN_RE.search(source)
        if rev is None or down is None:
            raise RuntimeError(f"migration {script.name} has no revision/down_revision line")
        graph[rev.group(1)] = down.group(2)
    return graph


def head_revision() -> str:
    graph = _revision_graph()
    heads = set(graph) - {down for down in graph.values() if down}
    if len(heads) != 1:
        raise RuntimeError(f"the migrations must have exactly one head, found {sorted(heads)}")
    return heads.pop()


def known_revisions() -> set[str]:
    return set(_revision_graph())


def current_revision(engine: Engine) -> str | None:
    with engine.connect() as conn:
        if not inspect(conn).has_table("alembic_version"):
            return None
        return conn.execute(text("select version_num from alembic_version")).scalar()
