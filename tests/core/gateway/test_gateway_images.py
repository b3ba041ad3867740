"""The fake gateway checks the images it receives, as the real ones do, and lets tests see
what arrived (decoded with Pillow)."""

from __future__ import annotations

import base64

import httpx
import pytest

from tests.conftest import TEST_KEY
from tests.gateway import PNG_BYTES
from tests.imagegen import encode, photo

CHAT = "/chatgpt/v1/completion"


def chat_with(gateway, *urls: str) -> httpx.Response:
    content = [{"type": "text", "text": "what?"}] + [
        {"type": "image_url", "image_url": {"url": u}} for u in urls]
    return httpx.post(gateway.url + CHAT, headers={"api-key": TEST_KEY},
                      json={"messages": [{"role": "user", "content": content}]})


def url_of(data: bytes, mime: str) -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode()}"


def test_received_images_are_decoded(gateway):
    big = encode(photo((2100, 300)), "JPEG")
    assert chat_with(gateway, url_of(PNG_BYTES, "image/png"), url_of(big, "image/jpeg")).status_code == 200
    assert gateway.received_images(max_side=None)[:1] == [("image/png", 16, 16, len(PNG_BYTES), "user")]
    with pytest.raises(AssertionError, match="image 2 is 2100×300, over 2048 px"):
        gateway.received_images()
    chat_with(gateway)  # a later request without images does not hide the last images
    assert len(gateway.received_images(max_side=None)) == 2


@pytest.mark.parametrize("url, why", [
    ("https://example.invalid/cat.png", "not a base64 data URL"),
    ("data:image/png;base64,not-base64!", "cannot be decoded"),
    (url_of(PNG_BYTES[:40], "image/png"), "cannot be decoded"),
    (url_of(PNG_BYTES, "image/jpeg"), "says image/jpeg but the data is PNG"),
])
def test_unusable_images_are_refused_like_the_real_gateway(gateway, url, why):
    response = chat_with(gateway, url)
    assert response.status_code == 400 and why in response.text
    assert "invalid_image" in response.text
