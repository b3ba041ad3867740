"""The active connection profile and a Gateway for it, reused across answers.

Keyring lookups can block (D-Bus, an unlock prompt), so they run in a worker thread.
Changing the profile or key closes the old Gateway (and its connection pool).
Threading: GUI thread; coroutines on the Qt loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from app.core.config.profiles import (
    DEFAULT_PROFILE,
    PRESETS,
    Profile,
    ProfileStore,
    apply_env,
)
from app.core.config.secrets import KeyStore
from app.core.errors import ConfigError
from app.core.gateway.client import Gateway


class ActiveGateway:
    def __init__(self, profiles: ProfileStore, keys: KeyStore,
                 gateway_factory: Callable[[Profile, str], Gateway] = Gateway) -> None:
        self.profiles = profiles
        self.keys = keys
        self._factory = gateway_factory
        self._gateway: Gateway | None = None
        self._gateway_for: tuple[Profile, str] | None = None
        self._profile: Profile | None = None
        self.problem = ""  # a configuration error to show (e.g. a bad PARLEY_API_STYLE)

    def profile(self) -> Profile:
        """The active profile with PARLEY_* overrides; the stored one if those are invalid.
        Resolved once (it reads config.json) until :meth:`reload`."""
        if self._profile is None:
            try:
                self._profile = self.profiles.resolve()
                self.problem = ""
            except ConfigError as error:
                self.problem = str(error)
                try:
                    stored = self.profiles.get()
                except ConfigError:  # config.json itself cannot be read: the default preset
                    stored = PRESETS[DEFAULT_PROFILE]
                try:  # PARLEY_BASE_URL and friends still hold: never a gateway not asked for
                    self._profile = apply_env(stored)
                except ConfigError:  # the variables themselves are the problem
                    self._profile = stored
        return self._profile

    def reload(self) -> None:
        """The stored profiles changed: resolve again on next use. A gateway for the old
        profile is replaced (and closed) by the next :meth:`gateway` call."""
        self._profile = None

    async def key(self, profile: Profile | None = None) -> str | None:
        profile = profile or self.profile()
        return await asyncio.to_thread(self.keys.get, profile.name)

    async def gateway(self) -> Gateway | None:
        """A gateway for the active profile, or None when there is no key yet."""
        profile = self.profile()
        key = await self.key(profile)
        if not key:
            return None
        if self._gateway is None or self._gateway_for != (profile, key):
            await self.aclose()
            self._gateway = self._factory(profile, key)
            self._gateway_for = (profile, key)
        return self._gateway

    async def aclose(self) -> None:
        gateway, self._gateway, self._gateway_for = self._gateway, None, None
        if gateway is not None:
            await gateway.aclose()
