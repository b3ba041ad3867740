"""The header: profile and model pickers, parameters popover, token total."""

from app.ui.window.header import Header, builtin_presets


def make(qtbot):
    header = Header()
    qtbot.addWidget(header)
    header.show()
    return header


def test_profile_and_model_choices(qtbot):
    header = make(qtbot)
    chosen, models = [], []
    header.profileChosen.connect(chosen.append)
    header.modelChosen.connect(models.append)
    header.set_profiles([("eduhk-apim", "EduHK API Management"), ("openai", "")], "openai")
    assert header.profile_box.currentText() == "openai"
    header.profile_box.activated.emit(0)
    assert chosen == ["eduhk-apim"]
    header.set_model("gpt-4o-mini", ["gpt-4o"])
    header.model_box.setCurrentText("gpt-4o")
    header.model_box.lineEdit().editingFinished.emit()
    header.model_box.lineEdit().editingFinished.emit()  # no change: no second signal
    assert models == ["gpt-4o"]


def test_params_popup_round_trip_and_presets(qtbot):
    header = make(qtbot)
    changes = []
    header.paramsChanged.connect(changes.append)
    header.set_presets(builtin_presets())
    header.set_params({"system_prompt": "Be brief", "temperature": 0.4})
    header._show_params()
    assert header.popup.isVisible()
    header.popup.presets.activated.emit(1)  # the tutor preset
    assert "tutor" in header.popup.system.toPlainText()
    header.popup.max_tokens.setValue(512)
    header.popup.hide()
    assert changes[-1]["temperature"] == 0.4 and changes[-1]["max_tokens"] == 512
    assert "tutor" in changes[-1]["system_prompt"]


def test_token_total(qtbot):
    header = make(qtbot)
    header.set_token_total(12345)
    assert header.tokens.text() == "12,345 tokens"
    header.set_token_total(0)
    assert header.tokens.text() == ""
