"""Which chat models are known to take images.

Used to warn before an image is sent to a model that would ignore or refuse it — users of
other clients complain that pasted images were silently dropped. Unknown names (an Azure
deployment called "prod-chat") are not refused: the warning says "not known to", and the
user may send anyway.
"""

from __future__ import annotations

import re

# Families that read images, matched at the start of the name (Azure deployments are often
# named after their model). Checked after the text-only list below.
_VISION = re.compile(
    r"^(gpt-4o|chatgpt-4o|gpt-4\.1|gpt-4\.5|gpt-4-turbo(?!-preview)|gpt-4-vision|gpt-5|o1(?!-mini)"
    r"|o3(?!-mini)|o4|claude-3|claude-(sonnet|opus|haiku)-4|gemini|llava|pixtral|qwen2?(\.5)?-vl"
    r"|llama-3\.2-(11|90)b-vision|grok-(2-)?vision|phi-3(\.5)?-vision|phi-4-multimodal)")
_TEXT_ONLY = re.compile(
    r"^(gpt-3\.5|gpt-35|text-|davinci|babbage|o1-mini|o3-mini|gpt-4(-0314|-0613|-32k)?$"
    r"|gpt-4-32k|deepseek-(r1|chat|reasoner)|dall-e)")


def takes_images(model: str) -> bool | None:
    """True: known to read images; False: known not to; None: unknown."""
    name = model.strip().lower().rsplit("/", 1)[-1]  # "openai/gpt-4o" → "gpt-4o"
    if not name:
        return None
    if _TEXT_ONLY.match(name):
        return False
    if _VISION.match(name):
        return True
    return None
