"""Done when: a student drops a lecture PDF (text pages, one with a formula and Chinese), a
scanned handout (pages that are only pictures) and a slide deck onto the window and asks
"summarise slide 12 and explain the formula on page 3" — the gateway (loopback, real
sockets) receives the question, then the whole text of each file headed by file and page,
and the scanned pages as images."""

import pytest

from tests import docgen
from tests.ui.documents.helpers import chat_requests, drop, read_all, sent_images, sent_text
from tests.ui.flow import until

QUESTION = "summarise slide 12 and explain the formula on page 3"



@pytest.mark.skipif(docgen.cjk_font() is None, reason="no CJK font to write Chinese in a PDF")
async def test_lecture_handout_and_slides_reach_the_gateway_whole(parley, gateway, tmp_path):
    lecture = docgen.make_pdf(tmp_path / "lecture.pdf", [
        docgen.Page(["Week 3: Energy", "Today: kinetic and potential energy."]),
        docgen.Page(["Units and measurement", "Joules, watts and newtons."]),
        docgen.Page(["The formula", docgen.FORMULA, docgen.CHINESE], cjk=True),
        docgen.Page(["Worked examples", "A ball of 2 kg falls 10 m."]),
    ])
    handout = docgen.make_pdf(tmp_path / "handout.pdf", [
        docgen.Page(picture=docgen.scan_picture("HANDOUT PAGE 1")),
        docgen.Page(picture=docgen.scan_picture("HANDOUT PAGE 2")),
    ])
    deck = docgen.sample_pptx(tmp_path / "slides.pptx", slides=12, picture_slides=())
    drop(parley, lecture, handout, deck)
    chips = await read_all(parley, 3)
    assert chips["lecture.pdf"].state.summary.startswith("4 pages")
    assert chips["handout.pdf"].state.note == "pages 1-2 as images"
    assert chips["slides.pptx"].state.summary.startswith("12 slides")

    parley.window.composer.set_text(QUESTION)
    parley.window.composer.send_button.click()
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy,
                timeout=30)
    [request] = chat_requests(gateway)
    text = sent_text(request)
    assert text.startswith(QUESTION)
    for page in range(1, 5):
        assert f"--- lecture.pdf · page {page} of 4 ---" in text
    assert docgen.FORMULA in text and docgen.CHINESE in text
    assert "A ball of 2 kg falls 10 m." in text
    for slide in range(1, 13):
        assert f"--- slides.pptx · slide {slide} of 12" in text
        assert f"Slide {slide} title" in text
    for page in (1, 2):
        assert (f"--- handout.pdf · page {page} of 2 · sent as an image (no text layer) ---"
                in text)
    assert sent_images(request) == 2
    images = gateway.received_images(request)
    assert all(max(i.width, i.height) <= 2048 for i in images)
    assert "only" not in text.split(QUESTION, 1)[1][:200]  # nothing was cut
    cards = parley.window.transcript.toPlainText()
    assert all(name in cards for name in ("lecture.pdf", "handout.pdf", "slides.pptx"))


ANSWER = ("## 第 3 頁的公式\n\n質能方程 $E = mc^2$ 說明能量與質量成正比：\n\n"
          "$$a^2 + b^2 = c^2$$\n\n| 量 | 單位 |\n| --- | --- |\n| 能量 | 焦耳 |\n| 質量 | 千克 |\n")


@pytest.mark.skipif(docgen.cjk_font() is None, reason="no CJK font to write Chinese in a PDF")
async def test_the_chat_with_its_documents_exports_to_pdf_and_word_intact(parley, gateway,
                                                                           tmp_path):
    """...and then exports the chat: the PDF reads back with its Chinese and renders; the
    Word file holds the answer's heading, a real equation (OMML) for each formula, the table,
    and names the attached files — never their bytes as a broken picture."""
    import shutil
    import subprocess

    from docx import Document as Word

    lecture = docgen.make_pdf(tmp_path / "lecture.pdf", [
        docgen.Page(["The formula", docgen.FORMULA, docgen.CHINESE], cjk=True)])
    handout = docgen.make_pdf(tmp_path / "handout.pdf", [
        docgen.Page(picture=docgen.scan_picture("HANDOUT PAGE 1"))])
    gateway.stream_text(ANSWER)
    drop(parley, lecture, handout)
    await read_all(parley, 2)
    parley.window.composer.set_text(QUESTION)
    parley.window.composer.send_button.click()
    await until(lambda: len(parley.controller.path) == 2 and not parley.controller.busy,
                timeout=30)
    conversation = parley.controller.conversation

    pdf = await parley.exporter.export(conversation.id, tmp_path / "chat.pdf")
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") and shutil.which("pdftoppm"):
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
        assert "質能方程" in text and "焦耳" in text and "lecture.pdf" in text
        subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "1", "-l", "1", str(pdf),
                        str(tmp_path / "page")], check=True)
        assert list(tmp_path.glob("page*.png"))

    docx = await parley.exporter.export(conversation.id, tmp_path / "chat.docx")
    word = Word(str(docx))
    paragraphs = "\n".join(p.text for p in word.paragraphs)
    assert "第 3 頁的公式" in paragraphs and "lecture.pdf" in paragraphs
    assert "handout.pdf" in paragraphs
    xml = word.element.xml
    assert xml.count("<m:oMath") >= 2  # E = mc² inline, a² + b² = c² displayed
    assert "$" not in paragraphs  # no raw LaTeX
    [table] = word.tables
    assert [c.text for c in table.rows[1].cells] == ["能量", "焦耳"]
    assert not word.inline_shapes or all(  # no PDF passed off as a picture
        s.width for s in word.inline_shapes)
