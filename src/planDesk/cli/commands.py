"""Registry of subcommands: each ``cmd_*`` module adds its own parser and handler."""

from __future__ import annotations

import argparse
from typing import Any

from planDesk.cli import (
    cmd_export,
    cmd_import_plan,
    cmd_init,
    cmd_merge,
    cmd_round,
    cmd_server,
    cmd_show,
    cmd_tracker,
)
from planDesk.cli.context import database_target

# A module here has ``register(subparsers)`` that adds one or more subcommands.
MODULES: tuple[Any, ...] = (cmd_init, cmd_show, cmd_export, cmd_merge, cmd_round, cmd_tracker, cmd_import_plan,
                            cmd_server)


def register(sub: Any) -> None:
    for module in MODULES:
        module.register(sub)


def run_gui(args: argparse.Namespace) -> int:
    from planDesk.cli.gui_launcher import run_gui as launch

    return launch(database_target(args))
