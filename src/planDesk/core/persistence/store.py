"""The one way to change data: a repository facade with a short session per call.

Every operation — from the GUI, the command line or a merge — runs inside
``Store.write(...)``: one transaction, audit-log entries written in the same transaction,
and a ``Change`` returned that tells the caller (the GUI) what to refresh. Readers use
``Store.read()`` and get detached objects (``expire_on_commit=False``) or the plain
dataclasses of ``plan_view``; no session outlives a call.
"""

from __future__ import annotations

import getpass
import logging
import uuid
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any, TypeVar

from sqlalchemy import Engine, text
from sqlalchemy.exc import DatabaseError as SADatabaseError
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from planDesk.core.domain.model import AuditEntry
from planDesk.core.errors import ConflictError, DatabaseError
from planDesk.core.persistence.database import open_database, sqlite_path, translate_operational_error
from planDesk.core.persistence.server import RETRY_STATES, sqlstate

log = logging.getLogger(__name__)
T = TypeVar("T")


def _system_clock() -> datetime:
    return datetime.now(UTC)


_clock: Callable[[], datetime] = _system_clock


class RetryNeeded(DatabaseError):
    """The server rolled the transaction back and asks for it to be run again."""


def now() -> datetime:
    """The current time (UTC, aware) from the one clock every operation and export reads."""
    return _clock()


def use_clock(clock: Callable[[], datetime] | None) -> Callable[[], datetime]:
    """Replace the clock (tests order events without sleeping); None restores the system
    clock. Returns the clock that was in use."""
    global _clock
    previous, _clock = _clock, clock or _system_clock
    return previous


def default_actor() -> str:
    try:
        return getpass.getuser()
    except Exception:  # no user name on some locked-down PCs
        return "unknown"


@dataclass(frozen=True)
class Change:
    """What one operation changed: the GUI refreshes only these.

    ``entities`` are the rows the audit log names (``("report", 12)``, ``("policy", 3)`` …);
    ``initiatives`` the initiatives whose own text, details or reports changed (a view
    reads only these again); ``structural`` says the plan's shape changed (a node added,
    moved, renumbered, retired or removed, departments or scales edited, a new revision):
    only then does a view read the whole plan again.
    """

    operation: str
    summary: str
    plan_id: int | None = None
    entities: frozenset[tuple[str, int]] = frozenset()
    batch: str | None = None
    initiatives: frozenset[int] = frozenset()
    structural: bool = False

    def touches(self, entity: str) -> bool:
        return any(kind == entity for kind, _ in self.entities)

    def ids(self, entity: str) -> frozenset[int]:
        """The ids of the ``entity`` rows this change names."""
        return frozenset(i for kind, i in self.entities if kind == entity)

    @classmethod
    def combined(cls, operation: str, summary: str, changes: Iterable[Change], *,
                 plan_id: int | None = None) -> Change:
        """Several operations (a merge of many files) announced as one change."""
        parts = list(changes)
        return cls(
            operation=operation,
            summary=summary,
            plan_id=plan_id if plan_id is not None else next((c.plan_id for c in parts if c.plan_id), None),
            entities=frozenset().union(*(c.entities for c in parts)),
            batch=parts[0].batch if len(parts) == 1 else None,
            initiatives=frozenset().union(*(c.initiatives for c in parts)),
            structural=any(c.structural for c in parts),
        )


@dataclass
class WriteContext:
    """Handed to an operation: its session and its audit log."""

    session: Session
    actor: str
    operation: str
    batch: str
    plan_id: int | None = None
    entities: set[tuple[str, int]] = field(default_factory=set)
    initiatives: set[int] = field(default_factory=set)  # whose text, details or reports changed
    structural: bool = False  # the plan's shape changed (see Change)

    def audit(
        self,
        entity: str,
        entity_id: int | None,
        summary: str,
        *,
        before: dict[str, Any] | None = None,
        after: dict[str, Any] | None = None,
        plan_id: int | None = None,
    ) -> None:
        """Record one change in the audit log (same transaction as the change)."""
        if entity_id is not None:
            self.entities.add((entity, entity_id))
            if entity == "initiative":
                self.initiatives.add(entity_id)
        self.session.add(
            AuditEntry(
                at=now(),
                actor=self.actor,
                plan_id=plan_id if plan_id is not None else self.plan_id,
                operation=self.operation,
                entity=entity,
                entity_id=entity_id,
                summary=summary,
                before=before,
                after=after,
                batch=self.batch,
            )
        )


class Store:
    """The database of one planDesk session (a file or a server URL)."""

    def __init__(self, engine: Engine, actor: str | None = None) -> None:
        self.engine = engine
        self.actor = actor or default_actor()
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._write_engine = engine.execution_options(plandesk_write=True)
        self._write_sessions = sessionmaker(self._write_engine, expire_on_commit=False)

    @classmethod
    def open(cls, target: str, *, create: bool = True, actor: str | None = None) -> Store:
        engine = open_database(target, create=create)
        if actor is None and engine.dialect.name == "postgresql":
            # on a server the audit names the database login (what the server enforces),
            # not the PC's user name
            with engine.connect() as conn:
                actor = str(conn.execute(text("select session_user")).scalar())
        return cls(engine, actor)

    @property
    def location(self) -> str:
        path = sqlite_path(str(self.engine.url))
        return str(path) if path else self.engine.url.render_as_string(hide_password=True)

    def close(self) -> None:
        self.engine.dispose()

    @contextmanager
    def read(self) -> Iterator[Session]:
        """A short read-only session; objects stay usable after it closes."""
        try:
            # Closing (not rolling back) ends the read transaction without expiring the
            # objects, so they stay readable after the session is gone.
            with self._sessions() as session:
                yield session
        except (OperationalError, SADatabaseError) as exc:
            raise translate_operational_error(exc, self.location, self.engine.url) from exc

    @contextmanager
    def write(self, operation: str, *, plan_id: int | None = None,
              structural: bool = False) -> Iterator[WriteContext]:
        """One transaction: commit on success, roll back everything on any error.
        ``structural``: the operation changes the plan's shape (``Change.structural``)."""
        try:
            with self._write_sessions() as session, session.begin():
                ctx = WriteContext(
                    session=session,
                    actor=self.actor,
                    operation=operation,
                    batch=str(uuid.uuid4()),
                    plan_id=plan_id,
                    structural=structural,
                )
                yield ctx
        except StaleDataError as exc:
            # an UPDATE … WHERE version = :read found no row: someone saved first
            raise ConflictError("他の利用者が先に変更しています。上書きせずに止めました。",
                                hint="最新の内容を読み込んでから、もう一度操作してください。") from exc
        except (OperationalError, SADatabaseError) as exc:
            error = translate_operational_error(exc, self.location, self.engine.url)
            if sqlstate(exc) in RETRY_STATES:
                raise RetryNeeded(error.message, hint=error.hint) from exc
            raise error from exc

    def run(self, operation: str, body: Callable[[WriteContext], T], *, plan_id: int | None = None,
            attempts: int = 3) -> T:
        """``body`` in one ``write`` transaction, run again (up to ``attempts`` times) when the
        server asks for it (serialization failure, deadlock): the database rolled everything
        back, so running it again is safe."""
        for attempt in range(1, attempts + 1):
            try:
                with self.write(operation, plan_id=plan_id) as ctx:
                    return body(ctx)
            except RetryNeeded:
                if attempt == attempts:
                    raise
                log.info("%s: the server asked for a retry (attempt %d)", operation, attempt)
        raise AssertionError("unreachable")

    @staticmethod
    def change_of(ctx: WriteContext, summary: str) -> Change:
        return Change(
            operation=ctx.operation,
            summary=summary,
            plan_id=ctx.plan_id,
            entities=frozenset(ctx.entities),
            batch=ctx.batch,
            initiatives=frozenset(ctx.initiatives),
            structural=ctx.structural,
        )
