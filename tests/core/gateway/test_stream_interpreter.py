"""The stream interpreter with plain strings and bytes: no socket, no event loop."""

import json
import random

import httpx
import pytest
from httpx_sse import EventSource

from app.core.errors import ContentFiltered, ProtocolError, StreamError
from app.core.gateway.events import (
    ChatResult,
    ErrorEvent,
    FilterNotice,
    Finish,
    TextDelta,
    Usage,
)
from app.core.gateway.stream import StreamInterpreter, interpret_body
from tests.gateway.streams import build_stream, rewrite_line_endings, seed_hello

HELLO = "Hello! How can I assist you today?"
URL = "https://gw.example/v1/chat/completions"


def run(*pieces):
    """Every event the interpreter gives for ``pieces`` fed in order, ``close()`` included."""
    interpreter = StreamInterpreter(URL)
    events = []
    for piece in pieces:
        events += interpreter.feed(piece)
    return events + interpreter.close()


def fold(events):
    result = ChatResult()
    for event in events:
        result.add(event)
    return result


def norm(events):
    """Comparable events: errors by type and message (exceptions compare by identity)."""
    return [(type(e.error), str(e.error)) if isinstance(e, ErrorEvent) else e for e in events]


def chunk(text=None, finish=None, index=0, **extra):
    delta = {} if text is None else {"content": text}
    body = {"choices": [{"index": index, "delta": delta, "finish_reason": finish}], **extra}
    return json.dumps(body, ensure_ascii=False)


def sse(*datas, end="\n", space=True):
    prefix = "data: " if space else "data:"
    return "".join(prefix + d + end + end for d in datas)


def test_seed_transcript_whole():
    events = run(seed_hello())
    result = fold(events)
    assert result.error is None and result.text == HELLO and result.finish_reason == "stop"
    assert result.usage == Usage(23, 10, 33)  # the usage-only chunk after finish wins
    assert [e for e in events if isinstance(e, Usage)] == [Usage(23, 9, 32), Usage(23, 10, 33)]
    assert not any(isinstance(e, ErrorEvent) for e in events)


def test_seed_transcript_split_at_every_byte_gives_the_same_events():
    body = seed_hello()
    whole = run(body)
    for cut in range(len(body) + 1):
        assert run(body[:cut], body[cut:]) == whole, cut
    assert run(*(body[i:i + 1] for i in range(len(body)))) == whole


def test_multibyte_text_split_inside_characters():
    deltas = ["數學", "：", "$e^{i\\pi}+1=0$", " 😀", "\u2028line", "sep\u2029", "完", "\u0085x"]
    body = build_stream(deltas)
    whole = run(body)
    assert fold(whole).text == "".join(deltas)
    for cut in range(len(body) + 1):
        assert run(body[:cut], body[cut:]) == whole, cut
    assert run(*(body[i:i + 1] for i in range(len(body)))) == whole


@pytest.mark.parametrize("ending", ["\n", "\r", "\r\n"], ids=["LF", "CR", "CRLF"])
@pytest.mark.parametrize("size", [1, 2, 3, 7, 4096])
def test_line_endings_in_any_split(ending, size):
    body = rewrite_line_endings(seed_hello(), ending)
    events = run(*(body[i:i + size] for i in range(0, len(body), size)))
    assert events == run(seed_hello())


def test_crlf_split_between_cr_and_lf_is_one_line_end():
    # A LF after a CR that ended the previous piece must not become an empty line: that would
    # end the event half-way and lose the second data line.
    text = 'data: {"choices": [{"index": 0,\r\ndata: "delta": {"content": "ok"}}]}\r\n\r\n'
    cut = text.index("\n")
    assert fold(run(text[:cut], text[cut:])).text == "ok"


def test_mixed_line_endings_and_a_final_cr_cr():
    body = sse(chunk("a"), end="\r\n") + sse(chunk("b"), end="\r") + sse(chunk("c"), end="\n")
    assert fold(run(body)).text == "abc"
    assert fold(run(*body)).text == "abc"


def test_comments_and_other_fields_are_ignored():
    body = (": keep-alive\n\n: another comment\nid: 7\nretry: 1000\nevent: message\n"
            "data: " + chunk("x") + "\n\n" + "unknown: field\n" + sse(chunk("y")))
    assert fold(run(body)).text == "xy"


def test_multi_line_data_is_joined_with_a_newline():
    body = 'data: {"choices": [{"index": 0,\ndata: "delta": {"content": "!"}}]}\n\n'
    assert run(body) == [TextDelta("!", 0)]


@pytest.mark.parametrize("space", [True, False])
def test_data_with_and_without_a_space(space):
    assert fold(run(sse(chunk("hi"), "[DONE]", space=space))).text == "hi"


def test_only_one_space_after_the_colon_is_dropped():
    body = "data:  " + chunk("hi") + "\n\n"  # the second space is data; JSON does not mind
    assert fold(run(body)).text == "hi"


@pytest.mark.parametrize("sep", ["\u2028", "\u2029", "\u0085", "\x0b", "\x0c", "\x1c"])
def test_unicode_line_separators_inside_json_strings_survive(sep):
    text = f"one{sep}two"
    body = sse(chunk(text)).encode()
    assert fold(run(body)).text == text
    assert fold(run(*(body[i:i + 1] for i in range(len(body))))).text == text


def test_done_ends_the_answer_and_later_events_are_ignored():
    interpreter = StreamInterpreter(URL)
    assert interpreter.feed(sse(chunk("a"))) == [TextDelta("a")]
    assert not interpreter.done
    assert interpreter.feed(sse("[DONE]", chunk("late"))) == []
    assert interpreter.done and interpreter.close() == []


def test_a_stream_without_done_stands():
    assert norm(run(sse(chunk("a"), chunk(finish="stop")))) == [TextDelta("a"), Finish("stop")]


def test_a_stream_without_a_finish_reason_stands():
    assert run(sse(chunk("a"))) == [TextDelta("a")]


def test_an_unterminated_last_event_is_dropped():
    assert run(sse(chunk("a")) + "data: " + chunk("never")) == [TextDelta("a")]
    assert run(sse(chunk("a")) + "data: " + chunk("never") + "\n") == [TextDelta("a")]


@pytest.mark.parametrize("body", ["", ": nothing here\n\n", "data:\n\n", "data: [DONE]\n\n"])
def test_a_stream_with_nothing_in_it_is_a_protocol_error(body):
    (event,) = run(body)
    assert isinstance(event, ErrorEvent) and isinstance(event.error, ProtocolError)
    assert event.error.url == URL and "without sending anything" in str(event.error)


def test_error_object_in_a_data_chunk_keeps_the_text_before_it():
    interpreter = StreamInterpreter(URL)
    failure = '{"error": {"code": "server_error", "message": "upstream died"}}'
    # The failure waits for close(): the caller reads the body to its end first.
    assert interpreter.feed(sse(chunk("Partial"), failure, chunk("ignored"))) == [
        TextDelta("Partial")]
    (event,) = interpreter.close()
    assert isinstance(event.error, StreamError) and "upstream died" in str(event.error)
    assert event.error.code == "server_error"


def test_error_event_with_a_json_body_without_an_error_key():
    body = 'event: error\ndata: {"code": "content_filter", "message": "prompt blocked"}\n\n'
    (event,) = run(body)
    assert isinstance(event.error, ContentFiltered) and "prompt blocked" in str(event.error)


def test_error_event_with_a_text_body():
    (event,) = run("event: error\ndata: the upstream is gone\n\n" + sse(chunk("late")))
    assert isinstance(event.error, StreamError) and event.error.message == "the upstream is gone"


def test_error_event_with_an_error_object_and_the_first_failure_wins():
    body = ('event: error\ndata: {"error": {"code": "rate_limit", "message": "slow down"}}\n\n'
            'data: {"error": {"message": "second"}}\n\n')
    (event,) = run(body)
    assert "slow down" in str(event.error) and event.error.code == "rate_limit"


@pytest.mark.parametrize("bad", ["{not json", '{"choices": [{"index": 0, "delta": {"co',
                                 "not json"])
def test_a_malformed_json_chunk_ends_the_answer_with_a_protocol_error(bad):
    """Dropping it would lose its text without a word (the official client raises too)."""
    events = run(sse(chunk("a"), bad, chunk("b")))
    assert events[0] == TextDelta("a") and len(events) == 2
    assert isinstance(events[1].error, ProtocolError) and "not valid JSON" in str(events[1].error)


def test_usage_last_wins():
    body = sse(chunk("a"), chunk(finish="stop", usage={"prompt_tokens": 2, "completion_tokens": 1}),
               json.dumps({"choices": [], "usage": {"prompt_tokens": 2, "completion_tokens": 3,
                                                    "total_tokens": 5}}), "[DONE]")
    events = run(body)
    assert [e for e in events if isinstance(e, Usage)] == [Usage(2, 1, 3), Usage(2, 3, 5)]
    assert fold(events).usage == Usage(2, 3, 5)


@pytest.mark.parametrize("reason", ["stop", "length", "content_filter", "tool_calls"])
def test_finish_reasons(reason):
    result = fold(run(sse(chunk("a"), chunk(finish=reason), "[DONE]")))
    assert result.finish_reason == reason and result.filtered == (reason == "content_filter")


def test_several_choices_finish_apart():
    body = sse(chunk("a", index=0), chunk("b", index=1), chunk(finish="stop", index=1),
               chunk(finish="length", index=0), "[DONE]")
    result = fold(run(body))
    assert (result.text_of(0), result.text_of(1)) == ("a", "b")
    assert result.finish_reasons == {0: "length", 1: "stop"}


def test_azure_content_filter_notices():
    flagged = {"hate": {"filtered": True, "severity": "medium"},
               "violence": {"filtered": False, "severity": "safe"}}
    prompt = json.dumps({"choices": [], "prompt_filter_results": [
        {"prompt_index": 0, "content_filter_results": {"sexual": {"filtered": True}}}]})
    stop = json.dumps({"choices": [{"index": 0, "delta": {}, "finish_reason": "content_filter",
                                    "content_filter_results": flagged}]})
    events = run(sse(prompt, chunk("Some"), stop, "[DONE]"))
    assert events == [FilterNotice("prompt", ("sexual",), 0), TextDelta("Some"),
                      FilterNotice("completion", ("hate",), 0), Finish("content_filter")]


def test_feed_event_for_already_decoded_events():
    interpreter = StreamInterpreter(URL)
    assert interpreter.feed_event("message", chunk("a")) == [TextDelta("a")]
    assert interpreter.feed_event("", "  " + chunk("b") + "\n") == [TextDelta("b")]
    assert interpreter.feed_event("message", "") == []
    assert interpreter.feed_event("message", "[DONE]") == [] and interpreter.done
    assert interpreter.close() == []


def test_text_pieces_work_like_bytes():
    body = seed_hello()
    assert run(body.decode()) == run(body)
    assert run(*body.decode()) == run(body)


def test_the_body_is_utf8_and_bad_bytes_are_replaced():
    assert fold(run(sse(chunk("café")).encode())).text == "café"
    assert fold(run(sse(chunk("café")).encode("latin-1"))).text == "caf\ufffd"


def test_a_long_line_in_tiny_pieces():
    text = "x" * 200_000
    body = sse(chunk(text)).encode()
    assert fold(run(*(body[i:i + 3] for i in range(0, len(body), 3)))).text == text


def reference(pieces):
    """What httpx-sse's EventSource decodes from the same bytes, fed through the interpreter's
    own event rules: the framing is the only thing that differs."""
    response = httpx.Response(200, headers={"content-type": "text/event-stream"},
                              content=iter(pieces))
    interpreter = StreamInterpreter(URL)
    events = []
    for event in EventSource(response).iter_sse():
        events += interpreter.feed_event(event.event, event.data)
    return events + interpreter.close()


def random_body(rng):
    lines = []
    for _ in range(rng.randint(0, 12)):
        kind = rng.random()
        if kind < 0.5:
            lines += ["data:" + rng.choice(["", " "]) + chunk(rng.choice(["a", "數", "😀 b"])), ""]
        elif kind < 0.6:
            lines += [": comment " + "c" * rng.randint(0, 5)]
        elif kind < 0.7:
            lines += ['data: {"choices": [{"index": 0,', 'data: "delta": {"content": "m"}}]}', ""]
        elif kind < 0.8:
            lines += ["event: error", 'data: {"message": "boom"}', ""]
        elif kind < 0.9:
            lines += ["data: [DONE]", ""]
        else:
            lines += ["", "id: 3", "data: junk"]
    ends = ["\n", "\r", "\r\n"]
    return "".join(line + rng.choice(ends) for line in lines).encode()


def test_same_events_as_httpx_sse_for_random_bodies_and_splits():
    rng = random.Random(2028)
    for _ in range(400):
        body = random_body(rng)
        cuts = sorted(rng.sample(range(len(body) + 1), min(len(body) + 1, rng.randint(0, 6))))
        pieces = [body[a:b] for a, b in zip([0, *cuts], [*cuts, len(body)], strict=True) if b > a]
        assert norm(run(*pieces)) == norm(reference(pieces)), body


def test_a_json_answer_to_a_streamed_request():
    completion = {"choices": [{"index": 0, "message": {"role": "assistant", "content": "whole"},
                               "finish_reason": "stop"}],
                  "usage": {"prompt_tokens": 1, "completion_tokens": 1}}
    events = interpret_body(json.dumps(completion).encode(), "application/json", URL)
    assert events == [TextDelta("whole"), Finish("stop"), Usage(1, 1, 2)]
    # No content type, but it looks like JSON.
    assert interpret_body(b'  {"choices": []}', "", URL) == []


def test_a_json_error_answer_to_a_streamed_request():
    (event,) = interpret_body(b'{"error": {"code": "bad", "message": "no"}}',
                              "application/json", URL)
    assert isinstance(event.error, StreamError) and event.error.code == "bad"


def test_broken_json_answer_to_a_streamed_request():
    (event,) = interpret_body(b"{oops", "application/json", URL)
    assert isinstance(event.error, ProtocolError) and "expected JSON" in str(event.error)


@pytest.mark.parametrize("body, content_type, shown", [
    (b"<html><title>Sign in</title><body>...</body></html>", "text/html", "Sign in"),
    (b"plain words", "text/plain", "plain words"),
    (b"", "", "no content type: nothing"),
])
def test_anything_else_answered_to_a_streamed_request(body, content_type, shown):
    (event,) = interpret_body(body, content_type, URL)
    assert isinstance(event.error, ProtocolError) and shown in str(event.error)
    assert "expected a stream" in str(event.error) and URL in event.error.hint
