"""The single-instance hand-over, Qt-free: request/reply lines and the per-user address."""

import json
import os
import stat

import pytest

from app.core.instance_protocol import (
    MAX_LINE,
    InstanceRequest,
    ProtocolViolation,
    decode_reply,
    encode_reply,
    instance_address,
)


def test_request_round_trip_is_one_json_line():
    line = InstanceRequest("quick-ask", "tok-1").encode()
    assert line.endswith(b"\n") and line.count(b"\n") == 1
    assert json.loads(line) == {"v": 1, "cmd": "quick-ask", "token": "tok-1"}
    assert InstanceRequest.decode(line.rstrip(b"\n")) == InstanceRequest("quick-ask", "tok-1")


def test_unknown_fields_are_ignored_and_the_token_is_optional():
    assert InstanceRequest.decode(b'{"v":1,"cmd":"show","later":[1,2]}') == InstanceRequest()


@pytest.mark.parametrize("line, words", [
    (b"", "not a JSON line"),
    (b"\xff\xfe", "not a JSON line"),
    (b"show", "not a JSON line"),
    (b"[1]", "not a JSON object"),
    (b'{"cmd":"show"}', "unsupported protocol version None"),
    (b'{"v":2,"cmd":"show"}', "unsupported protocol version 2"),
    (b'{"v":1,"cmd":"rm -rf"}', "unknown command 'rm -rf'"),
    (b'{"v":1}', "unknown command None"),
    (b'{"v":1,"cmd":"show","token":5}', "token is not a string"),
    (b'{"v":1,"cmd":"show","token":"' + b"x" * MAX_LINE + b'"}', "longer than"),
])
def test_malformed_requests_are_violations(line, words):
    with pytest.raises(ProtocolViolation, match=words):
        InstanceRequest.decode(line)


def test_replies():
    assert decode_reply(encode_reply(True)) == (True, "")
    assert decode_reply(encode_reply(False, "nope")) == (False, "nope")
    with pytest.raises(ProtocolViolation):
        decode_reply(b'{"v":1}')


def test_unknown_command_cannot_be_built():
    with pytest.raises(ProtocolViolation):
        InstanceRequest("quit")


def test_activation_token_comes_from_the_launch_environment():
    assert InstanceRequest.from_launch("show", {}).token == ""
    assert InstanceRequest.from_launch("quick-ask", {"DESKTOP_STARTUP_ID": "x11-id"}).token == "x11-id"
    env = {"XDG_ACTIVATION_TOKEN": "wl", "DESKTOP_STARTUP_ID": "x11-id"}
    assert InstanceRequest.from_launch("show", env) == InstanceRequest("show", "wl")


def test_address_is_per_user_and_per_data_folder(tmp_path):
    a, b = tmp_path / "a", tmp_path / "b"
    name = instance_address(folder=a, user="alice", env={}, platform="linux")
    assert name.startswith("parley-alice-") and len(name) == len("parley-alice-") + 16
    assert instance_address(folder=a, user="alice", env={}, platform="linux") == name
    assert instance_address(folder=b, user="alice", env={}, platform="linux") != name
    assert instance_address(folder=a, user="bob", env={}, platform="linux") != name
    assert instance_address(folder=a / "x" / "..", user="alice", env={},
                            platform="linux") == name  # resolved
    assert instance_address(folder=a, user="d/o m\\ain", env={},
                            platform="win32").startswith("parley-d_o_m_ain-")


def test_address_follows_parley_home(tmp_path, monkeypatch):
    first = instance_address()
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path / "other"))
    assert instance_address() != first


@pytest.mark.skipif(not hasattr(os, "getuid"), reason="POSIX permissions")
def test_address_in_a_private_runtime_dir_only(tmp_path):
    runtime = tmp_path / "run"
    runtime.mkdir(mode=0o700)
    os.chmod(runtime, 0o700)
    path = instance_address(folder=tmp_path, user="u", env={"XDG_RUNTIME_DIR": str(runtime)},
                            platform="linux")
    if len(str(runtime)) < 60:
        assert os.path.dirname(path) == str(runtime) and os.path.basename(path).startswith("parley-u-")
    os.chmod(runtime, stat.S_IRWXU | stat.S_IRWXG | stat.S_IRWXO)  # shared: not used
    assert not os.path.isabs(instance_address(folder=tmp_path, user="u",
                                              env={"XDG_RUNTIME_DIR": str(runtime)},
                                              platform="linux"))
    assert not os.path.isabs(instance_address(folder=tmp_path, user="u",
                                              env={"XDG_RUNTIME_DIR": str(tmp_path / "none")},
                                              platform="linux"))
    assert not os.path.isabs(instance_address(folder=tmp_path, user="u",
                                              env={"XDG_RUNTIME_DIR": str(runtime)},
                                              platform="darwin"))
