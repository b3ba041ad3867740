"""The desktop app's preferences (theme, language, system-prompt presets), in config.json's
``settings`` section. Never secrets. Fine on any thread (a small file)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from .config_file import ConfigFile
from .shortcuts import DEFAULT_SHORTCUT

THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "zh_HK")


@dataclass
class AppSettings:
    theme: str = "system"
    language: str = "system"
    presets: dict[str, str] = field(default_factory=dict)  # the user's own system prompts
    quick_ask_shortcut: str = DEFAULT_SHORTCUT  # portable text; "" = no global shortcut

    @classmethod
    def load(cls, path: Path | None = None) -> "AppSettings":
        raw: Any = ConfigFile(path).read().get("settings") or {}
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known} if isinstance(raw, dict) else {}
        settings = cls(**values)
        if settings.theme not in THEMES:
            settings.theme = "system"
        if settings.language not in LANGUAGES:
            settings.language = "system"
        if not isinstance(settings.presets, dict):
            settings.presets = {}
        if not isinstance(settings.quick_ask_shortcut, str):
            settings.quick_ask_shortcut = DEFAULT_SHORTCUT
        return settings

    def save(self, path: Path | None = None) -> None:
        config = ConfigFile(path)
        data = config.read()
        data["settings"] = asdict(self)
        config.write(data)
