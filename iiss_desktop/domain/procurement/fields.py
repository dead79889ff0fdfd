"""The fields of the suppliers registry, declared once (domain/fields.py): the supplier (the
``procurement_supplier`` table of the invoices, extended by migration 0028), its declarations
of the conto dedicato with the persons delegated to operate on it, its DURC, its
self-declarations with the random checks, and the awards the rotation principle reads.
The labels name the fields in every refusal; tests/db/test_procurement_fields.py checks the
ORM against them."""
from __future__ import annotations

from decimal import Decimal

from ..fields import Field, Record
from . import acceptance as acc
from . import procedure as proc
from .checks import DEFAULT_PERCENT
from .rotation import EXCEPTIONS
from .rules import PAYMENT_WITHIN_DAYS
from .suppliers import CHECK_OUTCOMES, DECLARATION_KINDS, DURC_OUTCOMES
from .thresholds import KINDS, PROCEDURES

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
    Field("dirigente_limit", "Limite del dirigente fissato dal Consiglio d'istituto",
          kind="money", nullable=True, entered=True,
          help="D.I. 129/2018 art. 45 c.2 lett. a; vuoto se il Consiglio non l'ha fissato"),
    Field("central_authority", "Soglie europee delle autorità governative centrali",
          kind="bool", default=True, entered=True),
    Field("payment_days", "Termine di pagamento delle fatture (giorni dalla ricezione)",
          kind="int", default=PAYMENT_WITHIN_DAYS, entered=True,
          help="Usato quando la fattura non indica la scadenza. Valore predefinito «[U]»: "
               "30 giorni (D.Lgs 231/2002 art. 4), da verificare e modificare se l'istituto "
               "applica un termine diverso."),
))

# --- the procedure file (migration 0030) --------------------------------------------------------
REQUEST = Record("procurement_request", alias="r", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("requested_on", "Data della richiesta", kind="date", required=True, past_only=True,
          entered=True),
    Field("unit_kind", "Richiesta da", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(proc.UNIT_KINDS.items())),
    Field("unit", "Ufficio, plesso o laboratorio", max_length=120, required=True, entered=True,
          placeholder="es. Laboratorio di scienze – plesso Collodi"),
    Field("requested_by", "Richiedente", max_length=120, required=True, entered=True),
    Field("object", "Che cosa si chiede", max_length=300, required=True, entered=True),
    Field("reason", "Perché serve", max_length=500, required=True, entered=True),
    Field("amount", "Importo stimato (IVA inclusa)", kind="money", required=True,
          entered=True),
    Field("status", "Stato della richiesta", kind="choice", max_length=20,
          choices=tuple(proc.REQUEST.labels.items()), default=proc.REQUEST.initial),
    Field("decided_on", "Data della decisione", kind="date", nullable=True, past_only=True),
    Field("decided_as", "Decisa da", kind="choice", max_length=20,
          choices=tuple(proc.DECIDERS.items())),
    Field("decision_note", "Motivo o note della decisione", max_length=500),
    Field("decided_by_id", "Utente che ha deciso", kind="int", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

PROCEDURE = Record("procurement_procedure", alias="p", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("request_id", "Richiesta d'acquisto", kind="ref"),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Anno della determina", kind="int"),
    Field("number", "Numero della determina", kind="int"),
    Field("decided_on", "Data della determina", kind="date", required=True, past_only=True,
          entered=True),
    Field("object", "Oggetto dell'affidamento", max_length=300, required=True, entered=True),
    Field("kind", "Tipo di contratto", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(KINDS.items())),
    Field("sector", "Settore merceologico (CPV o categoria)", max_length=20, required=True,
          upper=True, entered=True, placeholder="es. 30213100-6"),
    Field("amount", "Importo stimato al netto dell'IVA", kind="money", required=True,
          entered=True),
    Field("vat_rate", "Aliquota IVA %", max_length=8, default="22", entered=True),
    Field("proposed_procedure", "Procedura proposta", kind="choice", max_length=30,
          choices=tuple(PROCEDURES.items())),
    Field("procedure", "Procedura scelta", kind="choice", max_length=30, required=True,
          entered=True, choices=tuple(PROCEDURES.items())),
    Field("procedure_motivation", "Motivazione della procedura", max_length=500,
          entered=True),
    Field("council_deliberation", "Delibera del Consiglio d'istituto", max_length=200,
          entered=True, placeholder="es. Delibera n. 12 del 10/02/2021"),
    Field("via_consip", "Acquisto tramite convenzione Consip", kind="bool", default=False,
          entered=True),
    Field("consip_motivation", "Motivazione dell'acquisto fuori convenzione Consip",
          max_length=500, entered=True),
    Field("via_mepa", "Acquisto sul MePA", kind="bool", default=False, entered=True),
    Field("mepa_motivation", "Motivazione dell'acquisto fuori dal MePA", max_length=500,
          entered=True),
    Field("ddi_derogation", "Deroga DL 137/2020 art. 21", kind="bool", default=False,
          entered=True),
    Field("notes", "Verifiche della determina", kind="multiline", max_length=4000),
    Field("cig", "CIG", max_length=10, upper=True, entered=True),
    Field("cup", "CUP", max_length=15, upper=True, entered=True),
    Field("rup", "Responsabile unico del progetto (RUP)", max_length=120, required=True,
          entered=True),
    Field("destination", "Destinazione del Programma Annuale", max_length=20, required=True,
          upper=True, entered=True, placeholder="es. A03"),
    Field("spending_type", "Tipo di spesa", max_length=4, required=True, entered=True,
          placeholder="es. 02"),
    Field("earmarked_id", "Finanziamento vincolato", kind="ref", nullable=True),
    Field("status", "Stato della procedura", kind="choice", max_length=20,
          choices=tuple(proc.PROCEDURE.labels.items()), default=proc.PROCEDURE.initial),
    Field("coverage_on", "Copertura attestata il", kind="date", nullable=True),
    Field("coverage_by_id", "Copertura attestata da", kind="int", nullable=True),
    Field("commitment_id", "Impegno di spesa", kind="ref", nullable=True),
    Field("criterion", "Criterio di scelta", kind="choice", max_length=20,
          choices=tuple(proc.CRITERIA.items())),
    Field("criterion_text", "Criterio indicato", max_length=300),
    Field("award_id", "Affidamento", kind="ref", nullable=True),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

QUOTE = Record("procurement_quote", alias="pq", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("procedure_id", "Procedura", kind="ref"),
    Field("supplier_id", "Operatore invitato", kind="ref"),
    Field("invited_on", "Invitato il", kind="date", required=True, past_only=True,
          entered=True),
    Field("received_on", "Preventivo ricevuto il", kind="date", nullable=True,
          past_only=True, entered=True),
    Field("amount", "Importo del preventivo al netto dell'IVA", kind="money", nullable=True,
          entered=True),
    Field("notes", "Note del preventivo", max_length=300, entered=True),
    Field("chosen", "Preventivo scelto", kind="bool", default=False),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

ORDER = Record("procurement_order", alias="o", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("procedure_id", "Procedura", kind="ref"),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Anno dell'ordine", kind="int"),
    Field("number", "Numero dell'ordine", kind="int"),
    Field("ordered_on", "Data dell'ordine", kind="date", required=True, past_only=True,
          entered=True),
    Field("supplier_id", "Fornitore", kind="ref"),
    Field("delivery_place", "Luogo di consegna", max_length=200, required=True,
          entered=True),
    Field("delivery_terms", "Condizioni di consegna", max_length=300, entered=True,
          placeholder="es. franco destino, consegna al piano"),
    Field("delivery_by", "Consegna entro il", kind="date", nullable=True, entered=True),
    Field("taxable", "Imponibile", kind="money"),
    Field("tax", "IVA", kind="money"),
    Field("total", "Totale dell'ordine", kind="money"),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
    Field("invoiced", "Fatturato sull'ordine", kind="money", default=Decimal("0.00")),
))

ORDER_LINE = Record("procurement_order_line", alias="ol", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("order_id", "Ordine", kind="ref"),
    Field("line_no", "Riga", kind="int"),
    Field("description", "Descrizione", max_length=300, required=True, entered=True),
    Field("quantity", "Quantità", max_length=30, required=True, entered=True),
    Field("unit", "Unità di misura", max_length=10, entered=True, placeholder="es. pz"),
    Field("unit_price", "Prezzo unitario al netto dell'IVA", kind="money", required=True,
          entered=True),
    Field("vat_rate", "Aliquota IVA %", max_length=8, default="22", entered=True),
    Field("total", "Importo della riga", kind="money"),
))

# --- the acceptance (migration 0030) ------------------------------------------------------------
DELIVERY = Record("procurement_delivery", alias="pd", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("order_id", "Ordine", kind="ref"),
    Field("delivered_on", "Data della consegna", kind="date", required=True, past_only=True,
          entered=True),
    Field("ddt_number", "Numero del DDT", max_length=40, required=True, entered=True,
          placeholder="es. 1234/A"),
    Field("ddt_date", "Data del DDT", kind="date", required=True, past_only=True,
          entered=True),
    Field("received_by", "Ricevuta da", max_length=120, required=True, entered=True),
    Field("notes", "Note della consegna", max_length=500, entered=True),
    Field("annulled_on", "Annullata il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=500),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))

DELIVERY_LINE = Record("procurement_delivery_line", alias="pdl", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("delivery_id", "Consegna", kind="ref"),
    Field("order_line_id", "Riga dell'ordine", kind="ref"),
    Field("quantity", "Quantità consegnata", max_length=30),
    Field("destination", "Caricato in", kind="choice", max_length=20,
          choices=tuple(acc.DESTINATIONS.items())),
    Field("inventory_register", "Registro d'inventario", max_length=40),
    Field("inventory_numbers", "Numeri d'inventario", max_length=500),
    Field("buono_entry_id", "Buono di carico", kind="ref", nullable=True),
    Field("movement_id", "Movimento di magazzino", kind="ref", nullable=True),
    Field("loaded_on", "Caricato il", kind="date", nullable=True),
))

VERIFICATION = Record("procurement_verification", alias="pv", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True),
    Field("delivery_id", "Consegna", kind="ref"),
    Field("entry_id", "Registrazione", kind="ref"),
    Field("year", "Anno del verbale", kind="int"),
    Field("number", "Numero del verbale", kind="int"),
    Field("kind", "Tipo di verbale", kind="choice", max_length=20, required=True,
          entered=True, choices=tuple(acc.VERIFICATION_KINDS.items())),
    Field("verified_on", "Data della verifica", kind="date", required=True, past_only=True,
          entered=True),
    Field("verified_by", "Chi ha verificato", max_length=200, required=True, entered=True,
          placeholder="es. Prof. Paolo Greco (animatore digitale), DSGA"),
    Field("outcome", "Esito", kind="choice", max_length=20, required=True, entered=True,
          choices=tuple(acc.OUTCOMES.items())),
    Field("notes", "Note del verbale", kind="multiline", max_length=4000, entered=True),
    Field("annulled_on", "Annullato il", kind="date", nullable=True),
    Field("annul_reason", "Motivo dell'annullamento", max_length=500),
    Field("recorded_by_id", "Registrato da", kind="int", nullable=True),
))
