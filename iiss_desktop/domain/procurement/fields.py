"""The fields of the suppliers registry, declared once (domain/fields.py): the supplier (the
``procurement_supplier`` table of the invoices, extended by migration 0028), its declarations
of the conto dedicato with the persons delegated to operate on it, its DURC, its
self-declarations with the random checks, and the awards the rotation principle reads.
The labels name the fields in every refusal; tests/db/test_procurement_fields.py checks the
ORM against them."""
from __future__ import annotations

from ..fields import Field, Record
from .checks import DEFAULT_PERCENT
from .rotation import EXCEPTIONS
from .suppliers import CHECK_OUTCOMES, DECLARATION_KINDS, DURC_OUTCOMES

SUPPLIER = Record("procurement_supplier", alias="s", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("name", "Denominazione del fornitore", max_length=200, required=True, entered=True,
          header="Denominazione", aliases=("Ragione sociale", "Fornitore")),
    Field("vat", "Partita IVA", max_length=30, entered=True, header="Partita IVA",
          aliases=("P.IVA", "P. IVA", "Partita Iva"), placeholder="01234567890",
          help="11 cifre; per un fornitore di un altro paese UE il prefisso del paese "
               "(es. DE123456789)"),
    Field("tax_code", "Codice fiscale", max_length=16, upper=True, entered=True,
          header="Codice fiscale", aliases=("C.F.", "CF"),
          help="16 caratteri per una persona, 11 cifre per una società"),
    Field("address", "Indirizzo", max_length=300, entered=True, header="Indirizzo",
          aliases=("Sede",)),
    Field("pec", "PEC", max_length=200, entered=True, header="PEC",
          placeholder="fornitore@pec.it"),
    Field("phone", "Telefono", max_length=40, entered=True, header="Telefono"),
    Field("iban", "IBAN della prima fattura", max_length=34),
    Field("active", "Attivo", kind="bool", default=True, entered=True),
))

BANK_ACCOUNT = Record("procurement_bank_account", alias="b", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("supplier_id", "Fornitore", kind="ref"),
    Field("iban", "IBAN del conto dedicato", max_length=34, required=True, upper=True,
          entered=True),
    Field("bank", "Banca o Poste Italiane", max_length=200, entered=True),
    Field("declared_on", "Data della dichiarazione", kind="date", required=True,
          past_only=True, entered=True),
    Field("protocol", "Protocollo della dichiarazione", max_length=60, entered=True,
          placeholder="es. 1234/2026"),
    Field("revoked_on", "Revocato il", kind="date", nullable=True),
    Field("revoke_reason", "Motivo della revoca", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

BANK_DELEGATE = Record("procurement_bank_delegate", alias="bd", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("account_id", "Conto dedicato", kind="ref"),
    Field("name", "Persona delegata a operare sul conto", max_length=200, required=True,
          entered=True),
    Field("tax_code", "Codice fiscale della persona delegata", max_length=16, upper=True,
          required=True, entered=True),
    Field("role", "Qualifica della persona delegata", max_length=100, entered=True,
          placeholder="es. legale rappresentante"),
))

DURC = Record("procurement_durc", alias="d", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("supplier_id", "Fornitore", kind="ref"),
    Field("issued_on", "Data del DURC", kind="date", required=True, past_only=True,
          entered=True),
    Field("expires_on", "Scadenza del DURC", kind="date", entered=True,
          help="Se vuota: 120 giorni dalla data del DURC"),
    Field("outcome", "Esito del DURC", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(DURC_OUTCOMES.items()), default="regolare"),
    Field("protocol", "Protocollo del DURC", max_length=60, entered=True,
          placeholder="es. INAIL_12345678"),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

DECLARATION = Record("procurement_declaration", alias="q", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("supplier_id", "Fornitore", kind="ref"),
    Field("kind", "Tipo di dichiarazione", kind="choice", max_length=30, required=True,
          entered=True, choices=tuple(DECLARATION_KINDS.items())),
    Field("received_on", "Dichiarazione ricevuta il", kind="date", required=True,
          past_only=True, entered=True),
    Field("protocol", "Protocollo della dichiarazione", max_length=60, entered=True),
    Field("draw_id", "Sorteggio dei controlli", kind="ref", nullable=True),
    Field("drawn", "Estratta per il controllo a campione", kind="bool", default=False),
    Field("check_outcome", "Esito del controllo", kind="choice", max_length=20,
          choices=tuple(CHECK_OUTCOMES.items())),
    Field("checked_on", "Controllo concluso il", kind="date", nullable=True, past_only=True),
    Field("check_note", "Note del controllo", max_length=300),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

CHECK_DRAW = Record("procurement_check_draw", alias="c", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("drawn_on", "Data del sorteggio", kind="date"),
    Field("period_from", "Dichiarazioni ricevute dal", kind="date", required=True,
          entered=True),
    Field("period_to", "Dichiarazioni ricevute fino al", kind="date", required=True,
          entered=True),
    Field("percent", "Percentuale del campione", kind="int"),
    Field("seed", "Seme del sorteggio", kind="int", entered=True),
    Field("candidates", "Fornitori sorteggiabili", kind="int"),
    Field("drawn", "Fornitori estratti", kind="int"),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

AWARD = Record("procurement_award", alias="a", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("supplier_id", "Fornitore", kind="ref"),
    Field("awarded_on", "Data dell'affidamento", kind="date", required=True, past_only=True,
          entered=True),
    Field("object", "Oggetto dell'affidamento", max_length=300, required=True, entered=True),
    Field("sector", "Settore merceologico (CPV o categoria)", max_length=20, required=True,
          upper=True, entered=True, placeholder="es. 30192000-1"),
    Field("amount", "Importo al netto dell'IVA", kind="money", required=True, entered=True),
    Field("cig", "CIG", max_length=10, upper=True, entered=True),
    Field("rotation_exception", "Deroga alla rotazione", kind="choice", max_length=20,
          choices=tuple(EXCEPTIONS.items())),
    Field("motivation", "Motivazione dell'affidamento al contraente uscente", max_length=500,
          entered=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

SETTING = Record("procurement_setting", alias="ps", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("check_percent", "Percentuale dei controlli a campione", kind="int",
          default=DEFAULT_PERCENT),
))
