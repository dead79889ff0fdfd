"""Importa fornitori…: choose a CSV or XLSX file, see the dry run (summary and every wrong
cell, by row and column), import only a clean file (services/procurement/supplier_import)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from ...domain.procurement.supplier_import import HEADERS
from ...services.procurement.supplier_import import check_supplier_file, import_suppliers
from ..common.import_dialog import FILE_FILTER, FileImportDialog


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa fornitori", "", FILE_FILTER)
    return path


def _import(db, path, progress=None, cancel=None):
    return import_suppliers(db, path)


class SupplierImportDialog(FileImportDialog):
    window_title = "Importa fornitori"
    import_title = "Importazione dei fornitori…"
    error_headers = ("Riga", "Colonna", "Atteso", "Trovato")
    intro_text = ("Importa i fornitori da un file CSV o Excel (.xlsx), uno per riga. Il file "
                  "viene prima controllato (partita IVA e codice fiscale con la cifra di "
                  "controllo, PEC, doppioni nel file e nell'albo): non si importa nulla finché "
                  "contiene errori.\nColonne: " + ", ".join(HEADERS) + " (obbligatorie la "
                  "denominazione e la partita IVA o il codice fiscale).")

    def error_cells(self, error) -> tuple[str, ...]:
        return (str(error.row), error.column, error.expected, error.found or "(vuota)")

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return check_supplier_file

    def run_import(self):
        return _import

    def _imported(self, result) -> None:
        if not result.stored:           # a supplier registered meanwhile by another PC
            self.show_report(result)
            return
        super()._imported(result)
