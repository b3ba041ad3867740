"""Where windows open, and how big: always inside the screen the user can reach.

With a large text scale (``QT_SCALE_FACTOR=2``, a 2× desktop) or a small screen, a fixed size
in logical pixels can be larger than the screen itself; the main window then opened with its
composer and Send below the bottom edge, and quick ask partly off screen near a corner.
Everything here works on the screen's *available* geometry (without panels and docks) and
keeps the window's frame (title bar) inside it too.

The geometry functions are pure (QRect in, QRect out, client-area rectangles as
``QWidget.setGeometry`` takes them), so they are tested with any screen size; the two
helpers at the end ask Qt about the screens and a window's frame.
Threading: GUI thread only (the helpers read QScreen and widget state).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QMargins, QPoint, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QFrame, QScrollArea, QWidget

FRACTION = 0.8  # of the screen's available width and height, for a first start
LARGEST = QSize(1400, 900)  # a first window no larger than this, however big the screen
SMALLEST = QSize(640, 400)  # nor smaller (unless the screen is): 1280×720 at 2× is 640×360
# A window's frame before it has been shown (X11 tells it only afterwards): a title bar
# above, thin borders; generous, so a window placed with it never loses its title bar.
FRAME_GUESS = QMargins(6, 32, 6, 6)
POINTER_GAP = 12  # px between the pointer and a window opened beside it


def first_rect(area: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """The main window's client rectangle on a first start: a fraction of ``area`` (a
    screen's available geometry), between SMALLEST and LARGEST, centred, frame inside."""
    inner = area.marginsRemoved(frame)
    width = max(min(LARGEST.width(), round(inner.width() * FRACTION)), SMALLEST.width())
    height = max(min(LARGEST.height(), round(inner.height() * FRACTION)), SMALLEST.height())
    size = QSize(width, height).boundedTo(inner.size())
    rect = QRect(QPoint(0, 0), size)
    rect.moveCenter(inner.center())
    return fit_rect(rect, area, frame)


def fit_rect(rect: QRect, area: QRect, frame: QMargins = FRAME_GUESS) -> QRect:
    """``rect`` made no larger than ``area`` allows (with its frame) and moved inside it."""
    inner = area.marginsRemoved(frame)
    size = rect.size().boundedTo(inner.size())
    x = _clamp(rect.x(), inner.left(), inner.left() + inner.width() - size.width())
    y = _clamp(rect.y(), inner.top(), inner.top() + inner.height() - size.height())
    return QRect(QPoint(x, y), size)


def restore_rect(saved: Sequence[int], areas: Sequence[QRect],
                 frame: QMargins = FRAME_GUESS) -> QRect | None:
    """A remembered ``(x, y, width, height)`` brought back inside the screens of today: onto
    the screen it overlaps most, shrunk and moved as needed. None when there is nothing
    usable to restore (never saved, malformed, or on a screen that is gone)."""
    if len(saved) != 4 or saved[2] <= 0 or saved[3] <= 0 or not areas:
        return None
    rect = QRect(*saved)
    overlaps = [(_area(rect.intersected(a)), i) for i, a in enumerate(areas)]
    best, index = max(overlaps)
    if best == 0:
        return None
    return fit_rect(rect, areas[index], frame)


def beside_pointer(pointer: QPoint, size: QSize, area: QRect,
                   frame: QMargins = FRAME_GUESS) -> QRect:
    """A small window's client rectangle next to ``pointer``: below and right of it, or
    above / left where the screen ends, always wholly inside ``area`` with its frame;
    centred when the pointer is not on that screen. Larger than the screen: shrunk."""
    inner = area.marginsRemoved(frame)
    size = size.boundedTo(inner.size())
    if not area.contains(pointer):
        rect = QRect(QPoint(0, 0), size)
        rect.moveCenter(inner.center())
        return fit_rect(rect, area, frame)
    x = pointer.x() + POINTER_GAP + frame.left()
    if x + size.width() > inner.left() + inner.width():  # no room right: to its left
        x = pointer.x() - POINTER_GAP - frame.right() - size.width()
    y = pointer.y() + POINTER_GAP + frame.top()
    if y + size.height() > inner.top() + inner.height():  # no room below: above it
        y = pointer.y() - POINTER_GAP - frame.bottom() - size.height()
    return fit_rect(QRect(QPoint(x, y), size), area, frame)


# ----- asking Qt ---------------------------------------------------------------------------

def frame_margins(window: QWidget) -> QMargins:
    """The frame the window system puts around ``window``: measured once it has been shown
    (and the platform has one), else :data:`FRAME_GUESS`."""
    outer, inner = window.frameGeometry(), window.geometry()
    margins = QMargins(inner.left() - outer.left(), inner.top() - outer.top(),
                       outer.right() - inner.right(), outer.bottom() - inner.bottom())
    if window.isVisible() and margins.top() > 0:
        return margins
    return FRAME_GUESS


def available_areas() -> list[QRect]:
    """Every screen's available geometry, the primary screen's first."""
    primary = QGuiApplication.primaryScreen()
    screens = QGuiApplication.screens()
    ordered = ([primary] if primary else []) + [s for s in screens if s is not primary]
    return [s.availableGeometry() for s in ordered]


def fit_size(window: QWidget, size: QSize) -> QSize:
    """``size`` no larger than the available area of the screen ``window`` is on (or will
    open on: a dialog's parent's), frame included — for a dialog's first size."""
    screen = window.screen() or QGuiApplication.primaryScreen()
    if screen is None:
        return size
    return size.boundedTo(screen.availableGeometry().marginsRemoved(FRAME_GUESS).size())


def scrolling(page: QWidget) -> QScrollArea:
    """``page`` in a frameless scroll area: a tall form (Settings' Connection tab) then
    needs no more height than a small screen has; it scrolls instead."""
    area = QScrollArea()
    area.setObjectName(f"{page.objectName() or 'page'}Scroll")
    area.setWidgetResizable(True)
    area.setFrameShape(QFrame.Shape.NoFrame)
    area.setWidget(page)
    return area


def _clamp(value: int, low: int, high: int) -> int:
    return max(low, min(value, high))


def _area(rect: QRect) -> int:
    return 0 if rect.isEmpty() else rect.width() * rect.height()
