"""Text size (Settings › Appearance): one choice that scales what is read and written.

The transcript, the composer and the sidebar get a font scaled from the one they would
inherit, so the rest of the window (header, buttons, status bar) keeps its size and still
fits a small screen. Qt propagates a widget's font to its children and QTextDocument lays
out again with it, so a change shows at once, without a restart. Formulas are images drawn at
a size in pixels: :func:`scaled_theme` scales that size with the text.
Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from PySide6.QtCore import Qt
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QWidget

from app.core.config.settings import TEXT_SIZES
from app.core.render import LIGHT, Theme

SCALES = dict(zip(TEXT_SIZES, (0.9, 1.0, 1.15, 1.3), strict=True))


def scale_of(size: str) -> float:
    """The factor for a text-size setting (an unknown one is the default, 1.0)."""
    return SCALES.get(size, 1.0)


def apply_text_size(widgets: Iterable[QWidget], size: str) -> None:
    """Give each widget (and so its children) its natural font scaled for ``size``; the
    default size gives the natural font back.

    A widget with a style sheet of its own does not inherit its parent's font (Qt's rule),
    so the descendants that have one are scaled here too. A view that later adds children
    with their own style sheets should give them its font."""
    scale = scale_of(size)
    for root in widgets:
        styled = [w for w in root.findChildren(QWidget)
                  if w.testAttribute(Qt.WidgetAttribute.WA_StyleSheet)]
        for widget in (root, *styled):
            widget.setFont(QFont())  # an empty font: its natural one, inherited or its class's
            if scale != 1.0:
                widget.setFont(_scaled(widget.font(), scale))


def _scaled(font: QFont, scale: float) -> QFont:
    font = QFont(font)
    if font.pointSizeF() > 0:
        font.setPointSizeF(font.pointSizeF() * scale)
    else:  # a font sized in pixels
        font.setPixelSize(max(1, round(font.pixelSize() * scale)))
    return font


def scaled_theme(theme: Theme, size: str) -> Theme:
    """``theme`` with its formulas drawn at the text size's scale (the same object when
    that is its size already: the default size keeps LIGHT and DARK themselves)."""
    math_px = LIGHT.math_px * scale_of(size)
    return theme if theme.math_px == math_px else replace(theme, math_px=math_px)
