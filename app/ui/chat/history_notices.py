"""What the window says when the history cannot keep what is shown, in the user's language.

The core's :class:`~app.core.history.HistoryError` carries a ``kind`` (full disk, locked,
read-only, damaged, newer version, ...); here each kind becomes a few plain words, so the
notice under an answer and the banner over the transcript say the same thing the same way.
The file's path is left to tooltips: the words are what a person reads.

Threading: GUI thread (translations are looked up when called).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core.history import HistoryError
from app.core.history.errors import (
    CANNOT_OPEN,
    DAMAGED,
    FOREIGN,
    FULL,
    LOCKED,
    NEWER,
    READ_ONLY,
)


def history_problem(error: HistoryError) -> str:
    """Why the history cannot be used: a phrase such as "the disk is full"."""
    reasons = {
        FULL: QCoreApplication.translate("HistoryNotices", "the disk is full"),
        LOCKED: QCoreApplication.translate(
            "HistoryNotices", "the history file is in use by another program"),
        READ_ONLY: QCoreApplication.translate(
            "HistoryNotices", "the history file or its folder is read-only"),
        DAMAGED: QCoreApplication.translate("HistoryNotices", "the history file is damaged"),
        NEWER: QCoreApplication.translate(
            "HistoryNotices", "the history was written by a newer version of Parley"),
        FOREIGN: QCoreApplication.translate(
            "HistoryNotices", "the history file belongs to another program"),
        CANNOT_OPEN: QCoreApplication.translate(
            "HistoryNotices", "the history file cannot be opened (it may be a folder)"),
    }
    return reasons.get(getattr(error, "kind", ""), error.message)


def not_saved_notice(error: HistoryError) -> str:
    """Under an answer the history could not keep (it stays on screen)."""
    return QCoreApplication.translate(
        "HistoryNotices", "This answer could not be saved in the history: %1. It stays on "
        "screen, and Parley saves it as soon as it can.").replace("%1", history_problem(error))


def not_begun_notice(error: HistoryError) -> str:
    """When an answer could not be begun in the history (the question is stored and
    shown; nothing was sent to the gateway)."""
    return QCoreApplication.translate(
        "HistoryNotices", "Not sent: the history cannot keep an answer now, because %1."
    ).replace("%1", history_problem(error))
