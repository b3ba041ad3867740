"""Languages: the mapping from locale and setting, a real translated widget, and that the
shipped translation is complete and compiled from the current sources."""

import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale

from app.ui.chat.composer import Composer
from app.ui.runtime.i18n import install_translators, pick_language

ROOT = Path(__file__).resolve().parents[3]
TS = ROOT / "resources" / "i18n" / "parley_zh_HK.ts"
QM = ROOT / "resources" / "i18n" / "parley_zh_HK.qm"
L = QLocale


@pytest.mark.parametrize("setting, locale, expected", [
    ("system", L(L.Language.Chinese, L.Country.HongKong), "zh_HK"),
    ("system", L(L.Language.Chinese, L.Country.Taiwan), "zh_HK"),
    ("system", L(L.Language.Chinese, L.Script.TraditionalHanScript, L.Country.AnyCountry),
     "zh_HK"),
    ("system", L(L.Language.Chinese, L.Country.China), None),
    ("system", L(L.Language.English, L.Country.UnitedKingdom), None),
    ("zh_HK", L(L.Language.English, L.Country.UnitedStates), "zh_HK"),
    ("en", L(L.Language.Chinese, L.Country.HongKong), None),
])
def test_pick_language(setting, locale, expected):
    assert pick_language(setting, locale) == expected


def test_widgets_speak_traditional_chinese(qtbot):
    try:
        assert install_translators("zh_HK") == "zh_HK"
        composer = Composer()
        qtbot.addWidget(composer)
        assert composer.send_button.text() == "送出"
        assert "Enter 送出" in composer.edit.placeholderText()
    finally:
        install_translators("en")
        QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    english = Composer()
    qtbot.addWidget(english)
    assert english.send_button.text() == "Send"


def test_every_string_is_translated():
    unfinished = [m.find("source").text for m in ET.parse(TS).getroot().iter("message")
                  if m.find("translation").get("type") in ("unfinished", "obsolete")
                  or not (m.find("translation").text or m.find("translation").find("numerusform") is not None)]
    assert unfinished == []


def test_ts_covers_the_sources_and_qm_is_compiled(tmp_path):
    lupdate, lrelease = shutil.which("pyside6-lupdate"), shutil.which("pyside6-lrelease")
    if not lupdate or not lrelease:
        pytest.skip("Qt translation tools not on PATH")
    ts = tmp_path / "check.ts"
    shutil.copy(TS, ts)
    sources = sorted(str(p) for p in (ROOT / "app" / "ui").rglob("*.py"))
    out = subprocess.run([lupdate, *sources, "-ts", str(ts), "-no-obsolete"],
                         capture_output=True, text=True, check=True).stdout
    assert "(0 new and" in out, f"run pyside6-lupdate: the .ts misses strings\n{out}"
    qm = tmp_path / "check.qm"
    subprocess.run([lrelease, str(TS), "-qm", str(qm)], capture_output=True, check=True)
    assert qm.read_bytes() == QM.read_bytes(), "run pyside6-lrelease: the .qm is out of date"
