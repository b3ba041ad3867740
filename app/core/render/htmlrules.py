"""markdown-it render rules that emit the HTML subset QTextBrowser understands, styled inline
from a Theme, with the safety rules for untrusted model output:

- links keep only http, https and mailto targets (the parser drops the rest, see rules.py);
- images never become ``<img>``: a ``parley-image:`` placeholder link stands in, so nothing is
  fetched unless the user asks; the only ``<img>`` we write is ``parley-math:KEY``;
- every piece of text goes through ``escapeHtml``.

Per-render state lives in markdown-it's ``env`` dict: ``env["codes"]`` collects raw code,
numbered from ``env["code_base"]``; ``env["progressive"]``, when present, maps a code block's
number to the ProgressiveHighlighter that keeps it cheap while it streams. Rules are bound to
one renderer and used from that renderer's thread.
"""

from __future__ import annotations

from collections.abc import Sequence
from urllib.parse import quote, unquote, urlsplit

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml
from markdown_it.token import Token

from app.core.render.codeblock import ProgressiveHighlighter, code_block_html, code_body_html
from app.core.render.links import checked_link, misleading
from app.core.render.mathsvg import MathCache
from app.core.render.rules import image_allowed, is_cjk
from app.core.render.theme import Theme

IMAGE_SCHEME = "parley-image"

_HEADING_SIZE = {"h1": "x-large", "h2": "large", "h3": "medium", "h4": "medium",
                 "h5": "medium", "h6": "small"}
# Room above a heading (px), more for the bigger ones: a heading belongs to what follows.
_HEADING_ROOM = {"h1": 26, "h2": 22, "h3": 18}


def image_placeholder_url(src: str) -> str:
    """``parley-image:`` + the percent-encoded source URL."""
    return f"{IMAGE_SCHEME}:{quote(src, safe='')}"


def image_source(url: str) -> str | None:
    """The original http(s) URL behind a ``parley-image:`` placeholder, or None."""
    prefix = IMAGE_SCHEME + ":"
    if not isinstance(url, str) or not url.startswith(prefix):
        return None
    src = unquote(url[len(prefix):])
    return src if image_allowed(src) else None


class QtHtmlRules:
    """Installs the render rules on a MarkdownIt instance for one theme and math cache."""

    def __init__(self, theme: Theme, math: MathCache, copy_label: str = "Copy") -> None:
        self.theme = theme
        self.math = math
        self.copy_label = copy_label

    def install(self, md: MarkdownIt) -> None:
        for name in ("fence", "code_block", "code_inline", "math_inline", "math_inline_double",
                     "math_block", "image", "link_open", "list_item_open", "bullet_list_open",
                     "table_open", "th_open", "td_open", "blockquote_open", "blockquote_close",
                     "alert_open", "alert_close", "alert_title_open", "alert_title_close",
                     "heading_open", "hr", "softbreak", "html_block", "html_inline"):
            md.add_render_rule(name, _as_rule(getattr(self, name)))

    def html_block(self, r, tokens, idx, options, env) -> str:
        # The parser runs with html=False, so these never appear; if a plugin ever made one,
        # it would still be text.
        return f"<p>{escapeHtml(tokens[idx].content)}</p>"

    def html_inline(self, r, tokens, idx, options, env) -> str:
        return escapeHtml(tokens[idx].content)

    # --- code -----------------------------------------------------------------------------

    def fence(self, r, tokens: Sequence[Token], idx: int, options, env) -> str:
        token = tokens[idx]
        return self._code(token.content, token.info, env, bare=token.level == 0)

    def code_block(self, r, tokens, idx, options, env) -> str:
        return self._code(tokens[idx].content, "", env, bare=tokens[idx].level == 0)

    def _code(self, content: str, info: str, env: dict, bare: bool) -> str:
        codes: list[str] = env.setdefault("codes", [])
        number = env.get("code_base", 0) + len(codes)
        raw = content[:-1] if content.endswith("\n") else content
        codes.append(raw)
        progressive = env.get("progressive")
        highlighter = None
        if progressive is not None:
            highlighter = progressive.setdefault(number, ProgressiveHighlighter())
        if bare and env.get("bare_code"):  # a window's own code widget labels and copies it
            return code_body_html(content, info, self.theme, highlighter)
        return code_block_html(content, info, number, self.theme, highlighter,
                               copy_label=self.copy_label)

    def code_inline(self, r, tokens, idx, options, env) -> str:
        t = self.theme
        return (f'<code style="background-color: {t.inline_code_background}; '
                f'color: {t.inline_code_text}; font-family: {t.mono_family};">'
                f'{escapeHtml(tokens[idx].content)}</code>')

    # --- maths ----------------------------------------------------------------------------

    def math_inline(self, r, tokens, idx, options, env) -> str:
        return self._math(tokens[idx], display=False)

    def math_inline_double(self, r, tokens, idx, options, env) -> str:
        # $$…$$ or \[…\] inside a sentence stays the size of the text (an inline ∫ is not
        # display size); on a line of its own it is a display formula.
        return self._math(tokens[idx], display=_own_line(tokens, idx))

    def math_block(self, r, tokens, idx, options, env) -> str:
        return f'<p align="center" style="margin-top: 6px; margin-bottom: 10px;">' \
               f'{self._math(tokens[idx], display=True)}</p>\n'

    def _math(self, token: Token, display: bool) -> str:
        source = token.content.strip()
        size = self.theme.math_px if display else self.theme.inline_math_px
        image = self.math.image(source, display, self.theme.text, size)
        if image.error is None:
            # title: the LaTeX source, as a tooltip and for the UI to copy.
            return (f'<img src="{image.url}" width="{image.width}" height="{image.height}" '
                    f'style="vertical-align: middle;" title="{escapeHtml(source)}" />')
        # Unusable LaTeX: show what the model wrote, marked as an error, never a traceback.
        closer = {"$": "$", "$$": "$$", "\\(": "\\)", "\\[": "\\]"}.get(token.markup, "")
        t = self.theme
        return (f'<code style="color: {t.error}; background-color: {t.inline_code_background};'
                f' font-family: {t.mono_family};" title="{escapeHtml(image.error)}">'
                f'{escapeHtml(token.markup + source + closer)}</code>')

    # --- links and images -----------------------------------------------------------------

    def link_open(self, r, tokens, idx, options, env) -> str:
        token = tokens[idx]
        target = str(token.attrGet("href") or "")
        shown = misleading(target, _link_words(tokens, idx))
        if shown is not None:  # the words name another host: the window asks first
            target = checked_link(target, shown)
        href = escapeHtml(target)
        title = token.attrGet("title")
        title_attr = f' title="{escapeHtml(str(title))}"' if title else ""
        return f'<a href="{href}"{title_attr} style="color: {self.theme.link};">'

    def image(self, r, tokens, idx, options, env) -> str:
        token = tokens[idx]
        src = str(token.attrGet("src") or "")
        alt = escapeHtml(r.renderInlineAsText(token.children or [], options, env)) or "image"
        if not image_allowed(src) or _inside_link(tokens, idx):
            # Not fetchable, or a link inside a link: words only.
            return f"🖼 {alt}"
        # Where it would come from, before the click that fetches it.
        host = escapeHtml(urlsplit(src).hostname or "")
        return (f'<a href="{escapeHtml(image_placeholder_url(src))}" '
                f'style="color: {self.theme.link};">🖼 {alt} — click to load</a>'
                f' <span style="color: {self.theme.muted};">({host})</span>')

    # --- lists, tables, quotes, headings --------------------------------------------------

    def list_item_open(self, r, tokens, idx, options, env) -> str:
        token = tokens[idx]
        if token.meta and "checked" in token.meta:
            # Qt draws no <input>; ballot boxes read the same and copy as text.
            return "<li>" + ("☑ " if token.meta["checked"] else "☐ ")
        return "<li>"

    def bullet_list_open(self, r, tokens, idx, options, env) -> str:
        if "contains-task-list" in str(tokens[idx].attrGet("class") or ""):
            return '<ul style="list-style-type: none;">\n'
        return "<ul>\n"

    def table_open(self, r, tokens, idx, options, env) -> str:
        return (f'<table border="1" cellspacing="0" cellpadding="6" '
                f'style="border-collapse: collapse; border-style: solid; '
                f'border-color: {self.theme.table_border}; '
                f'margin-top: 10px; margin-bottom: 10px;">\n')

    def th_open(self, r, tokens, idx, options, env) -> str:
        align = _cell_align(tokens[idx]) or "left"
        return f'<th bgcolor="{self.theme.table_header_background}" align="{align}">'

    def td_open(self, r, tokens, idx, options, env) -> str:
        align = _cell_align(tokens[idx])
        return f'<td align="{align}">' if align else "<td>"

    def blockquote_open(self, r, tokens, idx, options, env) -> str:
        return self._bar_open(self.theme.quote_border)

    def blockquote_close(self, r, tokens, idx, options, env) -> str:
        return "</td></tr></table>\n"

    def alert_open(self, r, tokens, idx, options, env) -> str:
        return self._bar_open(self.theme.link)

    alert_close = blockquote_close

    def alert_title_open(self, r, tokens, idx, options, env) -> str:
        return f'<p style="margin-bottom: 4px; color: {self.theme.link};"><b>'

    def alert_title_close(self, r, tokens, idx, options, env) -> str:
        return "</b></p>\n"

    def _bar_open(self, colour: str) -> str:
        # A one-cell table with only a left border: Qt's <blockquote> is just an indent.
        return (f'<table cellspacing="0" cellpadding="0" style="margin-top: 10px; '
                f'margin-bottom: 10px; border-collapse: collapse;"><tr>'
                f'<td style="border-left: 3px solid {colour}; padding-left: 12px; '
                f'color: {self.theme.muted};">\n')

    def heading_open(self, r, tokens, idx, options, env) -> str:
        tag = tokens[idx].tag
        return (f'<{tag} style="font-size: {_HEADING_SIZE.get(tag, "medium")}; '
                f'margin-top: {_HEADING_ROOM.get(tag, 14)}px; margin-bottom: 6px;">')

    def hr(self, r, tokens, idx, options, env) -> str:
        return f'<hr style="background-color: {self.theme.table_border};" />\n'

    def softbreak(self, r, tokens, idx, options, env) -> str:
        if options.get("breaks"):
            return "<br />\n"
        # Chinese and Japanese put no space where a line wraps; Qt would show one for "\n".
        before = tokens[idx - 1].content[-1:] if idx > 0 else ""
        after = tokens[idx + 1].content[:1] if idx + 1 < len(tokens) else ""
        return "" if before and after and is_cjk(before) and is_cjk(after) else "\n"


def _as_rule(method):
    # add_render_rule binds a plain function to the renderer, which becomes our ``r``.
    def rule(renderer, tokens, idx, options, env):
        return method(renderer, tokens, idx, options, env)

    return rule


def _own_line(tokens: Sequence[Token], idx: int) -> bool:
    """Whether inline token ``idx`` has nothing but white space beside it on its line."""
    def blank(step: int) -> bool:
        i = idx + step
        while 0 <= i < len(tokens):
            token = tokens[i]
            if token.type in ("softbreak", "hardbreak"):
                return True
            if token.type != "text" or token.content.strip():
                return False
            i += step
        return True

    return blank(-1) and blank(1)


def _cell_align(token: Token) -> str:
    style = str(token.attrGet("style") or "")
    for align in ("left", "center", "right"):
        if f"text-align:{align}" in style:
            return align
    return ""


def _inside_link(tokens: Sequence[Token], idx: int) -> bool:
    depth = 0
    for token in tokens[:idx]:
        if token.type == "link_open":
            depth += 1
        elif token.type == "link_close":
            depth -= 1
    return depth > 0


def _link_words(tokens: Sequence[Token], idx: int) -> str:
    """The plain words of the link opened at ``tokens[idx]``."""
    words = []
    for token in tokens[idx + 1:]:
        if token.type == "link_close":
            break
        if token.type in ("text", "code_inline"):
            words.append(token.content)
    return "".join(words)
