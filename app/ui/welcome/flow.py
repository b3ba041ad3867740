"""Opening the welcome and doing what it asks: Test, and Start (store the chosen profile,
make it active, keep the key) — through :class:`ConnectionActions`, exactly as Settings
saves, so a key from the welcome lands where one from Settings would.

The wiring calls :meth:`WelcomeFlow.open` on a first start without a key and when a question
is sent without one; :attr:`WelcomeFlow.connectionChanged` tells it the active profile
changed (the header and balance follow). The dialog deletes itself when closed; a task that
ends after that tells nobody.
Threading: GUI thread; keyring and network work in tasks (start_task), the keyring itself in
a worker thread (ConnectionActions).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt, Signal

from app.core.config.profiles import Profile, env_fields
from app.core.errors import ParleyError
from app.ui.runtime.tasks import reports_failures, start_task
from app.ui.settings.connection_actions import ConnectionActions
from app.ui.window.main_window import MainWindow

if TYPE_CHECKING:  # the dialog loads when a first start needs it, not with every start
    from app.ui.welcome.dialog import WelcomeDialog


class WelcomeFlow(QObject):
    connectionChanged = Signal()  # a profile was stored and made active

    def __init__(self, actions: ConnectionActions, window: MainWindow,
                 parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.actions = actions
        self.window = window
        self.dialog: WelcomeDialog | None = None

    def is_open(self) -> bool:
        dialog = self.dialog  # deletes itself once closed (WA_DeleteOnClose)
        return dialog is not None and shiboken6.isValid(dialog) and dialog.isVisible()

    @reports_failures  # config.json unreadable: said in the window, not a traceback
    def open(self) -> None:
        if self.is_open():
            assert self.dialog is not None
            self.dialog.raise_()
            return
        from app.ui.welcome.dialog import WelcomeDialog

        profiles = self.actions.profiles
        dialog = WelcomeDialog(profiles.profiles(), profiles.active_name(), env_fields(),
                               self.actions.keys.from_env(), parent=self.window)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.testRequested.connect(
            lambda p, k: start_task(self._test(dialog, p, k), name="welcome test"))
        dialog.startRequested.connect(
            lambda p, k: start_task(self._start(dialog, p, k), name="welcome start"))
        dialog.later.connect(self.window.composer.focus)  # the draft is where it was
        self.dialog = dialog
        dialog.open()

    def close(self) -> None:
        if self.is_open():
            assert self.dialog is not None
            self.dialog.close()

    async def _test(self, dialog: WelcomeDialog, profile: Profile, key: str) -> None:
        report = await self.actions.test(profile, key)
        if shiboken6.isValid(dialog):  # closed meanwhile: nobody to tell
            dialog.show_test_result(report)

    async def _start(self, dialog: WelcomeDialog, profile: Profile, key: str) -> None:
        """Store the chosen profile (made active) and the key, as Settings would."""
        try:
            self.actions.save_profiles([profile], profile.name, forget_others=False)
            kept = await self.actions.save_key(profile.name, key) if key else "keyring"
        except ParleyError as error:
            if shiboken6.isValid(dialog):
                dialog.show_problem(str(error))
            return
        self.connectionChanged.emit()
        if shiboken6.isValid(dialog):  # Later while the keyring was asked: saved all the same
            dialog.accept()
        self.window.show_notice("" if kept == "keyring" else self.tr(
            "Your key is kept for this session only: %1").replace(
                "%1", self.actions.keys.last_warning))
        self.window.composer.focus()
