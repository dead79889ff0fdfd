"""Values and sale from the Inventario tab: edit a rate and see the current value change; the
discharge offers decree and buono; the sales dialog drives a sale to its award."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox

from iiss_desktop.queries.inventory.sale import list_sales
from iiss_desktop.services.inventory import sale as sale_service
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.inventory import sale as sale_ui
from iiss_desktop.ui.inventory.values import RatesDialog
from tests.helpers.ui import fill_next_form


@pytest.fixture
def pc_two_years_old(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Laboratorio"})
    # 1 January two years ago: exactly two full years have passed, whatever today is.
    carico(db, CaricoInput(description="Personal computer", category="Hardware",
                           unit_value=Decimal("1000.00"),
                           entry_date=date(date.today().year - 2, 1, 1), room_id=room))
    return db


def test_editing_a_rate_changes_the_current_value(qtbot, pc_two_years_old):
    create_app()
    dialog = RatesDialog(None, pc_two_years_old)
    qtbot.addWidget(dialog)
    # Hardware at the default 25 %: 1000 - 2 x 250 = 500,00 €.
    assert dialog.current_value_text("Hardware") == "500,00\u00a0€"
    row = dialog.row_of("Hardware")
    assert dialog.table.item(row, 2).text() == "sì"
    dialog.table.item(row, RatesDialog.RATE).setText("40")
    # At 40 %: 1000 - 2 x 400 = 200,00 €; the rate is now the school's own.
    assert dialog.current_value_text("Hardware") == "200,00\u00a0€"
    assert dialog.table.item(dialog.row_of("Hardware"), 2).text().startswith("no")
    assert dialog.changed
    dialog.table.item(dialog.row_of("Hardware"), RatesDialog.RATE).setText("150")
    assert "100" in dialog.message.text()                                # refused, explained
    assert dialog.current_value_text("Hardware") == "200,00\u00a0€"      # nothing changed


@pytest.fixture
def tab(main_window):
    return main_window.tab("Inventario")


def test_discharge_from_the_tab_offers_decree_and_buono(qtbot, tab, monkeypatch,
                                                        answer_forms):
    printed = []
    monkeypatch.setattr(sale_ui, "print_report",
                        lambda parent, db, name, **kw: printed.append((name, kw)))
    row = next(r for r in range(tab.model.rowCount()) if tab.model.row(r)[9] == "in uso"
               and tab.model.row(r)[3].startswith("Microscopio"))
    tab.table.selectRow(row)

    answer_forms({"decree_number": "200", "decree_date": date.today(), "cause": "furto",
                  "motivation": "Furto nel laboratorio di scienze, denuncia presentata",
                  "reintegro": True, "reintegro_amount": Decimal("100.00"),
                  "responsible": "Ditta di pulizie Alfa Srl", "attachments": "Denuncia"})
    tab.discharge_selected()
    box = tab.discharge_offer
    assert isinstance(box, QMessageBox) and "buono di scarico n." in box.text()
    qtbot.mouseClick(box.button(QMessageBox.Yes), Qt.LeftButton)
    names = [n for n, _ in printed]
    assert names == ["decreto-discarico", "buono-scarico"]
    assert printed[1][1]["anno"] == date.today().year


def test_sales_dialog_offer_and_award(qtbot, tab, demo_db, monkeypatch):
    ids = [tab.model.row_id(r) for r in range(tab.model.rowCount())
           if tab.model.row(r)[9] == "in uso" and tab.model.row(r)[3].startswith("Tastiera")]
    today = date.today()
    sid = sale_service.open_sale(demo_db, ids, "vendita", "mercato",
                                 {i: Decimal("50.00") for i in ids},
                                 "Verbale n. 9 della commissione: tastiere guaste", "300",
                                 today - timedelta(days=30))
    sale_service.publish(demo_db, sid, today - timedelta(days=25), today - timedelta(days=5))
    monkeypatch.setattr(sale_ui, "print_report", lambda *a, **kw: None)
    dialog = sale_ui.SalesDialog(tab, demo_db, select=sid)
    qtbot.addWidget(dialog)
    assert dialog.buttons["offer"].isEnabled() and not dialog.buttons["conclude"].isEnabled()
    fill_next_form(qtbot, {"bidder": "Scuola di musica Do Re Mi", "amount": Decimal("130.00"),
                           "received_on": today - timedelta(days=10)})
    dialog.offer()
    seen = fill_next_form(qtbot, {"bidder": "Ritardatario", "amount": Decimal("500.00"),
                                  "received_on": today})
    dialog.offer()
    assert "dopo il termine" in seen["errors"]["received_on"]
    fill_next_form(qtbot, {"decree_number": "301", "decree_date": today})
    dialog.award()
    row = next(r for r in list_sales(demo_db) if r.id == sid)
    assert (row.status, row.counterpart, row.offers) == ("aggiudicata",
                                                          "Scuola di musica Do Re Mi", 1)
    assert dialog.buttons["decree"].isEnabled()
    dialog.discharge_offer.reject()
