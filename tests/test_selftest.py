"""``parley --self-test``: the real app, offscreen, answering from its own loopback gateway."""

import io
import os
import subprocess
import sys
from pathlib import Path

from app import selftest
from app.cli import main
from app.selftest import gateway as loopback

ROOT = Path(__file__).resolve().parent.parent


def test_self_test_from_source_passes_and_leaves_no_trace(tmp_path):
    home = tmp_path / "home"  # where the user's config and history would be
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "QT_QPA"))}
    env["PARLEY_HOME"] = str(home)
    result = subprocess.run([sys.executable, "-m", "app", "--self-test"], check=False,
                            cwd=ROOT, env=env, capture_output=True, text=True,
                            encoding="utf-8", timeout=90, stdin=subprocess.DEVNULL)
    out = result.stdout
    assert result.returncode == 0, out + result.stderr
    for name in ("Qt starts offscreen", "translations load", "text services (ICU)",
                 "app icon draws", "main window opens", "answer streamed into the transcript",
                 "maths typeset", "keyring backends found"):
        assert f"✓ {name}" in out
    assert "✗" not in out and out.rstrip().endswith("self-test passed")
    assert "platform plugin: offscreen" in out and "keyring: " in out
    assert "translations found: parley_zh_HK, qtbase_zh_TW" in out
    assert loopback.KEY not in out + result.stderr
    assert not home.exists()  # a temporary PARLEY_HOME was used, not the user's


def test_a_failing_check_fails_the_self_test(qapp, monkeypatch):
    def refuse(handler):
        handler._json(401, {"error": {"code": "401", "message": "refused for the test"}})

    monkeypatch.setattr(loopback._Handler, "do_POST", refuse)
    monkeypatch.setattr(selftest, "TIMEOUT", 15.0)
    out = io.StringIO()
    monkeypatch.setattr(sys, "stdout", out)
    assert main(["--self-test"]) == 1
    report = out.getvalue()
    assert "✗ answer streamed into the transcript" in report
    assert "✓ main window opens" in report
    assert report.rstrip().endswith("self-test FAILED")
    assert os.environ.get("PARLEY_API_KEY") is None  # the environment is restored


def test_loopback_gateway_streams_the_answer_to_the_right_key_only():
    import httpx

    with loopback.LoopbackGateway(chunk_delay=0) as gateway:
        url = gateway.base_url + "/chat/completions"
        body = {"model": "m", "stream": True, "messages": []}
        good = httpx.post(url, json=body, headers={"Authorization": f"Bearer {loopback.KEY}"})
        bad = httpx.post(url, json=body, headers={"Authorization": "Bearer nope"})
    assert good.headers["content-type"] == "text/event-stream"
    assert good.text.count("data: ") == len(loopback.ANSWER_PARTS) + 3
    assert good.text.rstrip().endswith("data: [DONE]") and gateway.streams_finished == 1
    assert bad.status_code == 401 and gateway.refused == ["POST /v1/chat/completions: 401"]
