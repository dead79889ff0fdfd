"""Guards against a broken Qt binding: PySide6 6.12.0 drops a reference to True at each
signal emit and to None at each processEvents(), and the program aborts after a few
hundred of them (a whole day of clerk work emits hundreds of thousands)."""
from __future__ import annotations

import sys

from PySide6.QtCore import QObject, Signal


class _Emitter(QObject):
    plain = Signal()
    text = Signal(str)


def test_signals_and_event_processing_keep_reference_counts(qapp):
    emitter = _Emitter()
    received: list[str] = []
    emitter.plain.connect(lambda: None)
    emitter.text.connect(received.append)
    before = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    for _i in range(300):
        emitter.plain.emit()
        emitter.text.emit("x")
        qapp.processEvents()
    after = (sys.getrefcount(True), sys.getrefcount(False), sys.getrefcount(None))
    assert len(received) == 300
    # A few references may come and go with the interpreter; hundreds lost are the bug.
    assert all(abs(a - b) < 50 for a, b in zip(after, before)), (before, after)
