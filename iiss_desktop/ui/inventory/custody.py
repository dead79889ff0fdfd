"""Custody in the Inventario tab: appointments (art. 30), affidamento and riconsegna of
laboratory goods (art. 35), the maintenance log of a good, the sub-consegnatario's prospetto."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QVBoxLayout,
)

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import carico as inv
from ...domain.inventory import custody as rules
from ...queries.inventory.custody import (
    item_heading,
    list_roles,
    maintenance_of,
    open_assignment_of_item,
    open_assignments,
)
from ...queries.school import list_rooms, list_sites
from ...queries.staff import list_employees
from ...services.inventory.custody import add_maintenance, appoint, assign, end_role, riconsegna
from ..common.dialogs import ask_confirm, exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, RowTableModel, date_column, money_column
from ..common.table_view import EmptyStateTable, make_table_view


def _employees(db) -> list[tuple[int, str]]:
    return [(e.id, f"{e.surname} {e.name} ({e.role})") for e in list_employees(db)]


def _rooms(db) -> list[tuple[int, str]]:
    return [(r.id, f"{r.site_name} – {r.name}") for r in list_rooms(db) if r.active]


def _sites(db) -> list[tuple[int, str]]:
    return [(s.id, f"{s.name} ({s.code})") for s in list_sites(db) if s.active]


def _offer_print(parent, db, report: str, what: str, ref) -> None:
    if ask_confirm(parent, "Stampa del verbale",
                   f"{what} registrato con verbale n. {ref.number}/{ref.year}.\n"
                   "Stampare ora il verbale in due copie (DSGA e affidatario)?"):
        print_report(parent, db, report, anno=ref.year, numero=ref.number)


def _clean(values: dict) -> dict:
    return {k: v for k, v in values.items() if v is not None}


# --- Appointments -------------------------------------------------------------------------------
class RolesDialog(QDialog):
    """Who answers for the goods, now and in the past: nomine and their end.

    The notes are free text (often a sentence): the last column takes the room left and its
    text wraps on more lines, so that it is read whole without scrolling sideways."""

    COLUMNS = (Column("role", "Ruolo"), Column("person", "Persona", max_width=220),
               Column("site", "Plesso", max_width=240), Column("decree", "Decreto del DS"),
               date_column("start", "Dal"), date_column("end", "Al"), Column("notes", "Note"))

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle("Consegnatario, sostituti e sub-consegnatari")
        self.resize(1180, 440)
        intro = QLabel("Il DSGA è il consegnatario dei beni; sostituti e sub-consegnatari "
                       "(uno per plesso) sono nominati con decreto del Dirigente Scolastico "
                       "(art. 30 D.I. 129/2018). Le nomine cessate restano nello storico.", self)
        intro.setWordWrap(True)
        self.model = RowTableModel(self.COLUMNS, self)
        self.table = make_table_view(self.model, self)
        # A short list: rows as tall as their wrapped text (big grids keep a fixed height).
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.appoint_button = QPushButton("Nomina…", self)
        self.end_button = QPushButton("Termina…", self)
        self.appoint_button.clicked.connect(self.appoint)
        self.end_button.clicked.connect(self.end_selected)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("Chiudi")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.appoint_button)
        buttons.addWidget(self.end_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.table.selectionModel().selectionChanged.connect(self._update_buttons)
        self.model.modelReset.connect(self._update_buttons)
        self.reload()

    def reload(self) -> None:
        rows = list_roles(self.db)
        self.roles = {r.id: r for r in rows}
        self.model.set_rows(
            [(r.role_title, r.person_name, r.site_name,
              f"n. {r.decree_number} del {format_date(r.decree_date)}" if r.decree_number
              else "", r.started_on, r.ended_on, r.notes) for r in rows],
            [r.id for r in rows])
        self.table.resizeColumnsToContents()
        header = self.table.horizontalHeader()
        for col, column in enumerate(self.COLUMNS):   # a long name wraps, the notes keep room
            if column.max_width and header.sectionSize(col) > column.max_width:
                header.resizeSection(col, column.max_width)

    def selected_role(self):
        rows = self.table.selectionModel().selectedRows()
        return self.roles.get(self.model.row_id(rows[0].row())) if rows else None

    def _update_buttons(self, *args) -> None:
        role = self.selected_role()
        self.end_button.setEnabled(role is not None and role.current)

    @report_errors
    def appoint(self) -> None:
        specs = [FieldSpec("role", "Ruolo", kind="choice", required=True,
                           choices=list(rules.ROLES.items())),
                 FieldSpec("employee_id", "Dipendente", kind="choice",
                           choices=_employees(self.db),
                           help="Facoltativo: il nome si ricava dal dipendente scelto"),
                 FieldSpec("person_name", "Nome e cognome", max_length=160),
                 FieldSpec("site_id", "Plesso (sub-consegnatario)", kind="choice",
                           choices=_sites(self.db)),
                 FieldSpec("decree_number", "Decreto del Dirigente n.", max_length=40),
                 FieldSpec("decree_date", "Decreto del", kind="date"),
                 FieldSpec("started_on", "Decorrenza", kind="date", required=True),
                 FieldSpec("notes", "Note", kind="multiline")]
        if FormDialog.ask(self, "Nomina", specs, {"started_on": date.today()},
                          on_submit=lambda v: appoint(self.db, **_clean(v))) is not None:
            self.changed = True
            self.reload()

    @report_errors
    def end_selected(self) -> None:
        role = self.selected_role()
        if role is None or not role.current:
            return
        specs = [FieldSpec("ended_on", "Cessazione il", kind="date", required=True)]
        title = f"Cessazione: {role.person_name}, {role.role_title.lower()}"
        if FormDialog.ask(self, title, specs, {"ended_on": date.today()},
                          on_submit=lambda v: end_role(self.db, role_id=role.id,
                                                       ended_on=v["ended_on"])) is not None:
            self.changed = True
            self.reload()


@report_errors
def open_roles(tab) -> None:
    dialog = RolesDialog(tab, tab.db)
    exec_and_dispose(dialog)
    if dialog.changed:
        tab.events.data_changed.emit(tab.area)


# --- Affidamento and riconsegna --------------------------------------------------------------
def assignment_specs(db) -> list[FieldSpec]:
    return [FieldSpec("assignee_name", "Affidatario", max_length=160,
                      placeholder="es. Prof.ssa Giulia Serra"),
            FieldSpec("assignee_role", "Qualifica", kind="choice", required=True,
                      choices=list(rules.ASSIGNEE_ROLES.items())),
            FieldSpec("employee_id", "Dipendente", kind="choice", choices=_employees(db),
                      help="Facoltativo: per un assistente tecnico in organico"),
            FieldSpec("room_id", "Laboratorio", kind="choice", required=True,
                      choices=_rooms(db)),
            FieldSpec("started_on", "Data del verbale", kind="date", required=True),
            FieldSpec("ds_indication", "Indicazione del Dirigente", required=True,
                      max_length=200, placeholder="es. nota prot. n. 3120 del 10/09/2025"),
            FieldSpec("condition", "Stato dei beni alla consegna", kind="choice",
                      required=True, choices=[(s, s) for s in inv.STATES])]


@report_errors
def assign_selected(tab) -> None:
    ids = tab.selected_ids()
    if not ids:
        return
    done = {}

    def submit(values: dict) -> None:
        done["ref"] = assign(tab.db, item_ids=ids, **_clean(values))

    title = f"Affidamento di {len(ids)} {'bene' if len(ids) == 1 else 'beni'} (art. 35)"
    if FormDialog.ask(tab, title, assignment_specs(tab.db),
                      {"started_on": date.today(), "condition": "buono"},
                      on_submit=submit, intro=tab.goods_intro("Beni affidati")) is None:
        return
    tab.events.data_changed.emit(tab.area)
    _offer_print(tab, tab.db, "verbale-affidamento", "Affidamento", done["ref"])


@report_errors
def return_assignment(tab) -> None:
    open_ = open_assignments(tab.db)
    if not open_:
        raise DomainError("Nessun affidamento in corso da chiudere.")
    item_id = tab.selected_id()
    current = open_assignment_of_item(tab.db, item_id) if item_id is not None else None
    specs = [FieldSpec("assignment_id", "Affidamento", kind="choice", required=True,
                       choices=[(a.id, a.label) for a in open_]),
             FieldSpec("returned_on", "Riconsegna il", kind="date", required=True),
             FieldSpec("condition_back", "Stato dei beni alla riconsegna", kind="choice",
                       required=True, choices=[(s, s) for s in inv.STATES]),
             FieldSpec("notes", "Osservazioni (danni, mancanze)", kind="multiline")]
    done = {}

    def submit(values: dict) -> None:
        done["ref"] = riconsegna(tab.db, assignment_id=values["assignment_id"],
                                 returned_on=values["returned_on"],
                                 condition_back=values["condition_back"],
                                 notes=values.get("notes") or "")

    defaults = {"assignment_id": current if current is not None else open_[0].id,
                "returned_on": date.today(), "condition_back": "buono"}
    if FormDialog.ask(tab, "Riconsegna dei beni affidati", specs, defaults,
                      on_submit=submit) is None:
        return
    tab.events.data_changed.emit(tab.area)
    _offer_print(tab, tab.db, "verbale-riconsegna", "Riconsegna", done["ref"])


# --- Maintenance log ---------------------------------------------------------------------------
class MaintenanceDialog(QDialog):
    """The log of one good: lines are added, never edited (a correction is a new line)."""

    COLUMNS = (date_column("done_on", "Data"), Column("kind", "Tipo"),
               Column("description", "Descrizione"), Column("done_by", "Eseguito da"),
               money_column("cost", "Costo"), date_column("warranty", "Garanzia fino al"))

    def __init__(self, parent, db, item_id: int):
        super().__init__(parent)
        self.db, self.item_id = db, item_id
        self.item = item_heading(db, item_id)
        self.setWindowTitle(f"Manutenzioni – {self.item.label}")
        self.resize(900, 420)
        title = QLabel(f"<b>{self.item.label}</b> – {self.item.description}<br>"
                       f"{self.item.site} – {self.item.room}", self)
        title.setWordWrap(True)
        self.model = RowTableModel(self.COLUMNS, self)
        self.table_area = EmptyStateTable(
            self.model, "Nessun intervento registrato per questo bene: «Aggiungi…» per "
                        "annotare una riparazione, una manutenzione o un aggiornamento.", self)
        self.table = self.table_area.table
        self.add_button = QPushButton("Aggiungi…", self)
        self.print_button = QPushButton("Stampa", self)
        self.add_button.clicked.connect(self.add)
        self.print_button.clicked.connect(self.print_log)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("Chiudi")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.print_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(self.table_area, 1)
        layout.addLayout(buttons)
        self.reload()

    def reload(self) -> None:
        self.log = maintenance_of(self.db, self.item_id)
        self.model.set_rows([(r.done_on, r.kind_title, r.description, r.done_by, r.cost,
                              r.warranty_until) for r in self.log], [r.id for r in self.log])
        self.table.resizeColumnsToContents()

    def specs(self) -> list[FieldSpec]:
        previous = [(r.id, f"{format_date(r.done_on)} – {r.kind_title} – "
                           f"{r.description[:50]}") for r in self.log]
        return [FieldSpec("done_on", "Data dell'intervento", kind="date", required=True),
                FieldSpec("kind", "Tipo", kind="choice", required=True,
                          choices=list(rules.MAINTENANCE_KINDS.items())),
                FieldSpec("description", "Descrizione", kind="multiline", required=True),
                FieldSpec("done_by", "Eseguito da", max_length=160,
                          placeholder="ditta o assistente tecnico"),
                FieldSpec("cost", "Costo (IVA compresa)", kind="money"),
                FieldSpec("warranty_until", "Garanzia fino al", kind="date"),
                FieldSpec("correction_of", "Rettifica di", kind="choice",
                          choices=previous,
                          help="Le registrazioni non si modificano: un errore si corregge "
                               "con una nuova riga che rettifica la precedente")]

    @report_errors
    def add(self) -> None:
        def submit(values: dict) -> None:
            values = _clean(values)
            add_maintenance(self.db, item_id=self.item_id, **values)

        if FormDialog.ask(self, "Nuovo intervento", self.specs(),
                          {"done_on": date.today(), "kind": "manutenzione"},
                          on_submit=submit) is not None:
            self.reload()

    def print_log(self) -> None:
        print_report(self, self.db, "scheda-manutenzioni", inventario=self.item.register,
                     numero=self.item.number)


@report_errors
def open_maintenance(tab) -> None:
    item_id = tab.selected_id()
    if item_id is None:
        return
    exec_and_dispose(MaintenanceDialog(tab, tab.db, item_id))


# --- Prospetto -------------------------------------------------------------------------------
@report_errors
def print_prospetto(tab) -> None:
    sites = _sites(tab.db)
    specs = [FieldSpec("plesso", "Plesso", kind="choice", required=True, choices=sites),
             FieldSpec("anno", "Esercizio finanziario", kind="int", required=True)]

    def check(values: dict) -> None:
        if not 2000 <= values["anno"] <= date.today().year:
            raise DomainError("Indicare un esercizio fino all'anno in corso.", "anno")

    values = FormDialog.ask(tab, "Prospetto del sub-consegnatario", specs,
                            {"anno": date.today().year}, on_submit=check)
    if values is not None:
        print_report(tab, tab.db, "prospetto-subconsegnatario", plesso=values["plesso"],
                     anno=values["anno"])
