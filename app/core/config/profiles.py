"""Connection profiles: how to reach one gateway (never its key).

A profile says which URL layout (``style``) a gateway uses, the path and model or deployment
of each capability, how the key is sent, and default chat parameters. Each style ships a
preset (both in one table, :mod:`app.core.config.styles`); the user's own and edited
profiles live in ``config.json`` (see :class:`ProfileStore`).

``PARLEY_BASE_URL``, ``PARLEY_API_STYLE`` and ``PARLEY_MODEL`` override the chosen profile
for one process (:func:`apply_env`), in the spirit of ``OPENAI_API_KEY``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any
from urllib.parse import urlencode, urlsplit

from app.core.config.file import ConfigFile
from app.core.config.styles import (
    APIM,
    DEFAULT_STYLE,
    GatewayStyle,
    gateway_styles,
    style_named,
    style_names,
)
from app.core.config.typed import read_fields
from app.core.errors import ConfigError

CAPABILITIES = ("chat", "images", "embeddings", "balance")
AUTH_MODES = ("api-key", "bearer")
# Each override variable: the profile field it sets and what messages call it, in the
# order they name them (PARLEY_API_KEY, the key: secrets.py).
ENV_OVERRIDES = {
    "PARLEY_BASE_URL": ("base_url", "base URL"),
    "PARLEY_API_STYLE": ("style", "style"),
    "PARLEY_MODEL": ("chat_model", "model"),
}
CHAT_PARAMS = (
    "temperature", "top_p", "max_tokens", "presence_penalty", "frequency_penalty",
    "stop", "seed", "n", "response_format",
)


@dataclass(frozen=True)
class Profile:
    """One gateway's address book entry. Immutable: edit with :func:`dataclasses.replace`."""

    name: str
    style: str
    base_url: str
    label: str = ""
    chat_path: str = ""
    images_path: str = ""
    embeddings_path: str = ""
    balance_path: str = ""  # empty: the gateway has no balance endpoint
    chat_model: str = "gpt-4o-mini"
    images_model: str = ""
    embeddings_model: str = ""
    api_version: str = ""
    auth: str = "api-key"
    stream_usage: bool = True  # send stream_options.include_usage
    defaults: Mapping[str, Any] = field(default_factory=dict)
    connect_timeout: float = 10.0
    read_timeout: float = 60.0
    proxy: str = ""
    ca_bundle: str = ""
    # Tokens the chat model takes (input and answer); 0: from its name (app.core.documents.
    # context, a table by model family) — set it for a deployment named "prod-chat".
    context_window: int = 0
    # The PARLEY_* variables that changed this profile for this process (set by apply_env).
    # Not a setting: never stored, and two profiles that reach the same gateway alike are equal.
    overridden_by: tuple[str, ...] = field(default=(), compare=False)

    def describe(self, quote: bool = True) -> str:
        """The profile as a person should read it in a message: its (quoted) name, and when
        PARLEY_* variables changed it, which ones, so a preset's name never stands for a
        gateway it does not describe: ``'eduhk-apim' (base URL from PARLEY_BASE_URL)``."""
        name = f"'{self.name}'" if quote else self.name
        if not self.overridden_by:
            return name
        what = [ENV_OVERRIDES[variable][1] for variable in self.overridden_by]
        joined = what[0] if len(what) == 1 else ", ".join(what[:-1]) + " and " + what[-1]
        return f"{name} ({joined} from {'/'.join(self.overridden_by)})"

    def validate(self) -> Profile:
        if self.style not in style_names():
            raise ConfigError(
                f"profile {self.describe()} has style '{self.style}'",
                hint=f"use one of {', '.join(style_names())}",
            )
        if self.auth not in AUTH_MODES:
            raise ConfigError(f"profile {self.describe()} sends the key as '{self.auth}'",
                              hint="use 'api-key' or 'bearer'")
        parts = urlsplit(self.base_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ConfigError(
                f"profile {self.describe()} has base URL '{self.base_url}'",
                hint="it must start with https:// (or http://) and name a host",
            )
        if not self.chat_path:
            raise ConfigError(f"profile {self.describe()} has no chat path")
        return self

    def path_for(self, capability: str) -> str:
        return getattr(self, f"{capability}_path")

    def model_for(self, capability: str) -> str:
        return "" if capability == "balance" else getattr(self, f"{capability}_model")

    def has(self, capability: str) -> bool:
        return bool(self.path_for(capability))

    def url_for(self, capability: str, model: str | None = None) -> str:
        """The full URL of a capability; ``{deployment}`` in its path becomes the model."""
        template = self.path_for(capability)
        if not template:
            raise ConfigError(
                f"profile {self.describe()} has no {capability} endpoint",
                hint="set its path in the profile settings",
            )
        deployment = model or self.model_for(capability)
        if "{deployment}" in template and not deployment:
            raise ConfigError(f"profile {self.describe()} has no deployment name for {capability}")
        url = self.base_url.rstrip("/") + "/" + template.format(deployment=deployment).lstrip("/")
        if self.api_version and capability != "balance":
            url += "?" + urlencode({"api-version": self.api_version})
        return url

    def model_in_body(self, capability: str) -> bool:
        """Azure names the model in the path; the others in the body."""
        return "{deployment}" not in self.path_for(capability)

    @property
    def origin(self) -> tuple[str, str]:
        parts = urlsplit(self.base_url)
        return parts.scheme, parts.netloc.lower()


def preset_of(style: GatewayStyle) -> Profile:
    """The profile that ships for ``style`` (see :mod:`app.core.config.styles`)."""
    return Profile(style=style.name, **style.preset)


# The shipped profiles, one per style, by profile name.
PRESETS: dict[str, Profile] = {p.name: p for p in map(preset_of, gateway_styles())}
DEFAULT_PROFILE = preset_of(APIM).name


def preset_for_style(style: str) -> Profile:
    return preset_of(style_named(style))


def profile_from_dict(data: Mapping[str, Any],
                      warnings: list[str] | None = None) -> Profile:
    """Build a profile from stored JSON, starting from its style's preset for missing fields.
    A value of the wrong type (a string timeout, a list for ``defaults``…) keeps the preset's
    value and adds a plain sentence to ``warnings``: config.json is edited by hand."""
    style = data.get("style", DEFAULT_STYLE.name)
    base = preset_for_style(style if style in style_names() else DEFAULT_STYLE.name)
    where = f'profile "{data.get("name", "?")}" in config.json'
    raw = {k: v for k, v in data.items() if k not in ("name", "overridden_by")}
    values, problems = read_fields(Profile, raw, where)
    if warnings is not None:
        warnings.extend(problems)
    if "defaults" in values:
        values["defaults"] = {k: v for k, v in dict(values["defaults"]).items() if k in CHAT_PARAMS}
    if isinstance(data.get("name"), str):
        values["name"] = data["name"]
    return replace(base, **values)


def profile_to_dict(profile: Profile) -> dict[str, Any]:
    data = asdict(profile)
    del data["overridden_by"]  # says how this process reached it, not what to store
    data["defaults"] = dict(profile.defaults)
    return data


def apply_env(profile: Profile, env: Mapping[str, str] | None = None) -> Profile:
    """Apply ``PARLEY_API_STYLE``, ``PARLEY_BASE_URL`` and ``PARLEY_MODEL`` to a profile.

    A style that differs from the profile's switches to that style's preset (paths, auth), so
    ``PARLEY_API_STYLE=openai PARLEY_BASE_URL=http://host/v1`` is enough for a script. The
    variables that change something are recorded in ``overridden_by``, so whatever names the
    profile can say that it no longer is the stored one (:meth:`Profile.describe`).
    """
    found = {name: value for name, (_variable, value) in env_fields(env).items()}
    style, base_url = found.get("style", ""), found.get("base_url", "")
    model = found.get("chat_model", "")
    if style and style not in style_names():
        raise ConfigError(
            f"PARLEY_API_STYLE is '{style}'", hint=f"use one of {', '.join(style_names())}"
        )
    stored = profile
    if style and style != profile.style:
        profile = replace(preset_for_style(style), name=profile.name, defaults=profile.defaults)
    if base_url:
        profile = replace(profile, base_url=base_url)
    if model:
        profile = replace(profile, chat_model=model)
    changed = {"PARLEY_BASE_URL": base_url not in ("", stored.base_url),
               "PARLEY_API_STYLE": style not in ("", stored.style),
               "PARLEY_MODEL": model not in ("", stored.chat_model)}
    overridden = tuple(variable for variable in ENV_OVERRIDES if changed[variable])
    return replace(profile, overridden_by=overridden).validate()


def env_fields(env: Mapping[str, str] | None = None) -> dict[str, tuple[str, str]]:
    """``field -> (variable, value)`` for each override variable set for this process: the
    fields a form shows as set by the environment and does not let the user edit (whatever
    is saved, the variable wins; :func:`apply_env` applies them to whichever profile is
    active). The style's value as :func:`apply_env` reads it (lower case)."""
    env = os.environ if env is None else env
    found = {}
    for variable, (name, _said) in ENV_OVERRIDES.items():
        value = env.get(variable, "").strip()
        if value:
            found[name] = (variable, value.lower() if name == "style" else value)
    return found


class ProfileStore:
    """Reads and writes ``config.json``: the profiles and which one is active.

    Other top-level keys (UI settings) are preserved untouched (see :class:`ConfigFile`).
    """

    def __init__(self, path: Path | None = None) -> None:
        self.file = ConfigFile(path)
        self.path = self.file.path
        self.warnings: list[str] = []  # what the last read found wrong (plain sentences)

    def profiles(self) -> dict[str, Profile]:
        """Presets overlaid with the stored profiles (a stored one may edit a preset).
        What cannot be used is left out or defaulted, and said in :attr:`warnings`."""
        result = dict(PRESETS)
        warnings: list[str] = []
        stored = self.file.read().get("profiles") or {}
        if not isinstance(stored, dict):
            warnings.append('"profiles" in config.json is not an object of named profiles; '
                            "only the built-in profiles are used.")
            stored = {}
        for name, raw in stored.items():
            if isinstance(raw, dict):
                result[name] = profile_from_dict({**raw, "name": name}, warnings)
            else:
                warnings.append(f'profile "{name}" in config.json is not an object; it is '
                                "ignored.")
        self.warnings = warnings
        return result

    def active_name(self) -> str:
        name = self.file.read().get("active_profile") or DEFAULT_PROFILE
        return name if name in self.profiles() else DEFAULT_PROFILE

    def get(self, name: str | None = None) -> Profile:
        name = name or self.active_name()
        profiles = self.profiles()
        if name not in profiles:
            raise ConfigError(
                f"there is no profile named '{name}'",
                hint="known profiles: " + ", ".join(sorted(profiles)),
            )
        return profiles[name]

    def save(self, profile: Profile) -> None:
        profile.validate()
        data = self.file.read()
        data.setdefault("profiles", {})[profile.name] = {
            k: v for k, v in profile_to_dict(profile).items() if k != "name"
        }
        self.file.write(data)

    def delete(self, name: str) -> None:
        """Forget a stored profile; a preset falls back to its shipped values."""
        data = self.file.read()
        if name not in (data.get("profiles") or {}):
            if name in PRESETS:
                return
            raise ConfigError(f"there is no profile named '{name}'")
        del data["profiles"][name]
        if data.get("active_profile") == name and name not in PRESETS:
            data.pop("active_profile")
        self.file.write(data)

    def set_active(self, name: str) -> None:
        self.get(name)
        data = self.file.read()
        data["active_profile"] = name
        self.file.write(data)

    def resolve(self, name: str | None = None, env: Mapping[str, str] | None = None) -> Profile:
        """The profile to use now: the named (or active) one with environment overrides."""
        return apply_env(self.get(name), env)
