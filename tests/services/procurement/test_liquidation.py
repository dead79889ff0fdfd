"""The full chain on one purchase, figures by hand: the determina of 04/03/2026 (1.000,00 net,
IVA 22 %: the DSGA's attestation commits 1.220,00 on A03/02), the offer of 990,00 chosen on
11/03, the order n. 1/2026 of 12/03 (taxable 967,93, IVA 212,94, total 1.180,87), the
delivery of 20/03 verified conforme on 23/03, the carico of 24/03 (microscopes inventario n.
1, 2, the lamp n. 3, paper and lens to the warehouse), the invoice of 25/03 received on
27/03 (1.180,87, matched to the order at import), liquidated on 30/03 and paid by mandato on
31/03 to the conto dedicato declared on 01/03: liquidazione n. 1/2026 and mandato n. 1/2026
of 1.180,87 on the impegno of 1.220,00 (39,13 left to liquidate); the invoice annotated with
the inventory numbers (D.I. 129/2018 art. 17 c.3)."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.procurement_acceptance import acceptance_file
from iiss_desktop.queries.procurement_scheda import invoice_scheda
from iiss_desktop.services.procurement import acceptance as acc
from iiss_desktop.services.procurement import suppliers as sup
from iiss_desktop.services.procurement.liquidation import liquidate_invoice
from iiss_desktop.services.procurement.matching import match_invoice
from tests.services.procurement.test_acceptance import _choices, deliver, order, verify  # noqa: F401
from tests.services.procurement.test_matching import invoice

IBAN = "IT60X0542811101000000123456"
TABLES = ("funds_liquidation", "funds_payment_order")


def rossi(db_path) -> int:
    with sqlite3.connect(db_path) as con:
        return con.execute("SELECT id FROM procurement_supplier WHERE vat LIKE "
                           "'%04123450720'").fetchone()[0]


def accepted(db, o):
    first = deliver(db, o)
    verify(db, first)
    acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24),
                                           _choices(o)(acceptance_file(db, o["id"])),
                                           storeroom_id=o["store"]))


def account(db, db_path):
    sup.record_bank_account(db, rossi(db_path), iban=IBAN, declared_on=date(2026, 3, 1),
                            delegates=[sup.Delegate("Mario Rossi", "RSSMRA70A01H501S",
                                                    "legale rappresentante")])


def counts(path):
    with sqlite3.connect(path) as con:
        return [con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES]


def test_the_full_chain_from_the_determina_to_the_annotated_invoice(db, db_path, order):
    accepted(db, order)
    account(db, db_path)
    iid = invoice(db)
    done = liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30),
                             paid_on=date(2026, 3, 31))
    assert (done.liquidation, done.payment_order, done.iban) == ((1, 2026), (1, 2026), IBAN)
    assert done.inventory_note == ("Microscopio ottico: inventario n. 1, 2 (inv-mobili); "
                                   "Lampada da banco: inventario n. 3 (inv-mobili)")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT l.amount, l.supply_check, l.document_ref, c.amount, "
                           "c.status FROM funds_liquidation l JOIN funds_commitment c ON "
                           "c.id = l.commitment_id").fetchone() == (
            118087, "Verbale di verifica n. 1/2026 del 23/03/2026 (conforme)",
            "Fattura n. 7/A del 25/03/2026", 122000, "liquidato in parte")
        assert con.execute("SELECT amount, creditor_name, creditor_vat, creditor_iban, cig, "
                           "issued_on FROM funds_payment_order").fetchone() == (
            118087, "Forniture Rossi Srl", "04123450720", IBAN, "Z1A2B3C4D5", "2026-03-31")
        assert con.execute("SELECT status, paid_on, inventory_note <> '' FROM "
                           "procurement_invoice").fetchone() == ("pagata", "2026-03-31", 1)
    fields = {f.name: f.text for f in invoice_scheda(db, iid).fields}
    assert fields["inventory_note"] == done.inventory_note
    with pytest.raises(ValidationError, match="«pagata»: non si liquida"):
        liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30))


def test_no_liquidation_without_the_verbale_the_match_or_the_durc(db, db_path, order):
    account(db, db_path)
    iid = invoice(db)
    with pytest.raises(ValidationError) as caught:          # delivered, not verified
        liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30))
    assert caught.value.errors["invoice_id"] == (
        "La fornitura dell'ordine n. 1/2026 non è stata accettata: manca il verbale di "
        "verifica con esito positivo (art. 16 D.I. 129/2018).")
    accepted(db, order)
    match_invoice(db, iid, None)
    with pytest.raises(ValidationError, match="non è abbinata a un ordine"):
        liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30))
    match_invoice(db, iid, order["id"])
    # the DURC of 02/03/2026 expires on 30/06/2026 (120 days): a payment in July is refused
    with pytest.raises(ValidationError) as caught:
        liquidate_invoice(db, iid, liquidated_on=date(2026, 7, 1))
    assert caught.value.errors["paid_on"] == (
        "Forniture Rossi Srl: il DURC è scaduto il 30/06/2026, prima del 01/07/2026: "
        "acquisire un DURC aggiornato per il pagamento.")
    assert counts(db_path) == [0, 0]
    sup.record_durc(db, rossi(db_path), issued_on=date(2026, 6, 29), outcome="non_regolare")
    with pytest.raises(ValidationError, match="non è regolare"):
        liquidate_invoice(db, iid, liquidated_on=date(2026, 7, 1))
    assert counts(db_path) == [0, 0]
    sup.record_durc(db, rossi(db_path), issued_on=date(2026, 6, 30))
    assert liquidate_invoice(db, iid, liquidated_on=date(2026, 7, 1)).payment_order == (1, 2026)


def test_no_payment_without_a_conto_dedicato(db, db_path, order):
    accepted(db, order)
    iid = invoice(db)
    with pytest.raises(ValidationError, match="nessun conto corrente dedicato"):
        liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30))
    assert counts(db_path) == [0, 0]


def test_the_monitoring_names_what_is_missing_and_the_days_taken(db, db_path, order):
    from iiss_desktop.queries.procurement_monitoring import monitoring, transparency_rows

    today = date(2026, 4, 30)
    [m] = monitoring(db, today)
    assert m.missing == ("verbale di verifica mancante",)
    accepted(db, order)
    account(db, db_path)
    assert monitoring(db, today)[0].missing == ("fattura non abbinata",)
    iid = invoice(db)
    [m] = monitoring(db, today)
    # received 27/03, due 24/04 as the invoice states; on 30/04 unpaid for 34 days, late
    [t] = m.invoices
    assert (m.missing, t.due_on, t.days, t.late) == (
        ("fattura non pagata",), date(2026, 4, 24), 34, True)
    liquidate_invoice(db, iid, liquidated_on=date(2026, 3, 30), paid_on=date(2026, 3, 31))
    [m] = monitoring(db, today)
    [t] = m.invoices
    assert (m.missing, t.days, t.late, m.completed_on) == ((), 4, False, date(2026, 3, 31))
    assert transparency_rows(db, 2026, "IC Test", today) == [(
        "Z1A2B3C4D5", "IC Test", "Fornitura di tre microscopi", m.procedure,
        "Forniture Rossi Srl", "Forniture Rossi Srl", "990,00\xa0€",
        "dal 12/03/2026 al 31/03/2026", "1.180,87\xa0€")]
