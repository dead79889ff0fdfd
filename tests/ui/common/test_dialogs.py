import logging
import sys

import pytest
from PySide6.QtWidgets import QApplication, QMessageBox, QPushButton

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.ui.common import dialogs
from iiss_desktop.ui.common.dialogs import ErrorDialog


def test_error_dialog_details_hidden_until_clicked(qtbot):
    dlg = ErrorDialog("Qualcosa non va.", "Traceback (most recent call last): ...")
    qtbot.addWidget(dlg)
    dlg.show()
    texts = [b.text() for b in dlg.findChildren(QPushButton)]
    assert "&Dettagli" in texts and "C&opia" in texts and "&Chiudi" in texts   # Alt+D, O, C
    assert not dlg.details_edit.isVisible()
    dlg.details_button.click()
    assert dlg.details_edit.isVisible()
    assert dlg.details_edit.isReadOnly()
    assert dlg.details_edit.toPlainText().startswith("Traceback")
    dlg.copy_button.click()
    assert "Qualcosa non va." in QApplication.clipboard().text()


@pytest.fixture
def calls(monkeypatch):
    seen = []
    monkeypatch.setattr(dialogs, "show_error", lambda p, m, d=None: seen.append(("error", m, d)))
    monkeypatch.setattr(dialogs, "show_domain_error",
                        lambda p, e: seen.append(("domain", e.message)))
    return seen


def test_show_exception_routes_domain_and_unexpected(calls):
    dialogs.show_exception(None, DomainError("Registro chiuso."), "tb")
    dialogs.show_exception(None, KeyError("x"), "Traceback...")
    assert calls == [("domain", "Registro chiuso."),
                     ("error", dialogs.UNEXPECTED_MESSAGE, "Traceback...")]


def test_report_errors_decorator(calls):
    @dialogs.report_errors
    def slot(flag=None):
        raise ValueError("guasto")

    assert slot(True, "extra argument dropped") is None
    assert calls[0][:2] == ("error", dialogs.UNEXPECTED_MESSAGE)
    assert "guasto" in calls[0][2]


def test_excepthook_logs_and_shows_on_gui_thread(qtbot, monkeypatch, caplog):
    shown = []
    monkeypatch.setattr(dialogs, "show_exception", lambda p, e, tb: shown.append(e))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    import threading
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    dialogs.install_excepthook(logging.getLogger("test"))
    try:
        raise RuntimeError("non gestita")
    except RuntimeError:
        with caplog.at_level(logging.ERROR, logger="test"):
            sys.excepthook(*sys.exc_info())
    qtbot.waitUntil(lambda: len(shown) == 1, timeout=2000)
    assert isinstance(shown[0], RuntimeError)
    assert "non gestita" in caplog.text


def test_ask_confirm_defaults_to_no(qtbot, monkeypatch):
    seen = {}

    def fake_exec(box):
        seen["default"] = box.defaultButton().text()
        seen["buttons"] = sorted(b.text() for b in box.buttons())
        return QMessageBox.No

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert dialogs.ask_confirm(None, "Conferma", "Annullare il protocollo?") is False
    assert seen == {"default": "&No", "buttons": ["&No", "&Sì"]}   # Alt+N, Alt+S


def test_a_print_question_defaults_to_yes(qtbot, monkeypatch):
    """«Stampare ora il verbale?»: the usual answer is Sì, so Enter prints."""
    seen = {}

    def fake_exec(box):
        seen["default"] = box.defaultButton().text()
        box.defaultButton().click()            # what Enter does
        return 0

    monkeypatch.setattr(QMessageBox, "exec", fake_exec)
    assert dialogs.ask_print(None, "Stampa del verbale", "Stampare ora il verbale?") is True
    assert seen == {"default": "&Sì"}
