"""What the composer says about the model's limit (app.ui.documents.limits): the budget from
the header, profile and Settings, which chips are marked, and the words on the chips."""

from app.core.config.profiles import Profile
from app.ui.documents import limits


def test_budget_follows_header_profile_and_settings():
    profile = Profile(name="p", style="openai", base_url="http://127.0.0.1:1", chat_model="gpt-4o-mini", context_window=0)
    assert limits.budget(profile, {}, {}).window.tokens == 128_000
    assert limits.budget(profile, {"model": "gpt-4"}, {}).window.tokens == 8_192
    assert limits.budget(profile, {}, {"gpt-4o-mini": 20_000}).window.tokens == 20_000
    mine = Profile(name="p", style="openai", base_url="http://127.0.0.1:1",
                   chat_model="prod-chat", context_window=32_000)
    assert limits.budget(mine, {}, {}).window.source == "profile"
    answer = limits.budget(profile, {"max_tokens": 10_000, "system_prompt": "Be brief."}, {})
    assert answer.room == 118_000 and answer.base > 0


def test_verdict_marks_what_alone_is_too_large_else_the_largest():
    profile = Profile(name="p", style="openai", base_url="http://127.0.0.1:1", chat_model="gpt-4o-mini")
    budget = limits.budget(profile, {}, {"gpt-4o-mini": 10_000})
    assert limits.verdict(budget, 100, {1: 2_000, 2: 3_000}).reason == ""
    big = limits.verdict(budget, 100, {1: 2_000, 2: 30_000})
    assert big.over == {2} and "gpt-4o-mini takes (10,000" in big.reason
    together = limits.verdict(budget, 100, {1: 4_000, 2: 5_000})
    assert together.over == {2} and together.needed == 9_100
    assert "Choose pages or remove a file" in together.reason


def test_chip_words():
    assert limits.summary("page", 12, 8_400) == "12 pages · ~8,400 tokens"
    assert limits.summary("slide", 1, 80) == "1 slide · ~80 tokens"
    assert limits.summary("page", 42, 9_000, (3, 4, 5)) == "3 pages of 42 · ~9,000 tokens"
    assert limits.images_note("page", (3, 7)) == "pages 3, 7 as images"
    assert limits.images_note("slide", (2, 3, 4)) == "slides 2-4 as images"
    assert limits.images_note("page", ()) == ""
    budget = limits.budget(Profile(name="p", style="openai", base_url="http://127.0.0.1:1", chat_model="gpt-4o-mini"), {}, {})
    assert limits.over_detail(310_000, budget) == \
        "~310,000 tokens — more than gpt-4o-mini takes (128,000)"
