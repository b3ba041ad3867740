"""Errors, retries, timeouts and redirects over a real loopback socket."""

import pytest

from app.core.errors import (
    AuthError,
    BadRequest,
    GatewayTimeout,
    NetworkError,
    NotFound,
    ProtocolError,
    RateLimited,
    ServerError,
    StreamInterrupted,
)
from app.core.gateway.chat import ChatRequest, collect, message
from app.core.gateway.client import Gateway
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import Fault

ASK = ChatRequest([message("user", "Hello")])
HELLO = "Hello! How can I assist you today?"


async def ask(gw, style="apim", key=TEST_KEY, profile=None, **kw):
    async with Gateway(profile or profile_for(gw, style), key, **kw) as g:
        return await collect(g.stream_chat(ASK))


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
async def test_wrong_key_is_an_auth_error_with_a_hint(gateway, style, sleeps):
    wrong = "sk-wrong-" + "9" * 30
    result = await ask(gateway, style, key=wrong, sleep=sleeps)
    error = result.error
    assert isinstance(error, AuthError) and error.status == 401 and error.exit_code == 4
    text = str(error)
    assert "401" in text and "parley key set --profile" in text
    assert "9999999999" not in text  # openai echoes the key; it must be redacted
    assert "\n" not in text and sleeps == []  # one line, no retry on 401


async def test_azure_unknown_deployment_shows_the_url(gateway, sleeps):
    profile = profile_for(gateway, "azure", chat_model="no-such-deployment")
    result = await ask(gateway, profile=profile, sleep=sleeps)
    error = result.error
    assert isinstance(error, NotFound) and error.code == "DeploymentNotFound"
    assert "/openai/deployments/no-such-deployment/chat/completions" in str(error)
    assert "deployment" in error.hint


async def test_wrong_path_404(gateway, sleeps):
    profile = profile_for(gateway, "apim", chat_path="/chatgpt/v1/completions")
    result = await ask(gateway, profile=profile, sleep=sleeps)
    assert isinstance(result.error, NotFound) and "Resource not found" in str(result.error)


@pytest.mark.parametrize("status, cls", [(400, BadRequest), (413, BadRequest), (403, AuthError)])
async def test_client_errors_are_not_retried(gateway, sleeps, status, cls):
    gateway.add_fault(Fault(status=status))
    result = await ask(gateway, sleep=sleeps)
    assert isinstance(result.error, cls) and result.error.status == status and sleeps == []
    assert len(gateway.requests) == 1


async def test_html_error_page_becomes_one_short_line(gateway, sleeps):
    gateway.add_fault(*[Fault.html_error(status=502)] * 3)
    result = await ask(gateway, sleep=sleeps)
    text = str(result.error)
    assert isinstance(result.error, ServerError) and "502" in text and "Bad Gateway" in text
    assert "<" not in text and "\n" not in text and len(text) < 300
    assert len(gateway.requests) == 3 and len(sleeps) == 2  # two retries, then give up


async def test_429_retry_after_is_honoured_then_succeeds(gateway, sleeps):
    gateway.add_fault(Fault(status=429, headers={"Retry-After": "3"}),
                      Fault(status=429, headers={"retry-after-ms": "250"}))
    result = await ask(gateway, sleep=sleeps)
    assert result.error is None and result.text == HELLO
    assert sleeps == [3.0, 0.25]


async def test_insane_retry_after_falls_back_to_backoff(gateway, sleeps):
    gateway.add_fault(Fault(status=503, headers={"Retry-After": "3600"}))
    result = await ask(gateway, sleep=sleeps)
    assert result.text == HELLO and len(sleeps) == 1 and 0.375 <= sleeps[0] <= 0.5


async def test_rate_limit_after_retries_is_typed(gateway, sleeps):
    gateway.add_fault(*[Fault(status=429, headers={"Retry-After": "0"})] * 3)
    result = await ask(gateway, sleep=sleeps)
    assert isinstance(result.error, RateLimited) and result.error.exit_code == 6


async def test_disconnect_before_content_is_retried(gateway, sleeps):
    gateway.add_fault(Fault(disconnect_after=40))  # inside the prompt-filter chunk
    result = await ask(gateway, sleep=sleeps)
    assert result.error is None and result.text == HELLO and len(sleeps) == 1


async def test_disconnect_after_content_keeps_partial_and_never_retries(gateway, sleeps):
    transcript = gateway.transcript
    cut = transcript.index(b'" How"')  # after "Hello" and "!" have been sent
    gateway.add_fault(Fault(disconnect_after=cut))
    result = await ask(gateway, sleep=sleeps)
    assert result.text == "Hello!"
    assert isinstance(result.error, StreamInterrupted) and result.error.partial_text == "Hello!"
    assert sleeps == [] and len(gateway.requests) == 1


async def test_read_timeout_between_chunks(gateway, sleeps):
    profile = profile_for(gateway, "apim", read_timeout=0.3)
    gateway.add_fault(*[Fault(delay=1.0)] * 3)
    result = await ask(gateway, profile=profile, sleep=sleeps)
    assert isinstance(result.error, GatewayTimeout) and len(sleeps) == 2


async def test_slow_but_steady_stream_is_not_timed_out(gateway):
    # 30 chunks 0.05 s apart take 1.5 s in all, far past the 0.3 s read timeout.
    gateway.stream_text("a " * 30, chunks=30)
    gateway.add_fault(Fault(chunk_delay=0.05))
    result = await ask(gateway, profile=profile_for(gateway, "apim", read_timeout=0.3))
    assert result.error is None and result.text == "a " * 30


async def test_connection_refused(sleeps):
    from tests.gateway import FakeGateway
    with FakeGateway(key=TEST_KEY) as gw:
        profile = profile_for(gw, "apim")
    result = await ask(None, profile=profile, sleep=sleeps)  # the server is gone now
    assert isinstance(result.error, NetworkError) and "cannot connect" in str(result.error)
    assert len(sleeps) == 2


async def test_200_html_page_is_a_protocol_error(gateway, sleeps):
    page = "<html><head><title>Wi-Fi login required</title></head><body>" + "x" * 5000
    gateway.add_fault(Fault(status=200, body=page, content_type="text/html"))
    result = await ask(gateway, sleep=sleeps)
    assert isinstance(result.error, ProtocolError) and "Wi-Fi login required" in str(result.error)
    assert len(str(result.error)) < 300


async def test_same_origin_redirect_keeps_the_key(gateway):
    gateway.add_fault(Fault(redirect_to=gateway.url + "/chatgpt/v1/completion"))
    result = await ask(gateway)
    assert result.text == HELLO
    assert [r.headers.get("api-key") for r in gateway.requests] == [TEST_KEY, TEST_KEY]


@pytest.mark.parametrize("style", ["apim", "openai"])
async def test_cross_origin_redirect_never_carries_the_key(gateway, other_host, style, sleeps):
    target = other_host.url + ("/v1/chat/completions" if style == "openai"
                               else "/chatgpt/v1/completion")
    gateway.add_fault(Fault(redirect_to=target))
    result = await ask(gateway, style, sleep=sleeps)
    assert isinstance(result.error, AuthError)
    assert "redirected from" in str(result.error)
    leaked = [r.headers for r in other_host.requests]
    assert leaked and all("api-key" not in h and "authorization" not in h for h in leaked)


async def test_each_retry_is_announced_before_its_wait(gateway, sleeps):
    """A window says "Rate limited — retrying in 3 s" instead of going quiet: each retry is
    a typed event, before the wait, with why, how long and which attempt."""
    from app.core.gateway.events import Retrying, TextDelta

    gateway.add_fault(Fault(status=429, headers={"retry-after": "3"}), Fault(status=500))
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY, sleep=sleeps) as g:
        events = [e async for e in g.stream_chat(ASK)]
    retries = [e for e in events if isinstance(e, Retrying)]
    assert [(type(r.error), r.delay, r.attempt, r.retries) for r in retries] == [
        (RateLimited, 3.0, 1, 2), (ServerError, sleeps[1], 2, 2)]
    assert isinstance(events[2], TextDelta)  # both announced before the answer's text
    assert sleeps[0] == 3.0
