"""Parley's icons: every name the interface uses has a drawing, and icons are drawn in the
palette's colours (light and dark), sharp at 2×, and follow a palette change."""

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtSvg import QSvgRenderer
from PySide6.QtWidgets import QToolButton

from app.core.render import DARK, LIGHT
from app.ui.runtime.appearance import build_palette
from app.ui.runtime.icons import FOLDER, NAMES, icon, set_icon

APP_UI = Path(__file__).resolve().parents[3] / "app" / "ui"
USED = re.compile(r"""\b(?:(?:set_icon|icon_button)\([^,()]+,\s*|icon\()["']([\w-]+)["']""")


def used_names() -> set[str]:
    return {name for path in APP_UI.rglob("*.py")
            for name in USED.findall(path.read_text(encoding="utf-8"))}


def test_every_icon_the_interface_uses_exists():
    used = used_names()
    assert {"paperclip", "palette", "gear", "send", "stop", "close"} <= used
    assert used <= NAMES, f"no drawing for {sorted(used - NAMES)}"


@pytest.mark.parametrize("name", sorted(NAMES))
def test_each_drawing_is_valid_and_recolourable(name):
    source = (FOLDER / f"{name}.svg").read_text(encoding="utf-8")
    assert "currentColor" in source, "drawn in currentColor, so the palette can recolour it"
    assert QSvgRenderer(source.encode()).isValid()
    assert not icon(name).isNull()


def test_the_other_engineers_icons_exist():
    """The per-message transcript needs these (copy, edit, regenerate, delete, branches)."""
    assert {"copy", "edit", "regenerate", "delete", "chevron-left", "chevron-right"} <= NAMES


def centre(qicon: QIcon, size: int = 20, ratio: float = 1.0,
           mode: QIcon.Mode = QIcon.Mode.Normal) -> QColor:
    image = qicon.pixmap(QSize(size, size), ratio, mode).toImage()
    return image.pixelColor(image.width() // 2, image.height() // 2)


def test_drawn_in_the_palettes_text_colour_light_and_dark():
    light, dark = build_palette(LIGHT), build_palette(DARK)
    on_light, on_dark = centre(icon("stop", light)), centre(icon("stop", dark))  # a filled square
    assert on_light.name() == light.color(QPalette.ColorRole.ButtonText).name()
    assert on_dark.name() == dark.color(QPalette.ColorRole.ButtonText).name()
    disabled = centre(icon("stop", light), mode=QIcon.Mode.Disabled)
    assert disabled.name() == light.color(QPalette.ColorGroup.Disabled,
                                          QPalette.ColorRole.ButtonText).name()


def test_sharp_at_twice_the_scale():
    pixmap = icon("gear").pixmap(QSize(20, 20), 2.0)
    assert pixmap.size() == QSize(40, 40) and pixmap.devicePixelRatio() == 2.0


def test_unknown_name_is_a_null_icon_not_an_error():
    assert icon("no-such-icon").isNull()


def test_set_icon_follows_a_palette_change(qtbot):
    button = QToolButton()
    qtbot.addWidget(button)
    button.setPalette(build_palette(LIGHT))
    set_icon(button, "stop")
    assert centre(button.icon()).name() == LIGHT.text.lower()
    button.setPalette(build_palette(DARK))  # the theme changed: the icon is redrawn
    assert centre(button.icon()).name() == DARK.text.lower()


def test_drawn_at_the_exact_scale_asked():
    """Drawn on demand at the size times the screen's scale: sharp at 1.5× too (a fixed set
    of 1× and 2× pixmaps would be scaled down and blur)."""
    for ratio, pixels in ((1.0, 20), (1.5, 30), (1.25, 25)):
        pixmap = icon("gear").pixmap(QSize(20, 20), ratio)
        assert pixmap.size() == QSize(pixels, pixels)
        assert pixmap.devicePixelRatio() == ratio


def test_a_copy_outlives_the_original(qtbot):
    """Qt copies icons freely (buttons, actions): each copy draws on its own."""
    button = QToolButton()
    qtbot.addWidget(button)
    original = QIcon(icon("copy"))
    button.setIcon(original)
    del original
    button.setIconSize(QSize(24, 24))
    assert not button.icon().pixmap(QSize(24, 24), 2.0).isNull()
    assert button.icon().actualSize(QSize(24, 24)) == QSize(24, 24)


def test_a_menu_entrys_icon_takes_the_highlighted_texts_colour_under_the_pointer():
    palette = build_palette(LIGHT)
    entry = icon("stop", palette, on_highlight=True)
    text = palette.color(QPalette.ColorRole.ButtonText).name()
    highlighted = palette.color(QPalette.ColorRole.HighlightedText).name()
    assert text != highlighted
    assert centre(entry).name() == text
    assert centre(entry, mode=QIcon.Mode.Active).name() == highlighted
    assert centre(entry, mode=QIcon.Mode.Selected).name() == highlighted
    assert centre(icon("stop", palette), mode=QIcon.Mode.Active).name() == text  # a button
