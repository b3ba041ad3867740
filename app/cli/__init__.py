"""The ``parley`` command. Uses only ``app.core``: importing it never loads Qt.

Every failure ends as one line on stderr and a documented exit code (see ``parley --help``);
a traceback is a bug.
"""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from typing import TextIO

from app.cli.errors import explain
from app.cli.parser import build_parser, usage_line, usage_problem
from app.cli.text import utf8_arguments
from app.core.config.file import set_aside_notices
from app.core.config.profiles import ProfileStore
from app.core.config.secrets import KeyStore
from app.core.errors import ParleyError
from app.core.process import disable_core_dumps

DESKTOP_COMMANDS = (None, "show", "quick-ask")  # None: plain `parley`


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the ``parley`` script and ``python -m app``. Returns the exit code."""
    argv = list(sys.argv[1:] if argv is None else argv)
    disable_core_dumps()  # before any key is read: a core file would hold it
    out, err = sys.stdout, sys.stderr
    _tolerant_output(out)
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as stop:  # --help, --version, or a usage error already on stderr
        return stop.code if isinstance(stop.code, int) else 0 if stop.code is None else 2
    problem = usage_problem(args)
    if problem:
        err.write(usage_line(problem, f"parley {args.command}"))
        return 2
    if args.self_test:
        from app.selftest import run  # Qt only once it runs

        return run(out)
    if args.command in DESKTOP_COMMANDS:
        from app.cli.desktop import run_desktop

        return run_desktop(args.command, parser, err)
    try:
        return _dispatch(args, out, err)
    except ParleyError as error:
        err.write(f"parley: {explain(error, args)}\n")
        return error.exit_code
    except KeyboardInterrupt:
        err.write("\nparley: stopped\n")
        return 130
    except BrokenPipeError:  # `parley ask ... | head` closed the pipe: not an error
        return 0


def _dispatch(args, out: TextIO, err: TextIO) -> int:
    from app.cli import commands

    utf8_arguments(args)  # before anything is stored, looked up or sent
    if args.command == "history":  # the history needs no profile and no key
        from app.cli.history import run_history

        return run_history(args, out, err)
    store = ProfileStore()
    keys = KeyStore()
    if args.command == "key":
        return commands.run_key(args, store, keys, out, err)
    if args.command == "profiles":
        return commands.run_profiles(args, store, keys, out, err)
    profile = store.resolve(args.profile)
    for warning in set_aside_notices() + store.warnings:  # config.json edited by hand, say
        err.write(f"parley: warning: {warning}\n")
    key = keys.require(profile.name)
    if keys.lookup(profile.name)[1] == "env":
        args.key_hint = "the key in PARLEY_API_KEY was refused; check that variable"
    if args.command == "ask":
        from app.cli.ask import run_ask

        runner = run_ask
    else:
        runner = getattr(commands, f"run_{args.command}")
    return asyncio.run(runner(args, profile, key, out, err))


def _tolerant_output(stream: TextIO) -> None:
    # A Windows console or a pipe with a legacy code page must not crash on 中文.
    try:
        stream.reconfigure(errors="replace")  # type: ignore[attr-defined]
    except (AttributeError, ValueError):
        pass
