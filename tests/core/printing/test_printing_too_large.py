"""Something that fits on no page and cannot be split is refused with what it is named (the
initiative whose block it is) and the page, in Japanese; the old file stays. Before, any
such printout stopped with 「予期しないエラー」 and reportlab's LayoutError."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from reportlab.platypus import Flowable, KeepTogether

from planDesk.core.errors import UserError
from planDesk.core.printing.document import DocInfo, about, write_pdf
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.styles import styles

INFO = DocInfo("実績報告書", "テスト市アクションプラン", "テスト市", "令和3年度", created=date(2024, 4, 1))


class Tall(Flowable):  # type: ignore[misc]
    """Two A4 pages high and no way to split it."""

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        return aw, 1700.0

    def draw(self) -> None:
        pass


def test_a_block_taller_than_a_page_is_refused_with_its_name(tmp_path: Path) -> None:
    out = tmp_path / "out.pdf"
    out.write_bytes(b"the old printout")
    st = styles()
    story = [about(KeepTogether([JaParagraph.plain("取組 1-1", st.cell)]), "取組 1-1「窓口のオンライン化」"),
             about(KeepTogether([JaParagraph.plain("取組 1-2", st.cell), Tall()]), "取組 1-2「書かない窓口」")]
    with pytest.raises(UserError) as caught:
        write_pdf(out, INFO, story)
    message = str(caught.value)
    assert "取組 1-2「書かない窓口」が 1 ページに収まらず" in message
    assert "ページ目" in message and "LayoutError" not in message
    assert out.read_bytes() == b"the old printout"


def test_what_follows_a_block_is_not_named_after_it(tmp_path: Path) -> None:
    st = styles()
    story = [about(KeepTogether([JaParagraph.plain("取組 1-1", st.cell)]), "取組 1-1「窓口のオンライン化」"),
             Tall()]  # e.g. a glossary entry after the last block
    with pytest.raises(UserError) as caught:
        write_pdf(tmp_path / "out.pdf", INFO, story)
    assert "窓口のオンライン化" not in str(caught.value)
    assert "ある内容が 1 ページに収まらず" in str(caught.value)
