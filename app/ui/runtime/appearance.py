"""Light and dark: the window's palette and the transcript's theme always agree.

"system" follows the OS colour scheme. An explicit choice asks Qt for that scheme and, where
the platform ignores the request (plain X11, older Qt), switches to the Fusion style with a
palette built from the renderer's theme, so a dark transcript never sits on a light window.
The renderer's theme is chosen from the palette actually in effect, not from the setting.
Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

from app.core.render import DARK, LIGHT, Theme

_original_style: str | None = None


def palette_is_dark(palette: QPalette | None = None) -> bool:
    palette = palette or QGuiApplication.palette()
    return palette.color(QPalette.ColorRole.Window).lightness() < 128


def theme_for_palette() -> Theme:
    return DARK if palette_is_dark() else LIGHT


def build_palette(theme: Theme) -> QPalette:
    dark = theme is DARK
    window = QColor("#1f2226" if dark else "#f3f4f6")
    base = QColor(theme.background)
    text = QColor(theme.text)
    palette = QPalette()
    roles = {
        QPalette.ColorRole.Window: window, QPalette.ColorRole.WindowText: text,
        QPalette.ColorRole.Base: base, QPalette.ColorRole.Text: text,
        QPalette.ColorRole.AlternateBase: QColor("#2a2f36" if dark else "#eef1f5"),
        QPalette.ColorRole.Button: QColor("#2b3038" if dark else "#ffffff"),
        QPalette.ColorRole.ButtonText: text, QPalette.ColorRole.ToolTipBase: base,
        QPalette.ColorRole.ToolTipText: text, QPalette.ColorRole.Link: QColor(theme.link),
        QPalette.ColorRole.Highlight: QColor("#2f6fd6"),
        QPalette.ColorRole.HighlightedText: QColor("#ffffff"),
        QPalette.ColorRole.PlaceholderText: QColor(theme.muted),
        QPalette.ColorRole.BrightText: QColor("#ffffff"),
    }
    for role, color in roles.items():
        palette.setColor(role, color)
    for role in (QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText,
                 QPalette.ColorRole.WindowText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor(theme.muted))
    return palette


def apply_appearance(setting: str) -> Theme:
    """Apply "system", "light" or "dark"; return the transcript theme that matches."""
    global _original_style
    app = QApplication.instance()
    hints = QGuiApplication.styleHints()
    if _original_style is None and isinstance(app, QApplication):
        _original_style = app.style().name()
    if hasattr(hints, "setColorScheme"):
        if setting == "dark":
            hints.setColorScheme(Qt.ColorScheme.Dark)
        elif setting == "light":
            hints.setColorScheme(Qt.ColorScheme.Light)
        else:
            hints.unsetColorScheme()
    if not isinstance(app, QApplication):  # none yet, or a QCoreApplication: no styles
        return theme_for_palette()
    if setting in ("light", "dark"):
        want_dark = setting == "dark"
        if palette_is_dark(app.style().standardPalette()) != want_dark or \
                palette_is_dark() != want_dark:
            app.setStyle("Fusion")
            app.setPalette(build_palette(DARK if want_dark else LIGHT))
    else:
        if _original_style and app.style().name() != _original_style:
            app.setStyle(_original_style)
        app.setPalette(app.style().standardPalette())
    return theme_for_palette()


def mix(base: QColor, over: QColor, amount: float) -> QColor:
    """``over`` laid on ``base`` at ``amount`` (0: base, 1: over): tints of the theme's
    accent colours on the window's for cards, chips and banners."""
    return QColor.fromRgbF(*(b + (o - b) * amount for o, b in (
        (over.redF(), base.redF()), (over.greenF(), base.greenF()),
        (over.blueF(), base.blueF()))))


def notice_style(error: bool = True) -> str:
    """A style sheet for a one-line notice in the current theme: for a failure, a tint and a
    bar of the theme's error colour (readable on light and dark); else none."""
    if not error:
        return ""
    colour = theme_for_palette().error
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return (f"QLabel {{ background: rgba({red}, {green}, {blue}, 30); "
            f"border-left: 3px solid {colour}; padding: 4px 8px; border-radius: 3px; }}")
