"""Code blocks as QTextBrowser draws them well: highlighted by Pygments with inline colours,
inside a one-column table that carries the background (a styled ``<pre>`` leaves white
gaps between lines in Qt), under a bar with the language label and a Copy link.

Lexers and formatters are cached per process; Pygments objects are only read after creation,
so the caches are safe to share between threads.
"""

from __future__ import annotations

from functools import lru_cache

from markdown_it.common.utils import escapeHtml
from pygments import highlight
from pygments.formatters import HtmlFormatter
from pygments.lexer import Lexer
from pygments.lexers import get_lexer_by_name
from pygments.util import ClassNotFound

from app.core.render.theme import Theme

COPY_SCHEME = "parley-copy"

# Names models write that Pygments spells differently.
_ALIASES = {"vue": "html", "jsonc": "json", "shellscript": "bash", "zsh": "bash", "sh": "bash",
            "py3": "python", "c#": "csharp", "f#": "fsharp", "objective-c": "objc"}


def language_of(info: str) -> str:
    """The language word of a fence's info string (``python title=x`` → ``python``)."""
    word = info.strip().split(maxsplit=1)[0] if info.strip() else ""
    return word.strip("{}.").lower()


@lru_cache(maxsize=128)
def _lexer(language: str) -> Lexer | None:
    if not language:
        return None
    try:
        # stripnl=False: leading blank lines are part of the code the user copies.
        return get_lexer_by_name(_ALIASES.get(language, language), stripnl=False)
    except ClassNotFound:
        return None


@lru_cache(maxsize=8)
def _formatter(style: str) -> HtmlFormatter:
    # noclasses: QTextBrowser has no stylesheet for Pygments classes, but shows inline colours.
    return HtmlFormatter(style=style, noclasses=True, nowrap=True)


def highlight_code(code: str, language: str, theme: Theme) -> str:
    """Escaped, coloured HTML for ``code`` (no wrapper); plain escaped text if unknown."""
    lexer = _lexer(language)
    if lexer is None or not code:
        return escapeHtml(code)
    html = highlight(code, lexer, _formatter(theme.pygments_style))
    if not code.endswith("\n"):
        # Pygments adds a final newline; inside <pre> Qt would show it as an empty last line.
        if html.endswith("\n"):
            html = html[:-1]
        elif html.endswith("\n</span>"):
            html = html[:-8] + "</span>"
    return html


class ProgressiveHighlighter:
    """Highlights a code block that is still streaming, in linear total time.

    Re-lexing the whole block per delta is quadratic in its length. This re-lexes only when
    enough whole lines have arrived since the last time (one line while the block is short, a
    sixteenth of it once long), and shows the lines after that point as plain text meanwhile.
    The result is exact up to that point, so colours do not flicker; the frozen block is
    always highlighted in one piece.
    """

    def __init__(self) -> None:
        self._key: tuple[str, str] | None = None
        self._code = ""  # the whole lines highlighted so far
        self._lines = 0
        self._html = ""

    def html(self, code: str, language: str, theme: Theme) -> str:
        key = (language, theme.pygments_style)
        if key != self._key or not code.startswith(self._code):
            self._key, self._code, self._lines, self._html = key, "", 0, ""
        whole = code[:code.rfind("\n") + 1]
        new_lines = whole.count("\n", len(self._code))
        if new_lines and new_lines >= max(1, self._lines // 16):
            self._code, self._lines = whole, self._lines + new_lines
            self._html = highlight_code(whole, language, theme)
        return self._html + escapeHtml(code[len(self._code):])


def code_body_html(code: str, info: str, theme: Theme,
                   progressive: ProgressiveHighlighter | None = None) -> str:
    """The highlighted code alone, unwrapped lines (``white-space: pre``): for a window that
    shows it in a widget of its own, which scrolls sideways and carries the label and Copy."""
    language = language_of(info)
    code = code[:-1] if code.endswith("\n") else code
    body = (progressive.html(code, language, theme) if progressive is not None
            else highlight_code(code, language, theme))
    return (f'<pre style="margin: 0; white-space: pre; font-family: {theme.mono_family}; '
            f'color: {theme.text};">{body}</pre>')


def code_block_html(code: str, info: str, number: int, theme: Theme,
                    progressive: ProgressiveHighlighter | None = None, *,
                    copy_label: str = "Copy") -> str:
    """The whole block: label bar with Copy link ``parley-copy:N`` above the code."""
    language = language_of(info)
    label = escapeHtml(language or "code")
    code = code[:-1] if code.endswith("\n") else code
    if progressive is not None:
        body = progressive.html(code, language, theme)
    else:
        body = highlight_code(code, language, theme)
    t = theme
    return (
        f'<table width="100%" cellspacing="0" cellpadding="0" border="1" '
        f'style="border-collapse: collapse; border-style: solid; border-color: {t.code_border}; '
        f'margin-top: 10px; margin-bottom: 10px;">'
        f'<tr><td bgcolor="{t.code_header}" style="padding: 3px 10px 3px 10px;">'
        f'<table width="100%" cellspacing="0" cellpadding="0" border="0"><tr>'
        f'<td><span style="color: {t.muted}; font-size: small;">{label}</span></td>'
        f'<td align="right"><a href="{COPY_SCHEME}:{number}" '
        f'style="color: {t.link}; text-decoration: none; font-size: small;">'
        f'{escapeHtml(copy_label)}</a></td>'
        f'</tr></table></td></tr>'
        f'<tr><td bgcolor="{t.code_background}" style="padding: 8px 10px 8px 10px;">'
        f'<pre style="margin: 0; white-space: pre-wrap; font-family: {t.mono_family}; '
        f'color: {t.text};">{body}</pre>'
        f'</td></tr></table>\n'
    )
