"""``parley ask --file``: documents and images read, checked against what the model takes,
and made ready — all before anything is sent.

Each document is announced on stderr (``parley: attached lecture.pdf: 42 pages, 3 as images
(pages 5, 9, 12), about 31,200 tokens``). When the question and its attachments are more
than the model takes, nothing is sent: one line names the sizes and a ``--pages`` range that
fits (exit 10). A model not known to read images gets the same warning the window gives
before page images go to it.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from typing import Any, TextIO

from app.core.config.profiles import Profile
from app.core.errors import InputError


def attach_files(args: argparse.Namespace, profile: Profile, prompt: str,
                 images: list[Any], err: TextIO) -> tuple[list[dict[str, Any]], list[Any]]:
    """(the content parts of every --file, in order; the ReadyDocuments). ``images``: the
    PreparedImages of --image, counted against the context too."""
    from app.core.documents import (
        Document,
        PasswordNeeded,
        estimate,
        parse_pages,
        prepare_document,
        read_attachment,
    )
    from app.core.documents.tokens import image_tokens, text_tokens

    read: list[tuple[Any, tuple[int, ...] | None]] = []
    given: dict[int, str] = {}  # id(document) -> the path as typed, for the --pages hint
    for spec in args.files:
        try:
            item = read_attachment(spec["path"], password=_password(spec))
        except PasswordNeeded as locked:
            locked.hint = (f"check the --password given after --file {spec['path']}"
                           if locked.wrong else
                           f"give it with --file {spec['path']} --password TEXT (or - to be "
                           "asked)")
            raise
        pages = None
        if spec["pages"] is not None:
            if not isinstance(item, Document):
                raise InputError(f"--pages is for documents; {spec['path']} is an image")
            pages = parse_pages(spec["pages"], item.count, unit=item.unit, name=spec["path"])
        read.append((item, pages))
        given[id(item)] = spec["path"]
    documents = [(d, p) for d, p in read if isinstance(d, Document)]
    pictures = images + [d for d, _ in read if not isinstance(d, Document)]
    sizes = {id(d): estimate(d, p) for d, p in documents}
    needed = (text_tokens(prompt) + text_tokens(args.system or "") + sum(sizes.values())
              + sum(image_tokens(i.width, i.height) for i in pictures))
    _check_fit(args, profile, needed, documents, sizes, given)
    for document, pages in documents:
        err.write(f"parley: attached {_summary(document, pages, sizes[id(document)])}\n")
    _warn_vision(args, profile, pictures, documents, err)
    parts: list[dict[str, Any]] = []
    ready_documents = []
    for item, pages in read:
        if isinstance(item, Document):
            ready = prepare_document(item, pages)
            ready_documents.append(ready)
            parts += ready.parts
            for note in ready.notes + item.notes:
                err.write(f"parley: {item.name}: {note}\n")
        else:
            parts.append({"type": "image_url", "image_url": {"url": item.data_url}})
    return parts, ready_documents


def _password(spec: dict[str, Any]) -> str | None:
    password = spec["password"]
    if password != "-":
        return password
    if not sys.stdin.isatty():
        raise InputError("--password - asks on the terminal, and there is none",
                         hint="give the password itself after --password")
    return getpass.getpass(f"password for {spec['path']}: ")


def _summary(document: Any, pages: tuple[int, ...] | None, tokens: int) -> str:
    from app.core.documents import format_pages

    chosen = document.units_for(pages)
    images = [u.number for u in chosen if u.as_image]
    what = document.plural(len(chosen))
    if pages is not None:
        what += f" ({format_pages(pages)} of {document.count})"
    if images:
        what += f", {len(images)} as images ({document.unit}s {format_pages(images)})"
    from app.core.documents.tokens import about

    return f"{document.name}: {what}, about {about(tokens)} tokens"


def _check_fit(args: argparse.Namespace, profile: Profile, needed: int,
               documents: list[tuple[Any, tuple[int, ...] | None]], sizes: dict[int, int],
               given: dict[int, str]) -> None:
    from app.core.config.settings import Settings
    from app.core.documents import TooLarge, fits, model_window, pages_that_fit, unit_tokens
    from app.core.documents.tokens import about

    window, max_tokens = model_window(profile, args.model or "", args.max_tokens,
                                      Settings.load()[0].context_windows)
    fit = fits(needed, window, max_tokens)
    if fit.ok:
        return
    if len(documents) == 1:
        d, p = documents[0]
        what = f"{d.name} is about {about(sizes[id(d)])} tokens ({d.plural(len(d.units_for(p)))})"
    else:
        what = "the attachments are about {} tokens ({})".format(about(needed), ", ".join(
            f"{d.name}: {about(sizes[id(d)])}" for d, _ in documents))
    message = (f"{what}; {window.describe()}, {fit.room:,} of them for the question and "
               f"attachments after {window.tokens - fit.room:,} for the answer")
    if not documents:
        raise TooLarge(message, hint="attach fewer or smaller images")
    largest, _ = max(documents, key=lambda dp: sizes[id(dp[0])])
    room = fit.room - (needed - sizes[id(largest)])
    span = pages_that_fit(unit_tokens(largest), room)
    unit = largest.unit
    if span is None:
        raise TooLarge(message, hint=f"not even {unit} 1 of {largest.name} fits beside the "
                                     "rest: attach less, or use a model that takes more")
    path = given.get(id(largest), largest.name)
    raise TooLarge(message, hint=f"send part of it with --pages, e.g. --file {path} --pages "
                                 f"{span[0]}-{span[1]} ({unit}s {span[0]}-{span[1]} fit)",
                   suggestion=(largest.name, *span))


def _warn_vision(args: argparse.Namespace, profile: Profile, pictures: list[Any],
                 documents: list[tuple[Any, tuple[int, ...] | None]], err: TextIO) -> None:
    from app.core.images.vision import takes_images

    as_images = [(d, [u.number for u in d.units_for(p) if u.as_image]) for d, p in documents]
    as_images = [(d, numbers) for d, numbers in as_images if numbers]
    model = args.model or profile.chat_model
    if (pictures or as_images) and takes_images(model) is False:
        what = "; ".join(f"{len(n)} {d.unit}(s) of {d.name}" for d, n in as_images)
        what = ", ".join(filter(None, [f"{len(pictures)} image(s)" if pictures else "", what]))
        err.write(f"parley: warning: “{model}” is not known to read images: it may ignore "
                  f"or refuse {what} (pick a vision model, e.g. gpt-4o, with --model)\n")
