"""Markdown answers to HTML for Qt's QTextBrowser; Qt-free.

- ``MarkdownRenderer.render(text)`` for finished messages;
- ``IncrementalRenderer.update(text_so_far)`` while an answer streams (frozen blocks + tail);
- ``renderer.resource("parley-math:KEY")`` gives the SVG bytes for QTextBrowser.loadResource;
- ``renderer.copy_text("parley-copy:N")`` gives the raw code behind a Copy link;
- ``image_source("parley-image:…")`` gives the http(s) URL behind an image placeholder;
- ``Theme`` / ``LIGHT`` / ``DARK``: the palettes, for the UI to use the same colours.

Renderers are used from one thread each; the maths cache they share locks.
"""

from .codeblock import COPY_SCHEME
from .htmlrules import IMAGE_SCHEME, image_source
from .incremental import IncrementalRenderer, RenderUpdate
from .markdown import MarkdownRenderer, Rendered, copy_number
from .mathsvg import MATH_SCHEME, MathCache, shared_cache
from .theme import DARK, LIGHT, THEMES, Theme

__all__ = [
    "COPY_SCHEME", "DARK", "IMAGE_SCHEME", "IncrementalRenderer", "LIGHT", "MATH_SCHEME",
    "MarkdownRenderer", "MathCache", "RenderUpdate", "Rendered", "THEMES", "Theme",
    "copy_number", "image_source", "shared_cache",
]
