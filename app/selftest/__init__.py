"""``parley --self-test``: start the real app offscreen, ask a built-in loopback gateway a
question through the real window, and report what worked. Exit 0 only if every check passed.

It exists for the frozen app (PyInstaller): it proves that Qt's plugins, the translations,
the icon, the keyring backends and the network stack all made it into the bundle. It works
the same from source.

It touches nothing of the user's: a temporary ``PARLEY_HOME`` for config and history, the
key through ``PARLEY_API_KEY`` (the keyring is only described, never read or written), and a
server on 127.0.0.1 that lives as long as the test. Qt is imported only when it runs, so
``app.cli`` stays Qt-free.
Threading: the loopback gateway answers on its own threads; everything else runs on the GUI
thread, the checks of the window as a task on the Qt loop.
"""

from __future__ import annotations

import os
import sys
import tempfile
import threading
from typing import TextIO, cast

from app import __version__
from app.core.config.styles import OPENAI
from app.selftest.gateway import KEY, NATIVE_KEYRINGS, TIMEOUT, Check, LoopbackGateway


def run(out: TextIO | None = None) -> int:
    """Run every check, print the report, return 0 only if all passed."""
    out = out or sys.stdout
    saved = {name: os.environ.get(name) for name in (
        "PARLEY_HOME", "PARLEY_API_KEY", "PARLEY_BASE_URL", "PARLEY_API_STYLE", "PARLEY_MODEL",
        "QT_QPA_PLATFORM")}
    home = tempfile.TemporaryDirectory(prefix="parley-selftest-", ignore_cleanup_errors=True)
    checks: list[Check] = []
    facts: dict[str, str] = {}
    try:
        with LoopbackGateway() as gateway:
            os.environ.update(PARLEY_HOME=home.name, PARLEY_API_KEY=KEY,
                              PARLEY_BASE_URL=gateway.base_url, PARLEY_API_STYLE=OPENAI.name,
                              PARLEY_MODEL="selftest", QT_QPA_PLATFORM="offscreen")
            code = _run_app(gateway, checks, facts)
            if code != 0:
                checks.append(Check("the app quit cleanly", False, f"exit code {code}"))
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value
        home.cleanup()
    checks.append(_keyring_check(facts))
    return _report(checks, facts, out)


def _run_app(gateway: LoopbackGateway, checks: list[Check], facts: dict[str, str]) -> int:
    # PySide6 before qasync (docs/ARCHITECTURE.md, pitfalls)
    from PySide6.QtWidgets import QApplication

    from app.main import main
    from app.selftest import qt_checks

    # instance() is typed QCoreApplication; Parley only ever makes a QApplication.
    app = cast(QApplication, QApplication.instance() or QApplication([sys.argv[0]]))
    checks += qt_checks.environment(facts)
    # Last resort: if the loop itself hangs, still end with a report and a failure.
    watchdog = threading.Timer(TIMEOUT + 30, lambda: _hung(checks, facts))
    watchdog.daemon = True
    watchdog.start()
    try:
        return main([], then=lambda parley: qt_checks.drive(parley, gateway, checks, app))
    finally:
        watchdog.cancel()


def _hung(checks: list[Check], facts: dict[str, str]) -> None:
    checks.append(Check("the app answered in time", False, "the event loop stopped responding"))
    sys.stdout.flush()
    os._exit(_report(checks, facts, sys.stdout) or 1)


def _keyring_check(facts: dict[str, str]) -> Check:
    """The keyring backends are found through their entry points (a frozen app needs the
    packages' metadata for that) and the platform's own backend loads. Which backend is in
    use is only reported: a machine without a Secret Service is not a broken app."""
    from importlib.metadata import entry_points

    from app.core.config.secrets import describe_backend

    found = {ep.name: ep for ep in entry_points(group="keyring.backends")}
    native = NATIVE_KEYRINGS.get(sys.platform, "SecretService")
    try:
        info = describe_backend()
        facts["keyring"] = info.name + ("" if info.secure else f" (not secure: {info.reason})")
    except Exception as exc:  # a broken backend is what this check is for
        facts["keyring"] = f"unavailable: {type(exc).__name__}: {exc}"
    if native not in found:
        return Check("keyring backends found", False,
                     f"no '{native}' entry point (found: {', '.join(sorted(found)) or 'none'})")
    try:
        found[native].load()
    except Exception as exc:
        return Check("keyring backends found", False, f"{native}: {type(exc).__name__}: {exc}")
    return Check("keyring backends found", True, ", ".join(sorted(found)))


def _report(checks: list[Check], facts: dict[str, str], out: TextIO) -> int:
    frozen = "frozen" if getattr(sys, "frozen", False) else "from source"
    out.write(f"Parley {__version__} self-test ({frozen}, Python {sys.version.split()[0]}, "
              f"{sys.platform})\n")
    for check in checks:
        mark = "✓" if check.ok else "✗"
        out.write(f"  {mark} {check.name}" + (f": {check.detail}" if check.detail else "") + "\n")
    out.writelines(f"  {name}: {value}\n" for name, value in facts.items())
    passed = all(check.ok for check in checks) and bool(checks)
    out.write("self-test passed\n" if passed else "self-test FAILED\n")
    out.flush()
    return 0 if passed else 1
