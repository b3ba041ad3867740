"""The first minute: a short welcome that asks only what a student knows.

Shown on first start instead of Settings when there is no key for the active profile (and
no PARLEY_API_KEY), and again when a question is sent without one. It asks which gateway
(:class:`GatewayChoice`: EduHK API Management, EduHK Azure, or another OpenAI-compatible
service, whose base URL and model it then asks too), the key (hidden, with Show), and offers
Test; everything else — base URL, paths, models and deployments, api-version, proxy, how the
key is sent, the read timeout — waits under a collapsed "Advanced". A field a ``PARLEY_*``
variable sets for this process shows that value read-only, with a note saying so.

A view only: it emits :attr:`WelcomeDialog.testRequested` and
:attr:`WelcomeDialog.startRequested` (the profile to store and use, and the typed key); the
wiring saves them as Settings does (app.ui.settings.connection_actions) and calls
:meth:`show_test_result`, :meth:`show_problem` or ``accept()``. Later (Esc, or closing it)
emits :attr:`later`. Enter is Start. Open it with ``open()``, never ``exec()`` (a nested
event loop breaks qasync). Threading: GUI thread only.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QSize, Qt, QTimer, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from app.core.config.profiles import Profile, apply_env, preset_of
from app.core.config.styles import APIM, AZURE
from app.core.errors import ConfigError
from app.core.gateway.diagnostics import ConnectionReport
from app.ui.runtime.appearance import theme_for_palette
from app.ui.runtime.placement import fit_rect, fit_size, frame_margins, scrolling
from app.ui.settings.connection_fields import (
    PATH_FIELDS,
    EngineerControls,
    env_note,
    field_labels,
    noted,
)
from app.ui.settings.expander import Expander
from app.ui.welcome.gateway_choice import OTHER, GatewayChoice, profile_for_style
from app.ui.welcome.result import plain_result

ADDRESS_FIELDS = ("base_url", "chat_model")  # asked for "Other"; under Advanced otherwise
ADVANCED_FIELDS = (*PATH_FIELDS, "images_model", "embeddings_model", "api_version", "proxy")


class WelcomeDialog(QDialog):
    testRequested = Signal(object, str)   # Profile as this session would use it, key typed
    startRequested = Signal(object, str)  # Profile to store and make active, key typed
    later = Signal()

    def __init__(self, profiles: Mapping[str, Profile], active: str,
                 env: Mapping[str, tuple[str, str]] | None = None, key_from_env: bool = False,
                 parent: QWidget | None = None) -> None:
        """``env``: field → (variable, value) that PARLEY_* variables set
        (:func:`~app.core.config.profiles.env_fields`); ``key_from_env``: PARLEY_API_KEY."""
        super().__init__(parent)
        self.setObjectName("welcomeDialog")
        self.setWindowTitle(self.tr("Welcome to Parley"))
        self._profiles = dict(profiles)
        self._active = active
        self._env = dict(env or {})
        self._key_from_env = key_from_env
        self._edited: dict[str, Profile] = {}  # per card, what the user typed so far
        self._style = ""
        self._build()
        style = self._env.get("style", ("", ""))[1]
        if style in self.choice.cards:  # PARLEY_API_STYLE decides
            self.choice.lock()
        else:  # the card of the active profile: a custom one is "Other"
            style = {preset_of(APIM).name: APIM.name,
                     preset_of(AZURE).name: AZURE.name}.get(active, OTHER)
        self.choice.choose(style)  # → _chosen: the card's profile into the fields
        self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)  # what is left to do
        # As tall as the page with Advanced closed (opened, it scrolls), within the screen.
        page_height = max(self._page.heightForWidth(560), self._page.minimumSizeHint().height())
        self.resize(fit_size(parent or self, QSize(
            600, page_height + self.later_button.sizeHint().height() + 48)))

    # ----- building ----------------------------------------------------------------------

    def _build(self) -> None:
        page = self._page = QWidget(self)
        page.setObjectName("welcomePage")
        title = QLabel(self.tr("Welcome to Parley"), page)
        title.setObjectName("welcomeTitle")
        font = title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        title.setFont(font)
        intro = QLabel(self.tr("Chat with the AI models your gateway offers. Tell Parley "
                               "which gateway you use and paste your key; that is all."), page)
        intro.setWordWrap(True)
        question = QLabel(self.tr("Which gateway do you use?"), page)
        key_label = QLabel(self.tr("Your API key"), page)
        for heading in (question, key_label):
            bold = heading.font()
            bold.setBold(True)
            heading.setFont(bold)
        self.choice = GatewayChoice(page)
        self.choice.chosen.connect(self._chosen)
        if "style" in self._env:
            self.style_note: QLabel | None = env_note(self._env["style"][0], page)
        else:
            self.style_note = None

        labels = field_labels()
        self.fields: dict[str, QLineEdit] = {}
        self.address = QWidget(page)  # base URL and model: in the page for "Other"
        self.address.setObjectName("welcomeAddress")
        address_form = QFormLayout(self.address)
        address_form.setContentsMargins(0, 0, 0, 0)
        self.advanced = Expander(self.tr("Advanced"), "welcomeAdvanced", page)
        self.advanced.toggled.connect(self._advanced_toggled)
        for name in (*ADDRESS_FIELDS, *ADVANCED_FIELDS):
            edit = QLineEdit(page)
            edit.setObjectName(f"welcomeField_{name}")
            edit.setAccessibleName(labels[name])
            self.fields[name] = edit
            form = address_form if name in ADDRESS_FIELDS else self.advanced.form
            variable = self._env[name][0] if name in self._env else None
            form.addRow(labels[name], noted(edit, variable, page))
        self.fields["base_url"].setPlaceholderText("https://…")
        self.fields["proxy"].setPlaceholderText("http://proxy.example:8080")
        self.engineer = EngineerControls(self.advanced.form, page, defaults=False)
        # One label column for both forms: under Advanced they stand one above the other.
        captions = [item.widget() for form in (address_form, self.advanced.form)
                    for row in range(form.rowCount())
                    if (item := form.itemAt(row, QFormLayout.ItemRole.LabelRole)) is not None
                    and item.widget() is not None]
        width = max(caption.sizeHint().width() for caption in captions if caption)
        for caption in captions:
            if caption:
                caption.setMinimumWidth(width)

        self.key_edit = QLineEdit(page)
        self.key_edit.setObjectName("welcomeKey")
        self.key_edit.setAccessibleName(self.tr("API key"))
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Password)
        self.key_edit.setPlaceholderText(self.tr("Paste your key here"))
        key_label.setBuddy(self.key_edit)
        self.show_key = QPushButton(self.tr("Show"), page)
        self.show_key.setObjectName("welcomeShowKey")
        self.show_key.setCheckable(True)
        self.show_key.setAutoDefault(False)
        self.show_key.setAccessibleName(self.tr("Show the key"))
        self.show_key.toggled.connect(self._reveal)
        key_row = QHBoxLayout()
        key_row.addWidget(self.key_edit, 1)
        key_row.addWidget(self.show_key)
        self.key_note = env_note("PARLEY_API_KEY", page) if self._key_from_env else None
        if self.key_note is not None:  # the variable's key is used whatever is typed here
            self.key_edit.setReadOnly(True)
            self.key_edit.setPlaceholderText("")
            self.show_key.setEnabled(False)
        self.test_button = QPushButton(self.tr("Test"), page)
        self.test_button.setObjectName("welcomeTest")
        self.test_button.setAutoDefault(False)
        self.test_button.setToolTip(self.tr("Ask the gateway one tiny question with this key"))
        self.test_button.clicked.connect(self._test)
        self.test_result = QLabel(page)
        self.test_result.setObjectName("welcomeTestResult")
        self.test_result.setTextFormat(Qt.TextFormat.PlainText)
        self.test_result.setWordWrap(True)
        self.advice = QLabel(page)
        self.advice.setObjectName("welcomeTestAdvice")
        self.advice.setTextFormat(Qt.TextFormat.PlainText)  # a gateway's words: never markup
        self.advice.setWordWrap(True)
        self.advice.hide()
        test_row = QHBoxLayout()
        test_row.addWidget(self.test_button, 0, Qt.AlignmentFlag.AlignTop)
        results = QVBoxLayout()
        results.addWidget(self.test_result)
        results.addWidget(self.advice)
        test_row.addLayout(results, 1)
        self.problem = QLabel(self)
        self.problem.setObjectName("welcomeProblem")
        self.problem.setTextFormat(Qt.TextFormat.PlainText)
        self.problem.setWordWrap(True)
        self.problem.hide()

        column = QVBoxLayout(page)
        column.setSpacing(8)
        for widget in (title, intro):
            column.addWidget(widget)
        column.addSpacing(6)
        column.addWidget(question)
        column.addWidget(self.choice)
        if self.style_note is not None:
            column.addWidget(self.style_note)
        column.addWidget(self.address)
        column.addSpacing(6)
        column.addWidget(key_label)
        column.addLayout(key_row)
        if self.key_note is not None:
            column.addWidget(self.key_note)
        column.addLayout(test_row)
        column.addWidget(self.advanced)
        column.addStretch(1)
        self._column = column

        self.later_button = QPushButton(self.tr("Later"), self)
        self.later_button.setObjectName("welcomeLater")
        self.later_button.setAutoDefault(False)
        self.later_button.clicked.connect(self.reject)
        self.start_button = QPushButton(self.tr("Start chatting"), self)
        self.start_button.setObjectName("welcomeStart")
        self.start_button.setDefault(True)  # Enter, wherever the focus is (but on a button)
        self.start_button.clicked.connect(self._start)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.later_button)
        buttons.addWidget(self.start_button)
        layout = QVBoxLayout(self)
        self._scroll = scrolling(page)
        layout.addWidget(self._scroll, 1)  # a small screen or 2× scale: it scrolls
        layout.addWidget(self.problem)
        layout.addLayout(buttons)

    # ----- attributes down ---------------------------------------------------------------

    def show_test_result(self, report: ConnectionReport | None) -> None:
        ok, headline, advice = plain_result(report)
        self.test_button.setEnabled(True)
        self._say(self.test_result, ("✓ " if ok else "✗ ") + headline, ok)
        self.advice.setText(advice)
        self.advice.setVisible(bool(advice))

    def show_problem(self, text: str) -> None:
        """Why Start did not go through (an invalid address, a key the keyring refused)."""
        self.start_button.setEnabled(True)
        self._say(self.problem, text, False)
        self.problem.show()

    def chosen_profile(self) -> Profile:
        """The profile of the chosen card as edited: what Start stores (the fields that
        variables set keep their stored values; the variables win anyway)."""
        base = profile_for_style(self._profiles, self._active, self._style)
        values: dict[str, Any] = {name: edit.text().strip()
                                  for name, edit in self.fields.items()
                                  if name not in self._env}
        return replace(base, **self.engineer.changes(base), **values)

    # ----- internals ---------------------------------------------------------------------

    def _chosen(self, style: str) -> None:
        if self._style:
            self._edited[self._style] = self.chosen_profile()
        self._style = style
        profile = self._edited.get(style) or profile_for_style(self._profiles, self._active,
                                                               style)
        env: dict[str, Any] = {name: value for name, (_, value) in self._env.items()
                               if name != "style"}
        shown = replace(profile, **env)
        for name, edit in self.fields.items():
            edit.setText(str(getattr(shown, name) or ""))
        self.engineer.load(profile)
        # "Other" cannot be guessed: its address and model are asked in the page.
        self._column.removeWidget(self.address)
        self.advanced.column.removeWidget(self.address)
        if style == OTHER:
            self._column.insertWidget(self._column.indexOf(self.choice)
                                      + (2 if self.style_note else 1), self.address)
        else:
            self.advanced.column.insertWidget(0, self.address)
        self.address.show()
        self.test_result.clear()
        self.advice.hide()
        self._order_tabs()

    def _order_tabs(self) -> None:
        """Tab follows the page from top to bottom wherever the address fields are."""
        chain: list[QWidget] = [card.radio for card in self.choice.cards.values()]
        address = [self.fields[name] for name in ADDRESS_FIELDS]
        advanced = [self.fields[name] for name in ADVANCED_FIELDS] + [
            self.engineer.auth_box, self.engineer.stream_usage, self.engineer.read_timeout]
        chain += address if self._style == OTHER else []
        chain += [self.key_edit, self.show_key, self.test_button, self.advanced.header]
        chain += ([] if self._style == OTHER else address) + advanced
        chain += [self.later_button, self.start_button]
        for first, second in zip(chain, chain[1:], strict=False):
            QWidget.setTabOrder(first, second)

    def _advanced_toggled(self, opened: bool) -> None:
        """Opened: taller if the screen allows, and scrolled so its fields are in view."""
        if not opened:
            return
        wanted = self._page.heightForWidth(self._page.width()) + (
            self.height() - self._scroll.viewport().height())
        if wanted > self.height():
            self.resize(fit_size(self, QSize(self.width(), wanted)))
            self._keep_on_screen()
        QTimer.singleShot(0, lambda: self._scroll.ensureWidgetVisible(self.advanced.body, 0, 0))

    def _reveal(self, shown: bool) -> None:
        self.key_edit.setEchoMode(QLineEdit.EchoMode.Normal if shown
                                  else QLineEdit.EchoMode.Password)
        self.show_key.setText(self.tr("Hide") if shown else self.tr("Show"))

    def _checked(self) -> Profile | None:
        """The chosen profile if it can be used, else None with the reason shown."""
        try:
            profile = self.chosen_profile().validate()
        except ConfigError as error:
            if "path" in error.message:  # a path: it is under Advanced
                self.advanced.set_open(True)
            self.show_problem(str(error))
            return None
        self.problem.hide()
        return profile

    def _test(self) -> None:
        profile = self._checked()
        if profile is None:
            return
        try:  # tested as this session will use it: with the variables applied
            profile = apply_env(profile, dict(self._env.values()))
        except ConfigError as error:
            self.show_problem(str(error))
            return
        self.test_button.setEnabled(False)
        self._say(self.test_result, self.tr("Testing…"), None)
        self.advice.hide()
        self.testRequested.emit(profile, self.key_edit.text().strip())

    def _start(self) -> None:
        profile = self._checked()
        if profile is None:
            return
        key = self.key_edit.text().strip()
        if not key and not self._key_from_env:
            self.show_problem(self.tr("Paste your API key first: Parley needs it to ask "
                                      "the gateway."))
            self.key_edit.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.start_button.setEnabled(False)
        self.startRequested.emit(profile, key)

    def showEvent(self, event: QShowEvent) -> None:
        """Centred on the window by Qt, then kept wholly on the screen, frame included: Qt
        clamps a dialog without counting its frame (a small screen at 2× lost an edge)."""
        super().showEvent(event)
        self._keep_on_screen()

    def _keep_on_screen(self) -> None:
        screen = self.screen()
        if screen is not None:
            placed = fit_rect(self.geometry(), screen.availableGeometry(), frame_margins(self))
            if placed != self.geometry():
                self.setGeometry(placed)

    def reject(self) -> None:
        """Later, Esc, or the window's close button: nothing saved; ask again on Send."""
        super().reject()
        self.later.emit()

    def _say(self, label: QLabel, text: str, ok: bool | None) -> None:
        """``text`` in the theme's colour for success, failure or neither (None)."""
        if ok is None:
            colour = ""
        else:
            theme = theme_for_palette()
            colour = theme.success if ok else theme.error
        label.setStyleSheet(f"QLabel {{ color: {colour}; font-weight: bold; }}" if colour
                            else "")
        label.setText(text)
