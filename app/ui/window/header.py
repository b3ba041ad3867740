"""The bar above the transcript: profile and model, chat parameters, the conversation's tokens.

The parameters popover holds the system prompt (with saved presets), temperature and max
tokens for the current conversation. A view only: it emits what the user picked.
Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDoubleSpinBox,
    QFormLayout,
    QFrame,
    QHBoxLayout,
    QInputDialog,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from app.ui.runtime.icons import icon_button


def builtin_presets() -> dict[str, str]:
    """System prompts that ship with Parley; users add their own."""
    # Spelled out in full each time: lupdate extracts only QCoreApplication.translate(...).
    return {
        QCoreApplication.translate("Presets", "Default"): "",
        QCoreApplication.translate("Presets", "Tutor — step by step"): QCoreApplication.translate(
            "Presets",
            "You are a patient tutor. Explain step by step, check understanding, and write "
            "mathematics in LaTeX."),
        QCoreApplication.translate(
                "Presets", "Translator — English ⇄ 中文"): QCoreApplication.translate(
            "Presets",
            "Translate the user's text between English and Traditional Chinese (Hong Kong). "
            "Reply with the translation only."),
        QCoreApplication.translate("Presets", "Proofreader"): QCoreApplication.translate(
            "Presets",
            "Correct grammar and spelling. Reply with the corrected text, then a short list "
            "of the changes."),
    }


class ParamsPopup(QFrame):
    """A popup (closes on outside click) with the conversation's chat parameters."""

    changed = Signal(dict)
    presetSaved = Signal(str, str)

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("paramsPopup")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.presets = QComboBox(self)
        self.presets.setAccessibleName(self.tr("System prompt presets"))
        self.presets.activated.connect(self._preset_picked)
        save = QPushButton(self.tr("Save as preset…"), self)
        save.clicked.connect(self._save_preset)
        self.system = QPlainTextEdit(self)
        self.system.setObjectName("systemPrompt")
        self.system.setAccessibleName(self.tr("System prompt"))
        self.system.setPlaceholderText(self.tr("Instructions for the assistant (optional)"))
        self.system.setMinimumSize(360, 110)
        self.temperature = QDoubleSpinBox(self)
        self.temperature.setRange(-0.1, 2.0)
        self.temperature.setSingleStep(0.1)
        self.temperature.setSpecialValueText(self.tr("default"))
        self.temperature.setValue(self.temperature.minimum())  # unset until the user sets it
        self.max_tokens = QSpinBox(self)
        self.max_tokens.setRange(0, 200000)
        self.max_tokens.setSingleStep(256)
        self.max_tokens.setSpecialValueText(self.tr("default"))
        row = QHBoxLayout()
        row.addWidget(self.presets, 1)
        row.addWidget(save)
        form = QFormLayout()
        form.addRow(self.tr("Temperature"), self.temperature)
        form.addRow(self.tr("Max tokens"), self.max_tokens)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("System prompt"), self))
        layout.addLayout(row)
        layout.addWidget(self.system)
        layout.addLayout(form)
        self._presets: dict[str, str] = {}

    def set_presets(self, presets: Mapping[str, str]) -> None:
        self._presets = dict(presets)
        self.presets.clear()
        self.presets.addItems(list(self._presets))

    def set_params(self, params: Mapping[str, Any]) -> None:
        """Show a conversation's parameters; one it has no value for shows "default"."""
        self.system.setPlainText(params.get("system_prompt") or "")
        temp = params.get("temperature")
        self.temperature.setValue(-0.1 if temp is None else float(temp))
        self.max_tokens.setValue(int(params.get("max_tokens") or 0))

    def params(self) -> dict[str, Any]:
        """What is set; None for "default" (the profile's default, else the gateway's)."""
        temp = self.temperature.value()
        return {
            "system_prompt": self.system.toPlainText().strip(),
            "temperature": None if temp < 0 else round(temp, 2),
            "max_tokens": self.max_tokens.value() or None,
        }

    def hideEvent(self, event) -> None:  # closing the popup applies what was set
        self.changed.emit(self.params())
        super().hideEvent(event)

    def _preset_picked(self, index: int) -> None:
        self.system.setPlainText(self._presets.get(self.presets.itemText(index), ""))

    def _save_preset(self) -> None:
        text = self.system.toPlainText().strip()
        if not text:
            return
        dialog = QInputDialog(self)
        dialog.setWindowTitle(self.tr("Save preset"))
        dialog.setLabelText(self.tr("Name of this system prompt:"))

        def save(name: str) -> None:
            if name.strip():
                self.presetSaved.emit(name.strip(), text)

        dialog.textValueSelected.connect(save)
        dialog.open()


class Header(QWidget):
    profileChosen = Signal(str)
    modelChosen = Signal(str)
    paramsChanged = Signal(dict)
    presetSaved = Signal(str, str)
    settingsRequested = Signal()
    exportRequested = Signal()  # the open conversation, as a file

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.profile_box = QComboBox(self)
        self.profile_box.setObjectName("profileBox")
        self.profile_box.setAccessibleName(self.tr("Connection profile"))
        self.profile_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.profile_box.activated.connect(
            lambda i: self.profileChosen.emit(self.profile_box.itemData(i)))
        self.model_box = QComboBox(self)
        self.model_box.setObjectName("modelBox")
        self.model_box.setAccessibleName(self.tr("Model or deployment"))
        self.model_box.setEditable(True)
        self.model_box.setMinimumContentsLength(14)
        line_edit = self.model_box.lineEdit()
        assert line_edit is not None  # an editable combo box always has one
        line_edit.editingFinished.connect(self._model_edited)
        self.model_box.activated.connect(lambda i: self._model_edited())
        self.params_button = QToolButton(self)
        self.params_button.setObjectName("paramsButton")
        self.params_button.setText(self.tr("Parameters"))
        self.params_button.setAccessibleName(self.tr("Chat parameters"))
        self.params_button.clicked.connect(self._show_params)
        self.popup = ParamsPopup(self)
        self.popup.changed.connect(self.paramsChanged)
        self.popup.presetSaved.connect(self.presetSaved)
        self.tokens = QLabel(self)
        self.tokens.setObjectName("tokenTotal")
        self.tokens.setAccessibleName(self.tr("Tokens used in this conversation"))
        export = icon_button(
            self, "export", 20, self.tr("Export this conversation as PDF, Word, HTML or Markdown"),
            self.tr("Export"), object_name="exportButton")
        export.clicked.connect(self.exportRequested)
        settings = icon_button(self, "gear", 20, self.tr("Settings (Ctrl+,)"),
                               self.tr("Settings"), object_name="settingsButton")
        settings.clicked.connect(self.settingsRequested)
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 4, 8, 4)
        row.addWidget(self.profile_box)
        row.addWidget(self.model_box)
        row.addWidget(self.params_button)
        row.addStretch(1)
        row.addWidget(self.tokens)
        row.addWidget(export)
        row.addWidget(settings)
        self._model = ""

    def set_profiles(self, profiles: Sequence[tuple[str, str]], active: str) -> None:
        self.profile_box.clear()
        for name, label in profiles:
            self.profile_box.addItem(label or name, name)
        self.profile_box.setCurrentIndex(max(0, self.profile_box.findData(active)))

    def set_model(self, model: str, suggestions: Sequence[str] = ()) -> None:
        self._model = model
        self.model_box.clear()
        self.model_box.addItems(list(dict.fromkeys([model, *suggestions])))
        self.model_box.setCurrentText(model)

    def set_params(self, params: Mapping[str, Any]) -> None:
        self.popup.set_params(params)

    def set_presets(self, presets: Mapping[str, str]) -> None:
        self.popup.set_presets(presets)

    def set_token_total(self, total: int) -> None:
        self.tokens.setText(self.tr("%1 tokens").replace("%1", f"{total:,}") if total else "")

    def _model_edited(self) -> None:
        model = self.model_box.currentText().strip()
        if model and model != self._model:
            self._model = model
            self.modelChosen.emit(model)

    def _show_params(self) -> None:
        below = self.params_button.mapToGlobal(self.params_button.rect().bottomLeft())
        self.popup.adjustSize()
        self.popup.move(below)
        self.popup.show()
        self.popup.system.setFocus()
