"""Colour palettes for rendered answers, shared with the UI.

A Theme is plain data (hex colours, a Pygments style name, sizes); it never touches Qt. The
renderer writes these colours into inline ``style`` attributes, because QTextBrowser applies
inline styles reliably and fragments appended while streaming cannot rely on a stylesheet.
The UI should use the same Theme for the widget itself: ``text`` and ``background`` for the
palette, ``stylesheet()`` for ``QTextDocument.setDefaultStyleSheet``.

Immutable, so safe to share between threads.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Theme:
    """Everything the renderer needs to know about colours and sizes."""

    name: str
    text: str
    muted: str  # secondary text: code labels, quotes, captions
    background: str  # the answer's background; code and tables sit on it
    link: str
    code_background: str
    code_border: str
    code_header: str  # the label/Copy bar above a code block
    inline_code_background: str
    inline_code_text: str
    table_border: str
    table_header_background: str
    quote_border: str
    error: str  # invalid LaTeX, failures
    pygments_style: str  # chosen for contrast on code_background (min ratio >= 4.5:1)
    math_px: float = 17.0  # display maths' LaTeX base size; a little above the text's
    inline_math_px: float = 15.0  # maths inside a line: sized to read as the text around it
    # A caution that is not a failure (an attachment more than the model takes).
    warning: str = "#9a6700"
    success: str = "#1a7f37"  # a test that worked
    mono_family: str = "'JetBrains Mono', 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace"

    def stylesheet(self) -> str:
        """A default stylesheet for the QTextDocument that shows the answer.

        Only what inline styles cannot carry: the body colour and the link colour for links the
        UI inserts itself.
        """
        return (
            f"body {{ color: {self.text}; }}\n"
            f"a {{ color: {self.link}; text-decoration: none; }}\n"
        )


LIGHT = Theme(
    name="light",
    text="#1f2328",
    muted="#59636e",
    background="#ffffff",
    link="#0969da",
    code_background="#f6f8fa",
    code_border="#d1d9e0",
    code_header="#eaeef2",
    inline_code_background="#eaeef2",
    inline_code_text="#1f2328",
    table_border="#d1d9e0",
    table_header_background="#f0f3f6",
    quote_border="#d1d9e0",
    error="#cf222e",
    pygments_style="default",
)

DARK = Theme(
    name="dark",
    text="#e6edf3",
    muted="#9198a1",
    background="#0d1117",
    link="#4493f8",
    code_background="#151b23",
    code_border="#3d444d",
    code_header="#212830",
    inline_code_background="#262c36",
    inline_code_text="#e6edf3",
    table_border="#3d444d",
    table_header_background="#151b23",
    quote_border="#3d444d",
    error="#ff7b72",
    pygments_style="github-dark",
    warning="#d29922",
    success="#3fb950",
)

THEMES = {LIGHT.name: LIGHT, DARK.name: DARK}
