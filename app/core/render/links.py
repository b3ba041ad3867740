"""Links in answers whose words name one address while the link goes to another.

``[https://www.eduhk.hk](http://elsewhere.example)`` reads as EduHK and opens elsewhere. Such
a link is rendered with a ``parley-link:`` target that carries both the real address and the
host its words name; the window shows the real address on hover and asks before opening it.
Any other link keeps its http(s)/mailto target (still shown on hover, opened on a click).

Pure functions; any thread.
"""

from __future__ import annotations

import re
from urllib.parse import quote, unquote, urlsplit

LINK_SCHEME = "parley-link"
# Words that read as an address: an optional scheme, then a host with a dot (www.eduhk.hk,
# https://moodle.eduhk.hk/course, eduhk.hk/path). Not "see page 3.2" or an e-mail address.
_ADDRESS = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*://)?((?:[\w-]+\.)+[a-z]{2,})(?::\d+)?(?:[/?#]\S*)?\s*$",
                      re.IGNORECASE)


def named_host(words: str) -> str | None:
    """The host the words of a link name, if they read as an address."""
    match = _ADDRESS.match(words)
    return match.group(1).lower() if match else None


def _bare(host: str) -> str:
    return host.lower().removeprefix("www.")


def misleading(href: str, words: str) -> str | None:
    """The host the words name when the link goes to another host, else None."""
    shown = named_host(words)
    target = urlsplit(href).hostname
    if shown is None or not target or href.lower().startswith("mailto:"):
        return None
    return shown if _bare(shown) != _bare(target) else None


def checked_link(href: str, shown_host: str) -> str:
    """The ``parley-link:`` target for a misleading link."""
    return f"{LINK_SCHEME}:{quote(href, safe='')};{quote(shown_host, safe='')}"


def unpack_checked_link(argument: str) -> tuple[str, str] | None:
    """``(real address, host the words name)`` from a ``parley-link:`` target (without its
    scheme), or None if it is not one."""
    argument = argument.removeprefix(f"{LINK_SCHEME}:")
    target, sep, shown = argument.partition(";")
    if not sep:
        return None
    href = unquote(target)
    if urlsplit(href).scheme.lower() not in ("http", "https"):
        return None
    return href, unquote(shown)
