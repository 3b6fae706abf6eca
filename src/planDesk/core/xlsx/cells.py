"""Cell text and refusals shared by every workbook planDesk reads or writes.

A submission and a plan workbook obey the same limits (Excel's 32,767 characters a cell,
no control characters) and are refused the same way: a list of problems, each naming the
sheet and cell, in Japanese. Kept here, below both, so neither imports the other.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from planDesk.core.errors import UserError

MAX_CELL_TEXT = 32767  # Excel's limit for the text of one cell
MAX_PROBLEMS = 30  # problems listed in one refusal; the rest are counted

# C0 and C1 control characters except tab and line feed (Excel cannot hold most of them;
# they hide text or break XML); carriage returns are normalised to line feeds first.
_CONTROL_RE = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
# Anything clean_text changes: most text has none of it and is returned as it is (one scan).
_UNCLEAN_RE = re.compile("[\r\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")


def clean_text(text: str) -> str:
    """Text as stored: line breaks normalised to LF, control characters removed."""
    if type(text) is str and _UNCLEAN_RE.search(text) is None:
        return text  # (a str subclass is made a plain str below, as before)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return _CONTROL_RE.sub("", text)


def is_clean(text: str) -> bool:
    """``clean_text(text) == text`` (without making a copy)."""
    return _UNCLEAN_RE.search(text) is None


def file_sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True)
class Problem:
    sheet: str
    cell: str
    message: str

    def text(self, file: str) -> str:
        where = file + (f"：シート「{self.sheet}」" if self.sheet else "") + (f" セル {self.cell}" if self.cell else "")
        return f"{where}：{self.message}"


class SubmissionRefused(UserError):
    """The file is refused as a whole; ``problems`` says where and why (in Japanese)."""

    def __init__(self, file: str, problems: list[Problem], *, hint: str = "") -> None:
        lines = [p.text(file) for p in problems[:MAX_PROBLEMS]]
        if len(problems) > MAX_PROBLEMS:
            lines.append(f"{file}：ほかに {len(problems) - MAX_PROBLEMS} 件の問題があります。")
        super().__init__("\n".join(lines), hint=hint or "このファイルからは何も取り込んでいません。"
                         "直したファイルを送ってもらってから、もう一度取り込んでください。")
        self.file = file
        self.problems = problems
