"""Process hardening: no core dumps. A core file of Parley would hold the API key (it is in
memory while requests are made), readable by whoever finds the file or the crash report.

Threading: call once at start, before any key is read; any thread.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import sys

PR_SET_DUMPABLE = 4


def disable_core_dumps() -> list[str]:
    """Turn core dumps off for this process; returns what could not be done (for a log).

    POSIX: the core size limit goes to 0. Linux also: the process is marked not dumpable,
    which stops crash handlers that ignore the limit (a ``|systemd-coredump`` core
    pattern) and other users' debuggers. Windows: nothing here (its error reports are
    the user's setting)."""
    failures: list[str] = []
    if sys.platform == "win32":
        return failures
    try:
        import resource

        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
    except (ImportError, ValueError, OSError) as error:
        failures.append(f"core size limit: {error}")
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
            if libc.prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0:
                failures.append(f"prctl: errno {ctypes.get_errno()}")
        except OSError as error:
            failures.append(f"prctl: {error}")
    return failures
