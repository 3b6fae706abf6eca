"""The page furniture every printout shares.

``PrintDocument`` is a platypus document with page templates for A4 portrait, A4 landscape
and A3 landscape (switch with ``NextPageTemplate("A4L")``) plus an unadorned cover; every
other page carries a header (plan name | document title and cycle) and a footer
("n / N" and 作成日 in 和暦). The total page count is a PDF form XObject drawn on every
page and defined once at the end, so the document is laid out in one pass. Flowables made
with ``outlined(...)`` become PDF bookmarks. Title, author, subject and /Lang ja are set.
Memory stays nearly flat in the page count: the story is drawn from a generator as layout
goes, each finished page's content stream waits in a temporary file, and the file is
written object by object (pdf_stream).
"""

from __future__ import annotations

import gc
import logging
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import IO, Any

from reportlab import rl_config
from reportlab.lib.pagesizes import A3, A4, landscape
from reportlab.lib.units import mm
from reportlab.pdfbase.pdfdoc import PDFArray, PDFBase85Encode, PDFName, PDFStream, PDFZCompress
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, PageTemplate
from reportlab.platypus.doctemplate import LayoutError

from planDesk import __version__
from planDesk.core.atomic import atomic_path
from planDesk.core.domain.fiscal import format_date_wareki
from planDesk.core.errors import UserError
from planDesk.core.printing.kinsoku import JaParagraph
from planDesk.core.printing.pdf_stream import SpooledStream, StreamingCanvas
from planDesk.core.printing.styles import MUTED, RULE, styles

PAPER: dict[str, tuple[float, float]] = {
    "A4": A4,
    "A4L": landscape(A4),
    "A3L": landscape(A3),
}
COVER = "cover"
_log = logging.getLogger(__name__)
_TOTAL_FORM = "pdTotalPages"
_MARGIN_X = 18 * mm
_MARGIN_TOP = 20 * mm
_MARGIN_BOTTOM = 17 * mm


@dataclass(frozen=True)
class DocInfo:
    """What the header, footer and PDF metadata say about a printout."""

    title: str  # e.g. 実績報告書 (also the PDF title, after the plan name)
    plan_name: str
    author: str  # the municipality
    cycle: str  # e.g. 令和3年度, or the plan's revision for the booklet
    subject: str = ""
    created: date = field(default_factory=date.today)


def outlined(flowable: Flowable, title: str, level: int) -> Flowable:
    """Mark ``flowable`` as a bookmark target (level 0 = top of the outline)."""
    flowable.outline_entry = (title, level)
    return flowable


def about(flowable: Flowable, subject: str) -> Flowable:
    """Say what ``flowable`` prints (「取組事項 1-1-1「…」」): named to the user if it cannot be
    laid out (a page's worth that cannot be split)."""
    flowable.pd_subject = subject
    return flowable


def paragraphs(text: str, style: Any) -> list[Flowable]:
    """One paragraph per non-empty line of ``text`` (plain text, no markup)."""
    return [JaParagraph.plain(line, style) for line in text.split("\n") if line.strip()]


def frame_width(paper: str) -> float:
    return float(PAPER[paper][0] - 2 * _MARGIN_X)


def frame_height(paper: str) -> float:
    return float(PAPER[paper][1] - _MARGIN_TOP - _MARGIN_BOTTOM)


class _LazyStory(list[Flowable]):
    """The story as reportlab's ``build`` consumes it (``len``, ``[0]``, ``del [0]``, inserts),
    drawn from an iterator a few flowables ahead: a long printout is never all in memory,
    and what is drawn is freed. ``build`` looks at most a run of keep-with-next flowables
    ahead, far fewer than ``_AHEAD``."""

    _AHEAD = 64

    def __init__(self, items: Iterable[Flowable]) -> None:
        super().__init__()
        self._rest: Iterator[Flowable] | None = iter(items)
        self._fill()

    def _fill(self) -> None:
        rest = self._rest
        if rest is None:
            return
        need = self._AHEAD - list.__len__(self)
        while need > 0:
            item = next(rest, None)
            if item is None:
                self._rest = None
                return
            self.append(item)
            need -= 1

    def __len__(self) -> int:
        if list.__len__(self) < self._AHEAD:
            self._fill()
        return list.__len__(self)

    def __getitem__(self, key: Any) -> Any:
        if list.__len__(self) < self._AHEAD:
            self._fill()
        return list.__getitem__(self, key)


class PrintDocument(BaseDocTemplate):  # type: ignore[misc]
    """A platypus document with planDesk's page furniture, bookmarks and metadata."""

    def __init__(self, filename: str, info: DocInfo, *, paper: str = "A4", cover: bool = False) -> None:
        self.info = info
        self.pages = 0
        self._outline_level = -1
        self._outline_count = 0
        super().__init__(
            filename,
            pagesize=PAPER[paper],
            title=f"{info.plan_name} {info.title}".strip(),
            author=info.author,
            subject=info.subject or info.title,
            creator=f"planDesk {__version__}",
            lang="ja",
            # reportlab starts every page in Helvetica, an unembedded font: start in ours.
            initialFontName=styles().gothic, initialFontSize=9,
            leftMargin=_MARGIN_X, rightMargin=_MARGIN_X,
            topMargin=_MARGIN_TOP, bottomMargin=_MARGIN_BOTTOM,
            showBoundary=0,
        )
        templates = [self._template(name, size, furniture=True) for name, size in PAPER.items()]
        cover_tpl = self._template(COVER, PAPER[paper], furniture=False)
        cover_tpl.autoNextPageTemplate = paper  # the page after the cover has furniture
        # The first template in the list is where the document starts.
        first = [t for t in templates if t.id == paper]
        rest = [t for t in templates if t.id != paper]
        self.addPageTemplates(([cover_tpl] if cover else []) + first + rest + ([] if cover else [cover_tpl]))
        self.setPageCallBack(self._page_done)
        self._spool: IO[bytes] | None = None

    def _page_done(self, page_number: int) -> None:
        """Encode the finished page's content stream now, as ``save`` would (same filters,
        same bytes), and put it in the spool file: memory does not grow with the page count."""
        page = self.canv._doc.Pages.pages[-1]
        content = page.stream
        if page.Contents or not content or not page.compression:
            return
        filters = [PDFBase85Encode, PDFZCompress] if rl_config.useA85 else [PDFZCompress]
        names: list[Any] = []
        for f in reversed(filters):  # as PDFStream.format applies them
            content = f.encode(content)
            names.insert(0, PDFName(f.pdfname))
        stream: PDFStream = SpooledStream(self._spool, content) if self._spool is not None else PDFStream(
            content=content)
        stream.dictionary["Filter"] = PDFArray(names)
        stream.__Comment__ = "page stream"
        page.Contents = stream
        page.stream = None

    def _template(self, name: str, size: tuple[float, float], *, furniture: bool) -> PageTemplate:
        w, h = size
        frame = Frame(_MARGIN_X, _MARGIN_BOTTOM, w - 2 * _MARGIN_X, h - _MARGIN_TOP - _MARGIN_BOTTOM,
                      leftPadding=0, rightPadding=0, topPadding=0, bottomPadding=0, id=f"{name}-body")
        return PageTemplate(id=name, frames=[frame], pagesize=size,
                            onPage=self._furniture if furniture else self._count_only)

    def _count_only(self, canv: Any, doc: Any) -> None:
        self.pages = canv.getPageNumber()

    def _furniture(self, canv: Any, doc: Any) -> None:
        self.pages = canv.getPageNumber()
        st = styles()
        w, h = canv._pagesize
        info = self.info
        canv.saveState()
        canv.setFillColor(MUTED)
        canv.setFont(st.gothic, 8)
        y_head = h - 12 * mm
        canv.drawString(_MARGIN_X, y_head, info.plan_name)
        canv.drawRightString(w - _MARGIN_X, y_head, f"{info.title}　{info.cycle}".strip())
        canv.setStrokeColor(RULE)
        canv.setLineWidth(0.5)
        canv.line(_MARGIN_X, y_head - 2.5 * mm, w - _MARGIN_X, y_head - 2.5 * mm)
        y_foot = 9 * mm
        canv.setFont(st.gothic, 9)
        canv.drawRightString(w / 2, y_foot, f"{canv.getPageNumber()} / ")
        canv.translate(w / 2, y_foot)
        canv.doForm(_TOTAL_FORM)
        canv.translate(-w / 2, -y_foot)
        canv.setFont(st.gothic, 8)
        canv.drawRightString(w - _MARGIN_X, y_foot, f"作成日 {format_date_wareki(info.created)}")
        canv.restoreState()

    def handle_flowable(self, flowables: list[Flowable]) -> None:  # reportlab's name
        """reportlab's, but a flowable that fits on no page (reportlab's LayoutError) is
        refused with what it prints named (``about``): the flowable's own, or that of the
        block it was taken from; anything else is not named after the block before it."""
        first = flowables[0] if flowables else None
        subject = getattr(first, "pd_subject", None)
        parts = getattr(first, "_content", None)  # a KeepTogether: what it puts back if split
        if subject is not None and isinstance(parts, list):
            for part in parts:
                if getattr(part, "pd_subject", None) is None:
                    part.pd_subject = subject
        self._subject = subject
        try:
            super().handle_flowable(flowables)
        except LayoutError as exc:
            what = getattr(self, "_subject", None)
            _log.warning("too large to lay out (%s): %s", what, exc)
            raise UserError(
                f"{what or 'ある内容'}が 1 ページに収まらず、分けることもできないため、"
                f"PDF を作れませんでした（{self.page} ページ目）。",
                hint="その内容（文章・工程・指標など）を短くするか分けてから、もう一度書き出してください。",
            ) from exc

    def afterFlowable(self, flowable: Flowable) -> None:  # reportlab's name
        entry = getattr(flowable, "outline_entry", None)
        if entry is None:
            return
        title, level = entry
        level = max(0, min(level, self._outline_level + 1))  # the outline may not skip a level
        self._outline_level = level
        self._outline_count += 1
        key = f"o{self._outline_count}"
        top = self.frame._y + getattr(flowable, "height", 0) + 6
        self.canv.bookmarkHorizontal(key, 0, top)
        self.canv.addOutlineEntry(title, key, level=level, closed=level >= 1)

    def render(self, flowables: Iterable[Flowable]) -> int:
        """Lay out and save the document; returns the number of pages. ``flowables`` is
        consumed as layout goes (a generator keeps memory flat in the document's length)."""
        self._doSave = 0
        # What exists now (the loaded plan: hundreds of MB on a large plan) lives through the
        # whole layout: keep it out of the cyclic GC's full collections, which would otherwise
        # scan it again and again while thousands of pages' objects come and go.
        gc.freeze()
        # The pages' finished content streams wait in a temporary file until ``save`` writes
        # them into the PDF one by one (StreamingCanvas): neither the pages nor the file are
        # ever whole in memory.
        with tempfile.TemporaryFile(prefix="planDesk-pages-") as spool:
            self._spool = spool
            try:
                self.build(_LazyStory(flowables), canvasmaker=StreamingCanvas)
            finally:
                gc.unfreeze()
            canv = self.canv
            canv.beginForm(_TOTAL_FORM)
            canv.setFont(styles().gothic, 9)
            canv.setFillColor(MUTED)
            canv.drawString(0, 0, str(self.pages))
            canv.endForm()
            canv.showOutline()
            canv.save()
            self._spool = None
        return self.pages


def write_pdf(out: Path, info: DocInfo, flowables: Iterable[Flowable], *, paper: str = "A4",
              cover: bool = False) -> int:
    """Write a printout atomically (the old file stays until the new one is complete)."""
    pages = 0
    with atomic_path(out) as tmp:
        pages = PrintDocument(str(tmp), info, paper=paper, cover=cover).render(flowables)
    return pages
