"""The term for paying an invoice that states no due date is a school setting (default 30 days
from receipt, D.Lgs 231/2002 art. 4, [U]); dates by hand.

FPA01 without its DataScadenzaPagamento, received on 20/11/2026:
- 30 days (the default): 20/11 + 10 = 30/11, + 20 = 20/12/2026;
- 45 days: 30/11 (10), 31/12 (41), 04/01/2027 (45);
- 20 days: 10/12/2026, the day it is seen: on the start page, a warning.
FPA02 states 30/03/2017: its due date does not move with the setting.
The full chain's invoice (tests/services/procurement/test_liquidation) of 25/03/2026 states
its due date, 24/04/2026 (30 days from its date), which no setting moves (as the PCC reads it:
the due date stated, else the term from receipt); the same invoice without it, received on
27/03/2026: 30 days: 31/03 (4), 26/04/2026 (30); 45 days: 30/04 (34), 11/05/2026 (45); on
30/04 it has waited 34 days: late with 30, not with 45."""
from __future__ import annotations

from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.demo.procurement import fatturapa_xml
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.procurement import list_invoices, payment_days
from iiss_desktop.queries.procurement_home import home_items
from iiss_desktop.queries.procurement_monitoring import monitoring
from iiss_desktop.queries.procurement_scheda import invoice_scheda
from iiss_desktop.reports.procurement import build_invoice_register
from iiss_desktop.services.procurement.invoices import import_invoice_files
from iiss_desktop.services.procurement.procedures import set_payment_days
from tests.helpers.pdf import pdf_flat
from tests.queries.test_procurement_home import FIXTURES, TODAY, _import, _without_due_date
from tests.services.procurement.test_acceptance import order  # noqa: F401
from tests.services.procurement.test_liquidation import accepted, account
from tests.services.procurement.test_matching import ROSSI, invoice


def _dues(db) -> dict[str, date]:
    return {i.ref: i.payment_due for i in list_invoices(db)}


def _fields(db, invoice_id) -> dict[str, str]:
    return {f.name: f.text for f in invoice_scheda(db, invoice_id).fields}


def test_the_term_moves_the_due_date_of_the_list_the_scheda_and_the_start_page(db):
    _import(db, _without_due_date("IT01234567890_FPA01.xml"),
            ("IT01234567890_FPA02.xml", (FIXTURES / "IT01234567890_FPA02.xml").read_bytes()))
    assert payment_days(db) == 30
    assert _dues(db) == {"1/2026": date(2026, 12, 20), "2/2026": date(2017, 3, 30)}
    first = next(i.id for i in list_invoices(db) if i.ref == "1/2026")
    assert _fields(db, first)["due"] == ("20/12/2026: 30 giorni dalla ricezione (la fattura "
                                         "non la indica)")

    set_payment_days(db, 45)
    assert payment_days(db) == 45
    assert _dues(db) == {"1/2026": date(2027, 1, 4), "2/2026": date(2017, 3, 30)}
    assert _fields(db, first)["due"].startswith("04/01/2027: 45 giorni")
    # 04/01/2027 is 25 days after 10/12: beyond the 15 the start page shows.
    assert [i.title for i in home_items(db, TODAY) if i.kind == "fattura"] == [
        "Fattura 123 di ALPHA SRL"]          # only FPA02, past

    set_payment_days(db, 20)
    near = [(i.when, i.detail.split(":")[0], i.level) for i in home_items(db, TODAY)
            if i.kind == "fattura"]
    assert near == [(date(2017, 3, 30), "Scaduta il 30/03/2017", "warning"),
                    (date(2026, 12, 10), "Da pagare entro il 10/12/2026", "warning")]


def test_the_register_print_uses_the_term(db, tmp_path):
    _import(db, _without_due_date("IT01234567890_FPA01.xml"))
    set_payment_days(db, 45)
    text = pdf_flat(build_invoice_register(db, tmp_path / "r.pdf", anno=2026,
                                           oggi=date(2026, 12, 10)))
    assert "altrimenti 45 giorni dalla ricezione" in text
    assert "04/01/2027" in text and "20/12/2026" not in text


def test_the_monitoring_uses_the_term(db, db_path, order):  # noqa: F811
    accepted(db, order)
    account(db, db_path)
    xml = fatturapa_xml(number="7/A", on=date(2026, 3, 25), supplier=ROSSI,
                        text="Microscopi e materiale per il laboratorio", total=D("1180.87"),
                        exempt=False, order="Ordine n. 1/2026", progressive=1,
                        cig="Z1A2B3C4D5")
    start = xml.index(b"<DataScadenzaPagamento>")
    end = xml.index(b"</DataScadenzaPagamento>") + len(b"</DataScadenzaPagamento>")
    report = import_invoice_files(db, [(f"IT{ROSSI.vat_number}_00001.xml",
                                        xml[:start] + xml[end:])],
                                  received_on=date(2026, 3, 27))
    assert not report.refused_count
    today = date(2026, 4, 30)
    [t] = monitoring(db, today)[0].invoices
    assert (t.due_on, t.days, t.late) == (date(2026, 4, 26), 34, True)
    set_payment_days(db, 45)
    [t] = monitoring(db, today)[0].invoices
    assert (t.due_on, t.days, t.late) == (date(2026, 5, 11), 34, False)


def test_a_stated_due_date_is_kept_whatever_the_term(db, db_path, order):  # noqa: F811
    accepted(db, order)
    account(db, db_path)
    invoice(db)
    set_payment_days(db, 45)
    [t] = monitoring(db, date(2026, 4, 30))[0].invoices
    assert (t.due_on, t.late) == (date(2026, 4, 24), True)


@pytest.mark.parametrize("days", [0, 61, "trenta"])
def test_a_term_out_of_range_is_refused_and_nothing_changes(db, days):
    with pytest.raises(ValidationError) as exc:
        set_payment_days(db, days)
    assert set(exc.value.errors) == {"payment_days"}
    assert payment_days(db) == 30
