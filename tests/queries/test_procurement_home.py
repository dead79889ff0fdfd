"""The start page's Acquisti items, worked out by hand: two invoices received on 20/11/2026,
seen on 10/12/2026. FPA02 states its due date, 30/03/2017: past. FPA01 without its
DataScadenzaPagamento is due 30 days after receipt [U]: 20/11 + 30 = 20/12/2026, 10 days
ahead (within the 15 shown, beyond the 7 that make it a warning). The supplier has no DURC.

DURC validity: 120 days from the issue [U]. Issued 01/08/2026: Aug 31 (30), Sep 30 (60),
Oct 30 (90), Nov 29 (120): expired on 10/12. Issued 15/08/2026: Sep 14, Oct 14, Nov 13,
Dec 13: valid on 10/12 but before FPA01's term of 20/12."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from iiss_desktop.domain.access import COLLABORATORE
from iiss_desktop.queries.home import home_items as start_page
from iiss_desktop.queries.procurement_home import home_items
from iiss_desktop.services.procurement import suppliers as svc
from iiss_desktop.services.procurement.invoices import import_invoice_files
from tests.helpers.users import act_as_office

FIXTURES = Path(__file__).resolve().parents[1] / "fixtures" / "fatturapa"
RECEIVED, TODAY = date(2026, 11, 20), date(2026, 12, 10)
NBSP = "\u00a0"


def _without_due_date(name: str) -> tuple[str, bytes]:
    content = (FIXTURES / name).read_bytes()
    start = content.index(b"<DataScadenzaPagamento>")
    end = content.index(b"</DataScadenzaPagamento>") + len(b"</DataScadenzaPagamento>")
    return name, content[:start] + content[end:]


def _import(db, *files) -> None:
    report = import_invoice_files(db, list(files), received_on=RECEIVED)
    assert report.refused_count == 0


def _supplier_id(db) -> int:
    import sqlite3

    with sqlite3.connect(db.engine.url.database) as con:
        return con.execute("SELECT id FROM procurement_supplier WHERE name = 'ALPHA SRL'"
                           ).fetchone()[0]


def test_invoices_near_or_past_their_term_and_the_missing_durc(db):
    _import(db, _without_due_date("IT01234567890_FPA01.xml"),
            ("IT01234567890_FPA02.xml", (FIXTURES / "IT01234567890_FPA02.xml").read_bytes()))
    items = home_items(db, TODAY)
    assert [(i.when, i.title, i.detail, i.level) for i in items] == [
        (date(2017, 3, 30), "Fattura 123 di ALPHA SRL",
         f"Scaduta il 30/03/2017: 30,50{NBSP}€ (registro n. 2/2026, ricevuta il 20/11/2026).",
         "warning"),
        (date(2026, 12, 20), "Fattura 123 di ALPHA SRL",
         f"Da pagare entro il 20/12/2026: 6,10{NBSP}€ (registro n. 1/2026, ricevuta il "
         "20/11/2026).", "info"),
        (date(2017, 3, 30), "DURC non acquisito: ALPHA SRL",
         "Da acquisire prima di pagare la fattura 123 (entro il 30/03/2017).", "warning")]

    svc.record_durc(db, _supplier_id(db), issued_on=date(2026, 8, 1))
    assert home_items(db, TODAY)[-1].title == "DURC scaduto: ALPHA SRL"


def test_a_durc_that_expires_before_the_term_is_announced(db):
    _import(db, _without_due_date("IT01234567890_FPA01.xml"))
    svc.record_durc(db, _supplier_id(db), issued_on=date(2026, 8, 15))
    items = home_items(db, TODAY)
    assert [(i.when, i.title, i.detail) for i in items][-1] == (
        date(2026, 12, 13), "DURC di ALPHA SRL",
        "Scade il 13/12/2026, prima del pagamento della fattura 123 (entro il 20/12/2026).")
    # Seen on 01/12, the term of 20/12 is 19 days ahead: the invoice is not yet on the start
    # page; its DURC, which expires before that term, already is.
    assert [i.title for i in home_items(db, date(2026, 12, 1))] == ["DURC di ALPHA SRL"]


def test_the_start_page_shows_them_only_to_who_may_read_acquisti(db):
    _import(db, _without_due_date("IT01234567890_FPA01.xml"))
    titles = {i.title for i in start_page(db, today=TODAY)}
    assert "Fattura 123 di ALPHA SRL" in titles
    act_as_office(db, "bidello", roles=(COLLABORATORE,))
    titles = {i.title for i in start_page(db, today=TODAY)}
    assert "Fattura 123 di ALPHA SRL" not in titles
    assert not any(t.startswith("DURC") for t in titles)
