"""Amounts and texts from code or from a file are refused with an Italian message, never with
a bare decimal.InvalidOperation or stored with a NUL, a control character or a length the
column cannot take (issue 11: input made safe at the service layer)."""
from __future__ import annotations

import unicodedata
from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.fields import CellError, Field, parse_cell_money
from iiss_desktop.domain.money import check_amount

TODAY = date(2026, 3, 2)
SUPPLIER = Field("supplier", "Fornitore o donatore", max_length=200, header="Fornitore")
NOTES = Field("notes", "Note", kind="multiline", max_length=20000, header="Note")


@pytest.mark.parametrize("value", [Decimal("Infinity"), Decimal("-Infinity"), Decimal("NaN"),
                                   Decimal("sNaN"), Decimal("1e30"), Decimal("-1e30")])
def test_check_amount_refuses_nan_infinities_and_huge_magnitudes_in_italian(value):
    with pytest.raises(ValidationError) as info:
        check_amount(value, "value", "valore")
    assert "«valore»" in info.value.message
    assert "decimali" not in info.value.message      # NaN is not "more than two decimals"


@pytest.mark.parametrize("cell", [1e30, float("inf"), float("nan"), Decimal("1e30"), 10**30])
def test_a_money_cell_of_1e30_or_infinite_is_a_cell_error(cell):
    with pytest.raises(ValueError) as info:
        parse_cell_money(cell)
    assert "importo" in str(info.value)


def test_the_largest_amount_is_still_accepted():
    assert check_amount(Decimal("9999999999.99")) == Decimal("9999999999.99")
    assert parse_cell_money(9999999999.99) == Decimal("9999999999.99")


@pytest.mark.parametrize("text", ["Rossi\x00Srl", "Rossi\x07Srl", "Rossi\nSrl", "Rossi\x1bSrl",
                                  "Rossi\u2028Srl", "Rossi\ud800Srl"])
def test_a_line_field_refuses_nul_and_control_characters_naming_the_field(text):
    with pytest.raises(ValidationError) as info:
        SUPPLIER.check(text)
    assert "«Fornitore o donatore»" in info.value.message
    with pytest.raises(CellError):
        SUPPLIER.parse_cell(text, TODAY)


def test_a_multiline_field_keeps_newlines_and_tabs_but_refuses_nul():
    assert NOTES.check("CPU i5\r\n\tRAM 8 GB") == "CPU i5\n\tRAM 8 GB"
    with pytest.raises(ValidationError) as info:
        NOTES.check("CPU\x00")
    assert "«Note»" in info.value.message


def test_text_is_stored_in_nfc_and_its_length_counted_after_it():
    decomposed = "Citta\u0300"            # "Città" typed with a combining accent
    assert SUPPLIER.check(decomposed) == "Città"
    assert SUPPLIER.parse_cell(decomposed, TODAY) == "Città"
    # 200 letters each with a combining accent: 400 code points, 200 characters once composed
    assert len(SUPPLIER.check("e\u0301" * 200)) == 200
    with pytest.raises(ValidationError) as info:
        SUPPLIER.check("é" * 201)
    assert "«Fornitore o donatore» supera 200 caratteri" in info.value.message


_TEXT = st.text(st.characters(codec="utf-8"), max_size=60)


@given(_TEXT)
def test_property_a_text_is_stored_normalised_or_refused_never_stored_raw(text):
    try:
        stored = NOTES.check(text)
    except ValidationError as exc:
        assert "«Note»" in exc.message
        assert any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t\r"
                   for c in text) or "\u2028" in text or "\u2029" in text
        return
    assert unicodedata.is_normalized("NFC", stored)
    assert stored == unicodedata.normalize("NFC", text.replace("\r\n", "\n")
                                           .replace("\r", "\n")).strip()
    assert not any(unicodedata.category(c) in ("Cc", "Cs") and c not in "\n\t" for c in stored)


@given(_TEXT)
def test_property_a_line_field_stores_no_control_character_at_all(text):
    try:
        stored = SUPPLIER.check(text)
    except ValidationError as exc:
        assert "«Fornitore o donatore»" in exc.message
        return
    assert unicodedata.is_normalized("NFC", stored)
    assert not any(unicodedata.category(c) in ("Cc", "Cs", "Zl", "Zp") for c in stored)
    assert len(stored) <= 200


@given(st.text(st.characters(codec="utf-8") | st.sampled_from(["=", "+", "-", "@", "'", "\t",
                                                                "\r", "1", ","]), max_size=12))
def test_property_a_csv_cell_is_never_a_formula_and_reads_back_as_written(text):
    from iiss_desktop.domain.text import FORMULA_STARTS, spreadsheet_safe, spreadsheet_text

    cell = spreadsheet_safe(text)
    assert spreadsheet_text(cell) == text
    if cell.startswith(FORMULA_STARTS):
        # only a plain number is left as it is: "-12,50"
        assert cell == text and cell.lstrip("+-").replace(",", "").replace(".", "").isdigit()


def test_a_negative_number_stays_a_number_and_a_formula_is_quoted():
    from iiss_desktop.domain.text import spreadsheet_safe

    assert spreadsheet_safe("-12,50") == "-12,50"
    assert spreadsheet_safe("=1+1") == "'=1+1"
    assert spreadsheet_safe("@SUM(A1)") == "'@SUM(A1)"
    assert spreadsheet_safe("\tx") == "'\tx"
    assert spreadsheet_safe("Banco") == "Banco"
