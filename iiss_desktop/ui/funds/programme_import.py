"""Importa il Programma Annuale…: the forecasts of a year from the program used before (CSV or
XLSX, one forecast a row), checked first: every wrong cell in a table by row and column, the
totals against the PA's rules, «Importa» enabled only for a clean file
(services/funds/programme_import)."""
from __future__ import annotations

from datetime import date
from functools import partial

from PySide6.QtWidgets import QFileDialog, QHBoxLayout, QLabel, QSpinBox

from ...domain.funds.programme_import import HEADERS
from ...domain.funds.residui_import import HEADERS as RESIDUI_HEADERS
from ...services.funds.programme_import import check_programme_file, import_programme
from ...services.funds.residui_import import check_residui_file, import_residui
from ..common.dialogs import report_errors
from ..common.import_dialog import FILE_FILTER, FileImportDialog


def choose_open_file(parent) -> str:
    """The file to import ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa il Programma Annuale", "",
                                          FILE_FILTER)
    return path


class ProgrammeImportDialog(FileImportDialog):
    window_title = "Importa il Programma Annuale"
    import_title = "Importazione del Programma Annuale…"
    error_headers = ("Riga", "Colonna", "Atteso", "Trovato")
    intro_text = (
        "Importa le previsioni iniziali del Programma Annuale da un file CSV o Excel (.xlsx) "
        "esportato dal programma usato in precedenza, una previsione per riga. Il file viene "
        "prima controllato (voci, destinazioni e tipi di spesa del piano dei conti, doppioni, "
        "equilibrio tra entrate e spese, limite del fondo di riserva): non si importa nulla "
        "finché contiene errori.\n"
        f"Colonne: {', '.join(HEADERS)}. «Parte» è Entrata o Spesa; «Codice» la voce "
        "(03/01) o la destinazione (A01, P02, R98, o un progetto della scuola come A03/1, "
        "con la sua denominazione in «Descrizione» se non è ancora in archivio); «Tipo di "
        "spesa» solo per le spese (02).\n"
        "Le previsioni vanno in una proposta (creata se manca); parere dei revisori e "
        "delibera si registrano poi con le loro date.")

    def __init__(self, parent, db, year: int | None = None):
        super().__init__(parent, db)
        self.year_edit = QSpinBox(self)
        self.year_edit.setRange(2000, 2100)
        self.year_edit.setValue(year or date.today().year)
        self.year_edit.setAccessibleName("Esercizio finanziario")
        self.year_edit.valueChanged.connect(self._year_changed)
        label = QLabel("&Esercizio finanziario:", self)
        label.setBuddy(self.year_edit)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.year_edit)
        row.addStretch(1)
        self._layout.insertLayout(1, row)

    def _year_changed(self) -> None:
        if self.path:             # the checks depend on the year's PA: check again
            self.check(self.path)

    def error_cells(self, error) -> tuple[str, ...]:
        if not error.row:         # the totals, or the PA of the year
            return ("", "", error.message, "")
        return (str(error.row), error.column, error.expected, error.found or "(vuota)")

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return partial(check_programme_file, year=self.year_edit.value())

    def run_import(self):
        return partial(import_programme, year=self.year_edit.value())

    @classmethod
    def ask(cls, parent, db, year: int | None = None):
        from ..common.dialogs import exec_and_dispose

        dialog = cls(parent, db, year)
        exec_and_dispose(dialog)
        return dialog.imported


class ResiduiImportDialog(ProgrammeImportDialog):
    window_title = "Importa i residui"
    import_title = "Importazione dei residui…"
    intro_text = (
        "Importa i residui attivi e passivi dell'esercizio in corso dal programma usato in "
        "precedenza, un residuo per riga, come riportati alla sua ultima chiusura. Il file "
        "viene prima controllato (voci e destinazioni del piano dei conti, anno di "
        "provenienza, importi, doppioni): non si importa nulla finché contiene errori.\n"
        f"Colonne: {', '.join(RESIDUI_HEADERS)}. «Tipo» è Attivo o Passivo; «Codice» la voce "
        "di un residuo attivo (03/01) o la destinazione di un passivo (A01), con il suo "
        "«Tipo di spesa» (02); «Importo» quanto resta da riscuotere o pagare.\n"
        "I residui diventano quelli riportati dall'anno precedente, una sola volta.")

    def dry_run(self):
        return partial(check_residui_file, year=self.year_edit.value())

    def run_import(self):
        return partial(import_residui, year=self.year_edit.value())


@report_errors
def open_residui_import(tab, *_args) -> None:
    done = ResiduiImportDialog.ask(tab, tab.db, tab.year())
    if done is not None:
        tab.events.data_changed.emit(tab.area)


@report_errors
def open_import(tab, *_args) -> None:
    """From the Fondi tab: import, then show the year imported."""
    done = ProgrammeImportDialog.ask(tab, tab.db, tab.year())
    if done is not None:
        tab._fill_years()
        tab.set_year(done.year)
        tab.events.data_changed.emit(tab.area)
