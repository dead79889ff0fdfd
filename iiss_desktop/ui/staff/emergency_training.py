"""The «Formazione» page of the Emergenza window: the courses of a school year, of everybody
or of one person, with the hours; a new course attended (Ctrl+N), the annulment of a wrong
record, the print of the year."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from ...areas.staff import REGISTRY
from ...domain.dates import SchoolYear, format_date
from ...domain.staff.fields import TRAINING as FIELDS
from ...domain.staff.training import hours_text
from ...queries.staff import staff_list
from ...queries.staff_training import training_list
from ...services.staff import training
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.table_model import Column, date_column
from .emergency_base import PageAction, TablePage, ask_reason, notify

YEARS_BACK = 7      # the school years offered: the current one and the six before


class TrainingPage(TablePage):
    columns = (Column("person", "Dipendente"), Column("course", "Corso"),
               Column("kind", "Tipo"), date_column("day", "Data"),
               Column("hours", "Ore", "right"), Column("provider", "Ente formatore"),
               Column("certificate", "Attestato"), Column("state", "Stato"))
    empty_text = "Nessuna formazione registrata."

    def __init__(self, db, parent=None):
        self.rows = []
        super().__init__(db, parent)
        self.table.setAccessibleName("Formazione del personale")
        self.refresh()

    def build_bar(self):
        bar = QHBoxLayout()
        self.year = QComboBox(self)
        current = SchoolYear.of(date.today()).start_year
        for y in range(current, current - YEARS_BACK, -1):
            self.year.addItem(f"a.s. {SchoolYear(y).label}", y)
        self.year.addItem("Tutti gli anni", None)
        self.person = QComboBox(self)
        self.person.addItem("Tutto il personale", None)
        self.people = [(p.id, f"{p.surname} {p.name}", p.profile_label)
                       for p in staff_list(self.db, include_inactive=False)]
        for pid, name, profile in self.people:
            self.person.addItem(f"{name} ({profile})", pid)
        for text, widget in (("&Anno scolastico:", self.year), ("&Dipendente:", self.person)):
            label = QLabel(text, self)
            label.setBuddy(widget)
            bar.addWidget(label)
            bar.addWidget(widget, 1)
        self.year.currentIndexChanged.connect(self.refresh)
        self.person.currentIndexChanged.connect(self.refresh)
        bar.addStretch(1)
        return bar

    def load(self):
        self.rows = training_list(self.db, self.year.currentData(),
                                  person_id=self.person.currentData())
        self.records = {r.id: r for r in self.rows}
        out = [(r.person, r.course, r.kind_label, r.day, r.hours, r.provider, r.certificate,
                r.state) for r in self.rows]
        return out, [r.id for r in self.rows]

    def summary_text(self) -> str:
        live = [r for r in self.rows if r.annulled_on is None]
        people = len({r.employee_id for r in live})
        return (f"{len(live)} corsi di {people} dipendenti, "
                f"{hours_text(sum(r.minutes for r in live))} ore in tutto")

    def actions(self):
        return (
            PageAction("new", "&Nuova formazione…", self.new_training, "Ctrl+N", REGISTRY,
                       tooltip="Un corso frequentato da un dipendente"),
            PageAction("annul", "Ann&ulla formazione…", self.annul_training, "Ctrl+Shift+Del",
                       REGISTRY, needs_selection=True),
            PageAction("print", "S&tampa", self.print_year, "Ctrl+P",
                       tooltip="La formazione dell'anno scolastico scelto"),
        )

    def new_training(self) -> None:
        specs = [spec_of(FIELDS["employee_id"], kind="choice",
                         choices=[(pid, f"{name} ({profile})")
                                  for pid, name, profile in self.people]),
                 spec_of(FIELDS["course"]), spec_of(FIELDS["kind"]),
                 FieldSpec("hours", "Ore", required=True, max_length=8,
                           placeholder="es. 8, 1,5 o 2:30"),
                 spec_of(FIELDS["day"]), spec_of(FIELDS["provider"]),
                 spec_of(FIELDS["certificate"]), spec_of(FIELDS["note"])]
        values = {"day": date.today()}
        if self.person.currentData() is not None:
            values["employee_id"] = self.person.currentData()

        def save(v):
            return training.add_training(
                self.db, v["employee_id"], course=v["course"], kind=v["kind"],
                hours=v["hours"], day=v["day"], provider=v["provider"],
                certificate=v["certificate"] or "", note=v["note"] or "")

        if FormDialog.ask(self, "Nuova formazione", specs, values, on_submit=save) is not None:
            self.refresh()
            notify(self, "Formazione registrata.")

    def annul_training(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.annulled_on is not None:
            notify(self, "La formazione è già annullata.")
            return
        if ask_reason(self, "Annulla la formazione",
                      f"{row.person}: «{row.course}» del {format_date(row.day)}.",
                      lambda reason: training.annul_training(self.db, row.id,
                                                             reason=reason)) is not None:
            self.refresh()
            notify(self, "Formazione annullata.")

    def print_year(self) -> None:
        from ..common.printing import print_report

        year = self.year.currentData() or SchoolYear.of(date.today()).start_year
        print_report(self, self.db, "formazione", anno=year)
