"""The Programma Annuale: balance, fondo di riserva, steps, variations and the December rule
(D.I. 129/2018 arts. 5, 8, 10). Figures worked out by hand from tests/services/funds/helpers.py.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.funds import availability
from iiss_desktop.services.funds.programme import (
    VariationInput,
    VariationLineInput,
    create_programme,
    record_variation,
    rename_default,
    save_own_destination,
    set_forecasts,
)
from tests.services.funds.helpers import REVENUE, SPENDING, YEAR, approved_programme, counts

D = Decimal


def test_spending_above_revenue_is_refused_and_nothing_saved(db, db_path):
    create_programme(db, YEAR)
    before = counts(db_path)
    too_much = SPENDING | {("A03", "02"): D("10000.01")}   # 30.000,01 > 30.000,00
    with pytest.raises(ValidationError) as info:
        set_forecasts(db, YEAR, revenue=REVENUE, spending=too_much)
    assert "superano le entrate previste (30.000,00" in info.value.message
    assert "di 0,01" in info.value.message
    assert counts(db_path) == before
    assert availability(db, YEAR, "A03").forecast == 0    # nothing of it was saved


def test_reserve_above_ten_percent_of_the_dotazione_is_refused(db):
    create_programme(db, YEAR)
    # R98 1.500,01 > 10 % of 15.000,00 (Z01 lowered so that the PA still balances)
    over = SPENDING | {("R98", "04"): D("1500.01"), ("Z01", "04"): D("499.99")}
    with pytest.raises(ValidationError) as info:
        set_forecasts(db, YEAR, revenue=REVENUE, spending=over)
    assert "fondo di riserva" in info.value.message and "1.500,00" in info.value.message
    set_forecasts(db, YEAR, revenue=REVENUE, spending=SPENDING)   # 1.500,00 exactly: accepted


def test_the_reserve_limit_is_a_setting(db):
    create_programme(db, YEAR, reserve_limit_percent=D("5"))      # the D.I. 44/2001 rule
    with pytest.raises(ValidationError) as info:
        set_forecasts(db, YEAR, revenue=REVENUE, spending=SPENDING)  # 1.500 > 750,00
    assert "750,00" in info.value.message


def test_forecasts_change_only_by_variation_after_the_delibera(db):
    approved_programme(db)
    with pytest.raises(DomainError) as info:
        set_forecasts(db, YEAR, spending={("A01", "02"): D("1.00")})
    assert "variazione" in info.value.message


def test_variations_change_the_definitive_forecasts(db):
    approved_programme(db)
    # Storno A01 -> A03 of 1.000,00: A01 8.000 - 1.000 = 7.000, A03 10.000 + 1.000 = 11.000
    record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 3, 2), [
        VariationLineInput(D("-1000.00"), destination="A01", spending_type="02"),
        VariationLineInput(D("1000.00"), destination="A03", spending_type="02")]))
    # Prelievo R98 -> A02 of 500,00: A02 6.500, R98 1.000
    record_variation(db, VariationInput(YEAR, "prelievo", date(YEAR, 4, 1), [
        VariationLineInput(D("-500.00"), destination="R98", spending_type="04"),
        VariationLineInput(D("500.00"), destination="A02", spending_type="02")],
        reason="Spese impreviste di funzionamento"))
    # Delibera: +2.000,00 of contributions (06/01) to P01: P01 6.000
    record_variation(db, VariationInput(YEAR, "delibera", date(YEAR, 5, 4), [
        VariationLineInput(D("2000.00"), revenue="06/01"),
        VariationLineInput(D("2000.00"), destination="P01", spending_type="03")],
        act_ref="Delibera n. 30"))
    assert [availability(db, YEAR, c).definitive for c in ("A01", "A02", "A03", "P01", "R98")
            ] == [D("7000.00"), D("6500.00"), D("11000.00"), D("6000.00"), D("1000.00")]


def test_a_variation_that_unbalances_the_programme_is_refused(db, db_path):
    approved_programme(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:   # spending +1, revenue unchanged
        record_variation(db, VariationInput(YEAR, "delibera", date(YEAR, 5, 4), [
            VariationLineInput(D("1.00"), destination="P01", spending_type="03")]))
    assert "superano le entrate" in info.value.message
    with pytest.raises(ValidationError) as info:   # storno not summing to zero
        record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 5, 4), [
            VariationLineInput(D("-10.00"), destination="A01", spending_type="02"),
            VariationLineInput(D("9.99"), destination="A03", spending_type="02")]))
    assert "somma zero" in info.value.message
    assert counts(db_path) == before


def test_no_variation_in_december_without_a_reason(db, db_path):
    approved_programme(db)
    lines = [VariationLineInput(D("-100.00"), destination="A01", spending_type="02"),
             VariationLineInput(D("100.00"), destination="A03", spending_type="02")]
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 12, 1), lines))
    assert "dicembre" in info.value.errors["reason"]
    assert counts(db_path) == before
    record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 12, 1), lines,
                                        reason="Guasto improvviso della caldaia della sede"))
    assert availability(db, YEAR, "A03").definitive == D("10100.00")


def test_a_variation_outside_the_financial_year_is_refused(db):
    approved_programme(db)
    with pytest.raises(ValidationError) as info:
        record_variation(db, VariationInput(YEAR, "storno", date(YEAR - 1, 12, 30), [
            VariationLineInput(D("-1.00"), destination="A01", spending_type="02"),
            VariationLineInput(D("1.00"), destination="A03", spending_type="02")],
            reason="Variazione datata all'anno precedente"))
    assert "esercizio finanziario 2026" in info.value.errors["decided_on"]


def test_the_school_adds_its_own_projects_and_renames_unconfirmed_defaults(db):
    create_programme(db, YEAR)
    save_own_destination(db, "p02/4", "Laboratorio teatrale")
    set_forecasts(db, YEAR, revenue=REVENUE, spending={("P02/4", "03"): D("1000.00")})
    assert availability(db, YEAR, "P02/4").definitive == D("1000.00")
    rename_default(db, "destinazione", "A04", "Percorsi per le competenze trasversali e "
                                              "l'orientamento (PCTO)")
    with pytest.raises(DomainError) as info:     # a confirmed name of the ministry's plan
        rename_default(db, "destinazione", "A01", "Altro")
    assert "confermata" in info.value.message
