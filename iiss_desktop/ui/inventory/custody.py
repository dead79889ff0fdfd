"""Custody in the Inventario tab: appointments (art. 30), affidamento and riconsegna of
laboratory goods (art. 35), the maintenance log of a good, the sub-consegnatario's prospetto."""
from __future__ import annotations

from datetime import date
from html import escape

from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.inventory import carico as inv
from ...domain.inventory import custody as rules
from ...domain.inventory import states
from ...queries.inventory.custody import (
    item_heading,
    list_roles,
    maintenance_of,
    open_assignment_of_item,
    open_assignments,
)
from ...queries.school import list_sites
from ...services.inventory.custody import add_maintenance, appoint, assign, end_role, riconsegna
from ..common.choices import employee_choices, room_choices
from ..common.dialogs import ask_print, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction, ListDialog
from ..common.printing import print_report
from ..common.table_model import Column, date_column, money_column


def _sites(db) -> list[tuple[int, str]]:
    return [(s.id, f"{s.name} ({s.code})") for s in list_sites(db) if s.active]


def _offer_print(parent, db, report: str, what: str, ref) -> None:
    if ask_print(parent, "Stampa del verbale",
                   f"{what} registrato con verbale n. {ref.number}/{ref.year}.\n"
                   "Stampare ora il verbale in due copie (DSGA e affidatario)?"):
        print_report(parent, db, report, anno=ref.year, numero=ref.number)


def _clean(values: dict) -> dict:
    return {k: v for k, v in values.items() if v is not None}


# --- Appointments -------------------------------------------------------------------------------
class RolesDialog(ListDialog):
    """Who answers for the goods, now and in the past: nomine and their end.

    The notes are free text (often a sentence): the last column takes the room left and its
    text wraps on more lines, so that it is read whole without scrolling sideways."""

    title = "Consegnatario, sostituti e sub-consegnatari"
    intro = ("Il DSGA è il consegnatario dei beni; sostituti e sub-consegnatari "
             "(uno per plesso) sono nominati con decreto del Dirigente Scolastico "
             "(art. 30 D.I. 129/2018). Le nomine cessate restano nello storico.")
    empty_text = ("Nessuna nomina registrata: «Nomina…» per il consegnatario, i sostituti e i "
                  "sub-consegnatari.")
    columns = (
        Column("role", "Ruolo"), Column("person", "Persona", max_width=220),
        Column("site", "Plesso", max_width=240), Column("decree", "Decreto del DS"),
        date_column("start", "Dal"), date_column("end", "Al"), Column("notes", "Note"))
    default_size = (1180, 440)
    wrap_rows = True   # a short list: rows as tall as their wrapped text

    def load(self):
        return list_roles(self.db)

    def row_of(self, r) -> tuple:
        return (r.role_title, r.person_name, r.site_name,
                f"n. {r.decree_number} del {format_date(r.decree_date)}" if r.decree_number
                else "", r.started_on, r.ended_on, r.notes)

    def actions(self) -> list[ListAction]:
        return [ListAction("appoint", "Nomina…", self.appoint, permission="inventory.custody"),
                ListAction("end", "Termina…", self.end_selected,
                           enabled_if=lambda role: role.current,
                           permission="inventory.custody")]

    @report_errors
    def appoint(self) -> None:
        specs = [FieldSpec("role", "Ruolo", kind="choice", required=True,
                           choices=list(rules.ROLES.items())),
                 FieldSpec("employee_id", "Dipendente", kind="picker", picker="person",
                           choices=employee_choices(self.db),
                           help="Facoltativo: il nome si ricava dal dipendente scelto"),
                 FieldSpec("person_name", "Nome e cognome", max_length=160),
                 FieldSpec("site_id", "Plesso (sub-consegnatario)", kind="choice",
                           choices=_sites(self.db)),
                 FieldSpec("decree_number", "Decreto del Dirigente n.", max_length=40),
                 FieldSpec("decree_date", "Decreto del", kind="date"),
                 FieldSpec("started_on", "Decorrenza", kind="date", required=True),
                 FieldSpec("notes", "Note", kind="multiline")]
        role_id = FormDialog.ask(self, "Nomina", specs, {"started_on": date.today()},
                                 on_submit=lambda v: appoint(self.db, **_clean(v)))
        if role_id is not None:
            self.after_change()
            self.select(role_id)

    @report_errors
    def end_selected(self) -> None:
        role = self.selected()
        if role is None or not role.current:
            return
        specs = [FieldSpec("ended_on", "Cessazione il", kind="date", required=True)]
        title = f"Cessazione: {role.person_name}, {role.role_title.lower()}"
        if FormDialog.ask(self, title, specs, {"ended_on": date.today()},
                          on_submit=lambda v: end_role(self.db, role_id=role.id,
                                                       ended_on=v["ended_on"])) is not None:
            self.after_change()


@report_errors
def open_roles(tab) -> None:
    if RolesDialog.ask(tab, tab.db):
        tab.events.data_changed.emit(tab.area)


# --- Affidamento and riconsegna --------------------------------------------------------------
def assignment_specs(db) -> list[FieldSpec]:
    return [FieldSpec("assignee_name", "Affidatario", max_length=160,
                      placeholder="es. Prof.ssa Giulia Serra"),
            FieldSpec("assignee_role", "Qualifica", kind="choice", required=True,
                      choices=list(rules.ASSIGNEE_ROLES.items())),
            FieldSpec("employee_id", "Dipendente", kind="picker", picker="person",
                      choices=employee_choices(db),
                      help="Facoltativo: per un assistente tecnico in organico"),
            FieldSpec("room_id", "Laboratorio", kind="picker", required=True, picker="room",
                      choices=room_choices(db)),
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
    tab.refuse_selected(states.ASSIGN)
    title = f"Affidamento di {len(ids)} {'bene' if len(ids) == 1 else 'beni'} (art. 35)"
    ref = FormDialog.ask(tab, title, assignment_specs(tab.db),
                         {"started_on": date.today(), "condition": "buono"},
                         on_submit=lambda v: assign(tab.db, item_ids=ids, **_clean(v)),
                         intro=tab.goods_intro("Beni affidati"))
    if ref is None:
        return
    tab.events.data_changed.emit(tab.area)
    _offer_print(tab, tab.db, "verbale-affidamento", "Affidamento", ref)


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
    def submit(values: dict):
        return riconsegna(tab.db, assignment_id=values["assignment_id"],
                          returned_on=values["returned_on"],
                          condition_back=values["condition_back"],
                          notes=values.get("notes") or "")

    defaults = {"assignment_id": current if current is not None else open_[0].id,
                "returned_on": date.today(), "condition_back": "buono"}
    ref = FormDialog.ask(tab, "Riconsegna dei beni affidati", specs, defaults,
                         on_submit=submit)
    if ref is None:
        return
    tab.events.data_changed.emit(tab.area)
    _offer_print(tab, tab.db, "verbale-riconsegna", "Riconsegna", ref)


# --- Maintenance log ---------------------------------------------------------------------------
class MaintenanceDialog(ListDialog):
    """The log of one good: lines are added, never edited (a correction is a new line)."""

    empty_text = ("Nessun intervento registrato per questo bene: «Aggiungi…» per annotare una "
                  "riparazione, una manutenzione o un aggiornamento.")
    columns = (
        date_column("done_on", "Data"), Column("kind", "Tipo"),
        Column("description", "Descrizione"), Column("done_by", "Eseguito da"),
        money_column("cost", "Costo"), date_column("warranty", "Garanzia fino al"))

    def __init__(self, parent, db, item_id: int):
        self.item_id = item_id
        self.item = item_heading(db, item_id)
        super().__init__(parent, db)

    def window_title(self) -> str:
        return f"Manutenzioni – {self.item.label}"

    def intro_text(self) -> str:
        return (f"<b>{escape(self.item.label)}</b> – {escape(self.item.description)}<br>"
                f"{escape(self.item.site)} – {escape(self.item.room)}")

    def load(self):
        self.log = maintenance_of(self.db, self.item_id)
        return self.log

    def row_of(self, r) -> tuple:
        return (r.done_on, r.kind_title, r.description, r.done_by, r.cost, r.warranty_until)

    def actions(self) -> list[ListAction]:
        return [ListAction("add", "Aggiungi…", self.add, permission="inventory.prepare"),
                ListAction("print", "Stampa", self.print_log)]

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
        line_id = FormDialog.ask(
            self, "Nuovo intervento", self.specs(),
            {"done_on": date.today(), "kind": "manutenzione"},
            on_submit=lambda v: add_maintenance(self.db, item_id=self.item_id, **_clean(v)))
        if line_id is not None:
            self.after_change()
            self.select(line_id)

    def print_log(self) -> None:
        print_report(self, self.db, "scheda-manutenzioni", inventario=self.item.register,
                     numero=self.item.number)


@report_errors
def open_maintenance(tab) -> None:
    item_id = tab.selected_id()
    if item_id is None:
        return
    MaintenanceDialog.ask(tab, tab.db, item_id)


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
                            {"anno": date.today().year}, on_submit=check,
                            confirm_close=False)   # a print: nothing to lose
    if values is not None:
        print_report(tab, tab.db, "prospetto-subconsegnatario", plesso=values["plesso"],
                     anno=values["anno"])
