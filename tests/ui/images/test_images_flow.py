"""Images both ways through the whole window against the loopback gateway: attach (drop,
paste, picker path), prepare off the UI thread, send, see, restart and find; make images
with /imagine; the balance in the status bar."""

import pytest
from PySide6.QtCore import QMimeData, QUrl

from app.ui.images.offered import Offered
from tests import imagegen
from tests.ui.flow import HELLO, start_app, stop_app, tasks_done, type_and_send, until


@pytest.fixture
def photo(tmp_path):
    """A 3000×2000 camera-like JPEG taken with the camera turned (EXIF orientation 6)."""
    path = tmp_path / "whiteboard.jpg"
    path.write_bytes(imagegen.jpeg_with_orientation(imagegen.photo((3000, 2000)), 6))
    return path


def strip(app):
    return app.window.composer.strip


async def test_dropped_photo_is_prepared_sent_shown_and_kept(parley, gateway, photo,
                                                             monkeypatch):
    parley.window.imagesDropped.emit([Offered("path", str(photo), photo.name)])
    assert strip(parley).isVisible() and strip(parley).names() == ["whiteboard.jpg"]
    chip = strip(parley).chips[next(iter(strip(parley).chips))]
    await until(lambda: chip.picture.pixmap() is not None and not chip.picture.pixmap().isNull())
    await until(lambda: "Sends" in chip.toolTip())
    assert "scaled from 2000×3000" in chip.toolTip()  # turned upright first
    parley.window.composer.set_text("What is on this whiteboard?")
    parley.window.composer.send_button.click()
    await until(lambda: len(parley.controller.path) == 2
                and parley.controller.path[-1].status == "complete")
    [image] = gateway.received_images()
    assert (image.mime, image.width, image.height) == ("image/jpeg", 1365, 2048)
    assert not strip(parley).isVisible() and parley.window.composer.text() == ""
    assert "\ufffc" in parley.window.transcript.toPlainText()  # the thumbnail is in place
    question = parley.controller.path[0]
    assert [a.name for a in question.attachments] == ["whiteboard.jpg"]
    url = f"parley-thumb:{question.attachments[0].id}"
    await until(lambda: parley.window.transcript.has_image(url))
    conversation_id = parley.controller.conversation.id

    # Restart: the picture is still there, and asking again resends it.
    await stop_app(parley)
    again = await start_app(gateway, monkeypatch)
    try:
        await again.controller.open(conversation_id)
        [shown] = again.controller.path[0].attachments
        assert shown.width == 1365
        await until(lambda: again.window.transcript.has_image(f"parley-thumb:{shown.id}"))
        again.controller._action("action", f"regenerate:{again.controller.path[-1].id}")
        await until(lambda: again.controller.path[-1].sibling_count == 2
                    and again.controller.path[-1].status == "complete")
        assert len(gateway.received_images()) == 1
    finally:
        await stop_app(again)


async def test_pasted_image_bytes_and_files_become_attachments(parley, tmp_path):
    edit = parley.window.composer.edit
    mime = QMimeData()
    mime.setData("image/png", imagegen.transparent_png((300, 200)))
    assert edit.canInsertFromMimeData(mime)
    edit.insertFromMimeData(mime)
    copied = tmp_path / "diagram.png"
    copied.write_bytes(imagegen.encode(imagegen.screenshot((800, 600)), "PNG"))
    files = QMimeData()
    files.setUrls([QUrl.fromLocalFile(str(copied))])
    edit.insertFromMimeData(files)
    text = QMimeData()
    text.setText("plain words")
    edit.insertFromMimeData(text)
    assert strip(parley).names() == ["pasted image", "diagram.png"]
    assert edit.toPlainText() == "plain words"  # text is still pasted as text
    images = await parley.controller.pending.ready()
    assert [i.mime for i in images] == ["image/png", "image/png"]  # transparency, screenshot


async def test_bad_file_is_named_and_nothing_else_is_lost(parley, tmp_path):
    notes = tmp_path / "notes.png"  # named like a picture, but it is not one
    notes.write_text("not a picture")
    parley.window.composer.set_text("my long question")
    parley.window.imagesDropped.emit([Offered("path", str(notes), notes.name)])
    await until(lambda: parley.window.notice.isVisible())
    assert "notes.png" in parley.window.notice.text()
    assert not strip(parley).chips and parley.window.composer.text() == "my long question"


async def test_removing_a_chip_drops_the_image(parley, gateway, photo):
    parley.window.imagesDropped.emit([Offered("path", str(photo), photo.name)])
    key = next(iter(strip(parley).chips))
    strip(parley).chips[key].remove.click()
    assert not strip(parley).chips and not parley.controller.pending
    await type_and_send(parley, "no picture after all")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    assert gateway.received_images() == []


async def test_model_not_known_to_read_images_is_said_before_sending(parley, gateway, photo):
    parley.controller._params_changed({"model": "gpt-35-turbo"})
    parley.window.imagesDropped.emit([Offered("path", str(photo), photo.name)])
    await type_and_send(parley, "what is this?")
    await until(lambda: parley.window.notice.isVisible())
    assert "gpt-35-turbo" in parley.window.notice.text()
    assert parley.controller.conversation is None and strip(parley).chips  # nothing sent
    parley.window.composer.send_button.click()  # "send anyway"
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    assert len(gateway.received_images()) == 1


async def test_imagine_makes_keeps_and_saves_an_image(parley, gateway, tmp_path):
    await type_and_send(parley, "/imagine a red panda reading in a library")
    await until(lambda: len(parley.controller.path) == 2
                and parley.controller.path[-1].status == "complete")
    request = next(r for r in gateway.requests if "images" in r.path)
    assert request.json["prompt"] == "a red panda reading in a library"
    answer = parley.controller.path[-1]
    [made] = answer.attachments
    assert made.kind == "generated" and made.revised_prompt.startswith("A vivid rendering")
    text = parley.window.transcript.toPlainText()
    assert "/imagine a red panda" in text and "A vivid rendering" in text and "Save as" in text
    target = tmp_path / "panda.png"
    path = await parley.history.attachment_path(made)
    await parley.controller.images._copy_file(path, str(target))
    assert target.read_bytes() == path.read_bytes()


async def test_imagine_from_image_mode_and_content_policy_refusal(parley, gateway):
    composer = parley.window.composer
    composer.set_image_mode(True)
    composer.size_box.setCurrentIndex(1)
    await type_and_send(parley, "something forbidden")  # the gateway's safety system refuses
    await until(lambda: parley.controller.path and parley.controller.path[-1].status == "error")
    request = next(r for r in gateway.requests if "images" in r.path)
    assert request.json["size"] == "1792x1024"
    assert "safety system" in parley.window.transcript.toPlainText()
    assert "Retry" in parley.window.transcript.toPlainText()


async def test_balance_shows_and_refreshes_after_an_answer(parley, gateway):
    label = parley.window.balance_label
    await until(lambda: label.isVisible())
    assert label.text() == "Balance: 87.5 HKD · quota 100 · used 12.5"
    gateway.balance_body = {"balance": 80.25, "currency": "HKD"}
    await type_and_send(parley, "Hello")
    await until(lambda: "80.25" in label.text())
    assert HELLO in parley.window.transcript.toPlainText()


async def test_balance_is_hidden_for_a_gateway_without_one(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch, style="openai")
    try:
        await tasks_done("balance")  # start-up's balance check has run: nothing to show
        assert not app.window.balance_label.isVisible()
    finally:
        await stop_app(app)


async def test_web_image_in_an_answer_loads_only_when_clicked(parley, gateway):
    image_url = f"{gateway.url}/files/chart.png"
    gateway.stream_text(f"Here is the chart:\n\n![a chart]({image_url})\n\nDone.", chunks=4)
    await type_and_send(parley, "show me a chart")
    await until(lambda: len(parley.controller.path) == 2
                and parley.controller.path[-1].status == "complete")
    transcript = parley.window.transcript
    assert "click to load" in transcript.toPlainText()
    assert not any("/files/" in r.path for r in gateway.requests)  # nothing fetched unasked
    href = next(a for a in _anchors(transcript) if a.startswith("parley-image:"))
    transcript.anchorClicked.emit(QUrl(href))
    await until(lambda: "click to load" not in transcript.toPlainText())
    fetch = next(r for r in gateway.requests if "/files/" in r.path)
    assert "api-key" not in fetch.headers and "authorization" not in fetch.headers
    assert image_url in _anchors(transcript)  # the picture links to its address


def _anchors(transcript):
    return transcript.anchors()  # every link shown, message by message


async def test_editing_a_question_keeps_its_images(parley, gateway, photo):
    parley.window.imagesDropped.emit([Offered("path", str(photo), photo.name)])
    await type_and_send(parley, "what is this?")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy)
    question = parley.controller.path[0]
    parley.controller._action("action", f"edit:{question.id}")
    assert strip(parley).names() == ["whiteboard.jpg"]
    assert parley.window.composer.text() == "what is this?"
    await type_and_send(parley, "what is written here?")
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy
                and parley.controller.path[0].id != question.id)
    edited = parley.controller.path[0]
    assert edited.sibling_count == 2 and edited.attachments[0].sha256 == \
        question.attachments[0].sha256
    assert len(gateway.received_images()) == 1  # sent again with the edited question
