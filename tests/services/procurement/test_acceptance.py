"""The acceptance of an order on a real archive: deliveries with their DDT (never more than
ordered), the verbale of the verifica di conformità numbered in «acquisti-collaudi», the
annulments with their reason, the carico proposed line by line and confirmed, which runs the
Inventario and Magazzino carichi in one transaction and records what they made.

Figures by hand, the order of 12/03/2026 (IVA 22 %):
  1. Microscopio ottico       2 pz × 300,00 -> 366,00 IVA incl. > 200: inventory
  2. Carta A4 80 g           10 risme × 4,00 ->   4,88: warehouse
  3. Lampada da banco         1 pz × 164,00 -> 200,08 > 200: inventory
  4. Lente d'ingrandimento    1 pz × 163,93 -> 199,99 (199,9946): warehouse
  taxable 600,00 + 40,00 + 164,00 + 163,93 = 967,93 (award 990,00), IVA 212,94.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.procurement import acceptance as rules
from iiss_desktop.queries.procurement_acceptance import acceptance_file
from iiss_desktop.queries.warehouse import lots_at, stock_of
from iiss_desktop.services.procurement import acceptance as acc
from iiss_desktop.services.procurement import procedures as svc
from iiss_desktop.services.procurement import suppliers as sup
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from tests.helpers.ui import table_snapshot
from tests.services.funds.helpers import approved_programme
from tests.services.procurement.test_procedures import determina, request

ORDERED = date(2026, 3, 12)
DELIVERED = date(2026, 3, 20)
TABLES = ("procurement_delivery", "procurement_delivery_line", "procurement_verification",
          "inventory_item", "warehouse_movement", "register_entry")


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def order(db):
    return issued(db, [
        svc.OrderLineInput("Microscopio ottico", "2", D("300.00"), "pz"),
        svc.OrderLineInput("Carta A4 80 g", "10", D("4.00"), "risme"),
        svc.OrderLineInput("Lampada da banco", "1", D("164.00"), "pz"),
        svc.OrderLineInput("Lente d'ingrandimento", "1", D("163.93"), "pz")])


def issued(db, lines) -> dict:
    """The order of 12/03/2026 to Forniture Rossi Srl with these lines, the plesso Collodi
    with its laboratory and storeroom, and the warehouse articles of the tests."""
    approved_programme(db)
    pid = svc.adopt_determina(db, determina(request(db))).id
    rossi = sup.save_supplier(db, {"name": "Forniture Rossi Srl", "vat": "04123450720"})
    sup.record_durc(db, rossi, issued_on=date(2026, 3, 2))      # valid to 30/06/2026
    (q,) = svc.invite_operators(db, pid, [rossi], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q, received_on=date(2026, 3, 9), amount=D("990.00"))
    svc.choose_offer(db, pid, q, awarded_on=date(2026, 3, 11))
    ordered = svc.issue_order(db, svc.OrderInput(pid, ORDERED, "Plesso Collodi", lines))
    site = save_site(db, {"code": "COLL", "name": "Plesso Collodi", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Laboratorio di scienze"})
    store = save_storeroom(db, {"code": "MAG", "name": "Magazzino Collodi", "site_id": site})
    carta = save_article(db, {"code": "CARTA-A4", "description": "Carta A4 80 g",
                              "unit": "risma"})
    lente = save_article(db, {"code": "LENTE", "description": "Lente d'ingrandimento",
                              "unit": "pz"})
    ffp2 = save_article(db, {"code": "FFP2", "description": "Mascherina FFP2",
                             "unit": "pz", "tracks_lots": True})
    f = acceptance_file(db, ordered.id)
    return {"id": ordered.id, "lines": [x.id for x in f.lines], "room": room,
            "store": store, "carta": carta, "lente": lente, "ffp2": ffp2, "pid": pid}


def deliver(db, o, quantities=None, ddt="DDT 77") -> int:
    return acc.record_delivery(db, acc.DeliveryInput(
        o["id"], DELIVERED, ddt, date(2026, 3, 19), "Sig. Bruno (collaboratore scolastico)",
        quantities if quantities is not None else {}))


def verify(db, delivery_id, outcome=rules.CONFORME, notes="", day=date(2026, 3, 23)
           ) -> acc.Verified:
    return acc.record_verification(db, acc.VerificationInput(
        delivery_id, day, "Prof.ssa Neri (responsabile del laboratorio)",
        outcome, notes=notes))


def state(path) -> str:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT status FROM procurement_procedure").fetchone()[0]


def test_the_proposal_goes_by_the_unit_price_iva_included():
    assert rules.proposed_destination(D("300.00"), "22")[0] == rules.INVENTORY   # 366,00
    assert rules.proposed_destination(D("4.00"), "22")[0] == rules.WAREHOUSE     # 4,88
    assert rules.proposed_destination(D("164.00"), "22")[0] == rules.INVENTORY   # 200,08
    assert rules.proposed_destination(D("163.93"), "22")[0] == rules.WAREHOUSE   # 199,99
    assert rules.proposed_destination(D("200.00"), "0")[0] == rules.WAREHOUSE    # not over
    assert rules.gross_unit_price(D("163.93"), "22") == D("199.99")


def test_a_delivery_brings_at_most_what_is_still_to_deliver(db, db_path, order):
    l1, l2, l3, l4 = order["lines"]
    before = counts(db_path)
    with pytest.raises(ValidationError) as caught:
        deliver(db, order, {l1: "3"})
    assert caught.value.errors == {"line1": "Riga 1: consegnati 3, restano da consegnare 2 "
                                            "su 2 ordinati."}
    with pytest.raises(ValidationError) as caught:    # the DDT after the delivery
        acc.record_delivery(db, acc.DeliveryInput(order["id"], DELIVERED, "DDT 1",
                                                  date(2026, 3, 21), "Sig. Bruno", {}))
    assert "ddt_date" in caught.value.errors
    assert counts(db_path) == before
    first = deliver(db, order, {l1: "2", l2: "10", l3: "1"})
    assert state(db_path) == "consegnata"
    with pytest.raises(ValidationError) as caught:
        deliver(db, order, {l2: "1"})
    assert "restano da consegnare 0 su 10" in caught.value.errors["line2"]
    second = deliver(db, order, ddt="DDT 80")          # empty: what is left, line 4
    f = acceptance_file(db, order["id"])
    assert [x.delivered for x in f.lines] == ["2", "10", "1", "1"]
    assert [[(x.line_no, x.quantity, x.proposed) for x in d.lines] for d in f.deliveries] == [
        [(1, "2", "inventario"), (2, "10", "magazzino"), (3, "1", "inventario")],
        [(4, "1", "magazzino")]]
    assert [d.id for d in f.deliveries] == [first, second]


def test_the_verbale_is_numbered_and_the_acceptance_completes(db, db_path, order):
    l1, l2, l3, l4 = order["lines"]
    first = deliver(db, order, {l1: "2", l2: "10", l3: "1"})
    with pytest.raises(ValidationError) as caught:
        verify(db, first, rules.NOT_CONFORME)
    assert "notes" in caught.value.errors
    v1 = verify(db, first)
    assert (v1.year, v1.number, v1.state) == (2026, 1, "consegnata")   # line 4 still due
    with pytest.raises(DomainError, match="ha già il suo verbale"):
        verify(db, first)
    second = deliver(db, order, ddt="DDT 80")
    v2 = verify(db, second)
    assert (v2.number, v2.state) == (2, "collaudata")
    assert state(db_path) == "collaudata"


def test_annulments_keep_the_rows_with_their_reason(db, db_path, order):
    l1, *_ = order["lines"]
    first = deliver(db, order, {l1: "1"})
    v = verify(db, first)
    with pytest.raises(ValidationError):
        acc.annul_verification(db, v.id, reason="errore")        # too short a reason
    acc.annul_verification(db, v.id, reason="Verbale registrato sulla consegna sbagliata",
                           annulled_on=date(2026, 3, 24))
    acc.annul_delivery(db, first, reason="DDT di un altro ordine registrato per errore",
                       annulled_on=date(2026, 3, 24))
    assert state(db_path) == "ordinata"
    again = deliver(db, order, {l1: "2"})                      # the annulled one no longer counts
    # n. 1 stays used, n. 2 is its annulment (the register's own rows)
    assert verify(db, again, day=date(2026, 3, 25)).number == 3
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT annulled_on, annul_reason FROM procurement_delivery "
                           "ORDER BY id").fetchall() == [
            ("2026-03-24", "DDT di un altro ordine registrato per errore"), (None, "")]
        assert con.execute("SELECT number, kind, reason FROM register_entry WHERE register = "
                           "'acquisti-collaudi' ORDER BY id").fetchall() == [
            (1, "entry", None), (2, "annulment", "Verbale registrato sulla consegna sbagliata"),
            (3, "entry", None)]
        with pytest.raises(sqlite3.DatabaseError, match="non si cancellano"):
            con.execute("DELETE FROM procurement_delivery")
        with pytest.raises(sqlite3.DatabaseError, match="non si modificano"):
            con.execute("UPDATE procurement_verification SET outcome = 'non_conforme'")


def _choices(o, room=None):
    l1, l2, l3, l4 = o["lines"]
    return lambda f: [
        acc.LineCarico(x.id, x.proposed, room_id=room or o["room"],
                       article_id=o["carta"] if x.line_no == 2 else o["lente"])
        for d in f.deliveries for x in d.lines]


def test_the_carico_needs_a_conforming_verbale(db, order):
    first = deliver(db, order, {order["lines"][1]: "10"})
    lines = [acc.LineCarico(acceptance_file(db, order["id"]).deliveries[0].lines[0].id,
                            rules.WAREHOUSE, article_id=order["carta"])]
    data = acc.CaricoInput(first, date(2026, 3, 24), lines, storeroom_id=order["store"])
    with pytest.raises(DomainError, match="serve il verbale"):
        acc.confirm_carico(db, data)
    verify(db, first, rules.NOT_CONFORME, notes="Risme bagnate durante il trasporto")
    with pytest.raises(DomainError, match="non conforme"):
        acc.confirm_carico(db, data)


def test_the_carico_loads_inventory_and_warehouse_in_one_transaction(db, db_path, order):
    l1, l2, l3, l4 = order["lines"]
    first = deliver(db, order, {l1: "2", l2: "10", l3: "1"})
    verify(db, first)
    f = acceptance_file(db, order["id"])
    lines = _choices(order)(f)
    # A line to a room that does not exist: nothing of the other lines is written either.
    before = counts(db_path)
    bad = [acc.LineCarico(x.delivery_line_id, x.destination,
                          room_id=999 if x.delivery_line_id == lines[2].delivery_line_id
                          else x.room_id, article_id=x.article_id) for x in lines]
    with pytest.raises(ValidationError):
        acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), bad,
                                               storeroom_id=order["store"]))
    assert counts(db_path) == before
    loaded = acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), lines,
                                                    storeroom_id=order["store"]))
    # Numbers gap-free from 1 (the refused attempt gave none away): the two microscopes 1-2,
    # the lamp 3; the paper in one buono di versamento, movement n. 1.
    assert [(x.line_no, x.destination) for x in loaded.lines] == [
        (1, "inventario"), (2, "magazzino"), (3, "inventario")]
    assert loaded.lines[0].text.startswith("Inventario n. 1, 2 (buono di carico n. 1/2026)")
    assert loaded.lines[2].text.startswith("Inventario n. 3 (buono di carico n. 2/2026)")
    assert (loaded.movement_number, loaded.movement_year) == (1, 2026)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT i.number, e.description, i.value, i.supplier, i.cig FROM "
                           "inventory_item i JOIN register_entry e ON e.id = i.entry_id "
                           "ORDER BY i.number").fetchall() == [
            (1, "Microscopio ottico", 36600, "Forniture Rossi Srl", "Z1A2B3C4D5"),
            (2, "Microscopio ottico", 36600, "Forniture Rossi Srl", "Z1A2B3C4D5"),
            (3, "Lampada da banco", 20008, "Forniture Rossi Srl", "Z1A2B3C4D5")]
        # 10 risme x 4,88 = 48,80 IVA included, quantity in thousandths
        assert con.execute("SELECT m.document_ref, m.supplier, m.order_ref, ml.quantity, "
                           "ml.value_cents FROM warehouse_movement m JOIN "
                           "warehouse_movement_line ml ON ml.movement_id = m.id").fetchall() == [
            ("DDT 77", "Forniture Rossi Srl", "Ordine n. 1/2026", 10000, 4880)]
        assert con.execute("SELECT destination, inventory_register, inventory_numbers, "
                           "movement_id IS NOT NULL FROM procurement_delivery_line ORDER BY "
                           "id").fetchall() == [("inventario", "inv-mobili", "1, 2", 0),
                                                ("magazzino", "", "", 1),
                                                ("inventario", "inv-mobili", "3", 0)]
    with pytest.raises(DomainError, match="già caricata"):
        acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), lines,
                                               storeroom_id=order["store"]))
    with pytest.raises(DomainError, match="annullare prima quei carichi"):
        acc.annul_delivery(db, first, reason="Consegna registrata due volte per errore")
    f = acceptance_file(db, order["id"])
    assert f.deliveries[0].state == "caricata"
    assert f.deliveries[0].lines[1].carico == "Magazzino, movimento n. 1/2026"


def test_a_warehouse_line_needs_its_article_and_a_service_line_loads_nothing(db, db_path,
                                                                             order):
    l1, l2, l3, l4 = order["lines"]
    first = deliver(db, order, {l2: "10", l4: "1"})
    verify(db, first)
    x2, x4 = acceptance_file(db, order["id"]).deliveries[0].lines
    assert (x2.proposed, x4.proposed) == ("magazzino", "magazzino")    # 4,88 and 199,99
    before = counts(db_path)
    with pytest.raises(ValidationError) as caught:
        acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), [
            acc.LineCarico(x2.id, rules.WAREHOUSE),
            acc.LineCarico(x4.id, rules.NONE)], storeroom_id=order["store"]))
    assert caught.value.errors == {"line2": "Riga 2: scegliere l'articolo di magazzino."}
    with pytest.raises(ValidationError, match="manca la riga 4"):
        acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), [
            acc.LineCarico(x2.id, rules.WAREHOUSE, article_id=order["carta"])],
            storeroom_id=order["store"]))
    assert counts(db_path) == before
    loaded = acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), [
        acc.LineCarico(x2.id, rules.WAREHOUSE, article_id=order["carta"]),
        acc.LineCarico(x4.id, rules.NONE)], storeroom_id=order["store"]))
    assert [(x.line_no, x.text) for x in loaded.lines] == [
        (2, "Magazzino, movimento n. 1/2026"), (4, "Nessun carico")]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM inventory_item").fetchone() == (0,)


def test_annulling_the_only_delivery_of_an_accepted_order_takes_it_back_to_ordered(
        db, db_path, order):
    only = deliver(db, order)                           # everything, in one DDT
    verify(db, only)
    assert state(db_path) == "collaudata"
    acc.annul_delivery(db, only, reason="DDT registrato sull'ordine sbagliato",
                       annulled_on=date(2026, 3, 24))
    assert state(db_path) == "ordinata"
    f = acceptance_file(db, order["id"])
    assert f.deliveries[0].state == "annullata"
    assert f.deliveries[0].verbali[0].annul_reason == "DDT registrato sull'ordine sbagliato"


# --- lots, packaging units and services ---------------------------------------------------------
# The DPI order (IVA 22 %):
#   1. Mascherine FFP2 in scatole da 50   20 scatole × 12,00 -> 14,64 IVA incl.: warehouse,
#      the article counted by the piece: 20 × 50 = 1.000 pezzi, value 20 × 14,64 = 292,80
#   2. Assistenza al montaggio             3 ore × 40,00: a service, nessun carico
#   taxable 240,00 + 120,00 = 360,00 (award 990,00).
LOT_TABLES = ("warehouse_movement", "warehouse_movement_line", "warehouse_lot",
              "procurement_delivery_line", "register_entry")


@pytest.fixture
def dpi(db):
    return issued(db, [
        svc.OrderLineInput("Mascherine FFP2 in scatole da 50", "20", D("12.00"), "scatole"),
        svc.OrderLineInput("Assistenza al montaggio", "3", D("40.00"), "Ore")])


def test_a_service_proposes_no_carico():
    assert rules.proposed_destination(D("40.00"), "22", "Ore") == (
        rules.NONE, "prestazione di servizio: nessun carico")
    for unit in ("servizio", "ora", "H", "forfait", "A  corpo"):
        assert rules.proposed_destination(D("300.00"), "22", unit)[0] == rules.NONE
    assert rules.proposed_destination(D("300.00"), "22", "pz")[0] == rules.INVENTORY
    # a certificato di regolare esecuzione accepts a service, whatever its unit
    assert rules.proposed_destination(D("4.00"), "22", "pz", "regolare_esecuzione")[0] == \
        rules.NONE
    assert rules.proposed_destination(D("4.00"), "22", "pz", "conformita")[0] == \
        rules.WAREHOUSE


def test_the_file_proposes_nessun_carico_for_hours_and_a_regolare_esecuzione(db, dpi):
    l1, l2 = dpi["lines"]
    goods = deliver(db, dpi, {l1: "20"})
    hours = deliver(db, dpi, {l2: "3"}, ddt="Registro delle ore")
    acc.record_verification(db, acc.VerificationInput(
        hours, date(2026, 3, 23), "Prof.ssa Neri", rules.CONFORME,
        kind="regolare_esecuzione"))
    f = acceptance_file(db, dpi["id"])
    assert [(d.id, [(x.line_no, x.proposed) for x in d.lines]) for d in f.deliveries] == [
        (goods, [(1, "magazzino")]), (hours, [(2, "nessuno")])]
    assert f.deliveries[1].lines[0].proposed_reason == "prestazione di servizio: nessun carico"


def test_goods_under_a_certificato_di_regolare_esecuzione_propose_nessun_carico(db, order):
    first = deliver(db, order, {order["lines"][1]: "10"})            # the paper, 4,88 each
    assert acceptance_file(db, order["id"]).deliveries[0].lines[0].proposed == "magazzino"
    acc.record_verification(db, acc.VerificationInput(
        first, date(2026, 3, 23), "Prof.ssa Neri", rules.CONFORME,
        kind="regolare_esecuzione"))
    (x,) = acceptance_file(db, order["id"]).deliveries[0].lines
    assert (x.proposed, x.proposed_reason) == ("nessuno",
                                               "prestazione di servizio: nessun carico")


def test_boxes_of_an_article_tracked_by_lot_load_the_pieces_in_their_lot(db, db_path, dpi):
    l1, l2 = dpi["lines"]
    first = deliver(db, dpi)                                  # everything: 20 boxes, 3 hours
    verify(db, first)
    x1, x2 = acceptance_file(db, dpi["id"]).deliveries[0].lines
    assert (x1.proposed, x2.proposed) == ("magazzino", "nessuno")

    def carico(**line):
        return acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), [
            acc.LineCarico(x1.id, rules.WAREHOUSE, article_id=dpi["ffp2"], **line),
            acc.LineCarico(x2.id, rules.NONE)], storeroom_id=dpi["store"]))

    before = counts(db_path), table_snapshot(db_path, LOT_TABLES)
    with pytest.raises(ValidationError) as caught:             # no lot: refused on its row
        carico(per_unit=D("50"))
    assert caught.value.errors == {"lot1": (
        "Riga 1: l'articolo «Mascherina FFP2» è gestito a lotti: indicare il lotto e la "
        "scadenza.")}
    # not a number over zero; 20 × 2,525 = 50,5 pieces: the article is counted whole
    for bad in (D("0"), "abc", "-5", "0,0001", "2,525"):
        with pytest.raises(ValidationError) as caught:
            carico(per_unit=bad, lot="L2026-03")
        assert list(caught.value.errors) == ["per1"], bad
        assert caught.value.errors["per1"].startswith("Riga 1: "), bad
    assert caught.value.errors["per1"] == (
        "Riga 1: 20 × 2,525 unità per unità ordinata: la quantità di «Mascherina FFP2» deve "
        "essere un numero intero di pezzi (50,5 non è ammesso).")
    with pytest.raises(ValidationError) as caught:             # both named at once
        carico(per_unit="abc")
    assert set(caught.value.errors) == {"per1", "lot1"}
    assert (counts(db_path), table_snapshot(db_path, LOT_TABLES)) == before   # nothing written
    loaded = carico(per_unit=D("50"), lot="l2026-03", expiry=date(2029, 3, 31))
    assert [(x.line_no, x.text) for x in loaded.lines] == [
        (1, "Magazzino, movimento n. 1/2026"), (2, "Nessun carico")]
    # 20 × 50 = 1.000 pezzi (in thousandths), value 20 × 14,64 = 292,80
    assert stock_of(db, dpi["ffp2"], dpi["store"]) == 1_000_000
    assert [(x.code, x.lot, x.expiry, x.quantity) for x in lots_at(
        db, dpi["store"], date(2026, 3, 24))] == [
        ("FFP2", "L2026-03", date(2029, 3, 31), 1_000_000)]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT quantity, value_cents FROM warehouse_movement_line"
                           ).fetchall() == [(1_000_000, 29280)]
        assert con.execute("SELECT destination FROM procurement_delivery_line ORDER BY id"
                           ).fetchall() == [("magazzino",), ("nessuno",)]


def test_without_units_per_box_the_delivered_quantity_loads_and_lots_elsewhere_are_ignored(
        db, db_path, order):
    l1, l2, l3, l4 = order["lines"]
    first = deliver(db, order, {l1: "2", l2: "10"})
    verify(db, first)
    x1, x2 = acceptance_file(db, order["id"]).deliveries[0].lines
    acc.confirm_carico(db, acc.CaricoInput(first, date(2026, 3, 24), [
        acc.LineCarico(x1.id, rules.INVENTORY, room_id=order["room"], lot="X", per_unit="abc"),
        acc.LineCarico(x2.id, rules.WAREHOUSE, article_id=order["carta"], lot="L1",
                       expiry=date(2027, 1, 31))], storeroom_id=order["store"]))
    # 10 risme as delivered, value 10 × 4,88 = 48,80; the paper is not tracked by lot
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT quantity, value_cents, lot_id FROM warehouse_movement_line"
                           ).fetchall() == [(10_000, 4880, None)]
        assert con.execute("SELECT count(*) FROM warehouse_lot").fetchone() == (0,)
        assert con.execute("SELECT count(*) FROM inventory_item").fetchone() == (2,)


def test_a_delivery_loaded_with_nessun_carico_can_be_annulled(db, db_path, dpi):
    l1, l2 = dpi["lines"]
    hours = deliver(db, dpi, {l2: "3"}, ddt="Registro delle ore")
    acc.record_verification(db, acc.VerificationInput(
        hours, date(2026, 3, 23), "Prof.ssa Neri", rules.CONFORME,
        kind="regolare_esecuzione"))
    (x,) = acceptance_file(db, dpi["id"]).deliveries[0].lines
    acc.confirm_carico(db, acc.CaricoInput(hours, date(2026, 3, 24),
                                           [acc.LineCarico(x.id, x.proposed)]))
    d = acceptance_file(db, dpi["id"]).deliveries[0]
    assert (d.state, d.loaded, d.stocked) == ("caricata", True, False)
    acc.annul_delivery(db, hours, reason="Ore registrate sull'ordine sbagliato",
                       annulled_on=date(2026, 3, 25))
    assert state(db_path) == "ordinata"
    d = acceptance_file(db, dpi["id"]).deliveries[0]
    assert (d.state, d.verbali[0].annulled_on) == ("annullata", date(2026, 3, 25))
