"""Registry of subcommands: each ``cmd_*`` module adds its own parser and handler.

A module is imported only when its parser is built: ``plandesk show`` builds the parser of
``show`` alone, so it never imports the exporters (reportlab, openpyxl) or the merge. Without
a known subcommand (``plandesk --help``, a typo) every module is registered.
"""

from __future__ import annotations

import argparse
import importlib
from collections.abc import Sequence
from typing import Any

from planDesk.cli.context import database_target

# Each module has ``register(subparsers)`` that adds the subcommands listed here, in this
# order in ``plandesk --help`` (tests/cli checks the table against what they register).
MODULES: dict[str, tuple[str, ...]] = {
    "cmd_init": ("init",),
    "cmd_show": ("show",),
    "cmd_export": ("export",),
    "cmd_merge": ("merge",),
    "cmd_round": ("round",),
    "cmd_tracker": ("tracker",),
    "cmd_import_plan": ("import-plan",),
    "cmd_server": ("upgrade-db", "add-login"),
}


def invoked_command(argv: Sequence[str]) -> str | None:
    """The subcommand named in ``argv`` (after the global options), if any."""
    args = iter(argv)
    for arg in args:
        if arg == "--db":
            next(args, None)
        elif not arg.startswith("-"):
            return arg
    return None


def register(sub: Any, argv: Sequence[str] | None = None) -> None:
    """Add the subcommands: only the one ``argv`` runs when it is known, else all of them."""
    command = invoked_command(argv) if argv is not None else None
    owners = [name for name, commands in MODULES.items() if command in commands] or list(MODULES)
    for name in owners:
        importlib.import_module(f"planDesk.cli.{name}").register(sub)


def run_gui(args: argparse.Namespace) -> int:
    from planDesk.cli.gui_launcher import run_gui as launch

    return launch(database_target(args))
