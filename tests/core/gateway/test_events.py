"""Chunk interpretation and request bodies: pure functions, no network."""

import pytest

from app.core.config.profiles import PRESETS
from app.core.errors import ContentFiltered, InputError, StreamError
from app.core.gateway.chat import ChatRequest, build_body, message, response_format
from app.core.gateway.events import (
    ChatResult,
    FilterNotice,
    Finish,
    TextDelta,
    Usage,
    interpret_chunk,
)


def events(chunk):
    return list(interpret_chunk(chunk))


def test_prompt_filter_results_only_notice_when_filtered():
    safe = {"choices": [], "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {
        "hate": {"filtered": False, "severity": "safe"}}}]}
    assert events(safe) == []
    flagged = {"choices": [], "prompt_filter_results": [{"prompt_index": 0, "content_filter_results": {
        "violence": {"filtered": True, "severity": "high"}, "jailbreak": {"filtered": False}}}]}
    assert events(flagged) == [FilterNotice("prompt", ("violence",), 0)]


def test_choice_content_finish_usage_and_odd_fields():
    chunk = {"choices": [{"index": 1, "delta": {"content": "hi", "role": None},
                          "finish_reason": "length", "content_filter_results": {}},
                         "garbage", {"delta": None, "finish_reason": None}],
             "usage": {"prompt_tokens": 3, "completion_tokens": 4}}
    assert events(chunk) == [TextDelta("hi", 1), Finish("length", 1), Usage(3, 4, 7)]
    assert events({"choices": None, "usage": None}) == []
    assert events(["not", "a", "dict"]) == []


def test_refusal_text_reaches_the_user():
    assert events({"choices": [{"delta": {"refusal": "I can't help with that."}}]}) == [
        TextDelta("I can't help with that.", 0)]


def test_error_object_inside_stream_raises_typed():
    with pytest.raises(StreamError, match="overloaded"):
        events({"error": {"code": "server_error", "message": "The model is overloaded"}})
    with pytest.raises(ContentFiltered):
        events({"error": {"code": "content_filter", "message": "filtered"}})


def test_result_fold_last_usage_wins_and_filtered_flag():
    result = ChatResult()
    for e in [TextDelta("a"), TextDelta("b"), Usage(1, 1, 2), Finish("content_filter"), Usage(5, 5, 10)]:
        result.add(e)
    assert result.text == "ab" and result.usage == Usage(5, 5, 10)
    assert result.filtered and result.finish_reason == "content_filter"


def test_body_per_style():
    request = ChatRequest([message("user", "Hi")], params={"temperature": 0.3, "max_tokens": None})
    apim = build_body(PRESETS["eduhk-apim"], request, stream=True)
    assert apim["model"] == "gpt-4o-mini" and apim["stream"] is True
    assert "stream_options" not in apim and apim["temperature"] == 0.3 and "max_tokens" not in apim
    azure = build_body(PRESETS["eduhk-azure"], request, stream=True)
    assert "model" not in azure and azure["stream_options"] == {"include_usage": True}
    openai = build_body(PRESETS["openai"], request, stream=False)
    assert "stream_options" not in openai and openai["stream"] is False


def test_image_message_uses_parts_like_seed_000():
    m = message("user", "Hello, What is this?", ["data:image/png;base64,AAAA"])
    assert m["content"] == [
        {"type": "text", "text": "Hello, What is this?"},
        {"type": "image_url", "image_url": {"url": "data:image/png;base64,AAAA"}}]


def test_response_formats():
    assert response_format("json_object") == {"type": "json_object"}
    wrapped = response_format("json_schema", {"type": "object"}, name="steps")
    assert wrapped["json_schema"] == {"name": "steps", "schema": {"type": "object"}, "strict": True}
    with pytest.raises(InputError):
        response_format("json_schema")
