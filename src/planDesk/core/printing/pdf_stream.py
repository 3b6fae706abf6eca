"""Writing a reportlab PDF without holding it in memory (issue 17: a 30,000-initiative
booklet is ~16,000 pages and 66 MB of PDF).

reportlab keeps every finished page until ``save``, then formats every object into a list
of byte strings and joins them into one more copy of the file before writing it. Here:

- ``SpooledStream`` is a page's content stream, already encoded, whose bytes wait in a
  temporary file until ``save`` formats it;
- ``StreamingCanvas.save`` runs reportlab's own formatting (the same objects, numbers,
  order and bytes) but writes each object to the file as it is formatted.

Both rely on reportlab internals named below; tests/core/printing/test_printing_stream.py
compares the bytes with reportlab's ordinary ``save`` so that an upgrade that breaks them
fails a test instead of a printout.
"""

from __future__ import annotations

import os
from typing import IO, Any

from reportlab.pdfbase.pdfdoc import PDFDocument, PDFStream
from reportlab.pdfgen.canvas import Canvas


class SpooledStream(PDFStream):  # type: ignore[misc]
    """A stream whose content (bytes, filters applied and named in its dictionary by the
    caller) is kept in ``spool`` from now until it is formatted."""

    content: bytes | str | None  # only while ``format`` runs

    def __init__(self, spool: IO[bytes], content: bytes | str) -> None:
        super().__init__()
        # ASCII85 (reportlab's default outer filter) gives text: kept as its latin-1 bytes,
        # given back as text so that reportlab formats exactly what it would have.
        self._text = isinstance(content, str)
        data = content.encode("latin-1") if isinstance(content, str) else content
        spool.seek(0, os.SEEK_END)
        self._spool = spool
        self._at = spool.tell()
        self._size = len(data)
        spool.write(data)

    def format(self, document: Any) -> bytes:
        self._spool.seek(self._at)
        data = self._spool.read(self._size)
        self.content = data.decode("latin-1") if self._text else data
        try:
            formatted: bytes = super().format(document)
        finally:
            self.content = None
        return formatted


class _StreamingDocument(PDFDocument):  # type: ignore[misc]
    """reportlab's PDFDocument whose ``format`` writes to ``_sink`` as it goes.

    ``PDFDocument.format`` makes its output collector (a ``PDFFile``) and assigns it to
    ``self.__accum__`` before formatting the first object; this property catches that
    assignment and points the collector's ``write`` at the file. ``PDFFile.add`` keeps the
    offsets for the cross-reference table itself; what ``format`` finally joins and
    returns is then empty."""

    _sink: IO[bytes]

    @property
    def __accum__(self) -> Any:
        return self.__dict__["_accum"]

    @__accum__.setter
    def __accum__(self, collector: Any) -> None:
        sink = self._sink
        for chunk in collector.strings:  # the header, added when the collector was made
            sink.write(chunk)
        collector.strings = []
        collector.write = sink.write
        self.__dict__["_accum"] = collector
        self.__dict__["_streamed"] = True

    @__accum__.deleter
    def __accum__(self) -> None:
        del self.__dict__["_accum"]


class StreamingCanvas(Canvas):  # type: ignore[misc]
    """A canvas whose ``save`` writes the PDF object by object (same bytes as Canvas.save)."""

    def save(self) -> None:
        if len(self._code):
            self.showPage()  # as Canvas.save
        doc = self._doc
        doc.__class__ = _StreamingDocument
        target = self._filename
        with open(target, "wb") as out:
            doc._sink = out
            rest = doc.GetPDFData(self)
            if not doc.__dict__.get("_streamed"):  # a reportlab that collects its output otherwise
                out.write(rest)
            elif rest:
                raise RuntimeError("reportlab returned PDF data that was not written as formatted")
