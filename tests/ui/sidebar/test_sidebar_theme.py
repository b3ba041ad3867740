"""Light and dark in the sidebar: a switch in Settings repaints the conversation list at once
(it kept the old theme until restart)."""

from dataclasses import replace

import pytest
from PySide6.QtGui import QGuiApplication, QPalette

from app.ui.runtime.appearance import apply_appearance
from tests.ui.flow import start_app, stop_app, type_and_send, until


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch)
    yield app
    apply_appearance("system")
    await stop_app(app)


def looks(app):
    """The list as painted: its empty background, a group title's colour and a selected
    row's colour; and what the application's palette says they should be."""
    tree = app.window.sidebar.tree
    picture = tree.viewport().grab().toImage()
    selected = tree.visualItemRect(tree.currentItem())
    painted = (picture.pixelColor(picture.width() // 2, picture.height() - 4).name(),
               tree.topLevelItem(0).foreground(0).color().name(),
               # inside the row and the visible list (the row may run past a narrow viewport)
               picture.pixelColor(min(selected.right(), picture.width() - 1) - 3,
                                  selected.center().y()).name())
    palette = QGuiApplication.palette()
    wanted = (palette.color(QPalette.ColorRole.Base).name(),
              palette.color(QPalette.ColorRole.PlaceholderText).name(),
              palette.color(QPalette.ColorRole.Highlight).name())
    return painted, wanted


async def palette_arrived(app):
    """Qt hands a new application palette to the widgets in posted events."""
    base = QPalette.ColorRole.Base
    await until(lambda: app.window.sidebar.palette().color(base)
                == QGuiApplication.palette().color(base))


@pytest.mark.parametrize("first,second", [("light", "dark"), ("dark", "light")])
async def test_switching_the_theme_repaints_the_sidebar(parley, first, second):
    parley.apply_settings(replace(parley.settings, theme=first))
    await type_and_send(parley, "Hello")  # one conversation, selected
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy
                and parley.window.sidebar.tree.currentItem() is not None)
    await palette_arrived(parley)
    painted, wanted = looks(parley)
    assert painted == wanted
    for theme in (second, first, second):  # what Settings' Save does
        parley.apply_settings(replace(parley.settings, theme=theme))
        await palette_arrived(parley)
        painted, after = looks(parley)
        assert after != wanted and painted == after, theme
        wanted = after
