"""Settings: connection profiles, the API key, Test connection, and appearance.

A view only: it edits copies of the profiles and of the app's :class:`Settings` and emits
what the user asked for — on Save, :attr:`SettingsDialog.settingsSaved` carries the edited
copy (the object it was given is immutable, so it never changes); the wiring applies and
stores it. Pages added with :meth:`SettingsDialog.add_page` that edit settings too
(:class:`EditsSettings`) contribute to that copy. The wiring does keyring and network work
off the GUI thread and calls :meth:`show_key_status` / :meth:`show_test_result` with the
outcome. Open it with ``open()``, never ``exec()`` (a nested event loop breaks qasync).
Threading: GUI thread only."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any, Protocol, runtime_checkable

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication, QSize, Qt, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from app.core.config.profiles import DEFAULT_PROFILE, PRESETS, Profile, preset_for_style, preset_of
from app.core.config.settings import Settings
from app.core.config.styles import DEFAULT_STYLE, gateway_styles
from app.core.errors import ConfigError
from app.ui.runtime.placement import fit_size, scrolling
from app.ui.settings.appearance_page import AppearancePage

_PATH_FIELDS = ("chat_path", "images_path", "embeddings_path", "balance_path")
_TEXT_FIELDS = ("label", "base_url", *_PATH_FIELDS, "chat_model", "images_model",
                "embeddings_model", "api_version", "proxy", "ca_bundle")
# The style labels (app.core.config.styles), marked for lupdate; shown through translate().
_STYLE_LABELS = (QT_TRANSLATE_NOOP("SettingsDialog", "EduHK API Management"),
                 QT_TRANSLATE_NOOP("SettingsDialog", "Azure deployment"),
                 QT_TRANSLATE_NOOP("SettingsDialog", "OpenAI-compatible"))


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
                 settings: Settings | None = None, *, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._settings = settings if settings is not None else Settings()
        self._pages: list[QWidget] = []  # added pages, in order; some edit settings
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))
        self.resize(fit_size(parent or self, QSize(780, 820)))  # Save stays on screen
        self._profiles = dict(profiles)
        self._active = active
        self._current = ""
        self.tabs = QTabWidget(self)
        self.tabs.addTab(self._build_connection_tab(), self.tr("Connection"))
        self.appearance = AppearancePage(self._settings)
        self.add_page(self.appearance, self.tr("Appearance"))
        # Its controls, also reachable as the dialog's own attributes (as before the split).
        self.theme_box = self.appearance.theme_box
        self.language_box = self.appearance.language_box
        self.model_titles = self.appearance.model_titles
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Save
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self._save)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        self._fill_list()

    # ----- building ----------------------------------------------------------------------

    def _build_connection_tab(self) -> QWidget:
        page = QWidget(self)
        self.profile_list = QListWidget(page)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setAccessibleName(self.tr("Profiles"))
        self.profile_list.currentItemChanged.connect(self._switch_profile)
        add = QPushButton(self.tr("Add"), page)
        add.clicked.connect(self._add_profile)
        self.remove_button = QPushButton(self.tr("Remove"), page)
        self.remove_button.clicked.connect(self._remove_profile)
        self.use_button = QPushButton(self.tr("Use this profile"), page)
        self.use_button.clicked.connect(self._use_profile)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        left.addWidget(self.use_button)

        form = QFormLayout()
        self.fields: dict[str, QLineEdit] = {}
        labels = {
            "label": self.tr("Display name"), "base_url": self.tr("Base URL"),
            "chat_path": self.tr("Chat path"), "images_path": self.tr("Images path"),
            "embeddings_path": self.tr("Embeddings path"),
            "balance_path": self.tr("Balance path"),
            "chat_model": self.tr("Chat model / deployment"),
            "images_model": self.tr("Image model / deployment"),
            "embeddings_model": self.tr("Embeddings model / deployment"),
            "api_version": self.tr("api-version (optional)"),
            "proxy": self.tr("Proxy (optional)"), "ca_bundle": self.tr("CA bundle (optional)"),
        }
        self.style_box = QComboBox(page)
        self.style_box.setObjectName("styleBox")
        for style in gateway_styles():
            self.style_box.addItem(QCoreApplication.translate("SettingsDialog", style.label),
                                   style.name)
        self.style_box.activated.connect(self._style_picked)
        form.addRow(self.tr("Gateway style"), self.style_box)
        for name in _TEXT_FIELDS:
            edit = QLineEdit(page)
            edit.setObjectName(f"field_{name}")
            edit.setAccessibleName(labels[name])
            self.fields[name] = edit
            if name == "ca_bundle":
                browse = QPushButton(self.tr("Browse…"), page)
                browse.clicked.connect(self._browse_ca)
                box = QHBoxLayout()
                box.addWidget(edit, 1)
                box.addWidget(browse)
                form.addRow(labels[name], box)
            else:
                form.addRow(labels[name], edit)
        self.fields["base_url"].setPlaceholderText("https://…")
        self.fields["proxy"].setPlaceholderText("http://proxy.example:8080")
        self.auth_box = QComboBox(page)
        self.auth_box.addItem(self.tr("api-key header"), "api-key")
        self.auth_box.addItem(self.tr("Authorization: Bearer"), "bearer")
        form.addRow(self.tr("Send the key as"), self.auth_box)
        self.stream_usage = QCheckBox(self.tr("Ask for token usage while streaming"), page)
        form.addRow("", self.stream_usage)
        self.read_timeout = QSpinBox(page)
        self.read_timeout.setRange(5, 600)
        self.read_timeout.setSuffix(self.tr(" s"))
        form.addRow(self.tr("Wait for the next chunk"), self.read_timeout)
        self.temperature = QDoubleSpinBox(page)
        self.temperature.setRange(-0.1, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("gateway default"))
        self.temperature.setValue(-0.1)
        form.addRow(self.tr("Default temperature"), self.temperature)
        self.max_tokens = QSpinBox(page)
        self.max_tokens.setRange(0, 200000)
        self.max_tokens.setSpecialValueText(self.tr("gateway default"))
        form.addRow(self.tr("Default max tokens"), self.max_tokens)

        key_box = QGroupBox(self.tr("API key"), page)
        self.key_edit = QLineEdit(key_box)
        self.key_edit.setObjectName("keyField")
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste the key for this profile"))
        save_key = QPushButton(self.tr("Save key"), key_box)
        save_key.setObjectName("saveKeyButton")
        save_key.clicked.connect(self._save_key)
        delete_key = QPushButton(self.tr("Delete key"), key_box)
        delete_key.clicked.connect(lambda: self.keyDeleteRequested.emit(self._current))
        self.key_status = QLabel(key_box)
        self.key_status.setObjectName("keyStatus")
        self.key_status.setWordWrap(True)
        self.key_status.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(save_key)
        key_row.addWidget(delete_key)
        key_layout = QVBoxLayout(key_box)
        key_layout.addLayout(key_row)
        key_layout.addWidget(self.key_status)

        self.test_button = QPushButton(self.tr("Test connection"), page)
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self._test)
        self.test_result = QPlainTextEdit(page)
        self.test_result.setObjectName("testResult")
        self.test_result.setReadOnly(True)
        self.test_result.setMaximumHeight(80)
        self.test_result.setPlaceholderText(self.tr("The URL called and what came back show here."))

        self.form_error = QLabel(page)
        self.form_error.setObjectName("formError")
        self.form_error.setWordWrap(True)
        self.form_error.setStyleSheet("color: #c62828;")
        self.form_error.hide()
        right = QVBoxLayout()
        right.addWidget(self.form_error)
        right.addLayout(form)
        right.addWidget(key_box)
        right.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignLeft)
        right.addWidget(self.test_result)
        layout = QHBoxLayout(page)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        for widget, name in ((add, "addButton"), (self.remove_button, "removeButton"),
                             (self.use_button, "useProfileButton"), (browse, "browseCaButton"),
                             (delete_key, "deleteKeyButton"), (self.auth_box, "authBox"),
                             (self.stream_usage, "streamUsage"), (self.temperature, "temperature"),
                             (self.read_timeout, "readTimeout"), (self.max_tokens, "maxTokens")):
            widget.setObjectName(name)  # every control named: for tests, accessibility tools
        return scrolling(page)  # 13 rows and more: taller than a small screen

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
        return self._current

    def show_key_status(self, text: str, secure: bool = True) -> None:
        self.key_status.setText(text if secure else "⚠ " + text)
        self.key_status.setProperty("warning", not secure)
        self.key_edit.clear()

    def show_test_result(self, text: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setPlainText(("✓ " if ok else "✗ ") + text)

    # ----- internals ---------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.profile_list.clear()
        for name in sorted(self._profiles):
            item = QListWidgetItem(self._list_text(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.profile_list.addItem(item)
            if name == self._active:
                self.profile_list.setCurrentItem(item)
        if self.profile_list.currentItem() is None and self.profile_list.count():
            self.profile_list.setCurrentRow(0)

    def _list_text(self, name: str) -> str:
        profile = self._profiles[name]
        mark = " ✓" if name == self._active else ""
        return f"{profile.label or name}{mark}"

    def _switch_profile(self, current: QListWidgetItem | None, previous) -> None:
        if previous is not None and self._current and not self._commit_form():
            return
        if current is None:
            return
        self._current = current.data(Qt.ItemDataRole.UserRole)
        self._load_form(self._profiles[self._current])
        self.remove_button.setText(self.tr("Reset") if self._current in PRESETS
                                   else self.tr("Remove"))
        self.test_result.clear()
        self.key_status.clear()

    def _load_form(self, profile: Profile) -> None:
        self.style_box.setCurrentIndex(self.style_box.findData(profile.style))
        for name, edit in self.fields.items():
            edit.setText(str(getattr(profile, name) or ""))
        self.auth_box.setCurrentIndex(self.auth_box.findData(profile.auth))
        self.stream_usage.setChecked(profile.stream_usage)
        self.read_timeout.setValue(int(profile.read_timeout))
        temp = profile.defaults.get("temperature")
        self.temperature.setValue(-0.1 if temp is None else float(temp))
        self.max_tokens.setValue(int(profile.defaults.get("max_tokens") or 0))

    def _form_profile(self) -> Profile:
        base = self._profiles[self._current]
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in self.fields.items()}
        defaults = dict(base.defaults)
        for key, value in (("temperature", self.temperature.value()),
                           ("max_tokens", self.max_tokens.value())):
            if value == (self.temperature.minimum() if key == "temperature" else 0):
                defaults.pop(key, None)
            else:
                defaults[key] = round(value, 2) if key == "temperature" else int(value)
        return replace(base, style=self.style_box.currentData(), auth=self.auth_box.currentData(),
                       stream_usage=self.stream_usage.isChecked(),
                       read_timeout=float(self.read_timeout.value()), defaults=defaults, **values)

    def _commit_form(self) -> bool:
        try:
            self._profiles[self._current] = self._form_profile().validate()
            self.form_error.hide()
            return True
        except ConfigError as error:
            self.tabs.setCurrentIndex(0)
            self.form_error.setText(str(error))
            self.form_error.show()
            return False

    def _style_picked(self) -> None:
        # A new style brings that style's paths and key header; the URL and models stay.
        preset = preset_for_style(self.style_box.currentData())
        for name in _PATH_FIELDS:
            self.fields[name].setText(getattr(preset, name))
        self.auth_box.setCurrentIndex(self.auth_box.findData(preset.auth))
        self.stream_usage.setChecked(preset.stream_usage)

    def _add_profile(self) -> None:
        if not self._commit_form():
            return
        number = 1
        while f"custom-{number}" in self._profiles:
            number += 1
        name = f"custom-{number}"
        label = self.tr("Custom gateway %1").replace("%1", str(number))
        self._profiles[name] = replace(preset_of(DEFAULT_STYLE), name=name, label=label,
                                       base_url="https://")
        self._fill_list_and_select(name)
        self.fields["base_url"].setFocus()

    def _fill_list_and_select(self, name: str) -> None:
        self._current = ""
        self._fill_list()
        for row in range(self.profile_list.count()):
            if self.profile_list.item(row).data(Qt.ItemDataRole.UserRole) == name:
                self.profile_list.setCurrentRow(row)

    def _remove_profile(self) -> None:
        name = self._current
        if name in PRESETS:
            self._profiles[name] = PRESETS[name]
            self._load_form(PRESETS[name])
            return
        del self._profiles[name]
        if self._active == name:
            self._active = DEFAULT_PROFILE
        self._fill_list_and_select(self._active)

    def _use_profile(self) -> None:
        if self._commit_form():
            self._active = self._current
            for row in range(self.profile_list.count()):
                item = self.profile_list.item(row)
                item.setText(self._list_text(item.data(Qt.ItemDataRole.UserRole)))

    def _save_key(self) -> None:
        key = self.key_edit.text().strip()
        if key:
            self.keySaveRequested.emit(self._current, key)

    def _test(self) -> None:
        if not self._commit_form():
            return
        self.test_button.setEnabled(False)
        self.test_result.setPlainText(self.tr("Testing…"))
        self.testRequested.emit(self._profiles[self._current], self.key_edit.text().strip())

    def _browse_ca(self) -> None:
        dialog = QFileDialog(self, self.tr("Choose a CA bundle"))
        dialog.setNameFilter(self.tr("Certificates (*.pem *.crt *.cer);;All files (*)"))
        dialog.fileSelected.connect(self.fields["ca_bundle"].setText)
        dialog.open()

    def _save(self) -> None:
        if not self._commit_form():
            return
        self.profilesSaved.emit(list(self._profiles.values()), self._active)
        self.settingsSaved.emit(self.edited_settings())
        self.accept()

    def edited_settings(self) -> Settings:
        """The settings given, with what this dialog's pages say (Appearance, Quick ask…)."""
        settings = self._settings
        for page in self._pages:
            if isinstance(page, EditsSettings):
                settings = page.edited(settings)
        return settings
