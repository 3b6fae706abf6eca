"""Alembic environment for planDesk: migrations run on the engine planDesk opened."""

from __future__ import annotations

from alembic import context
from sqlalchemy import Engine, create_engine

from planDesk.core.domain.base import Base

config = context.config
target_metadata = Base.metadata


def run_migrations_online() -> None:
    engine: Engine | None = config.attributes.get("engine")
    if engine is None:
        url = config.get_main_option("sqlalchemy.url")
        if not url:
            raise RuntimeError("no engine or sqlalchemy.url given to the migrations")
        engine = create_engine(url)
    with engine.connect() as connection:
        sqlite = connection.dialect.name == "sqlite"
        # SQLite: batch mode rebuilds a table by making a copy, dropping the original and
        # renaming the copy; with foreign keys on, dropping it would first delete every row
        # that refers to it (ON DELETE CASCADE: a rebuilt initiative table would take its
        # goals, KPIs and reports along). Off outside the transaction (the pragma is ignored
        # inside one), checked before the commit, on again afterwards.
        raw = connection.connection.dbapi_connection if sqlite else None
        if raw is not None:
            raw.execute("PRAGMA foreign_keys = OFF")
        try:
            context.configure(
                connection=connection,
                target_metadata=target_metadata,
                render_as_batch=sqlite,
            )
            with context.begin_transaction():
                context.run_migrations()
                if sqlite:
                    broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                    if broken:
                        raise RuntimeError(f"the migration left rows whose references are broken: {broken[:5]}")
            connection.commit()
        finally:
            if raw is not None:
                raw.execute("PRAGMA foreign_keys = ON")


if context.is_offline_mode():
    raise RuntimeError("planDesk runs its migrations online only")
run_migrations_online()
