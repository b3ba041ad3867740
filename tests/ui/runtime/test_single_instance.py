"""One Parley per user: hand-over between real processes, stale sockets, malformed input,
timeouts, the start-up race, and `parley show` / `parley quick-ask` as users run them."""

import json
import os
import signal
import socket
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from PySide6.QtCore import QDir
from PySide6.QtNetwork import QLocalServer

from app.core.instance_protocol import InstanceRequest, instance_address
from app.ui.runtime import single_instance
from app.ui.runtime.single_instance import HandOver, InstanceServer, hand_over
from tests.conftest import style_env
from tests.waits import queued_calls_done

ROOT = Path(__file__).resolve().parents[3]
unix_only = pytest.mark.skipif(sys.platform == "win32", reason="raw AF_UNIX sockets")

# A second process that only hands over, timing the hand-over itself (not Python's start).
CLIENT = """
import json, sys, time
from app.core.instance_protocol import InstanceRequest
from app.ui.runtime.single_instance import hand_over
start = time.monotonic()
result = hand_over(InstanceRequest.from_launch(sys.argv[1]), address=sys.argv[2] or None)
print(json.dumps({"status": result.status.value, "message": result.message,
                  "seconds": time.monotonic() - start}))
"""


@pytest.fixture
def address():
    return f"parley-test-{uuid.uuid4().hex[:12]}"


@pytest.fixture
def server(address):
    server = InstanceServer(address)
    yield server
    server.close()
    server.deleteLater()


def socket_path(address: str) -> str:
    return address if os.path.isabs(address) else os.path.join(QDir.tempPath(), address)


def start_client(cmd: str, address: str = "", env: dict | None = None) -> subprocess.Popen:
    """CLIENT in a real second process."""
    return subprocess.Popen([sys.executable, "-c", CLIENT, cmd, address], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            env={**os.environ, **(env or {})})


def run_client(qtbot, cmd: str, address: str = "", env: dict | None = None,
               proc: subprocess.Popen | None = None) -> dict:
    """Run CLIENT (or wait for ``proc``, one already started) in a real second process
    while this one's Qt loop keeps serving; its JSON result."""
    proc = proc or start_client(cmd, address, env)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    out, err = proc.communicate()
    assert proc.returncode == 0, err
    return json.loads(out)


def test_hand_over_across_processes(qtbot, server, address):
    assert server.claim() and server.is_listening()
    received = []
    server.requested.connect(received.append)
    result = run_client(qtbot, "quick-ask", address, env={"DESKTOP_STARTUP_ID": "id-42"})
    assert result == {"status": "accepted", "message": "", "seconds": result["seconds"]}
    assert result["seconds"] < 1.0
    qtbot.waitUntil(lambda: bool(received))
    assert received == [InstanceRequest("quick-ask", "id-42")]


def test_the_reply_does_not_wait_for_the_window(qtbot, server, address):
    """A handler that blocks the GUI thread (a window being built) for as long as the
    second process lives does not hold it up: the reply is sent before the request is acted
    on. (Were it sent after, the client would give up at its 1 s timeout, and only then
    would the handler end.)"""
    assert server.claim()
    handled = []
    client = start_client("show", address)

    def build_window(request):
        client.wait(10)  # blocks this thread until the second process has its answer
        handled.append(request)

    server.requested.connect(build_window)
    result = run_client(qtbot, "show", address, proc=client)
    assert result["status"] == "accepted" and result["seconds"] < 1.0
    qtbot.waitUntil(lambda: bool(handled), timeout=5000)


def test_no_instance_is_reported_quickly(address):
    start = time.monotonic()
    assert hand_over(InstanceRequest(), address=address).status is HandOver.NO_INSTANCE
    assert time.monotonic() - start < 0.5


def test_an_instance_that_never_answers_times_out(address):
    silent = QLocalServer()  # listens, but this thread never runs its loop to read
    assert silent.listen(address)
    try:
        start = time.monotonic()
        result = hand_over(InstanceRequest("quick-ask"), address=address, timeout=0.5)
        elapsed = time.monotonic() - start
    finally:
        silent.close()
    assert result.status is HandOver.NO_REPLY and 0.45 <= elapsed < 1.5
    assert "did not answer within 0.5 s" in result.message


@unix_only
def test_a_stale_socket_file_is_cleaned_and_replaced(qtbot, server, address):
    path = socket_path(address)
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(path)  # bound, never listening, closed: what a crashed instance leaves
    stale.close()
    assert os.path.exists(path)
    assert hand_over(InstanceRequest(), address=address).status is HandOver.NO_INSTANCE
    assert server.claim() and server.is_listening()
    assert run_client(qtbot, "show", address)["status"] == "accepted"
    assert oct(os.stat(path).st_mode & 0o777) == "0o700"  # user-only (UserAccessOption)


def test_a_live_instance_is_never_replaced(qtbot, server, address):
    assert server.claim()
    second = InstanceServer(address)
    try:
        assert second.claim() is False and not second.is_listening()
    finally:
        second.deleteLater()
    received = []
    server.requested.connect(received.append)
    assert run_client(qtbot, "show", address)["status"] == "accepted"
    qtbot.waitUntil(lambda: bool(received))


def raw_exchange(qtbot, address: str, payload: bytes) -> bytes:
    """Send raw bytes on the instance's socket; return all it answers until it closes."""
    client = socket.socket(socket.AF_UNIX)
    client.connect(socket_path(address))
    client.sendall(payload)
    client.setblocking(False)
    answer = bytearray()

    def closed() -> bool:
        try:
            chunk = client.recv(65536)
        except BlockingIOError:
            return False
        except ConnectionResetError:
            return True
        answer.extend(chunk)
        return not chunk

    try:
        qtbot.waitUntil(closed, timeout=5000)
    finally:
        client.close()
    return bytes(answer)


@unix_only
def test_malformed_input_is_refused_and_ignored(qtbot, server, address, monkeypatch):
    monkeypatch.setattr(single_instance, "IDLE_TIMEOUT_MS", 300)
    assert server.claim()
    received = []
    server.requested.connect(received.append)
    for payload, error in [
        (b"hello\n", "not a JSON line"),
        (b'{"v": 1, "cmd": "format-disk"}\n', "unknown command"),
        (b'{"v": 99, "cmd": "show"}\n', "unsupported protocol version 99"),
        (b"\xff" * 100 + b"\n", "not a JSON line"),
        (b"x" * (single_instance.MAX_LINE + 100), "message too long"),
    ]:
        reply = json.loads(raw_exchange(qtbot, address, payload))
        assert reply["ok"] is False and error in reply["error"]
    assert raw_exchange(qtbot, address, b"") == b""  # silent client: dropped after the idle time
    assert raw_exchange(qtbot, address, b'{"v":1,"cmd":"show"}\n{"v":1,"cmd":"show"}\n') == (
        b'{"v":1,"ok":true}\n')  # one request per connection
    qtbot.waitUntil(lambda: bool(received))
    queued_calls_done(qtbot, server)  # a second request would have been delivered by now
    assert received == [InstanceRequest("show")] and server.is_listening()


# A running 'Parley' of another kind: answers one request with the given bytes. A process
# of its own: Qt's blocking waits hold the GIL, so a thread here could not answer.
FAKE_INSTANCE = """
import os, socket, sys
listener = socket.socket(socket.AF_UNIX)
listener.bind(sys.argv[1])
listener.listen(1)
print("ready", flush=True)
conn, _ = listener.accept()
conn.recv(1024)
conn.sendall(bytes.fromhex(sys.argv[2]))
conn.close()
os.unlink(sys.argv[1])
"""


@unix_only
@pytest.mark.parametrize("reply, words", [
    (b'{"v":2,"ok":false,"error":"unsupported protocol version 1"}\n',
     ("the running Parley refused: unsupported protocol version 1; quit it and start this "
      "version again")),
    (b"", "closed the connection without answering"),
    (b"<html>\n", "answered oddly"),
])
def test_a_refusing_instance_makes_main_fail_with_a_message(reply, words, capsys):
    from app.main import main

    fake = subprocess.Popen([sys.executable, "-c", FAKE_INSTANCE,
                             socket_path(instance_address()), reply.hex()],
                            stdout=subprocess.PIPE, text=True)
    try:
        assert fake.stdout.readline() == "ready\n"
        assert main([], InstanceRequest("quick-ask")) == 1
    finally:
        fake.wait(10)
        fake.stdout.close()
    err = capsys.readouterr().err
    assert err.startswith("parley: ") and words in err and err.count("\n") == 1


def test_parley_show_and_quick_ask_commands_hand_over(qtbot):
    """The CLI commands as users run them: hand over to this process and exit 0."""
    server = InstanceServer()  # the default address: this test's PARLEY_HOME
    assert server.claim()
    received = []
    server.requested.connect(received.append)
    try:
        for args, cmd in [(["quick-ask"], "quick-ask"), (["show"], "show"), ([], "show")]:
            start = time.monotonic()
            proc = subprocess.Popen([sys.executable, "-m", "app", *args], cwd=ROOT,
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            qtbot.waitUntil(lambda p=proc: p.poll() is not None, timeout=20000)
            out, err = proc.communicate()
            assert (proc.returncode, out, err) == (0, "", "")
            assert time.monotonic() - start < 10  # Python + imports on a busy 2-core machine
            qtbot.waitUntil(lambda c=cmd: bool(received) and received[-1].cmd == c)
            received.clear()
    finally:
        server.close()
        server.deleteLater()


def test_help_lists_the_desktop_commands():
    from app.cli.parser import build_parser

    text = build_parser().format_help()
    assert "quick-ask" in text and "show" in text


@unix_only
def test_two_launches_at_once_make_one_instance(gateway, tmp_path):
    """End to end with the real app: two `parley` start together; one becomes the instance,
    the other hands over and exits 0; `parley quick-ask` then hands over too; a killed
    instance leaves a stale socket that the next instance replaces."""
    env = {**os.environ, **style_env(gateway, "apim"),
           "PYTHON_KEYRING_BACKEND": "keyring.backends.null.Keyring",
           "QT_QPA_PLATFORM": "offscreen"}
    launch = [sys.executable, "-m", "app"]
    procs = [subprocess.Popen(launch, cwd=ROOT, env=env, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    try:
        deadline = time.monotonic() + 30
        while all(p.poll() is None for p in procs) and time.monotonic() < deadline:
            time.sleep(0.05)
        loser = next(p for p in procs if p.poll() is not None)
        winner = next(p for p in procs if p is not loser)
        assert loser.returncode == 0, loser.stderr.read()
        assert winner.poll() is None
        start = time.monotonic()
        second = subprocess.run([*launch, "quick-ask"], cwd=ROOT, env=env,
                                capture_output=True, text=True, timeout=30, check=False)
        assert (second.returncode, second.stderr) == (0, "")
        assert time.monotonic() - start < 10 and winner.poll() is None
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.send_signal(signal.SIGKILL)
            proc.wait(10)
            proc.stderr.close()
    path = socket_path(instance_address())
    assert os.path.exists(path)  # killed: its socket file stayed behind
    fresh = InstanceServer()
    try:
        assert fresh.claim() and fresh.is_listening()
    finally:
        fresh.close()
        fresh.deleteLater()
    assert not os.path.exists(path)
