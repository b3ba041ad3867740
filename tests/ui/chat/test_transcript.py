"""The transcript: messages, streaming by frozen blocks + tail, links, math, follow/scroll."""

from PySide6.QtCore import QUrl

from app.ui.chat.transcript import MessageView, Transcript

SVG = (b'<svg xmlns="http://www.w3.org/2000/svg" width="40" height="12">'
       b'<rect width="40" height="12" fill="red"/></svg>')


def make(qtbot):
    view = Transcript()
    view.resize(600, 300)
    qtbot.addWidget(view)
    view.show()
    return view


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
    view.stream_update([], "<p>Fir</p>")
    view.stream_update([], "<p>First para</p>")
    view.stream_update(["<p>First para</p>"], "<p>Sec</p>")
    view.stream_update(["<h3>Heading</h3>"], "<p>Second para grows</p>")
    text = view.toPlainText()
    assert text.count("First para") == 1 and "Heading" in text and "Second para grows" in text
    assert "Sec\n" not in text and view.streaming
    view.stream_update(["<p>Rewritten</p>"], "<p>tail</p>", reset=True)
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
    before = bar.maximum()
    view.append_message(MessageView(9, "assistant", "<p>more</p>" * 20))
    # The follow scroll is coalesced to the next loop pass after the range grows: wait until
    # it has grown and that pass (had it been started) is over.
    qtbot.waitUntil(lambda: bar.maximum() > before and not view._scroll_timer.isActive(),
                    timeout=2000)
    assert bar.value() == 0
    bar.setValue(bar.maximum())  # back at the bottom: following again
    view.append_message(MessageView(10, "assistant", "<p>again</p>" * 20))
    qtbot.waitUntil(lambda: bar.value() == bar.maximum() and bar.maximum() > 0, timeout=2000)
    old_maximum = bar.maximum()
    view.append_message(MessageView(11, "assistant", "<p>and again</p>" * 20))
    qtbot.waitUntil(lambda: bar.maximum() > old_maximum and bar.value() == bar.maximum(),
                    timeout=2000)


def test_scroll_to_message_and_highlight(qtbot):
    view = make(qtbot)
    view.show_messages([MessageView(i, "assistant", f"<p>message number {i}</p>" + "<p>x</p>" * 15)
                        for i in range(1, 8)])
    assert view.scroll_to_message(3, highlight="number 3")
    selections = view.extraSelections()
    assert len(selections) == 1 and selections[0].cursor.selectedText() == "number 3"
    assert not view.scroll_to_message(99)


def test_streamed_blocks_never_merge(qtbot):
    from PySide6.QtWidgets import QTextBrowser

    from app.core.render import IncrementalRenderer, MarkdownRenderer
    text = ("Intro paragraph.\n\n## A heading\n\nText under it.\n\n| a | b |\n|---|---|\n| 1 | 2 |"
            "\n\n- item one\n- item two\n\n> a quote\n\nAfter the quote.\n\n```python\nx = 1\n```"
            "\n\nEnd.")
    view = make(qtbot)
    view.begin_stream(MessageView(2, "assistant", ""))
    renderer = IncrementalRenderer()
    for end in range(1, len(text) + 1, 5):
        update = renderer.update(text[:end])
        view.stream_update(update.frozen, update.tail, update.reset)
    update = renderer.update(text)
    view.stream_update(update.frozen, update.tail, update.reset)
    reference = QTextBrowser()
    qtbot.addWidget(reference)
    reference.setHtml(MarkdownRenderer().render(text))

    def lines(s):
        return [line for line in s.splitlines() if line.strip()]

    streamed = view.toPlainText().split("Assistant", 1)[1]
    assert lines(streamed) == lines(reference.toPlainText())


def test_a_streamed_answer_ends_laid_out_like_a_whole_one(qtbot):
    """Streamed blocks and the footer keep their own formats: the footer after a list is
    not a bullet, the first paragraph keeps its margin (seen under Xvfb)."""
    from app.core.render import IncrementalRenderer, MarkdownRenderer

    renderer = MarkdownRenderer()
    text = "First paragraph.\n\n- item one\n- item two\n\n| a |\n|---|\n| 1 |\n\nAfter."

    def formats(view):
        out, block = [], view.document().begin()
        while block.isValid():
            if block.text():
                f = block.blockFormat()
                out.append((block.text(), f.topMargin(), f.bottomMargin(),
                            block.textList() is not None))
            block = block.next()
        return out

    streamed = make(qtbot)
    streamed.begin_stream(MessageView(2, "assistant", "", header="Assistant"))
    incremental = IncrementalRenderer(renderer=renderer)
    for end in range(1, len(text) + 1, 7):
        update = incremental.update(text[:end])
        streamed.stream_update(update.frozen, update.tail, update.reset)
    update = incremental.finish(text)
    streamed.stream_update(update.frozen, update.tail, update.reset)
    streamed.finish_stream(MessageView(2, "assistant", "", footer_html="Copy"))
    whole = make(qtbot)
    whole.show_messages([MessageView(2, "assistant", renderer.render(text), header="Assistant",
                                     footer_html="Copy")])
    assert formats(streamed) == formats(whole)
