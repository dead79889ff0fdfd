"""The spending cycle (D.I. 129/2018 arts. 15-17): availability, earmarked funds, liquidazione,
mandato (numbering, amount in words, creditor tax data), bad input. Real SQLite archives; the
rows are counted with raw sqlite3. Figures from tests/services/funds/helpers.py.
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds import availability
from iiss_desktop.services.funds.programme import (
    EarmarkedInput,
    VariationInput,
    VariationLineInput,
    record_earmarked_fund,
    record_variation,
)
from iiss_desktop.services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from tests.services.funds.helpers import (
    GOOD_CF,
    GOOD_IBAN,
    GOOD_VAT,
    YEAR,
    approved_programme,
    collect,
    counts,
)

D = Decimal
DAY = date(YEAR, 3, 10)


def _commit(db, amount, destination="A03", kind="02", day=DAY, **extra):
    return commit_spending(db, CommitmentInput(YEAR, day, destination, kind, amount,
                                               "Materiale didattico", "Cartoleria Rossi Srl",
                                               **extra))


def _pay(db, commitment_id, amount, day=DAY, creditor=None):
    liq = liquidate(db, LiquidationInput(commitment_id, day, amount,
                                         "Verbale di regolare fornitura", "Fattura n. 7"))
    return issue_payment_order(db, PaymentOrderInput(
        liq.id, day, "Acquisto di materiale didattico",
        creditor or Creditor("Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)))


def test_a_commitment_above_the_remaining_appropriation_is_refused(db, db_path):
    approved_programme(db)
    first = _commit(db, D("9000.00"))          # A03 10.000,00: 1.000,00 left, 10 %: no warning
    assert (first.number, first.warning) == (1, "")
    near = _commit(db, D("500.00"))            # 500,00 left < 10 % of 10.000,00: warned
    assert "restano disponibili 500,00" in near.warning
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        _commit(db, D("500.01"))               # 0,01 more than the 500,00 left
    assert "disponibili 500,00" in info.value.errors["amount"]
    assert counts(db_path) == before
    assert _commit(db, D("500.00")).number == 3   # exactly the rest: accepted, no gap
    assert availability(db, YEAR, "A03").available == 0


def test_nothing_is_committed_on_the_reserve(db):
    approved_programme(db)
    with pytest.raises(ValidationError) as info:
        _commit(db, D("10.00"), destination="R98", kind="04")
    assert "prelievo" in info.value.errors["destination"]


def test_a_storno_cannot_take_a_destination_below_its_commitments(db, db_path):
    approved_programme(db)
    _commit(db, D("9500.00"))                  # A03: 10.000 - 9.500 = 500 left
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:   # moving 500,01 out leaves -0,01
        record_variation(db, VariationInput(YEAR, "storno", DAY, [
            VariationLineInput(D("-500.01"), destination="A03", spending_type="02"),
            VariationLineInput(D("500.01"), destination="A01", spending_type="02")]))
    assert "già impegnato (9.500,00" in info.value.message
    assert counts(db_path) == before


def _fund(db, **changes):
    data = EarmarkedInput(YEAR, "Risorse ex art. 31 c.1 DL 41/2021",
                          "DL 41/2021 art. 31 c.1, nota 453/2021", D("3000.00"),
                          date(YEAR, 2, 1), "A01", ["02", "03"], use_by=date(YEAR, 9, 30),
                          report_by=date(YEAR, 10, 31))
    for k, v in changes.items():
        setattr(data, k, v)
    return record_earmarked_fund(db, data)


def test_an_earmarked_fund_enters_the_budget_by_decree(db):
    approved_programme(db)
    fund_id, _variation = _fund(db)
    # A01 8.000,00 + 3.000,00 of the fund = 11.000,00
    assert availability(db, YEAR, "A01").definitive == D("11000.00")


def test_an_earmarked_fund_refuses_other_categories_and_late_commitments(db, db_path):
    approved_programme(db)
    fund_id, _ = _fund(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:    # 06 beni d'investimento: not allowed
        _commit(db, D("100.00"), destination="A01", kind="06", earmarked_id=fund_id)
    assert "non ammette spese di tipo 06" in info.value.errors["spending_type"]
    with pytest.raises(ValidationError) as info:    # the day after the deadline for use
        _commit(db, D("100.00"), destination="A01", day=date(YEAR, 10, 1),
                earmarked_id=fund_id)
    assert "entro il 30/09/2026" in info.value.errors["committed_on"]
    with pytest.raises(ValidationError) as info:    # more than the 3.000,00 assigned
        _commit(db, D("3000.01"), destination="A01", earmarked_id=fund_id)
    assert "restano 3.000,00" in info.value.errors["amount"]
    assert counts(db_path) == before
    ok = _commit(db, D("2500.00"), destination="A01", kind="03", day=date(YEAR, 9, 30),
                 earmarked_id=fund_id)
    assert ok.number == 1


def test_mandati_are_numbered_without_gaps_and_carry_the_amount_in_words(db, db_path):
    approved_programme(db)
    c = _commit(db, D("5000.00"))
    numbers = [_pay(db, c.id, D("1234.50")).number]
    # A refused mandato (IBAN with a wrong check digit) takes no number.
    liq = liquidate(db, LiquidationInput(c.id, DAY, D("0.50"), "Verbale di collaudo"))
    with pytest.raises(ValidationError):
        issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Saldo", Creditor(
            "Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban="IT61X0542811101000000123456")))
    numbers.append(issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Saldo", Creditor(
        "Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN))).number)
    numbers.append(_pay(db, c.id, D("1000.00")).number)
    assert numbers == [1, 2, 3]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT number, amount, amount_words, creditor_vat FROM "
                           "funds_payment_order ORDER BY number").fetchall() == [
            (1, 123450, "milleduecentotrentaquattro/50", GOOD_VAT),
            (2, 50, "zero/50", GOOD_VAT),
            (3, 100000, "mille/00", GOOD_VAT)]
        assert con.execute("SELECT number FROM register_entry WHERE register = "
                           "'fondi-mandati' ORDER BY number").fetchall() == [(1,), (2,), (3,)]
    report = verify(db, anchors=False)
    assert report.ok, report.problems


def test_a_liquidazione_is_paid_once_and_within_its_commitment(db):
    approved_programme(db)
    c = _commit(db, D("100.00"))
    with pytest.raises(ValidationError) as info:
        liquidate(db, LiquidationInput(c.id, DAY, D("100.01"), "Verbale"))
    assert "100,00\u00a0€ da liquidare" in info.value.errors["amount"]
    liq = liquidate(db, LiquidationInput(c.id, DAY, D("100.00"), "Verbale"))
    creditor = Creditor("Mario Rossi", GOOD_CF, iban=GOOD_IBAN)
    issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Rimborso spese", creditor))
    with pytest.raises(DomainError) as info:
        issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Rimborso spese", creditor))
    assert "già stata pagata" in info.value.message


@pytest.mark.parametrize(("change", "field", "words"), [
    ({"amount": D("-10.00")}, "amount", "non può essere negativo"),
    ({"amount": D("10.005")}, "amount", "più di due decimali"),
    ({"amount": "10,005"}, "amount", "al massimo due decimali"),
    ({"destination": ""}, "destination", "Indicare la destinazione"),
    ({"day": date(YEAR + 1, 1, 4)}, "committed_on", "esercizio finanziario 2026"),
    ({"day": date(YEAR - 1, 12, 31)}, "committed_on", "esercizio finanziario 2026"),
])
def test_bad_commitments_are_refused_naming_the_field(db, db_path, change, field, words):
    approved_programme(db)
    before = counts(db_path)
    args = {"amount": D("10.00"), "destination": "A03", "day": DAY} | change
    with pytest.raises(ValidationError) as info:
        _commit(db, args["amount"], destination=args["destination"], day=args["day"])
    assert words in info.value.errors[field], info.value.errors
    assert counts(db_path) == before


@pytest.mark.parametrize(("creditor", "field", "words"), [
    (Creditor("Cartoleria Rossi Srl", iban=GOOD_IBAN), "creditor_tax_code", "dati fiscali"),
    (Creditor("Mario Rossi", "RSSMRA80A01H501X", iban=GOOD_IBAN), "creditor_tax_code",
     "codice fiscale"),
    (Creditor("Mario Rossi", GOOD_CF, iban="IT60X0542811101000000123457"), "creditor_iban",
     "IBAN"),
    (Creditor("Mario Rossi", GOOD_CF), "creditor_iban", "IBAN"),
])
def test_a_mandato_without_good_creditor_data_is_refused(db, db_path, creditor, field, words):
    approved_programme(db)
    c = _commit(db, D("100.00"))
    liq = liquidate(db, LiquidationInput(c.id, DAY, D("100.00"), "Verbale"))
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Acquisto", creditor))
    assert words in info.value.errors[field], info.value.errors
    assert counts(db_path) == before


def test_reversali_are_numbered_with_the_amount_in_words(db, db_path):
    approved_programme(db)
    for n, amount in enumerate((D("1234567.89"), D("1000.00")), start=1):
        r = collect(db, YEAR, DAY, "06/01", amount, "Famiglie degli alunni", "Contributi")
        assert r.number == n
    with sqlite3.connect(db_path) as con:
        assert [w for (w,) in con.execute("SELECT amount_words FROM funds_receipt_order "
                                          "ORDER BY number")] == [
            "unmilioneduecentotrentaquattromilacinquecentosessantasette/89", "mille/00"]


def test_verify_finds_commitments_above_a_forecast_edited_by_hand(db, db_path):
    approved_programme(db)
    _commit(db, D("9000.00"))
    assert verify(db, anchors=False).ok
    with sqlite3.connect(db_path) as con:   # A03 10.000,00 -> 8.000,00 behind the program
        con.execute("UPDATE funds_spending_forecast SET amount = 800000 WHERE destination_id ="
                    " (SELECT id FROM funds_destination WHERE code = 'A03')")
    problems = [p.message for p in verify(db, anchors=False).problems if p.check == "fondi"]
    assert problems == [("Programma Annuale 2026, destinazione A03: impegni 9.000,00 € oltre la "
                         "previsione definitiva 8.000,00 € (previsione iniziale 8.000,00 €, "
                         "variazioni 0,00 €)").replace(" €", "\u00a0€")]


def test_before_the_delibera_a_twelfth_of_last_year_for_each_month(db, db_path):
    """Gestione provvisoria (art. 6): the PA 2026 is only proposed; A03 had 10.000,00 in the
    PA 2025. February: 2/12 of 10.000,00 = 1.666,666… -> 1.666,67; March: 3/12 = 2.500,00."""
    from iiss_desktop.services.funds.programme import create_programme

    approved_programme(db, YEAR - 1)
    create_programme(db, YEAR)
    first = _commit(db, D("1666.67"), day=date(YEAR, 2, 27))
    assert "Gestione provvisoria" in first.warning
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        _commit(db, D("0.01"), day=date(YEAR, 2, 28))
    assert "al massimo 2/12" in info.value.errors["amount"]
    assert "1.666,67" in info.value.errors["amount"]
    assert counts(db_path) == before
    _commit(db, D("833.33"), day=date(YEAR, 3, 2))           # 1.666,67 + 833,33 = 2.500,00
    with pytest.raises(ValidationError):
        _commit(db, D("0.01"), day=date(YEAR, 3, 3))


def test_no_commitment_without_an_approved_programme_of_this_or_last_year(db):
    from iiss_desktop.services.funds.programme import create_programme

    create_programme(db, YEAR)
    with pytest.raises(DomainError) as info:
        _commit(db, D("10.00"))
    assert "gestione provvisoria" in info.value.message


def test_the_delibera_must_cover_the_provisional_commitments(db):
    from iiss_desktop.services.funds.programme import (
        advance_programme,
        create_programme,
        set_forecasts,
    )
    from tests.services.funds.helpers import REVENUE, SPENDING

    approved_programme(db, YEAR - 1)
    create_programme(db, YEAR)
    _commit(db, D("1000.00"), day=date(YEAR, 2, 2))          # within 2/12 of 10.000,00
    assert verify(db, anchors=False).ok   # the PA 2026 has no forecast yet: not a problem
    # A03 forecast of 900,00 only: the delibera would leave -100,00
    set_forecasts(db, YEAR, revenue=REVENUE, spending=SPENDING | {("A03", "02"): D("900.00")})
    with pytest.raises(ValidationError) as info:
        advance_programme(db, YEAR, "deliberato", date(YEAR, 2, 10), reference="Delibera n. 1")
    assert "gestione provvisoria (1.000,00" in info.value.message
    set_forecasts(db, YEAR, revenue=REVENUE, spending=SPENDING)
    advance_programme(db, YEAR, "deliberato", date(YEAR, 2, 10), reference="Delibera n. 1")
    assert availability(db, YEAR, "A03").available == D("9000.00")
