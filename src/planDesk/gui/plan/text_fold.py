"""Folding Japanese text for search: full/half width, katakana/hiragana, case, spaces.

``fold("ＤＸ　推進")`` == ``fold("dx推進")``; ``fold("ｵﾝﾗｲﾝ")`` == ``fold("おんらいん")``.
No Qt here.
"""

from __future__ import annotations

import unicodedata

import jaconv


def fold(text: str) -> str:
    # NFKC turns full-width ASCII into half-width and half-width kana into full-width;
    # kata2hira then lets ひらがな find カタカナ and the reverse.
    s = unicodedata.normalize("NFKC", text).casefold()
    s = jaconv.kata2hira(s)
    return "".join(s.split())


def search_text(*parts: str) -> str:
    return fold("\n".join(parts))
