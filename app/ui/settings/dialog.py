"""Settings: connection profiles, the API key, Test connection, and appearance.

A view only: it edits copies of the profiles and of the app's :class:`Settings` and emits
what the user asked for — on Save, :attr:`SettingsDialog.settingsSaved` carries the edited
copy (the object it was given is immutable, so it never changes); the wiring applies and
stores it. Pages added with :meth:`SettingsDialog.add_page` that edit settings too
(:class:`EditsSettings`) contribute to that copy. The wiring does keyring and network work
off the GUI thread and calls :meth:`show_key_status` / :meth:`show_test_result` with the
outcome. The Connection tab is :class:`ConnectionPage` (connection_page.py); its controls
are the dialog's attributes too. Open it with ``open()``, never ``exec()`` (a nested event
loop breaks qasync).
Threading: GUI thread only."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Protocol, runtime_checkable

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QTabWidget, QVBoxLayout, QWidget

from app.core.config.profiles import Profile
from app.core.config.settings import Settings
from app.ui.runtime.icons import plain_buttons
from app.ui.runtime.placement import fit_size, scrolling
from app.ui.settings.appearance_page import AppearancePage
from app.ui.settings.connection_page import ConnectionPage


@runtime_checkable
class EditsSettings(Protocol):
    """A page that edits settings: on Save it returns ``settings`` with its changes."""

    def edited(self, settings: Settings) -> Settings: ...


class SettingsDialog(QDialog):
    profilesSaved = Signal(list, str)          # [Profile], active profile name
    keySaveRequested = Signal(str, str)        # profile name, key
    keyDeleteRequested = Signal(str)
    testRequested = Signal(object, str)        # Profile as edited, key typed ("" = stored)
    settingsSaved = Signal(object)             # Settings: an edited copy of those given

    def __init__(self, profiles: Mapping[str, Profile], active: str,
                 settings: Settings | None = None, *, parent: QWidget | None = None,
                 env: Mapping[str, tuple[str, str]] | None = None,
                 key_from_env: bool = False) -> None:
        """``env``: the fields PARLEY_* variables set, field → (variable, value)
        (:func:`~app.core.config.profiles.env_fields`); ``key_from_env``: PARLEY_API_KEY
        is set. Those fields are shown read-only, with a note."""
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings()
        self._pages: list[QWidget] = []  # added pages, in order; some edit settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(fit_size(parent or self, QSize(780, 680)))  # Save stays on screen
        self.tabs = QTabWidget(self)
        self.connection = ConnectionPage(profiles, active, env, key_from_env)
        self.connection.keySaveRequested.connect(self.keySaveRequested)
        self.connection.keyDeleteRequested.connect(self.keyDeleteRequested)
        self.connection.testRequested.connect(self.testRequested)
        self.tabs.addTab(scrolling(self.connection), self.tr("Connection"))  # small screens
        page = self.connection  # its controls are the dialog's too, as before the split
        self.profile_list = page.profile_list
        self.fields = page.fields
        self.style_box = page.style_box
        self.auth_box = page.auth_box
        self.stream_usage = page.stream_usage
        self.read_timeout = page.read_timeout
        self.temperature = page.temperature
        self.max_tokens = page.max_tokens
        self.key_edit = page.key_edit
        self.test_button = page.test_button
        self.test_result = page.test_result
        self.form_error = page.form_error
        self.appearance = AppearancePage(self._settings)
        self.add_page(self.appearance, self.tr("Appearance"))
        # Its controls, also reachable as the dialog's own attributes (as before the split).
        self.theme_box = self.appearance.theme_box
        self.language_box = self.appearance.language_box
        self.model_titles = self.appearance.model_titles
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        plain_buttons(buttons.buttons())
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)

    # ----- attributes down ---------------------------------------------------------------

    def add_page(self, page: QWidget, title: str) -> None:
        """A page built elsewhere (e.g. Quick ask), after the built-in ones. If it edits
        settings (:class:`EditsSettings`), its changes join the copy emitted on Save."""
        page.setParent(self)
        self.tabs.addTab(page, title)
        self._pages.append(page)

    def focus_key_field(self) -> None:
        self.tabs.setCurrentIndex(0)
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)

    def current_profile_name(self) -> str:
        return self.connection.current_profile_name()

    def show_key_status(self, text: str, secure: bool = True) -> None:
        self.connection.show_key_status(text, secure)

    def show_test_result(self, text: str, ok: bool) -> None:
        self.connection.show_test_result(text, ok)

    # ----- internals ---------------------------------------------------------------------

    # What the Connection tab's buttons do (tests press them through the dialog).
    def _use_profile(self) -> None:
        self.connection._use_profile()

    def _add_profile(self) -> None:
        self.connection._add_profile()

    def _style_picked(self) -> None:
        self.connection._style_picked()

    def _save_key(self) -> None:
        self.connection._save_key()

    def _test(self) -> None:
        self.connection._test()

    def _save(self) -> None:
        if not self.connection.commit():
            self.tabs.setCurrentIndex(0)
            return
        self.profilesSaved.emit(self.connection.edited_profiles(), self.connection.active)
        self.settingsSaved.emit(self.edited_settings())
        self.accept()

    def edited_settings(self) -> Settings:
        """The settings given, with what this dialog's pages say (Appearance, Quick ask…)."""
        settings = self._settings
        for page in self._pages:
            if isinstance(page, EditsSettings):
                settings = page.edited(settings)
        return settings
