"""``parley ask --file``: documents over the loopback gateway — the whole text with page
headings, scanned pages as image parts, --pages, the context check, and every refusal
(exit 10, one line naming the file and what to do, nothing sent)."""

from __future__ import annotations

import io
import json
import sys

import pytest

from app.cli import main
from tests import docgen
from tests.conftest import style_env


class Tty(io.StringIO):
    def isatty(self):
        return True


@pytest.fixture
def cli(gateway, monkeypatch, capsys):
    def run(*args, env=None):
        for name, value in {**style_env(gateway, "apim"), **(env or {})}.items():
            monkeypatch.setenv(name, value)
        monkeypatch.setattr(sys, "stdin", Tty())
        code = main(list(args))
        captured = capsys.readouterr()
        return code, captured.out, captured.err
    return run


@pytest.fixture(scope="module")
def sample_pdf(tmp_path_factory):
    if docgen.cjk_font() is None:
        pytest.skip(f"no CJK font at {docgen.CJK_FONT} (Debian: fonts-noto-cjk)")
    return docgen.sample_pdf(tmp_path_factory.mktemp("pdf") / "sample.pdf")


def user_content(gateway):
    return gateway.requests[-1].json["messages"][-1]["content"]


def texts(content):
    return "\n".join(p["text"] for p in content if p["type"] == "text")


def test_a_pdf_goes_whole_with_page_headings_and_its_scan_as_an_image(cli, gateway, sample_pdf):
    code, out, err = cli("ask", "Summarise", "--file", str(sample_pdf))
    assert code == 0 and out.startswith("Hello!")
    assert "attached sample.pdf: 4 pages, 1 as images (pages 3), about" in err
    content = user_content(gateway)
    assert content[0] == {"type": "text", "text": "Summarise"}
    sent = texts(content)
    for page in (1, 2, 4):
        assert f"--- sample.pdf · page {page} of 4 ---" in sent
    assert "--- sample.pdf · page 3 of 4 · sent as an image (no text layer) ---" in sent
    assert docgen.CHINESE in sent and docgen.FORMULA in sent  # 文, not the radical ⽂
    assert "Pens 12 3.50" in sent and "Summary line 5" in sent
    kinds = [p["type"] for p in content]
    assert kinds == ["text", "text", "image_url", "text"]  # the image right after page 3's heading
    (image,) = gateway.received_images()
    assert (image.mime, max(image.width, image.height)) in {("image/png", 2048),
                                                            ("image/jpeg", 2048)}


def test_pages_sends_only_those_and_says_so(cli, gateway, sample_pdf):
    code, _, err = cli("ask", "What?", "--file", str(sample_pdf), "--pages", "2,4")
    sent = texts(user_content(gateway))
    assert code == 0 and "2 pages (2,4 of 4)" in err
    assert "[sample.pdf: only pages 2,4 of 4 are attached]" in sent
    assert "page 1 of 4" not in sent and "page 4 of 4" in sent
    assert gateway.received_images() == []


def test_over_the_models_context_nothing_is_sent_and_pages_are_offered(cli, gateway, tmp_path):
    log = tmp_path / "server.log"
    log.write_text("".join(f"{i:05d} GET /api/items 200 12ms user=alice agent=curl\n"
                           for i in range(3000)), encoding="utf-8")
    code, out, err = cli("ask", "Any errors?", "--file", str(log), "--model", "gpt-35-turbo")
    assert code == 10 and out == "" and gateway.requests == []
    assert len(err.strip().splitlines()) == 1
    assert "gpt-35-turbo takes 16,385 tokens" in err and "server.log" in err
    assert f"--file {log} --pages 1-" in err
    code, _, err = cli("ask", "Any errors?", "--file", str(log), "--pages", "1",
                       "--model", "gpt-35-turbo")
    assert code == 0 and "lines 1–500 of 3,000" in texts(user_content(gateway))


def test_a_profiles_context_window_overrides_the_table(cli, gateway, tmp_path):
    notes = tmp_path / "notes.md"
    notes.write_text("# Notes\n" + "word " * 2000, encoding="utf-8")
    code, _, _ = cli("profiles", "add", "lab", "--style", "apim", "--base-url", gateway.url,
                     "--context-window", "2000")
    assert code == 0
    code, _, err = cli("ask", "Summarise", "--file", str(notes), "--profile", "lab")
    assert code == 10 and "gpt-4o-mini takes 2,000 tokens (set in the profile)" in err
    code, _, err = cli("ask", "Summarise", "--file", str(notes), "--profile", "lab",
                       "--model", "gpt-4o")  # another model: the table again
    assert code == 0, err


@pytest.mark.parametrize("password,code,says", [
    (None, 10, "sealed.pdf is protected with a password"),
    ("wrong", 10, "the password does not open"),
    ("secret", 0, "attached sealed.pdf: 1 page"),
])
def test_an_encrypted_pdf_asks_for_its_password(cli, gateway, tmp_path, password, code, says):
    path = docgen.encrypted_pdf(tmp_path / "sealed.pdf")
    extra = ("--password", password) if password else ()
    result, _, err = cli("ask", "Read", "--file", str(path), *extra)
    assert result == code and says in err
    if code:
        assert gateway.requests == [] and "--password" in err
    else:
        assert "Confidential minutes" in texts(user_content(gateway))


@pytest.mark.parametrize("name,data,says", [
    ("report.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     "report.doc is an old Word document (.doc), which Parley cannot read — open it in Word and save it as .docx"),
    ("deck.ppt", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "save it as .pptx"),
    ("locked.xlsx", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600,
     "locked.xlsx is protected with a password"),
    ("broken.pdf", b"%PDF-1.7\n1 0 obj garbage", "broken.pdf is damaged or is not a PDF"),
    ("broken.docx", b"PK\x03\x04 not really a zip", "broken.docx is damaged or incomplete"),
    ("blob.bin", b"\x00\x01\x02binary\x00" * 50, "blob.bin is not a document Parley can read"),
    ("empty.txt", b"", "empty.txt is empty"),
])
def test_files_that_cannot_be_read_are_refused_by_name(cli, gateway, tmp_path, name, data, says):
    path = tmp_path / name
    path.write_bytes(data)
    code, out, err = cli("ask", "What?", "--file", str(path))
    assert code == 10 and out == "" and gateway.requests == []
    assert says in err and len(err.strip().splitlines()) == 1


def test_a_folder_and_a_huge_file_are_refused_unread(cli, gateway, tmp_path):
    code, _, err = cli("ask", "What?", "--file", str(tmp_path))
    assert code == 10 and "is a folder" in err
    huge = tmp_path / "scan.pdf"
    with huge.open("wb") as file:  # sparse: 500 MB on paper, nothing on disk
        file.truncate(500 * 1024 * 1024)
    code, _, err = cli("ask", "What?", "--file", str(huge))
    assert code == 10 and "scan.pdf is 500 MB, more than Parley reads (100 MB)" in err
    assert gateway.requests == []


def test_office_documents_go_with_slide_and_sheet_headings(cli, gateway, tmp_path):
    deck = docgen.sample_pptx(tmp_path / "deck.pptx", slides=3, picture_slides=(2,))
    book = docgen.sample_xlsx(tmp_path / "book.xlsx")
    report = docgen.sample_docx(tmp_path / "report.docx")
    code, out, err = cli("ask", "Compare", "--file", str(deck), "--file", str(book),
                         "--file", str(report), "--no-stream", "--json")
    assert code == 0, err
    content = user_content(gateway)
    sent = texts(content)
    assert "--- deck.pptx · slide 1 of 3 ---" in sent and "Speaker notes:" in sent
    assert "--- deck.pptx · slide 2 of 3 · sent as an image (no text) ---" in sent
    assert "--- book.xlsx · sheet 2 of 2: 日程 ---\n\n日期\t事項\n2025-03-01\t開學" in sent
    assert "--- report.docx ---" in sent and "| Pens | 12 | 3.50 |" in sent
    assert docgen.CHINESE in sent
    assert len(gateway.received_images()) == 1
    attachments = json.loads(out)["attachments"]
    assert [a["name"] for a in attachments] == ["deck.pptx", "book.xlsx", "report.docx"]
    assert attachments[0]["image_pages"] == "2" and attachments[1]["unit"] == "sheet"


def test_images_go_through_file_too_and_pages_must_follow_a_file(cli, gateway, tmp_path):
    from tests.imagegen import encode, photo

    picture = tmp_path / "cat.jpg"
    picture.write_bytes(encode(photo((3000, 2000)), "JPEG"))
    code, _, _ = cli("ask", "What is this?", "--file", str(picture))
    assert code == 0 and [tuple(i[:3]) for i in gateway.received_images()] == [
        ("image/jpeg", 2048, 1365)]
    code, _, err = cli("ask", "x", "--pages", "1-2", "--file", str(picture))
    assert code == 2 and "--pages goes after the --file it is for" in err
    code, _, err = cli("ask", "x", "--file", str(picture), "--pages", "1")
    assert code == 10 and "--pages is for documents" in err


def test_pages_past_the_end_name_the_count(cli, gateway, tmp_path):
    deck = docgen.sample_pptx(tmp_path / "deck.pptx", slides=3, picture_slides=())
    code, _, err = cli("ask", "x", "--file", str(deck), "--pages", "2-9")
    assert code == 10 and "has 3 slides, so “2-9” is past its end" in err
    assert gateway.requests == []


def test_a_model_that_reads_no_images_is_warned_before_page_images(cli, gateway, sample_pdf):
    code, _, err = cli("ask", "x", "--file", str(sample_pdf), "--model", "gpt-35-turbo")
    assert code == 0
    assert "“gpt-35-turbo” is not known to read images" in err and "1 page(s) of sample.pdf" in err
