"""Links in the transcript: the target on hover, a question before a misleading one opens,
nothing opened without a click."""

import pytest
from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import QMessageBox

from app.ui.chat.links import describe_link, open_checked_link
from app.ui.window.main_window import MainWindow


@pytest.fixture
def opened(monkeypatch):
    urls = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: urls.append(url.toString()))
    return urls


def test_hover_says_where_a_link_goes(qtbot):
    window = MainWindow()
    qtbot.addWidget(window)
    window.transcript.highlighted.emit(QUrl("https://www.eduhk.hk/library"))
    assert window.status.currentMessage() == "Opens https://www.eduhk.hk/library"
    window.transcript.highlighted.emit(QUrl(
        "parley-link:http%3A%2F%2Felsewhere.example;www.eduhk.hk"))
    assert "elsewhere.example" in window.status.currentMessage()
    assert "not www.eduhk.hk" in window.status.currentMessage()
    window.transcript.highlighted.emit(QUrl())
    assert window.status.currentMessage() == ""


def test_an_image_placeholder_says_its_host_on_hover():
    text = describe_link(QUrl("parley-image:https%3A%2F%2Fcdn.example.org%2Fb.png"))
    assert "cdn.example.org" in text


def test_a_misleading_link_asks_before_opening(qtbot, opened):
    window = MainWindow()
    qtbot.addWidget(window)
    box = open_checked_link(window, "http%3A%2F%2Felsewhere.example%2Fx;www.eduhk.hk")
    assert isinstance(box, QMessageBox) and box.isVisible() and opened == []
    assert "www.eduhk.hk" in box.text() and "http://elsewhere.example/x" in box.text()
    box.button(QMessageBox.StandardButton.Cancel).click()
    assert opened == []
    box = open_checked_link(window, "http%3A%2F%2Felsewhere.example%2Fx;www.eduhk.hk")
    box.button(QMessageBox.StandardButton.Open).click()
    assert opened == ["http://elsewhere.example/x"]


def test_clicking_a_misleading_link_in_the_transcript_asks(qtbot, opened):
    window = MainWindow()
    qtbot.addWidget(window)
    seen = []
    window.transcript.actionRequested.connect(lambda kind, arg: seen.append((kind, arg)))
    window.transcript.anchorClicked.emit(QUrl(
        "parley-link:http%3A%2F%2Felsewhere.example;www.eduhk.hk"))
    assert seen == [("link", "http%3A%2F%2Felsewhere.example;www.eduhk.hk")] and opened == []
