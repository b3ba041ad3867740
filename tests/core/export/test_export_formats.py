"""The sample conversation (Chinese, inline and display maths, code, a table, raw HTML and an
image) exported as Markdown, HTML and Word, and as the clipboard's rich text."""

from __future__ import annotations

import io
import re
import zipfile

import docx
import pytest

from app.core.export.document import load_message
from app.core.history.errors import HistoryNotFound
from app.export import (
    ExportError,
    copy_for_word,
    copy_message_for_word,
    export_conversation,
    export_message,
    images_folder,
    render,
    write_export,
)
from tests.core.export.sample import ANSWER, CHINESE, picture


def test_markdown_keeps_the_text_and_puts_the_image_beside_it(doc, tmp_path):
    path = tmp_path / "微積分.md"
    written = write_export(render(doc, "md", folder=images_folder(path)), path)
    text = path.read_text(encoding="utf-8")
    assert text.startswith("# 微積分：定積分\n")
    assert "## You" in text and "## Assistant · gpt-4o" in text
    assert r"$\int_0^1 x^2\,dx$" in text and "```python" in text and "| 精確 | 0.3333 | 0 |" in text
    assert "![diagram.png](微積分_files/1-diagram.png)" in text
    image = tmp_path / "微積分_files" / "1-diagram.png"
    assert image in written and image.read_bytes() == picture()


def test_markdown_without_a_folder_names_the_image(doc):
    text = render(doc, "md").data.decode()
    assert "*[image: diagram.png]*" in text and "_files" not in text


def test_html_is_self_contained_and_safe(doc):
    html = render(doc, "html").data.decode()
    assert html.count("<svg") >= 3 and 'aria-label="\\int_0^1 x^2\\,dx"' in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in html
    assert "<script" not in html and "&lt;b&gt;not bold&lt;/b&gt;" in html
    assert "data:image/png;base64," in html and "Content-Security-Policy" in html
    assert CHINESE in html and "<table" in html and "精確" in html
    assert "Noto Sans CJK TC" in html  # a CJK font named for the reader's system
    assert not re.search(r"""src=["']https?:""", html)  # nothing loads from the network
    assert "color: #" in html and "<pre" in html  # highlighted code, inline colours


def test_word_has_paragraphs_a_table_the_image_and_equations(doc):
    data = render(doc, "docx").data
    document = docx.Document(io.BytesIO(data))
    texts = [p.text for p in document.paragraphs]
    assert texts[0] == "微積分：定積分" and "You" in texts and "Assistant · gpt-4o" in texts
    assert any(CHINESE in t for t in texts)
    assert any('<script>alert("x")</script>' in t for t in texts)  # as text
    cells = [[c.text for c in row.cells] for t in document.tables for row in t.rows]
    assert ["精確", "0.3333", "0"] in cells
    assert any("def area" in row[0] for row in cells)  # the code block
    assert len(document.inline_shapes) == 1  # the picture
    xml = document.element.xml
    assert xml.count("<m:oMath>") + xml.count("<m:oMath ") >= 3 and "<m:oMathPara" in xml
    assert "<m:nary>" in xml and "<m:f>" in xml and '<m:chr m:val="∫"/>' in xml
    coloured = {r.font.color.rgb for t in document.tables for row in t.rows
                for c in row.cells for p in c.paragraphs for r in p.runs if r.font.color.rgb}
    assert len(coloured) >= 3  # highlighted code
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        assert any(n.startswith("word/media/") for n in package.namelist())
        assert 'w:eastAsia="Microsoft JhengHei"' in package.read("word/styles.xml").decode()


def test_one_message_is_the_same_code(store, conversation, doc):
    answer = doc.messages[1]
    single = load_message(store, answer.id, conversation)
    assert [m.id for m in single.messages] == [answer.id] and single.title == doc.title
    html = export_message(store, answer.id, "html").data.decode()
    assert "<svg" in html and "請解釋" not in html
    assert export_conversation(store, conversation, "md").data.decode().count("## ") >= 3
    with pytest.raises(HistoryNotFound):
        load_message(store, answer.id, conversation + 1)


def test_a_missing_image_file_becomes_a_note(store, conversation):
    for path in store.attachments_dir.rglob("*.png"):
        path.unlink()
    for fmt in ("md", "html", "docx"):
        data = export_conversation(store, conversation, fmt, folder="x_files").data
        text = data.decode() if fmt != "docx" else "\n".join(
            p.text for p in docx.Document(io.BytesIO(data)).paragraphs)
        assert "diagram.png” is no longer available" in text, fmt


def test_deleted_conversation_is_not_exported(store, conversation):
    store.delete(conversation)
    with pytest.raises(HistoryNotFound):
        export_conversation(store, conversation, "md")


def test_copy_for_word_puts_formatting_tables_and_maths_as_images():
    clip = copy_for_word(ANSWER)
    assert clip.text == ANSWER
    assert clip.html.startswith("<div") and "<svg" not in clip.html
    assert clip.html.count("data:image/png;base64,") >= 3  # formulas as pictures
    assert 'alt="\\int_0^1 x^2\\,dx"' in clip.html
    assert "<table" in clip.html and "&lt;script&gt;" in clip.html and "<script" not in clip.html


def test_copy_a_stored_message_takes_its_image_along(store, conversation, doc):
    clip = copy_message_for_word(store, doc.messages[0].id)
    assert clip.text == doc.messages[0].text and 'alt="diagram.png"' in clip.html
    assert clip.html.count("data:image/png;base64,") == 2  # the formula and the picture


def test_a_failed_write_is_an_export_error(doc, tmp_path):
    with pytest.raises(ExportError) as error:
        write_export(render(doc, "md"), tmp_path / "missing" / "chat.md")
    assert error.value.exit_code == 13 and "missing" in str(error.value)
    assert not (tmp_path / "missing").exists()


def test_write_replaces_an_existing_file_whole(doc, tmp_path):
    (tmp_path / "out").mkdir()
    path = tmp_path / "out" / "chat.html"
    path.write_text("old")
    write_export(render(doc, "html"), path)
    assert path.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert [p.name for p in path.parent.iterdir()] == ["chat.html"]  # no temporary left
