"""The ``/imagine`` command: how a request for a picture is written in a question.

Pure string rules with no imports, so the composer can recognise the command without
loading the gateway and the history before the window's first paint
(:mod:`.generation` does the work).
"""

from __future__ import annotations

IMAGINE = "/imagine"


def imagine_text(prompt: str) -> str:
    """The question as stored and shown."""
    return f"{IMAGINE} {prompt.strip()}"


def imagine_prompt(content: str) -> str | None:
    """The prompt of an ``/imagine`` question, or None for an ordinary question."""
    text = content.strip()
    rest = text[len(IMAGINE):]
    if text.lower().startswith(IMAGINE) and (not rest or rest[0].isspace()):
        return text[len(IMAGINE):].strip() or None
    return None
