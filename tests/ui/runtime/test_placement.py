"""Windows open inside the screen the user can reach: the geometry rules with explicit
screens, and the real windows (main, quick ask, Settings) on a 1280×720 screen scaled 2×
(640×360 logical)."""


import pytest
from PySide6.QtCore import QMargins, QPoint, QRect, QSize

from app.ui.runtime.placement import (
    FRAME_GUESS,
    LARGEST,
    beside_pointer,
    first_rect,
    fit_rect,
    restore_rect,
)
from tests.ui.screens import run_on_screen

QUICK = QSize(560, 460)


def inside(rect: QRect, area: QRect, frame: QMargins = FRAME_GUESS) -> bool:
    """The window with its frame (title bar) wholly inside ``area``."""
    return area.contains(rect.marginsAdded(frame))


@pytest.mark.parametrize("area", [
    QRect(0, 0, 1280, 770),     # 1280×800 with a panel
    QRect(0, 27, 640, 333),     # 1280×720 at 2×, a top bar
    QRect(0, 0, 683, 384),      # 1366×768 at 2×
    QRect(1920, 0, 1024, 600),  # a small second screen to the right
])
def test_first_size_fits_the_screen(area):
    rect = first_rect(area)
    assert inside(rect, area)
    assert rect.width() >= min(560, area.width() - 12)  # as big as fits, up to a fraction


def test_first_size_on_a_large_screen_is_a_fraction_not_all_of_it():
    area = QRect(0, 0, 3840, 2100)
    rect = first_rect(area)
    assert rect.size() == LARGEST and inside(rect, area)
    assert rect.center() == area.marginsRemoved(FRAME_GUESS).center()
    assert first_rect(QRect(0, 0, 1280, 770)).width() == round((1280 - 12) * 0.8)


def test_restored_geometry_is_brought_back_within_todays_screens():
    laptop, monitor = QRect(0, 0, 1280, 770), QRect(1280, 0, 1920, 1050)
    on_monitor = (1500, 100, 1400, 900)
    assert restore_rect(on_monitor, [laptop, monitor]) == QRect(1500, 100, 1400, 900)
    # The monitor is gone: nothing of it overlaps today's screens; the caller starts fresh.
    assert restore_rect(on_monitor, [laptop]) is None
    # Half off the laptop's edge, and taller than it: moved in and shrunk.
    rect = restore_rect((900, -200, 800, 1200), [laptop])
    assert rect is not None and inside(rect, laptop) and rect.width() == 800
    # Never saved, or nonsense in config.json.
    for saved in ((), (1, 2, 3), (0, 0, 0, 100), (0, 0, -5, 100)):
        assert restore_rect(saved, [laptop]) is None


@pytest.mark.parametrize("pointer", [
    QPoint(5, 5), QPoint(678, 5), QPoint(5, 379), QPoint(678, 379), QPoint(340, 190)])
def test_quick_ask_stays_inside_near_corners_at_2x(pointer):
    area = QRect(0, 0, 683, 384)  # 1366×768 at 2×: smaller than quick ask's usual size
    rect = beside_pointer(pointer, QUICK, area)
    assert inside(rect, area)
    assert rect.height() == 384 - FRAME_GUESS.top() - FRAME_GUESS.bottom()  # shrunk to fit


def test_quick_ask_opens_beside_the_pointer_on_the_side_with_room():
    area = QRect(0, 0, 1920, 1050)
    below_right = beside_pointer(QPoint(100, 100), QUICK, area)
    assert below_right.left() > 100 and below_right.top() > 100
    above_left = beside_pointer(QPoint(1900, 1040), QUICK, area)
    assert above_left.right() < 1900 and above_left.bottom() < 1040
    assert inside(above_left, area)
    # On a second screen at negative coordinates too.
    left_screen = QRect(-1280, 0, 1280, 770)
    assert inside(beside_pointer(QPoint(-10, 760), QUICK, left_screen), left_screen)
    # The pointer is on no screen we were given: centred.
    centred = beside_pointer(QPoint(5000, 5000), QUICK, area)
    assert centred.center() == area.marginsRemoved(FRAME_GUESS).center()


def test_fit_keeps_a_rect_that_already_fits():
    area = QRect(0, 0, 1280, 770)
    assert fit_rect(QRect(100, 100, 600, 400), area) == QRect(100, 100, 600, 400)


SCALED = """
import json
from PySide6.QtCore import QPoint
from PySide6.QtGui import QCursor
from PySide6.QtWidgets import QApplication
app = QApplication([])
from app.ui.quick_ask.window import QuickAskWindow
from app.ui.window.main_window import MainWindow
area = app.primaryScreen().availableGeometry()
window = MainWindow()
window.show()
app.processEvents()
print(json.dumps(["area", area.getRect()]))
print(json.dumps(["main", window.frameGeometry().getRect(), window.geometry().getRect()]))
quick = QuickAskWindow()
for corner in ((2, 2), (area.right() - 2, 2), (2, area.bottom() - 2),
               (area.right() - 2, area.bottom() - 2)):
    QCursor.setPos(QPoint(*corner))
    quick.present("clipboard text")
    app.processEvents()
    print(json.dumps(["quick", quick.frameGeometry().getRect(), quick.geometry().getRect()]))
    quick.hide()
from app.core.config.profiles import PRESETS
from app.ui.settings.dialog import SettingsDialog
dialog = SettingsDialog(dict(PRESETS), "eduhk-apim", parent=window)
dialog.show()
app.processEvents()
print(json.dumps(["settings", dialog.frameGeometry().getRect(), dialog.geometry().getRect()]))
"""


def test_real_windows_fit_a_1280x720_screen_at_2x(tmp_path):
    """The main window, quick ask by each corner, and Settings (its Save button) on screen."""
    lines = run_on_screen(tmp_path, 1280, 720, SCALED)
    area = QRect(*lines[0][1])
    assert area.size() == QSize(640, 360)  # the scale took effect
    assert [kind for kind, *_ in lines[1:]] == ["main"] + ["quick"] * 4 + ["settings"]
    for kind, frame, client in lines[1:]:
        assert area.contains(QRect(*frame)) and area.contains(QRect(*client)), (kind, frame)
    main = QRect(*lines[1][2])
    assert main.width() >= 560 and main.height() >= 300  # still a usable window
