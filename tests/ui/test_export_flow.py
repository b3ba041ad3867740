"""Exporting a conversation from the window: the header's Export and the sidebar's menu open
a Save dialog; the file is written in the chosen format without the window waiting."""

from PySide6.QtWidgets import QFileDialog

from tests.ui.flow import HELLO, type_and_send, until


async def answered(app, question):
    await type_and_send(app, question)
    await until(lambda: app.controller.path and app.controller.path[-1].role == "assistant"
                and app.controller.path[-1].status == "complete")


async def test_export_from_the_header_writes_word(parley, tmp_path):
    from docx import Document

    await answered(parley, "微積分 question")
    parley.window.header.exportRequested.emit()
    await until(lambda: parley.exporter.dialog is not None)
    dialog = parley.exporter.dialog
    assert isinstance(dialog, QFileDialog) and dialog.isVisible()
    assert dialog.selectedFiles()[0].endswith("微積分 question.pdf")  # the title, as PDF
    target = tmp_path / "chat.docx"
    dialog.fileSelected.emit(str(target))  # what choosing the file and Save does
    await until(lambda: target.exists() and "Exported to" in parley.window.status.currentMessage())
    text = "\n".join(p.text for p in Document(str(target)).paragraphs)
    assert "微積分 question" in text and HELLO in text


async def test_export_from_the_sidebar_menu_as_markdown_and_pdf(parley, tmp_path):
    await answered(parley, "Hello")
    conversation = parley.controller.conversation
    parley.window.sidebar.exportRequested.emit(conversation.id, conversation.title)
    assert parley.exporter.dialog.isVisible()
    parley.exporter.dialog.reject()
    md = await parley.exporter.export(conversation.id, tmp_path / "chat.md")
    assert HELLO in md.read_text(encoding="utf-8")
    pdf = await parley.exporter.export(conversation.id, tmp_path / "chat")  # no suffix: PDF
    assert pdf.suffix == ".pdf" and pdf.read_bytes().startswith(b"%PDF")


async def test_a_new_chat_has_nothing_to_export(parley):
    parley.window.header.exportRequested.emit()
    await until(lambda: "Nothing" in parley.window.status.currentMessage())
    assert "Nothing to export" in parley.window.status.currentMessage()


async def test_an_unwritable_place_is_said(parley, tmp_path):
    await answered(parley, "Hello")
    blocker = tmp_path / "file"
    blocker.write_text("x")
    parley.exporter.dialog = None
    parley.window.header.exportRequested.emit()
    await until(lambda: parley.exporter.dialog is not None)
    parley.exporter.dialog.fileSelected.emit(str(blocker / "chat.docx"))
    await until(lambda: parley.window.notice.isVisible()
                and "chat.docx" in parley.window.notice.text())
