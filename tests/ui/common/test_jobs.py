import threading

import pytest
from PySide6.QtWidgets import QPushButton

from iiss_desktop.ui.common import dialogs, jobs
from iiss_desktop.ui.common.jobs import JobCancelled, run_job


@pytest.fixture
def shown_errors(monkeypatch):
    shown = []
    monkeypatch.setattr(dialogs, "show_exception", lambda parent, exc, tb: shown.append((exc, tb)))
    return shown


def add(a, b, *, progress, cancel, scale=1):
    assert isinstance(cancel, threading.Event)
    progress(0.5, "A metà")
    return (a + b) * scale


def test_quick_job_delivers_result_without_progress_dialog(qtbot):
    results = []
    handle = run_job(None, add, 2, 3, scale=10, on_done=results.append)
    with qtbot.waitSignal(handle.finished, timeout=5000) as blocker:
        pass
    assert blocker.args == [50]
    assert results == [50]
    assert handle.is_done()
    assert handle.progress_dialog is None  # fast jobs never flash a dialog
    assert handle not in jobs._active


def test_failing_job_reports_error_with_traceback(qtbot, shown_errors):
    def boom(*, progress, cancel):
        raise RuntimeError("disco pieno")

    handle = run_job(None, boom)
    with qtbot.waitSignal(handle.failed, timeout=5000) as blocker:
        pass
    failure = blocker.args[0]
    assert isinstance(failure.exc, RuntimeError)
    assert "disco pieno" in failure.traceback and "Traceback" in failure.traceback
    assert [type(e) for e, _ in shown_errors] == [RuntimeError]


def test_on_error_callback_replaces_default_dialog(qtbot, shown_errors):
    errors = []

    def boom(*, progress, cancel):
        raise ValueError("x")

    handle = run_job(None, boom, on_error=lambda exc, tb: errors.append(exc))
    assert handle.wait_done(5000)
    assert [type(e) for e in errors] == [ValueError]
    assert shown_errors == []


def test_slow_job_shows_progress_dialog_and_can_be_cancelled(qtbot, shown_errors):

    def slow(*, progress, cancel):
        progress(0.25, "Elaborazione registro…")
        # Ends only when cancelled (bounded so a broken test cannot hang forever).
        if not cancel.wait(10):
            return "finito"
        raise JobCancelled()

    handle = run_job(None, slow, title="Stampa in corso…", delay_ms=0)
    qtbot.waitUntil(lambda: handle.progress_dialog is not None
                    and handle.progress_dialog.labelText() == "Elaborazione registro…",
                    timeout=5000)
    dlg = handle.progress_dialog
    assert dlg.windowTitle() == "Stampa in corso…"
    cancel_button = [b for b in dlg.findChildren(QPushButton) if b.text() == "Annulla"]
    assert len(cancel_button) == 1
    with qtbot.waitSignal(handle.cancelled, timeout=5000):
        cancel_button[0].click()
    assert handle.cancel_event.is_set()
    assert shown_errors == []
