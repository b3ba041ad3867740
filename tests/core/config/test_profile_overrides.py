"""A profile changed by PARLEY_* variables says so: what it is called is what is really used."""

from dataclasses import replace

import pytest

from app.core.config.profiles import PRESETS, ProfileStore, apply_env, profile_to_dict
from app.core.errors import ConfigError

APIM = PRESETS["eduhk-apim"]


@pytest.mark.parametrize("env, overridden, described", [
    ({}, (), "'eduhk-apim'"),
    ({"PARLEY_BASE_URL": "http://127.0.0.1:9/v1", "PARLEY_API_STYLE": "openai"},
     ("PARLEY_BASE_URL", "PARLEY_API_STYLE"),
     "'eduhk-apim' (base URL and style from PARLEY_BASE_URL/PARLEY_API_STYLE)"),
    ({"PARLEY_BASE_URL": "http://127.0.0.1:9"}, ("PARLEY_BASE_URL",),
     "'eduhk-apim' (base URL from PARLEY_BASE_URL)"),
    ({"PARLEY_API_STYLE": "azure", "PARLEY_MODEL": "gpt-4o", "PARLEY_BASE_URL": "http://h:1"},
     ("PARLEY_BASE_URL", "PARLEY_API_STYLE", "PARLEY_MODEL"),
     "'eduhk-apim' (base URL, style and model from "
     "PARLEY_BASE_URL/PARLEY_API_STYLE/PARLEY_MODEL)"),
    # Set to what the profile already has: nothing is overridden.
    ({"PARLEY_API_STYLE": "apim", "PARLEY_BASE_URL": APIM.base_url,
      "PARLEY_MODEL": APIM.chat_model}, (), "'eduhk-apim'"),
])
def test_apply_env_records_which_variables_changed_the_profile(env, overridden, described):
    profile = apply_env(APIM, env)
    assert profile.overridden_by == overridden and profile.describe() == described


def test_the_record_is_neither_stored_nor_part_of_equality():
    profile = apply_env(APIM, {"PARLEY_MODEL": "gpt-4o"})
    assert "overridden_by" not in profile_to_dict(profile)
    assert profile == replace(APIM, chat_model="gpt-4o")
    ProfileStore().save(replace(profile, name="lab"))
    assert ProfileStore().get("lab").overridden_by == ()


def test_a_missing_capability_names_the_overrides():
    profile = apply_env(APIM, {"PARLEY_API_STYLE": "azure"})
    with pytest.raises(ConfigError, match=r"'eduhk-apim' \(style from PARLEY_API_STYLE\) has no "
                                          "balance endpoint"):
        profile.url_for("balance")


def test_a_bad_base_url_from_the_environment_says_where_it_came_from():
    with pytest.raises(ConfigError, match="from PARLEY_BASE_URL"):
        apply_env(APIM, {"PARLEY_BASE_URL": "eduhk-api-ea.azure-api.net"})


def test_the_fields_variables_set_are_listed_for_forms():
    from app.core.config.profiles import env_fields
    from app.core.config.secrets import KeyStore

    assert env_fields({}) == {} and env_fields({"PARLEY_BASE_URL": "  "}) == {}
    env = {"PARLEY_BASE_URL": APIM.base_url, "PARLEY_API_STYLE": "OpenAI", "PARLEY_MODEL": "m"}
    # Listed even when equal to the stored value: the variable still decides this session.
    assert env_fields(env) == {"base_url": ("PARLEY_BASE_URL", APIM.base_url),
                               "style": ("PARLEY_API_STYLE", "openai"),
                               "chat_model": ("PARLEY_MODEL", "m")}
    assert KeyStore({"PARLEY_API_KEY": "k-1234"}).from_env()
    assert not KeyStore({"PARLEY_API_KEY": " "}).from_env() and not KeyStore({}).from_env()
