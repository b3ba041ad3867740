"""What an error line keeps of what went wrong: the gateway's own type or code, the host and
port that could not be reached, how many embeddings were sent and received."""

import json

import httpx
import pytest

from app.core.errors import AuthError, BadRequest, ProtocolError
from app.core.gateway.client import Gateway
from app.core.gateway.http_errors import error_for_status, error_for_transport, parse_error_body
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import Fault

JSON = {"content-type": "application/json"}
# LiteLLM's proxy repeats the HTTP status in "code"; its "type" is what says something.
LITELLM_400 = {"error": {"message": "Invalid model name passed in model=gpt-5",
                         "type": "invalid_request_error", "param": None, "code": "400"}}
LITELLM_401 = {"error": {"message": "Authentication Error, Invalid proxy server token passed.",
                         "type": "auth_error", "param": "None", "code": "401"}}


@pytest.mark.parametrize("status, body, cls, shown", [
    (400, LITELLM_400, BadRequest, "HTTP 400 Bad Request [invalid_request_error]: Invalid model"),
    (401, LITELLM_401, AuthError, "HTTP 401 Unauthorized [auth_error]: Authentication Error"),
    (400, {"error": {"message": "bad", "type": "invalid_request_error", "code": 400}},
     BadRequest, "[invalid_request_error]"),
])
def test_the_gateways_type_is_kept_when_its_code_only_repeats_the_status(status, body, cls, shown):
    error = error_for_status(status, json.dumps(body).encode(), JSON, url="http://gw/x")
    assert isinstance(error, cls) and shown in str(error)
    assert error.code == body["error"]["type"]


def test_a_code_that_says_something_still_wins_over_the_type():
    body = {"error": {"message": "Incorrect API key provided", "type": "invalid_request_error",
                      "code": "invalid_api_key"}}
    assert parse_error_body(json.dumps(body).encode(), "application/json")[0] == "invalid_api_key"


@pytest.mark.parametrize("body", [
    {"statusCode": 401, "message": "Access denied due to invalid subscription key."},
    {"error": {"code": "404", "message": "Resource not found"}},
])
def test_a_bare_status_number_alone_is_still_not_repeated(body):
    status = body.get("statusCode", 404)
    line = str(error_for_status(status, json.dumps(body).encode(), JSON, url="http://gw/x"))
    assert f"[{status}]" not in line and f"HTTP {status}" in line


async def test_a_litellm_error_reaches_the_caller_with_its_type(gateway, sleeps):
    gateway.add_fault(Fault(status=400, body=json.dumps(LITELLM_400)))
    async with Gateway(profile_for(gateway, "openai"), TEST_KEY, sleep=sleeps) as g:
        with pytest.raises(BadRequest, match=r"\[invalid_request_error\]"):
            await g.embed("hello")


@pytest.mark.parametrize("url, shown", [
    ("http://127.0.0.1:5999/v1/chat/completions", "127.0.0.1:5999"),
    ("https://gw.example.edu/chatgpt/v1/completion", "gw.example.edu:443"),
    ("http://gw.example.edu/v1/embeddings", "gw.example.edu:80"),
    ("http://[::1]:8080/v1/chat/completions", "[::1]:8080"),
])
@pytest.mark.parametrize("exc", [
    httpx.ConnectError("[Errno 111] Connection refused"),
    httpx.ConnectError("[Errno -2] Name or service not known"),
    httpx.ConnectError("[SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed"),
    httpx.ConnectTimeout("timed out"),
    httpx.ReadTimeout("timed out"),
    httpx.ReadError("reset"),
    httpx.RemoteProtocolError("peer closed connection"),
    httpx.ProxyError("407 Proxy Authentication Required"),
    httpx.UnsupportedProtocol("weird"),
], ids=lambda e: type(e).__name__ + ":" + str(e)[:12])
def test_a_network_error_names_host_and_port(url, shown, exc):
    assert shown in str(error_for_transport(exc, url))


@pytest.mark.parametrize("items, received", [
    ([{"index": 0, "embedding": [0.1, 0.2]}], "received 1 embedding"),
    ([], "received 0 embeddings"),
])
async def test_an_embeddings_count_mismatch_says_how_many_went_and_came(gateway, items, received):
    gateway.add_fault(Fault(status=200, body=json.dumps({"data": items}), path="/embeddings"))
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
        with pytest.raises(ProtocolError) as info:
            await g.embed(["one", "two"])
    assert "sent 2 texts" in str(info.value) and received in str(info.value)


async def test_an_embeddings_answer_without_a_list_says_so(gateway):
    gateway.add_fault(Fault(status=200, body=json.dumps({"data": "none"}), path="/embeddings"))
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
        with pytest.raises(ProtocolError, match="sent 1 text.*no list of embeddings"):
            await g.embed("one")
