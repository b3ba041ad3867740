"""Quick ask: clipboard text or image + action + question → the message sent and saved."""

import pytest

from app.core.errors import InputError
from app.core.quick_ask import (
    ACTIONS,
    MAX_SENT_CHARS,
    ClipboardContent,
    build_request,
    preview_text,
)

PNG_URL = "data:image/png;base64,iVBORw0KGgo="


def test_empty_question_explains_the_clipboard_text():
    request = build_request(ClipboardContent("\n\n  The mitochondria is the powerhouse.\n  \n"))
    assert request.action == "explain" and request.question == ""
    assert request.text == ("Explain the text below clearly and concisely.\n\n"
                            "```\n  The mitochondria is the powerhouse.\n```")
    assert request.images == () and not request.truncated and request.note == ""
    assert request.title == "Explain: The mitochondria is the powerhouse."
    assert request.message() == {"role": "user", "content": request.text}


def test_a_typed_question_goes_first_with_the_clipboard_below():
    request = build_request(ClipboardContent("x = 1 / 0"), "  why does this fail?  ")
    assert request.action is None
    assert request.text == "why does this fail?\n\n```\nx = 1 / 0\n```"
    assert request.title == "why does this fail?"


def test_a_question_without_clipboard_is_sent_as_it_is():
    request = build_request(ClipboardContent(), "What is 2+2?")
    assert request.text == "What is 2+2?" and request.images == ()


@pytest.mark.parametrize("action, words", [
    ("explain", "Explain the text below"),
    ("summarize", "Summarize the text below"),
    ("translate-en", "into English. Reply with the translation only."),
    ("translate-zh", "Traditional Chinese as written in Hong Kong (繁體中文，香港用語)"),
    ("fix-grammar", "Fix the grammar, spelling and punctuation of the text below"),
])
def test_each_action_instructs_and_titles(action, words):
    request = build_request(ClipboardContent("Their going too the park."), action=action)
    assert request.text.startswith(ACTIONS[action].instruction.split("{")[0])
    assert words in request.text and request.text.endswith("```\nTheir going too the park.\n```")
    assert request.title == f"{ACTIONS[action].label}: Their going too the park."


def test_action_plus_question_adds_the_question_as_a_note():
    request = build_request(ClipboardContent("long text"), "in three bullet points", "summarize")
    assert request.text.split("\n\n")[:2] == [
        "Summarize the text below: the main points, briefly.", "in three bullet points"]


def test_an_action_with_an_empty_clipboard_works_on_the_typed_text():
    request = build_request(ClipboardContent("   "), "i has a apple", "fix-grammar")
    assert request.question == "" and request.text.endswith("```\ni has a apple\n```")
    assert request.title == "Fix grammar: i has a apple"


def test_image_only_is_attached_as_a_part():
    request = build_request(ClipboardContent(image_url=PNG_URL, image_mime="image/png"))
    assert request.text == "Explain the attached image clearly and concisely."
    assert request.images == (PNG_URL,) and request.title == "Explain: image"
    assert request.message() == {"role": "user", "content": [
        {"type": "text", "text": request.text},
        {"type": "image_url", "image_url": {"url": PNG_URL}}]}


def test_image_with_translation_reads_the_text_in_it_and_question_titles():
    translated = build_request(ClipboardContent(image_url=PNG_URL), action="translate-en")
    assert translated.text.startswith("Translate the text in the attached image into English")
    asked = build_request(ClipboardContent(image_url=PNG_URL), "What breed is this dog?")
    assert asked.text == "What breed is this dog?" and asked.title == "What breed is this dog?"


def test_text_and_image_together():
    request = build_request(ClipboardContent("caption", PNG_URL), action="explain")
    assert request.text.startswith("Explain the text below and the attached image")
    assert request.images == (PNG_URL,)


@pytest.mark.parametrize("url, mime", [("https://example.org/cat.png", ""),
                                       ("data:text/plain;base64,aGk=", ""),
                                       (PNG_URL, "image/jpeg")])
def test_an_image_that_is_not_an_image_data_url_is_refused(url, mime):
    with pytest.raises(InputError, match="not an image data URL"):
        build_request(ClipboardContent(image_url=url, image_mime=mime))


@pytest.mark.parametrize("action, verb", [(None, "explain"), ("summarize", "summarize"),
                                          ("translate-zh", "translate to 中文")])
def test_nothing_to_send_is_a_clear_input_error(action, verb):
    with pytest.raises(InputError) as caught:
        build_request(ClipboardContent(" \n\t"), "  ", action)
    assert caught.value.message == (f"nothing to {verb}: the clipboard is empty and no "
                                    "question was typed")
    assert "copy some text or an image first" in str(caught.value)


def test_unknown_action_names_the_known_ones():
    with pytest.raises(InputError, match="explain, summarize"):
        build_request(ClipboardContent("x"), action="poem")


def test_long_text_is_cut_at_a_line_with_a_note():
    line = "word " * 19 + "end\n"  # 100 characters a line
    text = line * 500  # 50,000 characters
    request = build_request(ClipboardContent(text))
    sent = request.text.split("```\n", 1)[1].split("\n```", 1)[0]
    assert request.truncated and len(sent) <= MAX_SENT_CHARS and sent.endswith("end")
    assert len(sent) > MAX_SENT_CHARS * 0.9
    assert request.note == (f"Only the first {len(sent):,} of {len(text.strip()):,} characters "
                            "of the clipboard were sent.")
    assert request.text.endswith(f"[{request.note}]")


def test_a_cap_inside_a_long_word_cuts_hard():
    request = build_request(ClipboardContent("x" * 50), max_chars=10)
    assert "```\nxxxxxxxxxx\n```" in request.text and request.truncated


def test_backticks_in_the_clipboard_cannot_close_the_fence():
    code = "Use ```python\nprint(1)\n``` and ````four````"
    request = build_request(ClipboardContent(code))
    assert request.text.endswith("`````\n" + code + "\n`````")


def test_line_endings_and_nul_are_cleaned():
    assert ClipboardContent("a\r\nb\rc\x00\r\n").clean_text == "a\nb\nc"


def test_preview_is_trimmed():
    assert preview_text("  first   line \n\n\n second\n") == "first line\nsecond"
    assert preview_text("\n".join(f"line {n}" for n in range(10))) == (
        "line 0\nline 1\nline 2\nline 3…")
    assert preview_text("x" * 500) == "x" * 240 + "…"
    assert ClipboardContent("  hi  ").preview() == "hi" and preview_text("") == ""


def test_chinese_title_is_cut_by_width():
    request = build_request(ClipboardContent("這是一段很長的中文文字" * 10), action="summarize")
    assert request.title.startswith("Summarize: 這是一段") and request.title.endswith("…")
    assert len(request.title) < 40
