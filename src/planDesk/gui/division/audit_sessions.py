"""One row per editing session in the audit log: autosaves of one report collapsed.

A clerk typing for ten minutes autosaves a dozen times; the log keeps every entry, the
viewer shows them as one row 「報告の保存（12 回の保存）」 with the first entry's before and
the last entry's after. Entries belong to one session when they are 報告の保存 of the same
report by the same person, each within ``SESSION_GAP`` of the next. No Qt here.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import timedelta

from planDesk.core.persistence.audit_query import AuditRecord

SESSION_GAP = timedelta(minutes=30)
COLLAPSIBLE = frozenset({"save-report"})


@dataclass(frozen=True, slots=True)
class AuditRow:
    """Entries shown as one row, newest first (as the log is read)."""

    entries: tuple[AuditRecord, ...]

    @property
    def count(self) -> int:
        return len(self.entries)

    @property
    def record(self) -> AuditRecord:
        """The session as one record: the newest entry, before as it was at the start."""
        newest, oldest = self.entries[0], self.entries[-1]
        if len(self.entries) == 1:
            return newest
        return replace(newest, before=oldest.before)


def same_session(newer: AuditRecord, older: AuditRecord) -> bool:
    return (newer.operation == older.operation and newer.operation in COLLAPSIBLE
            and newer.actor == older.actor and newer.entity == older.entity
            and newer.entity_id is not None and newer.entity_id == older.entity_id
            and timedelta(0) <= newer.at - older.at <= SESSION_GAP)


def collapse(records: list[AuditRecord]) -> list[AuditRow]:
    """Group consecutive entries (newest first) of one editing session."""
    rows: list[list[AuditRecord]] = []
    for rec in records:
        if rows and same_session(rows[-1][-1], rec):
            rows[-1].append(rec)
        else:
            rows.append([rec])
    return [AuditRow(tuple(r)) for r in rows]
