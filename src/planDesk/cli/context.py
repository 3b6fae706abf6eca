"""What every subcommand shares: the database it works on and the ``--fy`` argument type.

Kept apart from ``commands`` (the registry of subcommands) and ``main`` (the entry point),
which import the subcommands, so that no subcommand imports them back.
"""

from __future__ import annotations

import argparse

from planDesk import paths
from planDesk.core.domain.fiscal import FiscalYearError, parse_fy
from planDesk.core.persistence.store import Store


def fy_argument(text: str) -> int:
    """``--fy`` accepts 2025, R7, 令和7年度 and 令和７年度."""
    try:
        return parse_fy(text)
    except FiscalYearError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from exc


def database_target(args: argparse.Namespace) -> str:
    return args.db or paths.default_database()


def open_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The store named by ``--db`` / PLANDESK_DB / the default location."""
    return Store.open(database_target(args), create=create)
