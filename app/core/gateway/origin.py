"""Where the API key may go: a URL's origin (scheme, host, port), as browsers define it.

Threading: pure functions; any thread.
"""

from __future__ import annotations

import httpx

_DEFAULT_PORTS = {"http": 80, "https": 443}


def origin(url: httpx.URL | str) -> tuple[str, str, int | None]:
    """Scheme, host and port (the scheme's default when none is written): the key goes only
    to the profile's own origin — not to another port, nor to the same host over another
    scheme (an http to https redirect included: the base URL should say https then)."""
    url = httpx.URL(url)
    return url.scheme, url.host.lower(), url.port or _DEFAULT_PORTS.get(url.scheme)
