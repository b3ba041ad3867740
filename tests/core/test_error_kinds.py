"""A failure stored as one line in the history is known again by its kind (the transcript's
error card titles it in plain words from that)."""

import pytest

from app.core.errors import (
    AuthError,
    ContentFiltered,
    GatewayError,
    GatewayTimeout,
    NetworkError,
    RateLimited,
    ServerError,
    StreamError,
    StreamInterrupted,
    error_kind,
)


@pytest.mark.parametrize("error", [
    RateLimited("HTTP 429 Too Many Requests", hint="wait a moment"),
    ServerError("HTTP 500 Internal Server Error", hint="try again shortly"),
    ServerError("HTTP 408 Request Timeout"),
    GatewayError("the gateway sent an empty body"),
    AuthError("HTTP 401 Unauthorized"),
    ContentFiltered("the safety system refused"),
    StreamInterrupted("connection dropped"),
    GatewayTimeout("example.org:443 stopped sending data"),
    NetworkError("could not connect"),
    StreamError("overloaded"),
], ids=lambda e: type(e).__name__)
def test_the_kind_is_read_back_from_the_stored_text(error):
    assert error_kind(str(error)) is type(error)


def test_text_without_a_title_has_no_kind():
    assert error_kind("the disk is full") is None
    assert error_kind("") is None
