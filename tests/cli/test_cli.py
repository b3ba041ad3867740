"""The parley command line, in process (fast, broad) and as a real process (as users run it)."""

import io
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from app.cli import main
from tests.conftest import style_env
from tests.gateway import PNG_BYTES, Fault

HELLO = "Hello! How can I assist you today?"


class Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def cli(gateway, monkeypatch, capsys):
    """Run `parley ARGS` in process against the fake gateway; returns (code, out, err)."""
    def run(*args, style="apim", stdin=None, env=None):
        for name, value in {**style_env(gateway, style), **(env or {})}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", io.StringIO(stdin) if stdin is not None else Tty())
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
def test_ask_streams_the_seed_answer(cli, style):
    assert cli("ask", "Hello", style=style) == (0, HELLO + "\n", "")


def test_ask_no_stream_json_and_usage(cli, gateway):
    code, out, err = cli("ask", "Hi", "--no-stream", "--json", "--usage", "-t", "0.2",
                         "--max-tokens", "50", "--stop", "END", "--seed", "1")
    data = json.loads(out)
    assert code == 0 and data["text"] == gateway.answer and data["finish_reason"] == "stop"
    assert data["usage"]["total_tokens"] > 0 and "tokens: prompt" in err
    sent = gateway.requests[-1].json
    assert (sent["temperature"], sent["max_tokens"], sent["stop"], sent["seed"]) == (0.2, 50, "END", 1)


def test_system_prompt_and_piped_stdin_appended(cli, gateway):
    code, out, _ = cli("ask", "review this", "--system", "Be brief", stdin="diff --git a b\n+x\n")
    messages = gateway.requests[-1].json["messages"]
    assert code == 0 and messages[0] == {"role": "system", "content": "Be brief"}
    assert messages[1]["content"] == "review this\n\ndiff --git a b\n+x\n"


@pytest.mark.parametrize("args", [("ask",), ("ask", "-")])
def test_prompt_from_stdin(cli, gateway, args):
    code, out, _ = cli(*args, stdin="你好，請解釋這段文字")
    assert code == 0 and gateway.requests[-1].json["messages"][0]["content"] == "你好，請解釋這段文字"


def test_no_prompt_on_a_terminal_is_a_clear_error(cli):
    code, out, err = cli("ask")
    assert code == 10 and "no prompt given" in err and out == ""


def test_image_is_sent_as_data_url_part(cli, gateway, tmp_path):
    photo = tmp_path / "board.png"
    photo.write_bytes(PNG_BYTES)
    code, _, _ = cli("ask", "What is this?", "--image", str(photo))
    content = gateway.requests[-1].json["messages"][0]["content"]
    assert code == 0 and content[0] == {"type": "text", "text": "What is this?"}
    assert content[1]["image_url"]["url"].startswith("data:image/png;base64,iVBORw0KGgo")


def test_bad_image_names_the_file(cli, gateway, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("not an image")
    code, out, err = cli("ask", "What?", "--image", str(notes))
    assert code == 10 and "notes.txt is not a supported image" in err and gateway.requests == []
    code, _, err = cli("ask", "What?", "--image", str(tmp_path / "missing.jpg"))
    assert code == 10 and "missing.jpg does not exist" in err


def test_large_photo_is_sent_downscaled_as_jpeg(cli, gateway, tmp_path):
    from tests.imagegen import encode, jpeg_with_orientation, photo, screenshot

    photo_path = tmp_path / "camera.jpg"
    photo_path.write_bytes(jpeg_with_orientation(photo((3000, 2000)), 6))  # shown portrait
    shot = tmp_path / "shot.png"
    shot.write_bytes(encode(screenshot((300, 200)).convert("RGBA"), "PNG"))
    code, _, err = cli("ask", "What is this?", "--image", str(photo_path), "--image", str(shot))
    assert code == 0, err
    sent = gateway.received_images()
    assert [tuple(i[:3]) for i in sent] == [("image/jpeg", 1365, 2048), ("image/png", 300, 200)]
    assert sent[0].size < photo_path.stat().st_size / 2


def test_damaged_image_exits_10_naming_the_file(cli, gateway, tmp_path):
    from tests.imagegen import encode, photo

    whole = encode(photo((300, 200)), "JPEG")
    cut = tmp_path / "cut.jpg"
    cut.write_bytes(whole[: len(whole) // 2])
    code, out, err = cli("ask", "What?", "--image", str(cut))
    assert (code, out) == (10, "") and f"{cut} is damaged or incomplete" in err
    assert gateway.requests == []


def test_partial_answer_printed_then_error(cli, gateway):
    gateway.add_fault(Fault(disconnect_after=gateway.transcript.index(b'" How"')))
    code, out, err = cli("ask", "Hello")
    assert code == 8 and out == "Hello!\n" and err.startswith("parley: Answer interrupted")


def test_content_filter_finish_exit_code(cli, gateway):
    gateway.stream_text("I cannot", finish_reason="content_filter")
    code, out, err = cli("ask", "Hello")
    assert code == 9 and out == "I cannot\n" and "content filter" in err


def test_imagine_saves_files(cli, tmp_path, gateway):
    code, out, err = cli("imagine", "a cat", "--n", "2", "--out", str(tmp_path / "pics"))
    paths = [Path(p) for p in out.split()]
    assert code == 0 and len(paths) == 2 and all(p.read_bytes() == PNG_BYTES for p in paths)
    assert "revised prompt" in err


def test_balance_and_missing_balance(cli):
    code, out, _ = cli("balance")
    assert code == 0 and "balance 87.5" in out
    code, out, _ = cli("balance", "--json")
    assert json.loads(out)["currency"] == "HKD"
    code, _, err = cli("balance", style="azure")
    assert code == 3 and "no balance endpoint" in err


def test_embed_prints_json(cli):
    code, out, _ = cli("embed", "a", "b")
    assert code == 0 and len(json.loads(out)["embeddings"]) == 2


def test_key_set_status_delete_never_prints_the_key(cli, monkeypatch, memory_keyring):
    monkeypatch.delenv("PARLEY_API_KEY", raising=False)
    code, out, err = cli("key", "status", env={"PARLEY_API_KEY": ""})
    assert code == 3 and "not set" in out
    code, out, _ = cli("key", "set", stdin="my-secret-key-123456\n", env={"PARLEY_API_KEY": ""})
    assert code == 0 and "saved in the keyring" in out and "my-secret" not in out
    assert memory_keyring.store[("parley", "eduhk-apim")] == "my-secret-key-123456"
    code, out, _ = cli("key", "status", env={"PARLEY_API_KEY": ""})
    assert code == 0 and "in the keyring" in out and "my-secret" not in out
    assert cli("key", "delete", env={"PARLEY_API_KEY": ""})[0] == 0
    assert memory_keyring.store == {}


def test_key_set_refuses_insecure_keyring(cli, monkeypatch):
    import keyring
    import keyring.backends.fail
    keyring.set_keyring(keyring.backends.fail.Keyring())
    code, out, err = cli("key", "set", stdin="my-secret-key-123456\n", env={"PARLEY_API_KEY": ""})
    assert code == 3 and "not saved" in err and "PARLEY_API_KEY" in err
    assert "my-secret" not in out + err


def test_profiles_add_use_show_remove(cli):
    code, out, _ = cli("profiles", "add", "lab", "--style", "azure", "--base-url",
                       "https://lab.example.edu", "--model", "gpt-4o", "--api-version", "2024-06-01")
    assert code == 0
    assert cli("profiles", "use", "lab")[0] == 0
    code, out, _ = cli("profiles")
    assert "* lab" in out and "eduhk-apim" in out
    code, out, _ = cli("profiles", "show", "lab")
    shown = json.loads(out)
    assert shown["api_version"] == "2024-06-01" and shown["chat_model"] == "gpt-4o"
    assert cli("profiles", "remove", "lab")[0] == 0
    code, _, err = cli("profiles", "use", "lab")
    assert code == 3 and "no profile named 'lab'" in err


def _run(args, env, stdin=subprocess.DEVNULL):
    full_env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    full_env.update(env, PYTHON_KEYRING_BACKEND="keyring.backends.null.Keyring")
    return subprocess.run([sys.executable, "-m", "app", *args], env=full_env, stdin=stdin,
                          capture_output=True, text=True, timeout=60)


@pytest.mark.parametrize("style", ["apim", "azure", "openai"])
def test_real_process_streams_hello_for_each_style(gateway, tmp_path, style):
    env = {**style_env(gateway, style), "PARLEY_HOME": str(tmp_path)}
    done = _run(["ask", "Hello"], env)
    assert (done.returncode, done.stdout, done.stderr) == (0, HELLO + "\n", "")


def test_real_process_wrong_key_one_line(gateway, tmp_path):
    env = {**style_env(gateway, "openai", key="sk-wrong-" + "7" * 30), "PARLEY_HOME": str(tmp_path)}
    done = _run(["ask", "Hello"], env)
    assert done.returncode == 4 and done.stdout == ""
    assert done.stderr.count("\n") == 1 and "Traceback" not in done.stderr
    assert "Authentication failed" in done.stderr and "7777777777" not in done.stderr
    assert "PARLEY_API_KEY was refused" in done.stderr


def test_real_process_does_not_load_qt(gateway, tmp_path):
    code = ("import sys, runpy; sys.argv=['parley','ask','Hello'];\n"
            "import app.cli; rc = app.cli.main();\n"
            "bad = [m for m in sys.modules if m.startswith(('PySide6', 'shiboken6', 'qasync'))];\n"
            "print(bad); sys.exit(rc)")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARLEY_")}
    env.update(style_env(gateway, "apim"), PARLEY_HOME=str(tmp_path))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                          stdin=subprocess.DEVNULL, timeout=60)
    assert done.returncode == 0 and done.stdout.strip().endswith("[]")
