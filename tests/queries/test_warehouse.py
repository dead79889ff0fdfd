"""Magazzino read side on a real SQLite file: stock at a date, the grid's minimum flag,
consumption counts, start-page alerts. Expected values worked out by hand."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from iiss_desktop.domain.warehouse import ARTICLE_GRID_INDEX
from iiss_desktop.queries import warehouse as q
from iiss_desktop.services.warehouse.master_data import save_article
from iiss_desktop.services.warehouse.movements import (
    CaricoInput,
    WithdrawalInput,
    annul_movement,
    carico,
    withdraw,
)
from iiss_desktop.services.warehouse.posting import ItemInput
from tests.services.warehouse.test_warehouse import DAY, _approved_request, _carico, store  # noqa: F401

D = Decimal


def test_stock_at_a_date_sums_the_journal_up_to_that_day(db, store):
    # 6/10 carico 10 risme for 20,00 €; 8/10 scarico 4 at 2,00 = 8,00 €.
    _carico(db, store, "10", D("20.00"))
    rid = _approved_request(db, store, "4")
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"],
                                 entry_date=DAY + timedelta(days=2),
                                 lines=[ItemInput(store["carta"], "4")]))
    assert q.stock_at(db, store["a"], DAY - timedelta(days=1)) == []
    [row] = q.stock_at(db, store["a"], DAY + timedelta(days=1))
    assert (row.article_id, row.code, row.quantity, row.value, row.average_cost) == (
        store["carta"], "CARTA-A4", 10_000, 2_000, D("2.0000"))
    [row] = q.stock_at(db, store["a"], DAY + timedelta(days=2))
    assert (row.quantity, row.value) == (6_000, 1_200)
    assert q.stock_at(db, store["b"], DAY + timedelta(days=2)) == []


def test_the_minimum_flag_is_about_the_whole_school_in_every_view(db, store):
    # Scorta minima 10 risme; 8 in the sede and 5 in the primaria: 13 in all, not under it.
    _carico(db, store, "8", D("16.00"))
    carico(db, CaricoInput(storeroom_id=store["b"], entry_date=DAY, supplier="Rossi Srl",
                           lines=[ItemInput(store["carta"], "5", D("10.00"))]))

    def flag(storeroom_id):
        rows, ids = q.list_articles(db, storeroom_id)
        row = rows[ids.index(store["carta"])]
        return row[ARTICLE_GRID_INDEX["stock"]], row[ARTICLE_GRID_INDEX["alert"]]

    assert flag(None) == (13_000, "") and flag(store["b"]) == (5_000, "")
    save_article(db, {"code": "CARTA-A4", "description": "Carta A4 80 g", "unit": "risma",
                      "min_stock": "15"}, store["carta"])
    assert flag(None) == (13_000, "sotto scorta")
    assert flag(store["a"]) == (8_000, "sotto scorta")
    assert [a.title for a in q.alerts(db, DAY)] == [
        "Magazzino: 1 articolo sotto la scorta minima"]   # singular for one


def test_consumption_counts_the_buoni_in_force(db, store):
    # Two scarichi of 2 risme at 2,00 € each for the segreteria; the second is annulled:
    # 1 buono, 4,00 € consumed.
    _carico(db, store, "10", D("20.00"))
    rid = _approved_request(db, store, "4")
    withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"], entry_date=DAY,
                                 lines=[ItemInput(store["carta"], "2")]))
    second = withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store["a"],
                                          entry_date=DAY, lines=[ItemInput(store["carta"], "2")]))
    annul_movement(db, movement_id=second.movement_id, reason="Consegna non avvenuta",
                   entry_date=DAY)
    assert q.consumption(db, DAY, DAY) == [q.ConsumptionRow("Segreteria didattica", 400, 1)]
    # the request names no plesso: the buono goes to the plesso of the storeroom
    assert q.consumption(db, DAY, DAY, per="plesso") == [q.ConsumptionRow("Sede centrale", 400, 1)]


def test_lot_alert_names_quantity_with_its_unit(db, store):
    carico(db, CaricoInput(storeroom_id=store["a"], entry_date=DAY, document_kind="gratuita",
                           lines=[ItemInput(store["gel"], "5", D("0"), lot="L9",
                                            expiry=DAY + timedelta(days=10))]))
    [alert] = [a for a in q.alerts(db, DAY) if a.title.startswith("Lotto")]
    assert alert.title == "Lotto L9 in scadenza: Gel igienizzante 500 ml"
    assert alert.detail == "Magazzino sede: 5 flaconi in giacenza, scadenza 16/10/2025"
    [expired] = [a for a in q.alerts(db, DAY + timedelta(days=11)) if a.title.startswith("Lotto")]
    assert expired.title == "Lotto L9 scaduto: Gel igienizzante 500 ml"
    assert q.lots_at(db, store["a"], date(2025, 10, 20)) == [
        q.LotStockRow("GEL-500", "Gel igienizzante 500 ml", "flacone", "L9",
                      DAY + timedelta(days=10), 5_000)]
