"""The declared fields of the suppliers registry (domain/procurement/fields.py) agree with the
ORM models: a field declared once cannot drift."""
from __future__ import annotations

import pytest
from sqlalchemy import BigInteger, Boolean, Date, Integer, String, Text

from iiss_desktop.domain.fields import column_label
from iiss_desktop.domain.procurement import fields as f
from iiss_desktop.models import procurement as m
from iiss_desktop.models.types import Cents

_TYPES = {"text": String, "choice": String, "multiline": Text, "money": Cents, "date": Date,
          "int": Integer, "ref": Integer, "bool": Boolean}
PAIRS = [(f.SUPPLIER, m.Supplier.__table__), (f.BANK_ACCOUNT, m.SupplierBankAccount.__table__),
         (f.BANK_DELEGATE, m.SupplierBankDelegate.__table__), (f.DURC, m.SupplierDurc.__table__),
         (f.DECLARATION, m.SupplierDeclaration.__table__),
         (f.CHECK_DRAW, m.CheckDraw.__table__), (f.AWARD, m.SupplierAward.__table__),
         (f.SETTING, m.ProcurementSetting.__table__), (f.REQUEST, m.PurchaseRequest.__table__),
         (f.PROCEDURE, m.Procedure.__table__), (f.QUOTE, m.Quote.__table__),
         (f.ORDER, m.PurchaseOrder.__table__), (f.ORDER_LINE, m.PurchaseOrderLine.__table__),
         (f.DELIVERY, m.Delivery.__table__), (f.DELIVERY_LINE, m.DeliveryLine.__table__),
         (f.VERIFICATION, m.Verification.__table__)]
# Written by the program, never typed: not a field of a form or a file.
NOT_DECLARED = {("procurement_supplier", "created_at")}


@pytest.mark.parametrize(("record", "table"), PAIRS, ids=lambda x: getattr(x, "name", ""))
def test_every_column_is_declared_with_its_type_length_nullability_and_default(record, table):
    assert {x.name for x in record.columns} == {c.name for c in table.columns
                                                if (table.name, c.name) not in NOT_DECLARED}
    for field in record.columns:
        column = table.columns[field.name]
        assert isinstance(column.type, _TYPES[field.kind]), field.name
        if field.kind == "money":
            assert isinstance(column.type.impl_instance, BigInteger)
        if field.kind in ("text", "choice"):
            assert column.type.length == field.max_length, field.name
        if field.name != "id":
            assert column.nullable == field.nullable, field.name
        if not column.nullable and column.default is not None:
            assert column.default.arg == field.default, field.name


def test_the_registry_names_its_fields_in_italian():
    assert column_label("procurement_supplier", "vat") == "Partita IVA"
    assert column_label("procurement_bank_delegate", "tax_code") == \
        "Codice fiscale della persona delegata"
    assert column_label("procurement_award", "amount") == "Importo al netto dell'IVA"
