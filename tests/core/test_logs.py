"""The log file: written where a notice points, rotated, and never holding a key."""

import logging

import pytest

from app.core.errors import register_secret
from app.core.logs import log_path, setup_file_log


@pytest.fixture(autouse=True)
def detach():
    yield
    logger = logging.getLogger("app")
    for handler in [h for h in logger.handlers if h.get_name() == "parley-log"]:
        logger.removeHandler(handler)
        handler.close()
    logger.setLevel(logging.NOTSET)


def test_log_lines_and_tracebacks_are_redacted(tmp_path):
    path = setup_file_log(tmp_path / "logs" / "parley.log")
    assert path == tmp_path / "logs" / "parley.log"
    register_secret("sk-logged-secret-0123456789")
    log = logging.getLogger("app.test")
    try:
        raise RuntimeError("refused sk-logged-secret-0123456789")
    except RuntimeError:
        log.exception("request with key sk-logged-secret-0123456789 failed")
    text = path.read_text(encoding="utf-8")
    assert "failed" in text and "RuntimeError" in text and "sk-logged-secret" not in text


def test_a_second_start_replaces_the_handlers(tmp_path):
    setup_file_log(tmp_path / "a.log")
    setup_file_log(tmp_path / "b.log")
    logging.getLogger("app.test").error("only in b")
    assert "only in b" in (tmp_path / "b.log").read_text(encoding="utf-8")
    assert not (tmp_path / "a.log").exists() or "only in b" not in (tmp_path / "a.log").read_text()


def test_an_unwritable_place_is_not_fatal(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    assert setup_file_log(blocker / "logs" / "parley.log") is None


def test_the_default_place_is_in_parley_home(tmp_path, monkeypatch):
    monkeypatch.setenv("PARLEY_HOME", str(tmp_path))
    assert log_path().is_relative_to(tmp_path)
