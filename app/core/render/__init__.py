"""Markdown answers to HTML for Qt's QTextBrowser; Qt-free.

- ``MarkdownRenderer.render(text)`` for finished messages;
- ``IncrementalRenderer.update(text_so_far)`` while an answer streams (frozen blocks + tail);
- ``renderer.resource("parley-math:KEY")`` gives the SVG bytes for QTextBrowser.loadResource;
- ``renderer.copy_text("parley-copy:N")`` gives the raw code behind a Copy link;
- ``image_source("parley-image:…")`` gives the http(s) URL behind an image placeholder;
- ``Theme`` / ``LIGHT`` / ``DARK``: the palettes, for the UI to use the same colours.

Renderers are used from one thread each; the maths cache they share locks.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# Names load on first use (PEP 562): the desktop app's first paint needs only the themes,
# and markdown-it, Pygments and the maths tables cost ~0.2 s to import.
_WHERE = {
    "COPY_SCHEME": "codeblock", "IMAGE_SCHEME": "htmlrules", "image_source": "htmlrules",
    "IncrementalRenderer": "incremental", "RenderUpdate": "incremental",
    "MarkdownRenderer": "markdown", "Rendered": "markdown", "copy_number": "markdown",
    "MATH_SCHEME": "mathsvg", "MathCache": "mathsvg", "shared_cache": "mathsvg",
    "DARK": "theme", "LIGHT": "theme", "THEMES": "theme", "Theme": "theme",
}

if TYPE_CHECKING:
    from app.core.render.codeblock import COPY_SCHEME
    from app.core.render.htmlrules import IMAGE_SCHEME, image_source
    from app.core.render.incremental import IncrementalRenderer, RenderUpdate
    from app.core.render.markdown import MarkdownRenderer, Rendered, copy_number
    from app.core.render.mathsvg import MATH_SCHEME, MathCache, shared_cache
    from app.core.render.theme import DARK, LIGHT, THEMES, Theme


def __getattr__(name: str) -> Any:
    module = _WHERE.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value


__all__ = [
    "COPY_SCHEME", "DARK", "IMAGE_SCHEME", "IncrementalRenderer", "LIGHT", "MATH_SCHEME",
    "MarkdownRenderer", "MathCache", "RenderUpdate", "Rendered", "THEMES", "Theme",
    "copy_number", "image_source", "shared_cache",
]
