"""The transcript: one conversation, each message its own rows of widgets, laid out only
near the viewport (see :mod:`.engine`).

A message is a header ("You", "Assistant · model"), its body — for a question a tinted
bubble at the right; for an answer its parts (:mod:`.parts`) full width on one left edge —,
an error card if it failed, and its action bar. Until a message comes near the viewport its
body is one placeholder row of estimated height, not even rendered: opening a thousand
messages renders and lays out the few that are seen.

The answer being streamed grows part by part: frozen blocks join the last text part or
start a new one, only the parts that changed are laid out again, each in its own small
document, so an update costs the same at the end of a 100 KB answer as at its start. Until
its first words it shows the waiting row (and why a retry waits, if one does).

With no message (a new chat) it shows the :mod:`.empty` state over its viewport; an
example prompt chosen there is reported (``promptChosen``) for the message box.

Automation and assistive tech: ``transcript`` (objectName) gives ``toPlainText()`` (the
whole conversation, as read; "" for a new chat), ``hasSelectedText()``/``selectedText()``
(selection is within one part at a time), and every shown message's actions are buttons
with accessible names (Copy, Edit, Regenerate, Retry, Delete, Previous version, Next
version) under it.

Safety: model output arrives here already rendered, raw HTML escaped. Nothing is fetched
from the network (:mod:`.resources`); links are reported (``anchorClicked``, then
``linkOpenRequested`` for http(s)/mailto or ``actionRequested`` for Parley's own), opened
by the parent only on a click; hovering one says where it goes (``linkHovered``).

Threading: GUI thread only.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from html import unescape
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, Qt, QUrl, Signal
from PySide6.QtGui import QImage, QKeyEvent, QKeySequence, QTextDocument
from PySide6.QtWidgets import QTextEdit, QWidget

from app.ui.chat.links import describe_link
from app.ui.chat.transcript.empty import EmptyState
from app.ui.chat.transcript.engine import Row
from app.ui.chat.transcript.entries import (
    BODY,
    BUBBLE,
    CODE,
    ERROR,
    FOOT,
    HEAD,
    NOTICE,
    TEXT,
    WAIT,
    Entry,
    MessageRows,
)
from app.ui.chat.transcript.resources import Resources
from app.ui.runtime.appearance import theme_for_palette

if TYPE_CHECKING:  # the row widgets load with the first message shown (see __init__)
    from app.ui.chat.transcript.actions import ActionBar, ErrorCard, WaitingRow
    from app.ui.chat.transcript.docview import DocView
    from app.ui.chat.transcript.models import MessageView

SAFE_SCHEMES = ("http", "https", "mailto")
_HREF = re.compile(r'<a href="([^"]*)"')


class Transcript(MessageRows):
    linkOpenRequested = Signal(QUrl)       # http/https/mailto, clicked
    actionRequested = Signal(str, str)     # action, argument (e.g. "action", "retry:12")
    linkHovered = Signal(str)              # where the link under the pointer goes; "" none
    anchorClicked = Signal(QUrl)           # any link clicked in a message
    highlighted = Signal(QUrl)             # the link under the pointer (empty: none)
    selectionChanged = Signal()
    promptChosen = Signal(str)             # an example prompt of the empty state, clicked

    def __init__(self, parent: QWidget | None = None, *, empty_state: bool = True) -> None:
        """``empty_state``: the new chat's panel while there is no message (not quick ask's)."""
        super().__init__(parent)
        self.setObjectName("transcript")
        self.setAccessibleName(self.tr("Conversation"))
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # empty: see sync()
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.resources = Resources(self.devicePixelRatioF,
                                   lambda: self.palette().midlight().color())
        self._selected: DocView | None = None
        self._hover: Entry | None = None
        self._found: QTextEdit.ExtraSelection | None = None
        self._found_view: DocView | None = None
        self.anchorClicked.connect(self._clicked)
        # A link's target is said before any click (the words may name another place).
        self.highlighted.connect(lambda url: self.linkHovered.emit(describe_link(url)))
        self.viewport().installEventFilter(self)
        self.empty_state: EmptyState | None = None
        if empty_state:
            self.empty_state = EmptyState(self.viewport())
            self.empty_state.promptChosen.connect(self.promptChosen)

    def set_quick_ask_shortcut(self, shortcut: str) -> None:
        """The global shortcut a new chat mentions ("" when none is registered)."""
        if self.empty_state is not None:
            self.empty_state.set_quick_ask_shortcut(shortcut)

    def sync(self) -> None:
        super().sync()
        empty = not self.rows
        if self.empty_state is not None and empty == self.empty_state.isHidden():
            self.empty_state.setVisible(empty)  # a first message, or a new chat
        # Tab goes straight to the example prompts, not to an empty area first.
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus if empty else Qt.FocusPolicy.StrongFocus)

    # ----- images (the ImageCanvas protocol) ---------------------------------------------

    def set_resource_provider(self, provider: Callable[[str], bytes | None]) -> None:
        """Where ``parley-math:`` images come from (the renderer's SVG cache)."""
        self.resources.set_provider(provider)

    def set_image(self, url: str, image: QImage) -> None:
        """An image is decoded: show it wherever ``url`` is used (now and later)."""
        from app.ui.chat.transcript.rows import TextRow

        self.resources.pictures.put(url, image)
        for row in self._live:
            if isinstance(row.widget, TextRow) and url in row.widget.html:
                document = row.widget.doc
                document.addResource(QTextDocument.ResourceType.ImageResource, QUrl(url), image)
                document.markContentsDirty(0, document.characterCount())
                row.widget.update()

    def has_image(self, url: str) -> bool:
        return url in self.resources.pictures

    def picture(self, url: str) -> QImage:
        image = self.resources.pictures.get(url)
        return image if image is not None else QImage()

    def loadResource(self, kind: int, name: QUrl | str) -> QImage | None:
        """What a document of this transcript is given for an image (see .resources)."""
        if getattr(kind, "value", kind) != QTextDocument.ResourceType.ImageResource.value:
            return None
        return self.resources.load(QUrl(name))

    @property
    def _images(self):  # the formula images kept (tests check their byte budget)
        return self.resources.math

    # ----- rows → widgets (the engine's hooks) -------------------------------------------

    def make(self, row: Row) -> QWidget:
        from app.ui.chat.transcript.actions import ActionBar, ErrorCard, WaitingRow
        from app.ui.chat.transcript.rows import CodeRow, HeadRow, Hover, TextRow

        viewport = self.viewport()
        entry: Entry | None = row.entry
        widget: QWidget
        if row.kind == HEAD and entry is not None:
            widget = HeadRow(entry.header(), entry.view.role == "user", viewport)
        elif row.kind in (TEXT, BUBBLE, NOTICE):
            text = TextRow(self.resources, viewport, bubble=row.kind == BUBBLE,
                           centred=row.kind == NOTICE)
            text.set_html(row.part if row.kind == NOTICE else row.part.html)
            self._connect_text(text)
            widget = text
        elif row.kind == CODE and entry is not None:
            code = CodeRow(self.resources, viewport, theme_for_palette())
            code.set_part(row.part.html, row.part.language)
            number, message = row.part.code, entry.view.id
            code.copyRequested.connect(
                lambda: self.actionRequested.emit("copy", f"{message}:{number}"))
            self._connect_text(code.view)
            widget = code
        elif row.kind == WAIT and entry is not None:
            wait = WaitingRow(viewport)
            entry.apply_waiting(wait)
            widget = wait
        elif row.kind == ERROR and entry is not None and entry.view.error is not None:
            card = ErrorCard(entry.view.error, theme_for_palette(), viewport)
            message_id = entry.view.id
            card.retryRequested.connect(
                lambda: self.actionRequested.emit("action", f"retry:{message_id}"))
            card.resized.connect(lambda: self._grown(row))
            widget = card
        elif row.kind == FOOT and entry is not None:
            bar = ActionBar(viewport)
            bar.set_view(entry.view)
            message_id = entry.view.id
            bar.triggered.connect(
                lambda name: self.actionRequested.emit("action", f"{name}:{message_id}"))
            bar.focused.connect(lambda: self.ensure_visible(row))
            bar.set_revealed(entry is self._hover, last=entry is self.last_answer())
            widget = bar
        else:  # a placeholder never gets a widget (it is expanded first): an empty one
            widget = QWidget(viewport)
        if isinstance(widget, Hover):
            widget.on_enter = lambda: self._set_hover(entry)
        return widget

    def _grown(self, row: Row) -> None:
        self.changed(row)
        self.sync()

    def released(self, row: Row, widget: QWidget) -> None:
        for view in (self._selected, self._found_view):
            if view is not None and (view is widget or widget.isAncestorOf(view)):
                if view is self._selected:
                    self._selected = None
                else:
                    self._found_view = None

    def forget_view_state(self) -> None:
        self._selected = self._hover = self._found = self._found_view = None

    def pinned(self, row: Row) -> bool:
        widget = row.widget
        if widget is None:
            return False
        focus = self.focusWidget()
        holds_focus = focus is not None and (focus is widget or widget.isAncestorOf(focus))
        selected = self._selected is not None and (
            self._selected is widget or widget.isAncestorOf(self._selected))
        return holds_focus or selected

    def _connect_text(self, view: DocView) -> None:
        view.linkClicked.connect(self.anchorClicked)
        view.linkHovered.connect(self.highlighted)
        view.selectionChanged.connect(lambda: self._selection_changed(view))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Leave and watched is self.viewport():
            self._set_hover(None)
        return False

    def _set_hover(self, entry: Entry | None) -> None:
        if entry is self._hover:
            return
        for shown in (self._hover, entry):
            bar = shown.foot_widget() if shown is not None else None
            if bar is not None and hasattr(bar, "set_revealed"):
                bar.set_revealed(shown is entry)
        self._hover = entry

    # ----- selection, links, keys --------------------------------------------------------

    def _selection_changed(self, view: DocView) -> None:
        if view.has_selection():
            if self._selected is not None and self._selected is not view:
                try:
                    self._selected.clear_selection()
                except RuntimeError:  # its widget is gone
                    pass
            self._selected = view
        self.selectionChanged.emit()

    def hasSelectedText(self) -> bool:
        try:
            return self._selected is not None and self._selected.has_selection()
        except RuntimeError:
            return False

    def selectedText(self) -> str:
        return self._selected.selected_text() if self.hasSelectedText() else ""  # type: ignore[union-attr]

    def extraSelections(self) -> list[QTextEdit.ExtraSelection]:
        """The search hit highlighted by :meth:`scroll_to_message`, if any."""
        return [self._found] if self._found is not None else []

    def _clicked(self, url: QUrl) -> None:
        scheme = url.scheme().lower()
        if scheme in SAFE_SCHEMES:
            self.linkOpenRequested.emit(url)
        elif scheme.startswith("parley-"):
            self.actionRequested.emit(scheme.removeprefix("parley-"),
                                      url.path(QUrl.ComponentFormattingOption.FullyEncoded))
        # anything else is ignored: model output may not open arbitrary schemes

    def keyPressEvent(self, event: QKeyEvent) -> None:
        bar = self.verticalScrollBar()
        if event.matches(QKeySequence.StandardKey.Copy) and self.hasSelectedText():
            self._selected.copy()  # type: ignore[union-attr]
        elif event.key() == Qt.Key.Key_Home:
            self.scroll_to_y(0)
        elif event.key() == Qt.Key.Key_End:
            self.follow_bottom()
        else:
            before = bar.value()
            super().keyPressEvent(event)
            if bar.value() != before:
                return

    def ensure_visible(self, row: Row) -> None:
        """Scroll just enough that ``row`` is in view (keyboard focus went to it)."""
        top = self.top_of(row)
        bar = self.verticalScrollBar()
        height = self.viewport().height()
        if top < bar.value():
            self.scroll_to_y(top - 8)
        elif top + row.height > bar.value() + height:
            self.scroll_to_y(top + row.height - height + 8)

    # ----- messages (see .entries for the rest) ------------------------------------------

    def scroll_to_message(self, message_id: int, highlight: str = "") -> bool:
        """Scroll so the message is at the top; highlight ``highlight`` inside it if given —
        the search's words together, else its longest word found (a search matches its
        words anywhere in the message) — and bring the hit into view if it is lower."""
        from app.ui.chat.transcript.docview import DocView
        from app.ui.chat.transcript.rows import CodeRow

        entry = self._by_id.get(message_id)
        if entry is None:
            return False
        self.scroll_to_y(self.top_of(entry.rows[0]))
        if self._found_view is not None:
            self._found_view.set_highlight("")
        self._found = self._found_view = None
        if not highlight:
            return True
        needles = [highlight, *sorted(highlight.split(), key=len, reverse=True)]
        for row in list(entry.rows):
            text = self.plain(row).casefold() if row.kind in (TEXT, BUBBLE, CODE) else ""
            highlight = next((n for n in needles if n.casefold() in text), "")
            if not highlight:
                continue
            if row.widget is None:
                self.scroll_to_y(self.top_of(row) - 8)
            widget = row.widget
            view = widget.view if isinstance(widget, CodeRow) else widget
            if not isinstance(view, DocView):
                break
            cursor = view.set_highlight(highlight)
            if cursor is not None:
                self._found_view = view
                self._found = QTextEdit.ExtraSelection()
                self._found.cursor = cursor
                hit = self.top_of(row) + view.highlight_top()
                bar = self.verticalScrollBar()
                if hit > bar.value() + self.viewport().height() - 3 * self.fontMetrics().height():
                    self.scroll_to_y(hit - self.viewport().height() // 3)
            break
        return True

    def replace_link(self, href: str, fragment_html: str) -> int:
        """Replace every link to ``href`` (e.g. a web image's click-to-load placeholder) by
        ``fragment_html``; how many were replaced."""
        escaped = href.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") \
            .replace('"', "&quot;")
        pattern = re.compile(f'<a href="{re.escape(escaped)}"[^>]*>.*?</a>', re.DOTALL)
        count = 0
        for entry in self._entries:
            for row in entry.rows:
                if row.kind in (TEXT, BUBBLE) and escaped in row.part.html:
                    html, found = pattern.subn(lambda _: fragment_html, row.part.html)
                    if found:
                        row.part = replace(row.part, html=html)
                        self.refresh(row)
                        count += found
        self.sync()
        return count

    def anchors(self) -> list[str]:
        """Where every link shown goes (its href, as clicked)."""
        found = []
        for entry in self._entries:
            for row in entry.rows:
                if row.kind in (TEXT, BUBBLE):
                    found += [unescape(h) for h in _HREF.findall(row.part.html)]
        return found

    def message_view(self, message_id: int) -> MessageView | None:
        entry = self._by_id.get(message_id)
        return entry.view if entry is not None else None

    def action_bar(self, message_id: int) -> ActionBar | None:
        """The action bar of a message in or near view (None otherwise)."""
        from app.ui.chat.transcript.actions import ActionBar

        entry = self._by_id.get(message_id)
        widget = entry.foot_widget() if entry is not None else None
        return widget if isinstance(widget, ActionBar) else None

    def error_card(self, message_id: int) -> ErrorCard | None:
        from app.ui.chat.transcript.actions import ErrorCard

        entry = self._by_id.get(message_id)
        row = entry.row(ERROR) if entry is not None else None
        return row.widget if row is not None and isinstance(row.widget, ErrorCard) else None

    def waiting_row(self) -> WaitingRow | None:
        from app.ui.chat.transcript.actions import WaitingRow

        entry = self._stream
        row = entry.row(WAIT) if entry is not None else None
        return row.widget if row is not None and isinstance(row.widget, WaitingRow) else None

    def expand(self, row: Row) -> list[Row] | None:
        return self.expand_body(row) if row.kind == BODY else None
