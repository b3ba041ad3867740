"""What a conversation so far adds to the next request: the gateway's own count where an
answer reported one, estimates after it."""

from types import SimpleNamespace

from app.core.documents.tokens import PART_OVERHEAD, conversation_tokens, image_tokens


def said(role, content, prompt=None, completion=None, attachments=()):
    return SimpleNamespace(role=role, content=content, prompt_tokens=prompt,
                           completion_tokens=completion, attachments=attachments)


def document(tokens):
    return SimpleNamespace(kind="document", meta={"tokens": tokens}, width=0, height=0)


def image(width, height):
    return SimpleNamespace(kind="input", meta={}, width=width, height=height)


def test_nothing_said_is_nothing():
    assert conversation_tokens([]) == 0


def test_estimated_when_no_answer_reported_its_usage():
    messages = [said("user", "x" * 36, attachments=(document(1_200), image(1024, 768))),
                said("assistant", "這是答案")]  # a stopped answer: no usage
    expected = (2 * PART_OVERHEAD + 10 + 1_200 + image_tokens(1024, 768) + 4)
    assert conversation_tokens(messages) == expected


def test_the_gateways_count_replaces_the_estimate_up_to_that_answer():
    messages = [said("user", "x" * 36_000, attachments=(document(50_000),)),
                said("assistant", "ok", prompt=60_250, completion=700),
                said("user", "x" * 36)]
    # prompt_tokens held the system prompt (250): it is counted once, by the caller.
    assert conversation_tokens(messages, system=250) == 60_000 + 700 + PART_OVERHEAD + 10


def test_a_later_answer_with_usage_wins():
    messages = [said("user", "a"), said("assistant", "b", prompt=100, completion=20),
                said("user", "c"), said("assistant", "d", prompt=300, completion=40)]
    assert conversation_tokens(messages) == 340
