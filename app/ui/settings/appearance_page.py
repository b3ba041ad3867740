"""The Appearance page of Settings: theme, text size, language, and whether the model titles
new chats.

It edits nothing itself: :meth:`AppearancePage.edited` returns the settings it is given
with what its controls say, for the dialog's copy on Save. The choices offered are the
ones :class:`~app.core.config.settings.Settings` accepts (``THEMES``, ``TEXT_SIZES``,
``LANGUAGES``). Controls carry objectNames (``themeBox``, ``textSizeBox``, ``languageBox``,
``modelTitles``) for tests and accessibility tools.
Its texts keep the dialog's translation context ("SettingsDialog", where they were
translated first); lupdate reads only ``translate(...)`` spelled out, hence the repetition.
Threading: GUI thread only.
"""

from __future__ import annotations

from dataclasses import replace

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QFormLayout, QLabel, QWidget

from app.core.config.settings import LANGUAGES, TEXT_SIZES, THEMES, Settings
from app.ui.runtime.check_box import check_box


class AppearancePage(QWidget):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        names = {
            "system": QCoreApplication.translate("SettingsDialog", "Follow the system"),
            "light": QCoreApplication.translate("SettingsDialog", "Light"),
            "dark": QCoreApplication.translate("SettingsDialog", "Dark"),
            "en": "English", "zh_HK": "繁體中文（香港）",  # each language in its own words
        }
        sizes = {
            "small": QCoreApplication.translate("SettingsDialog", "Small"),
            "default": QCoreApplication.translate("SettingsDialog", "Default"),
            "large": QCoreApplication.translate("SettingsDialog", "Large"),
            "larger": QCoreApplication.translate("SettingsDialog", "Larger"),
        }
        form = QFormLayout(self)
        self.theme_box = QComboBox(self)
        self.theme_box.setObjectName("themeBox")
        for value in THEMES:  # a choice added to Settings shows (untranslated) at once
            self.theme_box.addItem(names.get(value, value), value)
        self.theme_box.setCurrentIndex(max(0, self.theme_box.findData(settings.theme)))
        self.language_box = QComboBox(self)
        self.language_box.setObjectName("languageBox")
        for value in LANGUAGES:
            self.language_box.addItem(names.get(value, value), value)
        self.language_box.setCurrentIndex(max(0, self.language_box.findData(settings.language)))
        self.text_size_box = QComboBox(self)
        self.text_size_box.setObjectName("textSizeBox")
        for value in TEXT_SIZES:
            self.text_size_box.addItem(sizes.get(value, value), value)
        self.text_size_box.setCurrentIndex(
            max(0, self.text_size_box.findData(settings.text_size)))
        self.text_size_box.setToolTip(QCoreApplication.translate(
            "SettingsDialog", "The size of the conversation, the message you type and the "
                              "chat list"))
        form.addRow(QCoreApplication.translate("SettingsDialog", "Theme"), self.theme_box)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Text size"),
                    self.text_size_box)
        form.addRow(QCoreApplication.translate("SettingsDialog", "Language"), self.language_box)
        note = QLabel(QCoreApplication.translate(
            "SettingsDialog", "A new language applies the next time Parley starts."), self)
        note.setWordWrap(True)
        form.addRow("", note)
        self.model_titles = check_box(
            QCoreApplication.translate("SettingsDialog", "Let the model title new chats"), self)
        self.model_titles.setObjectName("modelTitles")
        self.model_titles.setChecked(settings.model_titles)
        self.model_titles.setToolTip(QCoreApplication.translate(
            "SettingsDialog",
            "After the first answer, one short extra request asks the model for a title. "
            "Off: the first line of your question is the title."))
        form.addRow(QCoreApplication.translate("SettingsDialog", "Chat titles"),
                    self.model_titles)

    def edited(self, settings: Settings) -> Settings:
        return replace(settings, theme=self.theme_box.currentData(),
                       language=self.language_box.currentData(),
                       text_size=self.text_size_box.currentData(),
                       model_titles=self.model_titles.isChecked())
