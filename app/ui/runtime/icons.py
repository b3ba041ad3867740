"""Parley's own icons: line drawings in ``resources/icons/*.svg``, drawn in the palette's colours.

Buttons show these instead of emoji text (📎, 🎨, ⚙): emoji need a colour-emoji font that a
fresh Linux machine may not have, where they showed as empty boxes. Each SVG draws with
``currentColor``; :func:`icon` replaces it with the palette's button-text colour (and the
disabled colour for the disabled state). The pixmaps are drawn when Qt first asks for one,
at exactly the size and screen scale asked (:class:`_SvgEngine`), so icons are sharp at 2×
or 1.5× and readable in light and dark — and building a window draws none: the buttons of
the main window used to cost ~6 ms of rendering before its first paint.

- :func:`icon` (name → QIcon), cached per name and colours: cheap to call again.
- :func:`set_icon` puts one on a button (or anything with ``setIcon``) and redraws it when
  the widget's palette changes (light ⇄ dark, the system's theme), so callers never track
  the theme themselves.
- :data:`NAMES`: the icons that exist; ``icon`` of any other name is a null QIcon (and a
  log line), never an exception, so a missing file cannot stop a window from opening.

Threading: GUI thread only (QPixmap, QSvgRenderer).
"""

from __future__ import annotations

import logging
import math
from collections.abc import Iterable
from functools import cache

import shiboken6
from PySide6.QtCore import QByteArray, QEvent, QObject, QRect, QRectF, QSize, Qt
from PySide6.QtGui import (
    QColor,
    QGuiApplication,
    QIcon,
    QIconEngine,
    QImage,
    QPainter,
    QPalette,
    QPixmap,
)
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QAbstractButton, QToolButton, QWidget

from app import resources

log = logging.getLogger(__name__)

FOLDER = resources.path("icons")
# Every icon file but the application's own (parley.svg, a full-colour logo).
NAMES = frozenset(p.stem for p in FOLDER.glob("*.svg")) - {"parley"}
SIZES = (16, 20, 24)  # logical px the icons are offered at: small, tool buttons, large ones
_PROPERTY = "parleyIcon"  # the icon name set_icon put on a widget


def icon(name: str, palette: QPalette | None = None, *, on_highlight: bool = False) -> QIcon:
    """The icon ``name`` (a file stem in resources/icons) in ``palette``'s button-text colour
    (the application's palette by default); its disabled state in the disabled colour.
    ``on_highlight``: an entry of a menu or list, drawn in the highlighted text's colour
    while it is under the pointer or the keyboard (the text's colour on the highlight is
    hard to see)."""
    palette = palette or QGuiApplication.palette()
    normal = palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.ButtonText)
    disabled = palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText)
    active = (palette.color(QPalette.ColorGroup.Normal, QPalette.ColorRole.HighlightedText)
              if on_highlight else normal)
    return _icon(name, normal.name(QColor.NameFormat.HexArgb),
                 disabled.name(QColor.NameFormat.HexArgb), active.name(QColor.NameFormat.HexArgb))


def set_icon(button: QAbstractButton, name: str) -> None:
    """Give ``button`` the icon ``name`` and keep it in the button's palette colours from
    now on (redrawn on every palette or style change)."""
    button.setProperty(_PROPERTY, name)
    button.setIcon(icon(name, button.palette()))
    button.installEventFilter(_recolourer())


def icon_button(parent: QWidget, name: str, size: int, tip: str, accessible: str, *,
                object_name: str = "", raised: bool = False) -> QToolButton:
    """An icon-only tool button: the icon ``name`` at ``size`` px in its palette's colours,
    a tooltip and an accessible name (an icon-only button needs both), flat unless
    ``raised``. The caller connects it."""
    button = QToolButton(parent)
    if object_name:
        button.setObjectName(object_name)
    set_icon(button, name)
    button.setIconSize(QSize(size, size))
    button.setAutoRaise(not raised)
    button.setToolTip(tip)
    button.setAccessibleName(accessible)
    return button


def plain_buttons(buttons: Iterable[QAbstractButton]) -> None:
    """No icon on a dialog's standard buttons (Save, Cancel, OK, Open): the platform's
    stock icons (a floppy disk, a red cross) clash with Parley's own line icons, and no
    chat app puts them there."""
    for button in buttons:
        button.setIcon(QIcon())


@cache
def _svg(name: str) -> str | None:
    try:
        return (FOLDER / f"{name}.svg").read_text(encoding="utf-8")
    except OSError as error:
        log.warning("icon %r cannot be read: %s", name, error)
        return None


@cache
def _icon(name: str, normal: str, disabled: str, active: str) -> QIcon:
    source = _svg(name)
    if source is None:
        return QIcon()
    colours = {QIcon.Mode.Normal: normal, QIcon.Mode.Disabled: disabled,
               QIcon.Mode.Active: active, QIcon.Mode.Selected: active}
    return QIcon(_SvgEngine(source, colours, {}))


class _SvgEngine(QIconEngine):
    """One icon with a colour per mode (normal, disabled, under the pointer, selected),
    drawn at each size and scale Qt asks for and kept: a toolbar asks for one or two, never
    the dozen drawn ahead before.

    Threading: GUI thread only, as QIcon is. Clones share the drawn pixmaps."""

    def __init__(self, source: str, colours: dict[QIcon.Mode, str],
                 drawn: dict[tuple[str, int, int], QPixmap]) -> None:
        super().__init__()
        self._source, self._colours = source, colours
        self._drawn = drawn  # (colour, side px, scale in %) → pixmap

    def clone(self) -> QIconEngine:
        return _SvgEngine(self._source, self._colours, self._drawn)

    def key(self) -> str:
        return "ParleySvg"

    def availableSizes(self, mode: QIcon.Mode = QIcon.Mode.Normal,
                       state: QIcon.State = QIcon.State.Off) -> list[QSize]:
        return [QSize(size, size) for size in SIZES]

    def actualSize(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QSize:
        side = min(size.width(), size.height())
        return QSize(side, side)  # square, as every icon is drawn

    def pixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State) -> QPixmap:
        return self.scaledPixmap(size, mode, state, 1.0)

    def scaledPixmap(self, size: QSize, mode: QIcon.Mode, state: QIcon.State,
                     scale: float) -> QPixmap:
        side = max(1, min(size.width(), size.height()))
        colour = self._colours.get(mode, self._colours[QIcon.Mode.Normal])
        key = (colour, side, round(max(scale, 1.0) * 100))
        pixmap = self._drawn.get(key)
        if pixmap is None:
            renderer = QSvgRenderer(QByteArray(_recolour(self._source, colour).encode()))
            pixmap = self._drawn[key] = _render(renderer, side, key[2] / 100)
        return pixmap

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode,
              state: QIcon.State) -> None:
        device = painter.device()
        scale = device.devicePixelRatioF() if device is not None else 1.0
        painter.drawPixmap(rect, self.scaledPixmap(rect.size(), mode, state, scale))


def _recolour(svg: str, colour: str) -> str:
    """``currentColor`` → ``colour`` (#AARRGGBB becomes #RRGGBB plus an opacity, which SVG
    Tiny understands)."""
    alpha = int(colour[1:3], 16)
    svg = svg.replace("currentColor", "#" + colour[3:])
    if alpha < 255:
        svg = svg.replace("<g ", f'<g opacity="{alpha / 255:.3f}" ', 1)
    return svg


def _render(renderer: QSvgRenderer, size: int, scale: float) -> QPixmap:
    pixels = max(1, math.ceil(size * scale))
    image = QImage(pixels, pixels, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(Qt.GlobalColor.transparent)
    painter = QPainter(image)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    renderer.render(painter, QRectF(0, 0, pixels, pixels))
    painter.end()
    pixmap = QPixmap.fromImage(image)
    pixmap.setDevicePixelRatio(scale)
    return pixmap


class _Recolourer(QObject):
    """Redraws a widget's icon when its palette or style changes (see :func:`set_icon`)."""

    EVENTS = (QEvent.Type.PaletteChange, QEvent.Type.ApplicationPaletteChange,
              QEvent.Type.StyleChange)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() in self.EVENTS and isinstance(watched, QAbstractButton):
            name = watched.property(_PROPERTY)
            if name:
                watched.setIcon(icon(name, watched.palette()))
        return False


_filter: list[_Recolourer] = []


def _recolourer() -> _Recolourer:
    """One filter for the whole application, owned by it (it outlives every widget)."""
    if not _filter or not shiboken6.isValid(_filter[0]):
        _filter[:] = [_Recolourer(QGuiApplication.instance())]
    return _filter[0]
