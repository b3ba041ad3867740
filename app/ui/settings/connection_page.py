"""Settings' Connection tab: the profiles, one profile's form, its key, and Test connection.

What a student needs comes first — gateway style, display name, base URL, chat model, the
key and Test; the engineer's fields (paths, the other models and deployments, api-version,
proxy, CA bundle, how the key is sent, stream usage, the read timeout and the default
temperature and max tokens) wait in a collapsed "Advanced" section (:class:`Expander`).
A field that a ``PARLEY_*`` variable sets for this process (:func:`env_fields`, and
``PARLEY_API_KEY`` for the key) shows that value, read-only, with a note saying so; Save
keeps the stored value there, since the variable wins anyway.

It edits copies of the profiles; the dialog asks :meth:`ConnectionPage.commit` and
:meth:`ConnectionPage.edited_profiles` on Save. Key and test requests go up as signals.
Its texts keep the dialog's translation context ("SettingsDialog", where they were
translated first): lupdate reads only ``translate(...)`` spelled out, hence the repetition.
Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
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
    QVBoxLayout,
    QWidget,
)

from app.core.config.profiles import (
    DEFAULT_PROFILE,
    PRESETS,
    Profile,
    apply_env,
    preset_for_style,
    preset_of,
)
from app.core.config.styles import DEFAULT_STYLE, gateway_styles
from app.core.errors import ConfigError
from app.ui.settings.connection_fields import (
    ADVANCED_FIELDS,
    MAIN_FIELDS,
    PATH_FIELDS,
    EngineerControls,
    env_note,
    field_labels,
    noted,
    translate,
)
from app.ui.settings.expander import Expander


class ConnectionPage(QWidget):
    keySaveRequested = Signal(str, str)        # profile name, key
    keyDeleteRequested = Signal(str)
    testRequested = Signal(object, str)        # Profile as edited, key typed ("" = stored)

    def __init__(self, profiles: Mapping[str, Profile], active: str,
                 env: Mapping[str, tuple[str, str]] | None = None, key_from_env: bool = False,
                 parent: QWidget | None = None) -> None:
        """``env``: field → (variable, value) set for this process (profiles.env_fields);
        ``key_from_env``: PARLEY_API_KEY is set."""
        super().__init__(parent)
        self._profiles = dict(profiles)
        self.active = active
        self._current = ""
        self._env = dict(env or {})
        self._build(key_from_env)
        self._fill_list()

    # ----- building ----------------------------------------------------------------------

    def _build(self, key_from_env: bool) -> None:
        self.profile_list = QListWidget(self)
        self.profile_list.setObjectName("profileList")
        self.profile_list.setAccessibleName(translate("SettingsDialog", "Profiles"))
        self.profile_list.currentItemChanged.connect(self._switch_profile)
        add = QPushButton(translate("SettingsDialog", "Add"), self)
        add.clicked.connect(self._add_profile)
        self.remove_button = QPushButton(translate("SettingsDialog", "Remove"), self)
        self.remove_button.clicked.connect(self._remove_profile)
        self.use_button = QPushButton(translate("SettingsDialog", "Use this profile"), self)
        self.use_button.clicked.connect(self._use_profile)
        left = QVBoxLayout()
        left.addWidget(self.profile_list, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(self.remove_button)
        left.addLayout(row)
        left.addWidget(self.use_button)

        labels = field_labels()
        self.style_box = QComboBox(self)
        self.style_box.setObjectName("styleBox")
        self.style_box.setAccessibleName(translate("SettingsDialog", "Gateway style"))
        for style in gateway_styles():
            self.style_box.addItem(translate("SettingsDialog", style.label), style.name)
        self.style_box.activated.connect(self._style_picked)
        self.advanced = Expander(translate("SettingsDialog", "Advanced"), "connectionAdvanced",
                                 self)
        form = QFormLayout()
        form.addRow(translate("SettingsDialog", "Gateway style"),
                    self._noted("style", self.style_box))
        self.fields: dict[str, QLineEdit] = {}
        browse = QPushButton(translate("SettingsDialog", "Browse…"), self)
        browse.clicked.connect(self._browse_ca)
        for name in (*MAIN_FIELDS, *ADVANCED_FIELDS):
            edit = QLineEdit(self)
            edit.setObjectName(f"field_{name}")
            edit.setAccessibleName(labels[name])
            self.fields[name] = edit
            target = form if name in MAIN_FIELDS else self.advanced.form
            if name == "ca_bundle":
                box = QHBoxLayout()
                box.addWidget(edit, 1)
                box.addWidget(browse)
                target.addRow(labels[name], box)
            else:
                target.addRow(labels[name], self._noted(name, edit))
        self.fields["base_url"].setPlaceholderText("https://…")
        self.fields["proxy"].setPlaceholderText("http://proxy.example:8080")
        self.engineer = EngineerControls(self.advanced.form, self)
        self.auth_box = self.engineer.auth_box  # as before the split, for tests and tools
        self.stream_usage = self.engineer.stream_usage
        self.read_timeout = self.engineer.read_timeout
        self.temperature = self.engineer.temperature
        self.max_tokens = self.engineer.max_tokens

        key_box = QGroupBox(translate("SettingsDialog", "API key"), self)
        self.key_edit = QLineEdit(key_box)
        self.key_edit.setObjectName("keyField")
        self.key_edit.setAccessibleName(translate("SettingsDialog", "API key"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(
            translate("SettingsDialog", "Paste the key for this profile"))
        save_key = QPushButton(translate("SettingsDialog", "Save key"), key_box)
        save_key.setObjectName("saveKeyButton")
        save_key.clicked.connect(self._save_key)
        delete_key = QPushButton(translate("SettingsDialog", "Delete key"), key_box)
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
        if key_from_env:  # the variable wins over any key saved here: say so, take none
            key_layout.addWidget(env_note("PARLEY_API_KEY", key_box))
            self.key_edit.setReadOnly(True)
            self.key_edit.setPlaceholderText("")
            save_key.setEnabled(False)
        key_layout.addWidget(self.key_status)

        self.test_button = QPushButton(translate("SettingsDialog", "Test connection"), self)
        self.test_button.setObjectName("testButton")
        self.test_button.clicked.connect(self._test)
        self.test_result = QPlainTextEdit(self)
        self.test_result.setObjectName("testResult")
        self.test_result.setReadOnly(True)
        self.test_result.setMaximumHeight(80)
        self.test_result.setPlaceholderText(translate(
            "SettingsDialog", "The URL called and what came back show here."))

        self.form_error = QLabel(self)
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
        right.addWidget(self.advanced)
        right.addStretch(1)
        layout = QHBoxLayout(self)
        layout.addLayout(left, 1)
        layout.addLayout(right, 3)
        for widget, name in ((add, "addButton"), (self.remove_button, "removeButton"),
                             (self.use_button, "useProfileButton"), (browse, "browseCaButton"),
                             (delete_key, "deleteKeyButton")):
            widget.setObjectName(name)  # every control named: for tests, accessibility tools
        # Tab as the page reads: the first fields, the key, Test, then Advanced and its rows.
        chain: list[QWidget] = [self.profile_list, add, self.remove_button, self.use_button,
                                self.style_box, *(self.fields[n] for n in MAIN_FIELDS),
                                self.key_edit, save_key, delete_key, self.test_button,
                                self.test_result, self.advanced.header,
                                *(self.fields[n] for n in ADVANCED_FIELDS), browse,
                                self.auth_box, self.stream_usage, self.read_timeout,
                                self.temperature, self.max_tokens]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _noted(self, name: str, field: QWidget) -> QWidget:
        return noted(field, self._env[name][0] if name in self._env else None, self)

    # ----- attributes down ---------------------------------------------------------------

    def current_profile_name(self) -> str:
        return self._current

    def show_key_status(self, text: str, secure: bool = True) -> None:
        self.key_status.setText(text if secure else "⚠ " + text)
        self.key_status.setProperty("warning", not secure)
        self.key_edit.clear()

    def show_test_result(self, text: str, ok: bool) -> None:
        self.test_button.setEnabled(True)
        self.test_result.setPlainText(("✓ " if ok else "✗ ") + text)

    def commit(self) -> bool:
        """Take the form into the edited profiles; False (the error shown) if it is invalid."""
        try:
            self._profiles[self._current] = self._form_profile().validate()
            self.form_error.hide()
            return True
        except ConfigError as error:
            self.form_error.setText(str(error))
            self.form_error.show()
            return False

    def edited_profiles(self) -> list[Profile]:
        return list(self._profiles.values())

    # ----- internals ---------------------------------------------------------------------

    def _fill_list(self) -> None:
        self.profile_list.clear()
        for name in sorted(self._profiles):
            item = QListWidgetItem(self._list_text(name))
            item.setData(Qt.ItemDataRole.UserRole, name)
            self.profile_list.addItem(item)
            if name == self.active:
                self.profile_list.setCurrentItem(item)
        if self.profile_list.currentItem() is None and self.profile_list.count():
            self.profile_list.setCurrentRow(0)

    def _list_text(self, name: str) -> str:
        profile = self._profiles[name]
        mark = " ✓" if name == self.active else ""
        return f"{profile.label or name}{mark}"

    def _switch_profile(self, current: QListWidgetItem | None, previous) -> None:
        if previous is not None and self._current and not self.commit():
            return
        if current is None:
            return
        self._current = current.data(Qt.ItemDataRole.UserRole)
        self._load_form(self._profiles[self._current])
        self.remove_button.setText(translate("SettingsDialog", "Reset")
                                   if self._current in PRESETS
                                   else translate("SettingsDialog", "Remove"))
        self.test_result.clear()
        self.key_status.clear()

    def _load_form(self, profile: Profile) -> None:
        env: dict[str, Any] = {name: value for name, (_, value) in self._env.items()}
        shown = replace(profile, **env)
        self.style_box.setCurrentIndex(self.style_box.findData(shown.style))
        for name, edit in self.fields.items():
            edit.setText(str(getattr(shown, name) or ""))
        self.engineer.load(profile)

    def _form_profile(self) -> Profile:
        base = self._profiles[self._current]
        values: dict[str, Any] = {name: edit.text().strip() for name, edit in self.fields.items()}
        values["style"] = self.style_box.currentData()
        for name in self._env:  # shown as the variable says; what is stored stays
            values[name] = getattr(base, name)
        return replace(base, **self.engineer.changes(base), **values)

    def _style_picked(self) -> None:
        # A new style brings that style's paths and key header; the URL and models stay.
        preset = preset_for_style(self.style_box.currentData())
        for name in PATH_FIELDS:
            self.fields[name].setText(getattr(preset, name))
        self.auth_box.setCurrentIndex(self.auth_box.findData(preset.auth))
        self.stream_usage.setChecked(preset.stream_usage)

    def _add_profile(self) -> None:
        if not self.commit():
            return
        number = 1
        while f"custom-{number}" in self._profiles:
            number += 1
        name = f"custom-{number}"
        label = translate("SettingsDialog", "Custom gateway %1").replace("%1", str(number))
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
        if self.active == name:
            self.active = DEFAULT_PROFILE
        self._fill_list_and_select(self.active)

    def _use_profile(self) -> None:
        if self.commit():
            self.active = self._current
            for row in range(self.profile_list.count()):
                item = self.profile_list.item(row)
                item.setText(self._list_text(item.data(Qt.ItemDataRole.UserRole)))

    def _save_key(self) -> None:
        key = self.key_edit.text().strip()
        if key and not self.key_edit.isReadOnly():
            self.keySaveRequested.emit(self._current, key)

    def _test(self) -> None:
        if not self.commit():
            return
        self.test_button.setEnabled(False)
        self.test_result.setPlainText(translate("SettingsDialog", "Testing…"))
        env = dict(self._env.values())
        try:  # tested as this session would use it: with the variables applied
            profile = apply_env(self._profiles[self._current], env)
        except ConfigError as error:
            self.show_test_result(str(error), False)
            return
        self.testRequested.emit(profile, self.key_edit.text().strip())

    def _browse_ca(self) -> None:
        dialog = QFileDialog(self, translate("SettingsDialog", "Choose a CA bundle"))
        dialog.setNameFilter(translate(
            "SettingsDialog", "Certificates (*.pem *.crt *.cer);;All files (*)"))
        dialog.fileSelected.connect(self.fields["ca_bundle"].setText)
        dialog.open()
