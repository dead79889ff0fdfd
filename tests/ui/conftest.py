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
