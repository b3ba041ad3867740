"""Pure text helpers of the history: automatic titles, search terms, snippets.

No database here; safe on any thread.
"""

from __future__ import annotations

import re
import unicodedata

TITLE_WIDTH = 50  # display columns; a CJK character takes two
SNIPPET_WIDTH = 80  # display columns; a CJK character takes two
SNIPPET_LEAD = 24   # columns before the first match
MAX_TERMS = 8

_MARKDOWN_LEAD = re.compile(r"^(?:[#>*\-+]+|\d+[.)])\s*")


def _width(ch: str) -> int:
    return 2 if unicodedata.east_asian_width(ch) in "WF" else 1


def auto_title(text: str) -> str:
    """A sidebar title from a message: its first line with a letter or digit, markdown
    list/heading marks dropped, whitespace collapsed, cut to about 50 columns (25 Chinese
    characters) with "…". Latin text is cut at a word boundary when one is near.
    Returns "" when nothing is meaningful (the UI then shows "New chat")."""
    line = ""
    for raw in (text or "").splitlines():
        candidate = " ".join(_MARKDOWN_LEAD.sub("", raw.strip()).split())
        if candidate.startswith("```") or not any(ch.isalnum() for ch in candidate):
            continue
        line = candidate
        break
    if sum(_width(ch) for ch in line) <= TITLE_WIDTH:
        return line
    used, cut = 0, 0
    for cut, ch in enumerate(line):  # noqa: B007  (``cut`` is where the loop stopped)
        used += _width(ch)
        if used > TITLE_WIDTH - 1:  # leave a column for the ellipsis
            break
    head = line[:cut]
    space = head.rfind(" ")
    if space >= len(head) * 0.6:  # a word boundary near the end: don't split a word
        head = head[:space]
    return head.rstrip(" ,.;:-—") + "…"


def search_terms(query: str) -> list[str]:
    """The user's query as literal terms: split on whitespace, all must match.

    Never fails: NULs and lone surrogates (unencodable for SQLite) are dropped,
    duplicates removed, at most :data:`MAX_TERMS` kept (longest first)."""
    clean = (query or "").replace("\x00", " ")
    clean = clean.encode("utf-8", "ignore").decode("utf-8")
    terms: list[str] = []
    seen: set[str] = set()
    for term in clean.split():
        if term.lower() not in seen:
            seen.add(term.lower())
            terms.append(term)
    return sorted(terms, key=len, reverse=True)[:MAX_TERMS]


def fts_phrase(text: str) -> str:
    """``text`` as an FTS5 string: inside double quotes nothing is syntax (AND, OR, NEAR,
    ``*``, ``^``, parentheses, colons are plain characters); a quote is doubled."""
    return '"' + text.replace('"', '""') + '"'


def like_pattern(term: str) -> str:
    """A LIKE pattern matching ``term`` anywhere, with ``\\`` as the escape character."""
    escaped = term.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def term_pattern(terms: list[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(t) for t in terms), re.IGNORECASE)


def snippet(text: str, terms: list[str], *, markdown: bool = False,
            ) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About :data:`SNIPPET_WIDTH` display columns of ``text`` around the first match of
    any term (:data:`SNIPPET_LEAD` of them before it, so the match shows early in a narrow
    list), whitespace collapsed, "…" where cut, and the ``(start, end)`` of each match.
    Latin text is cut between words when a space is near. ``markdown``: the text is an
    answer written in markdown: the snippet is the text as read (:func:`markdown_plain`),
    unless the match is only in the marks (then the raw text, as found)."""
    flat = " ".join((text or "").split())
    pattern = term_pattern(terms) if terms else None
    if markdown:
        plain = " ".join(markdown_plain(text or "").split())
        if pattern is None or pattern.search(plain) or not pattern.search(flat):
            flat = plain
    first = pattern.search(flat) if pattern else None
    start = _lead_start(flat, first.start()) if first else 0
    end = _cut_end(flat, start)
    if first and first.end() > end:  # a very long match: show it from its start
        start = first.start()
        end = _cut_end(flat, start)
    prefix = "…" if start > 0 else ""
    body = flat[start:end] if end == len(flat) else flat[start:end].rstrip()
    piece = prefix + body + ("…" if end < len(flat) else "")
    spans = () if pattern is None else tuple(
        (m.start(), m.end()) for m in pattern.finditer(piece, len(prefix),
                                                       len(prefix) + len(body)))
    return piece, spans


def _lead_start(flat: str, hit: int) -> int:
    """Where a snippet starts: up to SNIPPET_LEAD columns before ``hit``, at a word's
    start when the cut falls inside a Latin word."""
    used, start = 0, hit
    while start > 0 and used + _width(flat[start - 1]) <= SNIPPET_LEAD:
        start -= 1
        used += _width(flat[start])
    if 0 < start < hit and flat[start - 1].isalnum() and flat[start].isalnum():
        space = flat.find(" ", start, hit)
        if space != -1:
            start = space + 1
    while start < hit and flat[start] == " ":  # "…words", not "… words"
        start += 1
    return start


def _cut_end(flat: str, start: int) -> int:
    """Where a snippet from ``start`` ends: after SNIPPET_WIDTH columns, before the word
    cut there when a space is near."""
    used, end = 0, start
    while end < len(flat) and used + _width(flat[end]) <= SNIPPET_WIDTH:
        used += _width(flat[end])
        end += 1
    if end < len(flat) and flat[end - 1].isalnum() and flat[end].isalnum():
        space = flat.rfind(" ", start, end)
        if space > end - 15:
            end = space
    return end


# Markdown marks, for the text as a reader reads it (search snippets). Not a parser: an
# answer's few common marks, each removed where it is unambiguous. Raw HTML stays: the
# transcript shows it as text.
_FENCE = re.compile(r"^\s*(```|~~~).*$", re.M)
_LINE_MARKS = re.compile(
    r"^[ \t]*(?:>[ \t]?)*(?:#{1,6}[ \t]+|[-*+][ \t]+(?:\[[ xX]\][ \t]+)?|\d+[.)][ \t]+)?",
    re.M)
_RULE = re.compile(r"^[ \t]*(?:[-*_][ \t]*){3,}$|^[ \t|:-]*-{3,}[ \t|:-]*$", re.M)
_TABLE_ROW = re.compile(r"^[ \t]*\|.*\|[ \t]*$", re.M)
_INLINE = [  # (pattern, replacement), in this order
    (re.compile(r"!\[([^\]\n]*)\]\([^)\n]*\)"), r"\1"),  # an image: its alt text
    (re.compile(r"\[([^\]\n]+)\]\((?:[^()\n]|\([^)\n]*\))*\)"), r"\1"),  # a link: its words
    (re.compile(r"\[([^\]\n]+)\]\[[^\]\n]*\]"), r"\1"),  # [words][ref]
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # <https://…>
    (re.compile(r"(`+)(.+?)\1"), r"\2"),  # `code`
    (re.compile(r"\$\$|\\[\[\]()]"), " "),  # $$, \[ \], \( \)
    (re.compile(r"(?<![\w$\\])\$(?=\S)([^$\n]+?)(?<=\S)\$(?![\w$])"), r"\1"),  # $x$
    (re.compile(r"(?<!\\)(\*\*|__)(?=\S)(.+?)(?<=[^\s\\])\1"), r"\2"),  # **bold**
    (re.compile(r"(?<![\w*\\])\*(?=[^\s*])(.+?)(?<=[^\s*\\])\*(?![\w*])"), r"\1"),  # *it*
    (re.compile(r"(?<![\w_\\])_(?=[^\s_])(.+?)(?<=[^\s_\\])_(?![\w_])"), r"\1"),  # _it_
    (re.compile(r"~~(?=\S)(.+?)(?<=\S)~~"), r"\1"),  # ~~struck~~
    (re.compile(r"\\([\\`*_{}\[\]()#+\-.!|~>$])"), r"\1"),  # \* → *
]


def markdown_plain(text: str) -> str:
    """``text`` (markdown, as answers are written) as it reads: no heading, list or quote
    marks, no emphasis or code marks, no maths delimiters, links and images as their
    words, a table row's pipes as spaces. Line breaks are kept."""
    text = _FENCE.sub("", text)
    text = _RULE.sub("", text)
    text = _TABLE_ROW.sub(lambda row: row.group().replace("|", " "), text)
    text = _LINE_MARKS.sub("", text)
    for pattern, replacement in _INLINE:
        text = pattern.sub(replacement, text)
    return text
