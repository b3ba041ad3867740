"""A key with a line break or space inside (pasted from a file) is a configuration error,
wherever it comes from — never a network error retried three times."""

import keyring
import pytest

from app.cli import main
from app.core.config.secrets import SERVICE, KeyStore
from app.core.errors import ConfigError
from app.core.gateway.client import Gateway
from tests.conftest import TEST_KEY, profile_for, style_env


@pytest.mark.parametrize("bad", [TEST_KEY + "\n" + TEST_KEY, "abc def", "key\r\nmore", "k\x00y"])
def test_a_gateway_refuses_a_key_with_a_break_before_any_request(gateway, bad):
    with pytest.raises(ConfigError, match="API key"):
        Gateway(profile_for(gateway, "apim"), bad)
    assert gateway.requests == []


def test_the_environment_key_is_checked(monkeypatch):
    keys = KeyStore(env={"PARLEY_API_KEY": "first-line\nsecond-line"})
    with pytest.raises(ConfigError, match="PARLEY_API_KEY"):
        keys.lookup("eduhk-apim")


def test_a_keyring_key_is_checked():
    keyring.set_password(SERVICE, "eduhk-apim", "pasted\nfrom a file")
    with pytest.raises(ConfigError, match="keyring"):
        KeyStore(env={}).lookup("eduhk-apim")


def test_cli_exit_3_in_one_line_and_nothing_sent(gateway, monkeypatch, capsys):
    for name, value in {**style_env(gateway, "apim"), "PARLEY_API_KEY": "a\nb"}.items():
        monkeypatch.setenv(name, value)
    assert main(["ask", "Hello"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "line break" in err and gateway.requests == []
