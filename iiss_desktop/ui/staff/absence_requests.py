"""«Assenze e richieste»: the requests of absences with a filter by state, recorded by the office
(«Nuova richiesta…» Ctrl+N), approved or refused with the reason by the DSGA or the dirigente
(«Approva» Ctrl+Shift+A, «Rifiuta…» Ctrl+Shift+R), withdrawn («Annulla richiesta…»
Ctrl+Shift+U); «Sostituzione…» (Ctrl+Shift+S) opens the substitution of an approved absence
(ui/staff/substitution.py), the column «Supplente» says from which day one may serve. The
prints: «Decreto» (Ctrl+D) of an approved request, «Stampa elenco» (Ctrl+P) of the requests
shown, «Piano ferie estive…» (Ctrl+Shift+E, without causes, to post) and «Assenze del mese…»
(Ctrl+Shift+M, by cause for the monitoraggi). The
checks and the ledger are the services' (services/staff/absence_requests): a refused input
keeps the form open with the field named."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel

from ...areas.staff import DECIDE, PREPARE
from ...domain.dates import MONTHS_IT
from ...domain.staff import leave as rules
from ...queries.staff import staff_list
from ...queries.staff_leave import absence_causes, absence_requests
from ...services.staff import absence_requests as service
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction, ListDialog
from ..common.printing import print_report
from ..common.table_model import Column

ALL = ""


class AbsenceRequestsWindow(ListDialog):
    title = "Assenze e richieste del personale"
    intro = ("Le richieste di ferie e permessi registrate dalla segreteria; le approva o le "
             "rifiuta con il motivo il DSGA o il dirigente. L'approvazione scrive l'assenza e "
             "la fruizione nel saldo; rifiutare o annullare una richiesta approvata la "
             "restituisce con una rettifica.")
    empty_text = "Nessuna richiesta di assenza."
    columns = (Column("person", "Dipendente"), Column("cause", "Causa", max_width=300),
               Column("period", "Periodo"), Column("length", "Durata", "right"),
               Column("requested", "Richiesta il"), Column("state", "Stato"),
               Column("supplente", "Supplente"),
               Column("decision", "Decisione", max_width=360))
    default_size = (1200, 560)
    stretch_column = 7

    def __init__(self, db, parent=None, today: date | None = None):
        self.today = today or date.today()
        self.state_filter = None
        self.last_job = None                 # the print being built (tests wait on it)
        super().__init__(parent, db)
        for text, shortcut, name in (("Nuova richiesta…", "Ctrl+N", "new"),
                                     ("Approva", "Ctrl+Shift+A", "approve"),
                                     ("Rifiuta…", "Ctrl+Shift+R", "refuse"),
                                     ("Annulla richiesta…", "Ctrl+Shift+U", "cancel"),
                                     ("Sostituzione…", "Ctrl+Shift+S", "substitution"),
                                     ("Decreto", "Ctrl+D", "decree"),
                                     ("Stampa elenco", "Ctrl+P", "print_list"),
                                     ("Piano ferie estive…", "Ctrl+Shift+E", "summer"),
                                     ("Assenze del mese…", "Ctrl+Shift+M", "monthly")):
            act = QAction(text, self)
            act.setObjectName(f"{name}Action")
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(self.buttons[name].click)
            self.addAction(act)
            self.buttons[name].setToolTip(
                f"{self.buttons[name].toolTip() or text.rstrip('…')} ({shortcut})")

    def build_header(self):
        row = QHBoxLayout()
        label = QLabel("&Stato:", self)
        self.state_combo = QComboBox(self)
        self.state_combo.addItem("Tutte", ALL)
        for code, text in rules.REQUEST_STATES.items():
            self.state_combo.addItem(text, code)
        label.setBuddy(self.state_combo)
        self.state_combo.currentIndexChanged.connect(self._filter_changed)
        row.addWidget(label)
        row.addWidget(self.state_combo)
        row.addStretch(1)
        return row

    def _filter_changed(self, _index) -> None:
        self.state_filter = self.state_combo.currentData() or None
        self.refresh()

    def load(self):
        return absence_requests(self.db, state=self.state_filter)

    def row_of(self, r):
        return (r.person, r.cause, r.period, r.length, r.requested_on, r.state_label,
                r.supplente, r.decision)

    def actions(self):
        return [
            ListAction("new", "&Nuova richiesta…", self.new_request, permission=PREPARE.code,
                       tooltip="Registrare la richiesta di un dipendente"),
            ListAction("approve", "&Approva", self.approve,
                       enabled_if=lambda r: r.state == "richiesta", permission=DECIDE.code,
                       default=True, tooltip="Approvare: scrive l'assenza e la fruizione"),
            ListAction("refuse", "&Rifiuta…", self.refuse,
                       enabled_if=lambda r: r.state in rules.OPEN_STATES,
                       permission=DECIDE.code, tooltip="Rifiutare con il motivo"),
            ListAction("cancel", "Ann&ulla richiesta…", self.cancel,
                       enabled_if=lambda r: r.state in rules.OPEN_STATES,
                       permission=PREPARE.code,
                       tooltip="Annullare la richiesta ritirata dal dipendente"),
            ListAction("substitution", "&Sostituzione…", self.substitution,
                       enabled_if=lambda r: r.state == "approvata" and bool(r.supplente),
                       tooltip="Supplente o copertura interna con ore eccedenti"),
            ListAction("decree", "&Decreto", self.print_decree,
                       enabled_if=lambda r: r.state == "approvata",
                       tooltip="Stampare il decreto di concessione dell'assenza approvata"),
            ListAction("print_list", "Stam&pa elenco", self.print_list,
                       tooltip="Stampare le richieste nello stato scelto"),
            ListAction("summer", "Piano f&erie estive…", self.print_summer,
                       tooltip="Luglio e agosto per plesso, senza le cause: da affiggere"),
            ListAction("monthly", "Assenze del &mese…", self.print_monthly,
                       tooltip="Assenze per causa e profilo per il monitoraggio"),
        ]

    @report_errors
    def new_request(self) -> None:
        people = [(p.id, f"{p.surname} {p.name} ({p.profile_label})")
                  for p in staff_list(self.db, include_inactive=False)]
        causes = [(c.code, c.name) for c in absence_causes(self.db) if c.active]
        specs = [FieldSpec("employee_id", "Dipendente", "choice", required=True,
                           choices=people),
                 FieldSpec("cause_id", "Causa di assenza", "choice", required=True,
                           choices=causes),
                 FieldSpec("starts_on", "Primo giorno di assenza", "date", required=True),
                 FieldSpec("ends_on", "Ultimo giorno di assenza", "date",
                           help="Vuoto: un solo giorno."),
                 FieldSpec("minutes", "Ore (solo per le assenze a ore)", "text",
                           placeholder="es. 2 o 1:30"),
                 FieldSpec("note", "Note", "text", max_length=300)]

        def save(v):
            minutes = (rules.parse_hours(v["minutes"], "minutes")
                       if (v.get("minutes") or "").strip() else None)
            return service.record_request(self.db, v["employee_id"], v["cause_id"],
                                          v["starts_on"], v.get("ends_on") or None,
                                          minutes=minutes, note=v.get("note") or "",
                                          requested_on=self.today)

        new_id = FormDialog.ask(self, "Nuova richiesta di assenza", specs,
                                {"starts_on": self.today}, on_submit=save,
                                intro="Controllati subito saldo, orario del giorno, "
                                      "sovrapposizioni e profilo: nulla è salvato se un "
                                      "controllo non è superato.")
        if new_id is not None:
            self.after_change()
            self.select(new_id)

    @report_errors
    def approve(self) -> None:
        r = self.selected()
        if r is not None and r.state == "richiesta":
            service.approve_request(self.db, r.id, on=self.today)
            self.after_change()

    def _reason(self, title: str, intro: str, run) -> None:
        spec = FieldSpec("decision_reason", "Motivo", required=True, max_length=300)
        if FormDialog.ask(self, title, [spec], on_submit=lambda v: run(
                v["decision_reason"]) or True, intro=intro) is not None:
            self.after_change()

    @report_errors
    def refuse(self) -> None:
        r = self.selected()
        if r is not None:
            self._reason("Rifiuta la richiesta", f"<b>{r.person}</b>: {r.cause} {r.period}.",
                         lambda text: service.refuse_request(self.db, r.id, text,
                                                             on=self.today))

    @report_errors
    def cancel(self) -> None:
        r = self.selected()
        if r is not None:
            self._reason("Annulla la richiesta", f"<b>{r.person}</b>: {r.cause} {r.period}.",
                         lambda text: service.cancel_request(self.db, r.id, text,
                                                             on=self.today))

    @report_errors
    def substitution(self) -> None:
        r = self.selected()
        if r is not None and r.absence_id is not None and r.supplente:
            from .substitution import SubstitutionWindow

            window = SubstitutionWindow(self.db, r.absence_id, self)
            window.exec()
            window.deleteLater()

    # --- prints -----------------------------------------------------------------------------
    def print_decree(self) -> None:
        r = self.selected()
        if r is not None and r.state == "approvata":
            self.last_job = print_report(self, self.db, "decreto-assenza",
                                         richiesta=r.id)

    def print_list(self) -> None:
        self.last_job = print_report(self, self.db, "richieste-assenza",
                                     stato=self.state_filter)

    def print_summer(self) -> None:
        this = self.today.year if self.today.month >= 6 else self.today.year - 1
        years = [(y, str(y)) for y in range(this + 1, this - 6, -1)]
        values = FormDialog.ask(self, "Piano delle ferie estive", [FieldSpec(
            "estate", "Estate", "choice", required=True, choices=years)], {"estate": this},
            intro="Luglio e agosto: chi è assente, chi ha una richiesta in attesa e quanti "
                  "sono in servizio per profilo. Le cause non sono stampate.")
        if values is not None:
            self.last_job = print_report(self, self.db, "piano-ferie-estive",
                                         estate=values["estate"])

    def print_monthly(self) -> None:
        first = self.today.replace(day=1)
        months = []
        for _ in range(13):
            first = (first - timedelta(days=1)).replace(day=1)
            months.append((f"{first:%Y-%m}", f"{MONTHS_IT[first.month - 1]} {first.year}"))
        months.insert(0, (f"{self.today:%Y-%m}", f"{MONTHS_IT[self.today.month - 1]} "
                                                f"{self.today.year} (in corso)"))
        values = FormDialog.ask(self, "Assenze mensili per causa", [FieldSpec(
            "mese", "Mese", "choice", required=True, choices=months)],
            {"mese": months[1][0]},
            intro="Giorni, ore e persone per causa e profilo, cause Covid comprese, per i "
                  "monitoraggi del Ministero.")
        if values is not None:
            self.last_job = print_report(self, self.db, "assenze-mensili",
                                         mese=values["mese"])
