"""Rates, rinnovo, discarico with reintegro and buono di scarico, vendita and cessione (art. 34),
on a real SQLite file. Expected values computed by hand."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import func, select

from iiss_desktop.db.uow import read_session
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.models.core import RegisterEntry
from iiss_desktop.models.inventory import (
    InventoryDischarge,
    InventoryItem,
    RegisterSeries,
    RenewalMapEntry,
    Sale,
    SaleOffer,
)
from iiss_desktop.queries.inventory.consistenza import register_consistenza
from iiss_desktop.queries.inventory.items import list_items, room_check_data
from iiss_desktop.queries.inventory.renewal import renewal_map
from iiss_desktop.queries.inventory.sale import discharge_doc
from iiss_desktop.queries.inventory.valuation import item_values, register_values
from iiss_desktop.services.inventory import sale
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.loans import LoanInput, lend
from iiss_desktop.services.inventory.renewal import renew
from iiss_desktop.services.inventory.valuation import rates, reset_rate, set_rate
from iiss_desktop.services.school import save_room, save_site

D = Decimal
CARICO = date(2021, 1, 10)
PARENT_CF = "RSSMRA80A01H501U"

# The comodatario's birth data and residence (domain.md §7), required by a contract.
PARENT_DATA = dict(parent_birth_place="Roma", parent_birth_date=date(1980, 1, 1),
                   parent_residence="Via Roma 1, 00100 Roma")


@pytest.fixture
def room(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    return save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})


def _pc(room, **kw):
    values = dict(description="Personal computer", category="Hardware", quantity=1,
                  unit_value=D("1000.00"), entry_date=CARICO, room_id=room)
    values.update(kw)
    return CaricoInput(**values)


def _ids(db, register="inv-mobili"):
    with read_session(db) as s:
        return list(s.execute(select(InventoryItem.id).where(InventoryItem.register == register)
                              .order_by(InventoryItem.number)).scalars())


def _count(db, model) -> int:
    with read_session(db) as s:
        return s.execute(select(func.count()).select_from(model)).scalar()


def _numbers(db, register):
    with read_session(db) as s:
        return list(s.execute(select(RegisterEntry.number).where(
            RegisterEntry.register == register).order_by(RegisterEntry.number)).scalars())


# --- Rates ------------------------------------------------------------------------------------
def test_rates_are_seeded_changed_and_reset(db):
    first = {r.category: (r.percent, r.is_default) for r in rates(db)}
    assert first["Hardware"] == (D("25.00"), True) and len(first) == 7
    set_rate(db, "hardware", "40")
    assert {r.category: (r.percent, r.is_default) for r in rates(db)}["Hardware"] == \
        (D("40.00"), False)
    set_rate(db, "Strumenti musicali", "12,5")
    with pytest.raises(ValidationError):
        set_rate(db, "Hardware", "0")
    reset_rate(db, "Hardware")
    reset_rate(db, "Strumenti musicali")     # a category of the school: removed
    assert {r.category: (r.percent, r.is_default) for r in rates(db)} == first


def test_values_per_item_and_register_at_a_date(db, room):
    carico(db, _pc(room, quantity=2))                                      # 2 x 1000, 25 %
    carico(db, _pc(room, description="Cattedra", category="Mobili e arredi",
                   unit_value=D("500.00")))                                 # 10 %
    carico(db, _pc(room, description="Plastico", category="Modellini",
                   unit_value=D("300.00")))                                 # no rate
    at = date(2023, 6, 1)                                                   # 2 full years
    values = {v.number: (v.current, v.note) for v in item_values(db, "inv-mobili", at)}
    assert values == {1: (50000, ""), 2: (50000, ""), 3: (40000, ""),
                      4: (30000, "categoria senza aliquota")}
    (reg,) = register_values(db, at)
    assert (reg.count, reg.value, reg.current, reg.without_rate) == (4, 280000, 170000, 1)


# --- Rinnovo ----------------------------------------------------------------------------------
def _stock(db, room):
    carico(db, _pc(room, quantity=3, serial_number=""))            # n. 1-3, Hardware 1000
    carico(db, _pc(room, description="Cattedra", category="Mobili e arredi",
                   unit_value=D("500.00"), serial_number="CAT-1"))  # n. 4
    ids = _ids(db)
    discharge_items(db, item_ids=[ids[1]], decree_number="9", decree_date=date(2022, 5, 2),
                    cause="furto", motivation="Furto denunciato ai Carabinieri il 30/04/2022")
    return ids


def test_rinnovo_renumbers_from_one_keeps_old_goods_and_maps_them(db, room):
    ids = _stock(db, room)
    result = renew(db, "inv-mobili", date(2024, 1, 15), "3", date(2023, 12, 1),
                   "Rossi, Bianchi, Verdi", revalued={ids[2]: D("400.00")})
    # 3 full years: PC 1000 - 3 x 250 = 250; n. 3 revalued 400; desk 500 - 3 x 50 = 350.
    assert (result.new_code, result.count) == ("inv-mobili.2024", 3)
    assert (result.old_total, result.new_total) == (D("2500.00"), D("1000.00"))
    m = renewal_map(db, "inv-mobili.2024")
    assert [(x.old_number, x.new_number, x.old_value, x.new_value) for x in m.lines] == \
        [(1, 1, 100000, 25000), (3, 2, 100000, 40000), (4, 3, 50000, 35000)]
    assert renewal_map(db, "inv-mobili").new_code == "inv-mobili.2024"
    # Numbering gap-free in both series; later carichi go to the open series.
    later = carico(db, _pc(room, entry_date=date(2024, 2, 1)))
    assert (later.register, later.numbers) == ("inv-mobili.2024", [4])
    assert _numbers(db, "inv-mobili") == [1, 2, 3, 4]
    assert _numbers(db, "inv-mobili.2024") == [1, 2, 3, 4]
    # Old goods kept and marked; the discharged one untouched; serial moved to the new good.
    rows, _ = list_items(db)
    old = [(r[0], r[1], r[9]) for r in rows if r[0] == "beni mobili"]
    assert old == [("beni mobili", 1, "rinnovato"), ("beni mobili", 2, "scaricato"),
                   ("beni mobili", 3, "rinnovato"), ("beni mobili", 4, "rinnovato")]
    new = [(r[1], r[8], r[9]) for r in rows if r[0] == "beni mobili (rinnovo 2024)"]
    assert new == [(1, 25000, "in uso"), (2, 40000, "in uso"), (3, 35000, "in uso"),
                   (4, 100000, "in uso")]
    with read_session(db) as s:
        serials = dict(s.execute(select(InventoryItem.register, InventoryItem.serial_number)
                                 .where(InventoryItem.serial_number.is_not(None))).all())
        series = {r.code: r.closed_on for r in s.execute(select(RegisterSeries)).scalars()}
    assert serials == {"inv-mobili.2024": "CAT-1"}
    assert series == {"inv-mobili": date(2024, 1, 15), "inv-mobili.2024": None}
    # The consistenza agrees: the old register closed by the rinnovo.
    c = register_consistenza(db, "inv-mobili", date(2024, 6, 1))
    assert (c.renewed, c.discharged, c.count) == (3, 1, 0)
    # The ricognizione expects the new labels only.
    expected, elsewhere = room_check_data(db, room)
    assert set(expected) == {("inv-mobili.2024", n) for n in (1, 2, 3, 4)} and not elsewhere
    report = verify(db)
    assert report.ok, report.problems


def test_rinnovo_refused_with_goods_in_comodato_and_nothing_saved(db, room):
    ids = _stock(db, room)
    lend(db, LoanInput(parent_name="Mario Rossi", parent_cf=PARENT_CF,
                       student_name="Giulia Rossi", item_ids=[ids[0]], start=date(2023, 9, 1),
                       due=date(2024, 6, 30), **PARENT_DATA))
    before = (_count(db, InventoryItem), _count(db, RegisterSeries), _count(db, RenewalMapEntry))
    with pytest.raises(DomainError) as info:
        renew(db, "inv-mobili", date(2024, 1, 15), "3", date(2023, 12, 1), "Rossi, Bianchi")
    assert "comodato" in info.value.message and "beni mobili n. 1" in info.value.message
    assert (_count(db, InventoryItem), _count(db, RegisterSeries),
            _count(db, RenewalMapEntry)) == before
    assert _numbers(db, "inv-mobili.2024") == []


def test_rinnovo_bad_input(db, room):
    _stock(db, room)
    with pytest.raises(ValidationError) as info:
        renew(db, "inv-mobili", date(2024, 1, 15), "", date(2024, 2, 1), "")
    assert set(info.value.errors) == {"decree_number", "decree_date", "commission"}
    renew(db, "inv-mobili", date(2024, 1, 15), "3", date(2023, 12, 1), "Rossi, Bianchi")
    with pytest.raises(DomainError):     # one rinnovo per year and register
        renew(db, "inv-mobili", date(2024, 3, 1), "4", date(2024, 2, 1), "Rossi, Bianchi")


# --- Discarico: reintegro and buono di scarico ------------------------------------------------
def test_reintegro_without_amount_is_refused_and_nothing_saved(db, room):
    carico(db, _pc(room))
    (item,) = _ids(db)
    with pytest.raises(ValidationError) as info:
        discharge_items(db, item_ids=[item], decree_number="5", decree_date=date(2024, 3, 1),
                        cause="furto", motivation="Furto per incuria nella custodia",
                        reintegro=True, responsible="Mario Rossi")
    assert "importo" in info.value.errors["reintegro_amount"]
    assert _count(db, InventoryDischarge) == 0 and _numbers(db, "inv-buoni-scarico") == []
    assert list_items(db)[0][0][9] == "in uso"


def test_discharges_get_yearly_buoni_di_scarico_and_store_the_reintegro(db, room):
    carico(db, _pc(room, quantity=2))
    a, b = _ids(db)
    first = discharge_items(db, item_ids=[a], decree_number="5", decree_date=date(2024, 3, 1),
                            cause="furto", motivation="Furto per incuria nella custodia",
                            reintegro=True, reintegro_amount=D("250.00"),
                            responsible="Mario Rossi")
    second = discharge_items(db, item_ids=[b], decree_number="6", decree_date=date(2024, 3, 2),
                             cause="inservibilita", motivation="Guasto non riparabile")
    doc1, doc2 = discharge_doc(db, first), discharge_doc(db, second)
    year = date.today().year      # the buono is issued when the decree is executed
    assert (doc1.buono_number, doc1.buono_year, doc2.buono_number) == (1, year, 2)
    assert (doc1.reintegro_amount, doc1.responsible, doc1.total) == (25000, "Mario Rossi", 100000)
    assert discharge_doc(db, decree_number="6", decree_date=date(2024, 3, 2)).id == second


# --- Vendita and cessione ---------------------------------------------------------------------
@pytest.fixture
def old_pcs(db, room):
    carico(db, _pc(room, quantity=4))
    return _ids(db)


def _published_sale(db, ids, **kw):
    sid = sale.open_sale(db, ids, "vendita", "mercato", {i: D("40.00") for i in ids},
                         "Verbale n. 1 della commissione: PC obsoleti", "30", date(2025, 1, 10))
    sale.publish(db, sid, date(2025, 1, 15), date(2025, 1, 31))
    return sid


def test_sale_awarded_to_the_best_offer_not_below_base(db, old_pcs):
    sid = _published_sale(db, old_pcs[:2])          # base 2 x 40 = 80,00 €
    sale.add_offer(db, sid, "Luca Verdi", D("100.00"), date(2025, 1, 20))
    sale.add_offer(db, sid, "Anna Neri", D("130.00"), date(2025, 1, 25))
    with pytest.raises(ValidationError) as info:
        sale.add_offer(db, sid, "Paolo Tardi", D("200.00"), date(2025, 2, 1))
    assert "dopo il termine" in info.value.errors["received_on"]
    with pytest.raises(ValidationError) as info:
        sale.add_offer(db, sid, "Gino Zero", D("0"), date(2025, 1, 26))
    assert "amount" in info.value.errors
    with pytest.raises(ValidationError):            # offers are opened after the deadline
        sale.award(db, sid, "31", date(2025, 1, 31))
    with pytest.raises(ValidationError) as info:    # the buono cannot precede the decree
        sale.award(db, sid, "31", date(2025, 2, 3), executed_on=date(2025, 2, 2))
    assert "precede il decreto del 03/02/2025" in info.value.errors["executed_on"]
    discharge_id = sale.award(db, sid, "31", date(2025, 2, 3), payment="reversale n. 12",
                              executed_on=date(2025, 2, 5))
    doc = discharge_doc(db, discharge_id)
    assert doc.cause == "vendita" and doc.sale.row.status == "aggiudicata"
    assert (doc.buono_number, doc.buono_year, doc.buono_date) == (1, 2025, date(2025, 2, 5))
    assert "Anna Neri" in doc.motivation and "130,00" in doc.motivation
    assert "reversale n. 12" in doc.motivation
    assert _count(db, SaleOffer) == 2
    statuses = [r[9] for r in list_items(db)[0]]
    assert statuses == ["scaricato", "scaricato", "in uso", "in uso"]


def test_award_without_offers_is_refused_and_nothing_changes(db, old_pcs):
    sid = _published_sale(db, old_pcs[:1])
    with pytest.raises(DomainError) as info:
        sale.award(db, sid, "31", date(2025, 2, 3))
    assert "Nessuna offerta" in info.value.message
    sale.add_offer(db, sid, "Luca Verdi", D("10.00"), date(2025, 1, 20))   # below 40,00
    with pytest.raises(DomainError) as info:
        sale.award(db, sid, "31", date(2025, 2, 3))
    assert "prezzo base" in info.value.message
    with read_session(db) as s:
        assert s.get(Sale, sid).status == "pubblicata"
    assert _count(db, InventoryDischarge) == 0


def test_deserted_sale_then_free_cession_and_direct_cession_to_a_school(db, old_pcs):
    sid = _published_sale(db, old_pcs[:2])
    with pytest.raises(ValidationError):
        sale.declare_deserted(db, sid, date(2025, 1, 30))      # before the deadline
    sale.declare_deserted(db, sid, date(2025, 2, 2))
    with pytest.raises(ValidationError):
        sale.conclude_deserted(db, sid, "cessione_gratuita", "Associazione Il Ponte",
                               D("10.00"), "33", date(2025, 2, 10))
    did = sale.conclude_deserted(db, sid, "cessione_gratuita", "Associazione Il Ponte", None,
                                 "33", date(2025, 2, 10))
    assert discharge_doc(db, did).cause == "cessione"
    cid = sale.open_sale(db, old_pcs[2:], "cessione_ente", "inventario", None,
                         "Verbale n. 2 della commissione: beni non più utilizzabili", "40",
                         date(2025, 3, 1))
    with read_session(db) as s:   # value less ammortamento at the decree: 4 full years, 0,00 €
        assert s.get(Sale, cid).status == "aperta"
    did2 = sale.conclude_cession(db, cid, "Istituto Comprensivo «Velletri Nord»", "41",
                                 date(2025, 3, 5))
    doc = discharge_doc(db, did2)
    assert doc.cause == "cessione" and doc.sale.goods[0].base_value == 0
    assert {r[9] for r in list_items(db)[0]} == {"scaricato"}


def test_goods_in_comodato_or_in_an_open_sale_are_refused(db, old_pcs):
    lend(db, LoanInput(parent_name="Mario Rossi", parent_cf=PARENT_CF,
                       student_name="Giulia Rossi", item_ids=[old_pcs[3]],
                       start=date(2024, 9, 1), due=date(2025, 6, 30), **PARENT_DATA))
    with pytest.raises(DomainError) as info:
        sale.open_sale(db, [old_pcs[3]], "vendita", "inventario", None,
                       "Verbale n. 1 della commissione", "30", date(2025, 1, 10))
    assert info.value.message == ("Il bene n. 4 (beni mobili) non si può vendere o cedere: è "
                                  "in comodato.")
    _published_sale(db, old_pcs[:1])
    with pytest.raises(DomainError) as info:
        sale.open_sale(db, old_pcs[:2], "cessione_ente", "inventario", None,
                       "Verbale n. 2 della commissione", "31", date(2025, 1, 12))
    assert info.value.message == ("Il bene n. 1 (beni mobili) è già in una vendita o cessione "
                                  "in corso (n. 1).")
    with pytest.raises(DomainError):
        discharge_items(db, item_ids=[old_pcs[0]], decree_number="50",
                        decree_date=date(2025, 1, 20), cause="furto",
                        motivation="Furto denunciato ai Carabinieri")
    assert _count(db, Sale) == 1 and _count(db, InventoryDischarge) == 0
