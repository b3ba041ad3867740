"""The Qt half of ``parley --self-test`` (see :mod:`app.selftest`): what the bundle's Qt can
do before the window opens, and the drive through the real window once it has.

Only the objectName contract of the main window is used (``composer``, ``sendButton``,
``transcript``, ``composerNotice``), as a user's clicks would. Threading: GUI thread; :func:`drive`
runs as a task on the Qt loop.
"""

from __future__ import annotations

import asyncio

import PySide6
from PySide6.QtCore import QCollator, QCoreApplication, QLibraryInfo, QLocale, qVersion
from PySide6.QtGui import QGuiApplication, QIcon
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from app import resources
from app.selftest.gateway import (
    ANSWER_PARTS,
    FIRST_WORDS,
    LAST_WORDS,
    QUESTION,
    TIMEOUT,
    Check,
    LoopbackGateway,
)
from app.ui.runtime import icons
from app.ui.runtime.fonts import chinese_fonts
from app.ui.runtime.i18n import install_translators


def environment(facts: dict[str, str]) -> list[Check]:
    """Platform plugin, translations and icon: each a file the bundle must carry."""
    platform = QGuiApplication.platformName()
    facts["Qt"] = f"{qVersion()} (PySide6 {PySide6.__version__})"
    facts["platform plugin"] = platform
    checks = [Check("Qt starts offscreen", platform == "offscreen", platform)]

    locale = QLocale()
    language = install_translators("zh_HK")  # the app's own loader, as Settings would use it
    ours = QCoreApplication.translate("Composer", "Send")
    qts = QCoreApplication.translate("QPlatformTheme", "Cancel")
    install_translators("en")
    QLocale.setDefault(locale)
    found = [name for name, ok in (("parley_zh_HK", language and ours != "Send"),
                                   ("qtbase_zh_TW", qts != "Cancel")) if ok]
    facts["translations found"] = ", ".join(found) or "none"
    facts["Qt translations folder"] = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    checks.append(Check("translations load", len(found) == 2,
                        f"Send → {ours}, Cancel → {qts}"))

    # Qt's ICU (its data trimmed in the Linux bundle): language-aware sorting and case.
    sorted_ok = QCollator(QLocale("en_US")).compare("a", "B") < 0  # bytewise: "B" first
    upper = QLocale("tr_TR").toUpper("i")
    checks.append(Check("text services (ICU)", sorted_ok and upper == "\u0130",
                        f"a before B: {sorted_ok}; Turkish upper-case i: {upper}"))

    icon = QIcon(str(resources.path("icons", "parley.svg")))
    drawn = not icon.isNull() and not icon.pixmap(64, 64).isNull()
    checks.append(Check("app icon draws", drawn, "parley.svg at 64 px"))
    drawn_icons = sorted(name for name in icons.NAMES if not icons.icon(name).isNull())
    facts["interface icons"] = f"{len(drawn_icons)} drawn ({', '.join(drawn_icons) or 'none'})"
    # Not a failing check: the bundle brings no fonts; a machine without them says so.
    facts["Chinese font"] = next(iter(chinese_fonts()), "none: Chinese shows as empty boxes "
                                                          "(install fonts-noto-cjk)")
    return checks


async def drive(parley, gateway: LoopbackGateway, checks: list[Check],
                app: QApplication) -> None:
    """Wait for the window, ask :data:`QUESTION` through the composer and the Send button,
    and wait until the whole answer is in the transcript and the stream has finished."""
    window = parley.window
    step = "main window opens"
    try:
        await asyncio.wait_for(asyncio.shield(parley.ready), TIMEOUT)
        checks.append(Check(step, window.isVisible(), f"{window.width()}×{window.height()}"))
        checks.append(Check("window icon set", not window.windowIcon().isNull()))

        step = "answer streamed into the transcript"
        composer = window.findChild(QPlainTextEdit, "composer")
        send = window.findChild(QPushButton, "sendButton")
        transcript = window.findChild(QWidget, "transcript")
        notice = window.findChild(QLabel, "composerNotice")
        composer.setPlainText(QUESTION)
        send.click()
        loop = asyncio.get_running_loop()
        deadline = loop.time() + TIMEOUT
        partial = False
        while True:
            text = transcript.toPlainText()
            arrived = FIRST_WORDS in text and LAST_WORDS in text
            partial = partial or (ANSWER_PARTS[0] in text and not arrived)
            if arrived and send.isVisible() and gateway.streams_finished:
                break
            last = parley.controller.path[-1] if parley.controller.path else None
            if last is not None and last.role == "assistant" and last.status in ("error",
                                                                                 "stopped"):
                raise RuntimeError(f"the answer ended as {last.status}: {last.error or ''}; "
                                   f"gateway refused: {gateway.refused}")
            if loop.time() > deadline:
                raise TimeoutError(f"no whole answer after {TIMEOUT:g} s; notice: "
                                   f"{notice.text()!r}; gateway refused: {gateway.refused}")
            await asyncio.sleep(0.01)
        status = parley.controller.path[-1].status if parley.controller.path else "none"
        checks.append(Check(step, status == "complete" and QUESTION in text,
                            f"{len(ANSWER_PARTS)} pieces"
                            f"{', shown while streaming' if partial else ''}; stored as {status}"))
        formula = text[text.index(FIRST_WORDS) + len(FIRST_WORDS):text.index(LAST_WORDS)]
        checks.append(Check("maths typeset", "\ufffc" in formula and "mc^2" not in formula,
                            "E = mc² drawn as an image" if "mc^2" not in formula
                            else f"shown as source: {formula.strip()!r}"))
    except Exception as exc:  # the report names the step; the exit code says it failed
        checks.append(Check(step, False, f"{type(exc).__name__}: {exc}"))
    finally:
        window.close()
        app.quit()
