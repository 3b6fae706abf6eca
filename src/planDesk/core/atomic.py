"""Atomic file writes for exports: a crash leaves the old file or the new one, never half."""

from __future__ import annotations

import os
import secrets
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from planDesk.core.errors import UserError


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """Yield a temporary path beside ``target``; on success it replaces ``target``.

    Write the whole file to the yielded path; it is fsync'ed and renamed over the target
    (``os.replace`` is atomic on NTFS and POSIX). On any error the temporary file is removed
    and the target is untouched. OS errors become a Japanese UserError naming the file.
    """
    target = Path(target)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise UserError(f"出力先のフォルダ「{folder}」がありません。")
    try:
        tmp = _create_temp(folder, target.name)
    except OSError as exc:
        raise UserError(f"出力先のフォルダ「{folder}」に書き込めません（{exc.strerror or exc}）。") from exc
    try:
        yield tmp
        with tmp.open("rb+") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except PermissionError as exc:
        raise UserError(
            f"「{target}」に書き込めません。Excel などで開いている場合は閉じてからやり直してください。"
        ) from exc
    except OSError as exc:
        raise UserError(f"「{target}」に書き込めません（{exc.strerror or exc}）。") from exc
    finally:
        if tmp.exists():
            tmp.unlink()


def _create_temp(folder: Path, name: str) -> Path:
    """A new empty file beside the target, created with mode 0666 so that the user's umask
    applies (0644 with the usual 022) — tempfile.mkstemp would make it 0600, and an export
    on a shared folder must be readable by colleagues."""
    for _attempt in range(100):
        path = folder / f".{name}.{secrets.token_hex(6)}.tmp"
        try:
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o666)
        except FileExistsError:
            continue
        os.close(fd)
        return path
    raise FileExistsError(f"no free temporary name in {folder}")


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result over ``target`` atomically."""
    with atomic_path(target) as tmp:
        write(tmp)
    return Path(target)
