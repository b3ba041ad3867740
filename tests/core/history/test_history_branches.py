"""Branching: regenerate and edit-and-resend keep every earlier branch reachable."""

from __future__ import annotations

from app.core.history import HistoryStore


def ids(path):
    return [m.id for m in path]


def test_regenerating_twice_gives_three_siblings(store, chat):
    conv, (q, a1) = chat("question", "first answer")
    a2 = store.begin_answer(conv.id, parent_id=q.id)
    store.finish_answer(a2.id, "second answer")
    a3 = store.begin_answer(conv.id, parent_id=q.id)
    store.finish_answer(a3.id, "third answer")
    assert store.siblings(a1.id) == [a1.id, a2.id, a3.id]
    path = store.active_path(conv.id)
    assert ids(path) == [q.id, a3.id]
    assert (path[1].sibling_index, path[1].sibling_count) == (2, 3)
    assert (path[0].sibling_index, path[0].sibling_count) == (0, 1)
    switched = store.switch_branch(a1.id)
    assert ids(switched) == [q.id, a1.id] and switched[1].content == "first answer"
    assert (switched[1].sibling_index, switched[1].sibling_count) == (0, 3)
    assert ids(store.active_path(conv.id)) == [q.id, a1.id]


def test_edit_and_resend_keeps_the_old_branch(store, chat):
    conv, (q1, a1, q2, a2) = chat("q1", "a1", "q2 (typo)", "a2")
    edited = store.add_message(conv.id, "user", "q2 fixed", parent_id=q2.parent_id)
    answer = store.begin_answer(conv.id)
    store.finish_answer(answer.id, "a2 for the fix")
    assert ids(store.active_path(conv.id)) == [q1.id, a1.id, edited.id, answer.id]
    assert store.siblings(q2.id) == [q2.id, edited.id]
    # Back to the old question: its own answer comes along.
    assert ids(store.switch_branch(q2.id)) == [q1.id, a1.id, q2.id, a2.id]
    assert store.get_message(a2.id).content == "a2"


def test_switching_to_a_branch_lands_on_its_newest_leaf(store, chat):
    conv, (q1, a1, q2, a2) = chat("q1", "a1", "q2", "a2")
    store.add_message(conv.id, "user", "q3", parent_id=a2.id)
    other_a1 = store.begin_answer(conv.id, parent_id=q1.id)  # regenerate the first answer
    store.finish_answer(other_a1.id, "a1 again")
    assert ids(store.active_path(conv.id)) == [q1.id, other_a1.id]
    newest = store.add_message(conv.id, "user", "q2 on old branch, later", parent_id=a1.id)
    store.switch_branch(other_a1.id)
    assert ids(store.switch_branch(a1.id)) == [q1.id, a1.id, newest.id]


def test_editing_the_first_message_makes_a_second_root(store, chat):
    conv, (q1, a1) = chat("first", "answer")
    root2 = store.add_message(conv.id, "user", "first, edited", parent_id=None)
    assert store.siblings(q1.id) == [q1.id, root2.id]
    assert ids(store.active_path(conv.id)) == [root2.id]
    assert ids(store.switch_branch(q1.id)) == [q1.id, a1.id]


def test_branch_choice_survives_reopen(tmp_path, chat):
    path = tmp_path / "h.sqlite3"
    with HistoryStore(path) as store:
        conv, (q, a1) = chat("q", "a1", into=store)
        a2 = store.begin_answer(conv.id, parent_id=q.id)
        store.finish_answer(a2.id, "a2")
        store.switch_branch(a1.id)
    with HistoryStore(path) as store:
        assert ids(store.active_path(conv.id)) == [q.id, a1.id]


def test_empty_conversation_has_empty_path(store):
    assert store.active_path(store.create_conversation().id) == []


def test_deleting_a_message_removes_it_with_its_replies(store, chat):
    conv, (q1, a1, q2, a2) = chat("q1", "a1", "q2", "a2")
    assert store.delete_message(q2.id) == 2  # the question and its answer
    assert ids(store.active_path(conv.id)) == [q1.id, a1.id]
    assert a2.id not in {hit.message_id for hit in store.search("a2")}  # gone from search


def test_deleting_a_version_shows_the_other_one(store, chat):
    conv, (q, a1) = chat("question", "first answer")
    a2 = store.begin_answer(conv.id, parent_id=q.id)
    store.finish_answer(a2.id, "failed", status="error", error="Gateway error: HTTP 500")
    assert store.delete_message(a2.id) == 1
    path = store.active_path(conv.id)
    assert ids(path) == [q.id, a1.id] and path[1].sibling_count == 1
    assert store.delete_message(q.id) == 2 and store.active_path(conv.id) == []
