"""Rules of the invoices received (FatturaPA) and their register.

- Registro unico delle fatture (DL 66/2014 art. 42, conv. L. 89/2014) [C-3p]: every invoice
  received is entered, within 10 days of its receipt, with a progressive number per year,
  its receipt date, supplier, number and date, amount, CIG and CUP: register
  «acquisti-fatture» of the legal-register core (gap-free, never renumbered).
- Refusal (DM 55/2013, notifica di esito committente EC02) [C-3p]: within 15 days of receipt
  through SdI; after that the invoice is accepted by silence.
- Payment within 30 days of receipt (D.Lgs 231/2002 art. 4) [U for schools' exceptions].

States are declared as a table (domain/lifecycle.py).
"""
from __future__ import annotations

from datetime import date, timedelta

from ..lifecycle import Lifecycle
from ..registers import RegisterSpec, define_register

INVOICES = define_register(RegisterSpec("acquisti-fatture", "Registro unico delle fatture",
                                        "procurement", yearly=True))

REGISTER_WITHIN_DAYS = 10
REFUSAL_WITHIN_DAYS = 15
PAYMENT_WITHIN_DAYS = 30   # [U] the default term; a school setting (procurement_setting)


def payment_due(received_on: date, stated_due: date | None, days: int) -> date:
    """When an invoice is to be paid: the due date it states, else ``days`` (the school's
    term, by default PAYMENT_WITHIN_DAYS) from its receipt."""
    return stated_due or received_on + timedelta(days=days)

INVOICE = Lifecycle(
    "la fattura",
    {"ricevuta": "ricevuta", "abbinata": "abbinata all'ordine", "liquidata": "liquidata",
     "pagata": "pagata", "rifiutata": "rifiutata"},
    {"ricevuta": frozenset({"abbinata", "liquidata", "rifiutata"}),
     "abbinata": frozenset({"ricevuta", "liquidata", "rifiutata"}),
     "liquidata": frozenset({"pagata"}),
     "pagata": frozenset(),
     "rifiutata": frozenset()},
    initial="ricevuta", open=frozenset({"ricevuta", "abbinata", "liquidata"}))


def duplicate_key(supplier: str, document_type: str, number: str, year: int,
                  total_cents: int) -> str:
    """The stored form of ``fatturapa.Invoice.key`` (one unique column on both engines)."""
    return f"{supplier}|{document_type}|{number.strip().upper()}|{year}|{total_cents}"
