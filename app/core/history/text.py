"""Pure text helpers of the history: automatic titles, search terms, snippets.

No database here; safe on any thread.
"""

from __future__ import annotations

import re
import unicodedata

TITLE_WIDTH = 50  # display columns; a CJK character takes two
SNIPPET_WIDTH = 80
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


def snippet(text: str, terms: list[str]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """About :data:`SNIPPET_WIDTH` characters of ``text`` around the first match of any
    term, whitespace collapsed, "…" where cut, and the ``(start, end)`` of each match."""
    flat = " ".join((text or "").split())
    pattern = term_pattern(terms) if terms else None
    first = pattern.search(flat) if pattern else None
    start = max(0, first.start() - SNIPPET_WIDTH // 3) if first else 0
    end = min(len(flat), start + SNIPPET_WIDTH)
    if first and first.end() > end:  # a very long match: show it from its start
        start, end = first.start(), min(len(flat), first.start() + SNIPPET_WIDTH)
    prefix = "…" if start > 0 else ""
    piece = prefix + flat[start:end] + ("…" if end < len(flat) else "")
    spans = () if pattern is None else tuple(
        (m.start(), m.end()) for m in pattern.finditer(piece, len(prefix),
                                                       len(prefix) + end - start))
    return piece, spans
