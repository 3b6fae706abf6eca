"""Registry of subcommands: each ``cmd_*`` module adds its own parser and handler."""

from __future__ import annotations

import argparse
from typing import Any

from planDesk import paths
from planDesk.cli import cmd_export, cmd_import_plan, cmd_init, cmd_merge, cmd_server, cmd_show, cmd_tracker
from planDesk.core.store import Store

# A module here has ``register(subparsers)`` that adds one or more subcommands.
MODULES: tuple[Any, ...] = (cmd_init, cmd_show, cmd_export, cmd_merge, cmd_tracker, cmd_import_plan, cmd_server)


def register(sub: Any) -> None:
    for module in MODULES:
        module.register(sub)


def database_target(args: argparse.Namespace) -> str:
    return args.db or paths.default_database()


def open_store(args: argparse.Namespace, *, create: bool = False) -> Store:
    """The store named by ``--db`` / PLANDESK_DB / the default location."""
    return Store.open(database_target(args), create=create)


def run_gui(args: argparse.Namespace) -> int:
    from planDesk.gui.app import run

    return run(database_target(args))
