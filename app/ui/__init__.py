"""Qt user interface. Imports ``app.core``, never the reverse.

- ``wiring.py``: the one place that builds the objects below and connects them.
- ``window/``: the main window's frame — layout, header, status bar (balance).
- ``chat/``: a conversation — the transcript (where the stream is painted), the composer,
  and the controller that sends, streams, stops, retries, edits and branches.
- ``sidebar/``: the conversation list, search, rename/pin/delete, model-written titles.
- ``images/``: images offered by drop/paste/picker, waiting to be sent, shown in answers.
- ``quick_ask/``: the small window that answers about the clipboard.
- ``hotkey/``: the global shortcut (X11, Windows).
- ``settings/``: the Settings dialog and its pages.
- ``runtime/``: the qasync loop and task runner, one instance per user, tray, languages,
  light/dark appearance, GC on the GUI thread.
"""

from app.ui.runtime import source_scan as _source_scan

# Before any of the interface's modules is imported: PySide's import hook would otherwise
# read each one's source into memory (see app.ui.runtime.source_scan).
_source_scan.install()
