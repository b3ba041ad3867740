"""The transcript: messages, streaming by frozen blocks + tail, links, maths, follow/scroll,
and (tests/ui/chat/test_transcript_rows.py) the widgets each message is shown with."""

from PySide6.QtCore import QUrl

from app.core.render import IncrementalRenderer, MarkdownRenderer, RenderUpdate
from app.ui.chat.transcript import MessageView, Transcript

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="12">'
       b'<rect width="40" height="12" fill="red"/></svg>')


def make(qtbot, height=300):
    view = Transcript()
    view.resize(600, height)
    qtbot.addWidget(view)
    view.show()
    return view


def answer(message_id, text, renderer=None, **kw):
    renderer = renderer or MarkdownRenderer()
    return MessageView(message_id, "assistant", text=text, header=kw.pop("header", "Assistant"),
                       render=lambda: list(renderer.render_parts(text).blocks), **kw)


def stream(view, message_id, text, step=5, renderer=None):
    """Stream ``text`` into ``view`` in pieces of ``step`` characters, as AnswerStream does."""
    view.begin_stream(MessageView(message_id, "assistant", "", header="Assistant"))
    incremental = IncrementalRenderer(renderer=renderer or MarkdownRenderer(), bare_code=True)
    for end in range(1, len(text) + 1, step):
        view.stream_update(incremental.update(text[:end]))
    view.stream_update(incremental.finish(text))


def test_messages_and_plain_text(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(1, "user", "<p>What is 1+1?</p>"),
                        MessageView(2, "assistant", "<p>It is <b>2</b>.</p>",
                                    header="Assistant · gpt-4o-mini", footer_html="12 tokens")])
    text = view.toPlainText()
    assert "You" in text and "What is 1+1?" in text and "Assistant · gpt-4o-mini" in text
    assert "It is 2." in text and "12 tokens" in text


def test_streaming_freezes_blocks_and_replaces_only_the_tail(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(1, "user", "<p>Explain</p>")])
    view.begin_stream(MessageView(2, "assistant", ""))
    view.stream_update(RenderUpdate([], "<p>Fir</p>"))
    view.stream_update(RenderUpdate([], "<p>First para</p>"))
    view.stream_update(RenderUpdate(["<p>First para</p>"], "<p>Sec</p>"))
    view.stream_update(RenderUpdate(["<h3>Heading</h3>"], "<p>Second para grows</p>"))
    text = view.toPlainText()
    assert text.count("First para") == 1 and "Heading" in text and "Second para grows" in text
    assert "Sec\n" not in text and view.streaming
    view.stream_update(RenderUpdate(["<p>Rewritten</p>"], "<p>tail</p>", reset=True))
    text = view.toPlainText()
    assert "First para" not in text and "Rewritten" in text and text.count("Explain") == 1


def test_links_are_reported_not_opened(qtbot):
    view = make(qtbot)
    opened, actions = [], []
    view.linkOpenRequested.connect(opened.append)
    view.actionRequested.connect(lambda a, arg: actions.append((a, arg)))
    for url in ("https://example.edu/a", "mailto:x@example.edu", "javascript:alert(1)",
                "file:///etc/passwd", "parley-copy:3:0"):
        view.anchorClicked.emit(QUrl(url))
    assert [u.toString() for u in opened] == ["https://example.edu/a", "mailto:x@example.edu"]
    assert actions == [("copy", "3:0")]


def test_only_math_resources_load(qtbot):
    view = make(qtbot)
    asked = []
    view.set_resource_provider(lambda url: asked.append(url) or SVG)
    image = view.loadResource(2, QUrl("parley-math:abc"))
    assert image is not None and image.width() >= 40
    assert view.loadResource(2, QUrl("https://evil.example/x.png")) is None
    assert view.loadResource(2, QUrl("file:///etc/passwd")) is None
    assert asked == ["parley-math:abc"]


def test_follow_stops_when_user_scrolls_up_and_resumes_at_bottom(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(i, "assistant", "<p>line</p>" * 20) for i in range(1, 6)])
    bar = view.verticalScrollBar()
    assert bar.maximum() > 0 and bar.value() == bar.maximum()
    bar.setValue(0)  # the user scrolls up
    view.append_message(MessageView(9, "assistant", "<p>more</p>" * 20))
    assert bar.value() == 0 and not view.following
    bar.setValue(bar.maximum())  # back at the bottom: following again
    before = bar.maximum()
    view.append_message(MessageView(10, "assistant", "<p>again</p>" * 20))
    assert bar.maximum() > before and bar.value() == bar.maximum()
    view.begin_stream(MessageView(11, "assistant", ""))
    view.stream_update(RenderUpdate([], "<p>growing</p>" * 30))
    assert bar.value() == bar.maximum() and view.following


def test_scroll_to_message_and_highlight(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(i, "assistant", f"<p>message number {i}</p>" + "<p>x</p>" * 15)
                        for i in range(1, 8)])
    assert view.scroll_to_message(3, highlight="number 3")
    selections = view.extraSelections()
    assert len(selections) == 1 and selections[0].cursor.selectedText() == "number 3"
    head = next(r for r in view.rows if r.entry is not None and r.entry.view.id == 3)
    assert view.verticalScrollBar().value() == view.top_of(head)  # the message at the top
    assert not view.scroll_to_message(99)


def test_a_streamed_answer_ends_as_the_same_answer_opened_later(qtbot):
    """The parts grown update by update are the parts of the whole answer: same kinds,
    same HTML, same heights — nothing is laid out again when the answer ends."""
    text = ("Intro paragraph.\n\n## A heading\n\nText under it.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
            "\n\n- item one\n- item two\n  - nested\n\n> a quote\n\nAfter the quote.\n\n"
            "```python\nx = 1\n```\n\nEnd.")
    renderer = MarkdownRenderer()
    streamed = make(qtbot, height=900)
    stream(streamed, 2, text, renderer=renderer)
    streamed.finish_stream(MessageView(2, "assistant", "", header="Assistant"))
    whole = make(qtbot, height=900)
    whole.show_messages([answer(2, text, renderer)])

    def parts(view):
        rows = [r for r in view.rows if r.kind in ("text", "code")]
        return [(r.kind, r.part.html, r.height) for r in rows]

    assert parts(streamed) == parts(whole) and len(parts(whole)) == 3  # text, code, text
    assert streamed.toPlainText() == whole.toPlainText()
    assert "A heading" in whole.toPlainText() and "x = 1" in whole.toPlainText()


def test_a_thousand_messages_cost_only_what_is_seen(qtbot):
    renderer = MarkdownRenderer()
    rendered = []

    def view_of(i):
        if i % 2 == 0:
            return MessageView(i, "user", f"<p>Question {i}</p>", text=f"Question {i}")
        text = f"Answer **{i}**.\n\n" + "Some prose here. " * 30

        def render():
            rendered.append(i)
            return list(renderer.render_parts(text).blocks)
        return MessageView(i, "assistant", header="Assistant", text=text, render=render)

    view = make(qtbot, height=500)
    view.show_messages([view_of(i) for i in range(1000)])
    bar = view.verticalScrollBar()
    assert bar.value() == bar.maximum() and len(rendered) <= 6 and 999 in rendered
    assert len(view._live) < 40
    bar.setValue(0)  # to the top: the first messages are laid out, the last let go
    assert 1 in rendered and len(rendered) <= 12 and len(view._live) < 40
    texts = [row.widget.plain_text() for row in view._live
             if row.widget is not None and row.kind == "text"]
    assert any("Answer 1." in t for t in texts)
    for step in range(0, bar.maximum(), 400):  # and all the way down again
        bar.setValue(step)
    assert len(view._live) < 40
    assert "Question 500" in view.toPlainText()  # all of it, as text
