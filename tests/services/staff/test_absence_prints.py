"""The absence prints on real SQLite archives (issue 16 item 7): the summer ferie plan to post
(no cause on it), the monthly absences by cause for the ministry's monitoraggi, the decree of
an approved request. Real PDFs, read back with pdftotext.

Figures by hand. Summer 2021, everyone on five days a week (Monday-Friday), no holiday in July:
- Rossi (assistente amministrativo, SEDE): ferie Monday 12/7 - Friday 23/7/2021 = 10 working
  days (the weekend 17-18/7 inside is not a working day, so one period); ferie Thursday 29/7 -
  Tuesday 3/8 = 29, 30/7 in July (2 working days) and 2, 3/8 in August; a permesso orario of
  2 h on Monday 26/7.
- Bianchi (collaboratore scolastico, SEDE): a request of ferie Monday 2/8 - Friday 6/8 still
  waiting (R on those five days, not an absence).
- Verdi (collaboratore scolastico, SEDE): malattia Thursday 8/7 - Tuesday 13/7, counted in
  calendar days (CCNL 2007 art. 17): 6 days, of which 4 working days (8, 9, 12, 13).
July 2021 by cause: ferie 1 person 10 + 2 = 12 days; permesso orario 1 person 2 h; malattia
1 person 6 days. By profile: assistente amministrativo 1 person 12 days 2 h; collaboratore
scolastico 1 person 6 days; all 2 persons 18 days 2 h.
Collaboratori on duty on Wednesday 7/7: Bianchi and Verdi = 2; on Thursday 8/7: Bianchi = 1;
on Monday 2/8: Verdi = 1 (Bianchi's request waits: not counted as on duty).
"""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_absences import (
    ABSENT,
    CONFIDENTIAL_ROW,
    ON_DUTY,
    REQUESTED,
    absence_decree,
    monthly_absences,
    parse_month,
    summer_plan,
)
from iiss_desktop.reports.staff_absences import (
    build_absence_decree,
    build_monthly_absences,
    build_requests,
    build_summer_plan,
)
from iiss_desktop.services.staff import absence_requests as requests
from iiss_desktop.services.staff import leave
from tests.helpers.pdf import pdf_text
from tests.helpers.users import act_as_office
from tests.services.staff.test_leave import START, _person

D = date


@pytest.fixture
def office(db, sites):
    rossi = _person(db, sites["SEDE"])
    bianchi = _person(db, sites["SEDE"], surname="Bianchi", name="Luca", role="CS",
                      born=date(1975, 5, 2))
    verdi = _person(db, sites["SEDE"], surname="Verdi", name="Anna", role="CS",
                    born=date(1980, 1, 20))
    for pid in (rossi, bianchi, verdi):
        leave.allocate_year(db, pid, 2020, on=START)
    leave.record_absence(db, rossi, "ferie", D(2021, 7, 12), D(2021, 7, 23))
    leave.record_absence(db, rossi, "ferie", D(2021, 7, 29), D(2021, 8, 3))
    leave.record_absence(db, rossi, "permesso_personale_ore", D(2021, 7, 26), minutes=120)
    leave.record_absence(db, verdi, "malattia", D(2021, 7, 8), D(2021, 7, 13),
                         document_ref="PUC 123456789")
    waiting = requests.record_request(db, bianchi, "ferie", D(2021, 8, 2), D(2021, 8, 6),
                                      requested_on=D(2021, 6, 1))
    return {"rossi": rossi, "bianchi": bianchi, "verdi": verdi, "waiting": waiting}


def _group(plan, profile):
    return next(g for site in plan.sites for g in site.groups if g.profile == profile)


def _person_row(group, name):
    return next(p for p in group.people if p.name == name)


def test_the_summer_plan_marks_absences_and_requests_and_counts_who_is_on_duty(db, office):
    plan = summer_plan(db, 2021)
    assert (plan.start, plan.end) == (D(2021, 7, 1), D(2021, 8, 31))
    aa = _group(plan, "Assistente amministrativo")
    rossi = _person_row(aa, "Rossi Maria")
    assert [d for d, m in sorted(rossi.marks.items()) if m == ABSENT] == (
        [D(2021, 7, d) for d in (12, 13, 14, 15, 16, 19, 20, 21, 22, 23, 29, 30)]
        + [D(2021, 8, 2), D(2021, 8, 3)])
    # a Saturday is no working day of a five-day week: no mark at all
    assert D(2021, 7, 17) not in rossi.marks
    # the hourly permesso of 26/7 leaves the day on duty
    assert rossi.marks[D(2021, 7, 26)] == ON_DUTY
    assert rossi.periods == ("dal 12/07/2021 al 23/07/2021 (assente); "
                             "dal 29/07/2021 al 03/08/2021 (assente)")
    cs = _group(plan, "Collaboratore scolastico")
    bianchi = _person_row(cs, "Bianchi Luca")
    assert [d for d, m in sorted(bianchi.marks.items()) if m == REQUESTED] == [
        D(2021, 8, d) for d in (2, 3, 4, 5, 6)]
    assert bianchi.periods == "dal 02/08/2021 al 06/08/2021 (richiesta in attesa)"
    assert (cs.on_duty(D(2021, 7, 7)), cs.on_duty(D(2021, 7, 8)),
            cs.on_duty(D(2021, 8, 2))) == (2, 1, 1)
    assert aa.on_duty(D(2021, 7, 12)) == 0


def test_the_posted_plan_never_names_a_cause(db, office, tmp_path):
    out = build_summer_plan(db, tmp_path / "piano.pdf", estate=2021)
    text = pdf_text(out)
    assert "Piano delle ferie estive" in text and "Verdi Anna" in text
    assert "dal 08/07/2021 al 13/07/2021 (assente)" in text
    for cause in ("Malattia", "malattia", "Permesso", "PUC"):
        assert cause not in text


def test_the_monthly_absences_count_days_and_hours_by_cause_and_profile(db, office):
    report = monthly_absences(db, "2021-07")
    assert report.label == "luglio 2021" and report.confidential_shown
    rows = {(r.cause, r.profile): (r.persons, r.days, r.minutes) for r in report.rows}
    assert rows[("Ferie", "Assistente amministrativo")] == (1, 12, 0)
    assert rows[("Permesso orario per motivi personali o familiari",
                 "Assistente amministrativo")] == (1, 0, 120)
    assert rows[("Malattia", "Collaboratore scolastico")] == (1, 6, 0)
    # every cause is listed, the unused ones with zero
    assert rows[("Permesso per lutto", "–")] == (0, 0, 0)
    profiles = {r.profile: (r.persons, r.days, r.minutes) for r in report.profiles}
    assert profiles == {"Assistente amministrativo": (1, 12, 120),
                        "Collaboratore scolastico": (1, 6, 0),
                        "Tutti i profili": (2, 18, 120)}
    # August: Rossi's 2 and 3/8 only; the waiting request is no absence
    august = {(r.cause, r.profile): (r.persons, r.days) for r in monthly_absences(
        db, "2021-08").rows if r.persons}
    assert august == {("Ferie", "Assistente amministrativo"): (1, 2)}


def test_without_the_health_right_the_confidential_causes_are_summed_unnamed(db, office,
                                                                                tmp_path):
    act_as_office(db, "assistente", roles=(ASSISTENTE_AMMINISTRATIVO,))
    report = monthly_absences(db, "2021-07")
    assert not report.confidential_shown
    causes = {r.cause for r in report.rows}
    assert "Malattia" not in causes and CONFIDENTIAL_ROW in causes
    row = next(r for r in report.rows if r.cause == CONFIDENTIAL_ROW and r.persons)
    assert (row.profile, row.persons, row.days) == ("Collaboratore scolastico", 1, 6)
    verdi = next(d for d in report.detail if d[0] == "Verdi Anna")
    assert verdi[2] == "Assenza"
    text = pdf_text(build_monthly_absences(db, tmp_path / "mese.pdf", mese="2021-07"))
    assert "Malattia" not in text and "luglio 2021" in text


def test_a_month_in_the_wrong_form_is_refused_naming_the_option():
    assert parse_month("2021-7") == D(2021, 7, 1)
    for wrong in ("07/2021", "2021-13", "luglio"):
        with pytest.raises(ValidationError) as exc:
            parse_month(wrong)
        assert "AAAA-MM" in exc.value.errors["mese"]


def test_the_decree_of_an_approved_request_shows_the_ledger_arithmetic(db, office, tmp_path):
    rid = requests.record_request(db, office["bianchi"], "ferie", D(2021, 6, 14),
                                  D(2021, 6, 18), requested_on=D(2021, 5, 20))
    requests.approve_request(db, rid, on=D(2021, 5, 24))
    decree = absence_decree(db, rid)
    assert (decree.person, decree.profile, decree.cause) == (
        "Bianchi Luca", "Collaboratore scolastico", "Ferie")
    assert decree.period == "dal 14/06/2021 al 18/06/2021"
    # five working days on a five-day week cost 5 × 1,20 = 6 days; 32 - 6 = 26 left
    assert "(scalati 6 gg)" in decree.counted
    assert decree.account.endswith("26 gg")
    assert (decree.requested_on, decree.decided_on) == ("20/05/2021", "24/05/2021")
    text = pdf_text(build_absence_decree(db, tmp_path / "decreto.pdf", richiesta=rid))
    assert "DECRETA" in text and "Bianchi Luca" in text and "CCNL 04/08/1995 art. 19" in text


def test_a_decree_is_only_for_an_approved_request(db, office):
    with pytest.raises(ValidationError) as exc:
        absence_decree(db, office["waiting"])
    assert "si stampa per le richieste approvate" in exc.value.errors["richiesta"]
    with pytest.raises(ValidationError) as exc:
        absence_decree(db, 999)
    assert "inesistente" in exc.value.errors["richiesta"]


def test_the_requests_print_lists_the_chosen_state(db, office, tmp_path):
    rid = requests.record_request(db, office["rossi"], "ferie", D(2021, 6, 14), D(2021, 6, 15))
    requests.refuse_request(db, rid, "Esigenze di servizio", on=D(2021, 6, 2))
    text = " ".join(pdf_text(build_requests(db, tmp_path / "rifiutate.pdf", stato="rifiutata"),
                             layout=False).split())
    assert "Rossi Maria" in text and "il 02/06/2021: Esigenze di servizio" in text
    assert "dal 14/06/2021 al 15/06/2021" in text and "Bianchi Luca" not in text
    text = pdf_text(build_requests(db, tmp_path / "tutte.pdf"))
    assert "Rossi Maria" in text and "Bianchi Luca" in text
