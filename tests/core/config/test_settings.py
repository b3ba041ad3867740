import json
from dataclasses import replace

from app.core.config.profiles import PRESETS, ProfileStore
from app.core.config.settings import Settings


def test_round_trip_and_profiles_untouched():
    store = ProfileStore()
    store.set_active("openai")
    settings, _ = Settings.load()
    assert settings.theme == "system" and settings.presets == {}
    settings = replace(settings, theme="dark",
                       presets={**settings.presets, "Marker": "Mark the essay out of 10."})
    settings.save()
    again, _ = Settings.load()
    assert again.theme == "dark" and again.presets == {"Marker": "Mark the essay out of 10."}
    assert ProfileStore().active_name() == "openai"
    store.save(PRESETS["eduhk-azure"])
    assert Settings.load()[0].theme == "dark"


def test_bad_values_fall_back():
    store = ProfileStore()
    store.path.parent.mkdir(parents=True, exist_ok=True)
    store.path.write_text(json.dumps({"settings": {"theme": "neon", "language": 5,
                                                   "presets": [], "unknown": 1}}))
    settings, _ = Settings.load()
    assert (settings.theme, settings.language, settings.presets) == ("system", "system", {})


def test_quick_ask_shortcut_defaults_round_trips_and_falls_back():
    settings, _ = Settings.load()
    assert settings.quick_ask_shortcut == "Ctrl+Alt+Space"
    settings = replace(settings, quick_ask_shortcut="")  # turned off
    settings.save()
    assert Settings.load()[0].quick_ask_shortcut == ""
    store = ProfileStore()
    store.path.write_text(json.dumps({"settings": {"quick_ask_shortcut": ["Ctrl"]}}))
    assert Settings.load()[0].quick_ask_shortcut == "Ctrl+Alt+Space"
