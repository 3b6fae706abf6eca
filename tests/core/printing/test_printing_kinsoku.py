"""Japanese line breaking (禁則処理): the break choice and whole paragraphs."""

from __future__ import annotations

import itertools
from typing import Any

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st
from reportlab.platypus import Paragraph

from planDesk.core.printing.kinsoku import CANNOT_END, CANNOT_START, HANGING, JaParagraph, choose_break
from planDesk.core.printing.styles import styles


@pytest.mark.parametrize(
    ("text", "overflow", "expected", "why"),
    [
        ("あいう。えお", 3, 4, "a stop hangs in the margin"),
        ("あいう、えお", 3, 4, "a comma hangs too"),
        ("あいう，えお", 3, 4, "full-width comma (the Hitachinaka plan's) hangs"),
        ("あいう。」えお", 3, 2, "。」 cannot hang as a pair: う。」 moves down"),
        ("あいう」えお", 3, 2, "a closing bracket moves down with the character before it"),
        ("あいう）えお", 3, 2, "full-width closing parenthesis"),
        ("あい「うえお", 3, 2, "an opening bracket never ends a line"),
        ("あい（うえお", 3, 2, "full-width opening parenthesis"),
        ("あい『うえお", 3, 2, "double opening bracket"),
        ("あい【うえお", 3, 2, "lenticular bracket"),
        ("あいうっと", 3, 2, "small tsu"),
        ("あいうゃと", 3, 2, "small ya"),
        ("デジタルァ", 4, 3, "small katakana a"),
        ("あいヵ所で", 2, 1, "small ka"),
        ("データです", 1, 0 + 0 + 1, "ー at the start: the knife keeps progress when nothing else fits"),
        ("あいデータ", 3, 2, "prolonged sound mark moves down with the kana before it"),
        ("すごい！？です", 3, 2, "full-width exclamation and question marks"),
        ("あいう・えお", 3, 2, "middle dot"),
        ("あいうえおかきはTwitter等", 10, 8, "a Latin word stays whole"),
        ("毎日24時間365日", 8, 6, "a number stays whole"),
        ("カードの申請率76.4%", 9, 7, "a decimal point inside a number does not hang: 76.4% stays whole"),
        ("アプリの登録者数3,441人", 9, 8, "nor does a thousands comma"),
        ("件数は3,あ", 4, 5, "a comma after a number that no digit follows still hangs"),
        ("カードの申請率：76.4％です", 12, 8, "％ may not start a line: the whole of 76.4％ moves down"),
        ("あいうえおTwitterInstagramYouTube", 20, 20, "never backs up more than half a line"),
        ("」」」」", 2, 2, "no legal break: the knife's cut is kept"),
        ("あいう", 0, 1, "a character wider than the line gets a line of its own"),
    ],
)
def test_choose_break(text: str, overflow: int, expected: int, why: str) -> None:
    assert choose_break(text, 0, overflow) == expected, why


def test_rule_sets_extend_reportlabs() -> None:
    from reportlab.lib.textsplit import ALL_CANNOT_END, ALL_CANNOT_START

    assert set(ALL_CANNOT_START) <= CANNOT_START
    assert set(ALL_CANNOT_END) <= CANNOT_END
    for ch in "。、」）ー・？！ぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ，":
        assert ch in CANNOT_START, ch
    for ch in "「（『【":
        assert ch in CANNOT_END, ch
    assert HANGING <= CANNOT_START


def _lines(par: Paragraph, width: float) -> list[str]:
    par.wrap(width, 10_000)
    lines = par.blPara.lines
    if par.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(w.text for w in line.words) for line in lines]


TEXT = ("本市の「デジタル化推進計画」（令和５年度）を策定しました。オンライン化済の手続き数は"
        "１１９手続き（令和４年１２月末現在）です。スマートフォン決済ー・？！を導入しょう。")


def _breaks_rules(lines: list[str]) -> list[str]:
    bad = []
    for prev, line in itertools.pairwise(lines):
        if line and line[0] in CANNOT_START:
            bad.append(f"starts with {line[0]}: {line}")
        if prev and prev[-1] in CANNOT_END:
            bad.append(f"ends with {prev[-1]}: {prev}")
    return bad


@pytest.mark.parametrize("chars", range(6, 30))
def test_paragraph_lines_obey_kinsoku_at_every_width(chars: int) -> None:
    style = styles().body
    width = chars * style.fontSize + 0.5
    lines = _lines(JaParagraph.plain(TEXT, style), width)
    assert "".join(lines) == TEXT
    assert not _breaks_rules(lines)


def test_reportlabs_own_wrapping_breaks_a_rule_that_ours_keeps() -> None:
    """The reason this module exists: plain reportlab leaves 」 or （ at a line edge."""
    style = styles().body
    failures = 0
    for chars in range(6, 30):
        width = chars * style.fontSize + 0.5
        failures += bool(_breaks_rules(_lines(Paragraph(TEXT, style), width)))
        assert not _breaks_rules(_lines(JaParagraph.plain(TEXT, style), width))
    assert failures > 0


def test_styled_fragments_obey_kinsoku() -> None:
    style = styles().body
    for chars in range(6, 20):
        par = JaParagraph("<b>【取組状況】</b>" + TEXT.replace("「", "<b>「</b>"), style)
        lines = _lines(par, chars * style.fontSize + 0.5)
        assert "".join(lines) == "【取組状況】" + TEXT
        assert not _breaks_rules(lines)


def test_plain_paragraph_prints_markup_characters_as_text() -> None:
    lines = _lines(JaParagraph.plain("a < b & c <b>太字</b>", styles().body), 400)
    assert lines == ["a < b & c <b>太字</b>"]


_ALPHABET = "あいうえおかきくけこ日本市民課ー。、」）「（っゃァ・！？ AB12"


@settings(max_examples=150, deadline=None)
@given(st.text(alphabet=_ALPHABET, min_size=1, max_size=120), st.integers(min_value=6, max_value=40))
@example(text="11ああああ「 「", chars=7)  # found by hypothesis: the line ended 「 before a dropped space
def test_no_text_is_lost_and_rules_hold_when_they_can(text: str, chars: int) -> None:
    style = styles().body
    lines = _lines(JaParagraph.plain(text, style), chars * style.fontSize + 0.5)
    assert "".join(lines).replace(" ", "") == text.replace(" ", "")
    # A rule can only be broken where no legal break existed: a run of marks with
    # nothing breakable around it. Lines that are not full of marks keep the rules.
    for bad in _breaks_rules(lines):
        line = bad.split(": ", 1)[1]
        assert sum(ch in CANNOT_START or ch in CANNOT_END for ch in line) >= len(line) // 3, bad


# -- issue 16: no character alone on the last line, no line starting with → or —, marks whole


def _issue16_lines(text: str, width: float, markup: bool = False) -> list[str]:
    from planDesk.core.printing.styles import styles as _styles

    st = _styles().cell
    p = JaParagraph(text, st) if markup else JaParagraph.plain(text, st)
    p.wrap(width, 1000)
    lines = p.blPara.lines
    if p.blPara.kind == 0:
        return ["".join(words) for _, words in lines]
    return ["".join(str(w.text) for w in ln.words) for ln in lines]


@pytest.mark.parametrize("markup", [False, True])
def test_no_single_character_alone_on_the_last_line(markup: bool) -> None:
    from planDesk.core.printing.styles import styles as _styles

    st = _styles().cell
    text = "デジタルの力で高齢者の安全・安心を守る"
    # the width at which the knife would leave 「る」 alone: all but the last character fit
    from planDesk.core.printing.kinsoku import char_widths

    widths = char_widths(text, st.fontName, st.fontSize)
    tight = sum(widths[:-1]) + 0.5
    lines = _issue16_lines(text, tight, markup)
    assert len(lines) == 2 and len(lines[-1]) >= 2, lines
    assert "".join(lines) == text


def test_arrow_and_dash_do_not_begin_a_line() -> None:
    from planDesk.core.printing.kinsoku import char_widths
    from planDesk.core.printing.styles import styles as _styles

    st = _styles().cell
    for text in ("基準値119手続き→実績180手続き", "計画期間の評価—令和五年度の報告"):
        k = text.index("→") if "→" in text else text.index("—")
        width = sum(char_widths(text[:k], st.fontName, st.fontSize)) + 0.5  # the knife cuts before the mark
        lines = _issue16_lines(text, width)
        assert all(not ln.startswith(("→", "—")) for ln in lines), lines


def test_a_short_bracketed_mark_stays_whole() -> None:
    from planDesk.core.printing.kinsoku import char_widths
    from planDesk.core.printing.styles import styles as _styles

    st = _styles().cell
    text = "道路占用手続きのデジタル化【R5新規】"
    k = text.index("新")
    width = sum(char_widths(text[:k], st.fontName, st.fontSize)) + 0.5  # the knife cuts 【R5／新規】
    lines = _issue16_lines(text, width)
    assert any("【R5新規】" in ln for ln in lines), lines


def test_roadmap_labels_leave_no_character_alone() -> None:
    from planDesk.core.roadmap.measure import FontMeasurer
    from planDesk.core.roadmap.text import wrap

    m = FontMeasurer()
    text = "①－２－６ デジタルの力で高齢者の安全・安心を守る"
    width = m.width(text[:-1], "label.initiative") + 0.2  # everything but 「る」 fits
    lines = wrap(text, width, "label.initiative", m, 3)
    assert "".join(lines) == text and len(lines[-1]) >= 2, lines


def test_an_arrow_after_a_space_does_not_begin_a_line() -> None:
    from planDesk.core.printing.kinsoku import char_widths
    from planDesk.core.printing.styles import styles as _styles

    st = _styles().cell
    text = "オンライン化済の手続き数：119手続き → 180手続き → 300手続き"
    k = text.index(" →")
    for extra in (0.5, char_widths(" ", st.fontName, st.fontSize)[0] + 0.5):  # cut at the space, or after it
        width = sum(char_widths(text[:k], st.fontName, st.fontSize)) + extra
        lines = _issue16_lines(text, width)
        assert all(not ln.strip().startswith("→") for ln in lines), lines
        assert "".join(lines).replace(" ", "") == text.replace(" ", "")


def test_shared_label_paragraphs_are_one_object_each_and_their_number_is_bounded(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """JaParagraph.shared gives the label cells every block repeats as one paragraph; a
    plan's own words (a different status heading per initiative) are not kept for ever."""
    from planDesk.core.printing import kinsoku

    table: dict[Any, Any] = {}
    monkeypatch.setattr(kinsoku, "_shared", lambda: table)  # the other tests' labels stay as they are
    st = styles()
    assert JaParagraph.shared("概要", st.label) is JaParagraph.shared("概要", st.label)
    for n in range(kinsoku._SHARED_MAX + 50):
        JaParagraph.shared(f"【見出し{n}】", st.cell_bold)
    assert len(table) <= kinsoku._SHARED_MAX
    past = JaParagraph.shared("【上限の後の見出し】", st.cell_bold)
    assert not getattr(past, "_pd_shared", False)
    assert JaParagraph.shared("【上限の後の見出し】", st.cell_bold) is not past  # a paragraph of its own each time


def test_shared_label_paragraphs_are_one_per_thread() -> None:
    """A shared paragraph keeps its last wrap until painted: two printouts laid out at once
    (the GUI's worker and another thread) each get their own."""
    import threading

    st = styles()
    here = JaParagraph.shared("概要", st.label)
    there: list[JaParagraph] = []
    worker = threading.Thread(target=lambda: there.extend([JaParagraph.shared("概要", st.label),
                                                           JaParagraph.shared("概要", st.label)]))
    worker.start()
    worker.join()
    assert there[0] is there[1] and there[0] is not here
    assert JaParagraph.shared("概要", st.label) is here
