"""Model-written titles: the request is small and non-streamed, the reply is cleaned into a
sidebar title, and a reply with nothing usable leaves the automatic title."""

import pytest

from app.core.gateway.client import Gateway
from app.core.titles import EXCERPT_CHARS, MAX_TOKENS, clean_title, model_title, title_request
from tests.conftest import TEST_KEY, profile_for


@pytest.mark.parametrize("reply, title", [
    ("Quadratic Formula Explained", "Quadratic Formula Explained"),
    ('"Solving Quadratic Equations."', "Solving Quadratic Equations"),
    ("Title: Essay outline on climate policy", "Essay outline on climate policy"),
    ("標題：二次方程解法。", "二次方程解法"),
    ("「微積分：導數入門」", "微積分：導數入門"),
    ("\n\n**Photosynthesis basics**\nmore text", "Photosynthesis basics"),
    ("...", ""), ("", ""), ("  \n ", ""),
])
def test_replies_become_clean_titles(reply, title):
    assert clean_title(reply) == title


def test_a_long_reply_is_cut_like_automatic_titles():
    title = clean_title("An extremely long title that the model wrote despite being asked "
                        "for six words at most")
    assert title.endswith("…") and len(title) <= 50
    assert clean_title("香港" * 40).endswith("…") and len(clean_title("香港" * 40)) <= 26


def test_the_request_is_small_and_low_temperature():
    request = title_request("Q " * 2000, "A " * 2000, "gpt-4o-mini")
    assert request.model == "gpt-4o-mini"
    assert request.params == {"max_tokens": MAX_TOKENS, "temperature": 0.2}
    system, user = request.messages
    assert system["role"] == "system" and "Traditional" in system["content"]
    assert len(user["content"]) < 2 * EXCERPT_CHARS + 40


@pytest.mark.parametrize("style", ["apim", "openai"])
async def test_model_title_over_the_wire(gateway, style):
    gateway.answer = "「二次方程：求根公式」。"
    async with Gateway(profile_for(gateway, style), TEST_KEY) as g:
        title = await model_title(g, "白板上寫了甚麼？", "白板上寫的是一條二次方程的解法。")
    assert title == "二次方程：求根公式"
    body = gateway.last.json
    assert body.get("stream") in (None, False) and body["max_tokens"] == MAX_TOKENS
    assert "白板上寫了甚麼？" in body["messages"][1]["content"]
