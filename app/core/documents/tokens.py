"""Token estimates for what a document sends, before it is sent.

No tokenizer is bundled: tiktoken downloads its vocabularies on first use, which a desktop
app cannot count on. The estimate counts Chinese, Japanese and Korean characters as one
token each and other text as one token per :data:`CHARS_PER_TOKEN` characters — both on the
high side for gpt-4o's tokenizer (o200k) and close for gpt-35/gpt-4's (cl100k), so a
document said to fit does fit. Images follow OpenAI's published rule for ``detail: auto``
at these sizes: scaled into 2048×2048, then the short side to 768, 170 tokens per 512-px
tile plus 85. :func:`conversation_tokens` weighs what a conversation so far sends again with
the next question.

Pure functions; any thread.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

CHARS_PER_TOKEN = 3.6
UNIT_OVERHEAD = 16     # a unit's heading line
PART_OVERHEAD = 8      # each content part's framing in the request
# An A4 or letter page rendered to 2048 px: 768×1086 after scaling, 2×3 tiles.
PAGE_IMAGE_TOKENS = 85 + 170 * 6
_WIDE = re.compile(
    "[\u1100-\u11ff\u2e80-\u2fdf\u3000-\u30ff\u3100-\u31ff\u3200-\u9fff\ua960-\ua97f"
    "\uac00-\ud7ff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")


def text_tokens(text: str) -> int:
    """About how many tokens ``text`` is."""
    if not text:
        return 0
    wide = len(_WIDE.findall(text))
    return math.ceil(wide + (len(text) - wide) / CHARS_PER_TOKEN)


def image_tokens(width: int, height: int) -> int:
    """Tokens of one image of that size (``detail: auto``/``high``)."""
    if width <= 0 or height <= 0:
        return PAGE_IMAGE_TOKENS
    scale = min(1.0, 2048 / max(width, height))
    w, h = width * scale, height * scale
    scale = min(1.0, 768 / min(w, h))
    w, h = w * scale, h * scale
    return 85 + 170 * math.ceil(w / 512) * math.ceil(h / 512)


def about(tokens: int) -> str:
    """An estimate as people should read it: "about 342,000", not "341,614"."""
    step = 10 if tokens < 1_000 else 100 if tokens < 100_000 else 1_000
    return f"{max(step, round(tokens / step) * step):,}"


def conversation_tokens(messages: Sequence[Any], system: int = 0) -> int:
    """About how many tokens the conversation so far (``messages``: the path sent before
    the next question, oldest first) adds to the next request, as it is sent again with it.

    The gateway's own count is used where there is one: an answer that reported its usage
    was sent everything before it (``prompt_tokens``, which also holds the system prompt:
    ``system`` is taken off) and said ``completion_tokens``. The messages after the last
    such answer are estimated: their text, their documents' parts as sent (the estimate
    their chip showed) and their images."""
    total = 0
    for message in reversed(messages):  # newest first: nothing before the last count is read
        prompt, completion = message.prompt_tokens, message.completion_tokens
        if message.role == "assistant" and prompt and completion is not None:
            return total + max(0, prompt - system) + completion
        total += PART_OVERHEAD + text_tokens(message.content)
        for attachment in message.attachments:
            if attachment.kind == "document":
                total += int(attachment.meta.get("tokens") or 0)
            else:
                total += image_tokens(attachment.width, attachment.height)
    return total
