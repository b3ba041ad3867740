"""Gateway styles: one table that the presets, PARLEY_API_STYLE, the CLI and validation read;
a style added to it reaches all of them."""

import ast
from dataclasses import replace
from pathlib import Path

import pytest

from app.cli.parser import build_parser
from app.core.config import styles
from app.core.config.profiles import (
    PRESETS,
    ProfileStore,
    apply_env,
    preset_for_style,
    preset_of,
    profile_from_dict,
)
from app.core.config.styles import (
    OPENAI,
    STYLES,
    GatewayStyle,
    PresetFields,
    gateway_styles,
    style_named,
    style_names,
)
from app.core.errors import ConfigError

APP = Path(__file__).resolve().parents[3] / "app"

LAB = GatewayStyle(
    name="lab",
    label="Lab gateway",
    preset=PresetFields(name="lab-gw", label="The lab", base_url="https://lab.example.edu",
                        chat_path="/llm/chat", auth="bearer"),
)


@pytest.fixture
def lab_style(monkeypatch):
    """The table with one more style, as a future entry would add it."""
    monkeypatch.setattr(styles, "STYLES", (*STYLES, LAB))
    return LAB


def style_choices(parser, capsys):
    """The --style choices as `parley profiles --help` shows them."""
    with pytest.raises(SystemExit):
        parser.parse_args(["profiles", "--help"])
    usage = capsys.readouterr().out
    return tuple(usage.split("--style {", 1)[1].split("}", 1)[0].split(","))


def test_the_table_names_the_three_styles_and_their_presets():
    assert style_names() == ("apim", "azure", "openai")
    assert {p.style for p in PRESETS.values()} == set(style_names())
    assert list(PRESETS) == [style.preset["name"] for style in gateway_styles()]
    for style in gateway_styles():
        preset = preset_for_style(style.name)
        assert preset.style == style.name and preset.validate() is preset
        assert PRESETS[preset.name] == preset


def test_every_consumer_lists_exactly_the_tables_styles(capsys):
    parser = build_parser()
    assert style_choices(parser, capsys) == style_names()
    assert "PARLEY_API_STYLE  apim | azure | openai" in parser.epilog
    for name in style_names():
        assert apply_env(PRESETS["eduhk-apim"], {"PARLEY_API_STYLE": name}).style == name


def test_a_style_added_to_the_table_reaches_every_consumer(lab_style, capsys):
    assert style_names()[-1] == "lab" and style_named("lab") is lab_style
    parser = build_parser()
    assert style_choices(parser, capsys) == ("apim", "azure", "openai", "lab")
    assert "apim | azure | openai | lab" in parser.epilog
    args = parser.parse_args(["profiles", "add", "mine", "--style", "lab",
                              "--base-url", "https://x.example"])
    assert args.style == "lab"
    profile = apply_env(PRESETS["openai"], {"PARLEY_API_STYLE": "LAB"})
    assert (profile.style, profile.base_url, profile.chat_path) == (
        "lab", "https://lab.example.edu", "/llm/chat")
    assert profile_from_dict({"style": "lab", "base_url": "https://y.example"}).chat_path == (
        "/llm/chat")
    ProfileStore().save(replace(preset_of(lab_style), name="mine"))
    assert ProfileStore().get("mine").style == "lab"


def test_unknown_styles_are_refused_with_the_choices():
    with pytest.raises(ConfigError, match="apim, azure, openai"):
        style_named("bogus")
    with pytest.raises(ConfigError, match="apim, azure, openai"):
        replace(PRESETS["openai"], style="bogus").validate()
    with pytest.raises(SystemExit):
        build_parser().parse_args(["profiles", "add", "x", "--style", "bogus"])


def test_a_stored_profile_without_a_known_style_starts_from_the_default_style():
    assert profile_from_dict({"base_url": "https://z.example/v1"}).chat_path == (
        OPENAI.preset["chat_path"])


def test_no_style_name_is_spelled_out_in_app_outside_the_table():
    """A string "apim", "azure" or "openai" elsewhere in app/ is a second list to keep up."""
    names = set(style_names())
    found = []
    for path in APP.rglob("*.py"):
        if path == APP / "core" / "config" / "styles.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and node.value in names:
                found.append(f"{path.relative_to(APP)}:{node.lineno} {node.value!r}")
    assert found == []
