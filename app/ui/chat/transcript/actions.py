"""The rows around a message's text: its action bar, an error card, the wait for an answer.

- :class:`ActionBar`: the status in plain words ("Stopped", "Cut off at the token limit"),
  the token count, and real buttons with accessible names — Copy, Edit (a question),
  Regenerate or Retry (an answer), Delete (asks once more, in place), More (⋯: a menu with
  an answer's "Copy for Word" and "Save as…", so the bar stays short), and ‹ n/m › between
  versions. The buttons are drawn while the message is under the pointer, holds the focus,
  or is the last answer; they are always there for Tab and for screen readers.
- :class:`ErrorCard`: a failed answer: a plain title in the theme's colours, the details
  folded, and Retry.
- :class:`WaitingRow`: between Send and the first words: a pulse, the seconds waited, and
  when the gateway is retrying, why and in how long ("Rate limited — retrying in 3 s").

Threading: GUI thread only.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QCoreApplication, QRectF, Qt, QTimer, Signal
from PySide6.QtGui import QColor, QFocusEvent, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.core.render.theme import Theme
from app.ui.chat.transcript.models import (
    COPY,
    DELETE,
    EDIT,
    IN_MENU,
    MORE,
    NEXT,
    PREV,
    REGENERATE,
    RETRY,
    ErrorView,
    MessageView,
    plain_text,
)
from app.ui.chat.transcript.more_menu import MoreMenu, menu_labels
from app.ui.chat.transcript.rows import Hover
from app.ui.runtime.appearance import mix
from app.ui.runtime.icons import NAMES, set_icon

HIT = (30, 26)      # px: the smallest a button is, to be easy to hit
CONFIRM_MS = 4000   # a first click on Delete waits this long for the second
_ICONS = {PREV: "chevron-left", NEXT: "chevron-right", RETRY: "regenerate"}  # else its name


def action_labels() -> dict[str, str]:
    """What each action's button says (and its accessible name)."""
    return {COPY: QCoreApplication.translate("ActionBar", "Copy"),
            EDIT: QCoreApplication.translate("ActionBar", "Edit"),
            REGENERATE: QCoreApplication.translate("ActionBar", "Regenerate"),
            RETRY: QCoreApplication.translate("ActionBar", "Retry"),
            DELETE: QCoreApplication.translate("ActionBar", "Delete"),
            PREV: QCoreApplication.translate("ActionBar", "Previous version"),
            NEXT: QCoreApplication.translate("ActionBar", "Next version"), **menu_labels()}


class ActionButton(QToolButton):
    """A flat button drawn only while its bar is revealed or it has the focus."""

    focused = Signal()

    def __init__(self, name: str, label: str, tip: str, parent: ActionBar) -> None:
        super().__init__(parent)
        self.bar = parent
        self.setObjectName(f"action-{name}")
        self.setAccessibleName(label)
        self.setToolTip(tip)
        self.setAutoRaise(True)
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setMinimumSize(*HIT)
        drawn = _ICONS.get(name, name)
        if drawn in NAMES:  # an icon in the palette's colours, redrawn when they change
            set_icon(self, drawn)
        else:
            self.setText({PREV: "‹", NEXT: "›"}.get(name, label))

    def paintEvent(self, event: QPaintEvent) -> None:
        if self.bar.shows or self.hasFocus() or self.isDown():
            super().paintEvent(event)

    def focusInEvent(self, event: QFocusEvent) -> None:
        super().focusInEvent(event)
        self.focused.emit()
        self.bar.update_buttons()


class ActionBar(Hover, QWidget):
    triggered = Signal(str)  # an action's name (models: COPY, EDIT, …)
    focused = Signal()       # a button took the focus: the transcript shows it

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("messageActions")
        self.revealed = False
        self.last = False
        self._layout = QHBoxLayout(self)
        self._layout.setContentsMargins(2, 2, 2, 10)  # 2 px: room for the focus ring
        self._layout.setSpacing(2)
        self.status = QLabel(self)
        self.usage = QLabel(self)
        for label in (self.status, self.usage):
            label.setTextFormat(Qt.TextFormat.PlainText)
            palette = label.palette()
            palette.setColor(QPalette.ColorRole.WindowText,
                             palette.color(QPalette.ColorRole.PlaceholderText))
            label.setPalette(palette)
        self.position = QLabel(self)
        self.buttons: dict[str, ActionButton] = {}
        self.menu: MoreMenu | None = None  # the More (⋯) menu
        self._confirm = QTimer(self, singleShot=True, interval=CONFIRM_MS)
        self._confirm.timeout.connect(self._unconfirm)

    def set_view(self, view: MessageView) -> None:
        """Status, usage and buttons for ``view`` (built again each time)."""
        while self._layout.count():
            item = self._layout.takeAt(0)
            widget = item.widget() if item is not None else None
            if widget is not None and widget not in (self.status, self.usage, self.position):
                widget.deleteLater()
        self.buttons.clear()
        self.menu = None
        labels = action_labels()
        tips = {COPY: self.tr("Copy the whole message"), EDIT: self.tr("Edit and send again"),
                REGENERATE: self.tr("Answer this again"), RETRY: self.tr("Try this answer again"),
                DELETE: self.tr("Delete this message and the replies below it"),
                PREV: self.tr("Previous version"), NEXT: self.tr("Next version")}
        user = view.role == "user"
        if user:
            self._layout.addStretch(1)
        self.status.setText(view.status)
        self.status.setVisible(bool(view.status))
        self._layout.addWidget(self.status)
        if not (view.status or view.usage or view.actions) and view.footer_html:
            self.status.setText(plain_text(view.footer_html))
            self.status.setVisible(True)
        for name in view.actions:
            if name not in IN_MENU:
                self._add(name, labels[name], tips[name])
        if in_menu := [name for name in view.actions if name in IN_MENU]:
            self._add_menu(in_menu, labels)
        index, count = view.branch
        if count > 1:
            previous = self._add(PREV, labels[PREV], tips[PREV])
            self.position.setText(f"{index + 1}/{count}")
            self.position.setAccessibleName(self.tr("Version %1 of %2").replace(
                "%1", str(index + 1)).replace("%2", str(count)))
            self._layout.addWidget(self.position)
            following = self._add(NEXT, labels[NEXT], tips[NEXT])
            previous.setEnabled(index > 0)
            following.setEnabled(index < count - 1)
        self.position.setVisible(count > 1)
        self.usage.setText(view.usage)
        self.usage.setVisible(bool(view.usage))
        if not user:
            self._layout.addStretch(1)
        self._layout.addWidget(self.usage)
        self.update_buttons()

    def _add(self, name: str, label: str, tip: str) -> ActionButton:
        button = ActionButton(name, label, tip, self)
        button.clicked.connect(lambda _=False, n=name: self._clicked(n))
        button.focused.connect(self.focused)
        self.buttons[name] = button
        self._layout.addWidget(button)
        return button

    def _add_menu(self, names: list[str], labels: dict[str, str]) -> None:
        self.menu = MoreMenu(self._add(MORE, labels[MORE], MoreMenu.tip()), names, labels)
        self.menu.chosen.connect(self._clicked)
        self.menu.aboutToHide.connect(self.update_buttons)

    def _clicked(self, name: str) -> None:
        if name == MORE:
            if self.menu is not None:
                self.menu.open_under_button()
            return
        if name == DELETE and not self._confirm.isActive():
            button = self.buttons[DELETE]
            button.setText(self.tr("Delete?"))
            button.setToolTip(self.tr("Click again to delete"))
            self._confirm.start()
            return
        self._confirm.stop()
        self.triggered.emit(name)

    def _unconfirm(self) -> None:
        button = self.buttons.get(DELETE)
        if button is not None and button.icon().isNull():
            button.setText(action_labels()[DELETE])
            button.setToolTip(self.tr("Delete this message and the replies below it"))

    def set_revealed(self, revealed: bool, last: bool | None = None) -> None:
        """Draw the buttons (the message is under the pointer; ``last``: it is the last
        answer, whose buttons always show)."""
        if last is not None:
            self.last = last
        self.revealed = revealed
        self.update_buttons()

    def update_buttons(self) -> None:
        for button in self.buttons.values():
            button.update()

    @property
    def shows(self) -> bool:
        return self.revealed or self.last or bool(self.menu and self.menu.isVisible())

    def height_for(self, width: int) -> int:
        return max(HIT[1], self.status.sizeHint().height()) + 12

    def plain_text(self, view: MessageView) -> str:
        return view.footer_text(action_labels())


class ErrorCard(Hover, QWidget):
    """A failed answer, said plainly, with Retry."""

    retryRequested = Signal()
    resized = Signal()
    max_width = 640  # px: a card, not a banner

    def __init__(self, error: ErrorView, theme: Theme, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("errorCard")
        self.setAccessibleName(error.title)
        self.setAccessibleDescription(error.details)
        self.error = error
        self.theme = theme
        self.title = QLabel(error.title, self)
        self.title.setObjectName("errorTitle")
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setBold(True)
        self.title.setFont(font)
        self.toggle = QToolButton(self)
        self.toggle.setText(self.tr("Details"))
        self.toggle.setAccessibleName(self.tr("Details"))
        self.toggle.setCheckable(True)
        self.toggle.setArrowType(Qt.ArrowType.RightArrow)
        self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.toggle.setAutoRaise(True)
        self.toggle.toggled.connect(self._fold)
        self.toggle.setVisible(bool(error.details))
        self.details = QLabel(error.details, self)
        self.details.setObjectName("errorDetails")
        self.details.setTextFormat(Qt.TextFormat.PlainText)
        self.details.setWordWrap(True)
        self.details.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.details.hide()
        self.retry = QPushButton(self.tr("Retry"), self)
        self.retry.setAccessibleName(self.tr("Retry"))
        self.retry.setVisible(error.retry)
        self.retry.clicked.connect(self.retryRequested)
        row = QHBoxLayout()
        row.addWidget(self.toggle)
        row.addStretch(1)
        row.addWidget(self.retry)
        column = QVBoxLayout(self)
        column.setContentsMargins(16, 10, 12, 10)
        column.addWidget(self.title)
        column.addLayout(row)
        column.addWidget(self.details)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)

    def _fold(self, shown: bool) -> None:
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        self.details.setVisible(shown)
        self.resized.emit()

    def height_for(self, width: int) -> int:
        layout = self.layout()
        return (layout.totalHeightForWidth(min(width, self.max_width)) if layout else 60) + 10

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        accent = QColor(self.theme.error)
        base = self.palette().color(QPalette.ColorRole.Base)
        tint = mix(base, accent, 0.12)
        box = QRectF(0.5, 0.5, self.width() - 1, self.height() - 10 - 1)
        painter.setPen(accent)
        painter.setBrush(tint)
        painter.drawRoundedRect(box, 6, 6)
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(accent)
        painter.drawRoundedRect(QRectF(1, 1, 4, box.height() - 1), 2, 2)
        painter.end()

    def plain_text(self) -> str:
        return "\n".join(t for t in (self.error.title, self.error.details,
                                     self.retry.text() if self.error.retry else "") if t)


class WaitingRow(Hover, QWidget):
    """Between Send and the first words: never a dead silence."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("waitingForAnswer")
        self.label = QLabel(self)
        self.label.setObjectName("waitingText")
        palette = self.label.palette()
        palette.setColor(QPalette.ColorRole.WindowText,
                         palette.color(QPalette.ColorRole.PlaceholderText))
        self.label.setPalette(palette)
        self._since = time.monotonic()
        self._text = ""
        self._retry_at = 0.0
        self._reason = ""
        self._attempt = (0, 0)
        self._phase = 0
        self._timer = QTimer(self, interval=350)
        self._timer.timeout.connect(self._tick)
        self._timer.start()
        self._tick()

    def set_text(self, text: str) -> None:
        """Say this instead of the default (e.g. "Making 2 images…")."""
        self._text = text
        self._tick()

    def set_retry(self, reason: str, delay: float, attempt: int, retries: int) -> None:
        self._reason, self._retry_at = reason, time.monotonic() + delay
        self._attempt = (attempt, retries)
        self._tick()

    def text(self) -> str:
        now = time.monotonic()
        if self._reason:
            left = max(0, round(self._retry_at - now))
            if left:
                text = self.tr("%1 — retrying in %2 s").replace("%1", self._reason).replace(
                    "%2", str(left))
            else:
                text = self.tr("%1 — trying again…").replace("%1", self._reason)
            attempt, retries = self._attempt
            if retries > 1:
                text += " " + self.tr("(attempt %1 of %2)").replace(
                    "%1", str(attempt + 1)).replace("%2", str(retries + 1))
            return text
        text = self._text or self.tr("Waiting for the first words…")
        waited = int(now - self._since)
        return text + (f" {waited} s" if waited >= 2 else "")

    def _tick(self) -> None:
        self._phase = (self._phase + 1) % 3
        text = self.text()
        if text != self.label.text():
            self.label.setText(text)
            self.setAccessibleName(text)
            self.label.adjustSize()
        self.update()

    def height_for(self, width: int) -> int:
        return self.label.sizeHint().height() + 16

    def resizeEvent(self, event) -> None:
        self.label.setGeometry(34, 8, max(0, self.width() - 34), self.height() - 16)
        super().resizeEvent(event)

    def paintEvent(self, event: QPaintEvent) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        colour = QColor(self.palette().color(QPalette.ColorRole.Highlight))
        middle = self.height() / 2
        for dot in range(3):
            colour.setAlphaF(1.0 if dot == self._phase else 0.35)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(colour)
            painter.drawEllipse(QRectF(4 + dot * 9, middle - 3, 6, 6))
        painter.end()

    def plain_text(self) -> str:
        return self.label.text()

