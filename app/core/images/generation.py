"""A picture asked for in a conversation: the question is stored as ``/imagine <prompt>``
(:mod:`.imagine`) and the answer carries the generated images (with the model's revised
prompt) instead of text, so it reloads, regenerates and deletes like any other answer.

Threading: a coroutine on the app's loop; the history works on its own thread.
"""

from __future__ import annotations

import asyncio
from typing import Any

from app.core.errors import ParleyError
from app.core.gateway.client import Gateway
from app.core.history import AsyncHistory, Message


async def make_images(history: AsyncHistory, gateway: Gateway, answer: Message, prompt: str,
                      options: dict[str, Any]) -> Message:
    """Generate, keep the images with ``answer`` (begun by the caller), and finish it:
    complete, failed with the core's message (a content-policy refusal says so), or stopped
    when cancelled. Returns the message as stored."""
    try:
        images = await gateway.generate_images(prompt, **options)
        await history.add_generated_images(answer.id, images)
    except asyncio.CancelledError:
        await asyncio.shield(history.finish_answer(answer.id, "", status="stopped"))
        raise
    except ParleyError as error:
        return await history.finish_answer(answer.id, "", status="error", error=str(error))
    return await history.finish_answer(answer.id, "", status="complete")
