"""Builds the desktop app's objects and connects them: the one place that knows them all.

Start-up work that waits (opening the history, recovering interrupted answers, the keyring)
runs as a task after the window is shown, so the first paint is not delayed by it.
Threading: GUI thread; coroutines on the Qt loop.
"""

from __future__ import annotations

import asyncio
from dataclasses import replace
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication

from app.core.config.file import set_aside_notices
from app.core.config.profiles import PRESETS, Profile, ProfileStore, env_fields
from app.core.config.secrets import KeyStore
from app.core.config.settings import Settings
from app.core.errors import ParleyError
from app.core.gateway.active import ActiveGateway
from app.core.history import AsyncHistory, HistoryError
from app.core.render import shared_cache
from app.ui.chat.controller import ChatController
from app.ui.chat.history_fallback import HistoryFallback
from app.ui.export.exporter import ConversationExporter
from app.ui.hotkey.global_hotkey import GlobalHotkey
from app.ui.quick_ask.controller import QuickAsk
from app.ui.runtime import gc_guard, tasks
from app.ui.runtime.appearance import apply_appearance, theme_for_palette
from app.ui.runtime.fonts import font_notice
from app.ui.runtime.tasks import reports_failures, start_task
from app.ui.runtime.text_size import scaled_theme
from app.ui.runtime.tray import Tray, tray_available
from app.ui.settings.connection_actions import ConnectionActions
from app.ui.sidebar.titles import ConversationTitler
from app.ui.welcome.flow import WelcomeFlow
from app.ui.window.balance import BalanceMonitor
from app.ui.window.header import builtin_presets
from app.ui.window.main_window import MainWindow

if TYPE_CHECKING:  # the Settings dialog and its pages load when first opened, not at start
    from app.ui.settings.dialog import SettingsDialog


class App(QObject):
    """The running desktop app: window, controller, history, connection, settings."""

    def __init__(self, history: AsyncHistory | None = None,
                 window: MainWindow | None = None) -> None:
        """``window``: one already shown (app.main paints it before importing the rest);
        its appearance was applied then."""
        super().__init__()
        self.settings, self.settings_warnings = Settings.load()
        theme = theme_for_palette() if window else apply_appearance(self.settings.theme)
        theme = scaled_theme(theme, self.settings.text_size)  # formulas at the text's size
        self.profiles = ProfileStore()
        self.keys = KeyStore()
        self.connection = ActiveGateway(self.profiles, self.keys)
        self.actions = ConnectionActions(self.profiles, self.keys, self.connection)
        self.history = history or AsyncHistory()
        if window is None:
            window = MainWindow.for_settings(self.settings)
        self.window = window
        # Every task's failure that has no place of its own is shown here (app.ui.runtime.tasks).
        tasks.set_reporter(self.window.show_failure)
        self.connection.profile()  # read the profiles now, to say what was wrong with them
        # config.json held something Parley could not use: set aside, or defaulted in part.
        warnings = set_aside_notices() + self.profiles.warnings + self.settings_warnings
        warnings += [notice] if (notice := font_notice()) else []  # Chinese as boxes: say so
        if warnings:
            self.window.show_notice(" ".join(warnings))
        self.controller = ChatController(self.window, self.history, self.connection, theme,
                                         parent=self)
        self.controller.keyNeeded.connect(self._key_needed)
        # Read at each check, so a size changed in Settings applies at once.
        self.controller.context_windows = lambda: self.settings.context_windows
        self.balance = BalanceMonitor(self.window, self.connection, parent=self)
        self.controller.answered.connect(self.balance.refresh)
        self.titler = ConversationTitler(self.history, self.connection,
                                         lambda: self.settings.model_titles, parent=self)
        self.controller.firstAnswered.connect(self.titler.first_answer)
        self.titler.titled.connect(lambda *_: start_task(self.controller.refresh_list()))
        self.exporter = ConversationExporter(self.history, self.window, self.window.status,
                                             parent=self)
        self.window.sidebar.exportRequested.connect(self.exporter.ask)
        self.window.header.exportRequested.connect(self._export_open_conversation)
        self.ready = asyncio.get_event_loop().create_future()
        self.quick = QuickAsk(self.history, self.connection, self.controller.renderer,
                              self.ready, parent=self)
        self.quick.openConversation.connect(self._continue_quick_ask)
        self.quick.answered.connect(self.balance.refresh)
        self.quick.answered.connect(lambda: start_task(self.controller.refresh_list()))
        self.fallback = HistoryFallback(  # an unusable history: chat on, unsaved, Retry
            self.history, self.window.history_banner, self.window.status, self.controller,
            (self.controller.answers.wait, self.quick.wait), parent=self)
        self.hotkey = GlobalHotkey(parent=self)
        self.hotkey.activated.connect(self.quick.open)
        # A new chat says how to reach quick ask: the shortcut, once it is registered.
        self.hotkey.statusChanged.connect(lambda status: self.window.transcript
                                          .set_quick_ask_shortcut(status.shortcut
                                                                  if status.registered else ""))
        self.tray = Tray(parent=self)
        self.tray.quickAskRequested.connect(self.quick.open)
        self.tray.showRequested.connect(self.raise_window)
        self.tray.quitRequested.connect(QApplication.quit)
        self.window.quitRequested.connect(QApplication.quit)  # Ctrl+Q (Cmd+Q)
        self._apply_tray()
        self.window.settingsRequested.connect(self.open_settings)
        self.window.closing.connect(self._remember_placement)
        self.window.header.profileChosen.connect(self._profile_chosen)
        self.window.header.presetSaved.connect(self._preset_saved)
        self.first_run = WelcomeFlow(self.actions, self.window, parent=self)  # no key yet
        self.first_run.connectionChanged.connect(self._show_connection)
        # The OS switched light/dark: Qt has updated the palette; follow it.
        QGuiApplication.styleHints().colorSchemeChanged.connect(
            lambda _: self.controller.set_theme(
                scaled_theme(theme_for_palette(), self.settings.text_size)))
        self.dialog: SettingsDialog | None = None

    def show(self, window: bool = True) -> None:
        """Start; ``window`` False keeps the main window hidden (a quick-ask launch)."""
        if window:
            self.window.show()
        start_task(self._start(), name="startup")

    async def _start(self) -> None:
        try:
            await self._start_steps()
        finally:
            if not self.ready.done():
                self.ready.set_result(True)

    async def _start_steps(self) -> None:
        try:
            await self.history.open()
            recovered = await self.history.recover_interrupted()
            await self.history.purge_deleted()
            await self.controller.refresh_list()
            if recovered:
                self.window.status.showMessage(self.tr(
                    "%n answer(s) were interrupted last time; open the chat to retry.", "",
                    recovered), 8000)
        except HistoryError as error:  # unusable: go on in a temporary history, say so
            await self.fallback.begin(error)
        except ParleyError as error:
            self.window.show_notice(str(error))
        self._show_connection()
        if self.connection.problem:
            self.window.show_notice(self.connection.problem)
        elif not await self.connection.key():  # a first start: the welcome, not Settings
            self.first_run.open()
        self.window.composer.focus()
        if QGuiApplication.platformName() != "offscreen":  # not for self-tests and CI runs
            self.hotkey.register(self.settings.quick_ask_shortcut)
        gc_guard.settle()
        # Last: loading the maths fonts holds the GIL for ~0.5 s, even on its own thread.
        start_task(asyncio.to_thread(shared_cache.warm), name="warm maths")
        # Image files left by a crash between file and row: a folder walk, after the list.
        start_task(self.history.remove_stray_files(), name="sweep attachments")

    def _show_connection(self) -> None:
        profile = self.connection.profile()
        try:
            profiles = self.profiles.profiles()
        except ParleyError:  # config.json unreadable: said by connection.problem
            profiles = dict(PRESETS)
        profiles.setdefault(profile.name, profile)
        self.window.header.set_profiles(
            [(p.name, p.label) for p in sorted(profiles.values(), key=lambda p: p.name)],
            profile.name)
        self.window.header.set_model(profile.chat_model)
        self.window.header.set_presets({**builtin_presets(), **self.settings.presets})
        self.balance.refresh()  # or hides it: a new profile may have no balance endpoint

    def _export_open_conversation(self) -> None:
        start_task(self._export_open(), name="export")

    async def _export_open(self) -> None:
        open_now = self.controller.conversation
        if open_now is None:
            self.exporter.ask(0, "")
            return
        fresh = await self.history.get_conversation(open_now.id)  # its title may be newer
        self.exporter.ask(fresh.id, fresh.title)

    @reports_failures
    def _profile_chosen(self, name: str) -> None:
        self.profiles.set_active(name)
        self.connection.reload()
        self._show_connection()

    def _preset_saved(self, name: str, text: str) -> None:
        self.apply_settings(replace(self.settings, presets={**self.settings.presets, name: text}))

    # ----- settings ----------------------------------------------------------------------

    def open_settings(self, focus_key: bool = False) -> None:
        if (open_dialog := self._open_dialog()) is not None:
            open_dialog.raise_()
            if focus_key:
                open_dialog.focus_key_field()
            return
        from app.ui.settings.dialog import SettingsDialog
        from app.ui.settings.models_page import ModelsPage
        from app.ui.settings.quick_ask_page import QuickAskPage

        dialog = SettingsDialog(self.profiles.profiles(), self.profiles.active_name(),
                                self.settings, parent=self.window, env=env_fields(),
                                key_from_env=self.keys.from_env())
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.profilesSaved.connect(self._save_profiles)
        dialog.keySaveRequested.connect(lambda n, k: start_task(self._save_key(dialog, n, k)))
        dialog.keyDeleteRequested.connect(lambda n: start_task(self._delete_key(dialog, n)))
        dialog.testRequested.connect(lambda p, k: start_task(self._test(dialog, p, k)))
        dialog.settingsSaved.connect(self.apply_settings)
        quick = QuickAskPage(self.settings, self.hotkey.status, tray_available())
        quick.shortcutChanged.connect(self._shortcut_changed)
        quick.trayChanged.connect(self._tray_changed)
        self.hotkey.statusChanged.connect(quick.hotkey.show_status)
        chat_models = [p.chat_model for p in self.profiles.profiles().values()]
        dialog.add_page(ModelsPage(self.settings, chat_models), self.tr("Models"))
        dialog.add_page(quick, self.tr("Quick ask"))
        dialog.profile_list.currentItemChanged.connect(
            lambda *_: start_task(self._key_status(dialog)))
        self.dialog = dialog
        dialog.open()
        if focus_key:
            dialog.focus_key_field()
        start_task(self._key_status(dialog))

    async def _key_status(self, dialog: SettingsDialog) -> None:
        dialog.show_key_status(*await self.actions.key_status(dialog.current_profile_name()))

    async def _save_key(self, dialog: SettingsDialog, name: str, key: str) -> None:
        try:
            await self.actions.save_key(name, key)
        except ParleyError as error:
            dialog.show_key_status(str(error), False)
            return
        await self._key_status(dialog)  # the next answer's gateway() picks up the new key
        self.window.show_notice("")

    async def _delete_key(self, dialog: SettingsDialog, name: str) -> None:
        try:
            await self.actions.delete_key(name)
        except ParleyError as error:
            dialog.show_key_status(str(error), False)
            return
        await self._key_status(dialog)

    async def _test(self, dialog: SettingsDialog, profile: Profile, typed_key: str) -> None:
        report = await self.actions.test(profile, typed_key)
        if report is None:
            dialog.show_test_result(self.tr("Enter or save a key first."), False)
        else:
            dialog.show_test_result(report.describe(), report.ok)

    @reports_failures
    def _save_profiles(self, profiles: list[Profile], active: str) -> None:
        self.actions.save_profiles(profiles, active)
        self._show_connection()

    # ----- the first-run welcome (app.ui.welcome.flow) -----------------------------------

    def _key_needed(self) -> None:
        """A question went without a key: Settings' key field if it is open, else the
        welcome (the draft stays in the composer)."""
        if self._open_dialog() is not None:
            self.open_settings(focus_key=True)
        else:
            self.first_run.open()

    def _shortcut_changed(self, text: str) -> None:
        self.apply_settings(replace(self.settings, quick_ask_shortcut=text))

    def _tray_changed(self, keep: bool) -> None:
        self.apply_settings(replace(self.settings, keep_in_tray=keep))

    def apply_settings(self, new: Settings) -> None:
        """Make ``new`` the settings: store it, and do at once what a changed field needs
        (a field read when used, like ``model_titles`` or ``language``, needs nothing)."""
        old, self.settings = self.settings, new
        if new == old:
            return
        try:
            new.save()
        except (ParleyError, OSError) as error:  # applied for this run all the same
            self.window.show_notice(str(error))
        if new.theme != old.theme or new.text_size != old.text_size:
            theme = apply_appearance(new.theme) if new.theme != old.theme else theme_for_palette()
            self.controller.set_theme(scaled_theme(theme, new.text_size))
            self.quick.set_renderer(self.controller.renderer)
        if new.text_size != old.text_size:
            self.window.set_text_size(new.text_size)
        if new.context_windows != old.context_windows:
            self.controller.documents.check()  # staged files may fit now, or no longer
        if new.quick_ask_shortcut != old.quick_ask_shortcut:
            self.hotkey.register(new.quick_ask_shortcut)
        if new.keep_in_tray != old.keep_in_tray:
            self._apply_tray()
        if new.presets != old.presets:
            self._show_connection()

    def _remember_placement(self) -> None:
        """Keep the main window's size and place for the next start (app.main restores it)."""
        placement = self.window.placement()
        if placement is not None:
            geometry, maximized = placement
            self.apply_settings(replace(self.settings, window_geometry=geometry,
                                        window_maximized=maximized))

    def _open_dialog(self) -> SettingsDialog | None:
        """The settings dialog if it is open. A closed one deletes itself (WA_DeleteOnClose):
        touching it then raised, so a second Settings or a quit after Save failed."""
        dialog = self.dialog
        if dialog is None or not shiboken6.isValid(dialog) or not dialog.isVisible():
            return None
        return dialog

    # ----- requests from launches (app.main, app.ui.runtime.single_instance) ---------------------

    def handle_request(self, request) -> None:
        """Perform an :class:`~app.core.instance_protocol.InstanceRequest`: this launch's
        (after :meth:`show`) or a later ``parley`` / ``parley show`` / ``parley quick-ask``
        handed over by the instance server. GUI thread."""
        if request.cmd == "quick-ask":
            self.quick.open()
        else:
            self.raise_window()

    def _continue_quick_ask(self, conversation_id: int) -> None:
        start_task(self.controller.open(conversation_id))
        self.raise_window()

    def _apply_tray(self) -> None:
        """With a tray, closing the window keeps Parley running there (if the user wants)."""
        keep = self.settings.keeps_running_in_tray(tray_available())
        shown = self.tray.show() if keep else False
        if not keep:
            self.tray.hide()
        QApplication.setQuitOnLastWindowClosed(not shown)

    def raise_window(self) -> None:
        window = self.window
        if window.isMinimized():
            window.showNormal()
        window.show()
        window.raise_()
        window.activateWindow()

    # ----- shutdown ----------------------------------------------------------------------

    async def shutdown(self) -> None:
        """Store what is pending and release everything; safe to call once at quit."""
        self._remember_placement()  # Ctrl+Q or the tray's Quit: no close event came
        tasks.set_reporter(None)  # the window is going
        self.hotkey.unregister()
        self.quick.stop()
        self.tray.hide()
        await self.controller.close()
        await self.connection.aclose()
        await self.history.close()
        if (dialog := self._open_dialog()) is not None:
            dialog.close()
        self.first_run.close()
