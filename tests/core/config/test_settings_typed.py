"""Settings as one typed, frozen object: every field read by its declared type in one loop;
what does not fit falls back to its default with a plain warning, never a traceback."""

import json
from dataclasses import FrozenInstanceError, dataclass, field, fields, replace
from typing import get_type_hints

import pytest

from app.core.config import paths
from app.core.config.file import set_aside_notices
from app.core.config.settings import LANGUAGES, THEMES, Settings
from app.core.config.typed import conform, read_fields


def write_config(data):
    path = paths.config_dir() / "config.json"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(data) if not isinstance(data, str) else data, encoding="utf-8")
    return path


def stored(path=None):
    path = path or paths.config_dir() / "config.json"
    return json.loads(path.read_text(encoding="utf-8"))


def test_no_file_gives_the_defaults_and_no_warnings():
    assert Settings.load() == (Settings(), [])


@pytest.mark.parametrize("name, value, expected_words", [
    ("model_titles", "yes", ['"model_titles"', '"yes"', "true or false", "default, true"]),
    ("keep_in_tray", "always", ['"keep_in_tray"', "true, false or null", "default, null"]),
    ("theme", "neon", ['"theme"', '"neon"', 'one of "system", "light", "dark"',
                       'default, "system"']),
    ("language", 5, ['"language"', " 5,", "text"]),
    ("presets", ["Marker"], ['"presets"', "an object of text values"]),
    ("quick_ask_shortcut", {"key": "Ctrl"}, ['"quick_ask_shortcut"', "text"]),
    ("text_size", "huge", ['"text_size"', 'one of "small", "default", "large", "larger"']),
    ("window_geometry", "800x600", ['"window_geometry"', "default, []"]),
    ("window_geometry", [0, "top", 800, 600], ['"window_geometry"']),
])
def test_a_wrong_value_is_the_default_with_a_warning(name, value, expected_words):
    write_config({"settings": {name: value, "theme": "dark" if name != "theme" else value}})
    settings, warnings = Settings.load()
    assert getattr(settings, name) == getattr(Settings(), name)
    assert len(warnings) == 1 and "config.json" in warnings[0]
    for words in expected_words:
        assert words in warnings[0]
    if name != "theme":
        assert settings.theme == "dark"  # the other fields are read as usual


def test_bad_entries_of_a_mapping_are_dropped_the_rest_kept():
    write_config({"settings": {"presets": {"Marker": "Mark it.", "Broken": 3, "Empty": ""}}})
    settings, warnings = Settings.load()
    assert settings.presets == {"Marker": "Mark it.", "Empty": ""}
    assert len(warnings) == 1 and '"Broken"' in warnings[0] and "ignored" in warnings[0]


@pytest.mark.parametrize("section", [[1, 2], "dark", 7])
def test_a_settings_section_that_is_not_an_object_gives_defaults(section):
    write_config({"settings": section})
    settings, warnings = Settings.load()
    assert settings == Settings() and len(warnings) == 1 and "object" in warnings[0]


def test_an_empty_or_null_section_is_not_a_problem():
    for section in (None, {}):
        write_config({"settings": section})
        assert Settings.load() == (Settings(), [])


def test_unreadable_json_gives_defaults_and_says_so():
    write_config("{ not json")
    settings, warnings = Settings.load()
    assert settings == Settings() and len(warnings) == 0  # the file was set aside:
    assert "could not be used" in " ".join(set_aside_notices())  # said once, by the file


def test_round_trip_of_every_field_keeps_the_file_format():
    chosen = Settings(theme="dark", language="zh_HK", presets={"Marker": "Mark it."},
                      quick_ask_shortcut="Ctrl+Shift+K", keep_in_tray=False, model_titles=False,
                      text_size="larger", window_geometry=(-1200, 40, 900, 600),
                      window_maximized=True,
                      context_windows={"prod-chat": 32000})
    chosen.save()
    assert Settings.load() == (chosen, [])
    assert stored()["settings"] == {
        "theme": "dark", "language": "zh_HK", "presets": {"Marker": "Mark it."},
        "quick_ask_shortcut": "Ctrl+Shift+K", "keep_in_tray": False, "model_titles": False,
        "text_size": "larger", "window_geometry": [-1200, 40, 900, 600],
        "window_maximized": True,
        "context_windows": {"prod-chat": 32000}}
    assert stored()["version"] == 1


def test_save_keeps_other_sections_and_unknown_keys():
    write_config({"active_profile": "openai", "settings": {"from_a_newer_parley": [1],
                                                           "theme": "light"}})
    settings, warnings = Settings.load()
    assert settings.theme == "light" and warnings == []  # an unknown key is no problem
    replace(settings, theme="dark").save()
    data = stored()
    assert data["active_profile"] == "openai"
    assert data["settings"]["from_a_newer_parley"] == [1] and data["settings"]["theme"] == "dark"


def test_a_wrong_value_is_overwritten_by_the_next_save():
    write_config({"settings": {"model_titles": "no"}})
    settings, _ = Settings.load()
    settings.save()
    assert stored()["settings"]["model_titles"] is True and Settings.load()[1] == []


def test_settings_are_immutable_and_copies_are_independent():
    original = Settings(presets={"A": "a"})
    with pytest.raises(FrozenInstanceError):
        original.theme = "dark"  # type: ignore[misc]
    with pytest.raises(TypeError):
        original.presets["B"] = "b"  # type: ignore[index]
    copy = replace(original, presets={**original.presets, "B": "b"}, theme="dark")
    assert original == Settings(presets={"A": "a"}) and copy.presets == {"A": "a", "B": "b"}
    given = {"C": "c"}
    kept = Settings(presets=given)
    given["D"] = "d"  # the caller's dict is copied, not shared
    assert kept.presets == {"C": "c"}


def test_every_field_reads_its_own_default_back():
    """Each declared type has a JSON reading (a field of a type it lacks fails here)."""
    defaults = Settings()
    values, warnings = read_fields(Settings, defaults.to_dict(), "test")
    assert warnings == [] and Settings(**values) == defaults
    assert {f.name for f in fields(Settings)} == set(defaults.to_dict())


def test_the_choices_are_the_constants():
    hints = {f.name: f.metadata.get("choices") for f in fields(Settings)}
    assert hints["theme"] == THEMES and hints["language"] == LANGUAGES
    assert get_type_hints(Settings)["model_titles"] is bool


@dataclass(frozen=True)
class Sample:
    """Types no setting uses yet: the reader handles them for the next one."""

    count: int = 3
    ratio: float = 0.5
    tags: tuple[str, ...] = ()
    mode: str = field(default="a", metadata={"choices": ("a", "b")})


@pytest.mark.parametrize("raw, expected, warned", [
    ({"count": "7"}, Sample(), ["count"]),  # a string where a number belongs
    ({"count": True}, Sample(), ["count"]),  # JSON true is not a count
    ({"count": 7, "ratio": 1}, Sample(count=7, ratio=1.0), []),
    ({"ratio": "high"}, Sample(), ["ratio"]),
    ({"tags": ["x", "y"]}, Sample(tags=("x", "y")), []),
    ({"tags": ["x", 2]}, Sample(), ["tags"]),
    ({"tags": {"x": 1}}, Sample(), ["tags"]),  # an object where a list belongs
    ({"mode": "c", "count": 1}, Sample(count=1), ["mode"]),
])
def test_the_reader_on_other_types(raw, expected, warned):
    values, warnings = read_fields(Sample, raw, "sample")
    assert Sample(**values) == expected
    assert [w.split('"')[1] for w in warnings] == warned
    assert isinstance(Sample(**values).ratio, float)


def test_conform_names_the_expected_type():
    with pytest.raises(ValueError, match="a whole number"):
        conform("7", int)
    assert conform(None, bool | None) == (None, [])
