"""The leave ledger on real SQLite archives (issue 16 items 1-2): allocation, uses, annulment,
rettifiche, carry-over and expiry are ledger rows; a balance is their sum; bad input is refused
naming the field with nothing saved (rows counted with raw sqlite3). Figures by hand in the
comments.

School year 2020/21. Monday 12/7/2021 - Friday 16/7/2021 is a whole week without holidays.
Five days of 07:30-14:42 = 7 h 12 min a day (432 minutes), 36 h a week.
"""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.access import ASSISTENTE_AMMINISTRATIVO
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_leave import leave_statement
from iiss_desktop.services.staff import leave, registry
from iiss_desktop.services.staff.roster import PatternInput, save_pattern
from tests.helpers.users import act_as_office

START, END = date(2020, 9, 1), date(2021, 8, 31)
FIVE = {wd: "07:30-14:42" for wd in range(5)}
SIX = {wd: "07:30-13:30" for wd in range(6)}
MON, FRI = date(2021, 7, 12), date(2021, 7, 16)


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


def _person(db, site_id, *, surname="Rossi", name="Maria", role="AA", since=date(2010, 9, 1),
            days=None, contract_end=None, part_time=100, born=date(1970, 3, 12)):
    pid = registry.save_person(db, {
        "surname": surname, "name": name, "role": role, "site_id": site_id,
        "service_since": since,
        "codice_fiscale": demo_codice_fiscale(surname, name, "F", born)})
    if contract_end:
        registry.add_contract(db, pid, kind="determinato_3006", starts_on=START,
                              ends_on=contract_end)
    else:
        registry.add_contract(db, pid, kind="indeterminato", starts_on=since,
                              part_time_percent=part_time)
    save_pattern(db, pid, PatternInput(START, contract_end or END, days or FIVE))
    return pid


@pytest.fixture
def rossi(db, sites):
    return _person(db, sites["SEDE"])


def _balance(db, pid, account, year=2020):
    found = leave_statement(db, pid, year).account(account)
    return found.balance if found else 0


def test_allocation_writes_one_row_per_account_with_its_arithmetic(db, rossi, db_path):
    out = leave.allocate_year(db, rossi, 2020, on=START)
    # 32 ferie (long service, whole year), 4 festività, 3 days and 18 h of permessi personali,
    # 8 days concorsi, 18 h visite, 36 h permessi brevi
    assert out == {"ferie": 3200, "festivita_soppresse": 400, "permessi_personali": 300,
                   "permessi_orari": 1080, "concorsi_esami": 800,
                   "visite_specialistiche": 1080, "permessi_brevi": 2160}
    st = leave_statement(db, rossi, 2020)
    ferie = st.account("ferie")
    assert ferie.balance_text == "32 gg"
    assert "32 × 12/12 = 32,00" in ferie.lines[0].description
    assert "32 gg = 26,67 giorni di assenza" in ferie.lines[0].description
    assert "vale 26,67 giorni di assenza (÷ 1,2)" in ferie.note
    with pytest.raises(ValidationError) as exc:
        leave.allocate_year(db, rossi, 2020)
    assert "già assegnati" in exc.value.errors["school_year"]
    assert _count(db_path, "staff_leave_entry") == 7
    assert verify(db).ok


def test_a_week_of_ferie_on_five_days_costs_six_days(db, rossi, db_path):
    leave.allocate_year(db, rossi, 2020, on=START)
    absence = leave.record_absence(db, rossi, "ferie", MON, FRI)
    # 5 working days × 1,20 = 6,00: 32 - 6 = 26
    assert _balance(db, rossi, "ferie") == 2600
    line = leave_statement(db, rossi, 2020).account("ferie").lines[-1]
    assert line.kind == "Fruizione" and line.amount == "-6 gg" and line.balance == "26 gg"
    assert line.description == ("Ferie: 5 giorni lavorativi dal 12/07 al 16/07; × 1,20 "
                                "(settimana di cinque giorni) = 6 gg")
    # annulled: a rettifica gives the 6 days back, nothing is deleted
    leave.annul_absence(db, absence, "Richiesta ritirata", on=date(2021, 7, 1))
    assert _balance(db, rossi, "ferie") == 3200
    assert _count(db_path, "staff_leave_entry") == 9        # 7 + use + rettifica
    assert leave_statement(db, rossi, 2020).absences[0][4].startswith("annullata il 01/07")
    with pytest.raises(ValidationError) as exc:
        leave.annul_absence(db, absence, "Di nuovo")
    assert "già stata annullata" in exc.value.errors["absence_id"]
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.DatabaseError):
        con.execute("DELETE FROM staff_leave_entry")
    assert verify(db).ok


def test_six_days_cost_one_each_and_holidays_do_not_count(db, sites):
    from iiss_desktop.services import school

    school.seed_calendar(db, 2021)
    pid = _person(db, sites["SEDE"], days=SIX)
    leave.allocate_year(db, pid, 2020, on=START)
    # Monday 31/5 - Saturday 5/6/2021: 6 days, Wednesday 2/6 Festa della Repubblica: 5
    leave.record_absence(db, pid, "ferie", date(2021, 5, 31), date(2021, 6, 5))
    assert _balance(db, pid, "ferie") == 2700                 # 32 - 5
    line = leave_statement(db, pid, 2020).account("ferie").lines[-1]
    assert line.description == ("Ferie: 5 giorni lavorativi dal 31/05 al 05/06; esclusi "
                                "02/06 (festività)")


@pytest.mark.parametrize(("cause", "start", "end", "minutes", "field", "words"), [
    # overlapping the week of ferie recorded first
    ("ferie", date(2021, 7, 15), date(2021, 7, 20), None, "starts_on", "già assente dal"),
    # 19/7 - 31/8: 10 + 22 weekdays = 32 × 1,2 = 38,40 against the 26 left
    ("ferie", date(2021, 7, 19), date(2021, 8, 31), None, "ends_on",
     "richiede 38,40 gg, il saldo dell'a.s. 2020/21 è 26 gg"),
    # 8 hours on a day of 7 h 12
    ("permesso_personale_ore", date(2021, 7, 19), None, 480, "minutes",
     "8 h superano l'orario del giorno (7 h 12 min)"),
    # a permesso breve of 4 h: over half of 7 h 12 (3 h 36)
    ("permesso_breve", date(2021, 7, 19), None, 240, "minutes",
     "al massimo 3 h 36 min su 7 h 12 min"),
    # across the end of the school year
    ("ferie", date(2021, 8, 30), date(2021, 9, 2), None, "ends_on",
     "fuori dall'anno scolastico 2020/21"),
    # a day-counted cause given in hours
    ("ferie", date(2021, 7, 19), None, 120, "minutes", "si conta a giorni"),
    # lutto: 3 days per event; Monday-Thursday 19-22/7 = 4 working days
    ("lutto", date(2021, 7, 19), date(2021, 7, 22), None, "ends_on", "al massimo 3 gg per evento"),
    # Saturday on a five-day pattern
    ("permesso_breve", date(2021, 7, 17), None, 60, "starts_on", "non è un giorno di lavoro"),
    ("nessuna", date(2021, 7, 19), None, None, "cause_id", "inesistente"),
])
def test_bad_absences_are_refused_naming_the_field(db, rossi, db_path, cause, start, end,
                                                   minutes, field, words):
    leave.allocate_year(db, rossi, 2020, on=START)
    leave.record_absence(db, rossi, "ferie", MON, FRI)
    before = (_count(db_path, "staff_absence"), _count(db_path, "staff_leave_entry"))
    with pytest.raises(ValidationError) as exc:
        leave.record_absence(db, rossi, cause, start, end, minutes=minutes)
    assert words in exc.value.errors[field]
    assert (_count(db_path, "staff_absence"), _count(db_path, "staff_leave_entry")) == before


def test_hours_are_taken_from_their_account(db, rossi):
    leave.allocate_year(db, rossi, 2020, on=START)
    leave.record_absence(db, rossi, "permesso_breve", date(2021, 7, 19), minutes=180)
    leave.record_absence(db, rossi, "permesso_personale_ore", date(2021, 7, 19), minutes=120)
    assert _balance(db, rossi, "permessi_brevi") == 36 * 60 - 180          # 33 h
    assert _balance(db, rossi, "permessi_orari") == 18 * 60 - 120          # 16 h
    # 3 h + 2 h already that day: 3 more would make 8 h on a day of 7 h 12
    with pytest.raises(ValidationError) as exc:
        leave.record_absence(db, rossi, "permesso_breve", date(2021, 7, 19), minutes=180)
    assert "si supera l'orario del giorno" in exc.value.errors["minutes"]


def test_a_cause_the_profile_cannot_use_is_refused(db, rossi, db_path):
    leave.allocate_year(db, rossi, 2020, on=START)
    audit = _count(db_path, "audit_log")
    changed = leave.update_cause(db, "permesso_personale_ore", profiles="cs")
    assert changed.profiles == "CS" and changed.edited
    assert _count(db_path, "audit_log") == audit + 1         # the change is in the log
    with pytest.raises(ValidationError) as exc:
        leave.record_absence(db, rossi, "permesso_personale_ore", MON, minutes=60)
    assert "non è prevista per il profilo «Assistente amministrativo»" in exc.value.errors[
        "cause_id"]
    with pytest.raises(ValidationError) as exc:
        leave.update_cause(db, "ferie", profiles="DOC")
    assert "Profilo «DOC» non previsto" in exc.value.errors["profiles"]
    with pytest.raises(ValidationError) as exc:
        leave.update_cause(db, "ferie", unit="ore")
    assert "unit" in exc.value.errors


def test_an_absence_outside_the_contract_is_refused(db, sites):
    pid = _person(db, sites["SEDE"], surname="Bianchi", contract_end=date(2021, 6, 30),
                  since=date(2020, 9, 1))
    out = leave.allocate_year(db, pid, 2020, on=START)
    # new staff (30) from 1/9/2020 to 30/6/2021: 10 months, 30 × 10/12 = 25
    assert out["ferie"] == 2500
    with pytest.raises(ValidationError) as exc:
        leave.record_absence(db, pid, "ferie", date(2021, 7, 5), date(2021, 7, 6))
    assert "non è in servizio" in exc.value.errors["starts_on"]


def test_vertical_part_time_and_a_rettifica(db, sites, db_path):
    # 50 %: three days of 6 h (Mon, Wed, Fri) = 18 h; 32 × 3/6 = 16
    pid = _person(db, sites["SEDE"], surname="Fontana", part_time=50,
                  days={0: "07:30-13:30", 2: "07:30-13:30", 4: "07:30-13:30"})
    assert leave.allocate_year(db, pid, 2020, on=START)["ferie"] == 1600
    # Monday 12 - Saturday 17/7: her working days are Mon, Wed, Fri: 3 days
    leave.record_absence(db, pid, "ferie", MON, date(2021, 7, 17))
    assert _balance(db, pid, "ferie") == 1300
    with pytest.raises(ValidationError) as exc:
        leave.correct_balance(db, pid, "ferie", 2020, "-14", "Errore")
    assert "lo porterebbe a -1 gg" in exc.value.errors["amount"]
    with pytest.raises(ValidationError) as exc:
        leave.correct_balance(db, pid, "ferie", 2020, "1", "  ")
    assert "motivo" in exc.value.errors["reason"]
    leave.correct_balance(db, pid, "ferie", 2020, "1,5", "Giorni della scuola precedente",
                          on=date(2021, 7, 20))
    assert _balance(db, pid, "ferie") == 1450
    line = leave_statement(db, pid, 2020).account("ferie").lines[-1]
    assert (line.kind, line.amount, line.balance) == ("Rettifica", "+1,50 gg", "14,50 gg")


def test_carry_over_and_expiry(db, rossi):
    leave.allocate_year(db, rossi, 2020, on=START)
    leave.record_absence(db, rossi, "ferie", MON, FRI)                # 26 left
    assert leave.carry_over(db, rossi, 2020) == 2600
    assert _balance(db, rossi, "ferie", 2020) == 0
    nxt = leave_statement(db, rossi, 2021).account("ferie")
    assert nxt.balance == 2600
    assert "da fruire entro il 30/04/2022" in nxt.lines[0].description
    with pytest.raises(ValidationError) as exc:
        leave.carry_over(db, rossi, 2020)
    assert "già state riportate" in exc.value.errors["school_year"]
    # the 2021/22 pattern is not recorded: six days assumed; Monday 10 - Wednesday 12/1/2022
    leave.record_absence(db, rossi, "ferie", date(2022, 1, 10), date(2022, 1, 12))
    with pytest.raises(ValidationError) as exc:
        leave.expire_carried(db, rossi, 2021, on=date(2022, 4, 30))
    assert "dal giorno successivo" in exc.value.errors["on"]
    # 26 carried - 3 taken by 30/4/2022 = 23 expire
    assert leave.expire_carried(db, rossi, 2021, on=date(2022, 5, 2)) == 2300
    assert _balance(db, rossi, "ferie", 2021) == 0
    assert verify(db).ok


def test_confidential_causes_are_for_the_dsga_and_the_dirigente(db, rossi):
    leave.record_absence(db, rossi, "malattia", date(2021, 3, 1), date(2021, 3, 3),
                         document_ref="PUC 123456789")
    assert leave_statement(db, rossi, 2020).absences[0][1] == "Malattia"
    act_as_office(db, "assistente", roles=(ASSISTENTE_AMMINISTRATIVO,))
    st = leave_statement(db, rossi, 2020)
    assert st.absences[0][1] == "Assenza" and st.absences[0][3] == ""
    with pytest.raises(ValidationError) as exc:
        leave.record_absence(db, rossi, "vaccino_covid", date(2021, 4, 6))
    assert "causa riservata" in exc.value.errors["cause_id"]


def test_verify_rebuilds_the_balances_from_the_rows(db, rossi, db_path):
    leave.allocate_year(db, rossi, 2020, on=START)
    absence = leave.record_absence(db, rossi, "ferie", MON, FRI)
    leave.annul_absence(db, absence, "Richiesta ritirata", on=date(2021, 7, 1))
    assert verify(db).ok
    # by hand, past the triggers: the allocation cut to 5 days (5 - 6 + 6 = 5, still >= 0)
    # and the rettifica of the annulled absence halved (-6 + 3 = -3, not zero)
    con = sqlite3.connect(db_path)
    triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND "
                           "tbl_name = 'staff_leave_entry'").fetchall()
    for name, _sql in triggers:
        con.execute(f"DROP TRIGGER {name}")
    con.execute("UPDATE staff_leave_entry SET amount = 300 WHERE kind = 'rettifica'")
    con.execute("UPDATE staff_leave_entry SET amount = -200 WHERE kind = 'assegnazione' "
                "AND account = 'permessi_personali'")
    for _name, sql in triggers:
        con.execute(sql)
    con.commit()
    con.close()
    found = [p.message for p in verify(db).problems]
    assert (f"Assenza {absence} di Rossi Maria, annullata: i movimenti di Ferie sommano "
            "-3 gg invece di zero") in found
    assert ("Permessi per motivi personali o familiari dell'a.s. 2020/21 di Rossi Maria: la "
            "somma dei movimenti è -2 gg, sotto zero") in found
