"""The running app with its Settings object: unusable settings are shown, never raised; what
the dialog saves is applied and stored; live changes are not undone by Save."""

import json
from dataclasses import replace

import pytest

from app.core.config import paths
from app.core.config.settings import Settings
from app.core.render import DARK
from app.ui.runtime.appearance import apply_appearance, palette_is_dark
from tests.ui.flow import start_app, stop_app


async def test_unusable_settings_start_with_defaults_and_a_notice(gateway, monkeypatch, qtbot):
    config = paths.config_dir() / "config.json"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text(json.dumps({"settings": {"theme": "neon", "presets": ["Marker"]}}))
    app = await start_app(gateway, monkeypatch, model_titles=True)  # True: nothing rewritten
    try:
        assert app.settings == Settings()
        notice = app.window.notice.text()
        assert '"theme"' in notice and '"neon"' in notice and '"presets"' in notice
    finally:
        await stop_app(app)


async def test_save_applies_and_stores_the_edited_copy(parley):
    before = parley.settings
    parley.open_settings()
    dialog = parley.dialog
    dialog.theme_box.setCurrentIndex(dialog.theme_box.findData("dark"))
    try:
        dialog._save()
        assert parley.settings.theme == "dark" and before.theme == "system"
        assert Settings.load()[0].theme == "dark"
        assert palette_is_dark() and parley.controller.renderer.theme is DARK
    finally:
        apply_appearance("system")


async def test_a_preset_saved_in_the_header_is_stored(parley):
    parley.window.header.presetSaved.emit("Marker", "Mark the essay out of 10.")
    assert parley.settings.presets["Marker"] == "Mark the essay out of 10."
    assert Settings.load()[0].presets == {"Marker": "Mark the essay out of 10."}
    assert "Marker" in parley.window.header.popup._presets


async def test_a_live_tray_change_survives_save(parley):
    parley.open_settings()
    dialog = parley.dialog
    quick = dialog.tabs.widget(dialog.tabs.count() - 1)
    quick._tray_changed(False)  # what the checkbox does (offscreen there is no tray to tick)
    assert parley.settings.keep_in_tray is False
    dialog._save()
    assert parley.settings.keep_in_tray is False and Settings.load()[0].keep_in_tray is False


async def test_text_size_applies_at_once_and_is_stored(parley):
    window = parley.window
    base = window.transcript.font().pointSizeF()
    parley.open_settings()
    dialog = parley.dialog
    box = dialog.appearance.text_size_box
    box.setCurrentIndex(box.findData("large"))
    dialog._save()
    assert Settings.load()[0].text_size == "large"
    for widget in (window.transcript, window.composer.edit, window.sidebar.tree):
        assert widget.font().pointSizeF() == pytest.approx(base * 1.15)
    assert parley.controller.renderer.theme.math_px == pytest.approx(17 * 1.15)  # formulas too
    parley.apply_settings(replace(parley.settings, text_size="default"))
    assert window.transcript.font().pointSizeF() == pytest.approx(base)


async def test_the_window_comes_back_where_it_was(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch)
    area = app.window.screen().availableGeometry()
    try:
        app.window.setGeometry(area.x() + 30, area.y() + 40, 620, 420)
        app.window.closing.emit()  # what closing the window does (remembered at once)
        assert Settings.load()[0].window_geometry == (area.x() + 30, area.y() + 40, 620, 420)
        app.window.setGeometry(area.x() + 20, area.y() + 50, 640, 400)
    finally:
        await stop_app(app)  # quitting (Ctrl+Q, the tray) remembers it too
    assert Settings.load()[0].window_geometry == (area.x() + 20, area.y() + 50, 640, 400)
    again = await start_app(gateway, monkeypatch)
    try:
        assert again.window.geometry().getRect() == (area.x() + 20, area.y() + 50, 640, 400)
    finally:
        await stop_app(again)


async def test_ctrl_q_quits_the_app(parley, monkeypatch):
    from PySide6.QtCore import QMetaMethod
    signal = QMetaMethod.fromSignal(parley.window.quitRequested)
    assert parley.window.isSignalConnected(signal)  # to QApplication.quit, like the tray's Quit
