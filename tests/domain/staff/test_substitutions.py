"""When a supplente may serve for an absent ATA employee (L. 190/2014 art. 1 c.332, L.
205/2017 art. 1 c.602, domain.md §5.6), days counted by hand from the first day of absence,
which is day 1: from 01/10/2026 the 8th day is 08/10/2026, the 30th is 30/10/2026."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.staff.substitutions import supplente_verdict

OCT1 = date(2026, 10, 1)


@pytest.mark.parametrize(("profile", "end", "day", "allowed", "from_day"), [
    ("CS", date(2026, 10, 20), date(2026, 10, 7), False, date(2026, 10, 8)),   # 7th day
    ("CS", date(2026, 10, 20), date(2026, 10, 8), True, date(2026, 10, 8)),    # 8th day
    ("OP", date(2026, 10, 20), date(2026, 10, 8), True, date(2026, 10, 8)),    # [U] as a CS
    ("CS", date(2026, 10, 7), date(2026, 10, 7), False, None),    # 7 days: never
    ("CS", date(2026, 10, 8), date(2026, 10, 8), True, date(2026, 10, 8)),     # 8 days
    ("AA", date(2026, 11, 15), date(2026, 10, 29), False, date(2026, 10, 30)),  # 29th day
    ("AA", date(2026, 11, 15), date(2026, 10, 30), True, date(2026, 10, 30)),   # 30th day
    ("AT", date(2026, 11, 15), date(2026, 10, 30), True, date(2026, 10, 30)),
    ("AT", date(2026, 10, 20), date(2026, 10, 20), False, None),  # 20 days: never
    ("CUO", date(2026, 10, 3), OCT1, True, OCT1),                # not named by c.332
    ("DSGA", date(2026, 12, 31), date(2026, 12, 1), False, None),  # replaced by an AA
])
def test_the_first_day_of_a_supplente(profile, end, day, allowed, from_day):
    v = supplente_verdict(profile, OCT1, end, day)
    assert (v.allowed, v.from_day) == (allowed, from_day)


def test_the_reasons_name_the_rule():
    assert supplente_verdict("CS", OCT1, date(2026, 10, 20), OCT1).reason == (
        "Supplente dall'8° giorno di assenza, il 08/10/2026 (L. 190/2014 art. 1 c.332); prima, "
        "ore eccedenti del personale in servizio.")
    assert supplente_verdict("AT", OCT1, date(2026, 10, 20), OCT1).reason == (
        "Assenza di 20 giorni: il supplente si nomina dal 30° giorno (L. 190/2014 art. 1 c.332 "
        "e L. 205/2017 art. 1 c.602); coprire con ore eccedenti del personale in servizio.")


def test_a_small_office_may_replace_an_assistente_amministrativo_from_day_one():
    v = supplente_verdict("AA", OCT1, date(2026, 10, 20), OCT1, office_posts=2)
    assert (v.allowed, v.from_day) == (True, OCT1)
    assert supplente_verdict("AA", OCT1, date(2026, 10, 20), OCT1, office_posts=3).allowed \
        is False


def test_a_motivated_derogation_for_a_collaboratore():
    v = supplente_verdict("CS", OCT1, date(2026, 10, 5), OCT1, derogation="disabili",
                          derogation_reason="Unico collaboratore al piano dell'alunno con "
                                            "disabilità grave")
    assert (v.allowed, v.from_day) == (True, OCT1)
    assert "assistenza agli alunni con disabilità" in v.reason


@pytest.mark.parametrize(("profile", "derogation", "reason", "field"), [
    ("CS", "disabili", "  ", "derogation_reason"),
    ("CS", "altro", "motivo", "derogation"),
    ("AA", "sicurezza", "motivo", "derogation"),
])
def test_a_wrong_derogation_names_its_field(profile, derogation, reason, field):
    with pytest.raises(ValidationError) as caught:
        supplente_verdict(profile, OCT1, date(2026, 10, 5), OCT1, derogation=derogation,
                          derogation_reason=reason)
    assert set(caught.value.errors) == {field}


def test_a_day_outside_the_absence_is_refused():
    with pytest.raises(ValidationError) as caught:
        supplente_verdict("CS", OCT1, date(2026, 10, 5), date(2026, 10, 6))
    assert set(caught.value.errors) == {"day"}
