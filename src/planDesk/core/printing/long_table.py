"""A table of any length that splits across pages in linear time, header row repeated.

reportlab's ``Table`` re-measures every remaining row each time it splits at a page end,
so a 4,000-row table takes ten times as long as a 1,000-row one. ``LongTable`` hands
platypus one page's worth of rows at a time: it builds a ``Table`` from the next rows
(doubling the batch until it no longer fits), lets that table split once, and keeps the
rest for the next page. The first batch of a page is a little more than the previous page
took, and the piece measured by ``wrap`` is the one ``split`` cuts (never measured twice).
The header rows are repeated on every page.

Style commands are given per body row (``row_cmds``), so they stay right in every piece.

A reader must not lose their place at a page end (issue 16): each piece after the first
starts on a new page (never a second header further down a page), ``repeat(start)`` names
body rows to print again under the header (e.g. the band of the current top-level group) and
``continued(start, row)`` rewrites the first row of a piece that continues a group (e.g.
「①－２－２（続き）」 in its code cell).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, overload

from reportlab.platypus import Flowable, PageBreak, Table

from planDesk.core.printing.measured_table import CMD_LISTS, NOT_CELL_STYLE, MeasuredTable, copy_style

RowCmds = Callable[[int, int], list[tuple[Any, ...]]]  # (body row index, table row index) → commands
Repeat = Callable[[int], Sequence[int]]  # first body row of a continued piece → body rows to repeat
# (body row index, row, the row's second half after a cut?) → the row as printed atop a page
Continued = Callable[[int, Sequence[Any], bool], Sequence[Any]]

_FIRST_BATCH = 48
_PROBE_LIMIT = 10_000.0  # points: more than any page's frame is tall


class LazyRows(Sequence[list[Any]]):
    """A table's body rows made when the page that shows them is laid out: ``make(i)``
    builds row i (its paragraphs) from what the caller keeps (plain strings), so a table of
    10,000 rows does not hold 30,000 paragraphs for the whole printout. The rows made last
    are kept (a page's piece measures a few rows more than it takes, and the next piece
    starts with them: made and measured once); those far behind are let go."""

    def __init__(self, n: int, make: Callable[[int], list[Any]], keep: int = 512) -> None:
        self._n = n
        self._make = make
        self._keep = keep
        self._made: dict[int, list[Any]] = {}

    def __len__(self) -> int:
        return self._n

    def _row(self, i: int) -> list[Any]:
        row = self._made.get(i)
        if row is None:
            row = self._made[i] = self._make(i)
            if len(self._made) > 2 * self._keep:
                self._made = {k: v for k, v in self._made.items() if k > i - self._keep}
        return row

    @overload
    def __getitem__(self, i: int) -> list[Any]: ...
    @overload
    def __getitem__(self, i: slice) -> list[list[Any]]: ...
    def __getitem__(self, i: int | slice) -> list[Any] | list[list[Any]]:
        if isinstance(i, slice):
            return [self._row(k) for k in range(*i.indices(self._n))]
        if not -self._n <= i < self._n:
            raise IndexError(i)
        return self._row(i % self._n)


def _shareable(styles: list[Any]) -> list[Any]:
    """One body row's cell styles to be shared by every body row of every piece, cells of
    equal style sharing one object (reportlab's ``_drawCell`` then sets the font and colour
    once per run of such cells, as it does for equal ones); [] when reportlab could change
    one of them in place (it moves the padding or alignment of a vertically centred cell
    that it cuts at a page end)."""
    if any(c.valign == "MIDDLE" for c in styles):
        return []
    out: list[Any] = []
    for c in styles:
        same = {k: v for k, v in c.__dict__.items() if k != "name"}
        twin = next((o for o in out if {k: v for k, v in o.__dict__.items() if k != "name"} == same), None)
        out.append(twin if twin is not None else copy_style(c))
    return out


class _PieceStyles:
    """The whole-table commands of a LongTable applied once: every piece (a new ``Table``
    per page and per batch) would otherwise run each command over each of its cells again.
    Valid when each command that sets cell styles covers every row or only header rows —
    then all body rows are styled alike; anything else goes reportlab's way every time."""

    def __init__(self, cmds: Sequence[tuple[Any, ...]], header_rows: int) -> None:
        self.cmds = cmds
        self.header_rows = header_rows
        self.uniform = all(self._uniform(cmd) for cmd in cmds)
        self.made: tuple[list[list[Any]], list[Any], tuple[list[Any], ...]] | None = None
        self.shared_body: list[Any] | None = None  # the body row's styles, shared by every piece ([]: not)

    def _uniform(self, cmd: tuple[Any, ...]) -> bool:
        if cmd[0] in NOT_CELL_STYLE:
            return True
        (_sc, sr), (_ec, er) = cmd[1], cmd[2]
        if not (isinstance(sr, int) and isinstance(er, int)):
            return False
        return (sr == 0 and er == -1) or 0 <= sr <= er < self.header_rows

    def table(self, rows: list[Any], **kw: Any) -> MeasuredTable:
        """A MeasuredTable of ``rows`` styled with the whole-table commands."""
        h = self.header_rows
        made = self.made
        if not self.uniform or (made is None and len(rows) <= h):
            return MeasuredTable(rows, style=list(self.cmds), **kw)
        if made is None:
            table = MeasuredTable(rows, style=list(self.cmds), **kw)
            styled: list[list[Any]] = table.__dict__["_cellStyles"]
            self.made = ([[copy_style(c) for c in row] for row in styled[:h]],
                         [copy_style(c) for c in styled[h]],
                         tuple(list(getattr(table, name)) for name in CMD_LISTS))
            return table
        head, body, lists = made
        cells = [[copy_style(c) for c in row] for row in head]
        shared = self.shared_body
        if shared is None:
            shared = self.shared_body = _shareable(body)
        if shared:  # (a row list each: reportlab may replace a cell's style in a row)
            cells += [list(shared) for _ in range(len(rows) - h)]
        else:
            cells += [[copy_style(c) for c in body] for _ in range(len(rows) - h)]
        table = MeasuredTable(rows, cellStyles=cells, shared_styles=bool(shared), **kw)
        for name, cmds in zip(CMD_LISTS, lists, strict=True):
            setattr(table, name, list(cmds))
        return table


class LongTable(Flowable):  # type: ignore[misc]
    """Rows ``header + body`` with ``cmds`` (whole-table commands) and ``row_cmds``."""

    def __init__(self, header: Sequence[Sequence[Any]], body: Sequence[Sequence[Any]],
                 col_widths: Sequence[float], cmds: Sequence[tuple[Any, ...]],
                 row_cmds: RowCmds | None = None, *, start: int = 0, split_in_row: bool = False,
                 first_row: Sequence[Any] | None = None, repeat: Repeat | None = None,
                 continued: Continued | None = None, batch: int = 0, _styles: _PieceStyles | None = None) -> None:
        super().__init__()
        self.header = list(header)
        self.body = body
        self.col_widths = list(col_widths)
        self.cmds = list(cmds)
        self.row_cmds = row_cmds
        self.start = start
        self.split_in_row = split_in_row
        self.first_row = first_row  # the rest of a row cut in two at the previous page end
        self.repeat = repeat
        self.continued = continued
        # rows repeated at the top of a continued piece (not at the table's start)
        self._lead = [] if (start == 0 and first_row is None) or repeat is None else [
            j for j in repeat(start) if j < start]
        self._styles = _styles if _styles is not None else _PieceStyles(self.cmds, len(self.header))
        self._piece: Table | None = None
        self._stop = start
        self._piece_h = 0.0
        self._piece_w = 0.0
        self._wrapped_in: tuple[float, float] | None = None  # the space the piece was made for
        # rows in the first batch: a little more than the previous page took, so the piece
        # usually overflows the page at once (never fewer rows than that: the doubling goes on)
        self._batch = batch + batch // 4 + 2 if batch > 0 else _FIRST_BATCH

    def _more(self, **kw: Any) -> LongTable:
        """The rest of the table from a later row (same columns, styles and callbacks)."""
        return LongTable(self.header, self.body, self.col_widths, self.cmds, self.row_cmds,
                         split_in_row=self.split_in_row, repeat=self.repeat, continued=self.continued,
                         _styles=self._styles, **kw)

    def _table(self, stop: int) -> Table:
        lead = [self.body[j] for j in self._lead]
        first = len(self.header) + len(lead)
        rows = [*self.header, *lead, *self.body[self.start:stop]]
        if self.first_row is not None:
            rows[first] = self.first_row
        if self.continued is not None and (self.start > 0 or self.first_row is not None) and stop > self.start:
            rows[first] = list(self.continued(self.start, rows[first], self.first_row is not None))
        cmds: list[tuple[Any, ...]] = []
        if self.row_cmds is not None:
            for k, j in enumerate(self._lead):
                cmds += self.row_cmds(j, len(self.header) + k)
            offset = first - self.start
            for i in range(self.start, stop):
                cmds += self.row_cmds(i, i + offset)
        # the whole-table commands first, then the rows' (the order reportlab applies them in)
        table = self._styles.table(rows, colWidths=self.col_widths, repeatRows=len(self.header),
                                   splitInRow=1 if self.split_in_row else 0)
        if cmds:
            table.setStyle(cmds)
        return table

    def wrap(self, aw: float, ah: float) -> tuple[float, float]:
        n = len(self.body)
        if self._piece is not None and self._wrapped_in == (aw, ah):
            w, h = self._piece_w, self._piece_h  # platypus wraps again before split: same piece
            return (w, h) if self._stop >= n else (w, max(h, ah + 1))
        stop = min(n, self.start + self._batch)
        # KeepTogether (a heading with keepWithNext before the table) asks with "unlimited"
        # space to learn whether the group fits: taller than any page is answer enough —
        # measuring all 10,000 rows for it took longer than laying the table out.
        limit = min(ah, _PROBE_LIMIT)
        while True:
            table = self._table(stop)
            w, h = table.wrap(aw, ah)
            if h > limit or stop >= n:
                break
            stop = min(n, self.start + 2 * (stop - self.start))
        self._piece, self._stop, self._piece_h, self._piece_w = table, stop, h, w
        self._wrapped_in = (aw, ah)
        self.width, self.height = w, h
        # Taller than the space (or more rows to come): platypus will call split.
        return (w, h) if stop >= n else (w, max(h, ah + 1))

    def split(self, aw: float, ah: float) -> list[Flowable]:
        self.wrap(aw, ah)
        assert self._piece is not None
        n = len(self.body)
        if self._piece_h <= ah and self._stop >= n:
            return [self._piece]
        if self._piece_h <= ah:  # all rows of this batch fit, more rows follow
            parts = [self._piece]
            consumed = self._stop - self.start
        else:
            parts = self._piece.split(aw, ah)
            if not parts:
                return []
            consumed = len(parts[0]._cellvalues) - len(self.header) - len(self._lead)
            if consumed <= 0 and self.split_in_row:
                # Only the header and the repeated rows fit above a row taller than the rest
                # of the page (reportlab's split between rows "succeeds" there): cut that row.
                parts = self._piece._splitRows(ah, doInRowSplit=1) or parts
                consumed = len(parts[0]._cellvalues) - len(self.header) - len(self._lead)
            if len(parts) > 1 and self.split_in_row and consumed > 0:
                rest_rows = parts[1]._cellvalues[len(self.header):]
                if len(rest_rows) > self._stop - self.start - consumed:
                    # the last row was cut in two (it is in both parts): its second half
                    # leads the next page
                    return [parts[0], PageBreak(),
                            self._more(start=self.start + consumed - 1, first_row=rest_rows[0],
                                       batch=consumed)]
        if consumed <= 0:
            return []
        # the rest on a page of its own: platypus would otherwise put it (header and all)
        # in whatever space is left under this piece
        rest = self._more(start=self.start + consumed, batch=consumed)
        return [parts[0], PageBreak(), rest] if self.start + consumed < n else [parts[0]]

    def draw(self) -> None:
        assert self._piece is not None
        self._piece.drawOn(self.canv, 0, 0)
