"""The key goes only to the base URL's own origin: scheme, host and port."""

import pytest

from app.core.errors import AuthError
from app.core.gateway.chat import ChatRequest, collect, message
from app.core.gateway.client import Gateway
from app.core.gateway.origin import origin
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import FakeGateway, Fault

BASE = "https://gw.example.edu/chatgpt"


@pytest.mark.parametrize("url", [
    "https://gw.example.edu/other/path", "https://GW.example.edu:443/x", "https://gw.example.edu/",
])
def test_same_origin(url):
    assert origin(url) == origin(BASE)


@pytest.mark.parametrize("url", [
    "https://gw.example.edu:8443/chatgpt",  # another port of the same host
    "http://gw.example.edu/chatgpt",        # another scheme
    "https://evil.example.edu/chatgpt",     # another host
    "https://gw.example.edu.evil.test/chatgpt",
])
def test_other_origins(url):
    assert origin(url) != origin(BASE)


async def test_a_redirect_to_another_port_of_the_same_host_gets_no_key(gateway, sleeps):
    with FakeGateway(key=None) as other_port:  # 127.0.0.1 as well, another port
        gateway.add_fault(Fault(redirect_to=other_port.url + "/chatgpt/v1/completion"))
        async with Gateway(profile_for(gateway, "apim"), TEST_KEY, sleep=sleeps) as g:
            await collect(g.stream_chat(ChatRequest([message("user", "Hello")])))
        seen = [r.headers for r in other_port.requests]
    assert seen and all("api-key" not in h and "authorization" not in h for h in seen)


async def test_a_refusal_after_a_redirect_to_another_port_names_the_redirect(gateway, sleeps):
    with FakeGateway() as other_port:  # expects a key it will not get
        gateway.add_fault(Fault(redirect_to=other_port.url + "/chatgpt/v1/completion"))
        async with Gateway(profile_for(gateway, "apim"), TEST_KEY, sleep=sleeps) as g:
            result = await collect(g.stream_chat(ChatRequest([message("user", "Hello")])))
    assert isinstance(result.error, AuthError) and "another address" in result.error.hint
