"""The welcome's question "Which gateway do you use?": three large cards, one radio each.

EduHK API Management and EduHK Azure are the shipped presets of the ``apim`` and ``azure``
styles (app.core.config.styles); "Other OpenAI-compatible service" is the ``openai`` style,
whose address and model the user gives. A whole card is the target (a click anywhere on it
chooses it); the keyboard moves between the radios with the arrow keys, as in any radio
group, and Tab leaves the group. The chosen card is outlined in the palette's highlight
colour, so it reads in light and dark.
Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping
from urllib.parse import urlsplit

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QMouseEvent, QPalette
from PySide6.QtWidgets import (
    QButtonGroup,
    QFrame,
    QLabel,
    QRadioButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from app.core.config.profiles import PRESETS, Profile, preset_for_style, preset_of
from app.core.config.styles import APIM, AZURE, OPENAI

OTHER = OPENAI.name  # the card whose address and model the user gives
# Card (the style it stands for) → the objectName of its radio.
CHOICES = {APIM.name: "gatewayApim", AZURE.name: "gatewayAzure", OTHER: "gatewayOther"}

CARD_STYLE = """
QFrame#gatewayCard { border: 1px solid palette(mid); border-radius: 6px; margin: 1px; }
QFrame#gatewayCard[chosen="true"] { border: 2px solid palette(highlight); margin: 0px; }
QFrame#gatewayCard QRadioButton::indicator {
    width: 12px; height: 12px; border-radius: 8px;
    border: 2px solid palette(mid); background: palette(base); }
QFrame#gatewayCard QRadioButton::indicator:checked {
    width: 6px; height: 6px; border: 5px solid palette(highlight); }
"""
# The radio drawn by the sheet too: Fusion's dark palette left an unchecked one as a black
# dot on a dark card; a ring in the palette's mid and highlight colours reads in both.


class GatewayCard(QFrame):
    """One choice: a radio with the gateway's name and a line under it saying what it is."""

    def __init__(self, style: str, title: str, detail: str, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("gatewayCard")
        self.style_name = style
        self.radio = QRadioButton(title, self)
        self.radio.setObjectName(CHOICES[style])
        self.radio.setAccessibleDescription(detail)
        font = self.radio.font()
        font.setBold(True)
        self.radio.setFont(font)
        self.detail = QLabel(detail, self)
        self.detail.setObjectName(CHOICES[style] + "Detail")
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)
        muted = self.detail.palette()  # secondary text, in this theme's muted colour
        muted.setColor(QPalette.ColorRole.WindowText,
                       muted.color(QPalette.ColorRole.PlaceholderText))
        self.detail.setPalette(muted)
        metrics = self.style()
        indent = (metrics.pixelMetric(QStyle.PixelMetric.PM_ExclusiveIndicatorWidth)
                  + metrics.pixelMetric(QStyle.PixelMetric.PM_RadioButtonLabelSpacing))
        self.detail.setIndent(indent)  # under the name, not under the radio's circle
        layout = QVBoxLayout(self)
        layout.setContentsMargins(10, 8, 10, 8)
        layout.setSpacing(2)
        layout.addWidget(self.radio)
        layout.addWidget(self.detail)
        self.radio.toggled.connect(self._mark)

    def mousePressEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton:
            self.radio.setChecked(True)
            self.radio.setFocus(Qt.FocusReason.MouseFocusReason)
        super().mousePressEvent(event)

    def _mark(self, chosen: bool) -> None:
        self.setProperty("chosen", chosen)
        self.style().unpolish(self)  # a dynamic property: the style sheet must look again
        self.style().polish(self)


def profile_for_style(profiles: Mapping[str, Profile], active: str, style: str) -> Profile:
    """The profile a card stands for: the EduHK presets (as the user may have edited them);
    for "Other", the active profile when it is of no EduHK preset, else the openai one."""
    if style != OTHER:
        name = preset_for_style(style).name
        return profiles.get(name, PRESETS[name])
    eduhk = {preset_of(APIM).name, preset_of(AZURE).name}
    if active in profiles and active not in eduhk:
        return profiles[active]
    name = preset_for_style(OTHER).name
    return profiles.get(name, PRESETS[name])


def _host(style: str) -> str:
    return urlsplit(preset_for_style(style).base_url).netloc


class GatewayChoice(QWidget):
    """The three cards as one exclusive choice; :attr:`chosen` says which style is picked."""

    chosen = Signal(str)  # the style name of the card just picked

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("gatewayChoice")
        self.setAccessibleName(self.tr("Which gateway do you use?"))
        self.setStyleSheet(CARD_STYLE)
        self.cards = {
            APIM.name: GatewayCard(APIM.name, self.tr("EduHK API Management"), self.tr(
                "EduHK's AI gateway at %1.")
                .replace("%1", _host(APIM.name)), self),
            AZURE.name: GatewayCard(AZURE.name, self.tr("EduHK Azure"), self.tr(
                "EduHK's Azure OpenAI deployments at %1.").replace("%1", _host(AZURE.name)),
                self),
            OTHER: GatewayCard(OTHER, self.tr("Other OpenAI-compatible service"),
                                  self.tr("Any service that speaks the OpenAI API: give its "
                                          "address and model below."), self),
        }
        self.group = QButtonGroup(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(6)
        for card in self.cards.values():
            self.group.addButton(card.radio)
            layout.addWidget(card)
            card.radio.toggled.connect(
                lambda on, style=card.style_name: self._toggled(on, style))

    def _toggled(self, on: bool, style: str) -> None:
        if on:
            self.chosen.emit(style)

    def current(self) -> str:
        return next((s for s, card in self.cards.items() if card.radio.isChecked()), APIM.name)

    def choose(self, style: str) -> None:
        self.cards[style].radio.setChecked(True)

    def lock(self) -> None:
        """A variable (PARLEY_API_STYLE) decides: the cards show it and cannot change it."""
        for card in self.cards.values():
            card.radio.setEnabled(False)
            card.setEnabled(False)
