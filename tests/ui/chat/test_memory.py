"""Memory that a long session must give back (bench/soak_bench.py measures it): a finished
answer's stream (its deltas, renderer and HTML) is let go; rendered bodies and formula
images are kept within byte budgets; Copy still works for a message whose body has left
the cache."""

from __future__ import annotations

import gc

from PySide6.QtCore import QCoreApplication, QEvent, QUrl
from PySide6.QtGui import QTextDocument

from app.core.history import Message
from app.core.render import LIGHT, IncrementalRenderer, MarkdownRenderer
from app.ui.chat import presenter as presenter_module
from app.ui.chat.answer_stream import AnswerStream
from app.ui.chat.presenter import Presenter
from app.ui.chat.transcript import Transcript
from app.ui.chat.transcript import resources as transcript_module
from tests.ui.chat.test_controller_logic import chat_window


def alive(kind: type) -> int:
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    gc.collect()
    return sum(1 for o in gc.get_objects() if isinstance(o, kind))


async def test_finished_answers_let_go_of_their_streams(tmp_path):
    async with chat_window(tmp_path) as chat:
        before = alive(AnswerStream), alive(IncrementalRenderer)
        for n in range(3):
            await chat.send(f"Question {n}")
        assert (alive(AnswerStream), alive(IncrementalRenderer)) == before
        assert chat.controller.presenter.cached_bytes > 0  # the bodies were kept instead


def answer(message_id: int, n: int) -> Message:
    text = f"Answer {n}.\n\n```python\nprint({n})\n```\n\n" + "Some prose. " * 200
    return Message(id=message_id, conversation_id=1, parent_id=None, role="assistant",
                   content=text, attachments=(), status="complete", error=None,
                   finish_reason="stop", model="m", prompt_tokens=None,
                   completion_tokens=None, total_tokens=None, created_at=0.0, updated_at=0.0)


def test_rendered_bodies_are_kept_within_a_byte_budget_and_copy_renders_again(monkeypatch):
    monkeypatch.setattr(presenter_module, "BODY_BUDGET", 30_000)
    presenter = Presenter(MarkdownRenderer(LIGHT))
    messages = [answer(i, i) for i in range(1, 21)]
    for message in messages:  # each shown: its body rendered (the transcript asks for it)
        assert "print" in "".join(block.html for block in presenter.view(message).blocks())
        assert presenter.cached_bytes <= 30_000
    assert presenter.copy_text("20:0") == "print(20)"  # the most recent are kept
    assert presenter.copy_text("1:0") is None  # the first went, and nothing says what it was
    assert presenter.copy_text("1:0", messages) == "print(1)"  # shown: rendered again
    assert presenter.copy_text("1:1", messages) is None


def test_formula_images_are_kept_within_a_byte_budget(qtbot, monkeypatch):
    monkeypatch.setattr(transcript_module, "MATH_IMAGE_BUDGET", 60_000)
    monkeypatch.setattr(transcript_module.Resources.__init__, "__defaults__", (60_000,))
    renderer = MarkdownRenderer(LIGHT)
    view = Transcript()
    qtbot.addWidget(view)
    view.set_resource_provider(renderer.resource)
    html = renderer.render("\n\n".join(f"$$x^{{{n}}} + y_{{{n}}}$$" for n in range(30)))
    urls = [part.split('"')[0] for part in html.split('src="')[1:]]
    assert len(urls) == 30
    images = [view.loadResource(QTextDocument.ResourceType.ImageResource, QUrl(u)) for u in urls]
    assert all(image is not None and not image.isNull() for image in images)
    assert 0 < view._images.nbytes <= 60_000 and len(view._images) < 30
