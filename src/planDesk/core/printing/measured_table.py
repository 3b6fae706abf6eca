"""A reportlab ``Table`` that measures its cells once per width.

reportlab's ``Table`` measures every cell again each time it is asked: ``wrap`` and
``split`` each run ``_calc`` (a booklet block is wrapped by ``KeepTogether`` to see whether
it fits, then by the frame, then split when a ``LongTable`` piece is cut), and ``draw``
wraps every cell's flowables once more to place them. With fixed column widths and cells of
paragraphs, nested tables and drawings — whose size depends on the width only — the answers
do not change: ``MeasuredTable`` keeps them. The output is the same as ``Table``'s.
"""

from __future__ import annotations

from typing import Any

from reportlab.platypus import Table
from reportlab.platypus.tables import CellStyle, _ExpandedCellTuple

from planDesk.core.printing.kinsoku import JaParagraph

# reportlab's command lists that setStyle fills (besides each cell's CellStyle)
CMD_LISTS = ("_bkgrndcmds", "_linecmds", "_spanCmds", "_nosplitCmds", "_srflcmds", "_sircmds")
# style commands that go to those lists, not into the cells' CellStyles
NOT_CELL_STYLE = frozenset(("BACKGROUND", "ROWBACKGROUNDS", "COLBACKGROUNDS", "SPAN", "NOSPLIT", "ROUNDEDCORNERS",
                            "GRID", "BOX", "OUTLINE", "INNERGRID", "LINEBELOW", "LINEABOVE", "LINEBEFORE",
                            "LINEAFTER"))
_ALIGNMENTS = frozenset(("LEFT", "RIGHT", "CENTRE", "CENTER"))
_VALIGNS = frozenset(("TOP", "BOTTOM", "MIDDLE"))
# (style_key, rows, columns) → the cell styles and command lists setStyle made for that shape
_styled: dict[tuple[str, int, int], tuple[list[list[Any]], tuple[list[Any], ...]]] = {}


def copy_style(style: Any) -> Any:
    """A copy of a cell's style (reportlab changes some in place when it splits a row)."""
    new = object.__new__(CellStyle)
    new.__dict__ = style.__dict__.copy()
    return new


class MeasuredTable(Table):  # type: ignore[misc]
    """``Table`` with ``_calc`` and each cell's geometry remembered for the last width.

    ``style_key`` names a style list that is always the same for that key (the booklet's
    blocks): its commands are applied once per table shape, and later tables of that key
    and shape take the result (reportlab's ``setStyle`` runs every command over every cell
    of every table otherwise)."""

    def __init__(self, data: Any, *args: Any, style_key: str | None = None, shared_styles: bool = False,
                 **kw: Any) -> None:
        self._pd_style_key = style_key
        # the cellStyles given are shared between cells (and tables): copied before a
        # command could change one of them in place
        self._pd_shared = shared_styles
        super().__init__(data, *args, **kw)

    def setStyle(self, tblstyle: Any) -> None:  # reportlab's names
        if self.__dict__.get("_pd_shared") and any(
                cmd[0] not in NOT_CELL_STYLE
                for cmd in (tblstyle if isinstance(tblstyle, list | tuple) else tblstyle.getCommands())):
            self._cellStyles = [[copy_style(c) for c in row] for row in self.__dict__["_cellStyles"]]
            self._pd_shared = False
        key = self.__dict__.get("_pd_style_key")
        self._pd_style_key = None  # only the style given to the constructor
        if key is None or not isinstance(tblstyle, list | tuple):
            super().setStyle(tblstyle)
            return
        shape = (key, self._nrows, self._ncols)
        got = _styled.get(shape)
        if got is None:
            super().setStyle(tblstyle)
            if not (self._srflcmds or self._sircmds or hasattr(self, "spaceBefore") or hasattr(self, "spaceAfter")):
                made: list[list[Any]] = self.__dict__["_cellStyles"]
                _styled[shape] = ([[copy_style(c) for c in row] for row in made],
                                  tuple(list(getattr(self, name)) for name in CMD_LISTS))
            return
        cells, lists = got
        self._cellStyles = [[copy_style(c) for c in row] for row in cells]
        for name, cmds in zip(CMD_LISTS, lists, strict=True):
            setattr(self, name, list(cmds))

    def _calc(self, availWidth: float, availHeight: float) -> None:  # reportlab's names
        done = self.__dict__.get("_pd_calc")
        # A table measured in full (every row's height known) needs no second measurement at
        # the same width; one cut short by reportlab's long-table optimisation does.
        if done is not None and done[0] == availWidth and (
                done[1] == availHeight or self._hmax == len(self._cellvalues)):
            return
        super()._calc(availWidth, availHeight)
        self._pd_calc = (availWidth, availHeight)

    def _cellListProcess(self, v: Any, aW: Any, aH: Any) -> Any:  # reportlab's names
        # a cell of plain paragraphs (or none) is the tuple reportlab would make of it
        if type(v) is _ExpandedCellTuple:
            return v
        if type(v) is list:
            for c in v:
                if type(c) is not JaParagraph:
                    break
            else:
                return _ExpandedCellTuple(v)
        return super()._cellListProcess(v, aW, aH)

    def _drawCell(self, cellval: Any, cellstyle: Any, pos: Any, size: Any) -> None:  # reportlab's names
        # reportlab's own steps for the common cell — paragraphs (or none), no link — without
        # its generic checks: the same operators in the same order
        if (type(cellval) is not _ExpandedCellTuple or cellstyle.href or cellstyle.destination
                or cellstyle.alignment not in _ALIGNMENTS or cellstyle.valign not in _VALIGNS):
            super()._drawCell(cellval, cellstyle, pos, size)
            return
        canv = self.canv
        cur: Any = self.__dict__.get("_curcellstyle")
        if cur is not cellstyle:  # the cell's colour and font, as reportlab sets them
            if cur is None or cellstyle.color != cur.color:
                canv.setFillColor(cellstyle.color)
            if (cur is None or cellstyle.leading != cur.leading or cellstyle.fontname != cur.fontname
                    or cellstyle.fontsize != cur.fontsize):
                canv.setFont(cellstyle.fontname, cellstyle.fontsize, cellstyle.leading)
            self._curcellstyle = cellstyle
        if not cellval:
            return
        colpos, rowpos = pos
        colwidth, rowheight = size
        W: list[float] = []
        H: list[float] = []
        _, h = self._listCellGeom(cellval, colwidth, cellstyle, W=W, H=H, aH=rowheight)
        valign = cellstyle.valign
        if valign == "TOP":
            y = rowpos + rowheight - cellstyle.topPadding
        elif valign == "BOTTOM":
            y = rowpos + cellstyle.bottomPadding + h
        else:
            y = rowpos + (rowheight + cellstyle.bottomPadding - cellstyle.topPadding + h) / 2.0
        y += cellval[0].getSpaceBefore()
        just = cellstyle.alignment
        for v, w, vh in zip(cellval, W, H, strict=False):
            if just == "LEFT":
                x = colpos + cellstyle.leftPadding
            elif just == "RIGHT":
                x = colpos + colwidth - cellstyle.rightPadding - w
            else:
                x = colpos + (colwidth + cellstyle.leftPadding - cellstyle.rightPadding - w) / 2.0
            y -= v.getSpaceBefore()
            y -= vh
            v.drawOn(canv, x, y)
            y -= v.getSpaceAfter()

    def _listCellGeom(self, V: Any, w: float, s: Any, W: list[float] | None = None,
                      H: list[float] | None = None, aH: float = 72000) -> Any:
        if not V:
            return 0, 0
        if isinstance(V, str):
            return super()._listCellGeom(V, w, s, W, H, aH)
        # Kept on the cell's first flowable, so that it outlives this table: a long table's
        # rows are measured by the piece that overflows a page, by the part it is split into
        # and again atop the next page's piece (the same flowables, the same widths).
        held = getattr(V[0], "__dict__", None)
        # (a table with spans draws each cell at the difference of two column positions,
        # a width a few units in the 15th digit off the one it was measured at: the same)
        key = (round(w, 9), s.leftPadding, s.rightPadding, s.topPadding, s.bottomPadding)
        got = None
        if held is not None:
            mine = held.get("_pd_cell")
            # (the other flowables of the cell, not the first: holding itself would make a
            # reference cycle, and every drawn cell would wait for the cyclic GC to go)
            if mine is not None and mine[0] == key and len(mine[1]) == len(V) - 1 and (
                    len(V) == 1 or all(a is b for a, b in zip(mine[1], V[1:], strict=True))):
                got = mine[2]
        if got is None:
            widths: list[float] = []
            heights: list[float] = []
            cw, ch = super()._listCellGeom(V, w, s, widths, heights, aH)
            got = (cw, ch, tuple(widths), tuple(heights))
            if held is not None:
                held["_pd_cell"] = (key, tuple(V[1:]), got)
        if W is not None:
            W.extend(got[2])
        if H is not None:
            H.extend(got[3])
        return got[0], got[1]
