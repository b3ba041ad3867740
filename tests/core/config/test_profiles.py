"""Profiles: presets, URLs per style, env overrides, the config file."""

import json
from dataclasses import replace

import pytest

from app.core.config import paths
from app.core.config.profiles import PRESETS, ProfileStore, apply_env
from app.core.errors import ConfigError


def test_presets_build_the_documented_urls():
    apim, azure, openai = PRESETS["eduhk-apim"], PRESETS["eduhk-azure"], PRESETS["openai"]
    assert apim.url_for("chat") == "https://eduhk-api-ea.azure-api.net/chatgpt/v1/completion"
    assert apim.url_for("images") == "https://eduhk-api-ea.azure-api.net/ai/v1/images/generations"
    assert apim.url_for("embeddings") == "https://eduhk-api-ea.azure-api.net/ai/v1/embeddings"
    assert apim.url_for("balance") == "https://eduhk-api-ea.azure-api.net/chatgpt/v1/balance"
    assert azure.url_for("chat") == (
        "https://aai02.eduhk.hk/openai/deployments/gpt-4o-mini/chat/completions")
    assert azure.url_for("images") == (
        "https://aai02.eduhk.hk/openai/deployments/dall-e-3/images/generations")
    assert openai.url_for("chat") == "https://api.openai.com/v1/chat/completions"
    assert (apim.auth, azure.auth, openai.auth) == ("api-key", "api-key", "bearer")
    assert not azure.has("balance") and not openai.has("balance")


def test_azure_api_version_and_deployment_override():
    azure = replace(PRESETS["eduhk-azure"], api_version="2024-06-01")
    assert azure.url_for("chat", "gpt-4o") == (
        "https://aai02.eduhk.hk/openai/deployments/gpt-4o/chat/completions?api-version=2024-06-01")
    assert not azure.model_in_body("chat") and PRESETS["eduhk-apim"].model_in_body("chat")


def test_missing_capability_is_a_config_error():
    with pytest.raises(ConfigError, match="no balance endpoint"):
        PRESETS["openai"].url_for("balance")


def test_env_overrides_switch_style_and_base():
    env = {"PARLEY_API_STYLE": "openai", "PARLEY_BASE_URL": "http://127.0.0.1:1/v1",
           "PARLEY_MODEL": "gpt-4o"}
    profile = apply_env(PRESETS["eduhk-apim"], env)
    assert profile.style == "openai" and profile.auth == "bearer"
    assert profile.url_for("chat") == "http://127.0.0.1:1/v1/chat/completions"
    assert profile.chat_model == "gpt-4o"
    assert profile.name == "eduhk-apim"  # the key is still looked up under the chosen name


def test_env_base_url_alone_keeps_the_style():
    profile = apply_env(PRESETS["eduhk-azure"], {"PARLEY_BASE_URL": "http://127.0.0.1:2"})
    assert profile.url_for("chat") == (
        "http://127.0.0.1:2/openai/deployments/gpt-4o-mini/chat/completions")


@pytest.mark.parametrize("env, message", [
    ({"PARLEY_API_STYLE": "bogus"}, "PARLEY_API_STYLE"),
    ({"PARLEY_BASE_URL": "eduhk-api-ea.azure-api.net"}, "base URL"),
])
def test_bad_env_values_are_clear_errors(env, message):
    with pytest.raises(ConfigError, match=message):
        apply_env(PRESETS["eduhk-apim"], env)


def test_store_round_trip_and_active_profile():
    store = ProfileStore()
    assert store.active_name() == "eduhk-apim"
    custom = replace(PRESETS["openai"], name="lab", base_url="http://127.0.0.1:3/v1",
                     defaults={"temperature": 0.2, "bogus": 1})
    store.save(custom)
    store.set_active("lab")
    again = ProfileStore()
    assert again.active_name() == "lab"
    loaded = again.get()
    assert loaded.base_url == "http://127.0.0.1:3/v1" and loaded.style == "openai"
    assert dict(loaded.defaults) == {"temperature": 0.2}  # unknown parameters dropped
    assert (paths.config_dir() / "config.json").exists()
    assert "key" not in (paths.config_dir() / "config.json").read_text().lower()


def test_store_keeps_other_settings_and_survives_garbage():
    store = ProfileStore()
    store.path.parent.mkdir(parents=True)
    store.path.write_text(json.dumps({"theme": "dark"}))
    store.save(replace(PRESETS["eduhk-apim"], chat_model="gpt-4o"))
    data = json.loads(store.path.read_text())
    assert data["theme"] == "dark" and data["profiles"]["eduhk-apim"]["chat_model"] == "gpt-4o"
    store.delete("eduhk-apim")
    assert store.get("eduhk-apim").chat_model == "gpt-4o-mini"  # back to the preset
    store.path.write_text("{not json")
    # Garbage is set aside (kept, renamed) and the defaults stand (it raised before).
    assert store.get() == PRESETS["eduhk-apim"]
    assert [p.read_text() for p in store.path.parent.glob("config.json.bad-*")] == ["{not json"]


def test_unknown_profile_lists_the_known_ones():
    with pytest.raises(ConfigError, match="eduhk-azure"):
        ProfileStore().get("nope")


def test_parley_home_holds_everything(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "h"))
    assert paths.config_dir() == tmp_path / "h"
    assert paths.data_dir().parent == tmp_path / "h"
