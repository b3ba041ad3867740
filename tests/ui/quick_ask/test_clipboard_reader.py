"""Clipboard → quick-ask request content: text, a copied image, a copied image file."""

import base64

import pytest
from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtGui import QColor, QGuiApplication, QImage

from app.core.errors import InputError
from app.core.quick_ask import ClipboardContent, build_request
from app.ui.quick_ask.clipboard import read_clipboard
from tests.gateway import PNG_BYTES


@pytest.fixture
def clipboard(qapp):
    board = QGuiApplication.clipboard()
    board.clear()
    yield board
    board.clear()


def decoded(url: str) -> QImage:
    header, payload = url.split(",", 1)
    assert header == "data:image/png;base64"
    image = QImage()
    assert image.loadFromData(base64.b64decode(payload), "PNG")
    return image


async def test_text_becomes_the_request_text(clipboard):
    clipboard.setText("  Photosynthesis converts light into chemical energy.\n")
    content = await read_clipboard()
    assert content == ClipboardContent("  Photosynthesis converts light into chemical energy.\n")
    request = build_request(content)
    assert request.text.endswith("```\n  Photosynthesis converts light into chemical energy.\n```")
    assert request.images == ()


async def test_an_image_becomes_a_png_data_url_part(clipboard):
    image = QImage(40, 30, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    clipboard.setImage(image)
    content = await read_clipboard()
    assert content.text == "" and content.image_mime == "image/png"
    picture = decoded(content.image_url)
    assert (picture.width(), picture.height()) == (40, 30)
    assert picture.pixelColor(5, 5) == QColor("red")
    request = build_request(content, action="explain")
    assert request.text == "Explain the attached image clearly and concisely."
    assert request.message()["content"][1] == {"type": "image_url",
                                               "image_url": {"url": content.image_url}}


async def test_prepare_gets_the_bytes_in_a_worker_and_its_result_is_used(clipboard):
    import threading

    seen = []

    def prepare(data: bytes, name: str) -> tuple[str, str]:
        seen.append((data[:8], name, threading.current_thread() is threading.main_thread()))
        return "data:image/jpeg;base64,AAAA", "image/jpeg"

    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(QColor("blue"))
    clipboard.setImage(image)
    content = await read_clipboard(prepare)
    assert seen == [(b"\x89PNG\r\n\x1a\n", "clipboard.png", False)]
    assert (content.image_url, content.image_mime) == ("data:image/jpeg;base64,AAAA", "image/jpeg")


async def test_prepare_errors_pass_through(clipboard):
    def refuse(data, name):
        raise InputError(f"{name} is damaged")

    clipboard.setImage(QImage(4, 4, QImage.Format.Format_RGB32))
    with pytest.raises(InputError, match="clipboard.png is damaged"):
        await read_clipboard(refuse)


async def test_a_copied_image_file_is_read_and_its_path_dropped(clipboard, tmp_path):
    path = tmp_path / "diagram.png"
    path.write_bytes(PNG_BYTES)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    mime.setText(str(path))
    clipboard.setMimeData(mime)
    content = await read_clipboard()
    assert content.text == "" and content.image_url.startswith("data:image/png;base64,")
    assert base64.b64decode(content.image_url.split(",", 1)[1]) == PNG_BYTES


async def test_a_copied_file_that_is_not_an_image_stays_text(clipboard, tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("hello")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(path))])
    mime.setText(str(path))
    clipboard.setMimeData(mime)
    assert await read_clipboard() == ClipboardContent(str(path))


async def test_image_with_real_text_keeps_both(clipboard):
    mime = QMimeData()
    mime.setImageData(QImage(4, 4, QImage.Format.Format_RGB32))
    mime.setText("Figure 2: results")
    clipboard.setMimeData(mime)
    content = await read_clipboard()
    assert content.text == "Figure 2: results" and content.image_url


async def test_an_empty_clipboard_has_nothing_to_ask(clipboard):
    content = await read_clipboard()
    assert content.is_empty
    with pytest.raises(InputError, match="nothing to explain: the clipboard is empty"):
        build_request(content)
