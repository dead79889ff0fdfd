"""Carico and scarico of the magazzino on a real PostgreSQL server."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import psycopg
import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.warehouse import ARTICLE_GRID_INDEX
from iiss_desktop.queries.warehouse import list_articles, scheda, stock_at
from iiss_desktop.services.school import save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from iiss_desktop.services.warehouse.movements import CaricoInput, WithdrawalInput, carico, withdraw
from iiss_desktop.services.warehouse.posting import ItemInput
from iiss_desktop.services.warehouse.requests import RequestInput, create_request, decide_request
from tests.helpers.users import act_as_office

pytestmark = pytest.mark.postgres
DAY = date(2025, 10, 6)


def test_carico_and_scarico_on_postgres(pg_url):
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
        store = save_storeroom(db, {"code": "MAG", "name": "Magazzino sede", "site_id": site})
        soap = save_article(db, {"code": "SAPONE", "description": "Sapone liquido", "unit": "l",
                                 "min_stock": Decimal("5")})
        carico(db, CaricoInput(storeroom_id=store, entry_date=DAY, supplier="Igiene Srl",
                               lines=[ItemInput(soap, "12,5", Decimal("25.00"))]))
        rid = create_request(db, RequestInput(requested_on=DAY, requester="Anna Neri",
                                              destination_kind="plesso", destination="Sede",
                                              lines=[(soap, "10")]))
        decide_request(db, request_id=rid, approve=True, decided_on=DAY)
        with pytest.raises(DomainError) as info:
            withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store, entry_date=DAY,
                                         lines=[ItemInput(soap, "13")]))
        assert "restano da consegnare 10 l" in info.value.message
        withdraw(db, WithdrawalInput(request_id=rid, storeroom_id=store, entry_date=DAY,
                                     lines=[ItemInput(soap, "2,5 l")]))
        # 2,5 of 12,5 litres worth 25,00 €: 5,00 € out, 10 l worth 20,00 € stay
        rows, _ids = list_articles(db)
        cells = [ARTICLE_GRID_INDEX[n] for n in ("code", "stock", "value", "alert")]
        assert [tuple(r[i] for i in cells) for r in rows] == [("SAPONE", 10_000, 2_000, "")]
        [row] = stock_at(db, store, DAY)
        assert (row.quantity, row.value) == (10_000, 2_000)
        assert [r.balance for r in scheda(db, soap, DAY, DAY).rows] == [12_500, 10_000]
        with psycopg.connect(pg_url) as con:
            numbers = [r[0] for r in con.execute(
                "SELECT number FROM register_entry WHERE register = 'mag-giornale' "
                "ORDER BY number")]
        assert numbers == [1, 2]
        report = verify(db)
        assert report.ok, report.problems
    finally:
        db.dispose()
