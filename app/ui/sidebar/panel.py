"""The conversation sidebar: new chat, search, and conversations grouped by date.

It shows what its parent gives it (:meth:`set_conversations`, :meth:`set_search_results`)
and reports what the user wants through signals; it never touches history itself. Search
hits are drawn by :mod:`.hits` (title, then the words around the match, highlighted); an
empty list says why. From the search box, Down goes to the first row, and Up from the
first row comes back. Threading: GUI thread only.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtGui import QFont, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QLineEdit,
    QMenu,
    QPushButton,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.core.dates import OLDER, TODAY, WEEK, YESTERDAY, group_by_age
from app.ui.sidebar.conversation_tree import ConversationTree
from app.ui.sidebar.hits import (
    SNIPPET_ROLE,
    SPANS_ROLE,
    TITLE_HIT_ROLE,
    TITLE_ROLE,
    TITLE_SPANS_ROLE,
    EmptyNote,
    HitDelegate,
)

ID_ROLE = Qt.ItemDataRole.UserRole
MESSAGE_ROLE = Qt.ItemDataRole.UserRole + 1
MORE_ROLE = Qt.ItemDataRole.UserRole + 2  # the "Show older chats" row
HEADING_ROLE = Qt.ItemDataRole.UserRole + 3  # Today, Yesterday, …: a heading, not a row
SEARCH_DELAY_MS = 150  # type-ahead: search when the user pauses, not on every key


class Sidebar(QWidget):
    newChatRequested = Signal()
    conversationSelected = Signal(int)
    renameRequested = Signal(int, str)
    pinRequested = Signal(int, bool)
    deleteRequested = Signal(int)
    exportRequested = Signal(int, str)  # conversation id, its title (the file's name)
    searchChanged = Signal(str)
    searchHitActivated = Signal(int, int)  # conversation id, message id (0: the title matched)
    moreRequested = Signal()  # list older conversations too (scrolled to the end, or asked)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.new_button = QPushButton(self.tr("New chat"), self)
        self.new_button.setObjectName("newChatButton")
        self.new_button.setToolTip(self.tr("New chat (Ctrl+N)"))
        self.search = QLineEdit(self)
        self.search.setObjectName("searchBox")
        self.search.setPlaceholderText(self.tr("Search chats (Ctrl+F)"))
        self.search.setAccessibleName(self.tr("Search conversations"))
        self.search.setClearButtonEnabled(True)
        self.tree = ConversationTree(self)
        self.tree.setObjectName("conversationList")
        self.tree.setAccessibleName(self.tr("Conversations"))
        self.tree.setHeaderHidden(True)
        self.tree.setRootIsDecorated(False)
        self.tree.setIndentation(0)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.EditKeyPressed)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.setItemDelegate(HitDelegate(self.tree))
        self.note = EmptyNote(self.tree.viewport())  # "No chats yet…", "No results for …"
        self._restyle()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(8, 8, 8, 8)
        layout.addWidget(self.new_button)
        layout.addWidget(self.search)
        layout.addWidget(self.tree, 1)

        self._timer = QTimer(self, singleShot=True, interval=SEARCH_DELAY_MS)
        self._timer.timeout.connect(lambda: self.searchChanged.emit(self.search.text().strip()))
        self.search.textChanged.connect(lambda _: self._timer.start())
        self.search.installEventFilter(self)  # Down: into the list
        self.tree.upFromTop.connect(lambda: self.search.setFocus(Qt.FocusReason.TabFocusReason))
        self.new_button.clicked.connect(self.newChatRequested)
        self.tree.itemActivated.connect(self._activated)
        self.tree.itemClicked.connect(self._activated)
        self.tree.itemChanged.connect(self._edited)
        self.tree.customContextMenuRequested.connect(self._menu)
        self.tree.deletePressed.connect(self._delete_current)
        self.tree.lookChanged.connect(self._restyle_headings)
        self.tree.verticalScrollBar().valueChanged.connect(self._scrolled)
        self._pinned: dict[int, bool] = {}
        self._filling = False
        self._current_id = 0
        self._more = False  # older conversations exist beyond the listed ones
        self._more_asked = False  # asked once for this fill: not again on every scroll step
        self._showing_hits = False

    # ----- attributes down -------------------------------------------------------------

    def group_titles(self) -> dict[str, str]:
        return {"pinned": self.tr("Pinned"), TODAY: self.tr("Today"),
                YESTERDAY: self.tr("Yesterday"), WEEK: self.tr("Previous 7 days"),
                OLDER: self.tr("Older")}

    def set_conversations(self, conversations: Sequence[Any], now: float | None = None,
                          more: bool = False) -> None:
        """Show conversations (objects with id, title, updated_at, pinned), newest first.
        ``more``: older ones exist; the list ends with a row that asks for them, and
        scrolling to the end asks too (:attr:`moreRequested`)."""
        now = time.time() if now is None else now
        self._more = more
        titles = self.group_titles()
        pinned = [c for c in conversations if c.pinned]
        groups = ([("pinned", pinned)] if pinned else []) + group_by_age(
            [c for c in conversations if not c.pinned], now)
        self._pinned = {c.id: bool(c.pinned) for c in conversations}
        self._fill([(titles[name], [(c.id, 0, c.title or self.tr("New chat"), None)
                                    for c in items]) for name, items in groups])
        self.note.say("" if conversations else
                      self.tr("No chats yet — your conversations will appear here"))

    def set_search_results(self, hits: Sequence[Any]) -> None:
        """Show search hits instead of the list: each its conversation's title and the
        words around the match (``snippet``, plain text) with the matches (``spans``)
        highlighted. Hits have conversation_id, message_id (None: the title matched),
        title, snippet, spans."""
        count = len(hits)
        # English needs its singular; Chinese has one form ("%n 個結果") for both.
        header = self.tr("1 result") if count == 1 else self.tr("%n results", "", count)
        self._fill([(header, [(h.conversation_id, h.message_id or 0,
                               h.title or self.tr("New chat"), h) for h in hits])]
                   if hits else [])
        self.note.say("" if hits else self.tr("No results for “%1”").replace(
            "%1", self.search.text().strip()))

    def select_conversation(self, conversation_id: int) -> None:
        """Highlight that conversation; 0 (a new, unsaved chat) highlights none."""
        self._current_id = conversation_id
        match = self._row_of(conversation_id) if conversation_id else None
        self.tree.blockSignals(True)
        if match is None:
            self.tree.clearSelection()
            self.tree.setCurrentItem(None)  # type: ignore[call-overload]  # None clears it
        else:
            self.tree.setCurrentItem(match)
        self.tree.blockSignals(False)

    def searching(self) -> bool:
        return bool(self.search.text().strip())

    def focus_search(self) -> None:
        self.search.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.search.selectAll()

    # ----- internals -------------------------------------------------------------------

    def changeEvent(self, event: QEvent) -> None:
        # Light/dark switched (Settings, or the OS): the new palette has reached this widget.
        if event.type() == QEvent.Type.PaletteChange:
            self._restyle()
            self._restyle_headings()
        super().changeEvent(event)

    def _restyle(self) -> None:
        """Style the list in the palette in effect now. A style sheet takes the palette once,
        when it is applied, and keeps the tree in it when the application's palette changes:
        so it is applied again on every change, and group titles and the "older chats" row
        (coloured when listed) are coloured again."""
        # Rows with room to breathe and a rounded highlight.
        sheet = (
            "QTreeWidget#conversationList::item { padding: 4px 6px; border-radius: 5px; }"
            "QTreeWidget#conversationList::item:selected {"
            " background: palette(highlight); color: palette(highlighted-text); }"
            "QTreeWidget#conversationList::item:hover:!selected {"
            " background: palette(alternate-base); }"
            # The keyboard's row when it is not the selected one (Tab into a list that has
            # none selected): outlined, or it is barely visible, in dark especially.
            "QTreeWidget#conversationList::item:focus:!selected {"
            " border: 1px solid palette(highlight); }")
        self.tree.setStyleSheet(sheet)
        for item in self._items():
            if item.data(0, MORE_ROLE):
                item.setForeground(0, self.palette().link())
            elif not item.data(0, ID_ROLE):
                item.setForeground(0, self.palette().placeholderText())

    def _fill(self, groups: list[tuple[str, list[tuple[int, int, str, Any]]]]) -> None:
        self._filling = True
        hits = self.searching()  # search results, not the list
        anchor = self._top_conversation()  # keep the user's place when the list is refilled
        self.tree.clear()
        for header, rows in groups:
            head = QTreeWidgetItem([header])
            # A heading, not a row: never current or selected, so Tab, arrows and clicks
            # skip it (a disabled item is never made current).
            head.setFlags(Qt.ItemFlag.NoItemFlags)
            head.setData(0, HEADING_ROLE, True)
            self._style_heading(head)
            self.tree.addTopLevelItem(head)
            for conv_id, msg_id, title, hit in rows:
                item = QTreeWidgetItem([title])
                item.setData(0, ID_ROLE, conv_id)
                item.setData(0, MESSAGE_ROLE, msg_id)
                item.setToolTip(0, title)
                flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                if hit is None:
                    flags |= Qt.ItemFlag.ItemIsEditable
                else:
                    self._mark_hit(item, title, hit)
                item.setFlags(flags)
                self.tree.addTopLevelItem(item)
        if self._more and not hits:
            row = QTreeWidgetItem([self.tr("Show older chats…")])
            row.setData(0, MORE_ROLE, True)
            row.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
            row.setForeground(0, self.palette().link())
            row.setToolTip(0, self.tr("Older chats are listed as you scroll; search finds "
                                      "all of them"))
            self.tree.addTopLevelItem(row)
        self._more_asked = False
        self._showing_hits = hits
        self._filling = False
        if self._current_id and not hits:
            self.select_conversation(self._current_id)
        top = self._row_of(anchor) if anchor and not hits else None
        if top is not None:
            self.tree.scrollToItem(top, QAbstractItemView.ScrollHint.PositionAtTop)

    @staticmethod
    def _mark_hit(item: QTreeWidgetItem, title: str, hit: Any) -> None:
        """What the hit delegate paints; the plain text stays for screen readers."""
        words = hit.snippet or ""
        item.setData(0, TITLE_ROLE, title)
        item.setData(0, SNIPPET_ROLE, words)
        item.setData(0, SPANS_ROLE, tuple(tuple(span) for span in hit.spans))
        item.setData(0, TITLE_HIT_ROLE, not hit.message_id)
        if hit.title:  # (an untitled chat shows "New chat": nothing of it matched)
            item.setData(0, TITLE_SPANS_ROLE, tuple(getattr(hit, "title_spans", ())))
        if hit.message_id:
            item.setText(0, f"{title}\n{words}")
            item.setToolTip(0, words)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.search and event.type() == QEvent.Type.KeyPress and \
                isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Down:
            self.tree.first_row(select=self._showing_hits)
            return True
        return super().eventFilter(watched, event)

    def _style_heading(self, item: QTreeWidgetItem) -> None:
        """Small bold muted text, from the list's current font and palette."""
        font = QFont(self.tree.font())
        font.setBold(True)
        if font.pointSizeF() > 0:
            font.setPointSizeF(font.pointSizeF() * 0.9)
        item.setFont(0, font)
        item.setForeground(0, self.palette().placeholderText())

    def _restyle_headings(self) -> None:
        """A new text size or theme: headings follow (rows take the list's font themselves)."""
        for item in self._items():
            if item.data(0, HEADING_ROLE):
                self._style_heading(item)

    def _items(self):
        return [self.tree.topLevelItem(i) for i in range(self.tree.topLevelItemCount())]

    def _row_of(self, conversation_id: int) -> QTreeWidgetItem | None:
        """The conversation's own row (not a search hit inside it)."""
        return next((item for item in self._items()
                     if item.data(0, ID_ROLE) == conversation_id
                     and not item.data(0, MESSAGE_ROLE)), None)

    def _top_conversation(self) -> int:
        """The first conversation at the top of a scrolled list (0 when not scrolled)."""
        if self._showing_hits or self.tree.verticalScrollBar().value() == 0:
            return 0
        item = self.tree.itemAt(0, 0)
        while item is not None and not item.data(0, ID_ROLE):
            item = self.tree.itemBelow(item)
        return item.data(0, ID_ROLE) if item is not None else 0

    def _scrolled(self, value: int) -> None:
        bar = self.tree.verticalScrollBar()
        if value >= bar.maximum() - bar.pageStep() // 2:
            self._ask_more()

    def _ask_more(self) -> None:
        if self._more and not self._more_asked and not self._filling and not self.searching():
            self._more_asked = True
            self.moreRequested.emit()

    def _activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        if item.data(0, MORE_ROLE):
            self._ask_more()
            return
        conv_id = item.data(0, ID_ROLE)
        if not conv_id:
            return
        if self.searching():
            self.searchHitActivated.emit(conv_id, item.data(0, MESSAGE_ROLE) or 0)
        elif conv_id != self._current_id:
            self._current_id = conv_id
            self.conversationSelected.emit(conv_id)

    def _edited(self, item: QTreeWidgetItem, _column: int) -> None:
        if self._filling or not item.data(0, ID_ROLE):
            return
        title = " ".join(item.text(0).split())
        if title:
            self.renameRequested.emit(item.data(0, ID_ROLE), title)

    def _delete_current(self) -> None:
        item = self.tree.currentItem()
        if item is not None and item.data(0, ID_ROLE) and not self.searching():
            self.deleteRequested.emit(item.data(0, ID_ROLE))

    def _menu(self, pos) -> None:
        item = self.tree.itemAt(pos)
        if item is None or not item.data(0, ID_ROLE) or self.searching():
            return
        conv_id = item.data(0, ID_ROLE)
        pinned = self._pinned.get(conv_id, False)
        menu = QMenu(self)
        menu.addAction(self.tr("Rename"), lambda: self.tree.editItem(item))
        menu.addAction(self.tr("Unpin") if pinned else self.tr("Pin"),
                       lambda: self.pinRequested.emit(conv_id, not pinned))
        menu.addAction(self.tr("Export…"),
                       lambda: self.exportRequested.emit(conv_id, item.text(0)))
        menu.addSeparator()
        menu.addAction(self.tr("Delete"), lambda: self.deleteRequested.emit(conv_id))
        menu.popup(self.tree.viewport().mapToGlobal(pos))
