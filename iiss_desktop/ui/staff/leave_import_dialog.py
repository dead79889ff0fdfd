"""«Importa assenze e saldi…» of the Personale tab: the absences already taken in the current
school year and the balances carried over, from the program used before (CSV or XLSX), checked
first with every check of an absence: each wrong row in a table by row and column, «Importa»
enabled only for a clean file (services/staff/leave_import.py)."""
from __future__ import annotations

from PySide6.QtWidgets import QFileDialog

from ...domain.staff.leave_import import FORMAT_HELP, HEADERS
from ...services.staff.leave_import import check_leave_file, import_leave_file
from ..common.dialogs import report_errors
from ..common.import_dialog import FILE_FILTER, FileImportDialog


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa assenze e saldi", "", FILE_FILTER)
    return path


class LeaveImportDialog(FileImportDialog):
    window_title = "Importa assenze e saldi"
    import_title = "Importazione di assenze e saldi…"
    error_headers = ("Riga", "Colonna", "Errore")
    intro_text = (
        "Importa dal programma usato in precedenza le assenze già fruite nell'anno scolastico "
        "in corso e i saldi di ferie e permessi riportati dall'anno precedente (CSV o Excel "
        ".xlsx). Il file viene prima controllato con i controlli di ogni assenza (profilo, "
        "orario del giorno, sovrapposizioni, saldo): non si importa nulla finché contiene "
        f"errori.\n{FORMAT_HELP}\nColonne: {', '.join(HEADERS)}.")

    def error_cells(self, error) -> tuple[str, ...]:
        return (str(error.row) if error.row else "", error.column,
                getattr(error, "detail", error.message))

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return check_leave_file

    def run_import(self):
        return import_leave_file


@report_errors
def open_leave_import(tab) -> None:
    """From the Personale tab: import, then refresh the area."""
    if LeaveImportDialog.ask(tab, tab.db) is not None:
        tab.events.data_changed.emit(tab.area)
