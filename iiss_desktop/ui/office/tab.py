"""Ufficio: the front desk. «Registro visitatori» (the day's visits: Ingresso… Ctrl+E,
Uscita Ctrl+U, the privacy notice Ctrl+Shift+I, the day's register Ctrl+P, the extract for
the ASL Ctrl+Shift+E) and «Appuntamenti» (the day's appointments per office: Nuovo
appuntamento… Ctrl+N, Arrivato… Ctrl+R, Annulla appuntamento Ctrl+Shift+A). Shown only to
who holds «office.visitors» (areas/office.py); the data never reach an export or a search."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QTabWidget, QVBoxLayout, QWidget

from ...areas.office import COMMS, DOCUMENTS, EXTRACT, VISITORS
from ...domain import office as rules
from ...domain.access import allowed
from ...domain.dates import format_date_long
from ...queries.office import appointments_of_day, opening_hours, retention, visits_of_day
from ...services import office as svc
from ..common.dialogs import report_errors
from ..common.filters import FilterSpec
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, date_column
from ..common.table_tab import TableTab

VISIT_COLUMNS = (
    Column("time_in", "Entrata", "center", max_width=70),
    Column("time_out", "Uscita", "center", max_width=70),
    Column("name", "Visitatore", max_width=200),
    date_column("born", "Nato il"),
    Column("residence", "Residenza", max_width=220),
    Column("phone", "Telefono", max_width=120),
    Column("purpose", "Motivo", max_width=240),
    Column("person", "Persona incontrata", max_width=180),
    Column("office", "Ufficio", max_width=160),
    Column("notice", "Informativa", "center", max_width=90),
)
APPOINTMENT_COLUMNS = (
    Column("office", "Ufficio", max_width=180),
    Column("slot", "Fascia", "center", max_width=110),
    Column("name", "Visitatore", max_width=200),
    Column("phone", "Telefono", max_width=120),
    Column("purpose", "Motivo", max_width=260),
    Column("person", "Persona da incontrare", max_width=180),
    Column("state", "Stato", max_width=100),
)
OFFICE_CHOICES = [(o, o) for o in rules.OFFICES]


def visit_specs(appointment=None) -> list[FieldSpec]:
    return [
        FieldSpec("visitor_name", "Nome e cognome", required=appointment is None,
                  max_length=120),
        FieldSpec("birth_date", "Data di nascita", "date"),
        FieldSpec("residence", "Residenza", max_length=200),
        FieldSpec("phone", "Telefono", max_length=40),
        FieldSpec("purpose", "Motivo della visita", max_length=200),
        FieldSpec("person_visited", "Persona incontrata", max_length=120),
        FieldSpec("office", "Ufficio", "choice", choices=OFFICE_CHOICES),
        FieldSpec("time_in", "Ora di entrata", placeholder="hh:mm (vuoto: adesso)"),
        FieldSpec("privacy_notice", "Informativa privacy consegnata o mostrata", "bool"),
    ]


def record_arrival(parent, db, day: date, appointment=None) -> int | None:
    """The form of an arrival, from ``appointment`` (an AppointmentRow) or a walk-in."""
    values = {"privacy_notice": True}
    if appointment is not None:
        values.update(visitor_name=appointment.visitor_name, phone=appointment.phone,
                      purpose=appointment.purpose, person_visited=appointment.person_to_meet,
                      office=appointment.office)

    def submit(v):
        visit = svc.VisitInput(v["visitor_name"], v["birth_date"], v["residence"], v["phone"],
                               v["purpose"], v["person_visited"], v["office"] or "",
                               bool(v["privacy_notice"]))
        return svc.record_arrival(db, visit, day=day, time_in=v["time_in"] or None,
                                  appointment_id=appointment.id if appointment else None)

    return FormDialog.ask(parent, "Ingresso di un visitatore", visit_specs(appointment), values,
                          on_submit=submit,
                          intro="I dati richiesti dalla disposizione del dirigente: nome, data "
                                "di nascita, residenza, telefono, ora di entrata e di uscita.")


class _DayPage(TableTab):
    area = "office"
    page_of_area = True
    intro = " "          # the day and its counts, set by load_rows

    def __init__(self, db, events, parent=None):
        self.day = date.today()
        super().__init__(db, events, parent)

    def refresh(self) -> None:
        # A user without the register: the main window replaces the tab (this page, inside
        # the tab's own QTabWidget, would still hear the change of user before it goes).
        if allowed(self.db.current_user, VISITORS):
            super().refresh()

    def add_day_actions(self) -> None:
        self.add_action("◀ Giorno prima", lambda: self.move_day(-1), shortcut="Alt+Left",
                        menu="Giorno")
        self.add_action("Giorno dopo ▶", lambda: self.move_day(1), shortcut="Alt+Right",
                        menu="Giorno")
        self.add_action("Oggi", self.go_today, shortcut="Alt+Home", menu="Giorno")
        self.add_action("Vai al giorno…", self.choose_day, shortcut="Ctrl+G", menu="Giorno")

    def move_day(self, delta: int) -> None:
        self.set_day(self.day + timedelta(days=delta))

    def go_today(self) -> None:
        self.set_day(date.today())

    def choose_day(self) -> None:
        got = FormDialog.ask(self, "Vai al giorno", [FieldSpec("day", "Giorno", "date",
                                                               required=True)],
                             {"day": self.day}, confirm_close=False)
        if got:
            self.set_day(got["day"])

    def set_day(self, day: date) -> None:
        self.day = day
        self.refresh()

    def changed(self) -> None:
        self.events.data_changed.emit(self.area)


class VisitsPage(_DayPage):
    title = "Registro visitatori"
    empty_text = "Nessun visitatore registrato in questo giorno: «Ingresso…» (Ctrl+E)."
    columns = VISIT_COLUMNS

    def setup_actions(self) -> None:
        self.add_action("Ingresso…", self.arrival, shortcut="Ctrl+E", permission=VISITORS,
                        tooltip="Registra l'ingresso di un visitatore senza appuntamento")
        self.add_action("Uscita", self.exit_selected, shortcut="Ctrl+U", needs_selection=True,
                        permission=VISITORS, tooltip="Registra adesso l'uscita del visitatore")
        self.add_action("Uscita alle…", self.exit_at, needs_selection=True,
                        permission=VISITORS, tooltip="Registra l'uscita a un'ora indicata")
        self.add_action("Informativa privacy", self.print_notice, shortcut="Ctrl+Shift+I",
                        tooltip="L'informativa ai visitatori (Reg. UE 2016/679 art. 13)")
        self.add_action("Stampa registro", self.print_day, shortcut="Ctrl+P",
                        tooltip="Il registro dei visitatori del giorno")
        self.add_action("Estratto per l'ASL…", self.extract, shortcut="Ctrl+Shift+E",
                        permission=EXTRACT,
                        tooltip="Le visite di un periodo per l'autorità sanitaria; "
                                "l'estrazione è registrata")
        self.add_action("Conservazione del registro…", self.set_retention, menu="Impostazioni",
                        permission=VISITORS,
                        tooltip="Giorni di conservazione, poi la cancellazione automatica "
                                "(predefinito: 14)")
        self.add_day_actions()

    def load_rows(self):
        visits = visits_of_day(self.db, self.day)
        kept = retention(self.db)
        inside = sum(1 for v in visits if v.time_out is None)
        self.intro_text = (f"{format_date_long(self.day)} · {len(visits)} visite, {inside} "
                           f"ancora presenti · conservazione: {kept.label}")
        self.heading_day()
        rows = [(v.time_in_text, v.time_out_text, v.visitor_name, v.birth_date, v.residence,
                 v.phone, v.purpose, v.person_visited, v.office,
                 "sì" if v.privacy_notice else "no") for v in visits]
        return rows, [v.id for v in visits]

    def heading_day(self) -> None:
        label = self.findChild(QWidget, "introLabel")
        if label is not None:
            label.setText(self.intro_text)
            label.show()

    @report_errors
    def arrival(self) -> None:
        if record_arrival(self, self.db, self.day) is not None:
            self.changed()

    @report_errors
    def exit_selected(self) -> None:
        if self.selected_id() is not None:
            svc.record_exit(self.db, self.selected_id())
            self.changed()

    @report_errors
    def exit_at(self) -> None:
        vid = self.selected_id()
        if vid is None:
            return
        got = FormDialog.ask(self, "Uscita del visitatore",
                             [FieldSpec("time_out", "Ora di uscita", required=True,
                                        placeholder="hh:mm")],
                             on_submit=lambda v: svc.record_exit(self.db, vid,
                                                                 time_out=v["time_out"]))
        if got is not None:
            self.changed()

    def print_notice(self) -> None:
        print_report(self, self.db, "informativa-visitatori")

    def print_day(self) -> None:
        print_report(self, self.db, "registro-visitatori", data=self.day)

    def extract(self) -> None:
        got = FormDialog.ask(self, "Estratto per l'ASL",
                             [FieldSpec("dal", "Dal", "date", required=True),
                              FieldSpec("al", "Al", "date", required=True)],
                             {"dal": self.day - timedelta(days=13), "al": self.day},
                             intro="Le visite del periodo per l'autorità sanitaria che le "
                                   "chiede. L'estrazione è registrata: chi, quando, periodo, "
                                   "quante visite.", confirm_close=False)
        if got:
            print_report(self, self.db, "estratto-visitatori", dal=got["dal"], al=got["al"])

    @report_errors
    def set_retention(self) -> None:
        kept = retention(self.db)
        got = FormDialog.ask(self, "Conservazione del registro visitatori",
                             [FieldSpec("retention_days", "Giorni di conservazione", "int",
                                        required=True,
                                        help=f"Predefinito: {rules.DEFAULT_RETENTION_DAYS} "
                                             f"{rules.DEFAULT_MARK}")],
                             {"retention_days": str(kept.days)},
                             on_submit=lambda v: svc.set_retention_days(
                                 self.db, v["retention_days"]))
        if got is not None:
            self.changed()


class AppointmentsPage(_DayPage):
    title = "Appuntamenti"
    empty_text = "Nessun appuntamento in questo giorno: «Nuovo appuntamento…» (Ctrl+N)."
    columns = APPOINTMENT_COLUMNS
    filters = (FilterSpec("office", "Ufficio", ("office",)),)

    def setup_actions(self) -> None:
        self.add_action("Nuovo appuntamento…", self.book, shortcut="Ctrl+N",
                        permission=VISITORS, tooltip="Un appuntamento con un ufficio in una "
                                                     "fascia dell'orario dello sportello")
        self.add_action("Arrivato…", self.arrived, shortcut="Ctrl+R", needs_selection=True,
                        permission=VISITORS,
                        tooltip="Registra l'ingresso del visitatore dell'appuntamento")
        self.add_action("Annulla appuntamento", self.cancel, shortcut="Ctrl+Shift+A",
                        needs_selection=True, permission=VISITORS)
        self.add_day_actions()

    def load_rows(self):
        self._rows = {a.id: a for a in appointments_of_day(self.db, self.day)}
        label = self.findChild(QWidget, "introLabel")
        if label is not None:
            label.setText(f"{format_date_long(self.day)} · orario dello sportello per il "
                          f"pubblico: {opening_hours(self.db, self.day).note}")
            label.setWordWrap(True)
            label.show()
        rows = [(a.office, a.slot, a.visitor_name, a.phone, a.purpose, a.person_to_meet,
                 a.state_label) for a in self._rows.values()]
        return rows, list(self._rows)

    @report_errors
    def book(self) -> None:
        specs = [FieldSpec("office", "Ufficio", "choice", required=True,
                           choices=OFFICE_CHOICES),
                 FieldSpec("day", "Giorno", "date", required=True),
                 FieldSpec("slot_start", "Dalle", required=True, placeholder="hh:mm"),
                 FieldSpec("slot_end", "Alle", required=True, placeholder="hh:mm"),
                 FieldSpec("visitor_name", "Visitatore", required=True, max_length=120),
                 FieldSpec("phone", "Telefono", max_length=40),
                 FieldSpec("purpose", "Motivo", max_length=200),
                 FieldSpec("person_to_meet", "Persona da incontrare", max_length=120)]
        got = FormDialog.ask(self, "Nuovo appuntamento", specs,
                             {"day": self.day, "office": rules.OFFICES[0]},
                             on_submit=lambda v: svc.book_appointment(self.db, **v),
                             intro="Orario dello sportello per il pubblico: "
                                   f"{opening_hours(self.db, self.day).note}. Un altro "
                                   "giorno segue il Piano delle attività in vigore quel "
                                   "giorno.")
        if got is not None:
            self.changed()

    @report_errors
    def arrived(self) -> None:
        a = self._rows.get(self.selected_id())
        if a is not None and record_arrival(self, self.db, self.day, a) is not None:
            self.changed()

    @report_errors
    def cancel(self) -> None:
        a = self._rows.get(self.selected_id())
        if a is not None:
            svc.cancel_appointment(self.db, a.id)
            self.changed()


def open_document_hit(parent, db, document_id: int) -> bool:
    """A search hit of a document: the Ufficio tab's «Documenti» with it selected (the search
    box steps aside). Nothing is saved: False."""
    window = parent
    while window is not None and not hasattr(window, "open_area"):
        window = window.parentWidget()
    if window is not None:
        if parent is not window:
            parent.hide()
        window.open_area("office:documents", document_id)
    return False


class OfficeTab(QWidget):
    """The pages of the front desk and, for who holds «office.communications», those of the
    communications with outside bodies, the monitoraggi and the referenti Covid."""

    area = "office"

    def __init__(self, db, events, parent: QWidget | None = None):
        super().__init__(parent)
        self.db, self.events = db, events
        self.pages = QTabWidget(self)
        self.visits = VisitsPage(db, events, self.pages)
        self.appointments = AppointmentsPage(db, events, self.pages)
        self.pages.addTab(self.visits, "Registro visitatori")
        self.pages.addTab(self.appointments, "Appuntamenti")
        from .documents import DocumentsPage

        self.documents = DocumentsPage(db, events, self.pages)
        self.pages.addTab(self.documents, "Documenti")
        self._show_documents()
        self.communications = self.surveys = self.referents = None
        if allowed(db.current_user, COMMS):
            from .communications import CommunicationsPage, ReferentsPage
            from .surveys import SurveysPage

            self.communications = CommunicationsPage(db, events, self.pages)
            self.surveys = SurveysPage(db, events, self.pages)
            self.referents = ReferentsPage(db, events, self.pages)
            self.pages.addTab(self.communications, "Comunicazioni")
            self.pages.addTab(self.surveys, "Monitoraggi")
            self.pages.addTab(self.referents, "Referenti Covid")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.pages)
        self._fitted: set[int] = set()
        self.pages.currentChanged.connect(lambda _i: QTimer.singleShot(0, self._fit_current))

    def showEvent(self, event) -> None:  # noqa: N802 - Qt override
        super().showEvent(event)
        QTimer.singleShot(0, self._fit_current)

    def _fit_current(self) -> None:
        """The page's columns fitted once it has the window's width: a page is first shown
        inside this tab before the window lays the tab out, at a fraction of its width."""
        page = self.current()
        if id(page) in self._fitted or not page.isVisible() or page.model.rowCount() == 0:
            return
        self._fitted.add(id(page))
        page._size_columns()
        page._fit_to_view()

    def current(self) -> TableTab:
        return self.pages.currentWidget()

    def show_page(self, name: str, record_id=None) -> bool:
        """The page ``name`` («documents», «surveys»…) brought forward, with the row of
        ``record_id`` selected: where a start-page line or a search hit leads."""
        page = getattr(self, name, None)
        if not isinstance(page, TableTab) or not self.pages.isTabVisible(
                self.pages.indexOf(page)):
            return False
        self.pages.setCurrentWidget(page)
        page.refresh()
        if record_id is not None:
            for row in range(page.model.rowCount()):
                if page.model.row_id(row) == record_id:
                    page.table.selectRow(row)
                    page.table.scrollTo(page.model.index(row, 0))
                    break
        page.table.setFocus()
        return True

    @property
    def model(self):
        return self.current().model

    @property
    def table_area(self):
        return self.current().table_area

    def menu_groups(self):
        return self.current().menu_groups()

    def all_actions(self):
        return self.current().all_actions()

    def all_pages(self) -> list[TableTab]:
        return [p for p in (self.visits, self.appointments, self.documents,
                            self.communications, self.surveys, self.referents)
                if p is not None]

    def save_columns(self, settings) -> None:
        for page in self.all_pages():
            page.save_columns(settings)

    def _show_documents(self) -> None:
        """«Documenti» only for who holds its permission (checked again at a change of user)."""
        self.pages.setTabVisible(self.pages.indexOf(self.documents),
                                 allowed(self.db.current_user, DOCUMENTS))

    def refresh(self) -> None:
        self._show_documents()
        for page in self.all_pages():
            page.refresh()

