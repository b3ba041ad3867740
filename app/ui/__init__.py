"""Qt user interface. Imports app.core, never the reverse."""
