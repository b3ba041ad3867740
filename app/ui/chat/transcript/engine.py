"""A scroll area that lays out only the rows in or near its viewport.

The content is a flat list of :class:`Row`\\ s (a message is a few: its header, the parts of
its text, its actions). Each row has a height — measured when it was last shown, else an
estimate — and the rows' tops are running sums of those heights, so finding what is in view
is a bisection. Rows in the viewport, or within NEAR viewports of it, get a widget (made by
the subclass, :meth:`RowArea.make`) laid out at the column's width; rows beyond KEEP
viewports give theirs back. A conversation of a thousand messages thus costs a few dozen
widgets and the layout of what is seen. Rows up to AHEAD viewports further are prepared
(:meth:`RowArea.prepare`: a message's markdown rendered) in idle time, a few milliseconds
per pass of the loop, scroll direction first, so scrolling meets them ready.

Heights change as rows are shown (an estimate becomes a measure) and as an answer streams.
Whatever changes, the row at the top of the viewport stays where it is on screen (the
anchor), unless the view follows the bottom — it does while the user has not scrolled up
from it, so a streaming answer stays in sight.

Threading: GUI thread only.
"""

from __future__ import annotations

import time
from bisect import bisect_left, bisect_right
from itertools import accumulate
from typing import Any

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QPalette, QResizeEvent, QTextDocument
from PySide6.QtWidgets import QAbstractScrollArea, QWidget

from app.ui.runtime import gc_guard

NEAR = 0.5          # viewports above and below the visible part that are laid out too
KEEP = 2.0          # viewports beyond which a row's widget is given back
AHEAD = 3.0         # viewports beyond those whose rows are prepared in idle time
AHEAD_BUDGET_S = 0.004  # of preparing per pass of the loop
MAX_COLUMN = 820    # px: the text column never gets wider (lines stay readable)
SIDE = 18           # px: the least room left and right of the column
FOLLOW_SLACK = 24   # px from the bottom that still counts as "at the bottom"
HEAD_ROOM = 14      # px above a message's header: messages read as separate


class Row:
    """One row: its kind, what it shows (``entry``, ``part``), its height (measured at
    ``width``; 0: an estimate), its widget while it has one, its index in the list."""

    __slots__ = ("kind", "entry", "part", "height", "width", "widget", "index", "plain")

    def __init__(self, kind: str, entry: Any = None, part: Any = None, height: int = 0) -> None:
        self.kind, self.entry, self.part, self.height = kind, entry, part, height
        self.width = 0
        self.widget: QWidget | None = None
        self.index = 0
        self.plain: str | None = None  # plain text, once asked for


class RowArea(QAbstractScrollArea):
    """The engine; the transcript subclasses it (make, measure, estimate, pinned)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._tops: list[int] = [0]
        self._dirty: int | None = None
        self._live: list[Row] = []
        self._follow = True
        self._quiet = False      # the scroll bar is being moved by the engine itself
        self._syncing = False
        self._anchor: list[Any] | None = None  # [row, offset] while syncing
        self._last_value = 0
        self._sync_timer = QTimer(self, singleShot=True, interval=0)
        self._sync_timer.timeout.connect(self.sync)
        self._ahead_timer = QTimer(self, singleShot=True, interval=0)
        self._ahead_timer.timeout.connect(self._prepare_ahead)
        self._downward = True  # the last scroll went down
        bar = self.verticalScrollBar()
        bar.setSingleStep(40)
        bar.valueChanged.connect(self._scrolled)
        self.viewport().setBackgroundRole(QPalette.ColorRole.Base)
        self.viewport().setAutoFillBackground(True)

    # ----- for the subclass --------------------------------------------------------------

    def make(self, row: Row) -> QWidget:
        raise NotImplementedError

    def measure(self, row: Row, width: int) -> int:
        """The height of ``row``'s widget laid out ``width`` pixels wide."""
        return int(row.widget.height_for(width))  # type: ignore[union-attr]

    def estimate(self, row: Row, width: int) -> int:
        return row.height or 40

    def expand(self, row: Row) -> list[Row] | None:
        """Rows to show instead of a placeholder row about to come into view (None: it is
        shown as it is)."""
        return None

    def prepare(self, row: Row) -> bool:
        """Do now, in idle time, what showing ``row`` will need; False if nothing was to do."""
        return False

    def pinned(self, row: Row) -> bool:
        """Whether ``row`` keeps its widget out of view (focus, a selection)."""
        return False

    def released(self, row: Row, widget: QWidget) -> None:
        """``row`` gave ``widget`` back (it is about to be deleted)."""

    # ----- the rows ----------------------------------------------------------------------

    @property
    def rows(self) -> list[Row]:
        return self._rows

    def column(self) -> tuple[int, int]:
        """The text column's left edge and width in the viewport."""
        width = self.viewport().width()
        column = max(120, min(MAX_COLUMN, width - 2 * SIDE))
        return max(0, (width - column) // 2), column

    def insert_rows(self, index: int, rows: list[Row]) -> None:
        width = self.column()[1]
        for row in rows:
            if not row.width:
                row.height = self.estimate(row, width)
        self._rows[index:index] = rows
        self._touch(index)

    def remove_rows(self, index: int, count: int) -> None:
        for row in self._rows[index:index + count]:
            self._release(row)
        del self._rows[index:index + count]
        self._touch(index)

    def clear_rows(self) -> None:
        for row in list(self._live):
            self._release(row)
        self._rows, self._tops, self._dirty = [], [0], None

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:  # a new text size (Settings)
            self.refont()

    def refont(self) -> None:
        """Rows were made with the old font: release them (they are made again, in the new
        font, when shown) and measure every row anew."""
        for row in list(self._live):
            if not self.pinned(row):
                self._release(row)
        width = self.column()[1]
        for row in self._rows:
            row.plain = None
            if row.widget is None:
                row.width, row.height = 0, self.estimate(row, width)
            else:  # pinned (streaming): its documents take the new font in place
                for document in row.widget.findChildren(QTextDocument):
                    document.setDefaultFont(self.font())
                row.width, row.height = width, self.measure(row, width)
        self._touch(0)
        self.request_sync()

    def changed(self, row: Row) -> None:
        """``row``'s content changed: measure it again (now if it has a widget)."""
        row.plain = None
        width = self.column()[1]
        if row.widget is not None:
            height = self.measure(row, width)
            row.width = width
        else:
            row.width, height = 0, self.estimate(row, width)
        if height != row.height:
            row.height = height
            self._touch(row.index if row.index < len(self._rows)
                        and self._rows[row.index] is row else 0)

    def _touch(self, index: int) -> None:
        self._dirty = index if self._dirty is None else min(self._dirty, index)

    def tops(self) -> list[int]:
        """Each row's top, and the total height last (recomputed where it went stale)."""
        start = self._dirty
        if start is not None:
            rows = self._rows
            for i in range(start, len(rows)):
                rows[i].index = i
            del self._tops[start + 1:]
            self._tops.extend(accumulate((row.height for row in rows[start:]),
                                         initial=self._tops[start]))
            del self._tops[start + 1]  # accumulate repeats the initial value
            self._dirty = None
        return self._tops

    def top_of(self, row: Row) -> int:
        return self.tops()[row.index]

    # ----- scrolling ---------------------------------------------------------------------

    @property
    def following(self) -> bool:
        return self._follow

    def follow_bottom(self) -> None:
        self._follow = True
        self.request_sync()

    def scroll_to_y(self, y: int) -> None:
        """Put ``y`` (content coordinates) at the top of the viewport; stop following."""
        self._follow = False
        self._set_value(y)
        self.sync()

    def request_sync(self) -> None:
        """Sync at the end of this pass of the loop (changes come in bursts)."""
        if not self._sync_timer.isActive():
            self._sync_timer.start()

    def _scrolled(self, value: int) -> None:
        if self._quiet:
            return
        bar = self.verticalScrollBar()
        self._follow = value >= bar.maximum() - FOLLOW_SLACK
        self._downward = value >= self._last_value
        gc_guard.activity()  # no full garbage collection in the middle of a scroll
        self.sync()

    def _set_value(self, value: int) -> None:
        self._quiet = True
        try:
            self._update_range()
            self.verticalScrollBar().setValue(value)
        finally:
            self._quiet = False

    def _update_range(self) -> None:
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        bar.setPageStep(max(1, height))
        bar.setRange(0, max(0, self.tops()[-1] - height))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self.sync()

    # ----- laying out --------------------------------------------------------------------

    def sync(self) -> None:
        """Give widgets to the rows in or near view (laid out at the column's width), take
        them back from rows far away, keep the anchor, and place everything."""
        if self._syncing:
            return
        self._syncing = True
        self._sync_timer.stop()
        try:
            self._anchor = None if self._follow else self._find_anchor()
            width = self.column()[1]
            for _ in range(40):  # each pass may change heights and so what is in view
                changed = self._show_near(width)
                self._keep_anchor()
                if not changed:
                    break
            self._release_far()
            self._place()
        finally:
            self._syncing = False
            self._anchor = None
        if not self._ahead_timer.isActive():
            self._ahead_timer.start()

    def _prepare_ahead(self) -> None:
        """Prepare rows beyond the laid-out ones, scroll direction first, within a budget;
        come back on the next pass of the loop while some are left."""
        started = time.perf_counter()
        low, high = self._window(AHEAD)
        near_low, near_high = self._window(NEAR)
        below = range(near_high, high)
        above = range(near_low - 1, low - 1, -1)
        for index in [*below, *above] if self._downward else [*above, *below]:
            if self.prepare(self._rows[index]) and \
                    time.perf_counter() - started > AHEAD_BUDGET_S:
                self._ahead_timer.start()
                return

    def _find_anchor(self) -> list[Any] | None:
        tops = self.tops()
        if not self._rows:
            return None
        y = self.verticalScrollBar().value()
        index = max(0, min(len(self._rows) - 1, bisect_right(tops, y) - 1))
        return [self._rows[index], y - tops[index]]

    def _keep_anchor(self) -> None:
        if self._follow:
            self._set_value(self.tops()[-1])  # clamped to the bottom
            return
        value = self.verticalScrollBar().value()
        if self._anchor is not None:
            row, offset = self._anchor
            tops = self.tops()
            if row.index < len(self._rows) and self._rows[row.index] is row:
                value = tops[row.index] + offset
        self._set_value(value)

    def _window(self, margin: float) -> tuple[int, int]:
        tops = self.tops()
        height = self.viewport().height()
        y = self.verticalScrollBar().value()
        extra = int(height * margin)
        low = max(0, bisect_right(tops, y - extra) - 1)
        high = min(len(self._rows), bisect_left(tops, y + height + extra))
        return low, high

    def _show_near(self, width: int) -> bool:
        """One pass over the rows near view; True if the rows or a height changed."""
        self._update_range()
        low, high = self._window(NEAR)
        changed = False
        for index in range(low, high):
            row = self._rows[index]
            replacement = self.expand(row) if row.widget is None else None
            if replacement is not None:  # the indices after it move: start a new pass
                self.remove_rows(index, 1)
                self.insert_rows(index, replacement)
                if self._anchor is not None and self._anchor[0] is row and replacement:
                    self._anchor[0] = replacement[0]
                return True
            if row.widget is None:
                row.widget = self.make(row)
                self._live.append(row)
            elif row.width == width:
                continue
            height = self.measure(row, width)
            row.width = width
            if height != row.height:
                row.height = height
                self._touch(index)
                changed = True
        return changed

    def _release_far(self) -> None:
        low, high = self._window(KEEP)
        for row in list(self._live):
            if not low <= row.index < high and not self.pinned(row):
                self._release(row)

    def _release(self, row: Row) -> None:
        widget = row.widget
        if widget is None:
            return
        row.widget = None
        self._live.remove(row)
        self.released(row, widget)
        widget.hide()
        widget.deleteLater()

    def _place(self) -> None:
        tops = self.tops()
        y = self.verticalScrollBar().value()
        left, width = self.column()
        moved = self._last_value - y
        if moved and abs(moved) < self.viewport().height():
            # Move the children and the pixels already drawn: only the strip that comes
            # into view is painted (following a streaming answer scrolls every update).
            self.viewport().scroll(0, moved)
        for row in self._live:
            widget = row.widget
            if widget is None:
                continue
            narrow = getattr(widget, "max_width", 0)  # e.g. a card: not the column's width
            geometry = (left, tops[row.index] - y, min(width, narrow) if narrow else width,
                        row.height)
            rect = widget.geometry()
            if (rect.x(), rect.y(), rect.width(), rect.height()) != geometry:
                widget.setGeometry(*geometry)
            if widget.isHidden():
                widget.show()
        self._last_value = y
