"""The list of every report of the application, with its options, and a "Stampa" button."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QLabel,
                               QListWidget, QListWidgetItem, QVBoxLayout, QHBoxLayout,
                               QWidget)

from ..reports.catalog import REPORTS, ReportSpec
from .common.dialogs import exec_and_dispose, show_domain_error
from .common.widgets import year_spinbox
from .common.printing import print_report


def _registers() -> list[tuple[str, str]]:
    from ..domain.registers import all_registers

    return [(r.code, r.title) for r in all_registers()]


class PrintDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Stampe")
        self.resize(720, 420)
        self.list = QListWidget(self)
        # A register print needs at least one register to choose from.
        self.specs = [r for r in REPORTS
                      if _registers() or "registro" not in {o.name for o in r.options}]
        for spec in self.specs:
            item = QListWidgetItem(f"{spec.title}  ({spec.area})")
            item.setData(256, spec.name)
            self.list.addItem(item)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.options_box = QWidget(self)
        self.options_form = QFormLayout(self.options_box)
        self.year_edit = year_spinbox(self)
        self.year_edit.setPrefix("")
        self.register_edit = QComboBox(self)
        for code, title in _registers():
            self.register_edit.addItem(title, code)
        self.options_form.addRow("Anno:", self.year_edit)
        self.options_form.addRow("Registro:", self.register_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Stampa")
        self.buttons.button(QDialogButtonBox.Close).setText("Chiudi")
        self.buttons.accepted.connect(self.print_selected)
        self.buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.description)
        right.addWidget(self.options_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        self.list.setCurrentRow(0)
        self.last_job = None

    def current_spec(self) -> ReportSpec:
        return self.specs[max(self.list.currentRow(), 0)]

    def _on_list_current_changed(self, row: int) -> None:
        spec = self.current_spec()
        self.description.setText(f"<b>{spec.title}</b><br>{spec.description}")
        names = {o.name for o in spec.options}
        self.options_form.setRowVisible(self.year_edit, "anno" in names)
        self.options_form.setRowVisible(self.register_edit, "registro" in names)

    def options(self) -> dict:
        names = {o.name for o in self.current_spec().options}
        out = {}
        if "anno" in names:
            out["anno"] = self.year_edit.value()
        if "registro" in names:
            out["registro"] = self.register_edit.currentData()
        return out

    def print_selected(self) -> None:
        from ..domain.errors import DomainError

        spec, options = self.current_spec(), self.options()
        if "registro" in options and not options["registro"]:
            show_domain_error(self, DomainError("Nessun registro disponibile da stampare."))
            return
        self.last_job = print_report(self, self.db, spec.name, **options)

    @classmethod
    def ask(cls, parent, db) -> None:
        exec_and_dispose(cls(parent, db))
