"""The supplier's codes and the random sample, by hand."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.procurement import checks
from iiss_desktop.domain.procurement import suppliers as rules


def test_partita_iva_check_digit_by_hand():
    # 0412345072?: Luhn over the first ten digits gives 0 (odd places 0+1+3+5+7 = 16; even
    # places doubled 4->8, 2->4, 4->8, 0->0, 2->4 = 24; 40 -> check digit 0).
    assert rules.check_vat("04123450720") == "IT04123450720"
    with pytest.raises(ValidationError, match="cifra di controllo"):
        rules.check_vat("04123450727")


def test_a_company_codice_fiscale_is_its_partita_iva_s_rule():
    assert rules.check_tax_code("04123450720") == "04123450720"
    with pytest.raises(ValidationError, match="la cifra di controllo"):
        rules.check_tax_code("04123450729")


@pytest.mark.parametrize("pec", ["fornitore@pec", "for nitore@pec.it", "@pec.it"])
def test_a_pec_must_look_like_an_address(pec):
    with pytest.raises(ValidationError) as refused:
        rules.check_pec(pec)
    assert list(refused.value.errors) == ["pec"]


def test_durc_state_by_hand():
    durc = rules.DurcFact(1, date(2026, 1, 10), rules.durc_expiry(date(2026, 1, 10)),
                          "regolare")
    assert durc.expires_on == date(2026, 5, 10)
    assert rules.durc_state(durc, date(2026, 5, 10)) == "valido"
    assert rules.durc_state(durc, date(2026, 5, 11)) == "scaduto"
    assert rules.durc_state(None, date(2026, 5, 11)) == "mancante"


@pytest.mark.parametrize(("candidates", "percent", "size"), [
    (7, 10, 1), (10, 10, 1), (11, 10, 2), (1, 10, 1), (0, 10, 0), (20, 15, 3), (3, 100, 3)])
def test_the_sample_is_rounded_up(candidates, percent, size):
    assert checks.sample_size(candidates, percent) == size


def test_the_draw_depends_only_on_seed_and_codes():
    codes = [f"0{n:02d}00000720" for n in range(1, 21)]
    first = checks.draw_sample(codes, 10, 4242)
    assert first == checks.draw_sample(list(reversed(codes)), 10, 4242)
    assert len(first) == 2
    assert first == sorted(codes, key=lambda c: checks.rank(c, 4242))[:2]
    assert checks.draw_sample(codes, 10, 4243) == sorted(
        codes, key=lambda c: checks.rank(c, 4243))[:2]
    with pytest.raises(ValidationError):
        checks.draw_sample(codes, 0, 4242)
