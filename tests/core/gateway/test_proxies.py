"""Proxies: SOCKS (profile or environment, GNOME's lower-case all_proxy too), a scheme-less
``host:port`` as typed in Settings, and one-line configuration errors for anything unusable.
Over real loopback proxies (tests/gateway/proxies.py)."""

import pytest

from app.cli import main
from app.core.config.profiles import ProfileStore
from app.core.errors import ConfigError
from app.core.gateway.chat import ChatRequest, collect, message
from app.core.gateway.client import Gateway
from app.core.gateway.connection import proxy_url
from tests.conftest import TEST_KEY, profile_for, style_env
from tests.gateway.proxies import HttpProxy, Socks5Proxy

HELLO = "Hello! How can I assist you today?"


async def ask(profile):
    async with Gateway(profile, TEST_KEY) as g:
        return await collect(g.stream_chat(ChatRequest([message("user", "Hello")])))


async def test_socks5_proxy_in_the_profile(gateway):
    with Socks5Proxy() as proxy:
        result = await ask(profile_for(gateway, "apim", proxy=proxy.url))
    assert result.error is None and result.text == HELLO
    assert proxy.connects == [(gateway.host, gateway.port)]


@pytest.mark.parametrize("variable", ["ALL_PROXY", "all_proxy"])
async def test_socks5_proxy_from_the_environment(gateway, monkeypatch, variable):
    for name in ("NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)
    with Socks5Proxy() as proxy:
        monkeypatch.setenv(variable, proxy.url)
        result = await ask(profile_for(gateway, "apim"))
    assert result.error is None and result.text == HELLO and proxy.connects


async def test_a_proxy_typed_as_host_and_port(gateway):
    with HttpProxy() as proxy:
        result = await ask(profile_for(gateway, "apim", proxy=f"{proxy.host}:{proxy.port}"))
    assert result.error is None and result.text == HELLO
    assert proxy.connects == [(gateway.host, gateway.port)]


@pytest.mark.parametrize("typed, expected", [
    ("", None), ("  ", None), ("proxy.example.edu:8080", "http://proxy.example.edu:8080"),
    ("http://proxy:3128", "http://proxy:3128"), ("socks5://127.0.0.1:1080", "socks5://127.0.0.1:1080"),
    ("socks5h://proxy:1080", "socks5h://proxy:1080"), ("HTTPS://Proxy:443", "https://Proxy:443"),
])
def test_proxy_urls(typed, expected):
    assert proxy_url(typed) == expected


@pytest.mark.parametrize("typed", ["ftp://proxy:21", "socks4://proxy:1080", "proxy:port",
                                   "http://", "just words", "proxy:99999"])
def test_unusable_proxies_are_configuration_errors(typed):
    with pytest.raises(ConfigError, match="proxy"):
        proxy_url(typed)


def test_cli_unusable_environment_proxy_is_one_line_exit_3(gateway, monkeypatch, capsys):
    for name, value in {**style_env(gateway, "apim"), "ALL_PROXY": "socks4://127.0.0.1:1"}.items():
        monkeypatch.setenv(name, value)
    assert main(["ask", "Hello"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "ALL_PROXY" in err and "Traceback" not in err


def test_cli_unusable_profile_proxy_is_one_line_exit_3(gateway, monkeypatch, capsys):
    store = ProfileStore()
    store.save(profile_for(gateway, "openai", name="via-proxy", proxy="ftp://proxy:21"))
    monkeypatch.setenv("PARLEY_API_KEY", TEST_KEY)
    assert main(["ask", "--profile", "via-proxy", "Hello"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "proxy" in err and gateway.requests == []
