"""Check boxes show their box on the dark theme: outlined in the muted text colour, not in
Fusion's darker-than-the-window line (near black on near black)."""

from PySide6.QtWidgets import QStyle, QStyleOptionButton, QWidget

from app.core.render import DARK, LIGHT
from app.ui.runtime.appearance import build_palette
from app.ui.runtime.check_box import check_box


def outline_colour(qtbot, theme, checked=False, enabled=True):
    holder = QWidget()
    qtbot.addWidget(holder)
    holder.setPalette(build_palette(theme))
    box = check_box("Let the model title new chats", holder)
    box.setChecked(checked)
    box.setEnabled(enabled)
    box.adjustSize()
    option = QStyleOptionButton()
    box.initStyleOption(option)
    rect = box.style().subElementRect(QStyle.SubElement.SE_CheckBoxIndicator, option, box)
    image = box.grab().toImage()
    return image.pixelColor(rect.left(), rect.center().y())  # the box's left edge


def contrast(a, b):
    return abs(a.lightness() - b.lightness())


def test_the_box_shows_on_dark_and_light(qtbot):
    for theme in (DARK, LIGHT):
        base = build_palette(theme).color(build_palette(theme).ColorRole.Base)
        edge = outline_colour(qtbot, theme)
        assert contrast(edge, base) > 60, (theme.name, edge.name(), base.name())


def test_checked_and_disabled_boxes_keep_their_outline(qtbot):
    base = build_palette(DARK).color(build_palette(DARK).ColorRole.Base)
    assert contrast(outline_colour(qtbot, DARK, checked=True), base) > 60
    assert contrast(outline_colour(qtbot, DARK, enabled=False), base) > 15
