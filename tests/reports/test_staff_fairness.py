"""«Equità dei turni» on a small roster built by hand, figures counted by hand; the same page at
the end of the roster print; bad options refused in words.

School year 2026/27 from Tuesday 1/9; counted to Sunday 13/9 (no calendar: no holidays), so
Tuesday 1 - Saturday 5 and Monday 7 - Saturday 12 are 11 working days Monday-Saturday.
- Rossi (SEDE): 07:30-13:30 Monday-Saturday; by hand Thursday 10/9 14:00-20:00 (an afternoon
  and an evening) and Saturday 12/9 off: 10 days, 1 afternoon, 1 evening, 1 Saturday (5/9).
- Bianchi (SEDE): Monday and Tuesday 12:00-18:00 (ends after 15:00: afternoon; not after
  18:00: no evening), else 07:30-13:30; by hand Wednesday 9/9 at the PRIM: 11 days,
  afternoons 3 (1/9, 7/9, 8/9), 0 evenings, 2 Saturdays, 1 day in another plesso.
- Verdi (PRIM): Monday 13:00-19:00, else 07:30-13:30: 11 days, 1 afternoon, 1 evening,
  2 Saturdays.
- Gallo (PRIM), assistente amministrativa, 07:30-14:42 Monday-Friday: 9 days, nothing else.
Spread of the collaboratori: afternoons 3-1 = 2, evenings 1-0 = 1, Saturdays 2-1 = 1,
other plesso 1-0 = 1; of the assistenti (one person): 0."""
from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_fairness import staff_fairness
from iiss_desktop.services import school
from iiss_desktop.services.staff.roster import DayInput, set_roster_days
from tests.helpers.pdf import pdf_flat, pdf_lines
from tests.services.staff.test_roster import _pattern, _person

END = date(2026, 9, 13)
MORNING = {wd: "07:30-13:30" for wd in range(6)}


@pytest.fixture
def sites(db):
    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}


@pytest.fixture
def staff(db, sites):
    rossi = _person(db, sites["SEDE"])
    _pattern(db, rossi, MORNING)
    set_roster_days(db, [(rossi, date(2026, 9, 10))], DayInput("14:00-20:00", None, False,
                                                               "pomeriggio",
                                                               "Consiglio d'istituto"))
    set_roster_days(db, [(rossi, date(2026, 9, 12))], DayInput(""))
    bianchi = _person(db, sites["SEDE"], "Bianchi", "Luca", born=date(1972, 4, 4))
    _pattern(db, bianchi, {**MORNING, 0: "12:00-18:00", 1: "12:00-18:00"})
    set_roster_days(db, [(bianchi, date(2026, 9, 9))], DayInput("07:30-13:30", "PRIM"))
    verdi = _person(db, sites["PRIM"], "Verdi", "Anna", born=date(1980, 5, 5))
    _pattern(db, verdi, {**MORNING, 0: "13:00-19:00"})
    gallo = _person(db, sites["PRIM"], "Gallo", "Teresa", role="AA", born=date(1975, 5, 5))
    _pattern(db, gallo, {wd: "07:30-14:42" for wd in range(5)})
    return {"Rossi": rossi, "Bianchi": bianchi, "Verdi": verdi, "Gallo": gallo}


def test_the_counts_and_the_spread_by_hand(db, staff):
    data = staff_fairness(db, END)
    assert (data.start, data.end, data.school_year) == (date(2026, 9, 1), END, "2026/27")
    got = {r.name: (r.days, r.afternoons, r.evenings, r.saturdays, r.plesso_changes)
           for r in data.rows}
    assert got == {"Rossi Maria": (10, 1, 1, 1, 0), "Bianchi Luca": (11, 3, 0, 2, 1),
                   "Verdi Anna": (11, 1, 1, 2, 0), "Gallo Teresa": (9, 0, 0, 0, 0)}
    spreads = {s.profile: (s.people, s.afternoons, s.evenings, s.saturdays, s.plesso_changes)
               for s in data.spreads}
    assert spreads == {"CS": (3, 2, 1, 1, 1), "AA": (1, 0, 0, 0, 0)}
    prim = staff_fairness(db, END, "PRIM")             # the home staff of the PRIM
    assert [r.name for r in prim.rows] == ["Gallo Teresa", "Verdi Anna"]


def test_the_print_and_the_roster_last_page(db, staff, tmp_path):
    spec = next(r for r in all_reports() if r.name == "equita-turni")
    out = spec.build(db, tmp_path / "equita.pdf", al=END)
    text = pdf_flat(out)
    assert "Equità dei turni" in text
    assert "tutti i plessi · dal 01/09/2026 al 13/09/2026 · a.s. 2026/27" in text
    lines = pdf_lines(out)
    assert "Bianchi Luca Collaboratore scolastico SEDE 11 3 0 2 1" in lines
    assert "Rossi Maria Collaboratore scolastico SEDE 10 1 1 1 0" in lines
    assert "Collaboratore scolastico 3 2 1 1 1" in lines
    assert "pag. 1 di 1" in text
    roster_spec = next(r for r in all_reports() if r.name == "turni")
    roster = roster_spec.build(db, tmp_path / "turni.pdf", dal=date(2026, 9, 7), al=END)
    roster_lines = pdf_lines(roster)
    assert "Equità dei turni" in pdf_flat(roster)
    assert "Verdi Anna Collaboratore scolastico PRIM 11 1 1 2 0" in roster_lines


def test_an_unknown_plesso_is_refused(db, staff):
    with pytest.raises(ValidationError) as exc:
        staff_fairness(db, END, "XYZ")
    assert "Plesso «XYZ» inesistente" in exc.value.errors["plesso"]


def test_the_command_line_print(db, staff, db_path, tmp_path):
    from tests.helpers.users import give_password

    env = give_password(db)
    out = tmp_path / "f.pdf"
    done = subprocess.run([sys.executable, "-m", "iiss_desktop", "--utente", "mrossi", "print",
                           "equita-turni", "--db", str(db_path), "--out", str(out),
                           "--al", "13/09/2026", "--plesso", "SEDE"],
                          capture_output=True, text=True, timeout=120, env=env)
    assert done.returncode == 0, done.stderr
    text = pdf_flat(out)
    assert "SEDE – Sede centrale" in text and "Verdi" not in text
