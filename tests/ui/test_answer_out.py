"""Documents out on one answer: its More (⋯) menu offers "Copy for Word" (rich text beside
the Markdown on the clipboard) and "Save as…" (one answer as Markdown, a web page, PDF or
Word), with the real app against the loopback gateway."""

import pytest
from PySide6.QtGui import QAction, QGuiApplication
from PySide6.QtWidgets import QAbstractButton, QFileDialog

from tests.ui.flow import start_app, stop_app, type_and_send, until

ANSWER = """二次方程的解：

$$x = \\frac{-b \\pm \\sqrt{b^2 - 4ac}}{2a}$$

| 係數 | 值 |
| --- | --- |
| a | 1 |
| b | -3 |

Then $x^2$ is **positive**.
"""


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    gateway.stream_text(ANSWER)
    app = await start_app(gateway, monkeypatch)
    yield app
    await stop_app(app)


async def answered(app):
    await type_and_send(app, "微積分 question")
    await until(lambda: app.controller.path and app.controller.path[-1].role == "assistant"
                and app.controller.path[-1].status == "complete")
    answer = app.controller.path[-1]
    await until(lambda: app.window.transcript.action_bar(answer.id) is not None)
    return answer


def named(transcript, kind, name):
    return next(w for w in transcript.findChildren(kind)
                if (w.accessibleName() if kind is QAbstractButton else w.text()) == name)


async def test_the_answer_offers_copy_for_word_and_save_as_behind_more(parley):
    answer = await answered(parley)
    transcript = parley.window.transcript
    bar = transcript.action_bar(answer.id)
    shown = [b.accessibleName() for b in bar.buttons.values()]
    assert shown == ["Copy", "Regenerate", "Delete", "More"]  # the bar stays short
    more = named(transcript, QAbstractButton, "More")
    assert more.toolTip() and not more.icon().isNull()
    # The menu's entries are found under `transcript`, by the names a screen reader reads.
    word = named(transcript, QAction, "Copy for Word")
    save = named(transcript, QAction, "Save as…")
    assert word.toolTip() and save.toolTip()
    question_bar = transcript.action_bar(parley.controller.path[-2].id)
    assert "more" not in question_bar.buttons  # a question has nothing to export
    # From the keyboard: More takes the focus, Space opens the menu on its first entry.
    more.setFocus()
    more.click()
    await until(lambda: bar.menu.isVisible())
    assert bar.menu.activeAction() is word and bar.shows
    bar.menu.close()


async def test_copy_for_word_puts_rich_text_beside_the_markdown(parley):
    answer = await answered(parley)
    QGuiApplication.clipboard().clear()
    named(parley.window.transcript, QAction, "Copy for Word").trigger()
    clipboard = QGuiApplication.clipboard()
    await until(lambda: clipboard.mimeData() is not None and clipboard.mimeData().hasHtml())
    data = clipboard.mimeData()
    html = data.html()
    assert "<table" in html and "係數" in html and "二次方程的解" in html
    assert "<img" in html and "data:image/png;base64," in html  # the formulas, as pictures
    assert data.text() == answer.content == ANSWER  # the Markdown, as written
    assert "Copied for Word" in parley.window.status.currentMessage()


@pytest.mark.parametrize("suffix", ["md", "html", "pdf", "docx"])
async def test_save_as_writes_each_format(parley, tmp_path, monkeypatch, suffix):
    answer = await answered(parley)
    target = tmp_path / f"answer.{suffix}"
    opened = []

    def chosen(self):  # the user picks a file and presses Save (no real dialog window)
        opened.append(self)
        self.fileSelected.emit(str(target))

    monkeypatch.setattr(QFileDialog, "open", chosen)
    named(parley.window.transcript, QAction, "Save as…").trigger()
    await until(lambda: target.exists() and "Saved to" in parley.window.status.currentMessage())
    dialog = opened[0]
    assert dialog.selectedFiles()[0].endswith("微積分 question answer.docx")  # title + answer
    assert len(dialog.nameFilters()) == 4
    data = target.read_bytes()
    if suffix == "md":
        text = data.decode("utf-8")
        assert text.endswith(ANSWER.rstrip() + "\n") and text.count("##") == 1  # one answer
    elif suffix == "html":
        assert "係數" in data.decode("utf-8") and "<table" in data.decode("utf-8")
    elif suffix == "pdf":
        assert data.startswith(b"%PDF")
    else:
        from docx import Document

        document = Document(str(target))
        text = "\n".join(p.text for p in document.paragraphs)
        assert "二次方程的解" in text and "positive" in text
        cells = [c.text for t in document.tables for row in t.rows for c in row.cells]
        assert cells == ["係數", "值", "a", "1", "b", "-3"]
    assert answer.content == ANSWER


async def test_a_full_disk_is_said_in_plain_words(parley, tmp_path, monkeypatch):
    import errno
    import os

    answer = await answered(parley)

    def full(*args, **kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("app.core.atomic.os.fdopen", full)
    parley.controller.answer_out.dialog = None
    folder = tmp_path / "out"
    folder.mkdir()
    monkeypatch.setattr(QFileDialog, "open",
                        lambda self: self.fileSelected.emit(str(folder / "a.docx")))
    parley.window.transcript.actionRequested.emit("action", f"save_as:{answer.id}")
    await until(lambda: parley.window.notice.isVisible())
    notice = parley.window.notice.text()
    assert notice.startswith("The file could not be saved: The disk is full: ")
    assert "a.docx" in notice and "Free some space" in notice
    assert not list(folder.iterdir())  # nothing half-written left behind


async def test_a_folder_that_may_not_be_written_is_said(parley, tmp_path, monkeypatch):
    answer = await answered(parley)

    def refused(*args, **kwargs):  # what a folder of another user's gives (tests run as root)
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr("app.core.atomic.tempfile.mkstemp", refused)
    await parley.controller.answer_out.save_as(answer.id)  # the dialog opens
    parley.controller.answer_out.dialog.fileSelected.emit(str(tmp_path / "a.md"))
    await until(lambda: parley.window.notice.isVisible())
    assert "may not write there (permission denied)" in parley.window.notice.text()
    assert "Documents" in parley.window.notice.text()  # what to do instead
    parley.controller.answer_out.dialog.reject()
