"""The sidebar's conversations over a real history: the newest page first, older pages as
the user scrolls, and a refresh (after a rename, say) keeps what was already listed."""

from PySide6.QtWidgets import QApplication, QStatusBar

from app.core.history import AsyncHistory
from app.ui.sidebar import conversation_list
from app.ui.sidebar.conversation_list import ConversationList
from app.ui.sidebar.panel import ID_ROLE, MORE_ROLE, Sidebar
from tests.ui.flow import until


def listed_ids(sidebar):
    tree = sidebar.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item.data(0, ID_ROLE) for item in items if item.data(0, ID_ROLE)]


def has_more_row(sidebar):
    tree = sidebar.tree
    return any(tree.topLevelItem(i).data(0, MORE_ROLE) for i in range(tree.topLevelItemCount()))


async def test_older_conversations_are_listed_page_by_page(qtbot, tmp_path, monkeypatch):
    monkeypatch.setattr(conversation_list, "PAGE", 40)
    sidebar, status = Sidebar(), QStatusBar()
    qtbot.addWidget(sidebar)
    qtbot.addWidget(status)
    sidebar.resize(260, 400)
    sidebar.show()
    async with AsyncHistory(tmp_path / "history.sqlite3") as history:
        await history.run(lambda store: [store.create_conversation(title=f"Chat {i}")
                                         for i in range(1, 96)])
        chats = ConversationList(sidebar, status, history)
        await chats.refresh()
        assert len(listed_ids(sidebar)) == 40 and has_more_row(sidebar)
        newest = listed_ids(sidebar)

        QApplication.processEvents()
        bar = sidebar.tree.verticalScrollBar()
        bar.setValue(bar.maximum())  # scrolled to the end: the next page comes
        await until(lambda: len(listed_ids(sidebar)) == 80)
        assert listed_ids(sidebar)[:40] == newest and has_more_row(sidebar)

        await chats.refresh()  # e.g. after a rename: still 80, not back to the first page
        assert len(listed_ids(sidebar)) == 80

        QApplication.processEvents()
        bar.setValue(bar.maximum())
        await until(lambda: len(listed_ids(sidebar)) == 95)
        assert not has_more_row(sidebar)  # everything is listed
        assert sorted(listed_ids(sidebar)) == list(range(1, 96))
