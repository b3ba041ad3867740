"""Test connection over a real socket: success, wrong key, wrong deployment."""

from app.core.errors import AuthError
from app.core.gateway.diagnostics import test_connection as check
from tests.conftest import TEST_KEY, profile_for
from tests.gateway import Fault


async def test_success_reports_url_and_answer(gateway):
    report = await check(profile_for(gateway, "apim"), TEST_KEY)
    assert report.ok and report.status == 200 and report.error is None
    assert report.url == gateway.url + "/chatgpt/v1/completion"
    assert "Hello!" in report.detail and gateway.requests[-1].json["max_tokens"] == 5


async def test_wrong_key_and_deployment_are_explained(gateway):
    report = await check(profile_for(gateway, "openai"), "sk-wrong-key-0000000000")
    assert not report.ok and report.status == 401 and "Authentication failed" in report.detail
    assert isinstance(report.error, AuthError)  # typed, for the welcome's plain words
    assert "0000000000" not in report.describe()
    report = await check(profile_for(gateway, "azure", chat_model="gpt-5"), TEST_KEY)
    assert report.status == 404 and "/openai/deployments/gpt-5/chat/completions" in report.url


async def test_no_retry_so_the_first_failure_shows(gateway):
    gateway.add_fault(Fault(status=503), Fault(status=503))
    report = await check(profile_for(gateway, "apim"), TEST_KEY)
    assert report.status == 503 and len(gateway.requests) == 1
