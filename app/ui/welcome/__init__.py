"""The first-run welcome: which gateway, the key, Test — the rest under "Advanced".
Saving goes through app.ui.settings.connection_actions, as Settings' does."""
