"""Restitution of an earmarked fund's unused part from the Fondi tab, in the two acts of
services/funds/restitution.py: the dirigente's «Impegno di restituzione…» and the DSGA's
«Mandato di restituzione…» (liquidazione and mandato to the ministry's account)."""
from __future__ import annotations

from ...domain.errors import DomainError, ValidationError
from ...domain.funds.creditor import Creditor
from ...domain.money import format_money
from ...queries.funds_cash import restitutions, unused
from ...queries.funds_lists import commitment_choices
from ...services.funds.restitution import (
    PaymentInput,
    RestitutionInput,
    commit_restitution,
    pay_restitution,
)
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm

MINISTRY = "Ministero dell'Istruzione e del Merito"


@report_errors
def new_restitution(tab, *_args) -> None:
    from .tab import default_day

    year = tab.year()
    choices = commitment_choices(tab.db, year)
    left = {f.id: unused(tab.db, f.id) for f in choices.funds}
    funds = [(f.id, f"{f.name} – non utilizzato {format_money(left[f.id])}")
             for f in choices.funds if left[f.id] > 0]
    if not funds:
        raise DomainError(f"Nessun finanziamento vincolato {year} con una parte non "
                          "utilizzata da restituire.")
    specs = [FieldSpec("earmarked_id", "Finanziamento vincolato", kind="choice",
                       required=True, choices=funds),
             FieldSpec("amount", "Importo da restituire", kind="money",
                       help="Vuoto: tutta la parte non utilizzata"),
             FieldSpec("committed_on", "Data dell'impegno", kind="date", required=True),
             FieldSpec("spending_type", "Tipo di spesa", kind="choice", required=True,
                       choices=choices.spending_types),
             FieldSpec("creditor_name", "Beneficiario", required=True, max_length=200)]

    def save(v):
        amount = v["amount"] if v["amount"] is not None else left.get(v["earmarked_id"])
        return commit_restitution(tab.db, RestitutionInput(
            v["earmarked_id"], v["committed_on"], amount, v["spending_type"],
            v["creditor_name"]))

    done = FormDialog.ask(tab, f"Impegno di restituzione – esercizio {year}", specs,
                          {"committed_on": default_day(year), "creditor_name": MINISTRY,
                           "earmarked_id": funds[0][0] if len(funds) == 1 else None},
                          on_submit=save,
                          intro="L'impegno del dirigente sulla destinazione del finanziamento: "
                                "la parte non utilizzata si riduce subito; il DSGA emette poi "
                                "il mandato di restituzione.")
    if done is None:
        return
    tab._changed()
    confirm(tab, f"Impegno di restituzione n. {done.commitment_number}/"
                 f"{done.commitment_year} registrato.")


@report_errors
def pay(tab, *_args) -> None:
    from .tab import default_day

    year = tab.year()
    due = [r for r in restitutions(tab.db, year) if r.to_pay]
    if not due:
        raise DomainError(f"Nessuna restituzione {year} da pagare: il dirigente assume prima "
                          "l'impegno di restituzione.")
    specs = [FieldSpec("restitution_id", "Restituzione", kind="choice", required=True,
                       choices=[(r.id, f"impegno n. {r.commitment} – {r.fund} – "
                                       f"{format_money(r.amount)}") for r in due]),
             FieldSpec("paid_on", "Data del mandato", kind="date", required=True),
             FieldSpec("creditor_name", "Beneficiario", required=True, max_length=200),
             FieldSpec("creditor_tax_code", "Codice fiscale", max_length=16),
             FieldSpec("creditor_iban", "IBAN", required=True, max_length=34,
                       help="Il conto di Tesoreria indicato dalla nota del Ministero")]

    def save(v):
        if v["restitution_id"] is None:
            raise ValidationError({"restitution_id": "Scegliere la restituzione."})
        return pay_restitution(tab.db, PaymentInput(
            v["restitution_id"], v["paid_on"],
            Creditor(v["creditor_name"], v["creditor_tax_code"], iban=v["creditor_iban"])))

    done = FormDialog.ask(tab, f"Mandato di restituzione – esercizio {year}", specs,
                          {"paid_on": default_day(year), "creditor_name": MINISTRY,
                           "restitution_id": due[0].id if len(due) == 1 else None},
                          on_submit=save,
                          intro="Liquidazione (economia accertata) e mandato in un'unica "
                                "registrazione.")
    if done is None:
        return
    tab._changed()
    confirm(tab, f"Mandato di restituzione n. {done[1]}/{done[0]} registrato.")
