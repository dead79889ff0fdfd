"""Invoices matched to their order: proposed at import by supplier and CIG or reference,
chosen or undone by the office, with the differences shown; each order's invoiced amount
rewritten from the matched invoices.

Figures by hand, the order of the acceptance tests (Ordine n. 1/2026, Forniture Rossi Srl,
CIG Z1A2B3C4D5): taxable 967,93, IVA 212,94, total 1.180,87. The invoice for the whole order
is 1.180,87 (taxable 1.180,87 / 1,22 = 967,93, IVA 212,94): nothing remains to invoice.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.demo.procurement import fatturapa_xml
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.domain.procurement import matching as m
from iiss_desktop.queries.procurement_matching import order_choices
from iiss_desktop.queries.procurement_scheda import invoice_scheda
from iiss_desktop.services.procurement.invoices import import_invoice_files
from iiss_desktop.services.procurement.matching import match_invoice
from tests.services.procurement.test_acceptance import order  # noqa: F401 - fixture

ROSSI = Creditor("Forniture Rossi Srl", "04123450720", "04123450720",
                 "IT43M0306904013100000004601")
BIANCHI = Creditor("Bianchi Ufficio Srl", "01234567897", "01234567897",
                   "IT60X0542811101000000123456")


def invoice(db, *, total="1180.87", cig="Z1A2B3C4D5", ref="Ordine n. 1/2026", who=ROSSI,
            number="7/A", progressive=1):
    xml = fatturapa_xml(number=number, on=date(2026, 3, 25), supplier=who,
                        text="Microscopi e materiale per il laboratorio", total=D(total),
                        exempt=False, order=ref, progressive=progressive, cig=cig)
    report = import_invoice_files(db, [(f"IT{who.vat_number}_{progressive:05d}.xml", xml)],
                                  received_on=date(2026, 3, 27))
    assert not report.refused_count, report.files[0].refused
    return report.invoices[0].id


def row(path, invoice_id):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT i.status, i.order_id, i.match_kind, o.invoiced FROM "
                           "procurement_invoice i LEFT JOIN procurement_order o ON "
                           "o.id = i.order_id WHERE i.id = ?", (invoice_id,)).fetchone()


def test_references_name_the_order_with_or_without_the_year():
    assert m.reference_matches("Ordine n. 1/2026", 1, 2026)
    assert m.reference_matches("1-26", 1, 2026)
    assert m.reference_matches("ord. 1", 1, 2026)
    assert not m.reference_matches("Ordine 1/2025", 1, 2026)
    assert not m.reference_matches("Ordine 11/2026", 1, 2026)


def test_the_import_proposes_the_order_of_the_same_supplier_and_cig(db, db_path, order):
    iid = invoice(db)
    assert row(db_path, iid) == ("abbinata", order["id"], "automatica", 118087)
    s = invoice_scheda(db, iid)
    fields = {f.name: f.text for f in s.fields}
    assert fields["order_id"].startswith("Ordine n. 1/2026 del 12/03/2026 – Forniture Rossi "
                                         "Srl (proposta all'importazione;")
    assert fields["differences"] == "nessuna"


def test_another_supplier_s_invoice_is_not_proposed_and_its_differences_show(db, db_path,
                                                                             order):
    iid = invoice(db, who=BIANCHI, cig="", ref="", total="100.00")
    assert row(db_path, iid) == ("ricevuta", None, "", None)
    [choice] = order_choices(db, iid)
    assert not choice.proposed and choice.remaining == D("1180.87")
    matched = match_invoice(db, iid, order["id"])
    assert matched.differences == (
        "CIG mancante in fattura (l'ordine n. 1/2026 ha CIG Z1A2B3C4D5).",
        "Fornitore diverso da quello dell'ordine n. 1/2026 (partita IVA IT04123450720).")
    assert row(db_path, iid) == ("abbinata", order["id"], "manuale", 10000)
    match_invoice(db, iid, None)           # undone: the order's invoiced back to zero
    assert row(db_path, iid)[:3] == ("ricevuta", None, "")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT invoiced FROM procurement_order").fetchone() == (0,)


def test_an_amount_over_what_remains_and_a_different_cig_are_named(db, db_path, order):
    first = invoice(db, total="1000.00")               # remains 180,87
    assert row(db_path, first)[3] == 100000
    second = invoice(db, total="200.00", cig="Z9Z9Z9Z9Z9", number="8/A", progressive=2)
    # same supplier and reference (3 + 2), CIG different and over the rest: still proposed
    assert row(db_path, second) == ("abbinata", order["id"], "automatica", 120000)
    fields = {f.name: f.text for f in invoice_scheda(db, second).fields}
    assert fields["differences"] == (
        "CIG diverso: in fattura Z9Z9Z9Z9Z9, sull'ordine n. 1/2026 Z1A2B3C4D5. Importo oltre "
        "il residuo da fatturare: la fattura è di 200,00\xa0€, sull'ordine n. 1/2026 restano "
        "180,87\xa0€ da fatturare.")


def test_a_paid_or_liquidated_invoice_keeps_its_order(db, db_path, order):
    iid = invoice(db)
    with sqlite3.connect(db_path) as con:
        con.execute("UPDATE procurement_invoice SET status = 'liquidata' WHERE id = ?", (iid,))
    with pytest.raises(ValidationError, match="liquidata"):
        match_invoice(db, iid, None)
