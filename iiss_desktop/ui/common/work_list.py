"""A work list: an area's documents or work in progress (buoni, decrees, requests…), with a
search box, a state and a period filter, and «Esporta…» writing exactly what is shown (CSV or
XLSX).

A subclass of :class:`ListDialog` that also gives ``states`` (code, label) with
``state_of(record)``, and ``date_of(record)`` for the period. The records are read once;
the filters work on them in memory (a 10,000-row list filters in milliseconds), «Aggiorna»
reads them again."""
from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
)

from ...domain.errors import DomainError, ValidationError
from .dialogs import show_domain_error
from .list_dialog import ListAction, ListDialog
from .widgets import DateEdit

ALL_STATES = "Tutti gli stati"


class WorkListDialog(ListDialog):
    states: Sequence[tuple[str, str]] = ()   # (code, label) of the state filter; () = none
    # Extra choices of the state filter: label -> the codes it selects («Da fare»).
    state_groups: Sequence[tuple[str, frozenset[str]]] = ()
    period_label = "Data"                    # what the period filters on
    export_name = "elenco"

    def __init__(self, parent, db, **kwargs):
        self._all: list[Any] | None = None
        self._sized = False
        super().__init__(parent, db, **kwargs)
        self._update_count()

    # --- for subclasses --------------------------------------------------------------------
    def load_all(self) -> Sequence[Any]:
        """Every record of the list (plain rows from ``queries``)."""
        return []

    def state_of(self, record) -> str:
        return ""

    def date_of(self, record) -> date | None:
        return None

    # --- header: search, state, period, export -----------------------------------------------
    def build_header(self):
        row = QHBoxLayout()
        self.search_edit = QLineEdit(self)
        self.search_edit.setPlaceholderText("Cerca in tutte le colonne…")
        self.search_edit.setClearButtonEnabled(True)
        self.search_edit.textChanged.connect(self._apply_search)
        row.addWidget(self.search_edit, 2)
        self.state_edit = QComboBox(self)
        self.state_edit.addItem(ALL_STATES, None)
        for label, codes in self.state_groups:
            self.state_edit.addItem(label, frozenset(codes))
        for code, label in self.states:
            self.state_edit.addItem(label, frozenset({code}))
        self.state_edit.setVisible(bool(self.states))
        self.state_edit.currentIndexChanged.connect(self._apply_filters)
        row.addWidget(self.state_edit, 1)
        self.period_title = QLabel(f"{self.period_label} dal", self)
        self.from_edit = DateEdit(self, field="dal", nullable=True)
        self.to_label = QLabel("al", self)
        self.to_edit = DateEdit(self, field="al", nullable=True)
        for edit in (self.from_edit, self.to_edit):
            edit.line_edit.editingFinished.connect(self._apply_filters)
            edit.value_changed.connect(self._apply_filters)
        for widget in (self.period_title, self.from_edit, self.to_label, self.to_edit):
            row.addWidget(widget)
        self.count_label = QLabel(self)
        row.addWidget(self.count_label)
        self.message_label = QLabel(self)
        self.message_label.setObjectName("errorLabel")
        self.message_label.setStyleSheet("color: #b00020")
        self.message_label.setWordWrap(True)
        self.message_label.hide()
        box = QVBoxLayout()
        box.addLayout(row)
        box.addWidget(self.message_label)
        return box

    def list_actions(self):
        """The list's own buttons (print, open…); «Esporta…» follows them."""
        return ()

    def actions(self):
        return [*self.list_actions(), ListAction(
            "export", "&Esporta…", self.export,
            tooltip="Salva l'elenco come è mostrato, in CSV o Excel (XLSX)")]

    # --- filtering ---------------------------------------------------------------------------
    def load(self):
        if self._all is None:
            self._all = list(self.load_all())
        return self._filtered()

    def after_change(self) -> None:
        """Something was saved from the list: read the records again."""
        self.changed = True
        self.reload()

    def reload(self) -> None:
        """Read the records again (after a change) and apply the filters."""
        self._all = None
        self.refresh()
        self._update_count()

    def period(self) -> tuple[date | None, date | None]:
        """The period typed; ValidationError naming the field when it cannot be."""
        start, end = self.from_edit.value(), self.to_edit.value()
        if start and end and start > end:
            raise ValidationError({"dal": f"Periodo impossibile: «dal» ({start:%d/%m/%Y}) è "
                                          f"dopo «al» ({end:%d/%m/%Y})."})
        return start, end

    def _filtered(self) -> list:
        records = self._all or []
        codes = self.state_edit.currentData() if hasattr(self, "state_edit") else None
        if codes:
            records = [r for r in records if self.state_of(r) in codes]
        try:
            start, end = self.period() if hasattr(self, "from_edit") else (None, None)
        except ValidationError:
            start = end = None
        if start or end:
            def inside(r) -> bool:
                day = self.date_of(r)
                if isinstance(day, datetime):
                    day = day.date()
                return day is not None and (not start or day >= start) and \
                    (not end or day <= end)
            records = [r for r in records if inside(r)]
        return records

    def _apply_filters(self, *_args) -> None:
        try:
            self.period()
        except (ValidationError, DomainError) as exc:
            # The rows stay as they were: the message says what to correct.
            self.message_label.setText(exc.message)
            self.message_label.show()
            return
        self.message_label.hide()
        self.refresh()
        self.model.set_filter(self.search_edit.text())
        self._update_count()

    def _apply_search(self, text: str) -> None:
        self.model.set_filter(text)
        self._update_count()

    def _update_count(self) -> None:
        if not hasattr(self, "count_label"):
            return
        shown, total = self.model.visible_count(), len(self._all or [])
        self.count_label.setText(f"{shown} di {total}" if shown != total else
                                 f"{total} in tutto")

    def size_columns(self) -> None:
        # Once, on the first rows: measuring 10,000 rows at every keystroke is what is slow.
        if not self._sized and self.model.rowCount():
            super().size_columns()
            self._sized = True

    def print_document(self, report: str, **options) -> None:
        """Print a row's document (built in the background, then opened)."""
        from .printing import print_report

        self.last_job = print_report(self, self.db, report, **options)

    # --- export ------------------------------------------------------------------------------
    def shown_rows(self) -> list[list[str]]:
        cols = range(self.model.columnCount())
        return [[self.model.display_text(r, c) for c in cols]
                for r in range(self.model.rowCount())]

    def export_to(self, path) -> int:
        from ...reports.table_export import write_table

        headers = [c.title for c in self.columns]
        return write_table(path, self.title, headers, self.shown_rows())

    def export(self) -> None:
        from ...paths import data_dir

        default = str(data_dir() / f"{self.export_name}-{date.today():%Y%m%d}.xlsx")
        path, _ = QFileDialog.getSaveFileName(self, "Esporta l'elenco", default,
                                              "Excel (*.xlsx);;CSV (*.csv)")
        if not path:
            return
        try:
            count = self.export_to(path)
        except DomainError as exc:
            show_domain_error(self, exc)
            return
        self.footer_label.setText(f"Esportate {count} righe in «{path}».")
        self.footer_label.show()
