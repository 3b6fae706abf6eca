"""Japanese messages for argparse's own texts (usage errors, help headings).

argparse looks its messages up through the module-level ``_``/``ngettext`` at call time;
replacing them routes every message through this table (untranslated ones pass through).
"""

from __future__ import annotations

import argparse

_MESSAGES = {
    "usage: ": "使い方: ",
    "positional arguments": "引数",
    "options": "オプション",
    "show this help message and exit": "このヘルプを表示して終了します",
    "show program's version number and exit": "バージョンを表示して終了します",
    "the following arguments are required: %s": "次の引数が必要です: %s",
    "unrecognized arguments: %s": "認識できない引数です: %s",
    "invalid choice: %(value)r (choose from %(choices)s)":
        "%(value)r は選べません（選択肢: %(choices)s）",
    "expected one argument": "値が 1 つ必要です",
    "expected at least one argument": "値が 1 つ以上必要です",
    "argument %(argument_name)s: %(message)s": "引数 %(argument_name)s: %(message)s",
    "invalid %(type)s value: %(value)r": "値 %(value)r は正しくありません",
    "%(prog)s: error: %(message)s\n": "%(prog)s: エラー: %(message)s\n",
    "ambiguous option: %(option)s could match %(matches)s":
        "オプション %(option)s があいまいです（候補: %(matches)s）",
    "not allowed with argument %s": "引数 %s と同時には指定できません",
    "one of the arguments %s is required": "引数 %s のどれかが必要です",
    "ignored explicit argument %r": "値 %r は使われません",
}


def _translate(message: str) -> str:
    return _MESSAGES.get(message, message)


def _ntranslate(singular: str, plural: str, n: int) -> str:
    return _translate(singular if n == 1 else plural)


def install() -> None:
    argparse._ = _translate  # type: ignore[attr-defined]
    argparse.ngettext = _ntranslate  # type: ignore[attr-defined]
