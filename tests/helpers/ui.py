"""Helpers of the UI tests: drive the next modal dialog, answer forms without showing them,
select rows, compare the database before and after, save screenshots.

A modal dialog runs its own event loop inside ``exec()``: a test arms the steps first (a
zero-delay timer), then triggers the action that opens the dialog.
"""
from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from pathlib import Path
from types import SimpleNamespace
from typing import Any

from PySide6.QtCore import QItemSelectionModel, Qt, QTimer
from PySide6.QtWidgets import QApplication, QWidget

SHOTS = Path(__file__).resolve().parents[2] / "shots"   # ignored by git


def on_next_modal(steps: Callable[[QWidget], Any], delay_ms: int = 0) -> None:
    """Run ``steps(dialog)`` on the modal dialog the next action opens, then close it if it is
    still open (an exec() that never returns would hang the test). ``delay_ms``: for an
    action that opens its dialog a moment later (a button's shortcut clicks it with
    animateClick, about 100 ms)."""
    def run():
        dialog = QApplication.activeModalWidget()
        try:
            steps(dialog)
        finally:
            if dialog is not None and dialog.isVisible():
                getattr(dialog, "discard", dialog.reject)()   # closes without asking

    QTimer.singleShot(delay_ms, run)


def fill_next_form(qtbot, values: dict, delay_ms: int = 0) -> dict:
    """When the next FormDialog opens, load ``values`` and click OK. The dict returned is
    filled then with what the form showed: its "title", the "banner" and the field "errors"
    (only the fields with one). A form still open after OK (refused input) is cancelled."""
    from iiss_desktop.ui.common.form import FormDialog

    seen: dict = {}

    def fill(dialog):
        assert isinstance(dialog, FormDialog)
        seen["title"] = dialog.windowTitle()
        form = dialog.form
        form.load(values)
        qtbot.mouseClick(dialog.ok_button, Qt.LeftButton)
        seen["banner"] = form.banner.text() if not form.banner.isHidden() else ""
        seen["errors"] = {n: form.error_text(n) for n in form.editors if form.error_text(n)}

    on_next_modal(fill, delay_ms)
    return seen


def answer_forms(monkeypatch, answer: dict | Callable[[str, dict], dict]) -> list:
    """Every ``FormDialog.ask`` is answered without showing the form, as the clerk would with
    ``answer`` (the values typed, or ``answer(title, defaults)`` giving them): its
    ``on_submit`` runs and ``ask`` returns what the real one would. The list returned collects
    each form asked (``.title``, ``.specs``, ``.values`` = the defaults)."""
    from iiss_desktop.ui.common.form import FormDialog

    asked: list = []

    def ask(parent, title, specs, values=None, on_submit=None, **_kw):
        defaults = dict(values or {})
        asked.append(SimpleNamespace(title=title, specs=specs, values=defaults))
        typed = answer(title, dict(defaults)) if callable(answer) else dict(answer)
        if on_submit is None:
            return typed
        outcome = on_submit(typed)
        return typed if outcome is None else outcome

    monkeypatch.setattr(FormDialog, "ask", staticmethod(ask))
    return asked


def open_warehouse_tab(qtbot, db, store: int | None = None):
    """The Magazzino tab on ``db`` as it is now, filtered on a storeroom if given."""
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.warehouse.tab import WarehouseTab

    tab = WarehouseTab(db, AppEvents())
    qtbot.addWidget(tab)
    if store is not None:
        tab.store_filter.setCurrentIndex(tab.store_filter.findData(store))
    return tab


def select_ids(tab, *ids) -> None:
    """Select the rows of these ids (only them) in a TableTab or a ListDialog."""
    tab.table.clearSelection()
    for row_id in ids:
        tab.table.selectionModel().select(
            tab.model.index(tab.model.view_row_of_id(row_id), 0),
            QItemSelectionModel.Select | QItemSelectionModel.Rows)


def table_snapshot(path, tables: Iterable[str]) -> dict:
    """Every row of these tables, read with raw sqlite3: equal before and after = nothing
    saved."""
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall() for t in tables}
    finally:
        con.close()


def save_screenshot(widget: QWidget, name: str, folder: Path = SHOTS) -> bool:
    """The widget as shown, in ``folder`` (the repository's shots/ by default)."""
    folder.mkdir(parents=True, exist_ok=True)
    return widget.grab().save(str(folder / name))
