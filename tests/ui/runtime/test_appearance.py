"""The window palette and the transcript theme always agree."""

from app.core.render import DARK, LIGHT
from app.ui.runtime.appearance import apply_appearance, palette_is_dark


def test_explicit_dark_and_light_change_the_palette_and_theme(qapp):
    try:
        assert apply_appearance("dark") is DARK and palette_is_dark()
        assert apply_appearance("light") is LIGHT and not palette_is_dark()
    finally:
        apply_appearance("system")


def test_system_theme_matches_the_palette(qapp):
    theme = apply_appearance("system")
    assert (theme is DARK) == palette_is_dark()
