"""Importa inventario…: choose a CSV or XLSX file, see the dry run (summary and every wrong
cell), import only a clean file. Esporta inventario…: the same format, to a file."""
from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QHeaderView, QMessageBox

from ...domain.inventory.import_ import (
    ART31_HELP,
    OPTIONAL_HEADERS,
    REQUIRED_HEADERS,
)
from ...services.inventory.import_ import dry_run, export_inventory, import_file
from ..common.dialogs import report_errors
from ..common.import_dialog import FILE_FILTER, FileImportDialog
from ..common.jobs import run_job


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa inventario", "", FILE_FILTER)
    return path


def choose_save_file(parent) -> str:
    """Where to export ("" if cancelled); without an extension it becomes .xlsx."""
    path, chosen = QFileDialog.getSaveFileName(parent, "Esporta inventario", "inventario.xlsx",
                                               "Excel (*.xlsx);;CSV per Excel (*.csv)")
    if path and Path(path).suffix.lower() not in (".xlsx", ".csv"):
        path += ".csv" if "csv" in chosen.lower() else ".xlsx"
    return path


def _export_job(db, path, progress=None, cancel=None) -> int:
    progress(-1, "Esportazione dell'inventario…")
    return export_inventory(db, path)


class ImportDialog(FileImportDialog):
    window_title = "Importa inventario"
    import_title = "Importazione dell'inventario…"
    error_headers = ("Riga", "Colonna", "Atteso", "Trovato")
    intro_text = (
        "Importa i beni da un file CSV o Excel (.xlsx) esportato da un altro programma. "
        "Il file viene prima controllato: non si importa nulla finché contiene errori. "
        "I numeri d'inventario restano quelli del file (sono quelli delle etichette) e "
        "devono continuare la numerazione di ogni inventario senza salti.\n"
        f"Colonne obbligatorie: {', '.join(REQUIRED_HEADERS)}. Colonne facoltative: "
        + ", ".join(OPTIONAL_HEADERS)
        + f".\n{ART31_HELP}\nUn bene «scaricato» nella colonna Situazione si importa "
        "con il suo numero e il decreto di discarico (numero, data e causa: "
        "obbligatori); un bene «in comodato» si importa «in uso», senza il contratto.\n"
        "Un file prodotto da «Esporta inventario…» ha già il formato giusto.")

    def size_columns(self, table) -> None:
        header = table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.Stretch)
        header.setSectionResizeMode(3, QHeaderView.Interactive)
        table.setColumnWidth(3, 220)

    def error_cells(self, e) -> tuple[str, ...]:
        return (str(e.row), e.column, e.expected, e.found if e.found != "" else "(vuota)")

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return dry_run

    def run_import(self):
        return import_file


@report_errors
def open_import(tab) -> None:
    """From the Inventario tab: import, then refresh the goods shown."""
    if ImportDialog.ask(tab, tab.db) is not None:
        tab.events.data_changed.emit(tab.area)


@report_errors
def open_export(tab) -> None:
    path = choose_save_file(tab)
    if not path:
        return

    def done(count: int) -> None:
        QMessageBox.information(tab, "Esportazione completata",
                                f"Esportati {count} beni in «{Path(path).name}».\nIl file si "
                                "può reimportare così com'è, anche in un altro archivio.")

    return run_job(tab, _export_job, tab.db, path, title="Esportazione dell'inventario…",
                   on_done=done)

