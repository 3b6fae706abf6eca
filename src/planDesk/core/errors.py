"""Errors that are the user's to fix, each carrying a Japanese message.

The command line prints ``message`` and exits with ``exit_code``; the GUI shows it in a
dialog. Anything that is not a ``UserError`` is a bug and gets a log entry.
"""

from __future__ import annotations

from typing import Any


class UserError(Exception):
    """Something the user asked for was refused; nothing was changed."""

    exit_code = 1

    def __init__(self, message: str, *, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}\n{self.hint}" if self.hint else self.message


class DatabaseError(UserError):
    """The database is missing, locked, corrupt, read-only or of another version."""


class DiskFullError(DatabaseError):
    """The disk (or the database's size limit) is full: nothing of the failed step was written."""


class UsageError(UserError):
    """A bad command-line argument (exit status 2)."""

    exit_code = 2


class NotFoundError(UserError):
    """A named plan, department, initiative or cycle does not exist."""


class ConflictError(UserError):
    """Someone else saved the same record first; nothing was overwritten.

    ``unsaved``: the values that were not saved (field key → value), for the caller to give
    back to the user; ``current``: what the database holds now, when known.
    """

    def __init__(self, message: str, *, hint: str = "", unsaved: dict[str, Any] | None = None,
                 current: dict[str, Any] | None = None) -> None:
        super().__init__(message, hint=hint)
        self.unsaved = unsaved
        self.current = current
