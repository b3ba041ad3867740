"""The interface language: English, or Traditional Chinese (Hong Kong).

Follows the system locale unless the user picked one in Settings. Any Traditional Chinese
locale (zh_HK, zh_TW, zh_MO, zh_Hant…) gets zh_HK; everything else English, the source
language. Qt's own strings (standard buttons, context menus) come from Qt's zh_TW file,
the Traditional Chinese it ships. Install before any widget is built.
Threading: GUI thread, at start-up.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from app import resources

TRADITIONAL_REGIONS = ("HK", "TW", "MO")


def pick_language(setting: str, locale: QLocale | None = None) -> str | None:
    """``zh_HK`` or None (English) for a setting of system/en/zh_HK."""
    if setting == "en":
        return None
    if setting == "zh_HK":
        return "zh_HK"
    locale = locale or QLocale.system()
    if locale.language() != QLocale.Language.Chinese:
        return None
    traditional = (locale.script() == QLocale.Script.TraditionalHanScript
                   or QLocale.territoryToCode(locale.territory()) in TRADITIONAL_REGIONS)
    return "zh_HK" if traditional else None


_installed: list[QTranslator] = []


def install_translators(setting: str, locale: QLocale | None = None) -> str | None:
    """Load the chosen language; returns it (None: English)."""
    app = QCoreApplication.instance()
    assert app is not None, "install_translators needs the application object"
    for translator in _installed:
        app.removeTranslator(translator)
    _installed.clear()
    language = pick_language(setting, locale)
    if language is None:
        return None
    ours = QTranslator(app)
    if ours.load(str(resources.path("i18n", f"parley_{language}.qm"))):
        app.installTranslator(ours)
        _installed.append(ours)
    qt = QTranslator(app)
    if qt.load("qtbase_zh_TW", QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)):
        app.installTranslator(qt)
        _installed.append(qt)
    QLocale.setDefault(QLocale(QLocale.Language.Chinese, QLocale.Country.HongKong))
    return language
