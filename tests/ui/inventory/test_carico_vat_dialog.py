"""The carico dialog takes the value IVA included or the imponibile and the aliquota IVA (issue
12 item 3): the outcome shows the value recorded, and the good saved is the same either way."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.school import list_rooms
from iiss_desktop.ui.inventory import tab as tab_module
from iiss_desktop.ui.inventory.tab import NET, CaricoDialog
from tests.helpers.ui import on_next_modal


@pytest.fixture
def tab(inventory_tab):
    return inventory_tab


def _dialog(qtbot, tab):
    base = {"category_register": "inv-mobili", "nature": "bene", "quantity": 1,
            "valuation": "acquisto", "state": "buono", "entry_date": date(2026, 3, 2),
            "value_mode": "lordo", "vat_rate": "22"}
    dialog = CaricoDialog(tab, "Carico inventariale", tab.carico_specs(), base, lambda v: v)
    qtbot.addWidget(dialog)
    return dialog


def test_the_imponibile_and_the_rate_give_the_value_iva_included(qtbot, tab):
    dialog = _dialog(qtbot, tab)
    dialog.show()
    rows = list(dialog.form.specs)
    visible = lambda name: dialog.form.layout_.isRowVisible(rows.index(name))   # noqa: E731
    assert visible("unit_value") and not visible("imponibile") and not visible("vat_rate")
    dialog.form.load({"value_mode": NET, "imponibile": Decimal("164.00")})
    assert not visible("unit_value") and visible("imponibile") and visible("vat_rate")
    shown = dialog.outcome_label.text()
    # 164,00 × 1,22 = 200,08 € > 200,00 €: beni mobili.
    assert "Si inventaria: Inventario dei beni mobili" in shown
    assert "Valore da registrare: 200,08\u00a0€ (164,00\u00a0€ + IVA 22 %)" in shown
    # Azienda agraria: still 200,08 € IVA compresa for art. 31 c.5 (beni mobili), recorded
    # net at 164,00 €.
    dialog.form.load({"commercial": True})
    shown = dialog.outcome_label.text()
    assert "Si inventaria: Inventario dei beni mobili" in shown
    assert "Valore 200,08\u00a0€ oltre 200,00 € IVA compresa" in shown
    assert "Valore da registrare: 164,00\u00a0€ (imponibile, al netto dell'IVA" in shown
    tab.window().resize(1366, 768)
    dialog.resize(dialog.sizeHint().boundedTo(tab.window().size()))
    dialog.form.load({"commercial": False, "description": "Tablet 10 pollici"})
    dialog.grab().save("/tmp/imp_carico_iva.png")


def _stored(db, number):
    with db.read_engine.connect() as conn:
        return conn.execute(text(
            "SELECT i.value, i.nature, i.state, i.valuation, i.supplier, e.description "
            "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
            "WHERE i.register = 'inv-mobili' AND i.number = :n"), {"n": number}).one()


def test_net_and_gross_from_the_dialog_save_the_same_good(qtbot, tab, demo_db, monkeypatch):
    room = next(r.id for r in list_rooms(demo_db) if r.active)
    shown = []
    monkeypatch.setattr(tab_module.QMessageBox, "information",
                        lambda parent, title, message: shown.append(message))

    def typed(values):
        def act(dialog):
            dialog.form.load({"description": "Tablet 10 pollici", "room_id": room,
                              "supplier": "Informatica Srl"})
            dialog.form.load(values)
            dialog.ok_button.click()
        return act

    on_next_modal(typed({"value_mode": NET, "imponibile": Decimal("164.00"),
                         "vat_rate": "22"}))
    tab.new_carico()
    on_next_modal(typed({"unit_value": Decimal("200.08")}))
    tab.new_carico()
    numbers = [int(m.split("Numeri assegnati: n. ")[1].split(" ")[0]) for m in shown]
    assert len(numbers) == 2 and all("(Inventario dei beni mobili)." in m for m in shown)
    # 164,00 × 1,22 = 200,08 € = 20008 cents, both times.
    assert _stored(demo_db, numbers[0]) == _stored(demo_db, numbers[1])
    assert _stored(demo_db, numbers[0])[0] == 20008


def test_an_imponibile_without_rate_is_refused_on_the_field(qtbot, tab, demo_db):
    room = next(r.id for r in list_rooms(demo_db) if r.active)
    before = list_items(demo_db)
    done = []

    def act(dialog):
        dialog.form.load({"description": "Tablet", "room_id": room, "value_mode": NET,
                          "imponibile": Decimal("164.00"), "vat_rate": None})
        dialog.ok_button.click()
        done.append(dialog.form.error_text("vat_rate"))

    on_next_modal(act)
    tab.new_carico()
    assert done == ["Indicare l'aliquota IVA dell'imponibile."]
    assert list_items(demo_db) == before
