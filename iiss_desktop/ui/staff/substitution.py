"""«Sostituzione…» of an approved absence (from «Assenze e richieste», Ctrl+Shift+S): the scheda
of its substitution. Above, whether the school may appoint a supplente and from which day
(L. 190/2014 art. 1 c.332, L. 205/2017 art. 1 c.602) and the motivated derogation; the day
chosen and the colleagues of the same profile and plesso who can still give ore eccedenti
that day; the table lists the cover recorded. «Nuova copertura…» Ctrl+N, «Annulla
copertura…» Ctrl+Shift+U, «Deroga motivata…» Ctrl+D, «Annulla deroga…» Ctrl+Shift+D."""
from __future__ import annotations

from html import escape

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from ...areas.staff import DECIDE, PREPARE
from ...domain.dates import format_date
from ...domain.staff import leave as rules
from ...domain.staff.substitutions import DEROGATION_GROUNDS
from ...queries.staff_cover import absence_substitution
from ...services.staff import cover as service
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction, ListDialog
from ..common.table_model import Column
from .emergency_base import ask_reason

SHORTCUTS = (("new", "Ctrl+N"), ("annul", "Ctrl+Shift+U"), ("derogation", "Ctrl+D"),
             ("annul_derogation", "Ctrl+Shift+D"))


class SubstitutionWindow(ListDialog):
    empty_text = "Nessuna copertura registrata per l'assenza."
    columns = (Column("day", "Giorno"), Column("hours", "Ore eccedenti", "right"),
               Column("absent", "Assente"), Column("covering", "Coperto da"),
               Column("state", "Stato", max_width=360), Column("note", "Note"))
    default_size = (1100, 560)
    stretch_column = 5

    def __init__(self, db, absence_id: int, parent=None):
        self.absence_id = absence_id
        self.day = None
        self.sub = absence_substitution(db, absence_id)
        super().__init__(parent, db)
        for name, shortcut in SHORTCUTS:
            act = QAction(self.buttons[name].text().replace("&", ""), self)
            act.setObjectName(f"{name}Action")
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(self.buttons[name].click)
            self.addAction(act)
            self.buttons[name].setToolTip(f"{self.buttons[name].toolTip()} ({shortcut})")

    def window_title(self) -> str:
        return f"Sostituzione – {self.sub.person}"

    def build_header(self):
        row = QHBoxLayout()
        label = QLabel("&Giorno:", self)
        self.day_combo = QComboBox(self)
        for d in self.sub.days:
            self.day_combo.addItem(format_date(d), d)
        label.setBuddy(self.day_combo)
        self.day_combo.currentIndexChanged.connect(self._day_changed)
        self.proposal_label = QLabel(self)
        self.proposal_label.setWordWrap(True)
        self.proposal_label.setObjectName("proposalLabel")
        row.addWidget(label)
        row.addWidget(self.day_combo)
        row.addWidget(self.proposal_label, 1)
        return row

    def _day_changed(self, _index) -> None:
        self.day = self.day_combo.currentData()
        self.refresh()

    def load(self):
        self.sub = absence_substitution(self.db, self.absence_id, self.day)
        options = ", ".join(f"{o.name} ({rules.format_amount(o.available, rules.HOURS)})"
                            for o in self.sub.proposal)
        if hasattr(self, "proposal_label"):
            self.proposal_label.setText(
                f"Ore eccedenti disponibili il {format_date(self.sub.day)}: {options}" if options
                else f"Il {format_date(self.sub.day)} nessun collega dello stesso profilo e "
                     "plesso ha ore disponibili (al massimo 9 ore al giorno).")
        return self.sub.covers

    def intro_text(self) -> str:
        s = self.sub
        text = (f"<b>{escape(s.person)}</b> ({escape(s.profile)}), assente "
                f"{escape(s.period)}.<br><b>Supplente: {escape(s.allowed_from)}.</b> "
                f"{escape(s.reason)}")
        if s.derogation:
            text += f"<br>Deroga motivata: {escape(s.derogation)}"
        if s.derogations and not s.derogation:
            text += f"<br>Deroghe: {escape('; '.join(s.derogations))}"
        return text

    def row_of(self, r):
        return (r.day, r.hours, r.absent, r.covering, r.state, r.note)

    def actions(self):
        return [
            ListAction("new", "&Nuova copertura…", self.new_cover, permission=PREPARE.code,
                       tooltip="Un collega copre il giorno scelto con ore eccedenti"),
            ListAction("annul", "Ann&ulla copertura…", self.annul_cover,
                       enabled_if=lambda r: r.active, permission=PREPARE.code,
                       tooltip="Annullare la copertura con il motivo"),
            ListAction("derogation", "&Deroga motivata…", self.new_derogation,
                       permission=DECIDE.code,
                       tooltip="Deroga scritta per un collaboratore: supplente dal primo "
                               "giorno"),
            ListAction("annul_derogation", "Annulla d&eroga…", self.annul_derogation,
                       permission=DECIDE.code, tooltip="Annullare la deroga con il motivo"),
        ]

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        if "derogation" in self.buttons:
            self.buttons["derogation"].setEnabled(
                self.buttons["derogation"].isEnabled() and self.sub.derogation_possible
                and self.sub.derogation_id is None)
            self.buttons["annul_derogation"].setEnabled(
                self.buttons["annul_derogation"].isEnabled()
                and self.sub.derogation_id is not None)

    @report_errors
    def new_cover(self) -> None:
        s = self.sub
        people = [(o.person_id, f"{o.name} – disponibili "
                   f"{rules.format_amount(o.available, rules.HOURS)}") for o in s.proposal]
        specs = [FieldSpec("employee_id", "Dipendente che copre", "choice", required=True,
                           choices=people),
                 FieldSpec("minutes", "Ore eccedenti", "text", required=True,
                           placeholder="es. 2 o 1:30"),
                 FieldSpec("note", "Note", "text", max_length=300)]

        def save(v):
            return service.record_cover(self.db, self.absence_id, s.day, v["employee_id"],
                                        rules.parse_hours(v["minutes"], "minutes"),
                                        note=v.get("note") or "")

        new_id = FormDialog.ask(self, "Nuova copertura con ore eccedenti", specs,
                                on_submit=save,
                                intro=f"<b>{escape(s.person)}</b> assente il "
                                      f"{format_date(s.day)}: colleghi dello stesso profilo e "
                                      "plesso in servizio, con le ore che possono ancora dare "
                                      "(9 ore al giorno compreso il lavoro aggiuntivo).")
        if new_id is not None:
            self.after_change()
            self.select(new_id)

    @report_errors
    def annul_cover(self) -> None:
        r = self.selected()
        if r is not None and r.active and ask_reason(
                self, "Annulla la copertura", f"{r.covering}, {r.day}: {r.hours}.",
                lambda text: service.annul_cover(self.db, r.id, text)) is not None:
            self.after_change()

    @report_errors
    def new_derogation(self) -> None:
        specs = [FieldSpec("derogation", "Motivo della deroga", "choice", required=True,
                           choices=list(DEROGATION_GROUNDS.items())),
                 FieldSpec("reason", "Motivazione scritta", "text", required=True,
                           max_length=1000)]
        if FormDialog.ask(self, "Deroga motivata per il supplente", specs,
                          on_submit=lambda v: service.record_derogation(
                              self.db, self.absence_id, v["derogation"], v["reason"]),
                          intro="Deroga scritta ed eccezionale (note DPIT 2116/2015, DGPER "
                                "10073/2016, nota 8446/2024): l'assenza compromette la "
                                "sicurezza, l'assistenza agli alunni con disabilità o il "
                                "servizio minimo.") is not None:
            self.after_change()

    @report_errors
    def annul_derogation(self) -> None:
        der = self.sub.derogation_id
        if der is not None and ask_reason(
                self, "Annulla la deroga", escape(self.sub.derogation),
                lambda text: service.annul_derogation(self.db, der, text)) is not None:
            self.after_change()
