"""The declaration of the fields of a good (domain/inventory/fields.py) agrees with the ORM
model, the migrations and the exchange format: a field declared once cannot drift."""
from __future__ import annotations

import csv

import pytest
from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Text

from iiss_desktop.domain.inventory import import_ as fmt
from iiss_desktop.domain.inventory.fields import GRID, ITEM
from iiss_desktop.domain.warehouse import ARTICLE
from iiss_desktop.models.inventory import InventoryItem
from iiss_desktop.models.types import Cents
from iiss_desktop.models.warehouse import Article
from iiss_desktop.services.inventory.renewal import _COPIED
from tests.services.inventory.test_import import OLD_PROGRAM

TABLE = InventoryItem.__table__
_TYPES = {"text": String, "choice": String, "multiline": Text, "money": Cents, "date": Date,
          "int": Integer, "ref": Integer}
# The columns of the file written by the versions before the art. 31 fields (0.1 to 0006),
# in their order: such a file must still import.
OLD_HEADERS = (
    "Inventario", "Numero", "Data di carico", "Descrizione", "Categoria", "Sottocategoria",
    "Plesso", "Locale", "Stato", "Valore", "Provenienza", "Fornitore", "Fattura n.",
    "Fattura del", "CIG", "CUP", "Finanziamento", "Impegno", "Mandato", "Marca", "Modello",
    "Numero di serie", "Proprietario", "Titolo di concessione", "Note", "Situazione",
    "Decreto di discarico n.", "Decreto del", "Causa del discarico")


def test_every_column_of_the_model_is_declared_and_every_declared_column_exists():
    assert {f.name for f in ITEM.columns} == {c.name for c in TABLE.columns}


@pytest.mark.parametrize("field", ITEM.columns, ids=lambda f: f.name)
def test_model_column_has_the_declared_type_length_nullability_and_default(field):
    column = TABLE.columns[field.name]
    assert isinstance(column.type, _TYPES[field.kind])
    if field.kind == "money":
        assert isinstance(column.type.impl_instance, BigInteger)
    if field.kind in ("text", "choice"):
        assert column.type.length == field.max_length
    if field.name != "id":
        assert column.nullable == field.nullable
    if not column.nullable and column.default is not None:
        assert column.default.arg == field.default
    if column.server_default is not None:
        assert column.server_default.arg == field.default


def test_columns_only_for_some_registers_have_a_server_default_or_take_null():
    """Added after the first release: the raw INSERTs of older code paths and of other
    programs never name them, so the database must fill them by itself."""
    for field in ITEM.only_for_some_registers():
        column = TABLE.columns[field.name]
        assert column.nullable or column.server_default is not None, field.name


def test_exchange_headers_are_the_declared_ones_each_once():
    assert fmt.HEADERS == tuple(f.header for f in ITEM.fields if f.header)
    names = [h.casefold() for f in ITEM.exchanged for h in (f.header, *f.aliases)]
    assert len(names) == len(set(names))


def test_files_of_earlier_versions_still_have_a_valid_header():
    positions, errors = fmt.check_header(list(OLD_HEADERS))
    assert errors == [] and len(positions) == len(OLD_HEADERS)
    with open(OLD_PROGRAM, encoding="cp1252", newline="") as f:
        header = next(csv.reader(f, delimiter=";"))
    assert fmt.check_header(header)[1] == []


def test_the_rinnovo_copies_every_column_but_those_that_identify_the_old_good():
    # By hand: a new good of the new series has its own id, entry, register and number, the
    # value the rinnovo sets, its own status; the serial number moves to it (unique column).
    own = {"id", "entry_id", "register", "number", "value", "status", "serial_number"}
    assert set(_COPIED) == {c.name for c in TABLE.columns} - own


def test_insert_row_gives_a_value_to_every_not_null_column():
    row = ITEM.insert_row({"entry_id": 1, "register": "inv-mobili", "number": 1,
                           "value": 100})
    for column in TABLE.columns:
        if column.name != "id" and not column.nullable:
            assert row[column.name] is not None, column.name


def test_grid_columns_are_declared_fields():
    assert all(name in ITEM.by_name for name, _title in GRID)


# --- the article of the magazzino (domain/warehouse.py ARTICLE) -------------------------------
ARTICLE_TABLE = Article.__table__


def test_every_column_of_the_article_is_declared_and_every_declared_column_exists():
    assert {f.name for f in ARTICLE.columns} == {c.name for c in ARTICLE_TABLE.columns}


@pytest.mark.parametrize("field", ARTICLE.columns, ids=lambda f: f.name)
def test_article_column_has_the_declared_type_length_and_default(field):
    column = ARTICLE_TABLE.columns[field.name]
    assert isinstance(column.type, {**_TYPES, "bool": Boolean}[field.kind])
    if field.kind in ("text", "choice"):
        assert column.type.length == field.max_length
    if field.name != "id" and column.default is not None:
        assert column.default.arg == field.default

