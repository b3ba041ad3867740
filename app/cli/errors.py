"""How a core error reads on the command line: one line, with hints fitted to how the command
was called. Used by every command (kept apart so they need not import the package itself)."""

from __future__ import annotations

from app.core.errors import AuthError, ParleyError


def explain(error: ParleyError, args) -> str:
    """The error's line, with the key hint fitted to where the key came from."""
    hint = getattr(args, "key_hint", "")
    if hint and isinstance(error, AuthError) and "parley key set" in error.hint:
        error.hint = hint
    return str(error)
