"""Keys: keyring per profile, env override, insecure backends, redaction."""

import keyring
import keyring.backends.fail
import keyring.backends.null
import pytest

from app.core.config.secrets import KeyStore, describe_backend
from app.core.errors import ConfigError, ParleyError, redact, register_secret


def test_keyring_round_trip(memory_keyring):
    keys = KeyStore()
    assert keys.get("eduhk-apim") is None
    assert keys.set("eduhk-apim", "  abc-0123456789  \n") == "keyring"
    assert memory_keyring.store[("parley", "eduhk-apim")] == "abc-0123456789"
    assert keys.lookup("eduhk-apim") == ("abc-0123456789", "keyring")
    assert keys.get("other") is None
    assert keys.delete("eduhk-apim") is True
    assert keys.get("eduhk-apim") is None
    assert keys.delete("eduhk-apim") is False


def test_env_key_wins():
    keys = KeyStore(env={"PARLEY_API_KEY": "env-key-123456"})
    keys.set("p", "stored-key-1234")
    assert keys.lookup("p") == ("env-key-123456", "env")


@pytest.mark.parametrize("backend", [keyring.backends.fail.Keyring(),
                                     keyring.backends.null.Keyring()])
def test_insecure_backend_keeps_key_for_this_run_only(backend, tmp_path):
    keyring.set_keyring(backend)
    info = describe_backend()
    assert not info.secure and info.reason
    keys = KeyStore()
    assert keys.set("p", "session-key-123") == "session"
    assert "not keep secrets safe" in keys.last_warning
    assert keys.lookup("p") == ("session-key-123", "session")
    assert KeyStore().get("p") is None  # a new process would not have it
    # and nothing was written anywhere under PARLEY_HOME
    assert not any(p.is_file() and b"session-key-123" in p.read_bytes()
                   for p in tmp_path.rglob("*"))


def test_low_priority_backend_is_insecure(memory_keyring):
    class Weak(type(memory_keyring)):
        priority = 0.5
    info = describe_backend(Weak())
    assert not info.secure and "priority" in info.reason


def test_plaintext_named_backend_is_insecure(memory_keyring):
    class PlaintextKeyring(type(memory_keyring)):
        pass
    assert not describe_backend(PlaintextKeyring()).secure


def test_empty_or_spaced_key_rejected():
    with pytest.raises(ConfigError):
        KeyStore().set("p", "   ")
    with pytest.raises(ConfigError, match="spaces"):
        KeyStore().set("p", "abc def")


def test_require_names_the_fix():
    with pytest.raises(ConfigError, match="parley key set --profile lab"):
        KeyStore().require("lab")


def test_redaction_of_registered_and_keylike_secrets():
    register_secret("sk-live-THISISSECRET0123456789")
    text = redact("Incorrect API key provided: sk-live-THISISSECRET0123456789.")
    assert "THISISSECRET" not in text and "[redacted]" in text
    assert "zzzzzzzzzzzz" not in redact("Authorization: Bearer zzzzzzzzzzzz")
    assert "qqqqqqqqqqqq" not in redact('{"api-key": "qqqqqqqqqqqq"}')
    error = ParleyError("bad key sk-live-THISISSECRET0123456789", hint="x")
    assert "THISISSECRET" not in str(error) and "THISISSECRET" not in repr(error.args)
