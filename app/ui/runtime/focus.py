"""Keyboard focus is always visible: a ring in the palette's highlight colour.

Fusion (Qt's style on most Linux desktops, and Parley's own light and dark) marks a focused
button, combo box or check box with nothing at all, a focused list row or text area barely,
and a focused scroll area (the transcript) not at all. One :class:`FocusRing` — a
QFocusFrame with a two-pixel border from a small style sheet — follows the application's
focus to the control that has it, in every window, light or dark. It is drawn around the
control, 2 px outside it (layouts leave that room: tests/ui/window checks no ring is cut),
so the control keeps its native look and size; it is recoloured when the palette changes
(light ⇄ dark).

The row a list's focus is on is marked by the list: its selected row is filled with the
highlight, and the sidebar outlines a current row that is not selected (sidebar/panel.py).

Install once, after the QApplication exists: :func:`install_focus_ring`.
Threading: GUI thread only.
"""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QFocusFrame,
    QKeySequenceEdit,
    QLineEdit,
    QPlainTextEdit,
    QTabBar,
    QTextEdit,
    QWidget,
)

# QAbstractScrollArea: the transcript (it scrolls with the keys) and any other scrolling
# area that takes the focus; the item views and text edits are scroll areas too.
RINGED = (QAbstractButton, QComboBox, QLineEdit, QAbstractSpinBox, QPlainTextEdit, QTextEdit,
          QAbstractItemView, QKeySequenceEdit, QTabBar, QAbstractScrollArea)


def ring_style(palette: QPalette) -> str:
    colour = palette.color(QPalette.ColorRole.Highlight).name()
    return f"QFocusFrame {{ border: 2px solid {colour}; border-radius: 4px; }}"


class FocusRing(QFocusFrame):
    """The ring. QFocusFrame re-parents it beside the control it marks and keeps it on the
    control's edges; this class draws it in the marked control's highlight colour."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("focusRing")
        self.setAttribute(Qt.WidgetAttribute.WA_TransparentForMouseEvents)

    def mark(self, widget: QWidget) -> None:
        self.setWidget(widget)
        self._recolour(widget.palette())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The marked control's palette changed (light ⇄ dark, or its own): follow it.
        # (With a style sheet of its own, the ring inherits no palette from its parent.)
        if watched is self.widget() and event.type() == QEvent.Type.PaletteChange:
            self._recolour(self.widget().palette())
        return super().eventFilter(watched, event)

    def _recolour(self, palette: QPalette) -> None:
        style = ring_style(palette)
        if style != self.styleSheet():
            self.setStyleSheet(style)


class _Follower(QObject):
    """Moves the ring to each new focus widget; makes a new ring if a closed window took the
    old one with it (the ring lives among the marked control's siblings)."""

    def __init__(self, app: QApplication) -> None:
        super().__init__(app)
        self.ring: FocusRing | None = None
        app.focusChanged.connect(self.follow)

    def follow(self, _old: QWidget | None, new: QWidget | None) -> None:
        target = marked(new)
        if self.ring is not None and not shiboken6.isValid(self.ring):
            self.ring = None
        if target is None:
            if self.ring is not None:
                self.ring.setWidget(None)  # type: ignore[arg-type]  # None: mark nothing
            return
        if self.ring is None:
            self.ring = FocusRing()
        self.ring.mark(target)


def marked(widget: QWidget | None) -> QWidget | None:
    """The control to ring for a focus widget: a spin box or combo box rather than the line
    edit inside it; nothing for windows and for widgets that are not controls."""
    if widget is None or widget.isWindow():
        return None
    parent = widget.parentWidget()
    if isinstance(parent, (QComboBox, QAbstractSpinBox, QKeySequenceEdit)):
        widget = parent
    return widget if isinstance(widget, RINGED) and not widget.isWindow() else None


_installed: list[_Follower] = []


def install_focus_ring(app: QApplication) -> None:
    """Show the ring from now on (once per application; again is harmless)."""
    if not _installed or not shiboken6.isValid(_installed[0]):
        _installed[:] = [_Follower(app)]
