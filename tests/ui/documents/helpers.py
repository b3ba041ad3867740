"""Driving documents through the whole window in tests: drop files, wait for their chips,
read what the gateway received."""

from __future__ import annotations

from pathlib import Path

from app.ui.documents.chip import DocumentChip
from app.ui.images.offered import Offered
from tests.ui.flow import until


def drop(app, *paths: Path) -> None:
    """Files dropped onto the window (outside the composer), as a file manager drops them."""
    app.window.imagesDropped.emit([Offered("path", str(p), p.name) for p in paths])


def chips(app) -> dict[str, DocumentChip]:
    """The document chips in the strip, by file name."""
    return {c.name: c for c in app.window.composer.strip.chips.values()
            if isinstance(c, DocumentChip)}


async def read_all(app, count: int) -> dict[str, DocumentChip]:
    """Wait until ``count`` document chips have been read (none says "Reading…")."""
    await until(lambda: len(chips(app)) == count
                and not any(c.state.busy for c in chips(app).values()), timeout=30)
    return chips(app)


def chat_requests(gateway) -> list:
    return [r for r in gateway.requests if r.method == "POST" and "completion" in r.path]


def user_parts(request) -> list[dict]:
    """The content parts of the request's last user message."""
    last = [m for m in request.json["messages"] if m["role"] == "user"][-1]
    content = last["content"]
    return [{"type": "text", "text": content}] if isinstance(content, str) else content


def sent_text(request) -> str:
    return "\n".join(p["text"] for p in user_parts(request) if p["type"] == "text")


def sent_images(request) -> int:
    return sum(1 for p in user_parts(request) if p["type"] == "image_url")
