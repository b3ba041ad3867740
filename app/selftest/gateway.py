"""The self-test's own gateway: an OpenAI-style chat endpoint on 127.0.0.1 that streams a
known answer (text, a formula, Chinese), and what the checks expect of it.

Threading: the server answers on its own threads (``ThreadingHTTPServer``).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

QUESTION = "Self-test: are you there?"
# The streamed answer: text, a formula (typeset by ziamath from its bundled font) and
# Chinese. In the transcript the formula becomes an image (U+FFFC in its plain text).
ANSWER_PARTS = ("Parley ", "self-test: ", "the answer ", "streamed ", "into the ", "window, ",
                "with maths: ", "$E = mc^2$", ". 你好!")
FIRST_WORDS = "Parley self-test: the answer streamed into the window, with maths:"
LAST_WORDS = "你好!"
KEY = "selftest-key-0123456789"  # a made-up key; only this process's own server sees it
TIMEOUT = 30.0  # seconds for the window to start and the answer to arrive
NATIVE_KEYRINGS = {"linux": "SecretService", "darwin": "macOS", "win32": "Windows"}


@dataclass
class Check:
    name: str
    ok: bool
    detail: str = ""


class LoopbackGateway(ThreadingHTTPServer):
    """An OpenAI-style chat endpoint on 127.0.0.1 that streams :data:`ANSWER_PARTS`, one a chunk."""

    daemon_threads = True

    def __init__(self, chunk_delay: float = 0.03) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.chunk_delay = chunk_delay
        self.streams_finished = 0
        self.refused: list[str] = []

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.server_address[1]}/v1"

    def __enter__(self):
        threading.Thread(target=self.serve_forever, name="selftest gateway", daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: LoopbackGateway

    def do_POST(self) -> None:  # http.server names it so
        length = int(self.headers.get("Content-Length") or 0)
        body = json.loads(self.rfile.read(length) or b"{}")
        if self.headers.get("Authorization") != f"Bearer {KEY}":
            self._json(401, {"error": {"code": "401", "message": "wrong key"}})
        elif not self.path.endswith("/chat/completions") or not body.get("stream"):
            self._json(404, {"error": {"code": "404", "message": f"no route {self.path}"}})
        else:
            self._stream(body.get("model", "selftest"))

    def do_GET(self) -> None:
        self._json(404, {"error": {"code": "404", "message": f"no route {self.path}"}})

    def _stream(self, model: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Cache-Control", "no-cache")
        self.end_headers()  # HTTP/1.0: the body ends when the connection closes
        base = {"id": "selftest", "object": "chat.completion.chunk", "model": model}
        for part in ANSWER_PARTS:
            delta = {"index": 0, "delta": {"content": part}, "finish_reason": None}
            self._event({**base, "choices": [delta]})
            time.sleep(self.server.chunk_delay)
        self._event({**base, "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]})
        self._event({**base, "choices": [],
                     "usage": {"prompt_tokens": 9, "completion_tokens": 12, "total_tokens": 21}})
        self.wfile.write(b"data: [DONE]\n\n")
        self.server.streams_finished += 1

    def _event(self, data: dict) -> None:
        self.wfile.write(b"data: " + json.dumps(data, ensure_ascii=False).encode() + b"\n\n")
        self.wfile.flush()

    def _json(self, status: int, data: dict) -> None:
        self.server.refused.append(f"{self.command} {self.path}: {status}")
        payload = json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload)

    def log_message(self, *args) -> None:  # quiet: the report says what matters
        pass
