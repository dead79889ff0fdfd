"""The fields of an impegno and of a mandato di pagamento, declared once (domain/fields.py):
the forms the Fondi tab builds, the labels of the refusals and the model test follow from them.

The mandato's fields are the contents of D.I. 129/2018 art. 17 c.1 [C]: b) number and date,
c) amount in figures and in words and causale, d) the creditor with tax data, e) the activity
or project, f) the expenditure coding (tipo di spesa), g) withholdings; CIG and CUP from the
impegno (L. 136/2010 tracciabilità).
"""
from __future__ import annotations

from decimal import Decimal

from ..fields import Field, Record
from . import rules

_STATES = tuple((s, rules.COMMITMENT.label(s)) for s in rules.COMMITMENT.states)
_CIG = Field("cig", "CIG", max_length=10, upper=True, entered=True)
_CUP = Field("cup", "CUP", max_length=15, upper=True, entered=True)

COMMITMENT = Record("funds_commitment", alias="c", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Esercizio finanziario", kind="int"),
    Field("number", "Impegno n.", kind="int"),
    Field("committed_on", "Data dell'impegno", kind="date", entered=True, past_only=True),
    Field("programme_id", "Programma Annuale", kind="ref"),
    Field("destination_id", "Destinazione (attività o progetto)", kind="ref", entered=True),
    Field("spending_type_id", "Tipo di spesa", kind="ref", entered=True),
    Field("earmarked_id", "Finanziamento vincolato", kind="ref", nullable=True, entered=True),
    Field("amount", "Importo dell'impegno", kind="money", entered=True),
    Field("description", "Oggetto dell'impegno", max_length=500, required=True, entered=True),
    Field("creditor_name", "Creditore", max_length=200, entered=True),
    _CIG, _CUP,
    Field("status", "Stato dell'impegno", kind="choice", max_length=20, choices=_STATES,
          default=rules.COMMITMENT.initial),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

PAYMENT_ORDER = Record("funds_payment_order", alias="m", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Esercizio finanziario", kind="int"),
    Field("number", "Mandato n.", kind="int"),
    Field("issued_on", "Data del mandato", kind="date", entered=True, past_only=True),
    Field("liquidation_id", "Liquidazione", kind="ref", entered=True),
    Field("commitment_id", "Impegno", kind="ref", nullable=True),   # None: residuo imported
    Field("destination_id", "Destinazione (attività o progetto)", kind="ref"),
    Field("spending_type_id", "Tipo di spesa", kind="ref"),
    Field("amount", "Importo del mandato", kind="money"),
    Field("withholdings", "Ritenute", kind="money", default=Decimal("0.00"), entered=True),
    Field("amount_words", "Importo in lettere", max_length=300),
    Field("causale", "Causale", max_length=500, required=True, entered=True),
    Field("creditor_name", "Creditore", max_length=200, required=True, entered=True),
    Field("creditor_tax_code", "Codice fiscale del creditore", max_length=16, upper=True,
          entered=True),
    Field("creditor_vat", "Partita IVA del creditore", max_length=11, entered=True),
    Field("creditor_iban", "IBAN del creditore", max_length=34, upper=True, entered=True),
    Field("cig", "CIG", max_length=10, upper=True),
    Field("cup", "CUP", max_length=15, upper=True),
    Field("residue_id", "Residuo passivo pagato", kind="ref", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

# Accertamento di entrata (art. 13-14 [C-3p]): the DSGA establishes on a document the reason
# for the credit, the debtor and the amount, on a voce di entrata of the Programma Annuale.
ASSESSMENT = Record("funds_assessment", alias="a", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Esercizio finanziario", kind="int"),
    Field("number", "Accertamento n.", kind="int"),
    Field("assessed_on", "Data dell'accertamento", kind="date", entered=True, past_only=True),
    Field("programme_id", "Programma Annuale", kind="ref"),
    Field("revenue_item_id", "Voce di entrata", kind="ref", entered=True),
    Field("earmarked_id", "Finanziamento vincolato", kind="ref", nullable=True, entered=True),
    Field("amount", "Importo accertato", kind="money", entered=True),
    Field("debtor", "Debitore", max_length=200, required=True, entered=True),
    Field("description", "Causale dell'accertamento", max_length=500, required=True,
          entered=True),
    Field("document_ref", "Documento", max_length=120, required=True, entered=True,
          placeholder="Nota MI prot. n. … / delibera / convenzione"),
    Field("document_date", "Data del documento", kind="date", entered=True, past_only=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

# Residui (art. 12 c.2 [C]; residui passivi, domain.md §3.6): what was accertato and not
# riscosso (attivo) or impegnato and not pagato (passivo) at 31 December, carried into the
# next year with its origin; ``remaining`` is kept for speed and rebuilt by verify.
RESIDUE_KINDS = (("A", "Residuo attivo"), ("P", "Residuo passivo"))
RESIDUE_CARRY = Record("funds_residue_carry", alias="rc", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("from_year", "Esercizio chiuso", kind="int"),
    Field("carried_on", "Data del riporto", kind="date", entered=True, past_only=True),
    Field("active_total", "Residui attivi riportati", kind="money"),
    Field("passive_total", "Residui passivi riportati", kind="money"),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
RESIDUE = Record("funds_residue", alias="rz", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("carry_id", "Riporto dei residui", kind="ref"),
    Field("year", "Esercizio di gestione", kind="int"),
    Field("origin_year", "Anno di provenienza", kind="int"),
    Field("kind", "Tipo di residuo", kind="choice", max_length=1, choices=RESIDUE_KINDS),
    Field("assessment_id", "Accertamento", kind="ref", nullable=True),
    Field("commitment_id", "Impegno", kind="ref", nullable=True),
    Field("revenue_item_id", "Voce di entrata", kind="ref", nullable=True),
    Field("destination_id", "Destinazione (attività o progetto)", kind="ref", nullable=True),
    Field("spending_type_id", "Tipo di spesa", kind="ref", nullable=True),
    Field("counterpart", "Debitore o creditore", max_length=200),
    Field("description", "Causale", max_length=500),
    Field("amount", "Importo riportato", kind="money"),
    Field("remaining", "Residuo da riscuotere o pagare", kind="money"),
    Field("previous_id", "Residuo dell'anno precedente", kind="ref", nullable=True),
))
RESIDUE_RADIATION = Record("funds_residue_radiation", alias="rr", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("residue_id", "Residuo", kind="ref", entered=True),
    Field("radiated_on", "Data della radiazione", kind="date", entered=True, past_only=True),
    Field("amount", "Importo radiato", kind="money", entered=True),
    Field("reason", "Motivo della radiazione", kind="multiline", max_length=1000,
          required=True, entered=True),
    Field("act_ref", "Decreto di riaccertamento", max_length=120, entered=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

# Fondo economale (D.I. 129/2018 art. 21) and the restitution of an earmarked fund.
CASH_FUND = Record("funds_cash_fund", alias="fe", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("year", "Esercizio finanziario", kind="int"),
    Field("programme_id", "Programma annuale", kind="ref"),
    Field("size", "Consistenza del fondo", kind="money", entered=True),
    Field("max_expense", "Limite per singola spesa", kind="money", entered=True),
    Field("decided_on", "Data della delibera del Consiglio", kind="date", entered=True),
    Field("decision_ref", "Delibera", max_length=120, required=True, entered=True),
    Field("destination_id", "Destinazione dell'anticipo", kind="ref"),
    Field("advance_order_id", "Mandato di anticipo", kind="ref", nullable=True),
    Field("advance", "Anticipo al DSGA", kind="money"),
    Field("cash", "Cassa residua", kind="money"),
    Field("closed_on", "Chiuso il", kind="date", nullable=True),
    Field("closing_receipt_id", "Reversale di chiusura", kind="ref", nullable=True),
    Field("closing_amount", "Somma restituita alla chiusura", kind="money"),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
CASH_EXPENSE = Record("funds_cash_expense", alias="ms", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("fund_id", "Fondo economale", kind="ref"),
    Field("year", "Esercizio finanziario", kind="int"),
    Field("number", "Spesa n.", kind="int"),
    Field("spent_on", "Data della spesa", kind="date", entered=True),
    Field("amount", "Importo della spesa", kind="money", entered=True),
    Field("description", "Oggetto della spesa", max_length=300, required=True, entered=True),
    Field("creditor_name", "Fornitore", max_length=200, required=True, entered=True),
    Field("document_ref", "Documento di spesa", max_length=120, entered=True),
    Field("destination_id", "Destinazione (attività o progetto)", kind="ref"),
    Field("spending_type_id", "Tipo di spesa", kind="ref"),
    Field("reimbursement_id", "Reintegro", kind="ref", nullable=True),
    Field("annulled", "Annullata", kind="bool", default=False),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
CASH_REIMBURSEMENT = Record("funds_cash_reimbursement", alias="ri", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("fund_id", "Fondo economale", kind="ref"),
    Field("presented_on", "Data del reintegro", kind="date", entered=True),
    Field("amount", "Importo del reintegro", kind="money"),
    Field("orders", "Mandati del reintegro", max_length=200),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
RESTITUTION = Record("funds_restitution", alias="rs", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("earmarked_id", "Finanziamento vincolato", kind="ref"),
    Field("commitment_id", "Impegno di restituzione", kind="ref"),
    Field("payment_order_id", "Mandato di restituzione", kind="ref", nullable=True),
    Field("restituted_on", "Data della restituzione", kind="date", entered=True),
    Field("amount", "Somma restituita", kind="money", entered=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
