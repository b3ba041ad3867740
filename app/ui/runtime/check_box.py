"""Check boxes whose box shows on the dark theme.

Fusion (the style Parley uses for an explicit light or dark theme) outlines a check box in
the window colour made darker — on the dark palette a near-black line on a near-black box:
the Settings dialog's check boxes looked like bare text. :func:`check_box` makes a
QCheckBox drawn by Fusion (or the system's style) as usual, then outlined in the palette's
muted text colour, so the box reads in light and dark alike. The check mark, hover, focus
and disabled states stay the style's own.

Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QPainter, QPalette, QPen
from PySide6.QtWidgets import QApplication, QCheckBox, QProxyStyle, QStyle, QStyleOption, QWidget


class _OutlinedBox(QProxyStyle):
    """The application's style, with the check box indicator's outline drawn again."""

    def drawPrimitive(self, element: QStyle.PrimitiveElement, option: QStyleOption,
                      painter: QPainter, widget: QWidget | None = None) -> None:
        super().drawPrimitive(element, option, painter, widget)
        if element != QStyle.PrimitiveElement.PE_IndicatorCheckBox:
            return
        outline = QColor(option.palette.color(QPalette.ColorRole.PlaceholderText))
        if not option.state & QStyle.StateFlag.State_Enabled:
            outline.setAlphaF(0.45)
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(QPen(outline, 1))
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawRect(option.rect.adjusted(0, 0, -1, -1))
        painter.restore()


_styles: dict[str, _OutlinedBox] = {}  # by the application style it wraps


def check_box(text: str, parent: QWidget) -> QCheckBox:
    """A QCheckBox with ``text`` whose box is outlined visibly in both themes."""
    box = QCheckBox(text, parent)
    name = QApplication.style().name()
    style = _styles.get(name)
    if style is None:  # one per style, owned by the application: it outlives the boxes
        style = _styles[name] = _OutlinedBox(name)
        style.setParent(QApplication.instance())
    box.setStyle(style)
    return box
