"""Keyboard focus is always visible: the ring follows the focus to buttons, fields and lists,
is drawn in the palette's highlight colour, light and dark, and leaves the control's look."""

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSpinBox,
    QWidget,
)

from app.core.render import DARK, LIGHT
from app.ui.runtime.appearance import build_palette
from app.ui.runtime.focus import FocusRing, install_focus_ring, marked


@pytest.fixture
def form(qtbot):
    install_focus_ring(QApplication.instance())
    window = QWidget()
    row = QHBoxLayout(window)
    row.setContentsMargins(12, 12, 12, 12)
    row.setSpacing(12)
    window.button, window.field = QPushButton("Send"), QLineEdit("text")
    window.combo, window.spin = QComboBox(), QSpinBox()
    window.rows, window.label = QListWidget(), QLabel("not a control")
    window.rows.addItems(["one", "two"])
    for widget in (window.button, window.field, window.combo, window.spin, window.rows,
                   window.label):
        row.addWidget(widget)
    qtbot.addWidget(window)
    with qtbot.waitActive(window):
        window.show()
        window.activateWindow()
    return window


def ring_of(window) -> FocusRing:
    rings = window.findChildren(FocusRing)
    assert len(rings) == 1
    return rings[0]


def ring_colour_around(window, widget) -> QColor:
    """The colour just outside the control's left edge, where the ring is drawn."""
    QApplication.processEvents()
    image = window.grab().toImage()
    point = widget.mapTo(window, widget.rect().topLeft())
    return image.pixelColor(point.x() - 1, point.y() + widget.height() // 2)


@pytest.mark.parametrize("theme", [LIGHT, DARK])
def test_the_ring_follows_the_focus_in_the_highlight_colour(form, theme):
    palette = build_palette(theme)
    palette.setColor(QPalette.ColorRole.Highlight, QColor("#e0307a"))  # unmistakable
    form.setPalette(palette)
    for widget in (form.button, form.field, form.combo, form.spin, form.rows):
        widget.setFocus(Qt.FocusReason.TabFocusReason)
        ring = ring_of(form)
        assert ring.widget() is widget and ring.isVisible()
        assert ring_colour_around(form, widget).name() == "#e0307a", widget
        assert ring.geometry().contains(widget.geometry())  # around it, not over it


def test_the_ring_is_recoloured_with_the_palette(form):
    form.button.setFocus(Qt.FocusReason.TabFocusReason)
    for colour in ("#2f6fd6", "#ffb000"):
        palette = build_palette(DARK)
        palette.setColor(QPalette.ColorRole.Highlight, QColor(colour))
        form.setPalette(palette)
        assert ring_colour_around(form, form.button).name() == colour


def test_what_gets_a_ring(form):
    assert marked(form.spin.findChild(QLineEdit)) is form.spin  # the box, not its inner field
    assert marked(form.label) is None and marked(form) is None and marked(None) is None


def test_a_closed_window_does_not_take_the_ring_with_it(form, qtbot):
    other = QWidget()
    button = QPushButton("OK", other)
    QHBoxLayout(other).addWidget(button)
    with qtbot.waitActive(other):
        other.show()
        other.activateWindow()
    button.setFocus(Qt.FocusReason.TabFocusReason)
    assert ring_of(other).widget() is button
    other.deleteLater()  # the ring lived in it
    QApplication.sendPostedEvents(None, 52)  # DeferredDelete
    with qtbot.waitActive(form):
        form.activateWindow()
    form.field.setFocus(Qt.FocusReason.TabFocusReason)
    assert ring_of(form).widget() is form.field
