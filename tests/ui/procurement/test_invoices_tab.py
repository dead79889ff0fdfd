"""The Acquisti tab on the demo: the register of invoices as SQL counts it; importing files
through the dialog, with the schema confirmation and the refused file shown, nothing stored
from it; the register print."""
from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

pytestmark = pytest.mark.usefixtures("errors_raise")
FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "fatturapa"


def open_tab(qtbot, db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.procurement.tab import ProcurementTab

    tab = ProcurementTab(db, AppEvents())
    qtbot.addWidget(tab)
    return tab


def sql_invoices(path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT year || '/' || number, total FROM procurement_invoice "
                           "ORDER BY year DESC, number DESC").fetchall()


def test_the_demo_register_is_the_tab(qtbot, demo_db, demo_path):
    tab = open_tab(qtbot, demo_db)
    expected = sql_invoices(demo_path)
    assert len(expected) == 11          # the eleven liquidated impegni of the Fondi demo
    shown = [(tab.model.row(r)[0], tab.model.row(r)[6]) for r in range(tab.model.rowCount())]
    assert [s[0] for s in shown] == [f"{n.split('/')[1]}/{n.split('/')[0]}"
                                     for n, _ in expected]
    assert [int(s[1] * 100) for s in shown] == [c for _, c in expected]


def test_import_dialog_confirms_schema_errors_and_refuses_a_duplicate(qtbot, demo_db,
                                                                     demo_path):
    from iiss_desktop.ui.procurement.invoice_import import ImportInvoicesDialog

    before = len(sql_invoices(demo_path))
    dialog = ImportInvoicesDialog(None, demo_db)
    qtbot.addWidget(dialog)
    files = [str(FIXTURES / "IT01234567890_FPA01.xml"), str(FIXTURES / "IT01234567890_FPR02.xml")]
    dialog.set_files(files)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.accept_box.isVisible() is False or dialog.accept_box.isVisibleTo(dialog)
    assert dialog.table.item(1, 1).text() == "Rifiutato"
    assert "ContattiTrasmittente" in dialog.table.item(1, 5).text()
    dialog.report = None
    dialog.accept_box.setChecked(True)        # the clerk confirms: both importable
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert [dialog.table.item(r, 1).text() for r in range(2)] == ["Da importare"] * 2
    dialog.start_import()
    qtbot.waitUntil(lambda: dialog.result is not None, timeout=10_000)
    assert len(sql_invoices(demo_path)) == before + 2
    assert "Registrate 2 fatture" in dialog.summary_label.text()

    again = ImportInvoicesDialog(None, demo_db)
    qtbot.addWidget(again)
    again.set_files(files[:1])
    qtbot.waitUntil(lambda: again.report is not None, timeout=10_000)
    again.start_import()
    qtbot.waitUntil(lambda: again.result is not None, timeout=10_000)
    assert again.table.item(0, 1).text() == "Rifiutato"
    assert "già stato importato" in again.table.item(0, 5).text()
    assert len(sql_invoices(demo_path)) == before + 2


def test_register_print_totals_equal_sql(demo_db, demo_path, tmp_path):
    from pypdf import PdfReader

    from iiss_desktop.reports.catalog import get_report

    out = get_report("registro-fatture").build(demo_db, tmp_path / "r.pdf", anno=2021)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    with sqlite3.connect(demo_path) as con:
        count, taxable, tax, total = con.execute(
            "SELECT count(*), SUM(taxable), SUM(tax), SUM(total) FROM procurement_invoice "
            "WHERE year = 2021").fetchone()

    def euro(cents):
        whole, rest = divmod(cents, 100)
        return f"{whole:,}".replace(",", ".") + f",{rest:02d}"

    assert "Registro unico delle fatture" in text
    assert f"Fatture registrate: {count}" in text
    for cents in (taxable, tax, total):
        assert euro(cents) in text
    assert "pag. 1 di 1" in text


def test_the_scheda_of_a_paid_invoice_tells_its_whole_story(qtbot, demo_db, demo_path,
                                                           tmp_path):
    from pypdf import PdfReader

    from iiss_desktop.reports.catalog import get_report
    from iiss_desktop.ui.procurement.invoice_scheda import invoice_scheda_dialog

    with sqlite3.connect(demo_path) as con:
        invoice_id, received, liquidated, paid, total = con.execute(
            "SELECT i.id, i.received_on, l.liquidated_on, m.issued_on, i.total FROM "
            "procurement_invoice i JOIN funds_liquidation l ON l.id = i.liquidation_id "
            "JOIN funds_payment_order m ON m.id = i.payment_order_id WHERE i.year = 2021 "
            "AND i.number = 1").fetchone()
    dialog = invoice_scheda_dialog(None, demo_db, invoice_id)
    qtbot.addWidget(dialog)
    assert "Fattura n. 1/PA" in dialog.title_label.text()
    assert dialog.state_label.text() == "Fattura pagata"
    titles = [dialog.tabs.tabText(i) for i in range(dialog.tabs.count())]
    assert {"&Righe", "Riepilogo &IVA"} <= set(titles)
    content = dialog._load()
    assert [(h.day.isoformat(), h.kind) for h in content.history] == [
        (received, "Ricezione"), (liquidated, "Liquidazione"), (paid, "Pagamento")]
    out = get_report("fattura-ricevuta").build(demo_db, tmp_path / "f.pdf", anno=2021,
                                               numero=1)
    text = "".join(p.extract_text() for p in PdfReader(out).pages)
    whole, cents = divmod(total, 100)
    assert f"{whole},{cents:02d}" in text.replace(".", "")      # 412,50 € in the PDF
    assert "Cartoleria Rossi Srl" in text and "Riepilogo IVA" in text
