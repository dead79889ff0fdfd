"""The «Budget organico Covid» page of the Emergenza window: the USR's notes of a school year,
the daily cost of each profile, every contract paid by the budget with days × daily cost =
cost, the residual; a new note, a new daily cost, a supplenza charged to a Covid post, the
annulment of a note, the simulation of a contract before hiring, the print."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

from ...areas.staff import REGISTRY
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_money
from ...domain.staff.covid_budget import covid_end_limit
from ...domain.staff.fields import ATA_PROFILES, COVID_BUDGET, COVID_RATE
from ...queries.staff_emergency import (
    covid_budget,
    covid_substitution_choices,
    covid_years,
    simulate_covid_hire,
)
from ...services.staff import emergency
from ..common.dialogs import report_errors
from ..common.form import BANNER_KEY, FieldSpec, Form, FormDialog, spec_of
from ..common.table_model import Column, RowTableModel, date_column, money_column
from ..common.table_view import EmptyStateTable
from .emergency_base import PageAction, TablePage, ask_reason, notify

RED = "#a61b1b"


def _year_choices(db) -> list[int]:
    current = SchoolYear.of(date.today()).start_year
    years = set(covid_years(db)) | {current}
    return sorted(years, reverse=True)


class BudgetPage(TablePage):
    """The table shows the notes of the year; the contracts are in the table under it."""

    columns = (Column("kind", "Tipo"), Column("number", "Nota USR prot."),
               date_column("date", "Data"), Column("description", "Descrizione"),
               money_column("amount", "Importo"), Column("state", "Stato"))
    empty_text = "Nessuna nota dell'USR registrata per l'anno scolastico."
    CHARGE_COLUMNS = (Column("person", "Dipendente"), Column("profile", "Profilo"),
                      Column("kind", "Contratto"), Column("period", "Periodo"),
                      Column("formula", "Giorni × costo giornaliero × orario"),
                      money_column("cost", "Costo"))

    def build_bar(self):
        bar = QHBoxLayout()
        self.year = QComboBox(self)
        for y in _year_choices(self.db):
            self.year.addItem(f"a.s. {SchoolYear(y).label}", y)
        # the latest year with a budget, else the current one
        years = covid_years(self.db)
        if years:
            self.year.setCurrentIndex(self.year.findData(years[0]))
        self.year.currentIndexChanged.connect(self.refresh)
        label = QLabel("&Anno scolastico:", self)
        label.setBuddy(self.year)
        bar.addWidget(label)
        bar.addWidget(self.year)
        bar.addStretch(1)
        return bar

    def __init__(self, db, parent=None):
        self.view = None
        super().__init__(db, parent)
        # the contracts paid by the budget, under the notes
        self.charges_model = RowTableModel(self.CHARGE_COLUMNS, self)
        self.charges_area = EmptyStateTable(self.charges_model, "Nessun contratto dell'organico "
                                            "Covid nell'anno scolastico.", self)
        self.charges = self.charges_area.table
        self.charges.setTabKeyNavigation(False)
        self.charges.setAccessibleName("Contratti pagati dal budget")
        self.rates = QLabel(self)
        self.rates.setWordWrap(True)
        self.rates.setObjectName("covidRates")
        layout = self.layout()
        index = layout.indexOf(self.area)
        layout.removeWidget(self.area)
        split = QSplitter(Qt.Vertical, self)
        split.addWidget(self.area)
        box = QLabel("<b>Contratti e supplenze pagati dal budget</b>", self)
        holder = QVBoxLayout()
        holder.setContentsMargins(0, 0, 0, 0)
        lower = QWidget(self)
        lower.setLayout(holder)
        holder.addWidget(self.rates)
        holder.addWidget(box)
        holder.addWidget(self.charges_area, 1)
        split.addWidget(lower)
        split.setStretchFactor(0, 1)
        split.setStretchFactor(1, 2)
        layout.insertWidget(index, split, 1)
        self.table.setAccessibleName("Note dell'USR")
        self.refresh()

    @property
    def school_year(self) -> int:
        return self.year.currentData()

    def load(self):
        self.view = covid_budget(self.db, self.school_year)
        notes = self.view.notes
        self.records = {n.id: n for n in notes}
        rows = [(n.kind_label, n.note_number, n.note_date, n.description, n.signed, n.state)
                for n in notes]
        charges = [(c.person, c.profile_label, "Organico Covid", c.period, c.formula, c.cost)
                   for c in self.view.contracts]
        charges += [(c.person, c.profile_label, f"Supplenza per {c.replaces}", c.period,
                     c.formula, c.cost) for c in self.view.substitutions]
        self.charges_model.set_rows(charges)
        self.charges.resizeColumnsToContents()
        rates = " · ".join(f"{r.profile_label} {format_money(r.daily_cost)}"
                           for r in self.view.rates) or "nessuno inserito"
        self.rates.setText(f"Costo giornaliero per profilo (digitato dall'ufficio dai dati "
                           f"NoiPA): {rates}.")
        return rows, [n.id for n in notes]

    def summary_text(self) -> str:
        v = self.view
        if v is None:
            return ""
        residual = format_money(v.residual)
        if v.residual < 0:
            residual = f"<span style='color:{RED}'><b>{residual}: budget superato</b></span>"
        else:
            residual = f"<b>{residual}</b>"
        text = (f"Budget a.s. {v.year_label}: <b>{format_money(v.budget)}</b> · contratti "
                f"{format_money(v.spent_contracts)} · supplenze "
                f"{format_money(v.spent_substitutions)} · residuo {residual}")
        if v.missing_profiles:
            text += (f"<br><span style='color:{RED}'>Manca il costo giornaliero di: "
                     + ", ".join(v.missing_profiles) + "</span>")
        return text

    def actions(self):
        return (
            PageAction("new", "&Nuova assegnazione…", self.new_note, "Ctrl+N", REGISTRY,
                       tooltip="Una nota dell'USR: assegnazione, integrazione o riduzione"),
            PageAction("rate", "Costo &giornaliero…", self.new_rate, "Ctrl+G", REGISTRY,
                       tooltip="Il costo di un giorno di contratto per profilo (dato NoiPA)"),
            PageAction("simulate", "Si&mula assunzione…", self.simulate, "Ctrl+Shift+S",
                       tooltip="Costo di un contratto prima di farlo e residuo dopo"),
            PageAction("substitution", "&Supplenza su posto Covid…", self.charge_substitution,
                       "Ctrl+Shift+U", REGISTRY,
                       tooltip="Attribuire al budget una supplenza su un posto Covid"),
            PageAction("annul", "Ann&ulla nota…", self.annul_note, "Ctrl+Shift+Del", REGISTRY,
                       needs_selection=True, tooltip="Annullare la nota selezionata"),
            PageAction("print", "S&tampa", self.print_budget, "Ctrl+P"),
        )

    # --- actions -------------------------------------------------------------------------------
    def new_note(self) -> None:
        year = self.school_year
        specs = [spec_of(COVID_BUDGET[n]) for n in ("kind", "amount", "note_number",
                                                    "note_date", "description")]
        first = not (self.view and self.view.has_budget)
        values = {"kind": "assegnazione" if first else "integrazione"}

        def save(v):
            return emergency.add_budget_row(
                self.db, year, kind=v["kind"], amount=v["amount"],
                note_number=v["note_number"], note_date=v["note_date"],
                description=v["description"] or "")

        if FormDialog.ask(self, "Nuova nota dell'USR", specs, values, on_submit=save,
                          intro=f"Organico Covid, a.s. <b>{SchoolYear(year).label}</b>: "
                                "l'importo è positivo; una riduzione lo sottrae.") is not None:
            self.refresh()
            notify(self, "Nota dell'USR registrata.")

    def new_rate(self) -> None:
        year = self.school_year
        specs = [spec_of(COVID_RATE["profile"]), spec_of(COVID_RATE["daily_cost"]),
                 spec_of(COVID_RATE["source"])]

        def save(v):
            return emergency.set_daily_cost(self.db, year, v["profile"], v["daily_cost"],
                                            v["source"] or "")

        if FormDialog.ask(self, "Costo giornaliero del profilo", specs, {"source": ""},
                          on_submit=save,
                          intro=f"a.s. <b>{SchoolYear(year).label}</b>: il costo di un giorno "
                                "di contratto, come lo comunica l'USR dai dati NoiPA. Sostituisce "
                                "quello in vigore, che resta nella storia.") is not None:
            self.refresh()
            notify(self, "Costo giornaliero registrato.")

    def charge_substitution(self) -> None:
        covid, subs = covid_substitution_choices(self.db, self.school_year)
        if not covid or not subs:
            notify(self, "Per attribuire una supplenza servono un contratto dell'organico "
                         "Covid e una supplenza breve non ancora attribuita dello stesso anno "
                         "scolastico.")
            return
        specs = [FieldSpec("contract_id", "Supplenza breve", kind="choice", required=True,
                           choices=[(c.id, c.text) for c in subs]),
                 FieldSpec("replaces_contract_id", "Posto Covid sostituito", kind="choice",
                           required=True, choices=[(c.id, c.text) for c in covid]),
                 FieldSpec("note", "Note alla supplenza", max_length=300)]

        def save(v):
            return emergency.charge_substitution(self.db, v["contract_id"],
                                                 v["replaces_contract_id"], v["note"] or "")

        if FormDialog.ask(self, "Supplenza su posto dell'organico Covid", specs,
                          on_submit=save) is not None:
            self.refresh()
            notify(self, "Supplenza attribuita al budget dell'organico Covid.")

    def annul_note(self) -> None:
        note = self.selected()
        if note is None:
            return
        if not note.in_force:
            notify(self, "La nota è già annullata.")
            return
        if ask_reason(self, "Annulla la nota dell'USR",
                      f"{note.kind_label} n. {note.note_number} del "
                      f"{format_date(note.note_date)}: resta nella storia, annullata, e non "
                      "conta più nel budget.",
                      lambda reason: emergency.annul_budget_row(self.db, note.id,
                                                                reason=reason)) is not None:
            self.refresh()
            notify(self, "Nota annullata.")

    def simulate(self) -> None:
        dialog = SimulationDialog(self, self.db, self.school_year)
        try:
            dialog.exec()
        finally:
            dialog.deleteLater()

    def print_budget(self) -> None:
        from ..common.printing import print_report

        print_report(self, self.db, "budget-covid", anno=self.school_year)


class SimulationDialog(QDialog):
    """Profile, dates and part-time of a contract not yet made: its cost and the residual of
    the budget after it; a red warning when the budget does not cover it. Nothing is
    recorded."""

    def __init__(self, parent, db, school_year: int):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Simula un'assunzione dell'organico Covid")
        self.setMinimumWidth(520)
        year = SchoolYear(school_year)
        start = max(year.start, min(date.today(), covid_end_limit(year.start)))
        specs = [FieldSpec("profile", "Profilo", kind="choice", required=True,
                           choices=list(ATA_PROFILES)),
                 FieldSpec("starts_on", "Inizio del contratto", kind="date", required=True),
                 FieldSpec("ends_on", "Fine del contratto", kind="date", required=True),
                 FieldSpec("part_time_percent", "Percentuale dell'orario (100 = tempo pieno)",
                           kind="int", required=True)]
        self.form = Form(specs, self)
        self.form.load({"profile": "CS", "starts_on": start,
                        "ends_on": covid_end_limit(year.start), "part_time_percent": 100})
        self.result = QLabel(self)
        self.result.setObjectName("simulationResult")
        self.result.setWordWrap(True)
        self.result.setTextFormat(Qt.RichText)
        self.result.setMinimumHeight(80)
        self.compute_button = QPushButton("&Calcola", self)
        self.compute_button.setDefault(True)
        self.compute_button.setShortcut(QKeySequence("Ctrl+Return"))
        self.compute_button.clicked.connect(self.compute)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("C&hiudi")
        close.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        intro = QLabel("Organico Covid: il costo di un contratto ipotetico e il budget che "
                       "resta dopo (giorni di calendario × costo giornaliero × orario). Non si "
                       "registra nulla.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        layout.addWidget(self.form)
        row = QHBoxLayout()
        row.addWidget(self.compute_button)
        row.addStretch(1)
        row.addWidget(close)
        layout.addLayout(row)
        layout.addWidget(self.result)
        self.simulation = None

    @report_errors
    def compute(self, *_args) -> None:
        self.simulation = None
        try:
            v = self.form.value()
            sim = simulate_covid_hire(self.db, v["profile"], v["starts_on"], v["ends_on"],
                                      v["part_time_percent"])
        except ValidationError as exc:
            self.form.show_errors({k if k in self.form.editors else BANNER_KEY: m
                                   for k, m in exc.errors.items()})
            self.result.setText("")
            return
        except DomainError as exc:
            self.form.show_errors({BANNER_KEY: exc.message})
            return
        self.simulation = sim
        lines = [f"Costo: <b>{sim.formula}</b>",
                 f"Budget: {format_money(sim.budget)} · residuo prima: "
                 f"{format_money(sim.residual_before)}",
                 f"Residuo dopo l'assunzione: <b>{format_money(sim.residual_after)}</b>"]
        if sim.missing_costs:
            lines.append(f"{sim.missing_costs} contratti senza costo giornaliero non sono "
                         "contati nel residuo.")
        if sim.covered:
            lines.append("L'assunzione è coperta dal budget.")
        else:
            lines.append(f"<span style='color:{RED}'><b>⚠ {sim.warning}</b></span>")
        self.result.setText("<br>".join(lines))
