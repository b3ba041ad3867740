"""The key paths against a real Secret Service (gnome-keyring on a private D-Bus session):
stored and read back, a locked keyring, and a keyring daemon that goes away while Parley runs.

They run only inside ``tests/keyring/run.sh`` (which starts the session and the daemon and
sets PARLEY_REAL_KEYRING=1; .ci/run calls it). Every other test uses the in-memory keyring.
"""

import os
import subprocess
import time

import keyring
import pytest

from app.cli import main
from app.core.config.secrets import SERVICE, KeyStore, describe_backend
from app.core.errors import KeyringUnavailable

pytestmark = pytest.mark.skipif(os.environ.get("PARLEY_REAL_KEYRING") != "1",
                                reason="needs tests/keyring/run.sh (a real Secret Service)")


@pytest.fixture
def secret_service():
    from keyring.backends import SecretService

    backend = SecretService.Keyring()
    previous = keyring.get_keyring()
    keyring.set_keyring(backend)  # over conftest's in-memory one, for this test only
    yield backend
    keyring.set_keyring(previous)


def collection():
    import secretstorage

    return secretstorage.get_default_collection(secretstorage.dbus_init())


def unlock():
    """What logging in to the desktop does."""
    subprocess.run(["sh", "-c", "printf pw | gnome-keyring-daemon --replace --unlock "
                                "--components=secrets >/dev/null 2>&1"], check=True, timeout=20)


def test_store_read_and_delete_a_key(secret_service):
    keys = KeyStore(env={})
    info = describe_backend()
    assert info.secure and "SecretService" in info.name
    assert keys.set("lab", "real-keyring-key-0123") == "keyring"
    assert keys.lookup("lab") == ("real-keyring-key-0123", "keyring")
    assert keyring.get_password(SERVICE, "lab") == "real-keyring-key-0123"
    assert keys.delete("lab") and keys.lookup("lab") == (None, "none")


def test_a_locked_keyring_is_said_plainly(secret_service, monkeypatch, capsys):
    KeyStore(env={}).set("eduhk-apim", "locked-away-key-0123")
    collection().lock()
    try:
        with pytest.raises(KeyringUnavailable, match="locked"):
            KeyStore(env={}).lookup("eduhk-apim")
        assert main(["ask", "Hello"]) == 3  # one line, not "no API key", no traceback
        err = capsys.readouterr().err
        assert err.count("\n") == 1 and "locked" in err and "Traceback" not in err
        # Saving while locked keeps the key for this run and says why.
        keys = KeyStore(env={})
        assert keys.set("eduhk-apim", "typed-while-locked-0123") == "session"
        assert keys.last_warning and keys.lookup("eduhk-apim")[0] == "typed-while-locked-0123"
    finally:
        unlock()


def test_the_keyring_daemon_going_away_while_parley_runs(secret_service):
    keys = KeyStore(env={})
    keys.set("eduhk-apim", "before-the-crash-0123")
    subprocess.run(["pkill", "-KILL", "-x", "gnome-keyring-d"], check=True)
    time.sleep(0.3)
    try:
        # D-Bus starts a fresh daemon, which comes up locked: a plain error, not "no key".
        with pytest.raises(KeyringUnavailable):
            keys.lookup("eduhk-apim")
    finally:
        unlock()
    assert keys.lookup("eduhk-apim") == ("before-the-crash-0123", "keyring")
