"""The conversation sidebar: the list grouped by date, search, rename, pin, delete with Undo,
and model-written titles."""
