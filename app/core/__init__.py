"""Qt-free core: everything Parley knows without a window, tested with plain pytest.

- ``gateway/``: talking to a gateway — connection pool, chat streams, images, embeddings,
  balance, typed errors from HTTP answers, the active profile's gateway.
- ``config/``: where files live, ``config.json``, connection profiles, app settings, API keys
  in the OS keyring.
- ``history/``: the durable SQLite history (conversations, branches, search, attachments).
- ``images/``: preparing images to send, their formats, image generation, vision models.
- ``render/``: markdown answers to HTML for Qt's text views (maths, code, safety rules).
- ``errors``: the typed errors every part raises; ``quick_ask``, ``titles``, ``shortcuts``,
  ``instance_protocol``, ``dates``: the Qt-free halves of desktop features.

Nothing in this package may import Qt, ``app.ui`` or ``app.cli``; a test enforces it.
"""
