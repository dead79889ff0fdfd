"""Carico with the value IVA included or the imponibile and the aliquota IVA (issue 12 item 3),
on a real SQLite file. Expected values computed by hand from the rule (art. 31 c.5: 200,00 €
IVA compresa; Linee guida, Nota 4083/2021: commercial activity net of IVA)."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.school import save_room, save_site

DAY = date(2025, 9, 15)


@pytest.fixture
def room(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    return save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})


def _tablet(room, **kw):
    values = dict(description="Tablet 10 pollici", entry_date=DAY, room_id=room,
                  supplier="Informatica Srl", invoice_number="FT 12/2025")
    values.update(kw)
    return CaricoInput(**values)


def _goods(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute(
            "SELECT i.register, i.number, i.value, i.nature, i.state, i.valuation, i.supplier, "
            "i.invoice_number, i.universalita_value, i.universalita_key, e.description, "
            "e.amount FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
            "ORDER BY i.id").fetchall()


def _buoni(db_path) -> list[tuple]:
    with sqlite3.connect(db_path) as conn:
        return conn.execute("SELECT description, amount FROM register_entry "
                            "WHERE register = 'inv-buoni-carico' ORDER BY id").fetchall()




def test_net_plus_iva_equals_gross_stored_row_by_row(db, db_path, room):
    # 164,00 × 1,22 = 200,08 € > 200,00 €: beni mobili, not the registro dei beni durevoli.
    net = carico(db, _tablet(room, imponibile=Decimal("164.00"), vat_rate=Decimal("22")))
    assert net.register == "inv-mobili" and "200,08\xa0€" in net.reason
    carico(db, _tablet(room, unit_value=Decimal("200.08")))
    first, second = _goods(db_path)
    # 20008 cents each; only the number differs (1 and 2).
    assert first[2] == second[2] == 20008
    assert first[:1] + first[2:] == second[:1] + second[2:]
    assert (first[1], second[1]) == (1, 2)
    b1, b2 = _buoni(db_path)
    assert b1 == b2 == ("Buono di carico – Tablet 10 pollici – 1 bene, beni mobili", 20008)


def test_imponibile_at_reduced_rates(db, db_path, room):
    # 150,00 × 1,10 = 165,00 € ≤ 200,00 €: registro dei beni durevoli.
    low = carico(db, _tablet(room, imponibile=Decimal("150.00"), vat_rate=Decimal("10")))
    assert low.register == "inv-durevoli"
    # 199,99 × 1,04 = 207,9896 → 207,99 € (half up): beni mobili.
    four = carico(db, _tablet(room, imponibile=Decimal("199.99"), vat_rate=Decimal("4")))
    assert four.register == "inv-mobili"
    # 0 %: 201,00 € stays 201,00 €.
    zero = carico(db, _tablet(room, imponibile=Decimal("201.00"), vat_rate=Decimal("0")))
    assert zero.register == "inv-mobili"
    assert [g[2] for g in _goods(db_path)] == [16500, 20799, 20100]


def test_commercial_activity_is_recorded_net_of_iva(db, db_path, room):
    # Azienda agraria: 180,00 € + 22 % = 219,60 € IVA compresa, over the 200,00 € of art. 31
    # c.5 (the text says «IVA compresa»): beni mobili, recorded at 180,00 € (IVA deducted,
    # Linee guida). The same good institutional is recorded at 219,60 €.
    res = carico(db, _tablet(room, imponibile=Decimal("180.00"), vat_rate=Decimal("22"),
                             commercial=True))
    assert res.register == "inv-mobili"
    assert res.reason.startswith("Valore 219,60\xa0€ oltre 200,00 € IVA compresa.")
    assert res.reason.endswith("Valore registrato al netto dell'IVA: 180,00\xa0€, bene "
                               "dell'attività commerciale (Linee guida, nota 4083/2021).")
    inst = carico(db, _tablet(room, imponibile=Decimal("180.00"), vat_rate=Decimal("22")))
    assert inst.register == "inv-mobili"
    # 160,00 € + 22 % = 195,20 € IVA compresa, not over 200,00 €: registro dei beni durevoli,
    # at 160,00 €.
    low = carico(db, _tablet(room, imponibile=Decimal("160.00"), vat_rate=Decimal("22"),
                             commercial=True))
    assert low.register == "inv-durevoli"
    assert [g[2] for g in _goods(db_path)] == [18000, 21960, 16000]


@pytest.mark.parametrize("change, field", [
    ({}, "unit_value"),                                                  # nothing given
    ({"unit_value": Decimal("200.08"), "imponibile": Decimal("164")}, "unit_value"),  # both
    ({"imponibile": Decimal("164.00")}, "vat_rate"),                     # rate missing
    ({"imponibile": Decimal("164.00"), "vat_rate": Decimal("21")}, "vat_rate"),   # no such rate
    ({"imponibile": Decimal("0"), "vat_rate": Decimal("22")}, "imponibile"),
    ({"imponibile": Decimal("-5"), "vat_rate": Decimal("22")}, "imponibile"),
    ({"unit_value": Decimal("180.00"), "commercial": True}, "imponibile"),  # gross: not net
])
def test_wrong_values_name_the_field_and_save_nothing(db, db_path, room, change, field):
    with pytest.raises(ValidationError) as exc:
        carico(db, _tablet(room, **change))
    assert field in exc.value.errors
    assert _goods(db_path) == [] and _buoni(db_path) == []
