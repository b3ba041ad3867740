"""Qt-free core: gateway client, stream parsing, profiles, keys, storage.

Nothing in this package may import Qt or ``app.ui``; a test enforces it.
"""
