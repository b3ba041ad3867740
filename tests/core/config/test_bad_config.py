"""A bad config.json (edited by hand, damaged) never stops Parley: garbage is set aside
(renamed, never deleted) and the defaults stand; wrong types fall back field by field; the
command line says so on one warning line each and goes on."""

import json

from app.cli import main
from app.core.config import paths
from app.core.config.profiles import PRESETS, ProfileStore
from tests.conftest import TEST_KEY, style_env

HELLO = "Hello! How can I assist you today?"


def config():
    return paths.config_dir() / "config.json"


def write(text):
    config().parent.mkdir(parents=True, exist_ok=True)
    config().write_text(text, encoding="utf-8")


def test_invalid_json_is_set_aside_and_the_cli_goes_on(gateway, monkeypatch, capsys):
    write('{"profiles": {"lab": ')
    for name, value in style_env(gateway, "apim").items():
        monkeypatch.setenv(name, value)
    assert main(["ask", "Hello"]) == 0
    captured = capsys.readouterr()
    assert captured.out.strip() == HELLO
    assert "warning: config.json could not be used" in captured.err and "Traceback" not in captured.err
    kept = list(config().parent.glob("config.json.bad-*"))
    assert len(kept) == 1 and kept[0].read_text() == '{"profiles": {"lab": '


def test_a_json_list_is_not_a_config_either():
    write("[1, 2, 3]")
    assert ProfileStore().get() == PRESETS["eduhk-apim"]
    assert list(config().parent.glob("config.json.bad-*"))


def test_wrong_types_in_a_profile_fall_back_field_by_field(gateway, monkeypatch, capsys):
    write(json.dumps({"active_profile": "lab", "profiles": {"lab": {
        "style": "openai", "base_url": gateway.url + "/v1", "read_timeout": "sixty",
        "connect_timeout": [5], "defaults": ["temperature", 0.2], "chat_model": "m"}}}))
    monkeypatch.setenv("PARLEY_API_KEY", TEST_KEY)
    store = ProfileStore()
    lab = store.get("lab")
    assert (lab.read_timeout, lab.connect_timeout, dict(lab.defaults)) == (60.0, 10.0, {})
    assert lab.base_url == gateway.url + "/v1" and lab.chat_model == "m"
    assert any('"read_timeout"' in w for w in store.warnings)
    assert main(["ask", "--profile", "lab", "Hello"]) == 0
    err = capsys.readouterr().err
    assert "warning:" in err and "read_timeout" in err and "Traceback" not in err


def test_a_list_where_the_profiles_belong(monkeypatch):
    write(json.dumps({"profiles": ["lab"], "active_profile": "eduhk-azure"}))
    store = ProfileStore()
    assert store.get().name == "eduhk-azure" and "not an object" in store.warnings[0]
