"""db/locking.py on both engines: rows created once whoever asks, locked until the commit."""
from __future__ import annotations

import psycopg
import pytest

from iiss_desktop.db.locking import create_missing, lock_rows, locked_get_or_create
from iiss_desktop.db.schema import open_database
from iiss_desktop.db.uow import unit_of_work
from iiss_desktop.models.warehouse import Article, Balance
from iiss_desktop.services.school import save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from tests.helpers.users import act_as_office


def _keys(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    stores = [save_storeroom(db, {"code": f"M{i}", "name": f"Magazzino {i}", "site_id": site})
              for i in (1, 2)]
    art = save_article(db, {"code": "CARTA", "description": "Carta A4", "unit": "risma"})
    return [(art, st) for st in stores]


def _get_or_create_twice(db):
    keys = _keys(db)
    with unit_of_work(db) as s:
        rows = locked_get_or_create(s, Balance, keys, quantity=0, value_cents=0)
        assert sorted(rows) == sorted(keys)
        rows[keys[0]].quantity = 7000
        s.commit()
    with unit_of_work(db) as s:
        again = locked_get_or_create(s, Balance, reversed(keys), quantity=0, value_cents=0)
        assert [again[k].quantity for k in keys] == [7000, 0]   # found, not created again
        assert [(b.article_id, b.storeroom_id) for b in lock_rows(
            s, Balance, where=Balance.article_id == keys[0][0])] == sorted(keys)
        with pytest.raises(RuntimeError, match="registro delle modifiche"):
            create_missing(s, Article, [1])        # audited rows: through the ORM only
    return keys


def test_get_or_create_on_sqlite(db):
    _get_or_create_twice(db)


@pytest.mark.postgres
def test_get_or_create_and_the_lock_on_postgres(pg_url):
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        keys = _get_or_create_twice(db)
        with unit_of_work(db) as s:
            lock_rows(s, Balance, keys[:1])
            with psycopg.connect(pg_url) as other:
                other.execute("SET lock_timeout = '100ms'")
                with pytest.raises(psycopg.errors.LockNotAvailable):
                    other.execute("SELECT 1 FROM warehouse_balance WHERE storeroom_id = %s "
                                  "FOR UPDATE", (keys[0][1],))
                other.rollback()
                # the other storeroom's row is not locked
                other.execute("SELECT 1 FROM warehouse_balance WHERE storeroom_id = %s "
                              "FOR UPDATE NOWAIT", (keys[1][1],))
    finally:
        db.dispose()
