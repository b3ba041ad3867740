"""Every task the desktop app starts goes through :func:`start_task`: the one path for failure.

A task may hold a busy state (``busy=``: anything with ``set_busy(bool)``, e.g. the main
window, whose Send turns into Stop). It is set when the task starts and cleared when it
ends — complete, cancelled or failed, whatever the coroutine did or forgot — so a window
can never stay stuck. A failure that escapes the coroutine is logged with its traceback
(to the log file, see :mod:`app.core.logs`) and shown to the user as a :class:`Failure`
in plain, translated words: what happened and what to do. Where it is shown is the task's
``report`` (e.g. the quick-ask window), else the app-wide reporter the wiring sets (the main
window's notice), else only the log. Cancellation is not a failure.

The coroutines themselves keep the user's typed text (the composer is cleared only once a
question is stored) and partial answers (an answer is finished in the history however its
stream ends); this module makes sure nobody is left waiting when they fail anyway.

Threading: GUI thread; the tasks run on the Qt loop (:mod:`app.ui.runtime.loop`).
"""

from __future__ import annotations

import asyncio
import functools
import logging
from collections.abc import Callable, Coroutine
from dataclasses import dataclass
from typing import Any, Protocol

from PySide6.QtCore import QCoreApplication

from app.core import errors as E
from app.core.errors import redact

log = logging.getLogger(__name__)


class Busy(Protocol):
    def set_busy(self, busy: bool) -> None: ...


@dataclass(frozen=True)
class Failure:
    """What the user is told: a short title, what happened, and what to do."""

    title: str
    message: str
    hint: str

    def text(self) -> str:
        parts = [f"{self.title}: {self.message}" if self.message else self.title]
        if self.hint:
            parts.append(self.hint)
        return " — ".join(parts)


Reporter = Callable[[Failure], None]
_reporter: Reporter | None = None
_tasks: set[asyncio.Task] = set()
log_file_hint = ""  # "Details are in …" once the wiring knows the log file


def set_log_file(path: object) -> None:
    """Name the log file in the hints of unexpected failures (after the translators are in)."""
    global log_file_hint
    log_file_hint = QCoreApplication.translate("Failures", "Details are in %1.").replace(
        "%1", str(path))


def set_reporter(reporter: Reporter | None) -> None:
    """Where failures of tasks started without their own ``report`` are shown."""
    global _reporter
    _reporter = reporter


# Each string is spelled out as QCoreApplication.translate("Failures", …): lupdate extracts
# only literal calls.


# Most specific first: the first class the error is an instance of names it.
def _titles() -> list[tuple[type[BaseException], str]]:
    from app.core.history.errors import HistoryError  # not at start-up: it is not light
    from app.export import ExportError

    return [
        (E.AuthError,
         QCoreApplication.translate("Failures", "Your key was refused")),
        (E.RateLimited,
         QCoreApplication.translate("Failures", "The gateway is busy")),
        (E.ContentFiltered,
         QCoreApplication.translate("Failures", "Blocked by the content filter")),
        (E.ServerError,
         QCoreApplication.translate("Failures", "The gateway is having trouble")),
        (E.NotFound,
         QCoreApplication.translate("Failures", "The gateway address is not right")),
        (E.BadRequest,
         QCoreApplication.translate("Failures", "The gateway did not accept the request")),
        (E.GatewayError,
         QCoreApplication.translate("Failures", "The gateway sent something unexpected")),
        (E.GatewayTimeout,
         QCoreApplication.translate("Failures", "The gateway did not answer in time")),
        (E.NetworkError,
         QCoreApplication.translate("Failures", "No connection to the gateway")),
        (E.KeyringUnavailable,
         QCoreApplication.translate("Failures", "The keyring cannot be used")),
        (E.ConfigError,
         QCoreApplication.translate("Failures", "A setting needs attention")),
        (HistoryError,
         QCoreApplication.translate("Failures", "The history could not be used")),
        (ExportError,
         QCoreApplication.translate("Failures", "The file could not be saved")),
        (E.InputError,
         QCoreApplication.translate("Failures", "This cannot be used")),
        (E.ParleyError,
         QCoreApplication.translate("Failures", "Something went wrong")),
    ]


def describe(error: BaseException) -> Failure:
    """The plain-language account of ``error`` (redacted: never a key)."""
    if isinstance(error, E.ParleyError):
        title = next(text for kind, text in _titles() if isinstance(error, kind))
        return Failure(title, redact(error.message), redact(error.hint))
    # A bug, or a failure nobody turned into a ParleyError: say so honestly.
    detail = redact(f"{type(error).__name__}: {error}".rstrip(": "))
    hint = QCoreApplication.translate(
        "Failures", "What you typed and any answer so far are kept; try again.")
    if log_file_hint:
        hint += " " + log_file_hint
    title = QCoreApplication.translate("Failures", "Something went wrong inside Parley")
    return Failure(title, detail, hint)


def start_task(coro: Coroutine[Any, Any, Any], *, name: str = "", busy: Busy | None = None,
               report: Reporter | None = None) -> asyncio.Task:
    """Run ``coro`` on the loop; keep a reference until it ends; hold ``busy`` while it
    runs; log and show whatever escapes it. Use this instead of bare ``create_task``."""
    if busy is not None:
        busy.set_busy(True)
    task = asyncio.get_event_loop().create_task(coro, name=name or None)
    _tasks.add(task)

    def done(t: asyncio.Task) -> None:
        _tasks.discard(t)
        try:
            if busy is not None:
                busy.set_busy(False)
        finally:
            error = None if t.cancelled() else t.exception()
            if error is not None:
                _failed(t.get_name(), error, report)

    task.add_done_callback(done)
    return task


def reports_failures(slot: Callable[..., Any]) -> Callable[..., Any]:
    """For a synchronous slot (a click, a Save): what escapes it is logged and shown like a
    task's failure, instead of a traceback on stderr that nobody sees."""
    @functools.wraps(slot)
    def run(*args: Any, **kwargs: Any) -> Any:
        try:
            return slot(*args, **kwargs)
        except Exception as error:
            _failed(slot.__qualname__, error, None)
            return None

    return run


def _failed(name: str, error: BaseException, report: Reporter | None) -> None:
    log.error("task %s failed", name, exc_info=error)
    show = report or _reporter
    if show is None:
        return
    try:
        show(describe(error))
    except Exception:  # a window already closed must not hide the original failure
        log.exception("could not show the failure of task %s", name)
