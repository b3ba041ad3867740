"""A fake OpenAI-style gateway for Parley's tests: a real loopback HTTP/1.1 server with
byte-level fault injection, imitating the EduHK APIM, Azure deployment and OpenAI styles.

    from tests.gateway import FakeGateway, Fault, build_stream, PNG_BYTES

    with FakeGateway(key="test-key-0123456789abcdef") as gw:
        gw.add_fault(Fault(status=429, headers={"Retry-After": "0"}))
        ...  # point the client at gw.url
"""
from .faults import Fault
from .payloads import PNG_BYTES, embedding_vector
from .routes import Reply
from .server import DEFAULT_ANSWER, DEFAULT_KEY, FakeGateway, check_loopback
from .streams import (
    build_stream,
    drop_done,
    load_fixture,
    parse_stream,
    seed_hello,
    seed_image,
    split_events,
    split_text,
    transcript_text,
)
from .wire import RecordedRequest

__all__ = [
    "DEFAULT_ANSWER", "DEFAULT_KEY", "FakeGateway", "Fault", "PNG_BYTES", "RecordedRequest",
    "Reply", "build_stream", "check_loopback", "drop_done", "embedding_vector", "load_fixture",
    "parse_stream", "seed_hello", "seed_image", "split_events", "split_text", "transcript_text",
]
