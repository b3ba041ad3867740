"""``parley history list | search | show | export``: in process for the Qt-free formats, as a
real process for the PDF (which loads Qt) and to prove the others never load it."""

from __future__ import annotations

import json
import subprocess
import sys

import docx
import pytest

from app.cli import main
from app.core.history.store import HistoryStore
from tests.conftest import ROOT
from tests.core.export.sample import CHINESE, sample_conversation


@pytest.fixture
def conversation():
    with HistoryStore() as store:
        return sample_conversation(store)


@pytest.fixture
def cli(capsys):
    def run(*args):
        code = main(["history", *args])
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


def test_list_and_json(cli, conversation):
    code, out, _ = cli("list")
    assert code == 0 and f"{conversation:>6}" in out and "微積分：定積分" in out
    code, out, _ = cli("list", "--json")
    assert json.loads(out)[0]["title"] == "微積分：定積分"


def test_empty_history_says_so(cli):
    assert cli("list") == (0, "", "parley: the history has no conversations yet\n")


def test_search_points_at_the_message(cli, conversation):
    code, out, _ = cli("search", "矩形")
    assert code == 0 and f"{conversation} --message 2" in out and "«矩形»" in out
    code, _, err = cli("search", "不存在的字")
    assert code == 0 and "nothing in the history matches" in err


def test_show_prints_markdown(cli, conversation):
    code, out, _ = cli("show", str(conversation))
    assert code == 0 and out.startswith("# 微積分：定積分") and CHINESE in out
    code, out, _ = cli("show", str(conversation), "--message", "1")
    assert code == 0 and "## You" in out and "Assistant" not in out


@pytest.mark.parametrize("fmt", ["md", "html", "docx"])
def test_export_each_qt_free_format(cli, conversation, tmp_path, fmt):
    path = tmp_path / "out" / f"chat.{fmt}"
    path.parent.mkdir()
    code, out, err = cli("export", str(conversation), "--out", str(path))
    assert (code, err) == (0, "") and str(path) in out
    if fmt == "docx":
        assert any(CHINESE in p.text for p in docx.Document(str(path)).paragraphs)
    else:
        assert CHINESE in path.read_text(encoding="utf-8")
    if fmt == "md":
        assert (tmp_path / "out" / "chat_files" / "1-diagram.png").is_file()


def test_export_to_stdout(cli, conversation):
    code, out, _ = cli("export", str(conversation), "--format", "html")
    assert code == 0 and out.startswith("<!DOCTYPE html>") and "<svg" in out


@pytest.mark.parametrize("args, exit_code, words", [
    (("export", "99", "-f", "md"), 11, "conversation 99 is not in the history"),
    (("show", "1", "--message", "99"), 11, "message 99 is not in the history"),
    (("export", "1"), 2, "say which format"),
    (("export", "1", "-f", "docx"), 2, "needs --out FILE"),
    (("export", "1", "-o", "chat.txt"), 2, "say which format"),
    (("export", "1", "-f", "md", "-o", "{tmp}/missing/x.md"), 13, "Cannot write the export"),
    (("export", "1", "-o", "{tmp}/missing/x.pdf.docx"), 13, "No such file or directory"),
])
def test_failures_are_one_line_with_their_exit_code(cli, conversation, tmp_path, args,
                                                    exit_code, words):
    code, out, err = cli(*(a.format(tmp=tmp_path) for a in args))
    assert code == exit_code and words in err and err.count("\n") == 1 and out == ""


def test_a_damaged_history_is_exit_12(cli, tmp_path, monkeypatch):
    home = tmp_path / "damaged"
    (home / "data").mkdir(parents=True)
    (home / "data" / "history.sqlite3").write_bytes(b"not a database " * 300)
    monkeypatch.setenv("PARLEY_HOME", str(home))
    code, _, err = cli("list")
    assert code == 12 and "History problem" in err and err.count("\n") == 1


PROBE = ("import sys; from app.cli import main; code = main(sys.argv[1:]); "
         "print(code, any(m.startswith('PySide6') for m in sys.modules))")


@pytest.mark.parametrize("fmt, loads_qt", [("md", False), ("html", False), ("docx", False),
                                           ("pdf", True)])
def test_only_pdf_loads_qt(conversation, tmp_path, fmt, loads_qt):
    path = tmp_path / f"chat.{fmt}"
    done = subprocess.run([sys.executable, "-c", PROBE, "history", "export", str(conversation),
                           "-o", str(path)], cwd=ROOT, capture_output=True, text=True,
                          timeout=60, check=False)
    assert done.stdout.splitlines()[-1].split() == ["0", str(loads_qt)], done.stderr
    assert path.stat().st_size > 500
    if fmt == "pdf":
        assert path.read_bytes().startswith(b"%PDF-")
