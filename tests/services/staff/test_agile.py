"""Lavoro agile agreements (CCNL 2019-21 artt. 10-16) on real SQLite archives: what cannot be
an agreement is refused with nothing saved (rows counted with raw sqlite3), what is signed is
in the change log, an agreement is annulled with a reason and never deleted, and the roster
flags a day of lavoro agile that no agreement covers.

School year 2026/27 starts on Tuesday 1/9/2026; the week used is Monday 5/10 - Sunday 11/10,
so Wednesday is 7/10 and Friday 9/10.
"""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.demo.staff import demo_codice_fiscale
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.staff_agile import agreements_of
from iiss_desktop.queries.staff_roster import roster
from iiss_desktop.services import school
from iiss_desktop.services.staff import registry
from iiss_desktop.services.staff.agile import annul_agreement, sign_agreement
from iiss_desktop.services.staff.roster import DayInput, PatternInput, save_pattern, set_roster_days

YEAR_START, JUNE = date(2026, 9, 1), date(2027, 6, 30)
MON, WED, FRI = date(2026, 10, 5), date(2026, 10, 7), date(2026, 10, 9)
FIVE = {wd: "07:30-14:42" for wd in range(5)}                     # 5 × 7 h 12 = 36 h


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


@pytest.fixture
def site(db):
    return school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})


def _person(db, site_id, surname="De Santis", name="Paola", role="AA",
            born=date(1975, 4, 2), contract=True):
    pid = registry.save_person(db, {
        "surname": surname, "name": name, "role": role, "site_id": site_id,
        "codice_fiscale": demo_codice_fiscale(surname, name, "F", born)})
    if contract:
        registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    return pid


def _sign(db, pid, **kw):
    values = dict(signed_on=date(2026, 9, 1), valid_from=date(2026, 9, 1), valid_to=JUNE,
                  weekdays="mercoledì", activities="Gestione del protocollo informatico\n"
                                                   "Pratiche di ricostruzione di carriera",
                  contact_band="09:00-12:00", tools="istituto", protocol="0004601/VII.1")
    values.update(kw)
    return sign_agreement(db, pid, **values)


def test_an_agreement_is_signed_listed_and_written_in_the_change_log(db, site, db_path):
    pid = _person(db, site)
    before = _count(db_path, "audit_log")
    new_id = _sign(db, pid, weekdays=frozenset({2, 4}), contact_band="9-12")
    (row,) = agreements_of(db, pid)
    assert row.id == new_id and row.weekdays == frozenset({2, 4})
    assert row.days_label == "mercoledì, venerdì"
    assert row.contact_band == "09:00-12:00"                    # written as the grid writes it
    assert row.activities == ("Gestione del protocollo informatico",
                              "Pratiche di ricostruzione di carriera")
    assert row.tools_label == "Dotazione informatica fornita dall'istituto"
    assert row.state(date(2026, 12, 1)) == "in vigore"
    with sqlite3.connect(db_path) as con:
        entity, action, reason = con.execute(
            "SELECT entity, action, reason FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert _count(db_path, "audit_log") == before + 1
    assert (entity, action) == ("staff_agile_agreement", "insert")
    assert reason == "Accordo individuale di lavoro agile"
    assert verify(db).ok


@pytest.mark.parametrize(("kw", "field", "words"), [
    ({"valid_from": date(2027, 1, 10), "valid_to": date(2027, 1, 9)}, "valid_to",
     "L'accordo termina il 09/01/2027, prima di iniziare il 10/01/2027."),
    ({"weekdays": ""}, "weekdays", "Indicare i giorni di lavoro agile"),
    ({"weekdays": "domenica"}, "weekdays", "da lunedì a sabato"),
    ({"weekdays": "festa"}, "weekdays", "non è un giorno della settimana"),
    ({"activities": "  \n "}, "activities", "è obbligatorio"),
    ({"contact_band": "nove-dodici"}, "contact_band", "non è una fascia oraria"),
    # 7 h 12 is the average day of 36 h over five days: 08:00-15:13 is one minute more
    ({"contact_band": "08:00-15:13"}, "contact_band", "non può superare l'orario medio "
                                                      "giornaliero di lavoro (7 h 12 min"),
    ({"contact_band": "21:00-23:00"}, "contact_band", "fascia di inoperabilità notturna"),
    ({"tools": "tablet"}, "tools", "non è un valore ammesso"),
    ({"signed_on": date(2026, 9, 10)}, "valid_from", "decorre dalla sottoscrizione"),
    ({"signed_on": date.today() + timedelta(days=1),
      "valid_from": date.today() + timedelta(days=1)}, "signed_on", "non può essere futura"),
])
def test_what_cannot_be_an_agreement_is_refused_and_nothing_saved(db, site, db_path, kw,
                                                                  field, words):
    pid = _person(db, site)
    before = _count(db_path, "audit_log")
    with pytest.raises(ValidationError) as exc:
        _sign(db, pid, **kw)
    assert field in exc.value.errors, exc.value.errors
    assert words in exc.value.errors[field]
    assert _count(db_path, "staff_agile_agreement") == 0
    assert _count(db_path, "audit_log") == before


def test_a_collaboratore_scolastico_cannot_have_an_agreement(db, site, db_path):
    pid = _person(db, site, "Popescu", "Elena", role="CS", born=date(1980, 5, 5))
    with pytest.raises(ValidationError) as exc:
        _sign(db, pid)
    assert exc.value.errors["profile"].startswith(
        "Il lavoro agile non è previsto per il profilo «Collaboratore scolastico»")
    assert _count(db_path, "staff_agile_agreement") == 0


def test_the_agreement_stays_within_the_contract(db, site, db_path):
    pid = _person(db, site, contract=False)
    with pytest.raises(ValidationError) as exc:                    # no contract at all
        _sign(db, pid)
    assert exc.value.errors["valid_from"] == (
        "Il 01/09/2026 De Santis Paola non ha un contratto in corso: l'accordo di lavoro "
        "agile decorre da un giorno di servizio.")
    # a supplenza to 31/1 and its proroga to 30/4: one service, the agreement may not go on
    first = registry.add_contract(db, pid, kind="supplenza_breve", starts_on=YEAR_START,
                                  ends_on=date(2027, 1, 31))
    registry.extend_contract(db, first, until=date(2027, 4, 30))
    with pytest.raises(ValidationError) as exc:
        _sign(db, pid)
    assert exc.value.errors["valid_to"] == (
        "Il contratto di De Santis Paola termina il 30/04/2027: l'accordo di lavoro agile "
        "non può andare oltre la fine del contratto.")
    assert _count(db_path, "staff_agile_agreement") == 0
    _sign(db, pid, valid_to=date(2027, 4, 30))                    # across the proroga: fine
    assert _count(db_path, "staff_agile_agreement") == 1


def test_overlap_refused_annul_needs_a_reason_and_nothing_is_deleted(db, site, db_path):
    pid = _person(db, site)
    first = _sign(db, pid)
    with pytest.raises(ValidationError) as exc:                    # January inside the first
        _sign(db, pid, signed_on=date(2026, 11, 2), valid_from=date(2026, 11, 2),
              valid_to=date(2027, 1, 31), weekdays="venerdì")
    assert exc.value.errors["valid_from"] == (
        "Dal 01/09/2026 al 30/06/2027 De Santis Paola ha già un accordo di lavoro agile "
        "(sottoscritto il 01/09/2026): annullarlo prima di registrarne uno nuovo negli "
        "stessi giorni.")
    assert _count(db_path, "staff_agile_agreement") == 1
    before = _count(db_path, "audit_log")
    for reason in ("", "   "):
        with pytest.raises(ValidationError) as exc:
            annul_agreement(db, first, reason)
        assert exc.value.errors["reason"] == "Indicare il motivo dell'annullamento dell'accordo."
    assert _count(db_path, "audit_log") == before
    annul_agreement(db, first, "Recesso della dipendente con preavviso", date(2026, 11, 1))
    with pytest.raises(ValidationError) as exc:
        annul_agreement(db, first, "Di nuovo")
    assert exc.value.errors["agreement_id"] == "L'accordo è già stato annullato il 01/11/2026."
    (row,) = agreements_of(db, pid)
    assert row.state(date(2026, 12, 1)) == "annullato: Recesso della dipendente con preavviso"
    # the annulled agreement no longer counts: a new one on the same days is signed
    _sign(db, pid, signed_on=date(2026, 11, 2), valid_from=date(2026, 11, 2), weekdays="ven")
    assert [r.annulled_on for r in agreements_of(db, pid)] == [date(2026, 11, 1), None]
    # the database itself refuses deleting an agreement or changing its days
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="non si cancellano"):
        con.execute("DELETE FROM staff_agile_agreement")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="non si modifica"):
        con.execute("UPDATE staff_agile_agreement SET weekdays = '0'")
    assert verify(db).ok


def _week(db):
    return roster(db, MON, MON + timedelta(days=6))


def test_the_roster_flags_a_lavoro_agile_day_without_an_agreement(db, site):
    pid = _person(db, site)
    save_pattern(db, pid, PatternInput(YEAR_START, JUNE, FIVE, agile_weekdays=frozenset({2})))
    view = _week(db)
    assert view.cell(pid, WED).lavoro_agile
    assert view.cell(pid, WED).problems == (
        "Mercoledì 07/10/2026: lavoro agile in un giorno non previsto da un accordo "
        "individuale (CCNL 2019-21 art. 13).",)
    assert view.problem_count == 1
    # the agreement for Wednesdays: the cell is clean
    _sign(db, pid)
    view = _week(db)
    assert view.cell(pid, WED).problems == () and view.problem_count == 0
    # a Friday of lavoro agile set by hand is outside the agreement's days
    set_roster_days(db, [(pid, FRI)], DayInput("07:30-14:42", lavoro_agile=True))
    view = _week(db)
    assert view.cell(pid, WED).problems == ()
    assert view.cell(pid, FRI).problems == (
        "Venerdì 09/10/2026: lavoro agile in un giorno non previsto da un accordo "
        "individuale (CCNL 2019-21 art. 13).",)


def test_an_annulled_agreement_covers_no_day(db, site):
    pid = _person(db, site)
    save_pattern(db, pid, PatternInput(YEAR_START, JUNE, FIVE, agile_weekdays=frozenset({2})))
    annul_agreement(db, _sign(db, pid), "Registrato per errore")
    assert len(_week(db).cell(pid, WED).problems) == 1
