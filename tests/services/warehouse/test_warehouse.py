"""Magazzino use cases on a real SQLite file: giornale numbering, stock, average cost, refusals."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, RegisterError, ValidationError
from iiss_desktop.services.school import save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from iiss_desktop.services.warehouse.movements import (
    CaricoInput,
    DpiDelivery,
    WithdrawalInput,
    annul_movement,
    carico,
    distribute_dpi,
    stocktake,
    transfer,
    withdraw,
)
from iiss_desktop.services.warehouse.posting import ItemInput
from iiss_desktop.services.warehouse.requests import RequestInput, create_request, decide_request

D = Decimal
DAY = date(2025, 10, 6)


@pytest.fixture
def store(db):
    sede = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    prim = save_site(db, {"code": "PRIM", "name": "Primaria Collodi"})
    a = save_storeroom(db, {"code": "MAG-SEDE", "name": "Magazzino sede", "site_id": sede})
    b = save_storeroom(db, {"code": "MAG-PRIM", "name": "Magazzino primaria", "site_id": prim})
    carta = save_article(db, {"code": "CARTA-A4", "description": "Carta A4 80 g", "unit": "risma",
                              "min_stock": D(10)})
    gel = save_article(db, {"code": "GEL-500", "description": "Gel igienizzante 500 ml",
                            "unit": "flacone", "is_dpi": True, "tracks_lots": True})
    sapone = save_article(db, {"code": "SAPONE", "description": "Sapone liquido",
                               "unit": "l"})
    return {"sede": sede, "prim": prim, "a": a, "b": b, "carta": carta, "gel": gel,
            "sapone": sapone, "path": db.path}


def _carico(db, st, qty="40", value=Decimal("110.00"), when=DAY, **kw):
    return carico(db, CaricoInput(storeroom_id=st["a"], entry_date=when, supplier="Cartoleria "
                                  "Rossi Srl", document_kind="ddt", document_ref="DDT 12",
                                  lines=[ItemInput(st["carta"], qty, value)], **kw))


def _approved_request(db, st, qty="10", approve=None):
    rid = create_request(db, RequestInput(requested_on=DAY, requester="Maria Bianchi",
                                          destination_kind="ufficio",
                                          destination="Segreteria didattica",
                                          lines=[(st["carta"], qty)]))
    decide_request(db, request_id=rid, approve=True, decided_on=DAY, approved=approve)
    return rid


def _snapshot(path) -> dict:
    con = sqlite3.connect(path)
    try:
        return {t: con.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("register_entry", "register_entry_line", "counter", "audit_log",
                          "warehouse_movement", "warehouse_movement_line", "warehouse_balance",
                          "warehouse_request", "warehouse_request_line", "warehouse_lot")}
    finally:
        con.close()


def _balance(path, article, storeroom):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT quantity, value_cents FROM warehouse_balance WHERE "
                           "article_id = ? AND storeroom_id = ?", (article, storeroom)).fetchone()
    finally:
        con.close()


def _numbers(path):
    con = sqlite3.connect(path)
    try:
        return [r[0] for r in con.execute("SELECT number FROM register_entry WHERE "
                                          "register = 'mag-giornale' ORDER BY number")]
    finally:
        con.close()


def test_carico_then_withdrawal_at_average_cost(db, store):
    # 10 risme for 20,00 € then 30 for 90,00 €: 40 risme, 110,00 €. 7 out: 110 × 7/40 = 19,25 €.
    first = _carico(db, store, "10", D("20.00"))
    _carico(db, store, "30", D("90.00"))
    rid = _approved_request(db, store, "7")
    out = withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                       lines=[ItemInput(store["carta"], "7")],
                                       handed_by="Dott. Ferri", received_by="Maria Bianchi"))
    assert (first.number, out.number) == (1, 3)
    assert _balance(store["path"], store["carta"], store["a"]) == (33_000, 11_000 - 1_925)
    report = verify(db)
    assert report.ok, report.problems


def test_journal_numbering_stays_gap_free_after_refusals(db, store):
    _carico(db, store, "5", D("10.00"))
    rid = _approved_request(db, store, "5")
    with pytest.raises(DomainError):   # more than in stock
        transfer(db, from_storeroom_id=store["a"], to_storeroom_id=store["b"], entry_date=DAY,
                 lines=[ItemInput(store["carta"], "6")])
    with pytest.raises(ValidationError):   # zero
        _carico(db, store, "0")
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "2")]))
    _carico(db, store, "1", D("2.00"))
    assert _numbers(store["path"]) == [1, 2, 3]


def test_rejected_withdrawal_leaves_no_trace(db, store):
    _carico(db, store, "5", D("10.00"))
    rid = _approved_request(db, store, "5")
    create_request(db, RequestInput(requested_on=DAY, requester="Luca Verdi",
                                    destination_kind="laboratorio", destination="Lab. scienze",
                                    lines=[(store["carta"], "3")]))
    before = _snapshot(store["path"])
    with pytest.raises(DomainError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["b"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "4")]))
    # the message names the article, the storeroom and what is available there
    assert info.value.message == ("Giacenza insufficiente: «Carta A4 80 g» nel magazzino "
                                  "«Magazzino primaria» ha 0 risme disponibili, richiesti "
                                  "4 risme.")
    assert _snapshot(store["path"]) == before


@pytest.mark.parametrize("qty,words", [("0", "maggiore di zero"), ("-2", "negativa"),
                                       ("2,5", "numero intero di risme"),
                                       ("3 kg", "Unità di misura")])
def test_bad_quantities_change_nothing(db, store, qty, words):
    _carico(db, store, "5", D("10.00"))
    rid = _approved_request(db, store, "5")
    before = _snapshot(store["path"])
    with pytest.raises(ValidationError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], qty)]))
    assert words in info.value.message and "Carta A4 80 g" in info.value.message
    assert _snapshot(store["path"]) == before


def test_withdrawal_larger_than_stock_names_article_place_and_quantity(db, store):
    _carico(db, store, "5", D("10.00"))
    rid = _approved_request(db, store, "8")
    before = _snapshot(store["path"])
    with pytest.raises(DomainError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "8")]))
    assert "«Carta A4 80 g» nel magazzino «Magazzino sede» ha 5 risme" in info.value.message
    assert _snapshot(store["path"]) == before


def test_withdrawal_without_approval_or_beyond_the_approved_cut(db, store):
    _carico(db, store, "20", D("40.00"))
    rid = create_request(db, RequestInput(requested_on=DAY, requester="Maria Bianchi",
                                          destination_kind="ufficio", destination="Protocollo",
                                          lines=[(store["carta"], "10")]))
    before = _snapshot(store["path"])
    with pytest.raises(DomainError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "1")]))
    assert "non è ancora stata approvata" in info.value.message
    assert _snapshot(store["path"]) == before
    decide_request(db, request_id=rid, approve=True, decided_on=DAY,
                   approved={store["carta"]: "6"})
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "4")]))
    with pytest.raises(ValidationError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "3")]))
    assert "restano da consegnare 2 risme" in info.value.message
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "2")]))
    with pytest.raises(DomainError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "1")]))
    assert "già stata evasa" in info.value.message


def test_refused_request_cannot_be_withdrawn(db, store):
    rid = create_request(db, RequestInput(requested_on=DAY, requester="Luca Verdi",
                                          destination_kind="plesso", destination="Primaria",
                                          lines=[(store["carta"], "3")]))
    with pytest.raises(ValidationError):
        decide_request(db, request_id=rid, approve=False, decided_on=DAY, note="")
    decide_request(db, request_id=rid, approve=False, decided_on=DAY,
                   note="Materiale già consegnato a settembre")
    with pytest.raises(DomainError) as info:
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                     lines=[ItemInput(store["carta"], "1")]))
    assert "respinta" in info.value.message


def test_transfer_keeps_the_total_quantity_and_value(db, store):
    _carico(db, store, "3", D("10.00"))
    transfer(db, from_storeroom_id=store["a"], to_storeroom_id=store["b"], entry_date=DAY,
             lines=[ItemInput(store["carta"], "1")], reason="Fabbisogno della primaria")
    a = _balance(store["path"], store["carta"], store["a"])
    b = _balance(store["path"], store["carta"], store["b"])
    # 1 of 3 risme worth 10,00 €: 3,33 € move; 6,67 € stay.
    assert a == (2_000, 667) and b == (1_000, 333)
    assert a[0] + b[0] == 3_000 and a[1] + b[1] == 1_000


def test_expired_lot_is_refused_and_fefo_skips_it(db, store):
    st = store
    old = date.today() - timedelta(days=400)
    carico(db, CaricoInput(storeroom_id=st["a"], entry_date=old, document_kind="gratuita",
                           supplier="", handed_by="Struttura commissariale",
                           lines=[ItemInput(st["gel"], "10", D("0"), lot="L-OLD",
                                            expiry=old + timedelta(days=30)),
                                  ]))
    carico(db, CaricoInput(storeroom_id=st["a"], entry_date=old, document_kind="gratuita",
                           lines=[ItemInput(st["gel"], "5", D("0"), lot="L-NEW",
                                            expiry=date.today() + timedelta(days=300))]))
    before = _snapshot(st["path"])
    delivery = DpiDelivery("Plesso primaria", "plesso", "Primaria Collodi",
                           [ItemInput(st["gel"], "2", lot="L-OLD")], st["prim"])
    with pytest.raises(ValidationError) as info:
        distribute_dpi(db, storeroom_id=st["a"], entry_date=date.today(), deliveries=[delivery])
    assert "Il lotto «L-OLD» di «Gel igienizzante 500 ml» è scaduto" in info.value.message
    too_many = DpiDelivery("Plesso primaria", "plesso", "Primaria Collodi",
                           [ItemInput(st["gel"], "6")], st["prim"])
    with pytest.raises(DomainError) as info:
        distribute_dpi(db, storeroom_id=st["a"], entry_date=date.today(), deliveries=[too_many])
    assert "5 flaconi disponibili" in info.value.message and "lotti scaduti" in info.value.message
    assert _snapshot(st["path"]) == before
    refs = distribute_dpi(db, storeroom_id=st["a"], entry_date=date.today(), deliveries=[
        DpiDelivery("Plesso primaria", "plesso", "Primaria Collodi",
                    [ItemInput(st["gel"], "3")], st["prim"]),
        DpiDelivery("Anna Neri", "persona", "Collaboratori scolastici",
                    [ItemInput(st["gel"], "2")])])
    assert [r.number for r in refs] == [1, 2]   # a new year: one receipt per recipient
    assert _balance(st["path"], st["gel"], st["a"]) == (10_000, 0)


def test_unknown_scanned_code_and_stocktake_adjustment(db, store):
    _carico(db, store, "10", D("20.00"))
    before = _snapshot(store["path"])
    with pytest.raises(ValidationError) as info:
        stocktake(db, storeroom_id=store["a"], entry_date=DAY,
                  counts={"CARTA-A4": "8", "8001234567890": "1"}, reason="Inventario fisico")
    assert info.value.message == ("Codice «8001234567890» sconosciuto: nessun articolo di "
                                  "magazzino ha questo codice.")
    assert _snapshot(store["path"]) == before
    ref = stocktake(db, storeroom_id=store["a"], entry_date=DAY, counts={"carta-a4": "8"},
                    reason="Inventario fisico di fine anno")
    assert ref.number == 2
    # 2 of 10 risme worth 20,00 € written off: 4,00 €
    assert _balance(store["path"], store["carta"], store["a"]) == (8_000, 1_600)
    assert stocktake(db, storeroom_id=store["a"], entry_date=DAY, counts={"CARTA-A4": "8"},
                     reason="Secondo conteggio") is None


def test_storno_restores_stock_and_cannot_be_repeated(db, store):
    _carico(db, store, "10", D("20.00"))
    rid = _approved_request(db, store, "4")
    out = withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                       lines=[ItemInput(store["carta"], "4")]))
    con = sqlite3.connect(store["path"])
    mov = con.execute("SELECT id FROM warehouse_movement WHERE entry_id = (SELECT id FROM "
                      "register_entry WHERE register='mag-giornale' AND number = ?)",
                      (out.number,)).fetchone()[0]
    con.close()
    annul_movement(db, movement_id=mov, reason="Consegna registrata due volte", entry_date=DAY)
    assert _balance(store["path"], store["carta"], store["a"]) == (10_000, 2_000)
    with pytest.raises(RegisterError):
        annul_movement(db, movement_id=mov, reason="Ancora una volta", entry_date=DAY)
    # the request can be fulfilled again
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "4")]))
    assert _numbers(store["path"]) == [1, 2, 3, 4]
    assert verify(db).ok


def test_backdated_carico_revalues_the_later_withdrawal(db, store):
    # 2025: carico 10 at 1,00 on 1/12. 2026: scarico 10 on 10/1. Then a December DDT recorded
    # late, dated 15/12/2025 (the 2025 numbering allows it): 10 more at 3,00. The January
    # scarico now takes 10 of 20 risme worth 40,00 €: 20,00 €, and 10 risme worth 20,00 € stay.
    _carico(db, store, "10", D("10.00"), when=date(2025, 12, 1))
    rid = create_request(db, RequestInput(requested_on=date(2026, 1, 10), requester="Bianchi",
                                          destination_kind="ufficio", destination="Protocollo",
                                          lines=[(store["carta"], "10")]))
    decide_request(db, request_id=rid, approve=True, decided_on=date(2026, 1, 10))
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"],
                                 entry_date=date(2026, 1, 10),
                                 lines=[ItemInput(store["carta"], "10")]))
    assert _balance(store["path"], store["carta"], store["a"]) == (0, 0)
    _carico(db, store, "10", D("30.00"), when=date(2025, 12, 15))
    con = sqlite3.connect(store["path"])
    out_value = con.execute("SELECT value_cents FROM warehouse_movement_line WHERE "
                            "quantity < 0").fetchone()[0]
    con.close()
    assert out_value == -2_000
    assert _balance(store["path"], store["carta"], store["a"]) == (10_000, 2_000)


def test_transfer_of_several_articles_values_each_one_on_its_own(db, store):
    # Carta: 4 risme worth 10,00 € → 1 moves at 2,50 €. Sapone: 2,5 l worth 5,00 € → 1 l at 2,00 €.
    carico(db, CaricoInput(storeroom_id=store["a"], entry_date=DAY, supplier="Rossi Srl",
                           lines=[ItemInput(store["carta"], "4", D("10.00")),
                                  ItemInput(store["sapone"], "2,5", D("5.00"))]))
    transfer(db, from_storeroom_id=store["a"], to_storeroom_id=store["b"], entry_date=DAY,
             lines=[ItemInput(store["carta"], "1"), ItemInput(store["sapone"], "1 l")])
    assert _balance(store["path"], store["carta"], store["b"]) == (1_000, 250)
    assert _balance(store["path"], store["sapone"], store["b"]) == (1_000, 200)
    assert _balance(store["path"], store["sapone"], store["a"]) == (1_500, 300)


# --- anagrafica: articles and storerooms -------------------------------------------------------

def _articles(path):
    con = sqlite3.connect(path)
    try:
        return con.execute("SELECT * FROM warehouse_article ORDER BY id").fetchall()
    finally:
        con.close()


@pytest.mark.parametrize("values, field, words", [
    ({"code": "CARTA-A4", "description": "Altra carta", "unit": "risma"}, "code",
     "già di un altro articolo"),
    ({"code": "NUOVO", "description": "  ", "unit": "pz"}, "description",
     "Il campo «Descrizione» è obbligatorio"),
    ({"code": "NUOVO", "description": "Penne", "unit": "dozzina"}, "unit",
     "«dozzina» non è un valore ammesso per «Unità di misura»"),
    ({"code": "NUOVO", "description": "Penne", "unit": "pz", "min_stock": "-5"}, "min_stock",
     "Scorta minima: la quantità non può essere negativa"),
    ({"code": "NUOVO", "description": "Penne", "unit": "pz", "min_stock": "2,5"}, "min_stock",
     "Scorta minima"),
    ({"code": "DUE PAROLE", "description": "Penne", "unit": "pz"}, "code", "senza spazi"),
])
def test_bad_article_names_the_field_and_saves_nothing(db, store, values, field, words):
    before = _snapshot(store["path"]), _articles(store["path"])
    with pytest.raises(ValidationError) as exc:
        save_article(db, values)
    assert words in exc.value.errors[field]
    assert (_snapshot(store["path"]), _articles(store["path"])) == before


def test_editing_an_article_never_rewrites_the_journal(db, store):
    _carico(db, store)
    journal = _snapshot(store["path"])
    journal.pop("audit_log")
    save_article(db, {"code": "carta-a4", "description": "Carta A4 80 g/m² bianca",
                      "unit": "risma", "min_stock": "15", "category": "Cancelleria"},
                 store["carta"])
    after = _snapshot(store["path"])
    after.pop("audit_log")
    assert after == journal          # entries, lines, stock: as they were
    row = [r for r in _articles(store["path"]) if r[0] == store["carta"]][0]
    assert row[2] == "Carta A4 80 g/m² bianca" and row[5] == 15_000
    # what the journal cites or counts in cannot change
    for change, field, words in (({"unit": "pz"}, "unit", "non si cambia"),
                                 ({"code": "CARTA-A4-NEW"}, "code", "non si cambia"),
                                 ({"tracks_lots": True}, "tracks_lots",
                                  "dopo il primo movimento")):
        values = {"code": "CARTA-A4", "description": "Carta A4", "unit": "risma", **change}
        with pytest.raises(ValidationError) as exc:
            save_article(db, values, store["carta"])
        assert words in exc.value.errors[field]
    assert _snapshot(store["path"])["warehouse_balance"] == journal["warehouse_balance"]
    # before any movement the lot tracking may still be switched on
    save_article(db, {"code": "SAPONE", "description": "Sapone liquido", "unit": "l",
                      "tracks_lots": True}, store["sapone"])


def test_bad_storeroom_names_the_field_and_saves_nothing(db, store):
    before = _snapshot(store["path"])
    with pytest.raises(ValidationError) as exc:
        save_storeroom(db, {"code": "mag-sede", "name": "Doppione", "site_id": store["sede"]})
    assert "già di un altro magazzino" in exc.value.errors["code"]
    with pytest.raises(ValidationError) as exc:
        save_storeroom(db, {"code": "", "name": "", "site_id": None})
    assert set(exc.value.errors) == {"code", "name", "site_id"}
    assert _snapshot(store["path"]) == before
    # a rename keeps the storeroom (same id) and its stock
    assert save_storeroom(db, {"code": "MAG-SEDE", "name": "Magazzino centrale",
                               "site_id": store["sede"], "department": "Uffici"},
                          store["a"]) == store["a"]


# --- lots, storni, back-dated counts -------------------------------------------------------

def _gel_lots(db, st, *lots, store_key="a", when=DAY):
    """A free DPI supply: (lot, quantity, expiry) per line."""
    return carico(db, CaricoInput(storeroom_id=st[store_key], entry_date=when,
                                  document_kind="gratuita",
                                  lines=[ItemInput(st["gel"], n, D("0"), lot=lot, expiry=exp)
                                         for lot, n, exp in lots]))


def _lot_stock(path, article):
    con = sqlite3.connect(path)
    try:
        return dict(con.execute("SELECT t.code, SUM(l.quantity) FROM warehouse_movement_line l "
                                "JOIN warehouse_lot t ON t.id = l.lot_id WHERE l.article_id = ? "
                                "GROUP BY t.code", (article,)).fetchall())
    finally:
        con.close()


def test_two_lines_of_the_same_dpi_never_hand_out_the_same_lot_twice(db, store):
    st = store
    _gel_lots(db, st, ("L1", "5", date(2027, 1, 31)), ("L2", "5", date(2027, 6, 30)))
    before = _snapshot(st["path"])
    # 6 + 6 flaconi asked on two lines, 10 on the shelf: the message counts both lines.
    with pytest.raises(DomainError) as info:
        distribute_dpi(db, storeroom_id=st["a"], entry_date=DAY, deliveries=[DpiDelivery(
            "Anna Neri", "persona", "Collaboratori scolastici",
            [ItemInput(st["gel"], "6"), ItemInput(st["gel"], "6")])])
    assert info.value.message == ("Giacenza insufficiente: «Gel igienizzante 500 ml» nel "
                                  "magazzino «Magazzino sede» ha 10 flaconi disponibili, "
                                  "richiesti 12 flaconi.")
    assert _snapshot(st["path"]) == before
    # 4 + 4: the first line takes 4 of L1 (first expiring), the second the last 1 of L1 and
    # 3 of L2. L1 is empty, L2 keeps 2; no lot below zero.
    distribute_dpi(db, storeroom_id=st["a"], entry_date=DAY, deliveries=[DpiDelivery(
        "Anna Neri", "persona", "Collaboratori scolastici",
        [ItemInput(st["gel"], "4"), ItemInput(st["gel"], "4")])])
    assert _lot_stock(st["path"], st["gel"]) == {"L1": 0, "L2": 2_000}
    assert _balance(st["path"], st["gel"], st["a"]) == (2_000, 0)


def test_two_lines_of_the_same_article_in_a_transfer_are_checked_together(db, store):
    _carico(db, store, "3", D("6.00"))
    before = _snapshot(store["path"])
    with pytest.raises(DomainError) as info:
        transfer(db, from_storeroom_id=store["a"], to_storeroom_id=store["b"], entry_date=DAY,
                 lines=[ItemInput(store["carta"], "2"), ItemInput(store["carta"], "2")])
    assert "ha 3 risme disponibili, richiesti 4 risme" in info.value.message
    assert _snapshot(store["path"]) == before


def test_storno_of_a_carico_whose_lot_was_handed_out_is_refused(db, store):
    st = store
    first = _gel_lots(db, st, ("L3", "3", date(2027, 1, 31)))
    second = _gel_lots(db, st, ("L4", "3", date(2028, 1, 31)))
    distribute_dpi(db, storeroom_id=st["a"], entry_date=DAY, deliveries=[DpiDelivery(
        "Plesso primaria", "plesso", "Primaria Collodi", [ItemInput(st["gel"], "3")])])
    # the 3 flaconi handed out were of L3 (first expiring): 3 are on the shelf, none of L3
    before = _snapshot(st["path"])
    with pytest.raises(DomainError) as info:
        annul_movement(db, movement_id=first.movement_id, reason="Carico registrato per errore",
                       entry_date=DAY)
    assert info.value.message == ("Giacenza insufficiente: «Gel igienizzante 500 ml, lotto L3» "
                                  "nel magazzino «Magazzino sede» ha 0 flaconi disponibili, "
                                  "richiesti 3 flaconi.")
    assert _snapshot(st["path"]) == before
    annul_movement(db, movement_id=second.movement_id, reason="Carico registrato per errore",
                   entry_date=DAY)
    assert _lot_stock(st["path"], st["gel"]) == {"L3": 0, "L4": 0}
    assert verify(db).ok


def test_an_expired_lot_is_not_taken_in(db, store):
    before = _snapshot(store["path"])
    with pytest.raises(ValidationError) as info:
        _gel_lots(db, store, ("L-VECCHIO", "10", DAY - timedelta(days=1)))
    assert info.value.message == ("Riga 1: il lotto «L-VECCHIO» di «Gel igienizzante 500 ml» è "
                                  "scaduto il 05/10/2025: non si prende in carico.")
    assert _snapshot(store["path"]) == before


def test_a_count_dated_31_december_compares_with_the_book_at_that_date(db, store):
    # 1/12/2025 carico 10 risme for 10,00 €; 10/1/2026 scarico 4. The count of 31/12/2025,
    # recorded after the scarico, finds 9: the difference is 9 − 10 = −1 (not 9 − 6 = +3).
    # The rettifica takes 1 risma at 1,00 €; the January scarico is revalued on 9 risme
    # worth 9,00 €: 4,00 €. 5 risme worth 5,00 € remain.
    _carico(db, store, "10", D("10.00"), when=date(2025, 12, 1))
    rid = create_request(db, RequestInput(requested_on=date(2026, 1, 10), requester="Bianchi",
                                          destination_kind="ufficio", destination="Protocollo",
                                          lines=[(store["carta"], "4")]))
    decide_request(db, request_id=rid, approve=True, decided_on=date(2026, 1, 10))
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"],
                                 entry_date=date(2026, 1, 10),
                                 lines=[ItemInput(store["carta"], "4")]))
    ref = stocktake(db, storeroom_id=store["a"], entry_date=date(2025, 12, 31),
                    counts={"CARTA-A4": "9"}, reason="Inventario fisico di fine anno")
    assert (ref.number, ref.year) == (2, 2025)
    con = sqlite3.connect(store["path"])
    lines = con.execute("SELECT movement_date, quantity, value_cents FROM "
                        "warehouse_movement_line ORDER BY movement_date, id").fetchall()
    con.close()
    assert lines == [("2025-12-01", 10_000, 1_000), ("2025-12-31", -1_000, -100),
                     ("2026-01-10", -4_000, -400)]
    assert _balance(store["path"], store["carta"], store["a"]) == (5_000, 500)


def test_register_core_keeps_only_the_values_the_document_fixes(db, store):
    # A scarico is valued at the average, which a back-dated carico may change: its line in
    # the register core carries no amount, so the two can never disagree.
    test_backdated_carico_revalues_the_later_withdrawal(db, store)
    con = sqlite3.connect(store["path"])
    rows = con.execute("SELECT x.description, x.amount FROM register_entry_line x JOIN "
                       "register_entry e ON e.id = x.entry_id WHERE e.register = "
                       "'mag-giornale' ORDER BY e.year, e.number").fetchall()
    con.close()
    assert [amount for _t, amount in rows] == [1_000, 3_000, None]
    assert "-10 risme" in rows[2][0]


def test_a_decision_cannot_be_in_the_future(db, store):
    rid = create_request(db, RequestInput(requested_on=DAY, requester="Maria Bianchi",
                                          destination_kind="ufficio", destination="Protocollo",
                                          lines=[(store["carta"], "1")]))
    before = _snapshot(store["path"])
    with pytest.raises(ValidationError) as info:
        decide_request(db, request_id=rid, approve=True,
                       decided_on=date.today() + timedelta(days=1))
    assert info.value.errors == {"decided_on": "La data della decisione non può essere futura."}
    assert _snapshot(store["path"]) == before
