"""The sidebar: date groups, selection, rename, pin, delete, search hits."""

import datetime as dt
from types import SimpleNamespace

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

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


def test_search_hits_jump_to_the_message(qtbot):
    sidebar = make(qtbot)
    changes, jumps = [], []
    sidebar.searchChanged.connect(changes.append)
    sidebar.searchHitActivated.connect(lambda c, m: jumps.append((c, m)))
    qtbot.keyClicks(sidebar.search, "integral")
    qtbot.waitUntil(lambda: changes == ["integral"], timeout=2000)
    sidebar.set_search_results([SimpleNamespace(conversation_id=7, message_id=42, title="Maths",
                                                snippet="…the «integral» of x…")])
    assert rows(sidebar)[0] == "1 result(s)"
    hit = sidebar.tree.topLevelItem(1)
    assert "«integral»" in hit.text(0)
    sidebar.tree.itemActivated.emit(hit, 0)
    assert jumps == [(7, 42)]


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
