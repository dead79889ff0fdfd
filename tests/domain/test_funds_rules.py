"""Fondi domain rules: amount in words, creditor tax data, amounts, dates of the financial
year, the December rule, the chart of accounts (expected values worked out by hand)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds import chart, rules
from iiss_desktop.domain.funds.creditor import Creditor, check_creditor
from iiss_desktop.domain.funds.words import amount_in_words


@pytest.mark.parametrize(("amount", "words"), [
    # 1.234,50: mille + duecento + trenta + quattro, cents in figures after the slash
    ("1234.50", "milleduecentotrentaquattro/50"),
    ("0.50", "zero/50"),                 # no euros: "zero"
    ("1000.00", "mille/00"),             # one thousand is "mille", never "unmille"
    # un milione + duecentotrentaquattromila + cinquecentosessantasette, in one word
    ("1234567.89", "unmilioneduecentotrentaquattromilacinquecentosessantasette/89"),
    ("21000.00", "ventunomila/00"),      # ventuno + mila: the vowel stays before "mila"
    ("2000000.01", "duemilioni/01"),     # plural "milioni"
    ("1000001.00", "unmilioneuno/00"),   # no "e" between the millions and the units
    ("123.05", "centoventitré/05"),      # final "tre" of a compound takes the accent
    ("23003.00", "ventitremilatré/00"),  # … but not inside the word
    ("3.00", "tre/00"),                  # "tre" alone has none
])
def test_amount_in_words_as_schools_write_it(amount, words):
    assert amount_in_words(Decimal(amount)) == words


GOOD_CF = "RSSMRA80A01H501U"        # check character U (computed by python-stdnum's rule)
GOOD_VAT = "01114601006"
GOOD_IBAN = "IT60X0542811101000000123456"


def test_creditor_tax_data_pass_with_their_check_digits():
    c = check_creditor(Creditor(" Mario  Rossi ", GOOD_CF.lower(), "", "it60 x054 2811 1010 "
                                                                       "0000 0123 456"))
    assert (c.name, c.tax_code, c.iban) == ("Mario Rossi", GOOD_CF, GOOD_IBAN)
    assert check_creditor(Creditor("Ditta Srl", vat_number="IT" + GOOD_VAT)).vat_number == GOOD_VAT


@pytest.mark.parametrize(("creditor", "field", "words"), [
    (Creditor("Mario Rossi", "RSSMRA80A01H501X"), "creditor_tax_code", "codice fiscale"),
    (Creditor("Ditta Srl", vat_number="01114601007"), "creditor_vat", "partita IVA"),
    (Creditor("Ditta Srl", vat_number=GOOD_VAT, iban="IT61X0542811101000000123456"),
     "creditor_iban", "IBAN"),
    (Creditor("Ditta Srl"), "creditor_tax_code", "dati fiscali"),
    (Creditor("", GOOD_CF), "creditor_name", "creditore"),
])
def test_wrong_creditor_data_are_refused_naming_the_field(creditor, field, words):
    with pytest.raises(ValidationError) as info:
        check_creditor(creditor)
    assert field in info.value.errors and words in info.value.errors[field]


@pytest.mark.parametrize(("value", "message"), [
    (Decimal("-1.00"), "non può essere negativo"),
    (Decimal("10.005"), "più di due decimali"),
    ("10,005", "al massimo due decimali"),
    ("-3,00", "non può essere negativo"),
    (Decimal("0"), "maggiore di zero"),
    (None, "Indicare"),
    ("12.5", "non è un importo valido"),
])
def test_bad_amounts_are_refused(value, message):
    with pytest.raises(ValidationError) as info:
        rules.positive_amount(value, "amount", "Importo dell'impegno")
    assert message in info.value.errors["amount"]
    assert "«Importo dell'impegno»" in info.value.errors["amount"]   # named as the clerk knows it


def test_dates_must_fall_in_the_financial_year():
    assert rules.check_in_year(date(2026, 12, 31), 2026, "d", "Data") == date(2026, 12, 31)
    with pytest.raises(ValidationError) as info:
        rules.check_in_year(date(2027, 1, 1), 2026, "committed_on", "Data dell'impegno")
    assert "esercizio finanziario 2026" in info.value.errors["committed_on"]


def test_no_variation_in_december_without_a_reason():
    assert rules.check_variation_reason("delibera", date(2026, 11, 30), "") == ""
    with pytest.raises(ValidationError) as info:
        rules.check_variation_reason("delibera", date(2026, 12, 1), "urgente")
    assert "dicembre" in info.value.errors["reason"]
    assert rules.check_variation_reason("decreto", date(2026, 12, 1),
                                        "Fondi assegnati dal Ministero il 30/11") != ""


def test_reserve_limit_is_ten_percent_of_the_ordinary_allocation():
    # 10 % of 15.000,00 = 1.500,00: 1.500,00 passes, 1.500,01 does not.
    rules.check_reserve(Decimal("1500.00"), Decimal("15000.00"), rules.RESERVE_LIMIT_PERCENT)
    with pytest.raises(ValidationError) as info:
        rules.check_reserve(Decimal("1500.01"), Decimal("15000.00"), Decimal("10"))
    assert "1.500,00" in info.value.message


def test_chart_of_accounts_marks_what_is_confirmed():
    codes = {d.code: d for d in chart.DESTINATIONS}
    assert {c for c, d in codes.items() if d.confirmed} == {"A01", "A02", "P01", "P02", "R98"}
    assert {"A06", "P05", "G04", "D100", "Z01"} <= set(codes)
    revenue = {r.code: r for r in chart.REVENUE_ITEMS}
    assert revenue["03/01"].confirmed and not revenue["03/06"].confirmed
    assert {r.code.partition("/")[0] for r in chart.REVENUE_ITEMS} == {
        a.code for a in chart.AGGREGATES}
    assert chart.check_third_level("a03/1") == "A03/1"
    for bad in ("R98/1", "A03/0", "A07/1", "A03-1"):
        with pytest.raises(ValidationError):
            chart.check_third_level(bad)
    assert not chart.is_spendable("R98") and chart.is_spendable("A03/1")


def test_lifecycles():
    assert rules.PROGRAMME.allows("proposta", "deliberato")   # even without the parere
    assert not rules.PROGRAMME.allows("deliberato", "proposta")
    assert rules.LIQUIDATION.final == frozenset({"pagata"})
