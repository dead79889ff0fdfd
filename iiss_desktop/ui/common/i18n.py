"""Italian translations for Qt's own strings ("Annulla", "Sì") and the default locale."""
from __future__ import annotations

from PySide6.QtCore import QLibraryInfo, QLocale, QTranslator

TRANSLATION_FILES = ("qtbase_it", "qt_it")

# Qt does not own the translators: without these references Python would free them.
_installed: dict[str, QTranslator] = {}


def install_translators(app) -> list[bool]:
    """Load qtbase_it and qt_it; one bool per file in TRANSLATION_FILES order."""
    QLocale.setDefault(QLocale(QLocale.Italian, QLocale.Italy))
    directory = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
    results = []
    for name in TRANSLATION_FILES:
        if name in _installed:  # idempotent: installing twice would duplicate lookups
            results.append(True)
            continue
        translator = QTranslator(app)
        ok = translator.load(name, directory)
        if ok:
            ok = app.installTranslator(translator)
        if ok:
            _installed[name] = translator
        results.append(bool(ok))
    return results


def remove_translators(app) -> None:
    for translator in _installed.values():
        app.removeTranslator(translator)
    _installed.clear()
