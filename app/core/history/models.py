"""What the history hands out: immutable snapshots of rows, safe to pass between threads.

A snapshot never changes when the database does; ask the store again for fresh state.
Timestamps are Unix seconds (``time.time()``), in UTC; show them in local time.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, NamedTuple

ROLES = ("system", "user", "assistant")
STATUSES = ("complete", "streaming", "stopped", "interrupted", "error")
TITLE_SOURCES = ("auto", "model", "user")  # in rising priority: a lower never overwrites


class TokenCounts(NamedTuple):
    """Token counts; a plain tuple ``(prompt, completion, total)`` compares equal."""

    prompt: int = 0
    completion: int = 0
    total: int = 0


@dataclass(frozen=True)
class Conversation:
    id: int
    title: str
    title_source: str
    created_at: float
    updated_at: float
    pinned: bool
    profile: str
    model: str
    system_prompt: str
    params: Mapping[str, Any]
    draft: str
    current_leaf_id: int | None
    deleted_at: float | None

    @property
    def deleted(self) -> bool:
        return self.deleted_at is not None


@dataclass(frozen=True)
class Attachment:
    """An image or document kept with a message: 'input' (an image the user sent),
    'generated' (an image model made it; ``revised_prompt`` is the prompt the model
    actually used) or 'document' (a file the user attached: the bytes are the original
    file, ``extract_sha256`` names the parts that were sent, ``meta`` holds what its chip
    shows: ``kind``, ``unit``, ``count``, ``pages`` and ``image_pages`` as ranges like
    "1-5,9", ``tokens``, ``notes``; width and height are 0).

    The bytes live in a content-addressed file (see :mod:`.files`): get them with
    ``store.attachment_bytes(a)`` or the file with ``store.attachment_path(a)``. Input
    images are kept as they were sent (prepared: at most 2048 px), generated ones as made.
    """

    id: int
    message_id: int
    position: int         # order within the message, from 0
    sha256: str           # hex digest of the bytes
    mime: str             # "image/jpeg", "image/png", ...
    size: int             # bytes
    width: int
    height: int
    name: str             # display name (the file the user chose, "pasted image", ...)
    kind: str             # "input" | "generated"
    revised_prompt: str | None
    created_at: float
    extract_sha256: str | None = None
    meta: Mapping[str, Any] = field(default_factory=dict)

    @property
    def is_document(self) -> bool:
        return self.kind == "document"


@dataclass(frozen=True)
class Message:
    """One node of a conversation's tree.

    ``attachments`` are the message's images and documents (:class:`Attachment`, in order).

    ``sibling_index`` (0-based; show ``index + 1``) and ``sibling_count`` place the message
    among the messages with the same parent and the same role, ordered by id: the
    "< 2/3 >" of a regenerated answer or an edited question.
    """

    id: int
    conversation_id: int
    parent_id: int | None
    role: str
    content: str
    attachments: tuple[Attachment, ...]
    status: str
    error: str | None
    finish_reason: str | None
    model: str
    prompt_tokens: int | None
    completion_tokens: int | None
    total_tokens: int | None
    created_at: float
    updated_at: float
    sibling_index: int = 0
    sibling_count: int = 1

    @property
    def usage(self) -> TokenCounts | None:
        if self.total_tokens is None and self.prompt_tokens is None:
            return None
        return TokenCounts(self.prompt_tokens or 0, self.completion_tokens or 0,
                     self.total_tokens or 0)


@dataclass(frozen=True)
class SearchHit:
    """A match. ``message_id`` is None when the title matched.

    ``snippet`` is plain text (about 80 columns around the first match — 40 Chinese
    characters —, whitespace collapsed, "…" where cut; an answer's markdown marks
    dropped, as the transcript reads); ``spans`` are ``(start, end)`` of each match in it,
    for the list to highlight, and ``title_spans`` of each in the title. To open
    the conversation at the hit: ``switch_branch(message_id)`` (the hit may be on a branch
    that is not current), then scroll to ``message_id``.
    """

    conversation_id: int
    message_id: int | None
    title: str
    snippet: str
    spans: tuple[tuple[int, int], ...] = field(default=())
    updated_at: float = 0.0
    title_spans: tuple[tuple[int, int], ...] = field(default=())

    def marked(self, left: str = "«", right: str = "»") -> str:
        """The snippet with markers around each match."""
        out, last = [], 0
        for start, end in self.spans:
            out += [self.snippet[last:start], left, self.snippet[start:end], right]
            last = end
        out.append(self.snippet[last:])
        return "".join(out)


def coerce_usage(usage: Any) -> TokenCounts | None:
    """Accept a ``(prompt, completion[, total])`` tuple, a dict with ``prompt_tokens``…
    or ``prompt``… keys, or an object with those attributes (``app.core.gateway.events.Usage``)."""
    if usage is None:
        return None
    if isinstance(usage, (tuple, list)):
        values = [int(v or 0) for v in usage][:3]
        prompt, completion = (values + [0, 0])[:2]
        total = values[2] if len(values) > 2 and values[2] else prompt + completion
        return TokenCounts(prompt, completion, total)

    def pick(name: str) -> int:
        for key in (f"{name}_tokens", name):
            value = usage.get(key) if isinstance(usage, Mapping) else getattr(usage, key, None)
            if isinstance(value, (int, float)):
                return int(value)
        return 0

    prompt, completion = pick("prompt"), pick("completion")
    return TokenCounts(prompt, completion, pick("total") or prompt + completion)


# Column orders the row converters below expect.
CONVERSATION_COLUMNS = ("id, title, title_source, created_at, updated_at, pinned, profile, "
                        "model, system_prompt, params, draft, current_leaf_id, deleted_at")
MESSAGE_COLUMNS = ("id, conversation_id, parent_id, role, content, attachments, status, "
                   "error, finish_reason, model, prompt_tokens, completion_tokens, "
                   "total_tokens, created_at, updated_at")


def _json(text: str | None) -> Any:
    """The decoded value, or None for empty or unreadable JSON."""
    if not text or text in ("{}", "[]"):  # the common case, without the parser
        return None
    try:
        return json.loads(text)
    except ValueError:
        return None


_new = object.__new__
_CONV_FIELDS = tuple(f.strip() for f in CONVERSATION_COLUMNS.split(","))
_MSG_FIELDS = tuple(f.strip() for f in MESSAGE_COLUMNS.split(",")) + ("sibling_index",
                                                                      "sibling_count")


def conversation_from_row(row: Sequence[Any]) -> Conversation:
    # Filling __dict__ skips the frozen __init__ (one object.__setattr__ per field): three
    # times faster, which matters for a sidebar of 10,000 or a path of 1,000 messages.
    conv = _new(Conversation)
    values = list(row)
    values[5], values[9] = bool(values[5]), _json(values[9]) or {}
    conv.__dict__.update(zip(_CONV_FIELDS, values, strict=True))
    return conv


ATTACHMENT_COLUMNS = ("id, message_id, position, sha256, mime, size, width, height, name, "
                      "kind, revised_prompt, created_at, extract_sha256, meta")


def attachment_from_row(row: Sequence[Any]) -> Attachment:
    values = list(row)
    meta = _json(values[-1])
    values[-1] = meta if isinstance(meta, dict) else {}
    return Attachment(*values)


def message_from_row(row: Sequence[Any], index: int = 0, count: int = 1,
                     attachments: tuple[Attachment, ...] = ()) -> Message:
    """``attachments`` come from their own table: the messages.attachments column of
    schema 1 was never used and is ignored."""
    message = _new(Message)
    values = list(row)
    values[5] = attachments
    values += (index, count)
    message.__dict__.update(zip(_MSG_FIELDS, values, strict=True))
    return message
