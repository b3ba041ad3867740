"""Tests for the fake gateway fixture itself (tests/gateway), using plain httpx and raw sockets."""
from __future__ import annotations

import base64
import json
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

ROOT = Path(__file__).resolve().parents[1]
# `tests` has no __init__.py (so pytest puts tests/ on sys.path, not the repo root); make
# `tests.gateway` importable however pytest was started.
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.gateway import (  # noqa: E402
    PNG_BYTES,
    FakeGateway,
    Fault,
    build_stream,
    check_loopback,
    parse_stream,
    seed_hello,
    seed_image,
    split_events,
    transcript_text,
)

KEY = "test-key-0123456789abcdef"
FIXTURES = ROOT / "tests" / "fixtures"
HELLO = "Hello! How can I assist you today?"
CHAT = {"messages": [{"role": "user", "content": "Hello"}]}
STREAM = {**CHAT, "stream": True}
APIM_CHAT = "/chatgpt/v1/completion"
AZURE_CHAT = "/openai/deployments/gpt-4o-mini/chat/completions"


@pytest.fixture
def gw():
    with FakeGateway(key=KEY) as gateway:
        yield gateway


# verify=False: nothing here uses TLS, and skipping the CA bundle load saves ~0.1 s per client.
@pytest.fixture
def client(gw):
    with httpx.Client(base_url=gw.url, headers={"api-key": KEY}, timeout=5, verify=False) as c:
        yield c


@pytest.fixture(scope="module")
def http():
    """A client with no base URL or key, for requests that must go out bare."""
    with httpx.Client(timeout=5, verify=False) as c:
        yield c


def raw_exchange(gw: FakeGateway, request: bytes, timeout: float = 3) -> bytes:
    """Send raw bytes, return everything the server sends until it closes the connection."""
    with socket.create_connection((gw.host, gw.port), timeout=timeout) as sock:
        sock.sendall(request)
        data = b""
        while chunk := sock.recv(65536):
            data += chunk
    return data


def dechunk(body: bytes) -> list[bytes]:
    """The payloads of a chunked body, one item per HTTP chunk."""
    chunks = []
    while True:
        size_line, _, body = body.partition(b"\r\n")
        size = int(size_line, 16)
        if size == 0:
            return chunks
        chunks.append(body[:size])
        assert body[size:size + 2] == b"\r\n"
        body = body[size + 2:]


def raw_stream_chunks(gw: FakeGateway, path: str = APIM_CHAT) -> list[bytes]:
    body = json.dumps(STREAM).encode()
    req = (f"POST {path} HTTP/1.1\r\nHost: x\r\napi-key: {gw.key}\r\nConnection: close\r\n"
           f"Content-Length: {len(body)}\r\n\r\n").encode() + body
    head, _, rest = raw_exchange(gw, req).partition(b"\r\n\r\n")
    assert b"Transfer-Encoding: chunked" in head
    return dechunk(rest)


# --- fixtures and stream building ------------------------------------------------------------

@pytest.mark.parametrize("name, text", [("seed000_hello.sse", HELLO),
                                        ("seed000_image.sse", "This is the logo of Apple")])
def test_seed_fixtures_are_wire_exact(name, text):
    body = (FIXTURES / name).read_bytes()
    lines = body.split(b"\n\n")
    assert lines[-1] == b"" and lines[-2] == b"data: [DONE]"
    for line in lines[:-2]:
        assert line.startswith(b"data:{")  # no space before the JSON in seed 000
        json.loads(line[5:])
    assert transcript_text(body) == text


def test_build_stream_reproduces_seed_hello():
    deltas = ["Hello", "!", " How", " can", " I", " assist", " you", " today", "?"]
    built = build_stream(deltas, completion_id="chatcmpl-CDRZg1pm6ZIKc2YW9QrusyutKoYGd",
                         created=1757320296)
    assert built == seed_hello()


def test_build_stream_shape_usage_and_space():
    body = build_stream(["Grüß", " dich 👋"], "length", {"prompt_tokens": 7, "completion_tokens": 2},
                        space=True, model="m")
    assert "Grüß".encode() in body and " dich 👋".encode() in body  # raw UTF-8, no \u escapes
    events = parse_stream(body)
    assert all(line.startswith(b"data: ") for line in body.split(b"\n\n") if line)
    first, role, *content, finish, trailer, done = events
    assert first["choices"] == [] and first["prompt_filter_results"]
    assert role["choices"][0]["delta"]["role"] == "assistant"
    assert [c["choices"][0]["delta"]["content"] for c in content] == ["Grüß", " dich 👋"]
    assert all(c["choices"][0]["content_filter_results"] for c in content)
    assert finish["choices"][0]["finish_reason"] == "length"
    assert finish["usage"]["total_tokens"] == 9
    assert trailer["choices"] == [] and trailer["usage"]["completion_tokens"] == 3
    assert trailer["usage"]["total_tokens"] == 10 and done == "[DONE]"
    assert content[0]["model"] == "m"


def test_build_stream_is_fast_for_many_deltas():
    start = time.perf_counter()
    body = build_stream([f" w{i}" for i in range(5000)])
    assert time.perf_counter() - start < 0.5
    assert len(split_events(body)) == 5005


def test_png_bytes_is_a_png():
    assert PNG_BYTES.startswith(b"\x89PNG\r\n\x1a\n") and PNG_BYTES.endswith(b"IEND\xaeB`\x82")
    assert PNG_BYTES[16:24] == bytes.fromhex("0000001000000010")  # 16 x 16


# --- routes ----------------------------------------------------------------------------------

@pytest.mark.parametrize("path", [APIM_CHAT, AZURE_CHAT])
def test_stream_replays_transcript_byte_for_byte(gw, client, path):
    r = client.post(path, json=STREAM)
    assert r.status_code == 200
    assert r.headers["content-type"] == "text/event-stream"
    assert r.content == seed_hello()
    assert gw.requests[-1].json == STREAM and gw.requests[-1].host == gw.url[7:]


def test_openai_style_stream_and_one_event_per_http_chunk(gw, http):
    gw.transcript = seed_image()
    r = http.post(f"{gw.url}/v1/chat/completions", json=STREAM,
                   headers={"Authorization": f"Bearer {KEY}"})
    assert r.content == seed_image()
    assert raw_stream_chunks(gw) == split_events(seed_image())


def test_stream_text_and_transcript_none(gw, client):
    gw.stream_text("Ünïcode ok", chunks=3)
    assert transcript_text(client.post(APIM_CHAT, json=STREAM).content) == "Ünïcode ok"
    gw.transcript, gw.answer = None, "from answer"
    assert transcript_text(client.post(APIM_CHAT, json=STREAM).content) == "from answer"


def test_apim_key_checks(gw, client, http):
    r = http.post(gw.url + APIM_CHAT, json=CHAT)
    assert r.status_code == 401 and "missing subscription key" in r.json()["message"]
    r = client.post(APIM_CHAT, json=CHAT, headers={"api-key": "nope"})
    assert r.status_code == 401 and r.json()["statusCode"] == 401
    assert "invalid subscription key" in r.json()["message"]
    # The key is checked before the route: a wrong key on an unknown path is still a 401.
    assert client.post("/chatgpt/v1/completions", headers={"api-key": "x"}).status_code == 401
    assert client.post("/chatgpt/v1/completions", json=CHAT).status_code == 404


def test_azure_key_and_deployment_checks(gw, client, http):
    r = http.post(gw.url + AZURE_CHAT, json=CHAT)
    assert r.status_code == 401 and "missing api-key" in r.json()["error"]["message"]
    r = client.post(AZURE_CHAT, json=CHAT, headers={"api-key": "nope"})
    assert r.status_code == 401 and r.json()["error"]["code"] == "Unauthorized"
    assert "invalid api-key" in r.json()["error"]["message"]
    r = client.post("/openai/deployments/gpt-5/chat/completions", json=CHAT)
    assert r.status_code == 404 and r.json()["error"]["code"] == "DeploymentNotFound"
    gw.require_api_version = "2024-06-01"
    r = client.post(AZURE_CHAT, json=CHAT)
    assert r.status_code == 404 and r.json() == {"error": {"code": "404", "message": "Resource not found"}}
    r = client.post(AZURE_CHAT, json=CHAT, params={"api-version": "2024-06-01"})
    assert r.status_code == 200 and gw.requests[-1].query == {"api-version": "2024-06-01"}


def test_openai_key_checks_echo_the_full_key(gw, http):
    url = gw.url + "/v1/chat/completions"
    r = http.post(url, json=CHAT)
    assert r.status_code == 401 and "didn't provide an API key" in r.json()["error"]["message"]
    wrong = "sk-wrong-0123456789abcdefSECRET"
    err = http.post(url, json=CHAT, headers={"Authorization": f"Bearer {wrong}"}).json()["error"]
    assert f"Incorrect API key provided: {wrong}." in err["message"]
    assert err["code"] == "invalid_api_key" and err["type"] == "invalid_request_error"
    assert http.post(url, json=CHAT, headers={"Authorization": f"Bearer {KEY}"}).status_code == 200


def test_unknown_path_and_malformed_json(gw, client):
    r = client.get("/nowhere")
    assert r.status_code == 404 and r.json() == {"statusCode": 404, "message": "Resource not found"}
    r = client.post(APIM_CHAT, content=b"{not json", headers={"content-type": "application/json"})
    assert r.status_code == 400
    assert r.json() == {"error": {"code": "BadRequest", "message": "Invalid request format"}}


def test_non_streamed_chat(gw, client):
    body = client.post(APIM_CHAT, json=CHAT).json()
    assert body["object"] == "chat.completion"
    assert body["choices"][0]["message"] == {"role": "assistant", "content": HELLO}
    assert body["choices"][0]["finish_reason"] == "stop" and body["usage"]["total_tokens"] > 0
    gw.answer = "Hi"
    choices = client.post(AZURE_CHAT, json={**CHAT, "n": 3}).json()["choices"]
    assert [(c["index"], c["message"]["content"]) for c in choices] == [
        (0, "Hi"), (1, "Hi (1)"), (2, "Hi (2)")]


def test_images_url_b64_files_and_policy(gw, client, http):
    r = client.post("/ai/v1/images/generations", json={"prompt": "a cat", "n": 2})
    data = r.json()["data"]
    assert [d["url"] for d in data] == [f"{gw.url}/files/img0.png", f"{gw.url}/files/img1.png"]
    assert data[0]["revised_prompt"] == "A vivid rendering of: a cat"
    img = http.get(data[1]["url"])  # no key, like a blob-storage URL
    assert img.content == PNG_BYTES and img.headers["content-type"] == "image/png"
    assert "api-key" not in gw.requests[-1].headers
    r = client.post("/openai/deployments/dall-e-3/images/generations",
                    json={"prompt": "a dog", "response_format": "b64_json"})
    assert base64.b64decode(r.json()["data"][0]["b64_json"]) == PNG_BYTES
    r = client.post("/ai/v1/images/generations", json={"prompt": "something forbidden"})
    assert r.status_code == 400 and r.json()["error"]["code"] == "content_policy_violation"
    assert client.post("/ai/v1/images/generations", json={"n": 1}).status_code == 400


def test_embeddings_and_balance(gw, client):
    one = client.post("/ai/v1/embeddings", json={"input": "hello"}).json()
    many = client.post("/openai/deployments/text-embedding-ada-002/embeddings",
                       json={"input": ["x", "hello"]}).json()
    assert one["object"] == "list" and len(one["data"][0]["embedding"]) == 8
    assert [d["index"] for d in many["data"]] == [0, 1]
    assert many["data"][1]["embedding"] == one["data"][0]["embedding"]  # deterministic
    assert many["data"][0]["embedding"] != one["data"][0]["embedding"]
    assert one["usage"]["prompt_tokens"] == one["usage"]["total_tokens"] > 0
    assert client.post("/ai/v1/embeddings", json={"input": 5}).status_code == 400
    r = client.get("/chatgpt/v1/balance")
    assert r.status_code == 200 and r.json() == gw.balance_body == {
        "balance": 87.5, "currency": "HKD", "used": 12.5, "quota": 100}


# --- faults ----------------------------------------------------------------------------------

def test_chunk_size_one_splits_utf8_but_delivers_identical_bytes(gw, client):
    expected = gw.stream_text("Zoë says 你好 🎉")
    gw.add_fault(Fault(chunk_size=1))
    assert client.post(APIM_CHAT, json=STREAM).content == expected
    gw.add_fault(Fault(chunk_size=1))
    chunks = raw_stream_chunks(gw)
    assert set(map(len, chunks)) == {1} and b"".join(chunks) == expected


def test_chunk_size_applies_to_json_too(gw, client):
    gw.add_fault(Fault(chunk_size=7))
    r = client.get("/chatgpt/v1/balance")
    assert r.headers["transfer-encoding"] == "chunked" and r.json() == gw.balance_body


@pytest.mark.parametrize("path, payload", [(APIM_CHAT, STREAM), (APIM_CHAT, CHAT)])
def test_disconnect_after_makes_httpx_raise(gw, client, path, payload):
    gw.add_fault(Fault(disconnect_after=50))
    with pytest.raises(httpx.RemoteProtocolError):
        client.post(path, json=payload)
    assert client.post(path, json=payload).status_code == 200  # next request is fine


def test_disconnect_after_delivers_exactly_n_bytes(gw, client):
    gw.add_fault(Fault(disconnect_after=123, chunk_size=10))
    got = b""
    with pytest.raises(httpx.RemoteProtocolError), client.stream("POST", APIM_CHAT,
                                                                 json=STREAM) as r:
        for part in r.iter_raw():
            got += part
    assert got == seed_hello()[:123]


def test_status_fault_with_retry_after_and_default_body(gw, client):
    gw.add_fault(Fault(status=429, headers={"Retry-After": "0"}),
                 Fault(status=500, body="plain", content_type="text/plain"))
    r = client.post(APIM_CHAT, json=CHAT)
    assert r.status_code == 429 and r.headers["retry-after"] == "0"
    assert r.json()["error"]["code"] == "429"
    r = client.post(APIM_CHAT, json=CHAT)
    assert (r.status_code, r.text, r.headers["content-type"]) == (500, "plain", "text/plain")
    assert client.post(APIM_CHAT, json=CHAT).status_code == 200
    assert gw.faults == []


def test_html_error_fault(gw, client):
    gw.add_fault(Fault.html_error(502))
    r = client.post(APIM_CHAT, json=STREAM)
    assert r.status_code == 502 and r.headers["content-type"].startswith("text/html")
    assert r.text.startswith("<html><head><title>502 Bad Gateway</title>") and r.text.count("\n") > 4


def test_redirect_fault_and_second_loopback_instance(gw, client):
    with FakeGateway(key=KEY, host="127.0.0.2") as other:
        assert other.url.startswith("http://127.0.0.2:")
        gw.add_fault(Fault(redirect_to=other.url + APIM_CHAT))
        r = client.post(APIM_CHAT, json=CHAT)
        assert r.status_code == 307 and r.headers["location"] == other.url + APIM_CHAT
        r = client.post(APIM_CHAT, json=STREAM, follow_redirects=True)
        assert r.status_code == 200 and r.content == seed_hello()
        assert other.requests == [] and len(gw.requests) == 2
        gw.add_fault(Fault(redirect_to=other.url + APIM_CHAT))
        assert client.post(APIM_CHAT, json=STREAM, follow_redirects=True).content == seed_hello()
        assert other.requests[-1].host == other.url[7:] and other.requests[-1].json == STREAM


def test_drop_done_and_raw_stream(gw, client):
    gw.add_fault(Fault(drop_done=True))
    body = client.post(APIM_CHAT, json=STREAM).content
    assert b"[DONE]" not in body and body == seed_hello()[:-len(b"data: [DONE]\n\n")]
    gw.add_fault(Fault(raw_stream=b"data: {\"partial\": tr"))
    assert client.post(APIM_CHAT, json=STREAM).content == b"data: {\"partial\": tr"


@pytest.mark.parametrize("ending", ["\r\n", "\r"])
def test_line_ending_fault(gw, client, ending):
    gw.add_fault(Fault(line_ending=ending))
    body = client.post(APIM_CHAT, json=STREAM).content
    assert body == seed_hello().replace(b"\n", ending.encode())
    assert transcript_text(body) == HELLO


def test_delay_and_chunk_delay(gw, client):
    gw.add_fault(Fault(delay=0.2), Fault(chunk_delay=0.01))
    start = time.perf_counter()
    assert client.post(APIM_CHAT, json=CHAT).status_code == 200
    assert time.perf_counter() - start >= 0.2
    start = time.perf_counter()
    assert client.post(APIM_CHAT, json=STREAM).content == seed_hello()
    assert time.perf_counter() - start >= 0.13  # 14 events, 13 gaps


def test_fault_path_matching_is_fifo(gw, client):
    gw.add_fault(Fault(status=503, path="/images/"), Fault(status=418), Fault(status=500))
    assert client.get("/chatgpt/v1/balance").status_code == 418
    assert client.post("/ai/v1/images/generations", json={"prompt": "p"}).status_code == 503
    assert client.get("/chatgpt/v1/balance").status_code == 500
    assert client.get("/chatgpt/v1/balance").status_code == 200


# --- connection handling ---------------------------------------------------------------------

def test_keep_alive_reuses_one_connection(gw, client):
    for _ in range(3):
        client.post(APIM_CHAT, json=STREAM)
        client.post(APIM_CHAT, json=CHAT)
    assert len({r.peer for r in gw.requests}) == 1


def test_connection_close_and_chunked_request_body(gw):
    body = b'{"input": "hi"}'
    req = (f"POST /ai/v1/embeddings HTTP/1.1\r\nHost: h\r\napi-key: {KEY}\r\n"
           "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n").encode()
    req += b"5\r\n" + body[:5] + b"\r\n" + b"%x\r\n" % len(body[5:]) + body[5:] + b"\r\n0\r\n\r\n"
    resp = raw_exchange(gw, req)  # returns only because the server closes
    assert resp.startswith(b"HTTP/1.1 200 OK\r\n") and b"Connection: close" in resp
    assert gw.requests[-1].body == body and gw.requests[-1].json == {"input": "hi"}


def test_stop_closes_open_streams_promptly():
    gw = FakeGateway(key=KEY).start()
    gw.add_fault(Fault(chunk_delay=5))
    with httpx.Client(timeout=5, verify=False) as c, c.stream("POST", gw.url + APIM_CHAT, json=STREAM,
                                                   headers={"api-key": KEY}) as r:
        start = time.perf_counter()
        gw.stop()
        with pytest.raises(httpx.HTTPError):
            r.read()
    assert time.perf_counter() - start < 1.5 and not gw.running
    gw.stop()  # idempotent


def test_loopback_only():
    assert check_loopback("127.0.0.5") == "127.0.0.5" and check_loopback("::1") == "::1"
    for host in ("0.0.0.0", "10.0.0.1", "localhost", "example.com"):
        with pytest.raises(ValueError):
            FakeGateway(host=host)
    cli = subprocess.run([sys.executable, "-m", "tests.gateway", "--host", "0.0.0.0"],
                         cwd=ROOT, capture_output=True, text=True, timeout=10)
    assert cli.returncode != 0 and "loopback" in cli.stderr


def test_cli_serves_until_terminated(http):
    with subprocess.Popen([sys.executable, "-m", "tests.gateway", "--port", "0", "--key", "k",
                           "-q"], cwd=ROOT, stdout=subprocess.PIPE, text=True) as proc:
        try:
            url = proc.stdout.readline().strip()
            assert url.startswith("http://127.0.0.1:")
            r = http.get(url + "/chatgpt/v1/balance", headers={"api-key": "k"})
            assert r.status_code == 200
        finally:
            proc.terminate()
            assert proc.wait(5) == 0
