"""The «Registro pulizie» page of the Emergenza window: the interventions of a period, of a
plesso and a locale; a new entry (Ctrl+N) by whoever did the work, the annulment of a wrong
one with its reason (it stays, marked), the print for the safety protocol."""
from __future__ import annotations

from datetime import date, datetime

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QLineEdit

from ...areas.staff import CLEANING
from ...domain.dates import format_date
from ...domain.staff.fields import CLEANING as FIELDS
from ...queries.school import list_rooms, list_sites
from ...queries.staff_cleaning import cleaning_log, cleaning_staff, default_period
from ...services.staff import cleaning
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.table_model import Column, date_column
from ..common.widgets import DateEdit
from .emergency_base import PageAction, TablePage, ask_reason, notify


class CleaningPage(TablePage):
    columns = (date_column("day", "Data"), Column("time", "Ora", "center"),
               Column("site", "Plesso"), Column("place", "Locale"),
               Column("action", "Intervento"), Column("product", "Prodotto"),
               Column("person", "Eseguito da"), Column("note", "Note"),
               Column("state", "Stato"))
    empty_text = "Nessun intervento registrato nel periodo."

    def __init__(self, db, parent=None):
        self.rows = []
        super().__init__(db, parent)
        self.table.setAccessibleName("Registro delle pulizie")
        self.refresh()

    def build_bar(self):
        start, end = default_period()
        bar = QHBoxLayout()
        self.dal = DateEdit(self, field="Dal")
        self.dal.set_value(start)
        self.al = DateEdit(self, field="Al")
        self.al.set_value(end)
        self.plesso = QComboBox(self)
        self.plesso.addItem("Tutti i plessi", None)
        for site in list_sites(self.db):
            self.plesso.addItem(f"{site.code} – {site.name}", site.id)
        self.locale = QLineEdit(self)
        self.locale.setPlaceholderText("parte del nome, es. Aula 1A")
        self.locale.setClearButtonEnabled(True)
        for text, widget in (("&Dal:", self.dal), ("A&l:", self.al), ("Pl&esso:", self.plesso),
                             ("L&ocale:", self.locale)):
            label = QLabel(text, self)
            label.setBuddy(widget.line_edit if isinstance(widget, DateEdit) else widget)
            bar.addWidget(label)
            bar.addWidget(widget, 2 if widget is self.plesso else 1)
        self.dal.line_edit.editingFinished.connect(self.refresh)
        self.al.line_edit.editingFinished.connect(self.refresh)
        self.dal.value_changed.connect(self.refresh)
        self.al.value_changed.connect(self.refresh)
        self.plesso.currentIndexChanged.connect(self.refresh)
        self.locale.textChanged.connect(self.refresh)
        return bar

    def load(self):
        if not hasattr(self, "locale"):
            return [], []
        self.rows = cleaning_log(self.db, self.dal.value(), self.al.value(),
                                 site_id=self.plesso.currentData(), locale=self.locale.text())
        self.records = {r.id: r for r in self.rows}
        out = [(r.day, r.time, r.site_code, r.place, r.action_label, r.product, r.person,
                r.note, r.state) for r in self.rows]
        return out, [r.id for r in self.rows]

    def summary_text(self) -> str:
        live = [r for r in self.rows if r.annulled_on is None]
        annulled = len(self.rows) - len(live)
        return (f"{len(live)} interventi dal {format_date(self.dal.value())} al "
                f"{format_date(self.al.value())}" + (f" · {annulled} annullati" if annulled
                                                     else ""))

    def actions(self):
        return (
            PageAction("new", "&Nuova registrazione…", self.new_entry, "Ctrl+N", CLEANING,
                       tooltip="Un intervento di pulizia o sanificazione eseguito"),
            PageAction("annul", "Ann&ulla registrazione…", self.annul_entry, "Ctrl+Shift+Del",
                       CLEANING, needs_selection=True,
                       tooltip="Annullare la registrazione selezionata (resta, annullata)"),
            PageAction("print", "S&tampa registro", self.print_log, "Ctrl+P"),
        )

    # --- actions -------------------------------------------------------------------------------
    def entry_specs(self) -> list[FieldSpec]:
        people = [(p.id, f"{p.name} ({p.profile_label})") for p in cleaning_staff(self.db)]
        sites = [(s.id, f"{s.code} – {s.name}") for s in list_sites(self.db)]
        rooms = [(r.id, f"{r.site_code} – {r.name}") for r in list_rooms(self.db) if r.active]
        return [spec_of(FIELDS["employee_id"], kind="choice", choices=people),
                spec_of(FIELDS["day"]),
                FieldSpec("time", "Ora", required=True, max_length=5, placeholder="hh:mm"),
                spec_of(FIELDS["site_id"], kind="choice", choices=sites),
                spec_of(FIELDS["room_id"], kind="choice", choices=rooms,
                        help="Un locale del plesso; se non è in elenco scriverlo in «Altro "
                             "locale»"),
                spec_of(FIELDS["place"]), spec_of(FIELDS["action"]),
                spec_of(FIELDS["product"]), spec_of(FIELDS["note"])]

    def new_entry(self) -> None:
        now = datetime.now()
        values = {"day": date.today(), "time": f"{now.hour:02d}:{now.minute:02d}"}
        if self.plesso.currentData() is not None:
            values["site_id"] = self.plesso.currentData()

        def save(v):
            return cleaning.record_cleaning(self.db, {**v, "place": v["place"] or "",
                                                      "product": v["product"] or "",
                                                      "note": v["note"] or ""})

        if FormDialog.ask(self, "Nuova registrazione nel registro delle pulizie",
                          self.entry_specs(), values, on_submit=save,
                          intro="Chi ha eseguito l'intervento, quando, dove e con quale "
                                "prodotto. La registrazione non si modifica: un errore si "
                                "annulla con il motivo.") is not None:
            self.refresh()
            notify(self, "Intervento registrato nel registro delle pulizie.")

    def annul_entry(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.annulled_on is not None:
            notify(self, "La registrazione è già annullata.")
            return
        if ask_reason(self, "Annulla la registrazione",
                      f"{row.action_label}, {row.place}, {format_date(row.day)} ore {row.time}: "
                      "resta nel registro, annullata.",
                      lambda reason: cleaning.annul_cleaning(self.db, row.id,
                                                             reason=reason)) is not None:
            self.refresh()
            notify(self, "Registrazione annullata.")

    def print_log(self) -> None:
        from ..common.printing import print_report

        options = {"dal": self.dal.value(), "al": self.al.value()}
        code = self.plesso.currentText().split(" – ")[0] if self.plesso.currentData() else None
        if code:
            options["plesso"] = code
        if self.locale.text().strip():
            options["locale"] = self.locale.text().strip()
        print_report(self, self.db, "registro-pulizie", **options)
