"""«Turni del personale ATA» built from service calls, the text of the real PDF read back: one
table per week, holidays, lavoro agile, the count of open problems but not their text (the
notice board shows no more than the hours), the plesso filter, and bad options refused."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services import school
from iiss_desktop.services.staff import registry
from iiss_desktop.services.staff.agile import sign_agreement
from iiss_desktop.services.staff.roster import DayInput, set_roster_days
from tests.helpers.pdf import pdf_text
from tests.services.staff.test_roster import _pattern, _person


@pytest.fixture
def sites(db):
    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}


def _print(db, tmp_path, **options):
    spec = next(r for r in all_reports() if r.name == "turni")
    return pdf_text(spec.build(db, tmp_path / "turni.pdf", **options))


def test_two_weeks_of_a_plesso_with_a_holiday_and_lavoro_agile(db, sites, tmp_path):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi)
    gallo = _person(db, sites["PRIM"], "Gallo", "Teresa", role="AA", born=date(1975, 5, 5))
    _pattern(db, gallo, {wd: "07:30-14:42" for wd in range(5)}, agile_weekdays=frozenset({4}))
    # her Fridays of lavoro agile are those of her individual agreement: no problem
    registry.add_contract(db, gallo, kind="indeterminato", starts_on=date(2015, 9, 1))
    sign_agreement(db, gallo, signed_on=date(2026, 9, 1), valid_from=date(2026, 9, 1),
                   valid_to=date(2027, 6, 30), weekdays="venerdì",
                   activities="Protocollo informatico", contact_band="10:00-12:00",
                   tools="istituto")
    school.seed_calendar(db, 2026)
    set_roster_days(db, [(rossi, date(2026, 12, 1))],
                    DayInput("07:30-13:30; 14:00-17:30 straordinario"))
    text = _print(db, tmp_path, dal=date(2026, 11, 30), al=date(2026, 12, 13))
    assert "Turni del personale ATA" in text
    assert "tutti i plessi · dal 30/11/2026 al 13/12/2026 · a.s. 2026/27" in text
    assert "Settimana dal 30/11/2026 al 06/12/2026" in text
    assert "Settimana dal 07/12/2026 al 13/12/2026" in text
    assert "Festivo" in text and "Immacolata Concezione" in text
    assert "Lavoro agile" in text and "14:00-17:30" in text
    # Rossi's first week: 36 h + 3 h 30 straordinario; the second 5 × 6 h (8/12 a holiday)
    assert "39 h 30 min" in text and "30 h" in text
    assert "1 da verificare in segreteria" in text
    assert "9 ore" not in text                     # the problem's text stays in the office
    assert "pag. 1 di" in text
    prim = _print(db, tmp_path, dal=date(2026, 11, 30), al=date(2026, 12, 6), plesso="PRIM")
    assert "Gallo Teresa" in prim and "Rossi Maria" not in prim


def test_wrong_options_are_refused_naming_them(db, sites, tmp_path):
    with pytest.raises(ValidationError) as exc:
        _print(db, tmp_path, dal=date(2026, 12, 6), al=date(2026, 11, 30))
    assert exc.value.errors == {"al": "La data finale precede quella iniziale."}
    with pytest.raises(ValidationError) as exc:
        _print(db, tmp_path, plesso="XYZ")
    assert "Plesso «XYZ» inesistente: PRIM, SEDE." == exc.value.errors["plesso"]
