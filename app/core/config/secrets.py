"""API keys: in the OS keyring, per profile — never in a file Parley writes.

Lookup order: ``PARLEY_API_KEY`` (for scripts and CI), then a key kept for this run only,
then the keyring. When the only keyring backend is insecure (``fail``, ``null``, a plaintext
file, anything with priority < 1) the key is kept in memory for this run and the caller is
told so; it is never written in clear text.

Threading: keyring calls may block on D-Bus (Secret Service) or a password prompt. The GUI
calls these from a worker thread; the command line calls them directly.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

import keyring
import keyring.backend
import keyring.errors

from app.core.errors import ConfigError, KeyringUnavailable, register_secret

SERVICE = "parley"
_INSECURE_MODULES = ("keyring.backends.fail", "keyring.backends.null", "keyrings.alt.file")


@dataclass(frozen=True)
class BackendInfo:
    """Which keyring backend is in use and whether a key is safe there."""

    name: str
    secure: bool
    reason: str = ""


def describe_backend(backend: keyring.backend.KeyringBackend | None = None) -> BackendInfo:
    backend = backend or keyring.get_keyring()
    chosen = backend
    # A chainer writes to its highest-priority backend; judge that one.
    children = getattr(backend, "backends", None)
    if children:
        chosen = children[0]
    cls = type(chosen)
    name = f"{cls.__module__}.{cls.__qualname__}"
    if cls.__module__.startswith(_INSECURE_MODULES) or "plaintext" in name.lower():
        return BackendInfo(name, False, "this backend does not keep secrets safe")
    try:
        priority = float(chosen.priority)
    except Exception:  # a backend may raise here when it is not usable at all
        return BackendInfo(name, False, "this backend is not usable on this system")
    if priority < 1:
        return BackendInfo(name, False, f"this backend has low priority ({priority:g})")
    return BackendInfo(name, True)


def clean_key(key: str, *, source: str = "",
              hint: str = "paste only the key itself, on one line") -> str:
    """The key without surrounding blanks, or :class:`ConfigError` (exit 3) if it is empty
    or has a line break, space or control character inside: such a key (pasted from a file)
    cannot go into an HTTP header, and failing there looked like a network error. ``source``
    names where the key came from ("in PARLEY_API_KEY"); the key itself is never shown."""
    key = (key or "").strip()
    where = f" {source}" if source else ""
    if not key:
        raise ConfigError(f"the API key{where} is empty", hint=hint)
    if any(ch.isspace() or not ch.isprintable() for ch in key):
        raise ConfigError(f"the API key{where} contains spaces, line breaks or control "
                          "characters", hint=hint)
    return key


class KeyStore:
    """Per-profile API keys. One instance per process is enough."""

    def __init__(self, env: Mapping[str, str] | None = None) -> None:
        self._env = os.environ if env is None else env
        self._session: dict[str, str] = {}
        self.last_warning = ""  # why the last set() could not use the keyring

    def backend(self) -> BackendInfo:
        return describe_backend()

    def from_env(self) -> bool:
        """True when ``PARLEY_API_KEY`` sets the key for every profile in this process."""
        return bool(self._env.get("PARLEY_API_KEY", "").strip())

    def get(self, profile: str) -> str | None:
        key, _ = self.lookup(profile)
        return key

    def lookup(self, profile: str) -> tuple[str | None, str]:
        """The key and where it came from: ``env``, ``session``, ``keyring`` or ``none``."""
        env_key = self._env.get("PARLEY_API_KEY", "").strip()
        if env_key:
            register_secret(env_key)
            return clean_key(env_key, source="in PARLEY_API_KEY",
                             hint="set PARLEY_API_KEY to the key alone"), "env"
        if profile in self._session:
            return self._session[profile], "session"
        info = self.backend()
        if not info.secure:
            return None, "none"
        try:
            key = keyring.get_password(SERVICE, profile)
        except keyring.errors.KeyringLocked:
            # Not "no key": the key is there, behind a lock (a headless session, a keyring
            # daemon that restarted after a crash).
            raise KeyringUnavailable(
                "the keyring is locked, so the API key cannot be read",
                hint="unlock it (log in to the desktop, or open your passwords app) and try "
                     "again, or set PARLEY_API_KEY") from None
        except Exception as exc:  # a backend can fail in its own ways (D-Bus gone, …)
            raise KeyringUnavailable(
                f"the keyring did not answer ({type(exc).__name__})",
                hint="try again; if it keeps failing, restart the desktop session or set "
                     "PARLEY_API_KEY") from None
        if key:
            register_secret(key)
            return clean_key(key, source=f"kept in the keyring for '{profile}'",
                             hint=f"enter it again: 'parley key set --profile {profile}' or "
                             "Settings"), "keyring"
        return None, "none"

    def set(self, profile: str, key: str) -> str:
        """Store a key. Returns ``keyring``, or ``session`` when it could only be kept for
        this run; in that case :attr:`last_warning` says why (show it to the user)."""
        key = clean_key(key)
        register_secret(key)
        info = self.backend()
        self.last_warning = ""
        if info.secure:
            try:
                keyring.set_password(SERVICE, profile, key)
                self._session.pop(profile, None)
                return "keyring"
            except keyring.errors.KeyringError as exc:
                self.last_warning = f"the keyring refused the key ({type(exc).__name__})"
        else:
            self.last_warning = f"{info.name}: {info.reason}"
        self._session[profile] = key
        return "session"

    def delete(self, profile: str) -> bool:
        """Forget a profile's key everywhere we keep it. True if one was found."""
        found = self._session.pop(profile, None) is not None
        if self.backend().secure:
            try:
                keyring.delete_password(SERVICE, profile)
                found = True
            except keyring.errors.PasswordDeleteError:
                pass
            except keyring.errors.KeyringError as exc:
                raise KeyringUnavailable(
                    f"could not delete the key: {type(exc).__name__}") from None
        return found

    def require(self, profile: str) -> str:
        key = self.get(profile)
        if not key:
            raise ConfigError(
                f"no API key for profile '{profile}'",
                hint=f"run 'parley key set --profile {profile}' or set PARLEY_API_KEY",
            )
        return key
