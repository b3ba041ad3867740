"""The desktop app's preferences (theme, language, system-prompt presets, …), in config.json's
``settings`` section. Never secrets.

:class:`Settings` is one frozen object. Each field declares its type and default (and, where
only some values make sense, its ``choices``), and that declaration is all the checking
there is: :meth:`Settings.load` reads every field in one loop
(:func:`app.core.config.typed.read_fields`). A value that does not fit falls back to its
default and becomes a plain-language warning for the caller to show — never a traceback.
Change settings with :func:`dataclasses.replace` and :meth:`Settings.save` the result.

Adding a setting = one field here (+ its control in the Settings dialog; + a line in the
wiring's ``apply_settings`` if changing it must do something at once).
Threading: a small file, fine on any thread; the object itself is immutable, so sharing it
between threads is safe.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from types import MappingProxyType
from typing import Any

from app.core.config.file import ConfigFile
from app.core.config.typed import read_fields
from app.core.errors import ConfigError
from app.core.shortcuts import DEFAULT_SHORTCUT

SECTION = "settings"  # the key in config.json
THEMES = ("system", "light", "dark")
LANGUAGES = ("system", "en", "zh_HK")
TEXT_SIZES = ("small", "default", "large", "larger")  # of the transcript, composer and sidebar


@dataclass(frozen=True)
class Settings:
    """What the user chose. Immutable: ``replace(settings, theme="dark")`` makes a new one."""

    theme: str = field(default="system", metadata={"choices": THEMES})
    language: str = field(default="system", metadata={"choices": LANGUAGES})
    # The user's own system prompts, name -> text (read-only; replace with a new mapping).
    presets: Mapping[str, str] = field(default_factory=dict)
    quick_ask_shortcut: str = DEFAULT_SHORTCUT  # portable text; "" = no global shortcut
    keep_in_tray: bool | None = None  # closing the window keeps Parley running; None: default
    model_titles: bool = True  # the model names new chats (one short extra request each)
    text_size: str = field(default="default", metadata={"choices": TEXT_SIZES})
    # The main window's last place: (x, y, width, height) in logical pixels, () before the
    # first run; brought back within the screens there are when it is restored.
    window_geometry: tuple[int, ...] = ()
    window_maximized: bool = False
    # Tokens a model takes, by model name, over the built-in table (app.core.documents.
    # context): what an attached document is checked against before it is sent.
    context_windows: Mapping[str, int] = field(default_factory=dict)

    def __post_init__(self) -> None:
        # replace() copies shallowly: a read-only view of our own dict keeps a copy from
        # changing the original's presets (and the other way round).
        object.__setattr__(self, "presets", MappingProxyType(dict(self.presets)))
        object.__setattr__(self, "context_windows", MappingProxyType(dict(self.context_windows)))

    def keeps_running_in_tray(self, tray_exists: bool) -> bool:
        """On by default where the desktop has a tray, never where it has none."""
        return tray_exists and (self.keep_in_tray is None or bool(self.keep_in_tray))

    @classmethod
    def load(cls, path: Path | None = None) -> tuple[Settings, list[str]]:
        """The stored settings and what was wrong with them (plain sentences, often none).

        Unreadable config.json (not JSON) gives the defaults and says so; a value of the
        wrong type or outside its choices gives that field's default and says so.
        """
        try:
            raw = ConfigFile(path).read().get(SECTION)
        except ConfigError as error:
            return cls(), [f"{error} (Parley uses its default settings meanwhile)"]
        values, warnings = read_fields(cls, raw, f'the "{SECTION}" section of config.json')
        return cls(**values), warnings

    def to_dict(self) -> dict[str, Any]:
        """The JSON object stored under ``settings`` (the same keys as the fields)."""
        return {f.name: _plain(getattr(self, f.name)) for f in fields(self)}

    def save(self, path: Path | None = None) -> None:
        """Write these settings into config.json (atomically), keeping its other sections
        and any keys of this one that this version does not know (a newer Parley's).
        Raises :class:`ConfigError` if config.json cannot be read, OSError if not written."""
        config = ConfigFile(path)
        data = config.read()
        stored = data.get(SECTION)
        data[SECTION] = {**(stored if isinstance(stored, dict) else {}), **self.to_dict()}
        config.write(data)


def _plain(value: Any) -> Any:
    """A field's value as JSON can hold it (read-only mappings become dicts)."""
    if isinstance(value, Mapping):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, tuple):
        return [_plain(item) for item in value]
    return value
