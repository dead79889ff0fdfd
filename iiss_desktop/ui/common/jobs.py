"""Run slow, Qt-free work off the GUI thread with an optional progress dialog.

``fn`` knows nothing about Qt: it receives ``progress(fraction, message)`` and
a ``threading.Event`` to check for cancellation. Results and errors come back
on the GUI thread through queued signals. The progress dialog only appears if
the job is still running after ``delay_ms``, so fast jobs never flash a window.
"""
from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QEventLoop, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import QProgressDialog, QWidget

from . import dialogs

log = logging.getLogger(__name__)
PROGRESS_STEPS = 1000

_active: set[JobHandle] = set()  # keeps handles alive until their job ends


class JobCancelled(Exception):
    """May be raised by a job that noticed ``cancel.is_set()``."""


@dataclass
class JobFailure:
    exc: BaseException
    traceback: str


class _WorkerSignals(QObject):
    finished = Signal(object)
    failed = Signal(object)
    progressed = Signal(float, str)


class _Worker(QRunnable):
    def __init__(self, fn: Callable, args: tuple, kwargs: dict, cancel: threading.Event,
                 signals: _WorkerSignals):
        super().__init__()
        # Python keeps the reference (JobHandle); Qt must not delete it under us.
        self.setAutoDelete(False)
        self.fn, self.args, self.kwargs = fn, args, kwargs
        self.cancel = cancel
        self.signals = signals

    def run(self) -> None:
        try:
            result = self.fn(*self.args, progress=self._progress, cancel=self.cancel, **self.kwargs)
        except BaseException as exc:  # noqa: BLE001 - everything is reported to the GUI
            self._emit(self.signals.failed, JobFailure(exc, traceback.format_exc()))
        else:
            self._emit(self.signals.finished, result)

    def _progress(self, fraction: float, message: str = "") -> None:
        self._emit(self.signals.progressed, float(fraction), str(message))

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:  # the GUI side is gone (application quitting): nobody to tell
            log.debug("Risultato di un'operazione scartato: interfaccia già chiusa")


class JobHandle(QObject):
    """GUI-thread view of a running job. Signals are emitted after the callbacks."""

    finished = Signal(object)       # the result
    failed = Signal(object)         # JobFailure(exc, traceback)
    cancelled = Signal()
    progressed = Signal(float, str)
    done = Signal()                 # always, last

    def __init__(self, parent: QWidget | None, title: str, delay_ms: int,
                 on_done: Callable[[Any], None] | None,
                 on_error: Callable[[BaseException, str], None] | None):
        super().__init__()
        self.parent_widget = parent
        self.title = title
        self.on_done = on_done
        self.on_error = on_error
        self.cancel_event = threading.Event()
        self.progress_dialog: QProgressDialog | None = None
        self.result: Any = None
        self.failure: JobFailure | None = None
        self._done = False
        self._last_progress: tuple[float, str] = (-1.0, "")
        self._signals = _WorkerSignals()
        # Bound methods of a GUI-thread QObject: Qt queues these calls to the GUI thread.
        self._signals.finished.connect(self._on_finished, Qt.QueuedConnection)
        self._signals.failed.connect(self._on_failed, Qt.QueuedConnection)
        self._signals.progressed.connect(self._on_progress, Qt.QueuedConnection)
        self._delay = QTimer(self)
        self._delay.setSingleShot(True)
        self._delay.setInterval(delay_ms)
        self._delay.timeout.connect(self._show_progress)
        self._worker: _Worker | None = None

    # -- public -----------------------------------------------------------------
    def is_done(self) -> bool:
        return self._done

    def cancel(self) -> None:
        self.cancel_event.set()
        if self.progress_dialog is not None:
            self.progress_dialog.setLabelText("Annullamento in corso…")

    def wait_done(self, timeout_ms: int = 30_000) -> bool:
        """Spin the event loop until the job has ended; False on timeout."""
        if self._done:
            return True
        loop = QEventLoop()
        self.done.connect(loop.quit)
        QTimer.singleShot(timeout_ms, loop.quit)
        loop.exec()
        self.done.disconnect(loop.quit)
        return self._done

    # -- internals ----------------------------------------------------------------
    def _start(self, fn: Callable, args: tuple, kwargs: dict) -> None:
        self._worker = _Worker(fn, args, kwargs, self.cancel_event, self._signals)
        _active.add(self)
        self._delay.start()
        QThreadPool.globalInstance().start(self._worker)

    @Slot()
    def _show_progress(self) -> None:
        if self._done:
            return
        dlg = QProgressDialog(self.parent_widget)
        dlg.setWindowTitle(self.title)
        dlg.setLabelText(self.title)
        dlg.setCancelButtonText("Annulla")
        dlg.setWindowModality(Qt.WindowModal)
        dlg.setMinimumDuration(0)
        dlg.setAutoClose(False)
        dlg.setAutoReset(False)
        dlg.canceled.connect(self.cancel)
        self.progress_dialog = dlg
        self._apply_progress()
        dlg.show()

    @Slot(float, str)
    def _on_progress(self, fraction: float, message: str) -> None:
        self._last_progress = (fraction, message)
        self._apply_progress()
        self.progressed.emit(fraction, message)

    def _apply_progress(self) -> None:
        dlg = self.progress_dialog
        if dlg is None:
            return
        fraction, message = self._last_progress
        if fraction < 0:
            dlg.setRange(0, 0)  # unknown duration: busy indicator
        else:
            dlg.setRange(0, PROGRESS_STEPS)
            dlg.setValue(int(min(fraction, 1.0) * PROGRESS_STEPS))
        if message and not self.cancel_event.is_set():
            dlg.setLabelText(message)

    def _finish(self) -> None:
        self._done = True
        self._delay.stop()
        if self.progress_dialog is not None:
            self.progress_dialog.canceled.disconnect(self.cancel)
            self.progress_dialog.close()
            self.progress_dialog.deleteLater()
        self._worker = None

    @Slot(object)
    def _on_finished(self, result: Any) -> None:
        self._finish()
        self.result = result
        try:
            if self.on_done is not None:
                self.on_done(result)
        except Exception as exc:  # a bug in the callback must still be reported
            dialogs.show_exception(self.parent_widget, exc, traceback.format_exc())
        finally:
            self.finished.emit(result)
            self._end()

    @Slot(object)
    def _on_failed(self, failure: JobFailure) -> None:
        self._finish()
        self.failure = failure
        try:
            if isinstance(failure.exc, JobCancelled):  # the user asked for it: not an error
                self.cancelled.emit()
                return
            log.error("Operazione «%s» fallita:\n%s", self.title, failure.traceback)
            if self.on_error is not None:
                self.on_error(failure.exc, failure.traceback)
            else:
                # Looked up at call time so tests can monkeypatch dialogs.show_exception.
                dialogs.show_exception(self.parent_widget, failure.exc, failure.traceback)
            self.failed.emit(failure)
        finally:
            self._end()

    def _end(self) -> None:
        self.done.emit()
        _active.discard(self)


def run_job(parent: QWidget | None, fn: Callable, *args, title: str = "Operazione in corso…",
            on_done: Callable[[Any], None] | None = None,
            on_error: Callable[[BaseException, str], None] | None = None,
            delay_ms: int = 500, **kwargs) -> JobHandle:
    """Run ``fn(*args, progress=..., cancel=..., **kwargs)`` on the thread pool."""
    handle = JobHandle(parent, title, delay_ms, on_done, on_error)
    handle._start(fn, args, kwargs)
    return handle
