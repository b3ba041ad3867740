"""Quick ask: the small on-top window that answers about what is on the clipboard."""
