"""The ``parley`` command line's arguments. Kept apart so ``--help`` stays cheap."""

from __future__ import annotations

import argparse
from typing import Any, NoReturn

from app import __version__
from app.core.config.styles import gateway_styles, style_names
from app.core.gateway.services import IMAGE_FORMATS, IMAGE_QUALITIES, IMAGE_SIZES

_EXIT_CODES = """\
exit codes:
  0  success
  1  unexpected error
  2  wrong command-line usage
  3  configuration: no key, unknown profile, no secure keyring, service not offered
  4  authentication failed (HTTP 401/403): the key was refused
  5  request rejected (HTTP 400/404/413): bad input, wrong URL, path or deployment
  6  rate limited or quota used up (HTTP 429)
  7  gateway error (HTTP 5xx or an unusable answer)
  8  network error or timeout (a partial answer is still printed)
  9  blocked by the content filter
  10 input cannot be used: a file that is not an image or a document Parley reads,
     a locked PDF without --password, a document larger than the model takes
     (choose --pages), text that is not UTF-8
  11 not in the history (no conversation or message with that ID)
  12 the history cannot be used (damaged, locked, from a newer Parley)
  13 the export cannot be written (no such folder, no permission, disk full)
  130 interrupted (Ctrl+C)

environment:
  PARLEY_API_KEY    the key to use (overrides the keyring)
  PARLEY_BASE_URL   the gateway's base URL
  PARLEY_API_STYLE  {styles}
  PARLEY_MODEL      the chat model or Azure deployment
  PARLEY_HOME       one folder for all of Parley's config and data
"""


def exit_codes() -> str:
    """The epilog: exit codes and environment variables (the styles from their table)."""
    return _EXIT_CODES.format(styles=" | ".join(style_names()))


def usage_line(message: str, prog: str = "parley") -> str:
    """A usage error as every parley failure reads: one line, pointing at the help."""
    return f"parley: {message} — see '{prog} --help'\n"


class _FileAction(argparse.Action):
    """``--file PATH``: a new attachment, ``{"path", "pages", "password"}``."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        files = list(getattr(namespace, self.dest) or [])
        files.append({"path": values, "pages": None, "password": None})
        setattr(namespace, self.dest, files)


class _FileOption(argparse.Action):
    """``--pages``/``--password``: belong to the ``--file`` given just before them."""

    def __call__(self, parser: argparse.ArgumentParser, namespace: argparse.Namespace,
                 values: Any, option_string: str | None = None) -> None:
        files = getattr(namespace, self.dest) or []
        key = (option_string or "--pages").lstrip("-")
        if not files:
            parser.error(f"{option_string} goes after the --file it is for "
                         f"(--file PATH {option_string} {values})")
        if files[-1][key] is not None:
            parser.error(f"{option_string} is given twice for {files[-1]['path']}")
        files[-1][key] = values


class _Parser(argparse.ArgumentParser):
    """argparse with its errors on one line (exit 2): its own usage block plus error line
    would be the one failure that is not a single line. Sub-commands inherit the class."""

    def error(self, message: str) -> NoReturn:
        self.exit(2, usage_line(message, self.prog))


def usage_problem(args: argparse.Namespace) -> str | None:
    """What argparse cannot check by itself: options that only make sense together. None if
    the combination is fine; otherwise the problem, naming the option to add or drop."""
    if getattr(args, "command", None) == "history":
        return _history_problem(args)
    if getattr(args, "command", None) != "ask":
        return None
    if args.response_format == "json_schema" and not args.schema:
        return "--response-format json_schema needs --schema FILE (the JSON schema to follow)"
    if args.schema and args.response_format not in (None, "json_schema"):
        # Sent as it is, the schema would be dropped without a word.
        return f"--schema goes with --response-format json_schema, not {args.response_format}"
    return None


def _history_problem(args: argparse.Namespace) -> str | None:
    if args.action != "export":
        return None
    from app.core.export.document import format_of

    fmt = format_of(args.out or "", args.format)
    if fmt is None:
        return ("say which format: --format md|html|pdf|docx, or an --out file ending in "
                ".md, .html, .pdf or .docx")
    if not args.out and fmt in ("pdf", "docx"):
        return f"--format {fmt} needs --out FILE (it is not text for a terminal)"
    return None


def _profile_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--profile", "-p", metavar="NAME",
                        help="connection profile to use (default: the active one)")


def _history_parser(sub, epilog: str) -> None:
    history = sub.add_parser(
        "history", help="list, search, show or export conversations from the history",
        description="The conversations the desktop app and quick ask kept. IDs are the "
                    "numbers 'list' and 'search' print.",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter)
    actions = history.add_subparsers(dest="action", metavar="ACTION", required=True)
    listing = actions.add_parser("list", help="conversations, pinned then newest first")
    listing.add_argument("--limit", type=int, default=50, metavar="N",
                         help="at most N (default 50; 0 for all)")
    listing.add_argument("--json", action="store_true", help="one JSON array")
    search = actions.add_parser("search", help="conversations whose title or text matches")
    search.add_argument("text", metavar="TEXT", help="words to find (each must match)")
    search.add_argument("--limit", type=int, default=20, metavar="N")
    search.add_argument("--json", action="store_true", help="one JSON array")
    show = actions.add_parser("show", help="print a conversation as Markdown")
    show.add_argument("id", type=int, metavar="ID", help="conversation ID")
    show.add_argument("--message", type=int, metavar="MSG", help="only this message")
    export = actions.add_parser(
        "export", help="write a conversation as Markdown, HTML, PDF or Word",
        description="Write the conversation (the branch shown in the window) to a file. "
                    "The format comes from --format or the file's suffix. Markdown puts its "
                    "images in FILE_files/ beside it; HTML is one self-contained page; PDF "
                    "loads Qt to lay the pages out. Without --out, md and html go to stdout.")
    export.add_argument("id", type=int, metavar="ID", help="conversation ID")
    export.add_argument("--format", "-f", choices=("md", "html", "pdf", "docx"))
    export.add_argument("--out", "-o", metavar="FILE", help="the file to write")
    export.add_argument("--message", type=int, metavar="MSG",
                        help="only this message of the conversation (Save as… on an answer)")


def build_parser() -> argparse.ArgumentParser:
    epilog = exit_codes()
    parser = _Parser(
        prog="parley",
        description="Parley: ask OpenAI-style gateways from the terminal. "
                    "Without a command, starts the desktop app.",
        epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--version", action="version", version=f"parley {__version__}")
    parser.add_argument("--self-test", action="store_true",
                        help="start the app offscreen, stream an answer from a built-in "
                             "loopback gateway, report what works; exit 0 if all did")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    ask = sub.add_parser(
        "ask", help="ask a question and print the answer as it streams",
        description="Ask a question. The prompt is read from stdin when it is '-' or absent; "
                    "piped stdin is appended to a given prompt "
                    "(git diff | parley ask \"review this\").",
        epilog=epilog, formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    ask.add_argument("prompt", nargs="?", help="the question ('-' or absent: read stdin)")
    ask.add_argument("--image", "-i", action="append", default=[], metavar="PATH",
                     help="attach an image (repeatable)")
    ask.add_argument("--file", "-f", action=_FileAction, dest="files", default=[],
                     metavar="PATH",
                     help="attach a document or image (repeatable): PDF, Word .docx, "
                          "PowerPoint .pptx, Excel .xlsx, .csv, text, Markdown, code")
    ask.add_argument("--pages", action=_FileOption, dest="files", metavar="RANGE",
                     help="send only these pages, slides or sheets of the --file just "
                          "before, e.g. 3-7,12 (5- runs to the end)")
    ask.add_argument("--password", action=_FileOption, dest="files", metavar="TEXT",
                     help="the password of the PDF given just before ('-' asks for it)")
    ask.add_argument("--system", "-s", metavar="TEXT", help="system prompt")
    ask.add_argument("--model", "-m", metavar="NAME", help="model (Azure: deployment) name")
    _profile_option(ask)
    ask.add_argument("--no-stream", action="store_true", help="wait for the whole answer")
    ask.add_argument("--json", action="store_true",
                     help="print one JSON object (text, finish reason, usage) instead of text")
    ask.add_argument("--usage", action="store_true", help="print token usage on stderr")
    ask.add_argument("--temperature", "-t", type=float, metavar="T")
    ask.add_argument("--top-p", type=float, metavar="P")
    ask.add_argument("--max-tokens", type=int, metavar="N")
    ask.add_argument("--presence-penalty", type=float, metavar="X")
    ask.add_argument("--frequency-penalty", type=float, metavar="X")
    ask.add_argument("--stop", action="append", metavar="TEXT", help="stop sequence (repeatable)")
    ask.add_argument("--seed", type=int, metavar="N")
    ask.add_argument("--n", type=int, metavar="N", help="number of answers to generate")
    ask.add_argument("--response-format", choices=("text", "json_object", "json_schema"),
                     help="ask for JSON output (json_schema needs --schema)")
    ask.add_argument("--schema", metavar="FILE", help="JSON schema file for structured output")

    imagine = sub.add_parser("imagine", help="generate images (DALL-E 3) and save them")
    imagine.add_argument("prompt", help="what to draw")
    imagine.add_argument("--size", choices=IMAGE_SIZES, default="1024x1024")
    imagine.add_argument("--quality", choices=IMAGE_QUALITIES, default="standard")
    imagine.add_argument("--n", type=int, default=1, metavar="N", help="how many images (1-10)")
    imagine.add_argument("--out", "-o", default=".", metavar="DIR", help="folder to save into")
    imagine.add_argument("--format", dest="response_format", choices=IMAGE_FORMATS,
                         default="b64_json", help="how the gateway returns images")
    _profile_option(imagine)

    bal = sub.add_parser("balance", help="show the account balance (if the gateway has one)")
    bal.add_argument("--json", action="store_true", help="print the gateway's JSON as it is")
    _profile_option(bal)

    emb = sub.add_parser("embed", help="print embeddings of texts as JSON")
    emb.add_argument("texts", nargs="+", metavar="TEXT")
    emb.add_argument("--model", "-m", metavar="NAME")
    _profile_option(emb)

    key = sub.add_parser("key", help="store, check or delete the API key (in the OS keyring)")
    key.add_argument("action", choices=("set", "delete", "status"))
    _profile_option(key)

    _history_parser(sub, epilog)

    sub.add_parser(
        "quick-ask", help="open the quick-ask window on the clipboard (starts Parley if needed)",
        description="Open the quick-ask window with the clipboard attached, in the running "
                    "Parley (started if none is running). Bind this command to a key in your "
                    "desktop's keyboard settings where Parley cannot register its own.")
    sub.add_parser("show", help="bring up the Parley window (starts Parley if needed)")

    prof = sub.add_parser("profiles", help="list, choose, add or remove connection profiles")
    prof.add_argument("action", nargs="?", default="list",
                      choices=("list", "use", "show", "add", "remove"))
    prof.add_argument("name", nargs="?", help="profile name (for use/show/add/remove)")
    styles = ", ".join(f"{style.name}: {style.label}" for style in gateway_styles())
    prof.add_argument("--style", choices=style_names(),
                      help="for add: " + styles.replace("%", "%%"))  # argparse %-formats help
    prof.add_argument("--base-url", metavar="URL", help="for add")
    prof.add_argument("--model", metavar="NAME", help="for add: chat model or deployment")
    prof.add_argument("--api-version", metavar="VERSION", help="for add: Azure api-version")
    prof.add_argument("--label", metavar="TEXT", help="for add: display name")
    prof.add_argument("--context-window", type=int, metavar="TOKENS",
                      help="for add: tokens the model takes (default: known from its name)")
    return parser
