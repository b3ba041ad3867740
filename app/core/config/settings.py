"""The desktop app's preferences (theme, language, system-prompt presets), in config.json's
``settings`` section. Never secrets. Fine on any thread (a small file)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import Any

from app.core.config.file import ConfigFile
from app.core.shortcuts import DEFAULT_SHORTCUT

THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "zh_HK")


@dataclass
class AppSettings:
    theme: str = "system"
    language: str = "system"
    presets: dict[str, str] = field(default_factory=dict)  # the user's own system prompts
    quick_ask_shortcut: str = DEFAULT_SHORTCUT  # portable text; "" = no global shortcut
    keep_in_tray: bool | None = None  # closing the window keeps Parley running; None: default
    model_titles: bool = True  # the model names new chats (one short extra request each)

    def keeps_running_in_tray(self, tray_exists: bool) -> bool:
        """On by default where the desktop has a tray, never where it has none."""
        return tray_exists and (self.keep_in_tray is None or bool(self.keep_in_tray))

    @classmethod
    def load(cls, path: Path | None = None) -> AppSettings:
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
        if settings.keep_in_tray is not None and not isinstance(settings.keep_in_tray, bool):
            settings.keep_in_tray = None
        if not isinstance(settings.model_titles, bool):
            settings.model_titles = True
        if not isinstance(settings.quick_ask_shortcut, str):
            settings.quick_ask_shortcut = DEFAULT_SHORTCUT
        return settings

    def save(self, path: Path | None = None) -> None:
        config = ConfigFile(path)
        data = config.read()
        data["settings"] = asdict(self)
        config.write(data)
