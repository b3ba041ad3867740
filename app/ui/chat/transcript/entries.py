"""Messages as rows: what the chat controller and AnswerStream ask of the transcript.

Each message shown is an :class:`Entry` holding its rows: HEAD, then BODY (a placeholder
until it comes near view, then its parts: BUBBLE for a question, TEXT and CODE for an
answer) or, while it streams, WAIT and the parts so far, then ERROR (a failed answer) and
FOOT (the action bar). A NOTICE row ("Show earlier messages") may come first.

:class:`MessageRows` keeps the entries and the engine's rows in step; the widgets for them
are the subclass's (:class:`~app.ui.chat.transcript.widget.Transcript`).

Threading: GUI thread only.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QWidget

from app.core.render.blocks import FRAME, RenderedBlock
from app.core.render.blocks import TEXT as TEXT_BLOCK
from app.ui.chat.transcript.engine import HEAD_ROOM, Row, RowArea
from app.ui.runtime import gc_guard

if TYPE_CHECKING:  # markdown-it loads with the renderer, after the window's first paint
    from app.core.render.incremental import RenderUpdate
    from app.ui.chat.transcript.models import MessageView
    from app.ui.chat.transcript.parts import Part, PartStream

HEAD, BODY, TEXT, BUBBLE, CODE, WAIT, ERROR, FOOT, NOTICE = (
    "head", "body", "text", "bubble", "code", "wait", "error", "foot", "notice")
PARTS = (TEXT, BUBBLE, CODE)
_TAG = re.compile(r"<[^>]+>")


class Entry:
    """One message shown: its view, its rows, and while it streams, its parts so far."""

    __slots__ = ("view", "rows", "stream", "waiting", "prepared")

    def __init__(self, view: MessageView) -> None:
        self.view = view
        self.prepared = False  # its body is rendered (and cached by whoever renders it)
        self.rows: list[Row] = []
        self.stream: PartStream | None = None
        self.waiting: tuple[str, Any] = ("text", "")

    def header(self) -> str:
        if self.view.role == "user":
            return QCoreApplication.translate("Transcript", "You")
        return self.view.header or QCoreApplication.translate("Transcript", "Assistant")

    def row(self, kind: str) -> Row | None:
        return next((row for row in self.rows if row.kind == kind), None)

    def part_rows(self) -> list[Row]:
        return [row for row in self.rows if row.kind in PARTS]

    def foot_widget(self) -> QWidget | None:
        row = self.row(FOOT)
        return row.widget if row is not None else None

    def apply_waiting(self, widget: Any) -> None:
        kind, value = self.waiting
        if kind == "retry":
            widget.set_retry(*value)
        else:
            widget.set_text(value)


class MessageRows(RowArea):
    """The messages' side of the transcript (see the module docstring)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._entries: list[Entry] = []
        self._by_id: dict[int, Entry] = {}
        self._stream: Entry | None = None
        self._notice: Row | None = None

    # ----- whole messages ----------------------------------------------------------------

    def show_messages(self, messages: list[MessageView], preamble_html: str = "") -> None:
        """Replace what is shown with these messages (and a notice above them), at the
        bottom."""
        self.clear_rows()
        self._entries, self._by_id, self._stream, self._notice = [], {}, None, None
        self.forget_view_state()
        rows: list[Row] = []
        if preamble_html:
            self._notice = Row(NOTICE, part=preamble_html)
            rows.append(self._notice)
        for view in messages:
            rows += self._add_entry(view, streaming=False).rows
        self.insert_rows(0, rows)
        self.mark_last()
        self.follow_bottom()
        self.sync()

    def append_message(self, message: MessageView) -> None:
        self.insert_rows(len(self.rows), self._add_entry(message, streaming=False).rows)
        self.mark_last()
        self.sync()

    def _add_entry(self, view: MessageView, streaming: bool) -> Entry:
        entry = Entry(view)
        # A message not yet near view is one placeholder row (its header, body, card and
        # actions come when it is expanded): a thousand of them cost little.
        entry.rows = ([Row(HEAD, entry), Row(WAIT, entry), Row(FOOT, entry)] if streaming
                      else [Row(BODY, entry)])
        self._entries.append(entry)
        self._by_id[view.id] = entry
        return entry

    def expand_body(self, row: Row) -> list[Row]:
        """The rows of a message (header, body, card, actions), made when it comes near
        view."""
        from app.ui.chat.transcript.parts import TEXT as TEXT_PART
        from app.ui.chat.transcript.parts import Part, body_parts, images_html

        entry: Entry = row.entry
        view = entry.view
        if view.role == "user":
            html = view.body_html + images_html(view.pictures())
            made = [Row(BUBBLE, entry, Part(TEXT_PART, html))] if html else []
        else:
            made = [self._part_row(entry, part) for part in body_parts(view.blocks(),
                                                                       view.pictures())]
        made = [Row(HEAD, entry), *made, *([Row(ERROR, entry)] if view.error else []),
                Row(FOOT, entry)]
        at = entry.rows.index(row)
        entry.rows[at:at + 1] = made
        return made

    def prepare(self, row: Row) -> bool:
        """Render a message's body before it comes into view (the presenter keeps it)."""
        entry: Entry | None = row.entry
        if row.kind != BODY or entry is None or entry.prepared:
            return False
        entry.prepared = True
        if entry.view.role != "user":
            entry.view.blocks()
        return True

    @staticmethod
    def _part_row(entry: Entry, part: Part) -> Row:
        return Row(CODE if part.kind == "code" else TEXT, entry, part)

    # ----- the answer being streamed -----------------------------------------------------

    def begin_stream(self, message: MessageView) -> None:
        """Start the streaming answer: its header and the wait for its first words."""
        from app.ui.chat.transcript.parts import PartStream

        entry = self._add_entry(message, streaming=True)
        entry.stream = PartStream()
        self._stream = entry
        self.insert_rows(len(self.rows), entry.rows)
        self.mark_last()
        self.sync()

    @property
    def streaming(self) -> bool:
        return self._stream is not None

    def stream_waiting(self, text: str) -> None:
        """Say ``text`` in the waiting row (e.g. "Making 2 images…")."""
        self._set_waiting(("text", text))

    def stream_retrying(self, reason: str, delay: float, attempt: int, retries: int) -> None:
        """The gateway is retrying: say why and count down ``delay`` seconds."""
        self._set_waiting(("retry", (reason, delay, attempt, retries)))

    def _set_waiting(self, waiting: tuple[str, Any]) -> None:
        entry = self._stream
        if entry is None:
            return
        entry.waiting = waiting
        row = entry.row(WAIT)
        if row is not None and row.widget is not None:
            entry.apply_waiting(row.widget)
            self.changed(row)

    def stream_update(self, update: RenderUpdate) -> None:
        """Blocks that are final, then the open tail (see RenderUpdate); only the parts
        that changed are laid out again."""
        entry = self._stream
        if entry is None or entry.stream is None:
            return
        gc_guard.activity()  # no full garbage collection while an answer streams
        frozen = update.frozen_blocks or [_block(html) for html in update.frozen]
        tail = update.tail_blocks or ([_block(update.tail)] if update.tail else [])
        parts, first = entry.stream.update(frozen, tail, update.reset)
        if parts:
            self._drop(entry, WAIT)
        self._set_parts(entry, parts, first)
        self.sync()

    def _set_parts(self, entry: Entry, parts: list[Part], first: int) -> None:
        rows = entry.part_rows()
        keep = min(len(rows), len(parts))
        for i in range(first, keep):
            row, part = rows[i], parts[i]
            if row.kind != (CODE if part.kind == "code" else TEXT):
                keep = i
                break
            if row.part is not part and row.part != part:
                row.part = part
                self.refresh(row)
        for row in rows[keep:]:
            self._drop_row(entry, row)
        if len(parts) > keep:
            before = rows[keep - 1] if keep else entry.row(WAIT) or entry.rows[0]
            made = [self._part_row(entry, part) for part in parts[keep:]]
            at = entry.rows.index(before) + 1
            entry.rows[at:at] = made
            self.tops()
            self.insert_rows(before.index + 1, made)

    def finish_stream(self, message: MessageView) -> None:
        """The streamed body is final as shown: keep it (laying a long answer out again
        would freeze the window); add its pictures, its error card and its actions."""
        from app.ui.chat.transcript.parts import TEXT as TEXT_PART
        from app.ui.chat.transcript.parts import Part, body_parts, images_html

        entry = self._stream
        if entry is None:
            self.append_message(message)
            return
        self._stream, entry.stream = None, None
        if not message.header:
            message.header = entry.view.header
        entry.view = message
        self._drop(entry, WAIT)
        streamed = entry.part_rows()
        foot = entry.row(FOOT)
        pictures = message.pictures()
        if not streamed:
            extra = [self._part_row(entry, p) for p in body_parts(message.blocks(), pictures)]
        elif pictures:
            extra = [self._part_row(entry, Part(TEXT_PART, images_html(pictures), frames=1))]
        else:
            extra = []
        if message.error is not None:
            extra.append(Row(ERROR, entry))
        if extra and foot is not None:
            at = entry.rows.index(foot)
            entry.rows[at:at] = extra
            self.tops()
            self.insert_rows(foot.index, extra)
        for row in (entry.rows[0], foot):
            if row is not None:
                self.refresh(row)
        self.mark_last()
        self.sync()

    # ----- rows --------------------------------------------------------------------------

    def refresh(self, row: Row) -> None:
        """``row``'s content (its part, or its entry's view) changed."""
        widget: Any = row.widget
        if widget is not None:
            if row.kind == CODE:
                widget.set_part(row.part.html, row.part.language)
            elif row.kind in (TEXT, BUBBLE):
                widget.set_html(row.part.html)
            elif row.kind == FOOT:
                widget.set_view(row.entry.view)
            elif row.kind == HEAD:
                widget.setText(row.entry.header())
        self.changed(row)

    def _drop(self, entry: Entry, kind: str) -> None:
        row = entry.row(kind)
        if row is not None:
            self._drop_row(entry, row)

    def _drop_row(self, entry: Entry, row: Row) -> None:
        entry.rows.remove(row)
        self.tops()
        if row.index < len(self.rows) and self.rows[row.index] is row:
            self.remove_rows(row.index, 1)

    def estimate(self, row: Row, width: int) -> int:
        line = self.fontMetrics().lineSpacing()
        kind = row.kind
        if kind == HEAD:
            return HEAD_ROOM + line + 2
        if kind in (FOOT, WAIT):
            return max(26, line) + 14
        if kind == ERROR:
            return 4 * line + 30
        if kind == CODE:
            return (row.part.html.count("\n") + 3) * line + 40
        if kind == BODY:  # the whole message: header, body, actions
            view = row.entry.view
            text = view.text or _TAG.sub("", view.body_html)
            return (self._text_height(len(text), text.count("\n"), width, line)
                    + HEAD_ROOM + 2 * line + 40 + (4 * line + 30 if view.error else 0))
        html = row.part if kind == NOTICE else row.part.html
        text = _TAG.sub("", html)
        return self._text_height(len(text), html.count("<p") + html.count("<li")
                                 + html.count("<br"), width, line)

    def _text_height(self, chars: int, breaks: int, width: int, line: int) -> int:
        per_line = max(10, width // max(1, self.fontMetrics().averageCharWidth()))
        return int((chars / per_line + breaks * 0.7 + 1) * line * 1.1) + 8

    def mark_last(self) -> None:
        """The last answer's actions always show (as in the chat apps students know)."""
        last = self.last_answer()
        for entry in self._entries[-3:]:
            widget: Any = entry.foot_widget()
            if widget is not None:
                widget.set_revealed(widget.revealed, last=entry is last)

    def last_answer(self) -> Entry | None:
        if self._entries and self._entries[-1].view.role == "assistant":
            return self._entries[-1]
        return None

    def forget_view_state(self) -> None:
        """Hover, selection and highlight belong to what was shown (the subclass's)."""

    # ----- text --------------------------------------------------------------------------

    def toPlainText(self) -> str:
        """The conversation as text, message by message, as a reader would read it."""
        texts = [self.plain(self._notice)] if self._notice is not None else []
        for entry in self._entries:
            texts += [text for row in entry.rows if (text := self.plain(row))]
        return "\n".join(texts)

    def plain(self, row: Row) -> str:
        from app.ui.chat.transcript.actions import action_labels
        from app.ui.chat.transcript.parts import body_parts, images_html

        if row.plain is not None:
            return row.plain
        widget: Any = row.widget
        entry: Entry = row.entry
        if row.kind == HEAD:
            text = entry.header()
        elif row.kind == FOOT:
            text = entry.view.footer_text(action_labels())
        elif row.kind == WAIT:
            return widget.plain_text() if widget is not None else ""
        elif widget is not None and hasattr(widget, "plain_text"):
            text = widget.plain_text()
        elif row.kind == BODY:  # the whole message, as its rows will read
            view = entry.view
            if view.role == "user":
                body = [_document_text(view.body_html + images_html(view.pictures()))]
            else:
                body = [_document_text(part.html)
                        for part in body_parts(view.blocks(), view.pictures())]
            error = view.error
            card = [error.title, error.details,
                    action_labels()["retry"] if error.retry else ""] if error else []
            text = "\n".join(t for t in (entry.header(), *body, *card,
                                          view.footer_text(action_labels())) if t)
        elif row.kind == ERROR and entry.view.error is not None:
            error = entry.view.error
            text = "\n".join(t for t in (error.title, error.details,
                                         action_labels()["retry"] if error.retry else "") if t)
        else:
            text = _document_text(row.part if row.kind == NOTICE else row.part.html)
        row.plain = text
        return text


def _block(html: str) -> RenderedBlock:
    """A block given as HTML alone (callers that know no kinds)."""
    return RenderedBlock(html, FRAME if "<table" in html else TEXT_BLOCK)


def _document_text(html: str) -> str:
    document = QTextDocument()
    document.setHtml(html)
    return document.toPlainText()
