"""``parley ask``: one question, the answer printed as it streams.

Text goes to stdout, everything about it (notices, usage, errors) to stderr, so
``parley ask ... > answer.md`` keeps a clean answer. A partial answer stays printed when the
stream breaks; the exit code says what went wrong.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, TextIO

from app.cli.errors import explain
from app.cli.text import read_stdin
from app.core.config.profiles import Profile
from app.core.errors import ContentFiltered, InputError, ParleyError
from app.core.gateway.chat import ChatRequest, message, response_format, text_part
from app.core.gateway.client import Gateway
from app.core.gateway.events import FINISH_MESSAGES, ChatResult, TextDelta


def read_prompt(prompt: str | None, stdin: TextIO | None) -> str:
    """The prompt: the argument, stdin for '-' or none, or the argument + piped stdin."""
    piped = stdin is not None and not _isatty(stdin)
    if prompt in (None, "-"):
        if stdin is None or not piped:
            raise InputError("no prompt given",
                             hint='use parley ask "your question" or pipe text in')
        text = read_stdin(stdin)
    elif stdin is not None and piped:
        extra = read_stdin(stdin)
        text = f"{prompt}\n\n{extra}" if extra.strip() else prompt
    else:
        text = prompt
    if not text.strip():
        raise InputError("the prompt is empty")
    return text


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def build_request(args: argparse.Namespace, prompt: str, profile: Profile,
                  err: TextIO) -> tuple[ChatRequest, list[Any]]:
    """The request, and the documents attached to it (ReadyDocuments, for --json)."""
    if args.image:  # Pillow loads only when there is an image to prepare
        from app.core.images.prepare import prepare_image

        images = [prepare_image(path) for path in args.image]
    else:
        images = []
    messages = []
    if args.system:
        messages.append(message("system", args.system))
    user = message("user", prompt, [image.data_url for image in images])
    documents: list[Any] = []
    if args.files:  # documents (and images given as --file): read, checked, made ready
        from app.cli.attach import attach_files

        parts, documents = attach_files(args, profile, prompt, images, err)
        if isinstance(user["content"], str):
            user["content"] = [text_part(prompt)]
        user["content"] += parts
    messages.append(user)
    params: dict[str, Any] = {
        "temperature": args.temperature, "top_p": args.top_p, "max_tokens": args.max_tokens,
        "presence_penalty": args.presence_penalty, "frequency_penalty": args.frequency_penalty,
        "seed": args.seed, "n": args.n,
    }
    if args.stop:
        params["stop"] = args.stop if len(args.stop) > 1 else args.stop[0]
    kind = args.response_format or ("json_schema" if args.schema else None)
    if kind:
        params["response_format"] = response_format(kind, _load_schema(args.schema))
    return ChatRequest(messages, model=args.model,
                       params={k: v for k, v in params.items() if v is not None}), documents


def _load_schema(path: str | None) -> Any:
    if not path:
        return None
    try:
        return json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError(f"cannot read schema {path}: {exc.strerror or exc}") from None
    except ValueError as exc:
        raise InputError(f"{path} is not valid JSON: {exc}") from None


async def run_ask(args: argparse.Namespace, profile: Profile, key: str,
                  out: TextIO, err: TextIO) -> int:
    request, documents = build_request(args, read_prompt(args.prompt, sys.stdin), profile, err)
    wanted = args.n if args.n is not None else profile.defaults.get("n")
    several = isinstance(wanted, int) and wanted > 1  # known before any answer streams
    async with Gateway(profile, key) as gateway:
        if args.no_stream:
            try:
                result = await gateway.chat(request)
            except ParleyError as error:
                result = ChatResult(error=error)
            if not args.json:
                _print_choices(result, out, several or len(result.indices) > 1)
        else:
            result = ChatResult()
            live = not args.json
            started = False  # answer 1 (and its heading, for several) is on stdout
            async for event in gateway.stream_chat(request):
                result.add(event)
                if live and isinstance(event, TextDelta) and event.index == 0:
                    if several and not started:
                        out.write(_heading(0, first=True))
                    started = True
                    out.write(event.text)
                    out.flush()
            if live:
                if result.text and not result.text.endswith("\n"):
                    out.write("\n")
                # The rest as --no-stream prints them; answer 1 too if none of it streamed.
                _print_choices(result, out, several or len(result.indices) > 1,
                               skip_first=started or not several, started=started)
    if args.json:
        data = _as_json(result, profile, args.model)
        if documents:
            data["attachments"] = [{"name": d.document.name, **d.meta()} for d in documents]
        json.dump(data, out, ensure_ascii=False, indent=2)
        out.write("\n")
    out.flush()
    return _report(result, args, err)


def _print_choices(result: ChatResult, out: TextIO, several: bool, *,
                   skip_first: bool = False, started: bool = False) -> None:
    """Each answer's text; with ``several``, each under its heading, a blank line between
    (``started``: something is already printed, so the next heading needs one)."""
    for index in result.indices:
        if skip_first and index == 0:
            continue
        if several:
            out.write(_heading(index, first=not started))
        text = result.text_of(index)
        out.write(text if text.endswith("\n") or not text else text + "\n")
        started = True


def _heading(index: int, first: bool) -> str:
    return ("" if first else "\n") + f"--- answer {index + 1} ---\n"


def _report(result: ChatResult, args: argparse.Namespace, err: TextIO) -> int:
    """Notices and errors on stderr; returns the exit code."""
    for notice in result.notices:
        err.write(f"parley: {notice.describe()}\n")
    for reason in sorted(set(result.finish_reasons.values())):
        if reason in FINISH_MESSAGES:
            err.write(f"parley: {FINISH_MESSAGES[reason]}\n")
    if args.usage and result.usage:
        u = result.usage
        err.write(f"parley: tokens: prompt {u.prompt_tokens} · completion "
                  f"{u.completion_tokens} · total {u.total_tokens}\n")
    elif args.usage and result.error is None:  # after an error, its line says why
        err.write("parley: tokens: the gateway sent no usage figures\n")
    if result.error is not None:
        err.write(f"parley: {explain(result.error, args)}\n")
        return result.error.exit_code
    if result.filtered:
        return ContentFiltered.exit_code
    return 0


def _as_json(result: ChatResult, profile: Profile, model: str | None) -> dict[str, Any]:
    data: dict[str, Any] = {
        "text": result.text,
        "finish_reason": result.finish_reason,
        "usage": None if result.usage is None else {
            "prompt_tokens": result.usage.prompt_tokens,
            "completion_tokens": result.usage.completion_tokens,
            "total_tokens": result.usage.total_tokens,
        },
        "profile": profile.name,
        # What was really used: PARLEY_* may have pointed the profile elsewhere.
        "overridden_by": list(profile.overridden_by),
        "style": profile.style,
        "base_url": profile.base_url,
        "model": model or profile.chat_model,
    }
    if len(result.indices) > 1:
        data["choices"] = [{"index": i, "text": result.text_of(i),
                            "finish_reason": result.finish_reasons.get(i)} for i in result.indices]
    if result.notices:
        data["filter_notices"] = [n.describe() for n in result.notices]
    if result.error is not None:
        data["error"] = {"type": type(result.error).__name__, "message": str(result.error),
                         "exit_code": result.error.exit_code}
    return data

