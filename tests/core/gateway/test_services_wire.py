"""Images, embeddings and balance over a real loopback socket."""

import pytest

from app.core.errors import ContentFiltered, InputError, Unsupported
from app.core.gateway.client import Gateway
from app.core.gateway.services import summarize_balance
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import PNG_BYTES


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
async def test_images_b64(gateway, style):
    async with Gateway(profile_for(gateway, style), TEST_KEY) as g:
        images = await g.generate_images("a red panda reading", size="1792x1024", quality="hd")
    assert len(images) == 1 and images[0].data == PNG_BYTES and images[0].mime == "image/png"
    assert images[0].revised_prompt.endswith("a red panda reading")
    body = gateway.requests[-1].json
    assert body["size"] == "1792x1024" and body["quality"] == "hd"
    assert body["response_format"] == "b64_json"
    assert ("model" in body) == (style == "openai")


async def test_images_by_url_are_downloaded_without_the_key(gateway):
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
        images = await g.generate_images("cat", n=3, response_format="url")
    assert [i.data for i in images] == [PNG_BYTES] * 3
    assert all(i.source_url.startswith(gateway.url + "/files/") for i in images)
    downloads = [r for r in gateway.requests if r.path.startswith("/files/")]
    assert len(downloads) == 3
    assert all("api-key" not in r.headers and "authorization" not in r.headers for r in downloads)
    posts = [r for r in gateway.requests if r.method == "POST"]
    assert len(posts) == 3 and all(r.json["n"] == 1 for r in posts)  # DALL-E 3 makes one


async def test_content_policy_rejection_is_typed(gateway, sleeps):
    async with Gateway(profile_for(gateway, "openai"), TEST_KEY, sleep=sleeps) as g:
        with pytest.raises(ContentFiltered) as info:
            await g.generate_images("something forbidden")
    assert info.value.exit_code == 9 and "safety system" in str(info.value) and sleeps == []


@pytest.mark.parametrize("kwargs", [{"size": "512x512"}, {"quality": "ultra"}, {"n": 0},
                                    {"n": 11}])
async def test_bad_image_options_fail_before_sending(gateway, kwargs):
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
        with pytest.raises(InputError):
            await g.generate_images("cat", **kwargs)
    assert gateway.requests == []


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
async def test_embeddings_string_and_list(gateway, style):
    async with Gateway(profile_for(gateway, style), TEST_KEY) as g:
        one = await g.embed("hello")
        many = await g.embed(["hello", "world"])
    assert len(one.vectors) == 1 and len(many.vectors) == 2
    assert many.vectors[0] == one.vectors[0] and many.vectors[0] != many.vectors[1]
    assert gateway.requests[-1].json["input"] == ["hello", "world"]


async def test_balance_as_it_comes(gateway):
    async with Gateway(profile_for(gateway, "apim"), TEST_KEY) as g:
        result = await g.balance()
    assert result.data == gateway.balance_body
    assert result.summary == "balance 87.5 HKD · quota 100 · used 12.5"
    assert gateway.requests[-1].method == "GET"


async def test_balance_missing_for_azure_is_said_plainly(gateway):
    async with Gateway(profile_for(gateway, "azure"), TEST_KEY) as g:
        with pytest.raises(Unsupported, match="no balance endpoint"):
            await g.balance()


@pytest.mark.parametrize("data, summary", [
    (12.5, "balance 12.5"), ({"data": {"remaining": 3}}, "remaining 3"),
    ({"foo": "bar"}, "foo bar"), ({"currency": "HKD"}, "currency HKD"),
    ({"remaining": 3, "unit": "credits"}, "remaining 3 credits"), ("  42 credits ", "42 credits"), ([1, 2], "2 entries"),
])
def test_balance_summaries(data, summary):
    assert summarize_balance(data) == summary
