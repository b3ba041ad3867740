"""``parley`` says what it really did: nothing silent, nothing stuck.

Each failure is one line on stderr with its documented exit code; what the command names
(profile, style, URL, host and port, counts) is what it really used. In process against the
loopback gateway, and as a real process where the operating system's decoding matters.
"""

import io
import json
import os
import subprocess
import sys

import pytest

from app.cli import main
from app.core.config.profiles import ProfileStore
from tests.conftest import TEST_KEY, profile_for, style_env
from tests.gateway import FakeGateway, Fault

LITELLM = {"error": {"message": "Invalid model name passed in model=gpt-5",
                     "type": "invalid_request_error", "param": None, "code": "400"}}


class Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def cli(gateway, monkeypatch, capsys):
    """Run `parley ARGS` in process against the fake gateway; returns (code, out, err).
    ``stdin`` is text, or a stream to use as it is (e.g. a TextIOWrapper over bytes)."""
    def run(*args, style="apim", stdin=None, env=None):
        for name, value in {**style_env(gateway, style), **(env or {})}.items():
            monkeypatch.setenv(name, value)
        if stdin is None:
            stdin = Tty()
        elif isinstance(stdin, str):
            stdin = io.StringIO(stdin)
        monkeypatch.setattr(sys, "stdin", stdin)
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.startswith("parley: ") and "Traceback" not in err


# --- 1. the profile named is the profile used ------------------------------------------------

def test_ask_json_names_the_style_url_and_variables_really_used(cli, gateway):
    code, out, _ = cli("ask", "Hi", "--json", style="openai")
    data = json.loads(out)
    assert code == 0 and data["profile"] == "eduhk-apim"
    assert data["overridden_by"] == ["PARLEY_BASE_URL", "PARLEY_API_STYLE"]
    assert (data["style"], data["base_url"]) == ("openai", gateway.url + "/v1")


def test_ask_json_without_overrides_says_none(cli, gateway):
    ProfileStore().save(profile_for(gateway, "azure", name="lab"))
    code, out, _ = cli("ask", "Hi", "--json", "--no-stream", "--profile", "lab",
                       env={"PARLEY_BASE_URL": "", "PARLEY_API_STYLE": ""})
    data = json.loads(out)
    assert code == 0 and (data["profile"], data["overridden_by"]) == ("lab", [])
    assert (data["style"], data["base_url"]) == ("azure", gateway.url)


def test_balance_without_an_endpoint_names_the_style_and_url_in_use(cli, gateway):
    code, out, err = cli("balance", style="azure")
    assert code == 3 and out == "" and one_line(err) and "no balance endpoint" in err
    assert "style azure" in err and gateway.url in err
    assert "(base URL and style from PARLEY_BASE_URL/PARLEY_API_STYLE)" in err


def test_balance_names_the_override_not_the_presets_label(cli, gateway):
    code, out, err = cli("balance")
    assert code == 0 and err == "" and "balance 87.5" in out
    assert out.startswith("eduhk-apim (base URL from PARLEY_BASE_URL)")
    assert "EduHK API Management" not in out


# --- 2. the gateway's own type or code -------------------------------------------------------

@pytest.mark.parametrize("status, error_type, exit_code", [
    (400, "invalid_request_error", 5), (401, "auth_error", 4)])
def test_the_gateways_error_type_is_on_the_line(cli, gateway, status, error_type, exit_code):
    body = {"error": {**LITELLM["error"], "type": error_type, "code": str(status)}}
    gateway.add_fault(Fault(status=status, body=json.dumps(body)))
    code, out, err = cli("ask", "Hi", style="openai")
    assert code == exit_code and out == "" and one_line(err) and f"[{error_type}]" in err


# --- 3. host and port ------------------------------------------------------------------------

def test_a_network_error_names_host_and_port(cli):
    with FakeGateway(key=TEST_KEY) as gone:
        url = gone.url
    code, out, err = cli("ask", "Hi", env={"PARLEY_BASE_URL": url})  # nothing listens now
    assert code == 8 and out == "" and one_line(err)
    assert f"cannot connect to {url.removeprefix('http://')}" in err


# --- 4. embeddings counts --------------------------------------------------------------------

def test_an_embeddings_count_mismatch_says_how_many(cli, gateway):
    one = {"data": [{"index": 0, "embedding": [0.5, 0.25]}]}
    gateway.add_fault(Fault(status=200, body=json.dumps(one), path="/embeddings"))
    code, out, err = cli("embed", "a", "b")
    assert code == 7 and out == "" and one_line(err)
    assert "sent 2 texts" in err and "received 1 embedding" in err


# --- 5. --usage without usage ----------------------------------------------------------------

NO_USAGE_STREAM = (
    b'data: {"choices":[{"index":0,"delta":{"content":"Hi there"},"finish_reason":null}]}\n\n'
    b'data: {"choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}\n\n'
    b"data: [DONE]\n\n")
NO_USAGE_COMPLETION = {"choices": [{"index": 0, "finish_reason": "stop",
                                    "message": {"role": "assistant", "content": "Hi there"}}]}


@pytest.mark.parametrize("mode", ["stream", "--no-stream"])
def test_usage_says_so_when_the_gateway_sent_none(cli, gateway, mode):
    if mode == "stream":
        gateway.add_fault(Fault(raw_stream=NO_USAGE_STREAM))
    else:
        gateway.add_fault(Fault(status=200, body=json.dumps(NO_USAGE_COMPLETION)))
    args = ["ask", "Hi", "--usage"] + ([mode] if mode != "stream" else [])
    code, out, err = cli(*args)
    assert code == 0 and out == "Hi there\n"
    assert err == "parley: tokens: the gateway sent no usage figures\n"


def test_usage_figures_still_print_when_sent(cli):
    code, _, err = cli("ask", "Hi", "--usage")
    assert code == 0 and err == "parley: tokens: prompt 23 · completion 10 · total 33\n"


# --- 6. several streamed answers -------------------------------------------------------------

def two_choice_stream(first: str, second: str) -> bytes:
    """Both answers streamed word by word and interleaved, as OpenAI sends ``n`` > 1."""
    def event(index, delta, finish=None):
        chunk = {"choices": [{"index": index, "delta": delta, "finish_reason": finish}]}
        return b"data: " + json.dumps(chunk).encode() + b"\n\n"
    words = [first.split(" "), second.split(" ")]
    events = []
    for i in range(max(map(len, words))):
        for index in (0, 1):
            if i < len(words[index]):
                lead = " " if i else ""
                events.append(event(index, {"content": lead + words[index][i]}))
    events += [event(0, {}, "stop"), event(1, {}, "stop"), b"data: [DONE]\n\n"]
    return b"".join(events)


def test_streamed_answers_are_separated_as_without_streaming(cli, gateway):
    code, whole, _ = cli("ask", "Hi", "--n", "2", "--no-stream")
    assert code == 0 and whole.count("--- answer ") == 2
    gateway.add_fault(Fault(raw_stream=two_choice_stream(gateway.answer, gateway.answer + " (1)")))
    code, streamed, err = cli("ask", "Hi", "--n", "2")
    assert code == 0 and err == "" and streamed == whole
    assert streamed.startswith("--- answer 1 ---\n" + gateway.answer + "\n\n--- answer 2 ---\n")


# --- 7. usage errors -------------------------------------------------------------------------

@pytest.mark.parametrize("args", [
    ("--response-format", "json_schema"),
    ("--response-format", "json_object", "--schema", "s.json"),
    ("--response-format", "text", "--schema", "s.json"),
])
def test_response_format_and_schema_must_agree(cli, gateway, args):
    code, out, err = cli("ask", "Hi", *args)
    assert code == 2 and out == "" and one_line(err) and "--schema" in err
    assert gateway.requests == []


def test_argparse_errors_are_one_line_too(cli, gateway):
    code, out, err = cli("ask", "Hi", "--n", "two")
    assert code == 2 and out == "" and one_line(err) and "--n" in err and "parley ask --help" in err


# --- 8. input that is not UTF-8 --------------------------------------------------------------

@pytest.mark.parametrize("errors", ["strict", "surrogateescape"])
@pytest.mark.parametrize("prompt", ["-", "review this"])
def test_stdin_that_is_not_utf8_is_refused(cli, gateway, errors, prompt):
    stdin = io.TextIOWrapper(io.BytesIO(b"caf\xe9 au lait\n"), encoding="utf-8", errors=errors)
    code, out, err = cli("ask", prompt, stdin=stdin)
    assert code == 10 and out == "" and one_line(err) and "stdin is not UTF-8 text" in err
    assert gateway.requests == []


def test_a_surrogate_escaped_argument_is_refused(cli, gateway):
    code, out, err = cli("ask", "caf\udce9", "--system", "fine")  # how Linux hands over b"caf\xe9"
    assert code == 10 and out == "" and one_line(err) and "prompt is not UTF-8 text" in err
    code, _, err = cli("ask", "café", "--system", "caf\udce9")
    assert code == 10 and one_line(err) and "--system is not UTF-8 text" in err
    assert gateway.requests == []


def test_a_key_piped_in_that_is_not_utf8_is_refused(cli, memory_keyring):
    stdin = io.TextIOWrapper(io.BytesIO(b"k\xe9y-0123456789\n"), encoding="utf-8")
    code, out, err = cli("key", "set", stdin=stdin, env={"PARLEY_API_KEY": ""})
    assert code == 10 and one_line(err) and "not UTF-8 text" in err and memory_keyring.store == {}


def run_parley(args, env, stdin: bytes):
    full = {k: v for k, v in os.environ.items() if not k.startswith(("PARLEY_", "LC_", "PYTHON"))}
    full.update(env, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "-m", "app", *args], env=full, input=stdin,
                          capture_output=True, timeout=60)


# The default (UTF-8 mode under C.UTF-8: stdin decodes with surrogateescape), a strict stdin,
# and the ASCII C locale with UTF-8 mode off (stdin and argv both surrogate-escaped).
LOCALES = [{}, {"PYTHONIOENCODING": "utf-8"}, {"LC_ALL": "C", "PYTHONUTF8": "0"}]


@pytest.mark.parametrize("locale", LOCALES, ids=["default", "strict", "ascii"])
@pytest.mark.parametrize("args, stdin", [
    (["ask", "-"], b"caf\xe9"),
    (["ask", "review this"], b"caf\xe9\n"),
    ([b"ask", b"caf\xe9"], b""),
], ids=["stdin", "piped", "argument"])
def test_real_process_refuses_non_utf8_input(gateway, tmp_path, locale, args, stdin):
    done = run_parley(args, {**style_env(gateway, "apim"), "PARLEY_HOME": str(tmp_path),
                             **locale}, stdin)
    err = done.stderr.decode("utf-8", "replace")
    assert (done.returncode, done.stdout) == (10, b""), err
    assert one_line(err) and "is not UTF-8 text" in err and gateway.requests == []


@pytest.mark.parametrize("locale", LOCALES, ids=["default", "strict", "ascii"])
def test_real_process_reads_utf8_whatever_the_locale(gateway, tmp_path, locale):
    done = run_parley(["ask", "你好", "--no-stream"],
                      {**style_env(gateway, "apim"), "PARLEY_HOME": str(tmp_path), **locale},
                      "請解釋".encode())
    assert done.returncode == 0, done.stderr.decode("utf-8", "replace")
    assert gateway.requests[-1].json["messages"][0]["content"] == "你好\n\n請解釋"
