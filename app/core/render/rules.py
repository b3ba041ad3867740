"""Parser rules markdown-it lacks for chat answers: the link allow-list, ``\\(…\\)`` /
``\\[…\\]`` maths, and Chinese-aware emphasis and autolinks.

Pure functions over markdown-it state; no shared mutable state, so any thread may use them.
"""

from __future__ import annotations

import re
import types
from typing import Literal

from markdown_it.common.utils import isMdAsciiPunct, isPunctChar, isWhiteSpace
from markdown_it.rules_block import StateBlock
from markdown_it.rules_inline import StateInline
from markdown_it.rules_inline.state_inline import Scanned
from markdown_it.token import Token

# Han, kana, hangul, bopomofo, CJK symbols and punctuation, full-width forms.
_CJK_CHAR = re.compile("[\u1100-\u11ff\u2e80-\u9fff\ua960-\ua97f\uac00-\ud7af"
                       "\uf900-\ufaff\ufe10-\ufe1f\ufe30-\ufe4f\uff00-\uffef\U00020000-\U0003ffff]")

# Only these open from a click; anything else (javascript:, file:, data:, custom schemes,
# relative paths that QTextBrowser would try to resolve itself) stays plain text.
_ALLOWED_LINK = re.compile(r"(?:https?://[^\s/?#]|mailto:[^\s])", re.IGNORECASE)
_ALLOWED_IMAGE = re.compile(r"https?://[^\s/?#]", re.IGNORECASE)


def link_allowed(url: str) -> bool:
    """True for http(s) and mailto URLs: the only ones that become clickable links."""
    return bool(_ALLOWED_LINK.match(url))


def image_allowed(url: str) -> bool:
    """True for http(s) image URLs: the only ones that get a click-to-load placeholder."""
    return bool(_ALLOWED_IMAGE.match(url))


def keep_pending_on_failure(rule):
    """Wrap a gfm_autolink rule that trims the text before it checks the link.

    gfm_autolink removes the scheme it scanned back over (``xmpp``) from the pending text, then
    asks validateLink; when our allow-list refuses, the rule fails but the word is gone. Put
    it back.
    """
    def wrapped(state: StateInline, silent: bool) -> bool:
        before = state.pending
        if rule(state, silent):
            return True
        if state.pending != before:
            state.pending = before
        return False

    return wrapped


# --- autolinks in Chinese text ---------------------------------------------------------------

# Chinese puts no space around a URL: "網址：https://x.hk。下一句". GFM autolinks then fail
# twice: nothing links after "：", and a link that does start runs on through "。下一句"
# (an IDN, so the href points at a different site). The plugin's rules are fenced off at the
# first CJK character, and a core rule links URLs and e-mails that follow a CJK character.
_URL_AFTER_CJK = re.compile(
    r"(?:https?://|www\.)[A-Za-z0-9\-._~:/?#\[\]@!$&'()*+,;=%]+"
    r"|[A-Za-z0-9._+\-]+@[A-Za-z0-9\-]+(?:\.[A-Za-z0-9\-]+)+")


def stop_at_cjk(rule):
    """Run an autolink rule with the line cut at the next CJK character."""
    def wrapped(state: StateInline, silent: bool) -> bool:
        limit = state.posMax
        found = _CJK_CHAR.search(state.src, state.pos, min(limit, state.pos + 4096))
        if found is None:
            return rule(state, silent)
        state.posMax = found.start()
        try:
            return rule(state, silent)
        finally:
            state.posMax = limit

    return wrapped


def _trim_url(url: str) -> str:
    """GFM's trailing-punctuation rule: drop final .,:;!?'"*_~ and unbalanced ')'."""
    def unbalanced(url: str) -> bool:
        return url[-1] == ")" and url.count(")") > url.count("(")

    while url and (url[-1] in ".,:;!?'\"*_~" or unbalanced(url)):
        url = url[:-1]
    return url


def cjk_autolink(state) -> None:
    """Core rule (after text_join): link URLs and e-mails that directly follow CJK text."""
    for block in state.tokens:
        if block.type != "inline" or not block.children:
            continue
        out, depth = [], 0
        for token in block.children:
            depth += token.type == "link_open"
            depth -= token.type == "link_close"
            if token.type != "text" or depth or not _CJK_CHAR.search(token.content):
                out.append(token)
                continue
            out.extend(_split_links(state.md, token))
        block.children = out


def _split_links(md, token: Token) -> list[Token]:
    text, pieces, done = token.content, [], 0
    for match in _URL_AFTER_CJK.finditer(text):
        start, label = match.start(), _trim_url(match.group())
        if start == 0 or not is_cjk(text[start - 1]) or not label:
            continue
        url = label if "://" in label else ("mailto:" + label if "@" in label and not
                                             label.startswith("www.") else "http://" + label)
        href = md.normalizeLink(url)
        if not md.validateLink(href):
            continue
        pieces.append(_text_like(token, text[done:start]))
        link = _text_like(token, "", "link_open", "a", 1)
        link.attrs, link.markup, link.info = {"href": href}, "autolink", "auto"
        pieces += [link, _text_like(token, md.normalizeLinkText(label)),
                   _text_like(token, "", "link_close", "a", -1)]
        done = start + len(label)
    if not pieces:
        return [token]
    pieces.append(_text_like(token, text[done:]))
    return [piece for piece in pieces if piece.type != "text" or piece.content]


def _text_like(token: Token, content: str, type_: str = "text", tag: str = "",
               nesting: Literal[-1, 0, 1] = 0) -> Token:
    return Token(type_, tag, nesting, content=content, level=token.level)


# --- \( … \) and \[ … \] -------------------------------------------------------------------

def bracket_math_inline(state: StateInline, silent: bool) -> bool:
    r"""``\(x\)`` inline and ``\[x\]`` inside a paragraph (display style).

    Runs before the ``escape`` rule, which would otherwise eat the backslash of ``\(``.
    """
    src, pos = state.src, state.pos
    if src[pos] != "\\" or pos + 1 >= state.posMax or src[pos + 1] not in "([":
        return False
    opener = src[pos + 1]
    closer = "\\)" if opener == "(" else "\\]"
    end = src.find(closer, pos + 2, state.posMax)
    if end < 0 or not src[pos + 2:end].strip():
        return False
    if not silent:
        token = state.push("math_inline" if opener == "(" else "math_inline_double", "math", 0)
        token.content = src[pos + 2:end]
        token.markup = "\\" + opener
    state.pos = end + 2
    return True


def bracket_math_block(state: StateBlock, start_line: int, end_line: int, silent: bool) -> bool:
    r"""A ``\[`` … ``\]`` display block on lines of its own.

    Like dollarmath with ``allow_blank_lines=False``, it never looks past a blank line: the
    incremental renderer relies on no construct reaching across one.
    """
    if state.is_code_block(start_line):
        return False
    begin = state.bMarks[start_line] + state.tShift[start_line]
    if not state.src.startswith("\\[", begin, state.eMarks[start_line]):
        return False
    parts: list[str] = []
    line, text = start_line, state.src[begin + 2:state.eMarks[start_line]]
    while True:
        stripped = text.rstrip()
        if stripped.endswith("\\]") and (line > start_line or len(stripped) > 2):
            parts.append(stripped[:-2])
            break
        if "\\]" in text:  # closed mid-line with text after it: a paragraph, not a block
            return False
        parts.append(text)
        line += 1
        if line >= end_line or state.sCount[line] < state.blkIndent:
            return False
        text = state.src[state.bMarks[line] + state.tShift[line]:state.eMarks[line]]
        if not text.strip():
            return False
    content = "\n".join(parts)
    if not content.strip():
        return False
    if silent:
        return True
    state.line = line + 1
    token = state.push("math_block", "math", 0)
    token.block = True
    token.content = content
    token.markup = "\\["
    token.map = [start_line, state.line]
    return True


# --- emphasis next to CJK -------------------------------------------------------------------

def is_cjk(ch: str) -> bool:
    """Han, kana, hangul, bopomofo, and CJK / full-width punctuation."""
    return bool(_CJK_CHAR.match(ch))


def _punct(ch: str) -> bool:
    return isMdAsciiPunct(ord(ch)) or isPunctChar(ch)


def _scan_delims_cjk(self: StateInline, start: int, can_split_word: bool) -> Scanned:
    """markdown-it's scanDelims, with the flanking rules of markdown-cjk-friendly.

    CommonMark treats ``**注意：**這個`` and ``這是**「重點」**內容`` as literal asterisks
    because full-width punctuation sits inside the delimiters and no space sits outside them
    (Chinese uses no spaces). As in markdown-cjk-friendly, a run is still flanking when the
    character on its other side is CJK, or when the punctuation is CJK punctuation.
    """
    pos, maximum = start, self.posMax
    marker = self.src[start]
    last = self.src[start - 1] if start > 0 else " "
    while pos < maximum and self.src[pos] == marker:
        pos += 1
    count = pos - start
    nxt = self.src[pos] if pos < maximum else " "

    last_punct, next_punct = _punct(last), _punct(nxt)
    last_space, next_space = isWhiteSpace(ord(last)), isWhiteSpace(ord(nxt))
    last_cjk, next_cjk = is_cjk(last), is_cjk(nxt)

    left = not next_space and (
        not next_punct or last_space or last_punct or last_cjk or (next_punct and next_cjk))
    right = not last_space and (
        not last_punct or next_space or next_punct or next_cjk or (last_punct and last_cjk))
    can_open = left and (can_split_word or not right or last_punct)
    can_close = right and (can_split_word or not left or next_punct)
    return Scanned(can_open, can_close, count)


def cjk_friendly(tokenize):
    """Wrap an emphasis-like inline rule so it scans delimiters the CJK-friendly way.

    The override is set on the parse state object only, never on the class: other markdown-it
    users in the process keep standard behaviour.
    """
    def rule(state: StateInline, silent: bool) -> bool:
        if "scanDelims" not in vars(state):
            # On this one object, on purpose (see above): mypy forbids it for every method.
            state.scanDelims = types.MethodType(  # type: ignore[method-assign]
                _scan_delims_cjk, state)
        return tokenize(state, silent)

    return rule
