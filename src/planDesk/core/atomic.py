"""Atomic file writes for exports: a crash leaves the old file or the new one, never half."""

from __future__ import annotations

import os
import tempfile
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
        fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise UserError(f"出力先のフォルダ「{folder}」に書き込めません（{exc.strerror or exc}）。") from exc
    os.close(fd)
    tmp = Path(tmp_name)
    _follow_umask(tmp)
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


def _follow_umask(path: Path) -> None:
    """mkstemp creates the file 0600; an export is a normal file that colleagues on a
    shared folder must be able to read: give it the mode a plain ``open()`` would."""
    if os.name != "posix":
        return
    mask = os.umask(0)
    os.umask(mask)
    os.chmod(path, 0o666 & ~mask)


def write_atomically(target: Path, write: Callable[[Path], None]) -> Path:
    """Call ``write(tmp_path)`` and move the result over ``target`` atomically."""
    with atomic_path(target) as tmp:
        write(tmp)
    return Path(target)
