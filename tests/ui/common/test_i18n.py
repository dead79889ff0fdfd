from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QDialogButtonBox

from iiss_desktop.ui.common.i18n import install_translators, remove_translators


def test_install_italian_translators(qapp):
    try:
        results = install_translators(qapp)
        assert results[0] is True  # qtbase_it
        assert QLocale().language() == QLocale.Italian
        box = QDialogButtonBox(QDialogButtonBox.Cancel | QDialogButtonBox.Yes)
        assert box.button(QDialogButtonBox.Cancel).text().replace("&", "") == "Annulla"
        assert box.button(QDialogButtonBox.Yes).text().replace("&", "") == "Sì"
        assert install_translators(qapp)[0] is True  # idempotent
    finally:
        remove_translators(qapp)
        QLocale.setDefault(QLocale.c())
