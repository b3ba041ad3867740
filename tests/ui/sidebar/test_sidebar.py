"""The sidebar: date groups, selection, rename, pin, delete, search hits."""

import datetime as dt
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication

from app.ui.sidebar.hits import MATCH_ALPHA, SNIPPET_ROLE, SPANS_ROLE, TITLE_SPANS_ROLE
from app.ui.sidebar.panel import ID_ROLE, Sidebar

NOW = dt.datetime(2026, 11, 22, 12).timestamp()


def conv(id, title, days_ago, pinned=False):
    return SimpleNamespace(id=id, title=title, updated_at=NOW - days_ago * 86400, pinned=pinned)


def rows(sidebar):
    tree = sidebar.tree
    return [tree.topLevelItem(i).text(0) for i in range(tree.topLevelItemCount())]


def make(qtbot):
    sidebar = Sidebar()
    qtbot.addWidget(sidebar)
    sidebar.show()
    return sidebar


def test_groups_pinned_first_then_by_date(qtbot):
    sidebar = make(qtbot)
    sidebar.set_conversations([conv(1, "微積分作業", 0), conv(2, "Essay", 1), conv(3, "Old", 30),
                               conv(4, "Pinned one", 40, pinned=True), conv(5, "", 3)], now=NOW)
    assert rows(sidebar) == ["Pinned", "Pinned one", "Today", "微積分作業", "Yesterday", "Essay",
                             "Previous 7 days", "New chat", "Older", "Old"]


def test_select_rename_and_delete(qtbot):
    sidebar = make(qtbot)
    sidebar.set_conversations([conv(1, "One", 0), conv(2, "Two", 0)], now=NOW)
    selected, renamed, deleted = [], [], []
    sidebar.conversationSelected.connect(selected.append)
    sidebar.renameRequested.connect(lambda i, t: renamed.append((i, t)))
    sidebar.deleteRequested.connect(deleted.append)
    item = sidebar.tree.topLevelItem(2)
    assert item.data(0, ID_ROLE) == 2
    rect = sidebar.tree.visualItemRect(item)
    qtbot.mouseClick(sidebar.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    assert selected == [2]
    item.setText(0, "  Renamed   chat ")
    assert renamed == [(2, "Renamed chat")]
    sidebar.tree.setFocus()
    qtbot.keyClick(sidebar.tree, Qt.Key.Key_Delete)
    assert deleted == [2]


def hit(conversation_id, message_id, title, snippet, spans, title_spans=()):
    return SimpleNamespace(conversation_id=conversation_id, message_id=message_id, title=title,
                           snippet=snippet, spans=spans, title_spans=title_spans)


def test_search_hits_jump_to_the_message(qtbot):
    sidebar = make(qtbot)
    changes, jumps = [], []
    sidebar.searchChanged.connect(changes.append)
    sidebar.searchHitActivated.connect(lambda c, m: jumps.append((c, m)))
    qtbot.keyClicks(sidebar.search, "integral")
    qtbot.waitUntil(lambda: changes == ["integral"], timeout=2000)
    sidebar.set_search_results([hit(7, 42, "Maths", "…the integral of x…", ((5, 13),))])
    assert rows(sidebar) == ["1 result", "Maths\n…the integral of x…"]  # read as plain text
    found = sidebar.tree.topLevelItem(1)
    assert found.data(0, SNIPPET_ROLE) == "…the integral of x…"
    assert found.data(0, SPANS_ROLE) == ((5, 13),)
    sidebar.tree.itemActivated.emit(found, 0)
    assert jumps == [(7, 42)]


def test_results_are_counted_in_words_and_none_is_said(qtbot):
    sidebar = make(qtbot)
    sidebar.search.setText("otter")
    sidebar.set_search_results([hit(1, 2, "A", "otter", ((0, 5),)),
                                hit(3, None, "Otter notes", "Otter notes", ((0, 5),))])
    assert rows(sidebar)[0] == "2 results"
    assert not sidebar.note.isVisible()
    sidebar.search.setText("鯨魚")
    sidebar.set_search_results([])
    assert rows(sidebar) == []  # no heading and no blank rows: the note says it
    assert sidebar.note.isVisible() and sidebar.note.text() == "No results for “鯨魚”"
    assert sidebar.note.geometry().intersects(sidebar.tree.viewport().rect())


def test_an_empty_list_says_so(qtbot):
    sidebar = make(qtbot)
    sidebar.resize(260, 500)
    assert not sidebar.note.isVisible()  # nothing listed yet: not "no chats" either
    sidebar.set_conversations([], now=NOW)
    note = sidebar.note
    assert note.isVisible() and note.text().startswith("No chats yet")
    assert note.accessibleName() == note.text()
    assert sidebar.tree.viewport().rect().contains(note.geometry())
    # centred, muted, in the theme's colours
    assert note.alignment() & Qt.AlignmentFlag.AlignHCenter
    assert note.foregroundRole() == QPalette.ColorRole.PlaceholderText
    sidebar.set_conversations([conv(1, "One", 0)], now=NOW)
    assert not note.isVisible()


def test_matches_are_highlighted_in_the_hit(qtbot):
    """The match is painted on the highlight colour (softened); the rest of the words
    are not."""
    sidebar = make(qtbot)
    sidebar.resize(300, 400)
    sidebar.search.setText("integral")
    text = "…so the integral of a sum is the sum of the integrals…"
    sidebar.set_search_results([hit(7, 42, "Integral maths", text, ((8, 16), (43, 51)),
                                    title_spans=((0, 8),))])
    assert sidebar.tree.topLevelItem(1).data(0, TITLE_SPANS_ROLE) == ((0, 8),)
    QApplication.processEvents()
    tree = sidebar.tree
    item = tree.topLevelItem(1)
    rect = tree.visualItemRect(item)
    assert rect.height() >= 3 * tree.fontMetrics().lineSpacing()  # title + two lines
    image = tree.viewport().grab().toImage()
    palette = tree.palette()
    under = palette.color(QPalette.ColorRole.Highlight)
    base = palette.color(QPalette.ColorRole.Base)
    alpha = MATCH_ALPHA / 255
    blend = [round(getattr(under, c)() * alpha + getattr(base, c)() * (1 - alpha))
             for c in ("red", "green", "blue")]
    ratio = image.devicePixelRatio()
    marked = 0
    for y in range(int(rect.top() * ratio), int(rect.bottom() * ratio)):
        for x in range(0, int(rect.right() * ratio), 2):
            pixel = image.pixelColor(x, y)
            if all(abs(a - b) <= 6 for a, b in zip((pixel.red(), pixel.green(), pixel.blue()),
                                                    blend, strict=True)):
                marked += 1
    assert marked > 50, "no highlighted match painted"


def test_down_from_the_search_box_reaches_the_hits_and_enter_opens_one(qtbot):
    sidebar = make(qtbot)
    with qtbot.waitActive(sidebar):
        sidebar.activateWindow()
    jumps = []
    sidebar.searchHitActivated.connect(lambda c, m: jumps.append((c, m)))
    sidebar.search.setFocus()
    sidebar.search.setText("integral")
    sidebar.set_search_results([hit(7, 42, "Maths", "the integral", ((4, 12),)),
                                hit(8, 50, "More", "integrals", ((0, 8),))])
    qtbot.keyClick(sidebar.search, Qt.Key.Key_Down)
    tree = sidebar.tree
    assert tree.hasFocus()
    assert tree.currentItem() is tree.topLevelItem(1)  # the first hit, not the heading
    assert tree.currentItem().isSelected()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    qtbot.keyClick(tree, Qt.Key.Key_Return)
    assert jumps == [(8, 50)]
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    qtbot.keyClick(tree, Qt.Key.Key_Up)  # from the first hit: back to the search box
    assert sidebar.search.hasFocus()


def test_new_chat_clears_the_highlight(qtbot):
    sidebar = make(qtbot)
    sidebar.set_conversations([conv(1, "One", 0), conv(2, "Two", 0)], now=NOW)
    sidebar.select_conversation(2)
    assert sidebar.tree.currentItem().text(0) == "Two"
    sidebar.select_conversation(0)
    assert sidebar.tree.currentItem() is None and not sidebar.tree.selectedItems()


def many(count, start=1):
    return [conv(i, f"Chat {i}", i / 10) for i in range(start, start + count)]


def listed(sidebar, conversations, more):
    """Fill the list and let Qt lay it out, as it would before the user could scroll."""
    sidebar.set_conversations(conversations, now=NOW, more=more)
    QApplication.processEvents()


def test_older_chats_load_on_scroll_or_on_the_last_row(qtbot):
    sidebar = make(qtbot)
    sidebar.resize(260, 400)
    asked = []
    sidebar.moreRequested.connect(lambda: asked.append(True))
    listed(sidebar, many(60), more=True)
    last = sidebar.tree.topLevelItem(sidebar.tree.topLevelItemCount() - 1)
    assert last.text(0) == "Show older chats…"
    sidebar.tree.itemActivated.emit(last, 0)  # Enter or a click on it
    assert asked == [True]
    sidebar.tree.itemActivated.emit(last, 0)
    assert asked == [True]  # once per listing, however often

    listed(sidebar, many(90), more=True)
    bar = sidebar.tree.verticalScrollBar()
    bar.setValue(bar.maximum() // 3)
    assert len(asked) == 1  # not yet near the end
    bar.setValue(bar.maximum())
    bar.setValue(bar.maximum() - 1)
    assert len(asked) == 2

    listed(sidebar, many(90), more=False)  # the whole history is listed
    assert rows(sidebar)[-1] == "Chat 90"
    bar.setValue(0)
    bar.setValue(bar.maximum())
    assert len(asked) == 2


def test_refilling_keeps_the_place_the_user_scrolled_to(qtbot):
    sidebar = make(qtbot)
    sidebar.resize(260, 400)
    listed(sidebar, many(120), more=True)
    bar = sidebar.tree.verticalScrollBar()
    bar.setValue(bar.maximum() // 2)
    top = sidebar.tree.itemAt(0, 0).text(0)
    listed(sidebar, many(240), more=True)  # older ones added below
    assert bar.value() > 0
    assert sidebar.tree.itemAt(0, 0).text(0) == top
    bar.setValue(0)
    listed(sidebar, many(240), more=False)
    assert bar.value() == 0 and rows(sidebar)[0] == "Today"  # the top stays the top
