import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_collection_modifyitems(config, items):
    # UI tests fail on any Qt warning (same as qt_log_level_fail = WARNING, scoped to tests/ui).
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here) and not item.get_closest_marker("qt_log_level_fail"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # Harmless noise of the offscreen platform plugin when a window is shown.
            item.add_marker(pytest.mark.qt_log_ignore(
                "^This plugin does not support "))


@pytest.fixture(autouse=True)
def _unexpected_errors_fail_the_test(monkeypatch):
    """An "unexpected error" dialog is modal: under test it would wait for a click forever.

    It fails the test at once with the traceback the clerk would have seen behind "Dettagli".
    Tests that check the dialog itself build an ErrorDialog without exec().
    """
    from iiss_desktop.ui.common import dialogs

    def fail(self):
        pytest.fail(f"Finestra di errore inattesa: {self.message}\n{self.details or ''}")

    monkeypatch.setattr(dialogs.ErrorDialog, "exec", fail)


@pytest.fixture(autouse=True)
def _changed_dialogs_close_unasked(monkeypatch):
    """Closing a dialog with changes asks «Salvare le modifiche?» in a modal box: a test that
    leaves one open and changed would wait for a click at teardown. Here it is answered
    «Non salvare»; the tests of the question itself use ``save_question``."""
    from iiss_desktop.ui.common import dialogs

    real = dialogs.ask_save_changes
    monkeypatch.setattr(dialogs, "ask_save_changes", lambda parent: dialogs.DISCARD)
    return real


@pytest.fixture
def save_question(monkeypatch, _changed_dialogs_close_unasked):
    """The real «Salvare le modifiche?» box (see _changed_dialogs_close_unasked)."""
    from iiss_desktop.ui.common import dialogs

    monkeypatch.setattr(dialogs, "ask_save_changes", _changed_dialogs_close_unasked)


@pytest.fixture
def errors_raise(monkeypatch):
    """An exception in a slot is raised in the test instead of becoming an error dialog."""
    from iiss_desktop.ui.common import dialogs

    def reraise(parent, exc, tb_text=None):
        raise exc

    monkeypatch.setattr(dialogs, "show_exception", reraise)


@pytest.fixture
def main_window(qtbot, demo_db):
    """The main window on the demo archive, shown."""
    from iiss_desktop.ui.app import create_app
    from iiss_desktop.ui.main_window import MainWindow

    create_app()
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def inventory_tab(qtbot, demo_db):
    """The Inventario tab on the demo archive, on its own (not shown)."""
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.inventory.tab import InventoryTab

    tab = InventoryTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    return tab


@pytest.fixture
def answer_forms(monkeypatch):
    """``answer_forms(values)``: every FormDialog.ask answered with these values (see
    tests.helpers.ui.answer_forms); returns the list of the forms asked."""
    from tests.helpers import ui

    return lambda answer: ui.answer_forms(monkeypatch, answer)
