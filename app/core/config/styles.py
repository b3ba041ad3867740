"""Gateway styles: the URL layouts Parley speaks, in one table.

A style says how a gateway lays out its URLs and takes its key: ``apim`` (EduHK API
Management), ``azure`` (EduHK Azure deployments: the deployment is named in the path) and
``openai`` (any OpenAI-compatible ``/v1``). Everything that offers or reads a style name
reads :data:`STYLES` through the functions below — profile presets and validation
(:mod:`app.core.config.profiles`), ``PARLEY_API_STYLE``, ``parley profiles add --style`` and
the Settings dialog's choices — so adding a style is one entry here (and, to translate its
label, one marker in the dialog).

Consumers call :func:`gateway_styles` / :func:`style_names` each time rather than binding
the tuple at import, so the table stays the single source (and a test may patch it).
Pure data: Qt-free, cheap to import (the CLI parser reads it for ``--help``), any thread.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TypedDict

from app.core.errors import ConfigError


class PresetFields(TypedDict, total=False):
    """The fields of a style's shipped profile (see ``Profile``); ``style`` is implied."""

    name: str
    label: str
    base_url: str
    chat_path: str
    images_path: str
    embeddings_path: str
    balance_path: str
    chat_model: str
    images_model: str
    embeddings_model: str
    api_version: str
    auth: str
    stream_usage: bool


@dataclass(frozen=True)
class GatewayStyle:
    """One URL layout. Immutable; :attr:`preset` is read-only by convention."""

    name: str  # as stored in config.json and typed in PARLEY_API_STYLE and --style
    label: str  # English; the Settings dialog shows it translated
    preset: PresetFields  # the shipped profile of this style: its paths, auth, models


APIM = GatewayStyle(
    name="apim",
    label="EduHK API Management",
    preset=PresetFields(
        name="eduhk-apim",
        label="EduHK API Management",
        base_url="https://eduhk-api-ea.azure-api.net",
        chat_path="/chatgpt/v1/completion",
        images_path="/ai/v1/images/generations",
        embeddings_path="/ai/v1/embeddings",
        balance_path="/chatgpt/v1/balance",
        chat_model="gpt-4o-mini",
        embeddings_model="text-embedding-ada-002",
        # The gateway sends usage unasked (tests/fixtures/seed000_*.sse); do not risk an
        # unknown field.
        stream_usage=False,
    ),
)
AZURE = GatewayStyle(
    name="azure",
    label="Azure deployment",
    preset=PresetFields(
        name="eduhk-azure",
        label="EduHK Azure OpenAI",
        base_url="https://aai02.eduhk.hk",
        chat_path="/openai/deployments/{deployment}/chat/completions",
        images_path="/openai/deployments/{deployment}/images/generations",
        embeddings_path="/openai/deployments/{deployment}/embeddings",
        chat_model="gpt-4o-mini",
        images_model="dall-e-3",
        embeddings_model="text-embedding-ada-002",
    ),
)
OPENAI = GatewayStyle(
    name="openai",
    label="OpenAI-compatible",
    preset=PresetFields(
        name="openai",
        label="OpenAI-compatible",
        base_url="https://api.openai.com/v1",
        chat_path="/chat/completions",
        images_path="/images/generations",
        embeddings_path="/embeddings",
        chat_model="gpt-4o-mini",
        images_model="dall-e-3",
        embeddings_model="text-embedding-3-small",
        auth="bearer",
    ),
)

# In the order they are offered (Settings, --help).
STYLES: tuple[GatewayStyle, ...] = (APIM, AZURE, OPENAI)
# A stored profile without a readable style, and a profile added in Settings, start here.
DEFAULT_STYLE = OPENAI


def gateway_styles() -> tuple[GatewayStyle, ...]:
    """Every style, in the order to offer them."""
    return STYLES


def style_names() -> tuple[str, ...]:
    return tuple(style.name for style in gateway_styles())


def style_named(name: str) -> GatewayStyle:
    """The style called ``name``; :class:`ConfigError` (naming the choices) if none is."""
    for style in gateway_styles():
        if style.name == name:
            return style
    raise ConfigError(f"unknown API style '{name}'", hint=f"use one of {', '.join(style_names())}")
