"""After a rinnovo the good lives on under its NEW number (domain.md §1.8): the row under the
old number ("rinnovato") is closed. An affidamento (art. 35) names the goods by number in a
verbale: one for the old number would make the affidatario answer for a number no longer
in the inventory, while the same good is held under the new one."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.inventory.custody import custodian_of
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.custody import appoint, assign
from iiss_desktop.services.inventory.renewal import renew
from iiss_desktop.services.school import save_room, save_site

LOADED = date(2023, 3, 1)
RENEWED_ON = date(2024, 1, 15)


@pytest.fixture
def renewed(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    lab = save_room(db, {"site_id": site, "name": "Laboratorio di chimica"})
    appoint(db, role="consegnatario", person_name="Dott.ssa Anna Verdi",
            started_on=date(2020, 9, 1))
    carico(db, CaricoInput(description="Microscopio binoculare", quantity=1,
                           unit_value=Decimal("900.00"), entry_date=LOADED, room_id=lab))
    renew(db, "inv-mobili", RENEWED_ON, "3", date(2023, 12, 1), "Rossi, Bianchi, Verdi")
    rows, ids = list_items(db)
    by_register = {(r[0], r[1]): i for r, i in zip(rows, ids)}
    return {"lab": lab, "old": by_register[("beni mobili", 1)],
            "new": by_register[("beni mobili (rinnovo 2024)", 1)]}


def _counts(db_path) -> tuple:
    with sqlite3.connect(db_path) as conn:
        return (conn.execute("SELECT count(*) FROM inventory_assignment").fetchone()[0],
                conn.execute("SELECT count(*) FROM inventory_assignment_item").fetchone()[0],
                conn.execute("SELECT count(*) FROM register_entry").fetchone()[0],
                conn.execute("SELECT * FROM counter ORDER BY 1").fetchall())


def test_a_good_under_its_old_number_is_not_entrusted_and_has_no_custodian(db, db_path,
                                                                           renewed):
    before = _counts(db_path)
    with pytest.raises(DomainError) as info:
        assign(db, item_ids=[renewed["old"]], assignee_name="Prof. Luca Neri",
               assignee_role="direttore_laboratorio", room_id=renewed["lab"],
               started_on=date.today(), ds_indication="nota del DS prot. n. 1 del 10/01/2025")
    assert info.value.message.startswith(
        "Il bene n. 1 (beni mobili) è stato riportato con un nuovo numero nel rinnovo")
    assert _counts(db_path) == before          # no verbale numbered, no assignment row
    assert custodian_of(db, renewed["old"]) is None
    # The same good under its new number is entrusted as usual.
    ref = assign(db, item_ids=[renewed["new"]], assignee_name="Prof. Luca Neri",
                 assignee_role="direttore_laboratorio", room_id=renewed["lab"],
                 started_on=date.today(), ds_indication="nota del DS prot. n. 1 del 10/01/2025")
    assert ref.number == 1
    assert custodian_of(db, renewed["new"]).person_name == "Prof. Luca Neri"
