"""Documents through the whole window against the loopback gateway (real sockets): drop,
chips with their counts, send (text headed by file and page, image-only pages as images),
over the model's limit (held, Choose pages…), refusals, passwords, Regenerate, Edit, and the
file card in the transcript."""

from pathlib import Path

from PySide6.QtCore import QMimeData, QUrl
from PySide6.QtWidgets import QDialogButtonBox, QInputDialog

from app.ui.documents.pages_dialog import ChoosePages
from tests import docgen
from tests.ui.documents.helpers import (
    chat_requests,
    chips,
    drop,
    read_all,
    sent_images,
    sent_text,
)
from tests.ui.flow import until


async def answered(app, count: int) -> None:
    await until(lambda: len(app.controller.path) == count and not app.controller.busy
                and app.controller.path[-1].status == "complete", timeout=30)


async def test_three_documents_dropped_sent_shown_regenerated(parley, gateway, tmp_path,
                                                              monkeypatch):
    pdf = docgen.sample_pdf(tmp_path / "lecture.pdf")
    word = docgen.sample_docx(tmp_path / "report.docx")
    deck = docgen.sample_pptx(tmp_path / "deck.pptx", slides=3, picture_slides=(2,))
    drop(parley, pdf, word, deck)
    assert set(chips(parley)) == {"lecture.pdf", "report.docx", "deck.pptx"}
    reading = chips(parley)["lecture.pdf"]
    assert reading.state.busy  # "Reading…" and a running bar until the worker is done
    assert reading.summary.text() == "Reading…" and reading.progress.isVisibleTo(reading)
    shown = await read_all(parley, 3)
    assert not reading.progress.isVisibleTo(reading)
    assert shown["lecture.pdf"].state.summary.startswith("4 pages · ~")
    assert shown["lecture.pdf"].state.note == "pages 3 as images"
    assert shown["deck.pptx"].state.summary.startswith("3 slides · ~")
    assert shown["deck.pptx"].state.note == "slides 2 as images"
    assert "lecture.pdf: 4 pages" in shown["lecture.pdf"].accessibleName()
    assert str(pdf) in shown["lecture.pdf"].toolTip()
    assert not parley.window.composer.limit_label.isVisible()

    parley.window.composer.set_text("What do these say?")
    parley.window.composer.send_button.click()
    await answered(parley, 2)
    [request] = chat_requests(gateway)
    text = sent_text(request)
    assert text.startswith("What do these say?")
    for heading in ("--- lecture.pdf · page 1 of 4 ---", "--- lecture.pdf · page 3 of 4 · "
                    "sent as an image", "--- deck.pptx · slide 1 of 3", "report.docx"):
        assert heading in text
    assert docgen.CHINESE in text and "Pens" in text
    assert sent_images(request) == 2  # the scanned PDF page and the photo slide
    assert not chips(parley) and not parley.window.composer.strip.isVisible()

    question = parley.controller.path[0]
    assert [a.name for a in question.attachments] == ["lecture.pdf", "report.docx",
                                                       "deck.pptx"]
    assert all(a.is_document for a in question.attachments)
    plain = parley.window.transcript.toPlainText()
    assert "lecture.pdf" in plain and "4 pages · ~" in plain  # the file card

    opened = []
    monkeypatch.setattr("app.ui.images.views.QDesktopServices.openUrl", opened.append)
    [card, *_] = parley.controller.presenter.view(question).pictures()
    assert card.title == "lecture.pdf" and "pages 3 as images" in card.caption
    parley.window.transcript.anchorClicked.emit(QUrl(card.open_url))
    await until(lambda: opened)
    assert opened[0].toLocalFile().endswith(".pdf")
    assert Path(opened[0].toLocalFile()).read_bytes() == pdf.read_bytes()  # the original

    parley.controller._action("action", f"regenerate:{parley.controller.path[-1].id}")
    await until(lambda: parley.controller.path[-1].sibling_count == 2
                and parley.controller.path[-1].status == "complete", timeout=30)
    again = chat_requests(gateway)[-1]
    assert sent_text(again) == text and sent_images(again) == 2


async def test_pasted_file_urls_and_attach_dialog_offer_documents(parley, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n\nThe exam is on Friday.\n")
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(notes))])
    edit = parley.window.composer.edit
    assert edit.canInsertFromMimeData(mime)
    edit.insertFromMimeData(mime)
    shown = await read_all(parley, 1)
    assert shown["notes.md"].state.kind == "text"
    button = parley.window.composer.attach_button
    assert button.objectName() == "attachButton"
    assert button.accessibleName() == button.toolTip() == "Attach files"
    parley.window.composer.pick_images()
    dialog = parley.window.composer._dialog
    filters = dialog.nameFilters()
    assert filters[0].startswith("Images and documents (") and "*.pdf" in filters[0] \
        and "*.docx" in filters[0] and "*.png" in filters[0]
    assert filters[-1] == "All files (*)"
    dialog.filesSelected.emit([str(docgen.sample_xlsx(tmp_path / "budget.xlsx"))])
    shown = await read_all(parley, 2)
    assert shown["budget.xlsx"].state.summary.startswith("2 sheets")
    dialog.reject()


async def test_over_the_limit_is_said_send_held_and_chosen_pages_sent(parley, gateway,
                                                                       tmp_path):
    model = parley.connection.profile().chat_model
    parley.controller.context_windows = lambda: {model: 9_000}
    long = docgen.text_pdf(tmp_path / "long.pdf", pages=20)
    drop(parley, long)
    composer = parley.window.composer
    composer.set_text("Summarise it")
    [chip] = (await read_all(parley, 1)).values()
    await until(lambda: chip.state.warning)
    assert chip.state.note == f"More than {model} takes (9,000)"
    assert "tokens — more than" in chip.toolTip()
    assert chip.choose.isVisible() and composer.limit_label.isVisible()
    assert "Choose pages" in composer.limit_label.text()
    assert not composer.send_button.isEnabled()
    composer.edit.submitted.emit()  # Enter: held too
    composer._submit()
    assert parley.controller.conversation is None and chat_requests(gateway) == []

    chip.choose.click()
    dialog = parley.controller.documents.dialog
    assert isinstance(dialog, ChoosePages) and dialog.isVisible()
    first, _, last = dialog.field.text().partition("-")
    assert first == "1" and 1 < int(last) < 20  # the range that fits, pre-filled
    assert "fits" in dialog.estimate.text()
    dialog.field.setText("1-99")
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled() and "between 1 and 20" in dialog.estimate.text()
    dialog.field.setText("2-3, 5")
    assert ok.isEnabled() and dialog.estimate.text().startswith("3 pages · ~")
    ok.click()
    await until(lambda: not chip.state.warning)
    assert chip.state.summary.startswith("3 pages of 20")
    assert composer.send_button.isEnabled() and not composer.limit_label.isVisible()
    composer.send_button.click()
    await answered(parley, 2)
    text = sent_text(chat_requests(gateway)[-1])
    assert "only pages 2-3,5 of 20 are attached" in text
    assert "--- long.pdf · page 2 of 20 ---" in text and "page 4 of 20" not in text
    assert "Page 5 line 1:" in text and "Page 1 line 1:" not in text


async def test_legacy_doc_refused_by_name_and_nothing_else_lost(parley, tmp_path):
    old = tmp_path / "minutes.doc"
    old.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2000)
    notes = tmp_path / "notes.txt"
    notes.write_text("keep me")
    composer = parley.window.composer
    composer.set_text("my long draft")
    drop(parley, notes)
    await read_all(parley, 1)
    drop(parley, old)
    await until(lambda: parley.window.notice.isVisible())
    said = parley.window.notice.text()
    assert "minutes.doc" in said and ".docx" in said
    assert list(chips(parley)) == ["notes.txt"] and composer.text() == "my long draft"

    folder = tmp_path / "a folder"
    folder.mkdir()
    drop(parley, folder)
    await until(lambda: "is a folder" in parley.window.notice.text())
    assert list(chips(parley)) == ["notes.txt"] and composer.text() == "my long draft"


async def test_encrypted_pdf_asks_for_its_password(parley, gateway, tmp_path):
    locked = docgen.encrypted_pdf(tmp_path / "minutes.pdf", password="secret")
    drop(parley, locked)
    documents = parley.controller.documents
    await until(lambda: isinstance(documents.dialog, QInputDialog)
                and documents.dialog.isVisible())
    first = documents.dialog
    assert "minutes.pdf" in first.labelText()
    assert first.textEchoMode() == first.textEchoMode().Password
    first.setTextValue("wrong")
    first.accept()
    await until(lambda: documents.dialog is not None and documents.dialog is not first
                and documents.dialog.isVisible())
    assert "did not open minutes.pdf" in documents.dialog.labelText()
    documents.dialog.setTextValue("secret")
    documents.dialog.accept()
    [chip] = (await read_all(parley, 1)).values()
    assert chip.state.kind == "pdf" and chip.state.summary.startswith("1 page")
    parley.window.composer.set_text("What was decided?")
    parley.window.composer.send_button.click()
    await answered(parley, 2)
    assert "Confidential minutes" in sent_text(chat_requests(gateway)[-1])


async def test_cancelled_password_drops_the_chip_only(parley, tmp_path):
    locked = docgen.encrypted_pdf(tmp_path / "minutes.pdf")
    parley.window.composer.set_text("draft")
    drop(parley, locked)
    documents = parley.controller.documents
    await until(lambda: isinstance(documents.dialog, QInputDialog)
                and documents.dialog.isVisible())
    documents.dialog.reject()
    await until(lambda: not chips(parley))
    assert parley.window.composer.text() == "draft"


async def test_edit_puts_the_documents_back_and_sends_them_again(parley, gateway, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("The exam is on Friday.")
    drop(parley, notes)
    await read_all(parley, 1)
    parley.window.composer.set_text("When is the exam?")
    parley.window.composer.send_button.click()
    await answered(parley, 2)
    question = parley.controller.path[0]
    parley.controller._action("action", f"edit:{question.id}")
    [chip] = chips(parley).values()
    assert chip.name == "notes.md" and chip.state.summary.startswith("1 page · ~")
    model = parley.connection.profile().chat_model
    parley.controller._params_changed({"model": model})  # weighs again
    parley.controller.context_windows = lambda: {model: 4_100}  # room for ~4 tokens
    parley.controller.documents.check()
    assert chip.state.warning and not chip.choose.isVisible()  # sent before: remove, not cut
    assert not parley.window.composer.send_button.isEnabled()
    parley.controller.context_windows = dict
    parley.controller.documents.check()
    assert not chip.state.warning and parley.window.composer.send_button.isEnabled()
    parley.window.composer.set_text("Which day is the exam?")
    parley.window.composer.send_button.click()
    await until(lambda: len(chat_requests(gateway)) == 2)
    await answered(parley, 2)
    text = sent_text(chat_requests(gateway)[-1])
    assert text.startswith("Which day is the exam?") and "The exam is on Friday." in text
    assert [a.name for a in parley.controller.path[0].attachments] == ["notes.md"]
    assert not chips(parley)


async def test_pages_as_images_for_a_model_without_vision_are_warned(parley, gateway,
                                                                      tmp_path):
    parley.controller._params_changed({"model": "gpt-35-turbo"})
    drop(parley, docgen.sample_pdf(tmp_path / "lecture.pdf"))
    await read_all(parley, 1)
    parley.window.composer.set_text("summarise")
    parley.window.composer.send_button.click()
    await until(lambda: "gpt-35-turbo" in parley.window.notice.text())
    assert "not known to read images" in parley.window.notice.text()
    assert parley.controller.conversation is None and chips(parley)
    parley.window.composer.send_button.click()  # send anyway
    await answered(parley, 2)
    assert sent_images(chat_requests(gateway)[-1]) == 1


async def test_files_are_read_off_the_ui_thread(parley, tmp_path, monkeypatch):
    import threading

    from app.ui.documents import staged

    threads = []
    real = staged.read_attachment

    def recording(*args, **kwargs):
        threads.append(threading.current_thread())
        return real(*args, **kwargs)

    monkeypatch.setattr(staged, "read_attachment", recording)
    drop(parley, docgen.sample_docx(tmp_path / "report.docx"))
    await read_all(parley, 1)
    assert threads and threads[0] is not threading.main_thread()


async def test_a_context_size_set_in_settings_applies_at_once(parley, tmp_path):
    from dataclasses import replace

    drop(parley, docgen.text_pdf(tmp_path / "long.pdf", pages=20))
    [chip] = (await read_all(parley, 1)).values()
    assert not chip.state.warning
    model = parley.connection.profile().chat_model
    parley.apply_settings(replace(parley.settings, context_windows={model: 9_000}))
    assert chip.state.warning and parley.window.composer.limit_label.isVisible()
    assert chip.state.note == f"More than {model} takes (9,000)"
    key = next(iter(parley.window.composer.strip.chips))
    parley.window.composer.strip.chips[key].remove.click()
    assert not parley.window.composer.limit_label.isVisible()
    assert not parley.window.composer.send_button.isEnabled()  # nothing typed, nothing staged


async def test_damaged_and_too_large_files_are_refused_by_name(parley, tmp_path, monkeypatch):
    broken = tmp_path / "broken.pdf"
    broken.write_bytes(b"this was never a PDF" * 10)
    drop(parley, broken)
    await until(lambda: "broken.pdf is damaged" in parley.window.notice.text())
    monkeypatch.setattr("app.core.documents.detect.MAX_DOCUMENT_BYTES", 100)
    large = tmp_path / "large.txt"
    large.write_text("x" * 1000)
    drop(parley, large)
    await until(lambda: "large.txt is" in parley.window.notice.text())
    assert "more than Parley reads" in parley.window.notice.text()
    assert not chips(parley)


async def test_an_image_without_an_image_name_goes_the_image_way(parley, tmp_path):
    from tests import imagegen

    odd = tmp_path / "scan.dat"
    odd.write_bytes(imagegen.encode(imagegen.screenshot((400, 300)), "PNG"))
    drop(parley, odd)
    strip = parley.window.composer.strip
    await until(lambda: not chips(parley) and strip.names() == ["scan.dat"])
    [image] = await parley.controller.pending.ready()
    assert image.mime == "image/png"


async def test_the_conversation_so_far_counts_against_the_model(parley, gateway, tmp_path):
    """A long conversation is sent again with each question: a file that would fit in a
    new chat is held here, and the reason names the conversation (and a new chat)."""
    model = parley.connection.profile().chat_model
    parley.controller.context_windows = lambda: {model: 9_000}  # room 4,904 after the reserve
    gateway.stream_text("Noted.", usage={"prompt_tokens": 4_000, "completion_tokens": 600,
                                         "total_tokens": 4_600})
    composer = parley.window.composer
    composer.set_text("Here are my notes")
    composer.send_button.click()
    await answered(parley, 2)
    drop(parley, docgen.text_pdf(tmp_path / "short.pdf", pages=3))
    composer.set_text("And this?")
    [chip] = (await read_all(parley, 1)).values()
    await until(lambda: chip.state.warning)
    reason = composer.limit_label.text()
    assert "With the conversation so far (about 4,600 tokens)" in reason
    assert "start a new chat" in reason and not composer.send_button.isEnabled()
    assert chip.state.note == "Too much after this conversation (about 4,600 tokens)"
    sent = len(chat_requests(gateway))

    parley.controller.context_windows = lambda: {model: 16_000}  # a larger model: it fits
    parley.controller.documents.check()
    await until(lambda: not chip.state.warning)
    assert composer.send_button.isEnabled() and not composer.limit_label.isVisible()
    assert len(chat_requests(gateway)) == sent  # nothing was sent while held


async def test_an_image_is_weighed_again_once_its_size_is_known(parley, tmp_path):
    """While an image is prepared it counts as the largest image could; once its size is
    known the staged files are weighed again, without waiting for a keystroke."""
    from app.core.documents.tokens import PAGE_IMAGE_TOKENS, image_tokens, text_tokens
    from tests import imagegen

    drop(parley, docgen.text_pdf(tmp_path / "short.pdf", pages=3))
    composer = parley.window.composer
    composer.set_text("Both, please")
    [chip] = (await read_all(parley, 1)).values()
    staged = next(iter(parley.controller.documents.items.values()))
    small = image_tokens(100, 100)
    model = parley.connection.profile().chat_model
    window = 4_096 + staged.tokens + text_tokens("Both, please") + (small + PAGE_IMAGE_TOKENS) // 2
    parley.controller.context_windows = lambda: {model: window}
    picture = tmp_path / "icon.png"
    picture.write_bytes(imagegen.encode(imagegen.screenshot((100, 100)), "PNG"))
    drop(parley, picture)
    parley.controller.documents.check()  # as the drop does: the image counts at its most
    assert chip.state.warning and not composer.send_button.isEnabled()
    await until(lambda: all(p.prepared for p in parley.controller.pending.items.values()))
    await until(lambda: not chip.state.warning)  # no keystroke needed
    assert composer.send_button.isEnabled()
