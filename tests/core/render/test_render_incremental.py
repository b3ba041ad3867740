"""Streaming: frozen blocks + tail must end identical to the one-shot render, whatever the
split points, and frozen HTML must never need to change."""

import random

import pytest

from app.core.render import IncrementalRenderer, MarkdownRenderer, RenderUpdate

# Lines that change meaning depending on what follows them, joined at random.
TRICKY_LINES = [
    "para text", "#hashtag", "# Heading", "#", "- item", "-", "* star", "1. one", "2. two", "2",
    "   - nested", "  continuation", "    indented code", "> quote", ">", "lazy line", "```",
    "```python", "~~~", "$$", "$$ x^2 $$", "x^2 + y", "\\[", "\\]", "\\[ a \\]", "| a | b |",
    "|---|---|", "| 1 | 2 |", "|-", "---", "***", "***bold***", "===", "- [ ] task",
    "- [x] done", "text $a$ and $5 and $10", "**注意：**中文", "<script>x</script>",
    "[l](https://x.y)", "[ref]: https://x.y", "![i](https://x/y.png)", "    ", "1) paren",
    "> - quoted list", "> ```", "  $$", "  x", "```\ncode\n```", "www.example.com",
]

STREAMED = (
    "Intro paragraph with $a^2$ and \\(b\\).\n\n"
    "$$\nx = \\frac{1}{2}\n$$\n\n"
    "| col | val |\n|---|--:|\n| a | 1 |\n| b | 2 |\n\n"
    "```python\nfor i in range(3):\n\n    print(i)\n```\n\n"
    "1. one\n\n2. two\n   more\n\n"
    "para\n#hashtag\n\npara\n# heading\n\n"
    "- a\n\n  continued\n- b\n\nAfter.\r\n\r\nCRLF para\r\n"
)


def stream(text: str, cuts, renderer=None) -> tuple[IncrementalRenderer, list[str]]:
    renderer = renderer or IncrementalRenderer()
    expected = MarkdownRenderer().render(text)
    shown: list[str] = []
    for cut in cuts:
        update = renderer.update(text[:cut])
        assert not update.reset
        shown.extend(update.frozen)
        # Frozen HTML is final: it must already be exactly the start of the final render.
        assert expected.startswith("".join(shown)), (text[:cut], shown)
    shown.extend(renderer.finish(text).frozen)
    assert "".join(shown) == expected == renderer.html()
    return renderer, shown


def test_every_prefix_of_a_tricky_answer():
    stream(STREAMED, range(1, len(STREAMED) + 1))


def test_random_splits_of_the_rich_sample(rich_sample):
    rng = random.Random(20240611)
    for _ in range(15):
        cuts = sorted(rng.sample(range(1, len(rich_sample)), rng.randint(1, 80)))
        stream(rich_sample, cuts)


def test_random_documents_of_tricky_lines_streamed_char_by_char():
    rng = random.Random(7)
    for _ in range(40):
        text = "".join(rng.choice(TRICKY_LINES) + rng.choice(["\n", "\n", "\n\n", "\r\n"])
                       for _ in range(rng.randint(2, 10)))
        stream(text, range(1, len(text) + 1, rng.choice([1, 2, 3])))


@pytest.mark.parametrize("text, inside", [
    ("Before.\n\n$$\n\\frac{a}{b}\n$$\n\nAfter.\n", "\\frac{a"),
    ("Before.\n\n```python\nx = 1\n\ny = 2\n```\n\nAfter.\n", "y = "),
    ("Before.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nAfter.\n", "|---|-"),
])
def test_open_blocks_stay_in_the_tail(text, inside):
    cut = text.index(inside) + len(inside)
    renderer = IncrementalRenderer()
    update = renderer.update(text[:cut])
    assert len(update.frozen) == 1 and "Before." in update.frozen[0]
    assert update.tail  # the open block is shown, but not frozen
    stream(text, [cut, cut + 3, len(text)])


def test_frozen_blocks_come_once_and_the_tail_is_replaced():
    renderer = IncrementalRenderer()
    first = renderer.update("One.\n\nTw")
    # "Tw" has not finished its first line, so it could still become anything: nothing final.
    assert first.frozen == [] and "One." in first.tail and "Tw" in first.tail
    second = renderer.update("One.\n\nTwo.\n\nThr")
    assert second.frozen == ["<p>One.</p>"]
    assert "Two." in second.tail and "Thr" in second.tail and "One." not in second.tail
    third = renderer.update("One.\n\nTwo.\n\nThree.\n")
    assert third.frozen == ["<p>Two.</p>"] and third.tail == "<p>Three.</p>"
    assert renderer.update("One.\n\nTwo.\n\nThree.\n") == RenderUpdate([], third.tail)
    final = renderer.finish()
    assert final == RenderUpdate(["<p>Three.</p>"], "")
    assert renderer.finished and renderer.html() == "<p>One.</p><p>Two.</p><p>Three.</p>"
    assert renderer.finish() == RenderUpdate()
    assert renderer.update("One.\n\nTwo.\n\nThree.\n") == RenderUpdate()


def test_copy_numbers_and_code_are_stable_as_blocks_freeze():
    text = "```\nfirst\n```\n\nMiddle.\n\n```python\nsecond\n```\n\n```\nthird"
    renderer = IncrementalRenderer()
    update = renderer.update(text)
    html = "".join(update.frozen) + update.tail
    for number in range(3):
        assert f"parley-copy:{number}" in html
    assert renderer.code(0) == "first" and renderer.code(1) == "second"
    assert renderer.code(2) == "third"  # still streaming: what has arrived so far
    assert renderer.copy_text("parley-copy:2") == "third"
    renderer.update(text + " block\n```\n\nEnd.")
    final = renderer.finish()
    assert renderer.code(2) == "third block" and renderer.code(3) is None
    assert "parley-copy:2" in "".join(final.frozen) or "parley-copy:2" in renderer.html()


def test_maths_keys_stay_the_same_when_frozen():
    renderer = IncrementalRenderer()
    tail = renderer.update("Formula $x^2$ streaming").tail
    key = tail.split('src="')[1].split('"')[0]
    frozen = renderer.update("Formula $x^2$ streaming.\n\nNext paragraph\n").frozen
    assert key in frozen[0]
    assert renderer.resource(key) is not None


def test_an_edited_text_resets():
    renderer = IncrementalRenderer()
    renderer.update("Old first paragraph.\n\nOld second paragraph.\n\nTail")
    update = renderer.update("New answer.\n\nMore")
    assert update.reset
    assert renderer.html() == "".join(update.frozen) + update.tail
    renderer.finish("New answer.\n\nMore text.")
    assert renderer.html() == MarkdownRenderer().render("New answer.\n\nMore text.")
    again = renderer.update("Another answer")
    assert again.reset and "Another answer" in again.tail


def test_work_per_update_is_bounded_by_the_open_block():
    paragraph = "A sentence of prose that keeps going for a while. " * 4 + "\n\n"
    text = paragraph * 200  # ~40 KB of closed paragraphs
    renderer = IncrementalRenderer()
    longest = 0
    for cut in range(1, len(text) + 1, 997):
        renderer.update(text[:cut])
        longest = max(longest, cut - renderer._offset)  # what the next update re-parses
    assert longest <= 3 * len(paragraph)


@pytest.mark.parametrize("text", [
    "- first point\n-",               # the next item's marker: an empty bullet for a moment
    "A paragraph\n-",                 # a setext underline: the paragraph as a heading
    "A paragraph\n=",
    "A paragraph\n- ",
    "Intro\n\n#",                     # an empty heading
    "Intro\n\n```py",                 # a fence whose label is still arriving
    "| a | b |\n|---|--",             # a table's delimiter row
])
def test_a_line_of_markers_waits_until_it_has_content(text):
    """No flashing while streaming: what is shown of the text before the unfinished line
    is what it will be once that line has its words."""
    renderer = IncrementalRenderer()
    shown = renderer.update(text)
    html = "".join(shown.frozen) + shown.tail
    before = text[:text.rfind("\n") + 1]
    assert html == MarkdownRenderer().render(before)
    assert "<h1" not in html and "<h2" not in html and "<li></li>" not in html
    whole = text + " second point\n"
    assert renderer.finish(whole).reset is False  # the shown blocks stand; nothing redrawn


def test_bare_code_blocks_come_with_their_kind_language_and_number():
    text = "Intro.\n\n```python\nx = 1\n```\n\n| a |\n|---|\n| 1 |\n\n> quote\n\nEnd."
    renderer = IncrementalRenderer(bare_code=True)
    update = renderer.finish(text)
    kinds = [(b.kind, b.language, b.code) for b in update.frozen_blocks]
    assert kinds == [("text", "", -1), ("code", "python", 0), ("frame", "", -1),
                     ("frame", "", -1), ("text", "", -1)]
    code = update.frozen_blocks[1].html
    assert code.startswith("<pre") and "white-space: pre;" in code and "Copy" not in code
    assert renderer.codes == ("x = 1",)
    whole = MarkdownRenderer().render_parts(text)
    assert [b.html for b in whole.blocks] == update.frozen and whole.codes == ("x = 1",)
