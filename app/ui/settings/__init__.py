"""The Settings dialog: connection profiles and key, appearance, quick ask and its shortcut.
What is saved goes through :mod:`app.core.config`."""
