"""Importa personale…: the registry of the program used before (CSV or XLSX, one row per
contract), checked first: every wrong cell in a table by row and column, «Importa» enabled
only for a clean file."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from ...domain.staff.import_ import FORMAT_HELP, OPTIONAL_HEADERS, REQUIRED_HEADERS
from ...services.staff.import_ import dry_run, import_staff
from ..common.dialogs import report_errors
from ..common.import_dialog import FILE_FILTER, FileImportDialog


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa personale", "", FILE_FILTER)
    return path


class StaffImportDialog(FileImportDialog):
    window_title = "Importa personale"
    import_title = "Importazione del personale…"
    error_headers = ("Riga", "Colonna", "Errore")
    intro_text = (
        "Importa il personale ATA e i suoi contratti da un file CSV o Excel (.xlsx) esportato "
        "dal programma usato in precedenza. Il file viene prima controllato: non si importa "
        "nulla finché contiene errori.\n"
        f"{FORMAT_HELP}\n"
        f"Colonne obbligatorie: {', '.join(REQUIRED_HEADERS)}. Colonne facoltative: "
        f"{', '.join(OPTIONAL_HEADERS)}.\n"
        "Un file prodotto dal comando «iiss-desktop esporta-personale» ha già il formato "
        "giusto.")

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return dry_run

    def run_import(self):
        return import_staff


@report_errors
def open_import(tab) -> None:
    """From the Personale tab: import, then refresh the people shown."""
    if StaffImportDialog.ask(tab, tab.db) is not None:
        tab.events.data_changed.emit(tab.area)
