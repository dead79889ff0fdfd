from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.money import format_money, from_cents, parse_money, to_cents

NBSP = "\u00a0"


@pytest.mark.parametrize("text", ["1.234,56", "1234,56", " 1.234,56 € ", "1.234,56€", "€ 1234,56"])
def test_parser_accepts_what_clerks_type(text):
    assert parse_money(text) == Decimal("1234.56")


@pytest.mark.parametrize("text,expected", [
    ("0,5", Decimal("0.50")), ("12", Decimal("12.00")), ("1.000.000", Decimal("1000000.00")),
    (",99", Decimal("0.99")), ("-5,00", Decimal("-5.00")),
])
def test_parser_other_forms(text, expected):
    assert parse_money(text, allow_negative=True) == expected


@pytest.mark.parametrize("text", ["12.5", "1,234", "abc", "1.23,4", "12,345", "1..2", ""])
def test_parser_refuses_ambiguous_or_bad_input_naming_the_field(text):
    with pytest.raises(ValidationError) as info:
        parse_money(text, "importo")
    assert "importo" in info.value.errors


def test_negative_refused_unless_allowed():
    with pytest.raises(ValidationError):
        parse_money("-1,00")


@pytest.mark.parametrize("value,text", [
    (Decimal("1234.5"), f"1.234,50{NBSP}€"), (Decimal("0"), f"0,00{NBSP}€"),
    (Decimal("999.999"), f"1.000,00{NBSP}€"), (Decimal("1234567.891"), f"1.234.567,89{NBSP}€"),
    (Decimal("-12.3"), f"-12,30{NBSP}€"), (Decimal("0.005"), f"0,01{NBSP}€"),
])
def test_formatter_italian_convention(value, text):
    assert format_money(value) == text


def test_formatter_matches_babel():
    from babel.numbers import format_currency

    for v in ("1234.5", "0.1", "1000000", "987654.32"):
        assert format_money(Decimal(v)) == format_currency(Decimal(v), "EUR", locale="it_IT")


def test_cents_round_trip_exact():
    for v in ("0.01", "0.10", "19.99", "1234.56", "9999999999.99", "-0.05"):
        d = Decimal(v)
        assert from_cents(to_cents(d)) == d
    assert to_cents(Decimal("0.105") * 0 + Decimal("0.11")) == 11


def test_cents_refuse_third_decimal_and_float():
    with pytest.raises(ValueError):
        to_cents(Decimal("0.105"))
    with pytest.raises(TypeError):
        to_cents(0.1)


def test_format_then_parse_round_trip():
    for v in ("0.00", "7.05", "1234.50", "1000000.01"):
        assert parse_money(format_money(Decimal(v))) == Decimal(v)
