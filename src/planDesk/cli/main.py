"""The ``plandesk`` command: the GUI by default, subcommands for everything else.

Exit status: 0 done, 1 something was refused (explained on stderr in Japanese),
2 bad usage. A user's mistake never prints a traceback.
"""

from __future__ import annotations

import argparse
import io
import logging
import sys
from collections.abc import Callable, Sequence

from planDesk import paths
from planDesk.cli import argparse_ja
from planDesk.core.errors import UserError
from planDesk.logsetup import hold_records, setup_logging

log = logging.getLogger(__name__)

Handler = Callable[[argparse.Namespace], int]


class JapaneseArgumentParser(argparse.ArgumentParser):
    """argparse with Japanese messages and exit status 2 for usage errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: エラー: {message}\n")


def build_parser(argv: Sequence[str] | None = None) -> argparse.ArgumentParser:
    """The full parser, or with ``argv`` only the subcommand it runs (cli/commands.py)."""
    from planDesk import __version__  # reads the installed metadata (~70 ms): not for the GUI start

    argparse_ja.install()
    parser = JapaneseArgumentParser(
        prog="plandesk",
        description="デジタル化推進アクションプランの進捗報告・集約ツール。"
        "コマンドなしで起動すると画面（GUI）を開きます。",
    )
    parser.add_argument("--version", action="version", version=f"planDesk {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH_OR_URL",
        help="データベース（SQLite のファイルまたは URL）。"
        f"省略時は環境変数 {paths.DB_ENV} または {paths.default_database()}",
    )
    sub = parser.add_subparsers(dest="command", metavar="コマンド",
                                parser_class=JapaneseArgumentParser)
    from planDesk.cli import commands

    commands.register(sub, argv)
    return parser


def gui_only_arguments(argv: Sequence[str]) -> tuple[bool, str | None]:
    """Whether ``argv`` only opens the GUI (nothing, or just ``--db X``), and its ``--db``.

    The GUI start is the common case (a double-click); it skips building the full parser,
    which imports every subcommand and export module (reportlab, openpyxl …) and would
    double the time to the first window.
    """
    args = list(argv)
    if not args:
        return True, None
    if len(args) == 2 and args[0] == "--db" and not args[1].startswith("-"):
        return True, args[1]
    if len(args) == 1 and args[0].startswith("--db=") and len(args[0]) > 5:
        return True, args[0][5:]
    return False, None


def setup_console_streams() -> None:
    """Never fail on text the console's code page cannot show: replace it instead.

    A pipe or a redirected console on Japanese Windows is cp932 (no "—"), on English
    Windows cp1252 (no Japanese at all); a ``UnicodeEncodeError`` there would turn a
    merge that was already committed into "unexpected error", exit 1. The encoding
    stays the console's (a program reading the pipe expects it); only an error handler
    that raises on such text is changed: "strict", and "surrogateescape", which the
    Windows CPython 3.13 uses for a pipe (seen under Wine). A handler that already
    replaces (``PYTHONIOENCODING=…:backslashreplace``, stderr's default) is kept. A
    windowed program has no streams (None).
    """
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper) and stream.errors in ("strict", "surrogateescape"):
            stream.reconfigure(errors="replace")


def main(argv: Sequence[str] | None = None) -> int:
    setup_console_streams()
    argv = list(sys.argv[1:] if argv is None else argv)
    gui_only, db = gui_only_arguments(argv)
    args = argparse.Namespace(db=db, command=None, handler=None) if gui_only else build_parser(argv).parse_args(argv)
    if gui_only:  # the GUI opens its log file after the window's first paint (gui/app.py)
        hold_records()
        log_file = None
    else:
        log_file = setup_logging()
    handler: Handler | None = getattr(args, "handler", None)
    try:
        if handler is None:
            from planDesk.cli.gui_launcher import run_gui

            return run_gui(args.db or paths.default_database())
        return handler(args)
    except UserError as exc:
        print(f"plandesk: {exc.message}", file=sys.stderr)
        if exc.hint:
            print(f"  {exc.hint}", file=sys.stderr)
        return exc.exit_code
    except KeyboardInterrupt:
        print("plandesk: 中断しました。", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    except Exception as exc:  # a bug: log it, tell the user where the log is
        log.exception("unexpected error in %s", getattr(args, "command", "gui"))
        log_file = log_file or setup_logging()  # the GUI's, with what was held before its paint
        where = f"（詳細はログ {log_file}）" if log_file else ""
        print(f"plandesk: 予期しないエラーが発生しました：{type(exc).__name__}: {exc}{where}",
              file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
