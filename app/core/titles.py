"""Short model-written conversation titles: what to ask, and how to clean what comes back.

The first exchange of a new conversation gets a title from the model, as in the big chat
apps; the first-line title from :func:`history.auto_title` stands until it arrives, and a
title the user typed always wins (the history ranks title sources). One small,
non-streamed request, only the question and the start of the answer, at most
:data:`MAX_TOKENS` tokens back. Qt-free; coroutines on the caller's loop.
"""

from __future__ import annotations

import re

from app.core.gateway.chat import ChatRequest, message
from app.core.history.text import auto_title

MAX_TOKENS = 24
EXCERPT_CHARS = 1200  # of the question and of the answer: enough for the gist, cheap

INSTRUCTION = (
    "Write a title of at most six words for the conversation below, in the language the "
    "user wrote in (for Chinese, Traditional characters). Reply with the title only: no "
    "quotes, no full stop, no emoji.")

_LEAD = re.compile(r"^\s*(?:title|標題|标题)\s*[:：]\s*", re.IGNORECASE)
_QUOTES = "\"'`“”‘’「」『』《》*_#"


def title_request(question: str, answer: str, model: str | None = None) -> ChatRequest:
    """The request that asks ``model`` for a title (temperature low: a label, not prose)."""
    text = (f"User:\n{question.strip()[:EXCERPT_CHARS]}\n\n"
            f"Assistant:\n{answer.strip()[:EXCERPT_CHARS]}")
    return ChatRequest([message("system", INSTRUCTION), message("user", text)], model=model,
                       params={"max_tokens": MAX_TOKENS, "temperature": 0.2})


def clean_title(text: str) -> str:
    """The model's reply as a sidebar title: the first meaningful line, a "Title:" lead,
    quotes and closing punctuation dropped, cut like automatic titles. "" if nothing is
    left (the automatic title then stays)."""
    line = next((raw for raw in (text or "").splitlines() if raw.strip()), "")
    line = _LEAD.sub("", line).strip().strip(_QUOTES).strip()
    line = line.rstrip("。．.!！?？,，;；:：").strip(_QUOTES).strip()
    if not any(ch.isalnum() for ch in line):
        return ""
    return auto_title(line)  # cut to the sidebar's width, as automatic titles are


async def model_title(gateway, question: str, answer: str, model: str | None = None) -> str:
    """Ask for a title; "" when the reply holds none. Gateway errors propagate (typed):
    the caller decides that a title is not worth bothering the user about."""
    result = await gateway.chat(title_request(question, answer, model))
    return clean_title(result.text)
