"""Configuration: where Parley keeps its files, ``config.json`` (profiles and app settings,
never a key), the table of gateway styles (``styles``) and the API keys in the OS keyring.

Threading: small synchronous file and keyring calls; the desktop app runs keyring lookups
in a worker thread because they can block on D-Bus.
"""
