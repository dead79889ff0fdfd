"""Fondi: the accertamento di entrata (art. 13-14), the reversale that collects it (in conto
competenza or residui), the carry of the residui at year end, and the «Accertamenti» work
list. The forms follow ui/common/form.py; the services check and refuse, the form shows the
refusal on its field."""
from __future__ import annotations

from datetime import date

from ...areas.funds import COLLECT, DECREE, PROGRAMME
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...domain.funds.fields import ASSESSMENT
from ...domain.money import format_money
from ...queries.funds_lists import commitment_choices
from ...queries.funds_residui import collectable, list_assessments, residui, revenue_choices
from ...services.funds.residui import RadiationInput, carry_residui, radiate_residue
from ...services.funds.revenue import (
    AssessmentInput,
    ReceiptInput,
    issue_receipt_order,
    record_assessment,
)
from ..common.dialogs import ask_confirm, report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.status import confirm
from ..common.table_model import Column, date_column, money_column
from ..common.work_list import WorkListDialog


def add_revenue_actions(tab) -> None:
    tab.add_action("Accertamento…", lambda: new_assessment(tab), shortcut="Ctrl+Shift+A",
                   permission=COLLECT,
                   tooltip="Accertamento di entrata su un documento: voce, debitore, importo "
                           "(D.I. 129/2018 artt. 13-14)")
    tab.add_action("Reversale…", lambda: new_receipt(tab), shortcut="Ctrl+Shift+R",
                   permission=COLLECT,
                   tooltip="Reversale d'incasso su un accertamento dell'anno o su un residuo "
                           "attivo")
    tab.add_action("Riporto dei residui…", lambda: carry(tab), shortcut="Ctrl+Shift+U",
                   permission=PROGRAMME,
                   tooltip="A esercizio chiuso: accertato non riscosso e impegnato non pagato "
                           "riportati all'anno successivo (una sola volta)")
    tab.add_action("Radiazione di un residuo…", lambda: radiate(tab), shortcut="Ctrl+Shift+X",
                   permission=DECREE,
                   tooltip="Riaccertamento: il dirigente radia (in tutto o in parte) un residuo "
                           "attivo o passivo non più dovuto, con il motivo")
    tab.add_action("Accertamenti…", lambda: AssessmentsList.ask(tab, tab.db), menu=tab.LISTS,
                   tooltip="Gli accertamenti di entrata con il riscosso e il da riscuotere")


def assessment_specs(db, year: int) -> list[FieldSpec]:
    funds = [(f.id, f"{f.name} ({f.legal_basis})") for f in commitment_choices(db, year).funds]
    specs = [
        FieldSpec("revenue", "Voce di entrata", kind="choice", required=True,
                  choices=revenue_choices(db, year),
                  help="Aggregato e voce del Programma Annuale"),
        spec_of(ASSESSMENT["amount"], required=True),
        spec_of(ASSESSMENT["assessed_on"], required=True),
        spec_of(ASSESSMENT["debtor"]),
        spec_of(ASSESSMENT["description"], placeholder="Ragione del credito"),
        spec_of(ASSESSMENT["document_ref"]),
        spec_of(ASSESSMENT["document_date"], required=True),
    ]
    if funds:
        specs.append(FieldSpec("earmarked_id", "Finanziamento vincolato", kind="choice",
                               choices=funds,
                               help="Se l'entrata è un finanziamento vincolato dell'anno"))
    return specs


@report_errors
def new_assessment(tab) -> None:
    from .tab import default_day

    year = tab.year()
    day = default_day(year)

    def save(v):
        return record_assessment(tab.db, AssessmentInput(
            year, v["assessed_on"], v["revenue"] or "", v["amount"], v["debtor"],
            v["description"], v["document_ref"], v["document_date"],
            earmarked_id=v.get("earmarked_id")))

    rec = FormDialog.ask(tab, f"Accertamento di entrata – esercizio {year}",
                         assessment_specs(tab.db, year),
                         {"assessed_on": day, "document_date": day}, on_submit=save,
                         intro="Il DSGA accerta l'entrata su un documento idoneo: ragione del "
                               "credito, debitore e importo (D.I. 129/2018 artt. 13-14). La "
                               "reversale riscuoterà poi l'accertamento.")
    if rec is None:
        return
    tab._changed()
    confirm(tab, f"Accertamento n. {rec.number}/{rec.year} registrato.")


@report_errors
def new_receipt(tab) -> None:
    from .tab import default_day

    year = tab.year()
    open_ = collectable(tab.db, year)
    if not open_:
        raise DomainError(f"Nessun accertamento da riscuotere nell'esercizio {year}: "
                          "registrare prima l'accertamento.")
    # key: the accertamento's id, or «residuo-N» for a residuo imported without one
    keys = {c.assessment_id or f"residuo-{c.residue_id}": c.key for c in open_}
    choices = [(c.assessment_id or f"residuo-{c.residue_id}",
                f"n. {c.ref}{' (residuo)' if c.residue else ''} – {c.revenue} – {c.debtor} – "
                f"da riscuotere {format_money(c.left)}") for c in open_]
    specs = [FieldSpec("assessment_id", "Accertamento o residuo", kind="choice", required=True,
                       choices=choices),
             FieldSpec("amount", "Importo", kind="money",
                       help="Vuoto: tutto il da riscuotere dell'accertamento"),
             FieldSpec("issued_on", "Data della reversale", kind="date", required=True),
             FieldSpec("causale", "Causale", max_length=500,
                       placeholder="Vuoto: la causale dell'accertamento")]

    def save(v):
        assessment_id, residue_id = keys[v["assessment_id"]]
        return issue_receipt_order(tab.db, ReceiptInput(
            assessment_id, v["issued_on"], v["amount"], v["causale"] or "",
            residue_id=residue_id))

    rec = FormDialog.ask(tab, f"Reversale d'incasso – esercizio {year}", specs,
                         {"issued_on": default_day(year)}, on_submit=save)
    if rec is None:
        return
    tab._changed()
    confirm(tab, f"Reversale n. {rec.number}/{rec.year} registrata.")


@report_errors
def radiate(tab) -> None:
    from .tab import default_day

    year = tab.year()
    found = residui(tab.db, year)
    open_ = [x for x in found.attivi + found.passivi if x.managed and x.remaining > 0]
    if not open_:
        raise DomainError(f"Nessun residuo da radiare nell'esercizio {year}.")
    kinds = {"A": "attivo", "P": "passivo"}
    choices = [(x.residue_id, f"{kinds[x.kind]} {x.origin_year} n. {x.ref} – {x.account} – "
                              f"{x.counterpart} – da {'riscuotere' if x.kind == 'A' else 'pagare'}"
                              f" {format_money(x.remaining)}") for x in open_]
    specs = [FieldSpec("residue_id", "Residuo", kind="choice", required=True, choices=choices),
             FieldSpec("amount", "Importo radiato", kind="money",
                       help="Vuoto: tutto ciò che resta del residuo (esclusa la parte già "
                            "liquidata)"),
             FieldSpec("radiated_on", "Data della radiazione", kind="date", required=True),
             FieldSpec("reason", "Motivo", required=True, max_length=500,
                       placeholder="Credito inesigibile, economia di spesa, prescrizione…"),
             FieldSpec("act_ref", "Decreto del dirigente", max_length=120,
                       placeholder="Decreto n. … del …")]

    def save(v):
        return radiate_residue(tab.db, RadiationInput(v["residue_id"], v["radiated_on"],
                                                      v["reason"], v["amount"],
                                                      v["act_ref"] or ""))

    done = FormDialog.ask(tab, f"Radiazione di un residuo – esercizio {year}", specs,
                          {"radiated_on": min(default_day(year), date.today())},
                          on_submit=save,
                          intro="Il residuo resta nell'elenco con la parte radiata e il "
                                "motivo (D.I. 129/2018 art. 12 c.2).")
    if done is None:
        return
    tab._changed()
    confirm(tab, "Radiazione registrata.")


@report_errors
def carry(tab) -> None:
    year = tab.year()
    if not ask_confirm(tab, "Riporto dei residui",
                       f"Riportare al {year + 1} i residui dell'esercizio {year}? "
                       "Dopo il riporto nessun movimento si registra più nel "
                       f"{year}; il riporto si fa una sola volta."):
        return
    done = carry_residui(tab.db, year, date.today())
    tab._changed()
    confirm(tab, f"Residui {year} riportati al {year + 1}: {done.active_count} attivi per "
                 f"{format_money(done.active_total)}, {done.passive_count} passivi per "
                 f"{format_money(done.passive_total)}.")


class AssessmentsList(WorkListDialog):
    title = "Accertamenti di entrata"
    intro = ("Gli accertamenti di tutti gli esercizi, il più recente per primo, con quanto "
             "riscosso con le reversali e quanto resta da riscuotere.")
    empty_text = "Nessun accertamento registrato."
    export_name = "accertamenti"
    period_label = "Accertamenti"
    default_size = (1300, 560)
    columns = (Column("ref", "Accertamento n.", "right"), date_column("day", "Data"),
               Column("revenue", "Voce", "center"),
               Column("debtor", "Debitore", max_width=200),
               Column("description", "Causale"),
               Column("document", "Documento", max_width=200),
               money_column("amount", "Accertato"), money_column("collected", "Riscosso"),
               money_column("left", "Da riscuotere", blank_zero=True))
    stretch_column = 4

    def load_all(self):
        return list_assessments(self.db)

    def row_of(self, a):
        return (a.ref, a.assessed_on, a.revenue, a.debtor, a.description,
                f"{a.document_ref} del {format_date(a.document_date)}", a.amount, a.collected,
                a.to_collect)

    def date_of(self, a):
        return a.assessed_on
