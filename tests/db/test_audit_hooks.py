"""Every archive opened gets its audit hooks, also the tenth opened and closed in one process
(the GUI reopens the archive after a restore or a change of archive).

SQLAlchemy's event registry keys a listener by ``id(target)``: a closed archive's key
outlived it, and a new session factory at the reused address looked already hooked, so its
changes went to the archive with no row in the change log. Found as an intermittent
«non risulta nel registro delle modifiche» from verify in the full suite.
"""
from __future__ import annotations

import gc
import sqlite3

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.users import act_as_office


def test_every_reopened_archive_audits_its_changes(db_path):
    first = open_database(db_path, create=True)
    act_as_office(first, "mrossi")
    site = save_site(first, {"code": "SEDE", "name": "Sede centrale", "kind": "sede"})
    first.dispose()
    del first
    for n in range(12):
        gc.collect()      # the closed archive's objects go, their addresses are free again
        db = open_database(db_path)
        act_as_office(db, "mrossi")
        save_room(db, {"site_id": site, "name": f"Aula {n + 1}", "floor": "terra",
                       "kind": "aula"})
        db.dispose()
        del db
    con = sqlite3.connect(db_path)
    rooms = con.execute("SELECT count(*) FROM room").fetchone()[0]
    logged = con.execute("SELECT count(*) FROM audit_log WHERE entity = 'room' "
                         "AND action = 'insert'").fetchone()[0]
    con.close()
    assert rooms == logged == 12
    db = open_database(db_path)
    try:
        assert verify(db).ok
    finally:
        db.dispose()


def test_every_session_factory_made_in_a_row_is_hooked(db_path):
    from iiss_desktop.db import audit
    from iiss_desktop.db.engine import make_database

    open_database(db_path, create=True).dispose()
    unhooked = 0
    for _ in range(40):
        db = make_database(db_path)
        session = db.Session()
        unhooked += audit._on_after_flush not in list(session.dispatch.after_flush)
        session.close()
        db.dispose()
        del db, session
        gc.collect()
    assert unhooked == 0
