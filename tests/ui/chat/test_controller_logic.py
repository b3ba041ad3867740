"""The chat controller's logic against a fake window (tests/ui/chat/fake_view.py), a real
history on a temporary folder and an in-process scripted gateway: sending, parameters,
stop, retry, edit and branches, drafts, "Show earlier", search jumps. No widget is built,
so each test takes a fraction of a second; tests/ui/test_app_flow.py drives the real app."""

from __future__ import annotations

import asyncio
from contextlib import asynccontextmanager
from dataclasses import dataclass

from app.core.errors import StreamError
from app.core.gateway.events import ErrorEvent, Finish, TextDelta
from app.core.history import AsyncHistory
from app.core.render import LIGHT
from app.ui.chat import controller as controller_module
from app.ui.chat.controller import ChatController
from tests.ui.chat.fake_view import HELLO, HOLD, FakeConnection, FakeView, ScriptedGateway
from tests.ui.flow import until


@dataclass
class Chat:
    controller: ChatController
    view: FakeView
    gateway: ScriptedGateway
    connection: FakeConnection
    history: AsyncHistory

    @property
    def path(self):
        return self.controller.path

    def idle(self):
        return not self.controller.busy

    async def send(self, text: str, answers: int = 1):
        """Type and send ``text``; wait until its answer is final (and shown)."""
        before = len(self.gateway.requests)
        self.view.composer.send(text)
        await until(lambda: len(self.gateway.requests) == before + answers and self.idle()
                    and self.path and self.path[-1].role == "assistant"
                    and self.path[-1].status != "streaming", timeout=3)

    def click(self, action: str, message_id: int | str = 0):
        """A ``parley-action:`` link in the transcript (Edit, Retry, ‹, ›, Show earlier)."""
        self.view.transcript.actionRequested.emit("action", f"{action}:{message_id}")


@asynccontextmanager
async def chat_window(tmp_path):
    history = AsyncHistory(tmp_path / "history.sqlite3")
    await history.open()
    view, gateway = FakeView(), ScriptedGateway()
    connection = FakeConnection(gateway)
    controller = ChatController(view, history, connection, LIGHT)
    try:
        yield Chat(controller, view, gateway, connection, history)
    finally:
        gateway.release()
        await controller.close()
        # The list refresh and usage read that an answer's end started still use the history.
        others = [t for t in asyncio.all_tasks() if t is not asyncio.current_task()]
        if others:
            await asyncio.wait(others, timeout=2)
        await history.close()


async def test_send_shows_the_question_streams_the_answer_and_stores_both(tmp_path):
    async with chat_window(tmp_path) as chat:
        firsts = []
        chat.controller.firstAnswered.connect(lambda *args: firsts.append(args))
        await chat.send("Hello")
        question, answer = chat.path
        assert (question.role, question.content) == ("user", "Hello")
        assert (answer.content, answer.status) == (HELLO, "complete")
        view = chat.view
        assert view.transcript.ids() == [question.id, answer.id]
        assert HELLO in view.transcript.streamed and "Regenerate" in view.transcript.footer(answer.id)
        assert view.composer.text() == "" and not view.busy and view.notice == ""
        conversation_id = chat.controller.conversation.id
        assert view.sidebar.selected == conversation_id
        await until(lambda: view.header.token_total == 7 and view.sidebar.listed == [conversation_id])
        assert firsts == [(conversation_id, "Hello", HELLO, "gpt-4o-mini")]
        stored = await chat.history.active_path(conversation_id)
        assert [(m.role, m.content) for m in stored] == [("user", "Hello"), ("assistant", HELLO)]

        await chat.send("And again")  # the next question goes below the answer
        assert [m.content for m in chat.path] == ["Hello", HELLO, "And again", HELLO]
        assert len(firsts) == 1  # only the first answer names the chat


async def test_header_parameters_go_into_every_request_and_the_history(tmp_path):
    async with chat_window(tmp_path) as chat:
        header = chat.view.header
        header.paramsChanged.emit({"temperature": 0.2, "max_tokens": 64,
                                   "system_prompt": "Be brief."})
        header.modelChosen.emit("gpt-4o")
        await chat.send("Hi")
        request = chat.gateway.requests[-1]
        assert request.model == "gpt-4o" and dict(request.params) == {"temperature": 0.2,
                                                                      "max_tokens": 64}
        assert request.messages[0] == {"role": "system", "content": "Be brief."}
        assert request.messages[-1] == {"role": "user", "content": "Hi"}
        assert chat.path[-1].model == "gpt-4o"
        conversation_id = chat.controller.conversation.id
        stored = await chat.history.get_conversation(conversation_id)
        assert stored.system_prompt == "Be brief."
        assert stored.params == {"temperature": 0.2, "max_tokens": 64, "model": "gpt-4o"}

        header.paramsChanged.emit({"temperature": 0.9})  # a stored chat: written at once
        for _ in range(100):  # the write runs in a task of its own
            stored = await chat.history.get_conversation(conversation_id)
            if stored.params["temperature"] == 0.9:
                break
            await asyncio.sleep(0.01)
        assert stored.params == {"temperature": 0.9, "max_tokens": 64, "model": "gpt-4o"}
        await chat.send("Warmer")
        assert dict(chat.gateway.requests[-1].params) == {"temperature": 0.9, "max_tokens": 64}

        chat.view.sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None)
        await chat.controller.open(conversation_id)  # reopened: the header shows its params
        assert header.params == {"temperature": 0.9, "max_tokens": 64, "model": "gpt-4o",
                                 "system_prompt": "Be brief."}


async def test_stop_keeps_what_arrived(tmp_path):
    async with chat_window(tmp_path) as chat:
        chat.gateway.script(TextDelta("Partial an"), HOLD, TextDelta("swer"), Finish("stop"))
        chat.view.composer.send("Tell me")
        await until(lambda: "Partial an" in chat.view.transcript.streamed, timeout=3)
        assert chat.controller.busy and chat.view.busy
        chat.click("regenerate", chat.path[-1].id)  # ignored while an answer streams
        chat.view.stopRequested.emit()  # Esc
        await until(chat.idle, timeout=3)
        answer = chat.path[-1]
        assert (answer.status, answer.content) == ("stopped", "Partial an")
        assert chat.view.notice == "Answer stopped. What arrived is kept."
        assert "Retry" in chat.view.transcript.footer(answer.id)
        assert (await chat.history.get_message(answer.id)).content == "Partial an"
        assert len(chat.gateway.requests) == 1


async def test_new_chat_while_answering_stops_the_answer_and_keeps_it(tmp_path):
    async with chat_window(tmp_path) as chat:
        chat.gateway.script(TextDelta("Half"), HOLD)
        chat.view.composer.send("Question")
        await until(lambda: "Half" in chat.view.transcript.streamed, timeout=3)
        answer_id = chat.path[-1].id
        chat.view.sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None and chat.idle())
        assert chat.path == [] and chat.view.transcript.shown == []
        stored = await chat.history.get_message(answer_id)
        assert (stored.status, stored.content) == ("stopped", "Half")


async def test_retry_after_a_failure_answers_again_in_place_of_the_failed_answer(tmp_path):
    """A retry of a failure replaces it: no stack of failed versions (‹ 1/2 ›) to page
    through. A retry of a stopped answer keeps what arrived, as another version."""
    async with chat_window(tmp_path) as chat:
        chat.gateway.script(ErrorEvent(StreamError("the gateway broke")))
        await chat.send("Hello")
        failed = chat.path[-1]
        assert failed.status == "error" and "Retry" in chat.view.transcript.footer(failed.id)
        assert "the gateway broke" in chat.view.transcript.shown[-1].error.details
        chat.click("retry", failed.id)
        # (SQLite may give the new answer the failed one's id: it is gone)
        await until(lambda: len(chat.gateway.requests) == 2 and chat.path[-1].status ==
                    "complete" and chat.idle(), timeout=3)
        again = chat.path[-1]
        assert (again.content, again.sibling_index, again.sibling_count) == (HELLO, 0, 1)
        first, second = chat.gateway.requests
        assert first.messages == second.messages  # the same question, asked again
        assert chat.view.transcript.ids() == [chat.path[0].id, again.id]
        assert "‹" not in chat.view.transcript.footer(again.id)
        assert len(await chat.history.siblings(again.id)) == 1


async def test_edit_sends_a_new_branch_and_keeps_the_old_one(tmp_path):
    async with chat_window(tmp_path) as chat:
        await chat.send("First question")
        await chat.send("Second question")
        first = chat.path[0]
        chat.click("edit", first.id)
        assert chat.view.composer.text() == "First question"
        assert chat.view.notice.startswith("Editing: sending starts a new branch")
        await chat.send("First question, edited")
        edited, answer = chat.path
        assert edited.content == "First question, edited" and edited.id != first.id
        assert (edited.parent_id, edited.sibling_index, edited.sibling_count) == (None, 1, 2)
        assert answer.parent_id == edited.id
        # The new branch is asked alone: nothing of the old one goes with it.
        assert [m["content"] for m in chat.gateway.requests[-1].messages] == [edited.content]
        assert chat.view.transcript.ids() == [edited.id, answer.id]
        assert "‹ 2/2 ›" in chat.view.transcript.footer(edited.id)
        assert await chat.history.siblings(first.id) == [first.id, edited.id]


async def test_arrows_switch_between_branches(tmp_path):
    async with chat_window(tmp_path) as chat:
        await chat.send("First question")
        await chat.send("Second question")
        old_branch = [m.id for m in chat.path]
        chat.click("edit", old_branch[0])
        await chat.send("First question, edited")
        new_branch = [m.id for m in chat.path]

        chat.click("prev", new_branch[0])  # ‹
        await until(lambda: [m.id for m in chat.path] == old_branch)
        transcript = chat.view.transcript
        assert transcript.ids() == old_branch and transcript.scrolled[-1] == (old_branch[0], "")
        assert "‹ 1/2 ›" in transcript.footer(old_branch[0])
        chat.click("prev", old_branch[0])  # already the first: nothing changes
        chat.click("next", old_branch[0])  # ›
        await until(lambda: [m.id for m in chat.path] == new_branch)
        assert transcript.ids() == new_branch
        assert [m.id for m in await chat.history.active_path(chat.controller.conversation.id)
                ] == new_branch  # the history remembers the branch shown


async def test_drafts_are_kept_per_conversation_and_for_the_new_chat(tmp_path):
    async with chat_window(tmp_path) as chat:
        composer, sidebar = chat.view.composer, chat.view.sidebar
        await chat.send("In chat A")
        a = chat.controller.conversation.id
        sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None)
        await chat.send("In chat B")
        b = chat.controller.conversation.id

        async def select(conversation_id):
            sidebar.conversationSelected.emit(conversation_id)
            await until(lambda: chat.controller.conversation is not None
                        and chat.controller.conversation.id == conversation_id)

        composer.type("draft for B")
        await select(a)
        assert composer.text() == "" and sidebar.selected == a
        assert (await chat.history.get_conversation(b)).draft == "draft for B"
        composer.type("draft for A")
        await select(b)
        assert composer.text() == "draft for B"
        await select(a)
        assert composer.text() == "draft for A"

        sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None)
        assert composer.text() == "" and sidebar.selected == 0
        composer.type("an idea for a new chat")
        await select(b)
        assert composer.text() == "draft for B"
        sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None)
        assert composer.text() == "an idea for a new chat"


async def long_conversation(history, pairs):
    conversation = await history.create_conversation(title="long")

    def fill(store):
        parent = None
        for i in range(pairs):
            parent = store.add_message(conversation.id, "user", f"Question {i}",
                                       parent_id=parent).id
            parent = store.add_message(conversation.id, "assistant", f"Answer {i}",
                                       parent_id=parent).id

    await history.run(fill)
    return conversation.id


async def test_a_long_conversation_opens_at_its_end_and_shows_earlier_on_demand(tmp_path,
                                                                                monkeypatch):
    # A conversation longer than SHOWN_MESSAGES (2,000 by default; 20 here)
    monkeypatch.setattr(controller_module, "SHOWN_MESSAGES", 20)
    monkeypatch.setattr(controller_module, "EARLIER_STEP", 40)
    async with chat_window(tmp_path) as chat:
        conversation_id = await long_conversation(chat.history, 35)
        await chat.controller.open(conversation_id)
        path, transcript = chat.path, chat.view.transcript
        assert len(path) == 70
        assert transcript.ids() == [m.id for m in path[-controller_module.SHOWN_MESSAGES:]]
        assert "Show 50 earlier message(s)" in transcript.preamble
        assert "parley-action:more:0" in transcript.preamble

        chat.click("more")
        assert transcript.ids() == [m.id for m in path[10:]]  # 40 more
        assert "Show 10 earlier message(s)" in transcript.preamble
        assert transcript.scrolled[-1] == (path[10].id, "")
        chat.click("more")
        assert transcript.ids() == [m.id for m in path] and transcript.preamble == ""
        assert transcript.scrolled[-1] == (path[0].id, "")


async def test_a_search_hit_opens_on_its_branch_with_a_little_context(tmp_path, monkeypatch):
    monkeypatch.setattr(controller_module, "SHOWN_MESSAGES", 20)  # as in the test above
    async with chat_window(tmp_path) as chat:
        conversation_id = await long_conversation(chat.history, 20)
        await chat.controller.open(conversation_id)
        hit = chat.path[9]  # "Answer 4": an earlier message than the 20 shown
        chat.click("regenerate", chat.path[-1].id)  # a second branch at the end
        await until(lambda: chat.path[-1].sibling_count == 2 and chat.idle(), timeout=3)
        old_last = chat.path[-2]  # the question whose first answer is now hidden
        chat.view.sidebar.newChatRequested.emit()
        await until(lambda: chat.controller.conversation is None)

        await chat.controller.open(conversation_id, hit.id, "Answer 4")
        transcript = chat.view.transcript
        assert transcript.ids()[0] == chat.path[7].id  # two messages before the hit
        assert "Show 7 earlier message(s)" in transcript.preamble
        assert transcript.scrolled[-1] == (hit.id, "Answer 4")

        first_answer = (await chat.history.siblings(chat.path[-1].id))[0]
        await chat.controller.open(conversation_id, first_answer, "Answer 19")
        assert chat.path[-1].id == first_answer and chat.path[-2].id == old_last.id
        assert transcript.scrolled[-1] == (first_answer, "Answer 19")


async def test_without_a_key_the_text_stays_and_settings_are_asked_for(tmp_path):
    async with chat_window(tmp_path) as chat:
        chat.connection.has_key = False
        asked = []
        chat.controller.keyNeeded.connect(lambda: asked.append(True))
        chat.view.composer.send("Hello")
        await until(lambda: asked)
        assert chat.view.notice == "Add your API key in Settings to start."
        assert chat.view.composer.text() == "Hello" and chat.controller.conversation is None
        assert chat.gateway.requests == []
        assert await chat.history.list_conversations() == []


async def test_a_retry_before_the_first_words_is_said_in_the_waiting_row(tmp_path):
    from app.core.errors import RateLimited
    from app.core.gateway.events import Retrying

    async with chat_window(tmp_path) as chat:
        chat.gateway.script(Retrying(RateLimited("HTTP 429 Too Many Requests"), 3.0, 1, 2),
                            TextDelta(HELLO), Finish("stop"))
        await chat.send("Hello")
        assert chat.view.transcript.waiting == ["Rate limited — retrying in 3 s"]
        assert chat.path[-1].content == HELLO


async def test_delete_removes_a_message_with_the_replies_below_it(tmp_path):
    async with chat_window(tmp_path) as chat:
        await chat.send("First")
        await chat.send("Second")
        first_pair = [m.id for m in chat.path[:2]]
        chat.click("delete", chat.path[2].id)  # the second question (its answer goes too)
        await until(lambda: len(chat.path) == 2)
        assert [m.id for m in chat.path] == first_pair
        assert chat.view.transcript.ids() == first_pair
        stored = await chat.history.active_path(chat.controller.conversation.id)
        assert [m.id for m in stored] == first_pair
        assert chat.view.status.messages[-1] == "Message deleted"


async def test_an_example_prompt_fills_the_message_box_and_is_not_sent(tmp_path):
    async with chat_window(tmp_path) as chat:
        composer = chat.view.composer
        focused = composer.focused
        chat.view.transcript.promptChosen.emit("Explain the chain rule with a worked example")
        assert composer.text() == "Explain the chain rule with a worked example"
        assert composer.focused == focused + 1
        await asyncio.sleep(0.05)
        assert chat.gateway.requests == [] and chat.path == []
