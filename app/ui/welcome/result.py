"""What the welcome's Test says, in plain words: ✓ or ✗, one sentence, and what to do.

Settings shows the engineer's account (the URL called, the HTTP status, what came back);
a student needs to know whether it works and, if not, the one thing to check. The texts use
the translation context "WelcomeDialog"; the gateway's own words are never shown as markup.
Threading: any (pure), but the texts are translated with the installed translators.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from app.core import errors as E
from app.core.gateway.diagnostics import ConnectionReport
from app.ui.runtime.tasks import describe

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…") calls


def plain_result(report: ConnectionReport | None) -> tuple[bool, str, str]:
    """``(ok, headline, advice)`` for a test's report (None: there was no key to test)."""
    if report is None:
        return False, translate("WelcomeDialog", "Paste your API key first."), ""
    if report.ok:
        return True, translate("WelcomeDialog", "Connected: the gateway answered in %1 s.") \
            .replace("%1", f"{report.seconds:.1f}"), ""
    error = report.error
    if isinstance(error, E.AuthError):
        return False, translate("WelcomeDialog", "The gateway refused this key."), translate(
            "WelcomeDialog", "Check that you pasted the whole key, and that it is a key for "
                             "the gateway chosen above.")
    if isinstance(error, E.NotFound):
        return False, translate("WelcomeDialog", "The gateway was reached, but not at this "
                                                 "address."), translate(
            "WelcomeDialog", "Check the base URL and the model name (under Advanced).")
    if isinstance(error, E.NetworkError) and not isinstance(error, E.GatewayTimeout):
        return False, translate("WelcomeDialog", "The gateway could not be reached."), \
            translate("WelcomeDialog", "Check your network connection (off campus, perhaps "
                                       "the VPN) and the base URL.")
    if error is None:
        return False, translate("WelcomeDialog", "The test did not succeed."), report.detail
    failure = describe(error)
    return False, failure.title + ".", failure.message
