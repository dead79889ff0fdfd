"""The forms and the scheda of a person of the staff registry: a new person, a new contract,
the scheda (fields correctable in place, contracts, weekly patterns, days set by hand,
incarichi specifici, lavoro agile agreements with their new and annul actions, the requests
of absence with the decree and the substitution of an approved one, history, prints). The
services check everything; refusals appear next to the field."""
from __future__ import annotations

from datetime import date

from ...areas.staff import REGISTRY
from ...domain.access import allowed
from ...domain.dates import SchoolYear
from ...domain.staff.agile import TOOLS
from ...domain.staff.fields import AGILE, ATA_PROFILES, CONTRACT, EMPLOYEE
from ...domain.staff.registry import CONTRACT_KINDS
from ...queries.school import list_sites
from ...queries.staff_leave import absence_requests, leave_statement
from ...queries.staff_scheda import person_scheda
from ...services.staff import agile, registry
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.scheda import ExtraTable, SchedaContent, SchedaDialog, TableAction
from ..common.status import confirm
from ..common.table_model import Column

PERSON_FIELDS = ("surname", "name", "codice_fiscale", "role", "site_id", "email", "phone",
                 "hired_on", "service_since", "posizione_economica")


def person_specs(db) -> list[FieldSpec]:
    sites = [(None, "")] + [(s.id, f"{s.code} – {s.name}") for s in list_sites(db)]
    out = []
    for name in PERSON_FIELDS:
        field = EMPLOYEE[name]
        if name == "role":
            out.append(spec_of(field, choices=list(ATA_PROFILES)))
        elif name == "site_id":
            out.append(spec_of(field, kind="choice", choices=sites))
        else:
            out.append(spec_of(field))
    return out


def contract_specs() -> list[FieldSpec]:
    return [spec_of(CONTRACT["kind"], choices=list(CONTRACT_KINDS.items())),
            spec_of(CONTRACT["starts_on"]), spec_of(CONTRACT["ends_on"]),
            FieldSpec("part_time_percent", "Percentuale dell'orario (100 = tempo pieno)",
                      kind="int", required=True),
            spec_of(CONTRACT["assigned_school"]), spec_of(CONTRACT["note"])]


@report_errors
def new_person(parent, db) -> int | None:
    done = FormDialog.ask(parent, "Nuovo dipendente", person_specs(db),
                          on_submit=lambda v: registry.save_person(db, v))
    if done is not None:
        confirm(parent, "Dipendente registrato.")
    return done


@report_errors
def new_contract(parent, db, person_id: int, name: str) -> int | None:
    def save(v):
        return registry.add_contract(
            db, person_id, kind=v["kind"], starts_on=v["starts_on"], ends_on=v["ends_on"],
            part_time_percent=v["part_time_percent"],
            assigned_school=v["assigned_school"] or "", note=v["note"] or "")

    done = FormDialog.ask(parent, "Nuovo contratto", contract_specs(),
                          {"starts_on": date.today(), "part_time_percent": 100},
                          on_submit=save, intro=f"<b>{name}</b>: un periodo di servizio che "
                          "non si sovrapponga a quelli registrati.")
    if done is not None:
        confirm(parent, f"Contratto di {name} registrato.")
    return done


AGREEMENT_FIELDS = ("signed_on", "valid_from", "valid_to", "weekdays", "activities",
                    "contact_band", "tools", "protocol")


def agreement_specs() -> list[FieldSpec]:
    return [spec_of(AGILE[n], choices=list(TOOLS.items())) if n == "tools" else spec_of(AGILE[n])
            for n in AGREEMENT_FIELDS]


@report_errors
def new_agreement(parent, db, person_id: int, name: str, today: date | None = None
                  ) -> int | None:
    """The form of a signed agreement of lavoro agile; refusals next to the field."""
    today = today or date.today()
    year = SchoolYear.of(today)

    def save(v):
        return agile.sign_agreement(db, person_id, **{n: v[n] for n in AGREEMENT_FIELDS})

    done = FormDialog.ask(
        parent, "Nuovo accordo di lavoro agile", agreement_specs(),
        {"signed_on": today, "valid_from": today, "valid_to": date(year.start.year + 1, 6, 30),
         "tools": "istituto"}, on_submit=save,
        intro=f"<b>{name}</b>: l'accordo individuale sottoscritto con il Dirigente scolastico "
              "(CCNL 2019-21 art. 13): giorni della settimana, attività da svolgere a "
              "distanza, fascia di contattabilità e strumenti.")
    if done is not None:
        confirm(parent, f"Accordo di lavoro agile di {name} registrato.")
    return done


@report_errors
def annul_agreement(parent, db, agreement_id: int, label: str) -> bool:
    specs = [FieldSpec("reason", "Motivo dell'annullamento", kind="multiline", required=True,
                       placeholder="es. recesso del dipendente, accordo registrato per errore")]
    done = FormDialog.ask(parent, "Annullamento dell'accordo di lavoro agile", specs,
                          on_submit=lambda v: agile.annul_agreement(db, agreement_id,
                                                                    v["reason"]),
                          intro=f"Accordo {label}: resta nella storia del dipendente, "
                                "segnato come annullato con il motivo.")
    return done is not None


def _agreement_actions(db, s) -> tuple[TableAction, ...]:
    if not allowed(getattr(db, "current_user", None), REGISTRY):
        return ()
    name = s.title.split(" – ")[0]

    def annul(dialog, row) -> bool:
        if not s.agreement_open[row]:
            dialog.action_message.setText("L'accordo selezionato è già annullato.")
            return False
        return annul_agreement(dialog, db, s.agreement_ids[row], s.agreements[row][0])

    return (TableAction("&Nuovo accordo di lavoro agile…",
                        lambda dialog, _row: new_agreement(dialog, db, s.id, name) is not None,
                        shortcut="Ctrl+N", name="newAgreement",
                        tooltip="Registrare l'accordo individuale sottoscritto"),
            TableAction("Ann&ulla accordo…", annul, shortcut="Ctrl+Shift+U",
                        needs_selection=True, name="annulAgreement",
                        tooltip="Annullare l'accordo selezionato, con il motivo"))


def _leave_tables(db, person_id: int) -> tuple[ExtraTable, ...]:
    """«Ferie e permessi», read-only: the balances of the newest school year with movements
    and its ledger line by line (the allocation's twelfths, each use's days)."""
    st = leave_statement(db, person_id)
    year = f"a.s. {st.school_year}"
    balances = tuple((year, a.label, a.balance_text, a.note) for a in st.accounts)
    lines = tuple((ln.day, a.label, ln.kind, ln.description, ln.amount, ln.balance)
                  for a in st.accounts for ln in a.lines)
    return (
        ExtraTable("Ferie e per&messi", (Column("year", "Anno"), Column("account", "Saldo"),
                                         Column("balance", "Disponibile", "right"),
                                         Column("note", "Nota")),
                   balances, empty=f"Nessun movimento di ferie e permessi nell'{year}."),
        ExtraTable("Movimen&ti di ferie e permessi",
                   (Column("day", "Data"), Column("account", "Saldo"),
                    Column("kind", "Movimento"), Column("description", "Calcolo o motivo"),
                    Column("amount", "Quantità", "right"),
                    Column("balance", "Saldo progressivo", "right")),
                   lines, empty=f"Nessun movimento nell'{year}."),
    )


def _requests_table(db, person_id: int) -> ExtraTable:
    """The person's requests of absence, the waiting ones first; an approved one prints its decree
    (Ctrl+D) and opens its substitution (Ctrl+Shift+S: supplente or internal cover)."""
    found = absence_requests(db, person_id=person_id)

    def decree(dialog, row) -> bool:
        r = found[row]
        if r.state != "approvata":
            dialog.action_message.setText("Il decreto si stampa per le richieste approvate.")
            return False
        from ..common.printing import print_report

        print_report(dialog, db, "decreto-assenza", richiesta=r.id)
        return False

    def substitution(dialog, row) -> bool:
        r = found[row]
        if r.absence_id is None or not r.supplente:
            dialog.action_message.setText(
                "La sostituzione si apre per un'assenza approvata che ne ammette una.")
            return False
        from .substitution import SubstitutionWindow

        window = SubstitutionWindow(db, r.absence_id, dialog)
        window.exec()
        window.deleteLater()
        return True

    return ExtraTable(
        "Assen&ze e richieste", (Column("period", "Periodo"), Column("cause", "Causa"),
                                 Column("length", "Durata", "right"),
                                 Column("state", "Stato"), Column("supplente", "Supplente"),
                                 Column("decision", "Decisione")),
        tuple((r.period, r.cause, r.length, r.state_label, r.supplente, r.decision)
              for r in found), empty="Nessuna richiesta di assenza.",
        actions=(TableAction("&Decreto", decree, shortcut="Ctrl+D", needs_selection=True,
                             name="printDecree",
                             tooltip="Stampare il decreto della richiesta approvata"),
                 TableAction("&Sostituzione…", substitution, shortcut="Ctrl+Shift+S",
                             needs_selection=True, name="openSubstitution",
                             tooltip="Supplente o copertura interna con ore eccedenti")))


def _content(db, person_id: int) -> SchedaContent:
    s = person_scheda(db, person_id)
    tables = (
        ExtraTable("Co&ntratti", (Column("period", "Periodo"), Column("kind", "Tipo"),
                                   Column("pt", "Orario", "right"), Column("state", "Stato"),
                                   Column("description", "Note")),
                   s.contracts, empty="Nessun contratto registrato."),
        ExtraTable("Orari s&ettimanali", (Column("period", "Periodo"),
                                          Column("description", "Descrizione"),
                                          Column("hours", "Ore", "right"),
                                          Column("agile", "Lavoro agile"),
                                          Column("state", "Stato")),
                   s.patterns, empty="Nessun orario settimanale."),
        ExtraTable("&Giornate modificate", (Column("day", "Giorno"), Column("bands", "Fasce"),
                                            Column("description", "Nota")),
                   s.days, empty="Nessuna giornata modificata a mano."),
        ExtraTable("&Incarichi specifici", (Column("year", "A.s."),
                                            Column("description", "Incarico"),
                                            Column("source", "Fonte"),
                                            Column("amount", "Compenso", "right"),
                                            Column("state", "Stato")),
                   s.incarichi, empty="Nessun incarico specifico."),
        ExtraTable("La&voro agile", (Column("period", "Periodo"), Column("days", "Giorni"),
                                     Column("band", "Fascia di contattabilità"),
                                     Column("tools", "Strumenti"),
                                     Column("description", "Stato")),
                   s.agreements, empty="Nessun accordo di lavoro agile.",
                   actions=_agreement_actions(db, s)),
        ExtraTable("&35 ore (art. 55)", (Column("period", "Periodo"),
                                         Column("conditions", "Condizioni"),
                                         Column("decision", "Decisione"),
                                         Column("state", "Stato")),
                   s.art55, empty="Nessuna concessione della settimana di 35 ore."),
        ExtraTable("&Formazione", (Column("day", "Data"), Column("course", "Corso"),
                                   Column("kind", "Tipo"), Column("hours", "Ore", "right"),
                                   Column("provider", "Ente"), Column("state", "Stato")),
                   s.training, empty="Nessuna formazione registrata."),
    ) + _leave_tables(db, person_id) + (_requests_table(db, person_id),)
    edit = {k: s.values[k] for k in PERSON_FIELDS}
    return SchedaContent(title=s.title, state=s.state, warning=s.warning, fields=s.fields,
                         edit_values=edit, history=s.history, documents=s.documents,
                         tables=tables)


def person_scheda_dialog(parent, db, person_id: int) -> SchedaDialog:
    def save(values) -> int:
        current = person_scheda(db, person_id).values
        if all(values.get(k) == current.get(k) for k in values):
            return 0
        registry.save_person(db, {**current, **values}, person_id)
        return sum(values.get(k) != current.get(k) for k in values)

    return SchedaDialog(parent, db, lambda: _content(db, person_id),
                        edit_specs=person_specs(db), on_save=save)


@report_errors
def open_person_scheda(parent, db, person_id: int) -> bool:
    dialog = person_scheda_dialog(parent, db, person_id)
    exec_and_dispose(dialog)
    return dialog.changed
