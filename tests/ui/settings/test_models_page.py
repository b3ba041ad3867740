"""Settings' Models page: the known models with their context sizes, a size of the user's
for any model (a gateway's deployment name too), Reset to default, and the round trip
through the settings file to the check attached documents go through."""

from dataclasses import replace

from PySide6.QtWidgets import QTableWidget

from app.core.config.settings import Settings
from app.core.documents.context import DEFAULT_CONTEXT, KNOWN_MODELS, context_window
from app.ui.settings.models_page import ModelsPage
from tests.ui.flow import start_app, stop_app


def rows(page):
    table = page.table
    return {table.item(r, 0).text(): (table.item(r, 1).text(), table.item(r, 2).text())
            for r in range(table.rowCount())}


def test_the_known_models_are_listed_with_their_sizes(qtbot):
    page = ModelsPage(Settings(), ["prod-chat", "gpt-4o-mini"])
    qtbot.addWidget(page)
    shown = rows(page)
    assert list(shown)[:len(KNOWN_MODELS)] == list(KNOWN_MODELS)
    assert shown["gpt-4"] == ("8,192", "Built in") and shown["gpt-4.1"][0] == "1,047,576"
    assert shown["prod-chat"] == (f"{DEFAULT_CONTEXT:,}", "Assumed (not a model Parley knows)")
    assert list(shown).count("gpt-4o-mini") == 1  # a profile's model already known: once
    assert page.findChild(QTableWidget, "contextWindows") is page.table


def test_a_size_set_here_is_what_a_document_is_checked_against(qtbot, tmp_path):
    path = tmp_path / "config.json"
    page = ModelsPage(Settings(), ["prod-chat"])
    qtbot.addWidget(page)
    assert not page.reset_button.isEnabled()
    page.table.selectRow(list(rows(page)).index("prod-chat"))  # picked from the list
    assert page.model.text() == "prod-chat" and page.tokens.value() == DEFAULT_CONTEXT
    page.tokens.setValue(32_000)
    page.set_button.click()
    assert rows(page)["prod-chat"] == ("32,000", "You") and page.reset_button.isEnabled()
    page.model.setText("GPT-4o")  # a size for a known model, spelled another way
    page.tokens.setValue(64_000)
    page.set_button.click()
    page.edited(Settings()).save(path)

    stored = Settings.load(path)[0].context_windows
    assert stored == {"prod-chat": 32_000, "GPT-4o": 64_000}
    window = context_window("prod-chat", overrides=stored)
    assert (window.tokens, window.source) == (32_000, "settings")
    assert context_window("gpt-4o", overrides=stored).tokens == 64_000
    assert context_window("gpt-4o-mini", overrides=stored).tokens == 128_000  # untouched


def test_reset_to_default_forgets_the_users_size(qtbot):
    settings = Settings(context_windows={"gpt-4o": 50_000, "my-deployment": 20_000})
    page = ModelsPage(settings)
    qtbot.addWidget(page)
    assert rows(page)["gpt-4o"] == ("50,000", "You") and "my-deployment" in rows(page)
    page.table.selectRow(list(rows(page)).index("gpt-4o"))
    page.reset_button.click()
    assert rows(page)["gpt-4o"] == ("128,000", "Built in") and page.tokens.value() == 128_000
    page.model.setText("my-deployment")
    page.reset_button.click()
    assert "my-deployment" not in rows(page)  # neither known nor a profile's: gone
    assert page.edited(settings).context_windows == {}


async def test_the_settings_dialog_has_the_page_and_save_stores_it(gateway, monkeypatch, qtbot):
    Settings().save()
    app = await start_app(gateway, monkeypatch)
    try:
        app.open_settings()
        dialog = app.dialog
        page = dialog.findChild(ModelsPage)
        assert dialog.tabs.tabText(dialog.tabs.indexOf(page)) == "Models"
        assert app.connection.profile().chat_model in rows(page)  # the profile's model
        page.model.setText("prod-chat")
        page.tokens.setValue(24_000)
        page.set_button.click()
        dialog._save()
        assert app.settings.context_windows == {"prod-chat": 24_000}
        assert Settings.load()[0] == replace(app.settings)
    finally:
        await stop_app(app)
