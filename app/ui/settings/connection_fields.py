"""Pieces of a connection form that Settings' Connection tab and the first-run welcome share:
the fields' labels, the note beside a field a ``PARLEY_*`` variable sets, and the engineer's
controls (how the key is sent, stream usage, read timeout, default temperature and max
tokens) with how they read from and into a :class:`Profile`.

Texts keep the Settings dialog's translation context ("SettingsDialog", where they were
translated first); lupdate reads only ``translate("Context", "…")`` calls spelled out.
Threading: GUI thread only.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QT_TRANSLATE_NOOP, QCoreApplication
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from app.core.config.profiles import Profile
from app.ui.runtime.check_box import check_box

translate = QCoreApplication.translate  # lupdate reads translate("Context", "…") calls

PATH_FIELDS = ("chat_path", "images_path", "embeddings_path", "balance_path")
MAIN_FIELDS = ("label", "base_url", "chat_model")
ADVANCED_FIELDS = (*PATH_FIELDS, "images_model", "embeddings_model", "api_version", "proxy",
                   "ca_bundle")
# The style labels (app.core.config.styles), marked for lupdate; shown through translate().
_STYLE_LABELS = (QT_TRANSLATE_NOOP("SettingsDialog", "EduHK API Management"),
                 QT_TRANSLATE_NOOP("SettingsDialog", "Azure deployment"),
                 QT_TRANSLATE_NOOP("SettingsDialog", "OpenAI-compatible"))


def field_labels() -> dict[str, str]:
    """Each text field's label, translated."""
    return {
        "label": translate("SettingsDialog", "Display name"),
        "base_url": translate("SettingsDialog", "Base URL"),
        "chat_path": translate("SettingsDialog", "Chat path"),
        "images_path": translate("SettingsDialog", "Images path"),
        "embeddings_path": translate("SettingsDialog", "Embeddings path"),
        "balance_path": translate("SettingsDialog", "Balance path"),
        "chat_model": translate("SettingsDialog", "Chat model / deployment"),
        "images_model": translate("SettingsDialog", "Image model / deployment"),
        "embeddings_model": translate("SettingsDialog", "Embeddings model / deployment"),
        "api_version": translate("SettingsDialog", "api-version (optional)"),
        "proxy": translate("SettingsDialog", "Proxy (optional)"),
        "ca_bundle": translate("SettingsDialog", "CA bundle (optional)"),
    }


def env_note(variable: str, parent: QWidget) -> QLabel:
    """The small note beside a field a variable sets: "Set by PARLEY_BASE_URL for this
    session". Named ``envNote_<variable>`` for tests."""
    note = QLabel(translate("SettingsDialog", "Set by %1 for this session")
                  .replace("%1", variable), parent)
    note.setObjectName(f"envNote_{variable}")
    note.setWordWrap(True)
    note.setEnabled(False)  # the palette's muted text: a remark, not a field
    return note


def with_note(field: QWidget, note: QLabel | None) -> QWidget:
    """``field`` with ``note`` under it (in one widget, for one form row)."""
    if note is None:
        return field
    box = QWidget(field.parentWidget())
    layout = QVBoxLayout(box)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.setSpacing(2)
    layout.addWidget(field)
    layout.addWidget(note)
    return box


def noted(field: QWidget, variable: str | None, parent: QWidget) -> QWidget:
    """``field`` as a form row shows it: when ``variable`` sets it for this session,
    read-only (a line edit) or disabled (anything else), with the note under it."""
    if variable is None:
        return field
    read_only = getattr(field, "setReadOnly", None)
    if read_only is not None:
        read_only(True)
    else:
        field.setEnabled(False)
    return with_note(field, env_note(variable, parent))


class EngineerControls:
    """How the key is sent, stream usage, the read timeout, default temperature and max
    tokens: rows added to ``form`` (an Advanced section's)."""

    def __init__(self, form: QFormLayout, parent: QWidget, *, defaults: bool = True) -> None:
        """``defaults``: also the default temperature and max tokens rows."""
        self.auth_box = QComboBox(parent)
        self.auth_box.setObjectName("authBox")
        self.auth_box.addItem(translate("SettingsDialog", "api-key header"), "api-key")
        self.auth_box.addItem(translate("SettingsDialog", "Authorization: Bearer"), "bearer")
        form.addRow(translate("SettingsDialog", "Send the key as"), self.auth_box)
        self.stream_usage = check_box(
            translate("SettingsDialog", "Ask for token usage while streaming"), parent)
        self.stream_usage.setObjectName("streamUsage")
        form.addRow("", self.stream_usage)
        self.read_timeout = QSpinBox(parent)
        self.read_timeout.setObjectName("readTimeout")
        self.read_timeout.setRange(5, 600)
        self.read_timeout.setSuffix(translate("SettingsDialog", " s"))
        form.addRow(translate("SettingsDialog", "Wait for the next chunk"), self.read_timeout)
        self.temperature = QDoubleSpinBox(parent)
        self.temperature.setObjectName("temperature")
        self.temperature.setRange(-0.1, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(translate("SettingsDialog", "gateway default"))
        self.temperature.setValue(-0.1)
        self.max_tokens = QSpinBox(parent)
        self.max_tokens.setObjectName("maxTokens")
        self.max_tokens.setRange(0, 200000)
        self.max_tokens.setSpecialValueText(translate("SettingsDialog", "gateway default"))
        self._defaults = defaults
        if defaults:
            form.addRow(translate("SettingsDialog", "Default temperature"), self.temperature)
            form.addRow(translate("SettingsDialog", "Default max tokens"), self.max_tokens)
        else:
            self.temperature.hide()
            self.max_tokens.hide()

    def load(self, profile: Profile) -> None:
        self.auth_box.setCurrentIndex(self.auth_box.findData(profile.auth))
        self.stream_usage.setChecked(profile.stream_usage)
        self.read_timeout.setValue(int(profile.read_timeout))
        temp = profile.defaults.get("temperature")
        self.temperature.setValue(-0.1 if temp is None else float(temp))
        self.max_tokens.setValue(int(profile.defaults.get("max_tokens") or 0))

    def changes(self, base: Profile) -> dict[str, Any]:
        """What these controls say, as ``replace(base, **changes)`` takes it."""
        changes: dict[str, Any] = {"auth": self.auth_box.currentData(),
                                   "stream_usage": self.stream_usage.isChecked(),
                                   "read_timeout": float(self.read_timeout.value())}
        if not self._defaults:
            return changes
        defaults = dict(base.defaults)
        for key, value in (("temperature", self.temperature.value()),
                           ("max_tokens", self.max_tokens.value())):
            if value == (self.temperature.minimum() if key == "temperature" else 0):
                defaults.pop(key, None)
            else:
                defaults[key] = round(value, 2) if key == "temperature" else int(value)
        changes["defaults"] = defaults
        return changes
