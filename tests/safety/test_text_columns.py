"""A text longer than its column, or with a NUL, is refused with an Italian message naming the
field, the same on SQLite (which would store it) and PostgreSQL (which raised a DataError with
the SQL text); nothing is written."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import String, Text

from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.models import Base
from iiss_desktop.services.inventory.carico import CaricoInput
from iiss_desktop.services.inventory.carico import carico as carico_inventario
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.services.warehouse.master_data import save_article, save_storeroom
from iiss_desktop.services.warehouse.movements import CaricoInput as VersamentoInput
from iiss_desktop.services.warehouse.movements import carico
from iiss_desktop.services.warehouse.posting import ItemInput
from tests.helpers.users import act_as_office

DAY = date(2025, 10, 6)
COUNTED = ("register_entry", "inventory_item", "warehouse_movement", "warehouse_article",
           "audit_log")


def _counts(db) -> tuple[int, ...]:
    with db.engine.connect() as conn:
        return tuple(conn.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar() for t in COUNTED)


def _office(db):
    act_as_office(db, "mrossi")
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    room = save_room(db, {"site_id": site, "name": "Aula 1A"})
    store = save_storeroom(db, {"code": "MAG", "name": "Magazzino sede", "site_id": site})
    soap = save_article(db, {"code": "SAPONE", "description": "Sapone liquido", "unit": "l"})
    return room, store, soap


def _refusals(db, room, store, soap) -> list[str]:
    """Each over-long text of the findings, as a clerk would type it; the messages."""
    attempts = [
        lambda: carico(db, VersamentoInput(storeroom_id=store, entry_date=DAY,
                                           supplier="S" * 201,
                                           lines=[ItemInput(soap, "1", Decimal("2.00"))])),
        lambda: carico(db, VersamentoInput(storeroom_id=store, entry_date=DAY,
                                           supplier="Igiene Srl", document_ref="7" * 10_000,
                                           lines=[ItemInput(soap, "1", Decimal("2.00"))])),
        lambda: save_article(db, {"code": "GEL", "description": "Gel", "unit": "l",
                                  "supplier": "S" * 201}),
        lambda: save_article(db, {"code": "GEL", "description": "Gel\x00", "unit": "l"}),
        lambda: carico_inventario(db, CaricoInput(
            description="Notebook", unit_value=Decimal("650.00"), entry_date=DAY,
            room_id=room, brand="B" * 81)),
    ]
    before = _counts(db)
    messages = []
    for attempt in attempts:
        with pytest.raises(ValidationError) as info:
            attempt()
        messages.append(info.value.message)
        assert _counts(db) == before
    return messages


EXPECTED = [
    ("«Fornitore»", "200 caratteri"),
    ("«Numero del documento»", "80 caratteri"),
    ("«Fornitore abituale»", "200 caratteri"),
    ("«Descrizione»", "carattere nullo"),
    ("«Marca»", "80 caratteri"),
]


def _check(messages):
    for message, (field, what) in zip(messages, EXPECTED, strict=True):
        assert field in message and what in message, message
        assert "descrizione" not in message.replace(field, "") or field == "«Descrizione»"
        assert "INSERT" not in message and "varying" not in message


def test_over_long_texts_are_refused_naming_the_field_on_sqlite(db):
    _check(_refusals(db, *_office(db)))


@pytest.mark.postgres
def test_over_long_texts_are_refused_naming_the_field_on_postgresql(pg_url):
    db = open_database(pg_url, create=True)
    try:
        _check(_refusals(db, *_office(db)))
    finally:
        db.dispose()


def test_every_text_and_money_column_of_an_audited_table_has_an_italian_label():
    from iiss_desktop.models.guard import guarded_columns
    from iiss_desktop.models.types import Cents

    missing, checked = [], 0
    for mapper in Base.registry.mappers:
        table = mapper.local_table
        if not mapper.class_.__audit__:
            continue
        for column in table.columns:
            if isinstance(column.type, (String, Text, Cents)):
                checked += 1
                if guarded_columns(table.name)[column.name].label == column.name:
                    missing.append(f"{table.name}.{column.name}")
    assert missing == [] and checked > 150


def test_check_row_names_the_row_and_normalises():
    from iiss_desktop.models.guard import check_row

    assert check_row("register_entry", {"description": "Citta\u0300", "number": 3}) == \
        {"description": "Città", "number": 3}
    with pytest.raises(ValidationError) as info:
        check_row("register_entry", {"reference": "R" * 121}, where="Riga 14: ")
    assert info.value.message == ("Riga 14: il campo «Riferimento del documento» supera 120 "
                                  "caratteri (ne ha 121).")


@pytest.mark.postgres
def test_plain_sql_past_the_guard_still_gets_an_italian_message_on_postgresql(pg_url):
    """The last line of defence (db/errors.py): a write that bypassed both guards shows no
    SQL and no parameters."""
    from iiss_desktop.db.driver_sql import DriverSQL
    from iiss_desktop.db.uow import write_transaction

    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
        for value, words in (("x" * 121, "120 caratteri"), ("a\x00b", "carattere nullo")):
            with pytest.raises(ValidationError) as info:
                with write_transaction(db) as conn, DriverSQL(conn) as sql:
                    sql.execute("UPDATE site SET name = ? WHERE id = ?", (value, site))
            assert words in info.value.message
            assert "UPDATE" not in info.value.message
    finally:
        db.dispose()


@pytest.mark.parametrize("amount", [Decimal("1e30"), Decimal("NaN"), Decimal("-Infinity")])
def test_an_amount_the_column_cannot_hold_is_refused_where_it_is_assigned(amount):
    from iiss_desktop.models.guard import check_row
    from iiss_desktop.models.inventory import InventoryItem

    with pytest.raises(ValidationError) as info:
        InventoryItem(value=amount)
    assert info.value.message.startswith("Il campo «Valore» richiede un importo")
    with pytest.raises(ValidationError) as info:
        check_row("register_entry", {"amount": amount}, where="Riga 3: ")
    assert info.value.message.startswith("Riga 3: il campo «Importo» richiede un importo")
    assert InventoryItem(value=Decimal("9999999999.99")).value == Decimal("9999999999.99")


def test_a_text_column_has_a_sanity_limit_and_keeps_its_newlines():
    from iiss_desktop.models.guard import TEXT_LIMIT
    from iiss_desktop.models.warehouse import Article

    assert Article(notes="riga 1\r\nriga 2\ttab").notes == "riga 1\nriga 2\ttab"
    with pytest.raises(ValidationError) as info:
        Article(notes="x" * (TEXT_LIMIT + 1))
    assert info.value.message == (f"Il campo «Note» supera {TEXT_LIMIT} caratteri "
                                  f"(ne ha {TEXT_LIMIT + 1}).")
