"""The conversation open in the main window, and what changes it in the history.

Which conversation it is (None: a new chat not stored yet), its active path — the branch
shown, root first —, its parameters (the system prompt among them), the question being
edited, and the draft of a chat not stored yet. Every change goes through the history first
and is taken here only once stored, so what is here is what the history holds.

Qt-free. Threading: coroutines on the GUI loop (the history works on its own thread); one
owner, the chat controller, and the answer it is making (:mod:`app.ui.chat.answering`).
"""

from __future__ import annotations

from collections.abc import Coroutine
from dataclasses import replace
from typing import Any

from app.core.config.profiles import Profile
from app.core.history import AsyncHistory, Conversation, Message

NOT_EDITING = False  # edit_parent when no question is being edited


class OpenConversation:
    """What is open, over ``history``; the controller shows it, the answer flow extends it."""

    def __init__(self, history: AsyncHistory) -> None:
        self.history = history
        self.conversation: Conversation | None = None
        self.path: list[Message] = []
        self.params: dict[str, Any] = {}
        # The parent of the question being edited (None: the first question); the edited
        # question is sent below it, as a new branch.
        self.edit_parent: int | None | bool = NOT_EDITING
        self.new_draft = ""  # the draft of a chat not stored yet

    def close(self) -> None:
        """A new chat: nothing open (parameters and the new chat's draft stay)."""
        self.conversation, self.path, self.edit_parent = None, [], NOT_EDITING

    async def open(self, conversation_id: int, message_id: int = 0) -> Conversation:
        """Open a conversation on its active path, or on the branch that holds
        ``message_id`` (a search hit). Raises ParleyError, changing nothing."""
        conversation = await self.history.get_conversation(conversation_id)
        path = await self.history.active_path(conversation_id)
        if message_id and message_id not in {m.id for m in path}:
            path = await self.history.switch_branch(message_id)  # the hit's branch
        self.conversation, self.path, self.edit_parent = conversation, path, NOT_EDITING
        self.params = dict(conversation.params or {})
        self.params["system_prompt"] = conversation.system_prompt
        return conversation

    @property
    def editing(self) -> bool:
        return self.edit_parent is not NOT_EDITING

    def earlier(self) -> list[Message]:
        """The messages the next question follows, sent again with it: the whole path, or
        while a question is edited, the path up to the edited question's parent."""
        if not self.editing:
            return self.path
        ids = [m.id for m in self.path]
        return self.path[: ids.index(self.edit_parent) + 1] if self.edit_parent in ids else []

    async def add_question(self, text: str, images: list[Any], profile: Profile,
                           image_title: str) -> tuple[Message, bool]:
        """Store the user's message (``images``: prepared or already stored ones): at the
        end of the path, or below the edited question's parent (a new branch). The
        conversation is created first if it is new; an image sent alone titles it
        ``image_title``. The message, and whether it was an edit. Raises ParleyError."""
        if self.conversation is None:
            self.conversation = await self.history.create_conversation(
                profile=profile.name, model=profile.chat_model,
                system_prompt=self.params.get("system_prompt", ""),
                params={k: v for k, v in self.params.items() if k != "system_prompt"})
        edited = self.editing
        parent = self.edit_parent if edited else (self.path[-1].id if self.path else None)
        user = await self.history.add_message(self.conversation.id, "user", text,
                                              parent_id=parent, attachments=images)
        if images and not text.strip() and not self.path:
            await self.history.set_title(self.conversation.id, image_title, "auto")
        return user, edited

    async def took_question(self, user: Message, edited: bool) -> None:
        """The question is stored: the path ends with it (an edit's new branch is active)."""
        self.edit_parent = NOT_EDITING
        self.new_draft = ""
        if edited:
            assert self.conversation is not None
            self.path = await self.history.active_path(self.conversation.id)
        else:
            self.path.append(user)

    async def begin_answer(self, question: Message, model: str) -> Message:
        """An empty answer below ``question``, now the end of the path."""
        assert self.conversation is not None
        answer = await self.history.begin_answer(self.conversation.id, parent_id=question.id,
                                                 model=model)
        self.path = await self.history.active_path(self.conversation.id)
        return answer

    def took_answer(self, final: Message) -> bool:
        """A finished answer replaces its placeholder on the path. False when its
        conversation is no longer open (the user moved on; it is safe in the history)."""
        if self.conversation is None or final.conversation_id != self.conversation.id:
            return False
        self.path = [final if m.id == final.id else m for m in self.path]
        return True

    async def request_messages(self) -> list[dict[str, Any]]:
        """The path as a request, images included (read from their files on the history's
        thread); the answer being made and answers that failed before any text are left out."""
        return await self.history.request_messages(
            self.path, system_prompt=self.params.get("system_prompt", ""))

    def request_params(self) -> dict[str, Any]:
        """The parameters the user set, for a chat request (the model and system prompt go
        apart). One left at "default" (None) is not sent, so the profile's default, or else
        the gateway's, applies: None in a request would also drop the profile's default."""
        return {k: v for k, v in self.params.items()
                if k in ("temperature", "max_tokens") and v is not None}

    def back_to(self, question: Message) -> None:
        """Cut the path after ``question``: its answer is being made again."""
        self.path = self.path[: self.path.index(question) + 1]

    async def delete(self, message: Message) -> None:
        """Delete ``message`` and what is below it; the path becomes what the history
        shows now (the message's other version, or what came before it)."""
        await self.history.delete_message(message.id)
        if self.conversation is not None:
            self.path = await self.history.active_path(self.conversation.id)

    async def switch(self, message: Message, step: int) -> int | None:
        """Show the sibling ``step`` away from ``message`` (‹ -1, › +1) and the branch below
        it; the sibling's id, or None at either end."""
        siblings = await self.history.siblings(message.id)
        index = siblings.index(message.id) + step
        if 0 <= index < len(siblings):
            self.path = await self.history.switch_branch(siblings[index])
            return siblings[index]
        return None

    def store_params(self, params: dict[str, Any]) -> Coroutine[Any, Any, None] | None:
        """Take changed parameters; for a stored conversation, the history write to run."""
        self.params.update(params)
        if self.conversation is None:
            return None
        extra = {k: v for k, v in self.params.items() if k != "system_prompt"}
        return self.history.set_params(self.conversation.id,
                                       system_prompt=self.params.get("system_prompt", ""),
                                       params=extra)

    async def save_draft(self, text: str) -> None:
        if self.conversation is None:
            self.new_draft = text
        elif text != (self.conversation.draft or ""):
            await self.history.set_draft(self.conversation.id, text)
            self.conversation = replace(self.conversation, draft=text)

    async def token_total(self) -> int | None:
        if self.conversation is None:
            return None
        return (await self.history.conversation_usage(self.conversation.id)).total
