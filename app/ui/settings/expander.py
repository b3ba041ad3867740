"""A section that opens and closes: "▸ Advanced" above a form that is hidden until asked for.

Settings' Connection tab and the first-run welcome keep the engineer's fields (paths,
deployments, api-version, proxy, timeouts) in one, collapsed by default, so what a student
needs comes first. The header is a checkable tool button with an arrow: Space or a click
opens it. Rows go into :attr:`form` (in :attr:`column`).
Threading: GUI thread only.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFormLayout, QSizePolicy, QToolButton, QVBoxLayout, QWidget


class Expander(QWidget):
    toggled = Signal(bool)  # opened (True) or closed

    def __init__(self, title: str, name: str, parent: QWidget | None = None) -> None:
        """``name``: the header's objectName; the body is ``name + "Body"``."""
        super().__init__(parent)
        self.header = QToolButton(self)
        self.header.setObjectName(name)
        self.header.setText(title)
        self.header.setAccessibleName(title)
        self.header.setCheckable(True)
        self.header.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.header.setArrowType(Qt.ArrowType.RightArrow)
        self.header.setAutoRaise(True)
        # A heading, not a button that stays pressed once open (the focus ring still shows).
        self.header.setStyleSheet("QToolButton { border: none; background: transparent; "
                                  "padding: 2px 0px; }")
        self.header.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Fixed)
        self.header.toggled.connect(self._toggle)
        self.body = QWidget(self)
        self.body.setObjectName(name + "Body")
        self.column = QVBoxLayout(self.body)  # for a widget above the form (the welcome's)
        self.column.setContentsMargins(18, 4, 0, 0)  # under the arrow: part of the header
        self.form = QFormLayout()
        self.column.addLayout(self.form)
        self.body.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.header, 0, Qt.AlignmentFlag.AlignLeft)
        layout.addWidget(self.body)

    def is_open(self) -> bool:
        return self.header.isChecked()

    def set_open(self, opened: bool) -> None:
        self.header.setChecked(opened)

    def _toggle(self, opened: bool) -> None:
        self.header.setArrowType(Qt.ArrowType.DownArrow if opened else Qt.ArrowType.RightArrow)
        self.body.setVisible(opened)
        self.toggled.emit(opened)
