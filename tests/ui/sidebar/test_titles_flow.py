"""Model-written titles in the running app: the first answer names the conversation in the
sidebar; a title the user typed, the setting turned off, or a failing gateway leave the
title alone and show nothing."""

import logging
from dataclasses import replace

import pytest
import shiboken6

from app.ui.sidebar.panel import ID_ROLE
from tests.gateway.faults import Fault
from tests.ui.flow import start_app, stop_app, tasks_done, type_and_send, until

# The titler's task (app.ui.sidebar.titles): once it has ended, any request it made has
# reached the gateway, so "no request" is then a fact, not a guess about timing.
TITLING = "title conversation"


@pytest.fixture
async def parley(gateway, monkeypatch, qtbot):
    app = await start_app(gateway, monkeypatch, model_titles=True)
    yield app
    await stop_app(app)


def title_requests(gateway):
    return [r for r in gateway.requests
            if isinstance(r.json, dict) and "messages" in r.json and not r.json.get("stream")]


def sidebar_titles(app):
    tree = app.window.sidebar.tree
    items = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return [item.text(0) for item in items if item.data(0, ID_ROLE)]


async def answered(app, text):
    before = len(app.controller.path)
    await type_and_send(app, text)
    await until(lambda: len(app.controller.path) == before + 2
                and app.controller.path[-1].status == "complete" and not app.controller.busy)


async def test_the_first_answer_names_the_chat(parley, gateway):
    gateway.answer = "Title: “Solving a quadratic equation.”"
    await answered(parley, "how do I solve x^2 - 3x + 2 = 0 ?")
    await until(lambda: sidebar_titles(parley) == ["Solving a quadratic equation"])
    conversation = await parley.history.get_conversation(parley.controller.conversation.id)
    assert conversation.title_source == "model"
    [request] = title_requests(gateway)
    assert "x^2 - 3x + 2" in request.json["messages"][1]["content"]

    await answered(parley, "and x^2 + 1 = 0?")  # later answers ask for no new title
    await tasks_done(TITLING)  # had it started one, its request would be in by now
    assert len(title_requests(gateway)) == 1
    assert sidebar_titles(parley) == ["Solving a quadratic equation"]


async def test_the_users_title_the_setting_and_failures_are_respected(parley, gateway, caplog):
    history, titler = parley.history, parley.titler
    typed = await history.create_conversation(title="My calculus notes")
    titler.first_answer(typed.id, "What is a derivative?", "A rate of change.", "gpt-4o-mini")
    await tasks_done(TITLING)
    assert title_requests(gateway) == []  # the user named it: no request at all

    auto = await history.create_conversation()
    await history.add_message(auto.id, "user", "What is a derivative?")
    parley.settings = replace(parley.settings, model_titles=False)
    titler.first_answer(auto.id, "What is a derivative?", "A rate of change.", "gpt-4o-mini")
    await tasks_done(TITLING)
    assert title_requests(gateway) == []

    parley.settings = replace(parley.settings, model_titles=True)
    caplog.set_level(logging.INFO, logger="app.ui.sidebar.titles")
    gateway.add_fault(Fault(status=400, path="completion"))
    titler.first_answer(auto.id, "What is a derivative?", "A rate of change.", "gpt-4o-mini")
    await until(lambda: "no model-written title" in caplog.text)
    assert len(title_requests(gateway)) == 1
    assert (await history.get_conversation(auto.id)).title == "What is a derivative?"
    assert parley.window.notice.text() == ""  # a missing nicety is not worth a message


async def test_the_setting_is_in_settings_and_saved(parley):
    from app.core.config.settings import Settings

    parley.open_settings()
    dialog = parley.dialog
    box = dialog.model_titles
    assert box.isChecked()
    box.setChecked(False)
    dialog._save()
    assert parley.settings.model_titles is False
    assert Settings.load()[0].model_titles is False
    await until(lambda: not shiboken6.isValid(dialog))  # closed and deleted itself
    parley.open_settings()  # opening it again (and quitting afterwards) works
    assert parley.dialog is not dialog and not parley.dialog.model_titles.isChecked()
