"""A machine that cannot draw Chinese or emoji is told so, and how to fix it — in English,
which any machine can draw — in the window and in the log."""

import logging

import pytest

from app.ui.runtime import fonts
from tests.ui.flow import start_app, stop_app


def test_this_machine_has_chinese_and_emoji_fonts():
    """The test machine has packaging/apt-packages.txt's fonts: no notice."""
    assert fonts.chinese_fonts() and fonts.emoji_fonts()
    assert fonts.font_notice() == ""


@pytest.mark.parametrize("chinese, emoji, words, package", [
    ([], ["Noto Color Emoji"], "No Chinese font", "fonts-noto-cjk"),
    (["Noto Sans CJK HK"], [], "No emoji font", "fonts-noto-color-emoji"),
    ([], [], "No Chinese or emoji font", "fonts-noto-cjk fonts-noto-color-emoji"),
])
def test_missing_fonts_are_named_with_the_fix(monkeypatch, caplog, chinese, emoji, words,
                                              package):
    monkeypatch.setattr(fonts, "chinese_fonts", lambda: chinese)
    monkeypatch.setattr(fonts, "emoji_fonts", lambda: emoji)
    monkeypatch.setattr(fonts.sys, "platform", "linux")
    with caplog.at_level(logging.WARNING, logger=fonts.__name__):
        notice = fonts.font_notice()
    assert notice.startswith(words) and "empty boxes" in notice
    assert f"sudo apt install {package}" in notice and "restart Parley" in notice
    assert notice in caplog.text  # in parley.log too
    notice.encode("ascii")  # drawable without the missing fonts


async def test_the_window_says_so(gateway, monkeypatch, qtbot):
    monkeypatch.setattr(fonts, "chinese_fonts", lambda: [])
    app = await start_app(gateway, monkeypatch)
    try:
        assert "No Chinese font" in app.window.notice.text() and app.window.notice.isVisible()
    finally:
        await stop_app(app)
