"""What Settings and the first-run welcome ask of the keyring, config.json and the gateway:
the key's status, saving and deleting a key, storing edited profiles, Test connection.

One place for both dialogs, so a key saved from the welcome goes exactly where one saved in
Settings goes (the keyring, or this session only when the keyring is not secure) and a
profile chosen there is stored as Settings stores it (a preset left as shipped is not
copied into config.json). The views only show what these return.
Texts keep the translation context "App" (the wiring's, where they were translated first).
Threading: GUI thread; keyring calls run in a worker thread (they may block on D-Bus or an
unlock prompt); config.json reads and writes are small and stay on the GUI thread.
"""

from __future__ import annotations

import asyncio
from collections.abc import Iterable

from PySide6.QtCore import QCoreApplication

from app.core.config.profiles import PRESETS, Profile, ProfileStore
from app.core.config.secrets import KeyStore
from app.core.gateway.active import ActiveGateway
from app.core.gateway.diagnostics import ConnectionReport, test_connection


class ConnectionActions:
    def __init__(self, profiles: ProfileStore, keys: KeyStore, connection: ActiveGateway) -> None:
        self.profiles = profiles
        self.keys = keys
        self.connection = connection

    async def key_status(self, name: str) -> tuple[str, bool]:
        """Where profile ``name``'s key comes from, in words, and whether the keyring is
        secure (False: say it as a warning)."""
        (_, source), backend = await asyncio.to_thread(
            lambda: (self.keys.lookup(name), self.keys.backend()))
        translate = QCoreApplication.translate
        text = {
            "env": translate("App", "Using the key from the PARLEY_API_KEY environment "
                                    "variable."),
            "keyring": translate("App", "A key is saved in the keyring (%1).").replace(
                "%1", backend.name),
            "session": translate("App", "A key is kept for this session only."),
            "none": translate("App", "No key saved for this profile yet."),
        }[source]
        if not backend.secure:
            text += " " + translate("App", "The system keyring is not secure (%1): keys are "
                                           "kept for this session only, never written to "
                                           "disk.").replace("%1", backend.reason)
        return text, backend.secure

    async def save_key(self, name: str, key: str) -> str:
        """Store ``key`` for profile ``name``: ``keyring``, or ``session`` when it could be
        kept for this run only. :class:`ParleyError` if the key cannot be used. The next
        answer's gateway picks it up (:meth:`ActiveGateway.gateway` reads it each time)."""
        return await asyncio.to_thread(self.keys.set, name, key)

    async def delete_key(self, name: str) -> None:
        await asyncio.to_thread(self.keys.delete, name)

    async def test(self, profile: Profile, typed_key: str) -> ConnectionReport | None:
        """One tiny request with ``typed_key`` (or the stored key); None: no key at all."""
        key = typed_key or await self.connection.key(profile)
        if not key:
            return None
        return await test_connection(profile, key)

    def save_profiles(self, profiles: Iterable[Profile], active: str,
                      forget_others: bool = True) -> None:
        """Store edited ``profiles`` and make ``active`` the one used. A preset edited back to
        its shipped values is forgotten (it follows future releases); with
        ``forget_others``, stored profiles not among ``profiles`` are deleted (Settings
        edits them all; the welcome, one). :class:`ParleyError` if config.json cannot be
        written."""
        stored = self.profiles.profiles()
        kept = set()
        for profile in profiles:
            kept.add(profile.name)
            if profile.name in PRESETS and profile == PRESETS[profile.name]:
                self.profiles.delete(profile.name)  # back to the shipped preset
            elif stored.get(profile.name) != profile:
                self.profiles.save(profile)
        for name in stored:
            if forget_others and name not in kept and name not in PRESETS:
                self.profiles.delete(name)
        self.profiles.set_active(active)
        self.connection.reload()
