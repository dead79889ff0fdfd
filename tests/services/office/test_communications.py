"""The office's contacts with outside bodies: referenti Covid per plesso, the register of
communications (annulled, never deleted), the surveys with their figures gathered from the
areas, checked against sums the tests compute themselves; the start page's deadlines."""
from __future__ import annotations

import sqlite3
from datetime import date, datetime, timedelta

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries import office_comms as q
from iiss_desktop.services import office_comms as svc

TODAY = date.today()


def _count(path, table: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT COUNT(*) FROM {table}").fetchone()[0]


def _comm(**over):
    args = dict(day=date(2021, 3, 2), direction="ricevuta", body="ASL", channel="PEC",
                subject="Richiesta elenco contatti scolastici classe 2B",
                summary="Richiesta pervenuta; elenco trasmesso al referente Covid.",
                protocol="1234/2021")
    args.update(over)
    return svc.CommunicationInput(**args)


def _survey(**over):
    args = dict(title="Rilevazione DPI", body="Ministero dell'Istruzione", kind="dpi",
                period_from=date(2021, 5, 1), period_to=date(2021, 6, 30),
                deadline=date(2021, 7, 15), reference="Nota MI 1/2021")
    args.update(over)
    return svc.SurveyInput(**args)


# --- communications -----------------------------------------------------------------------

def test_a_communication_is_registered_with_who_and_annulled_with_a_reason(db, db_path):
    cid = svc.record_communication(db, _comm())
    [row] = q.communications(db)
    assert (row.body, row.channel, row.protocol, row.recorded_by) == (
        "ASL", "PEC", "1234/2021", "mrossi")
    with pytest.raises(ValidationError) as refused:
        svc.annul_communication(db, cid, "  ")
    assert "reason" in refused.value.errors
    svc.annul_communication(db, cid, "Registrata due volte")
    [row] = q.communications(db)              # still in the register, marked
    assert row.annulled and row.annul_reason == "Registrata due volte"
    assert q.communications(db, include_annulled=False) == []
    with pytest.raises(ValidationError):
        svc.annul_communication(db, cid, "ancora")
    assert _count(db_path, "office_communication") == 1
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="non si cancellano"):
        con.execute("DELETE FROM office_communication")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="si annulla con il motivo"):
        con.execute("UPDATE office_communication SET subject = 'altro'")


@pytest.mark.parametrize(("over", "field"), [
    ({"subject": "  "}, "subject"),
    ({"body": ""}, "body"),
    ({"body": "Questura"}, "body"),
    ({"channel": "Piccione"}, "channel"),
    ({"direction": ""}, "direction"),
    ({"day": None}, "day"),
    ({"day": TODAY + timedelta(days=2)}, "day"),
    ({"summary": "x" * 301}, "summary"),
])
def test_bad_communications_are_refused_naming_the_field(db, db_path, over, field):
    with pytest.raises(ValidationError) as refused:
        svc.record_communication(db, _comm(**over))
    assert field in refused.value.errors
    assert refused.value.errors[field][0].isupper()       # an Italian sentence
    assert _count(db_path, "office_communication") == 0


# --- referenti Covid ----------------------------------------------------------------------

def _site(path, code="SEDE", name="Sede centrale") -> int:
    with sqlite3.connect(path) as con:
        cur = con.execute("INSERT INTO site (code, name, kind, codice_meccanografico, indirizzo, "
                          "comune, is_main, active) VALUES (?, ?, '', '', '', '', 0, 1)",
                          (code, name))
        return cur.lastrowid


def test_referents_are_a_history_per_plesso(db, db_path):
    site = _site(db_path)
    first = svc.add_referent(db, svc.ReferentInput(site, "Maria Bianchi", date(2020, 9, 1),
                                                   staff_role="docente", phone="0123",
                                                   email="m.bianchi@scuola.it"))
    svc.end_referent(db, first, date(2021, 1, 31))
    svc.add_referent(db, svc.ReferentInput(site, "Luigi Verdi", date(2021, 2, 1)))
    rows = q.referents(db)
    assert [(r.person_name, r.valid_to) for r in rows] == [
        ("Luigi Verdi", None), ("Maria Bianchi", date(2021, 1, 31))]
    assert [r.person_name for r in q.referents(db, current_on=date(2020, 12, 1))] == [
        "Maria Bianchi"]
    with pytest.raises(ValidationError) as refused:
        svc.end_referent(db, first, date(2021, 3, 1))
    assert "valid_to" in refused.value.errors
    for data, field in ((svc.ReferentInput(None, "X", date(2021, 1, 1)), "site_id"),
                        (svc.ReferentInput(site, " ", date(2021, 1, 1)), "person_name"),
                        (svc.ReferentInput(site, "X", None), "valid_from"),
                        (svc.ReferentInput(site, "X", date(2021, 1, 1), email="no"), "email")):
        with pytest.raises(ValidationError) as refused:
            svc.add_referent(db, data)
        assert field in refused.value.errors
    assert _count(db_path, "office_covid_referent") == 2


# --- surveys: input and lifecycle ---------------------------------------------------------

@pytest.mark.parametrize(("over", "field"), [
    ({"title": ""}, "title"),
    ({"kind": "altro"}, "kind"),
    ({"period_from": None}, "period_from"),
    ({"period_to": date(2021, 4, 1)}, "period_to"),
    ({"deadline": date(2021, 4, 30)}, "deadline"),
    ({"deadline": None}, "deadline"),
])
def test_bad_surveys_are_refused_naming_the_field(db, db_path, over, field):
    with pytest.raises(ValidationError) as refused:
        svc.create_survey(db, _survey(**over))
    assert field in refused.value.errors
    assert _count(db_path, "office_survey") == 0


def test_a_survey_is_gathered_verified_and_sent_in_order(db, db_path):
    sid = svc.create_survey(db, _survey())
    with pytest.raises(ValidationError) as refused:
        svc.send_survey(db, sid, sent_on=date(2021, 7, 10), channel="Piattaforma")
    assert "state" in refused.value.errors and "verificat" in refused.value.errors["state"]
    with pytest.raises(ValidationError) as refused:
        svc.verify_survey(db, sid)
    assert "Raccogliere" in refused.value.errors["state"]
    assert _count(db_path, "office_communication") == 0
    assert svc.gather_survey(db, sid, at=datetime(2021, 7, 8, 9, 0)) == 1   # only receipts
    with pytest.raises(ValidationError) as refused:
        svc.verify_survey(db, sid, at=datetime(2021, 7, 7, 9, 0))
    assert "at" in refused.value.errors                 # checked before it was gathered
    svc.verify_survey(db, sid, at=datetime(2021, 7, 8, 12, 0))
    with pytest.raises(ValidationError):
        svc.gather_survey(db, sid)                      # frozen once verified
    with pytest.raises(ValidationError) as refused:
        svc.send_survey(db, sid, sent_on=date(2021, 4, 1), channel="Piattaforma")
    assert "sent_on" in refused.value.errors
    with pytest.raises(ValidationError) as refused:     # sent before it was verified
        svc.send_survey(db, sid, sent_on=date(2021, 7, 7), channel="Piattaforma")
    assert "sent_on" in refused.value.errors
    cid = svc.send_survey(db, sid, sent_on=date(2021, 7, 10), channel="Piattaforma",
                          protocol="2222/2021")
    s = q.survey(db, sid)
    assert (s.state, s.sent_on, s.sent_protocol, s.sent_by) == (
        "inviata", date(2021, 7, 10), "2222/2021", "mrossi")
    assert s.verified_by == "mrossi" and s.gathered_by == "mrossi"
    [comm] = q.communications(db)
    assert (comm.id, comm.direction, comm.survey_id, comm.protocol) == (
        cid, "inviata", sid, "2222/2021")
    with pytest.raises(ValidationError):
        svc.reopen_survey(db, sid)


# --- figures equal sums the test computes over the areas ----------------------------------

def _figures(db, kind, start, end) -> dict[tuple[str, str], int]:
    sid = svc.create_survey(db, _survey(kind=kind, period_from=start, period_to=end,
                                        deadline=end))
    svc.gather_survey(db, sid)
    return {(f.section, f.label): f.value for f in q.survey(db, sid).figures}


def test_absence_figures_equal_the_sums_over_absences_made_here(db, db_path):
    with sqlite3.connect(db_path) as con:
        site = con.execute("INSERT INTO site (code, name, kind, codice_meccanografico, "
                           "indirizzo, comune, is_main, active) "
                           "VALUES ('S', 'Sede', '', '', '', '', 1, 1)").lastrowid
        emp = [con.execute("INSERT INTO employee (surname, name, role, contract, site_id, "
                           "email, active) VALUES (?, 'X', 'DOC', 'TI', ?, '', 1)",
                           (n, site)).lastrowid for n in ("Uno", "Due")]
        causes = {}
        for code, name in (("MAL", "Malattia"), ("FER", "Ferie")):
            causes[code] = con.execute(
                "INSERT INTO staff_absence_cause (code, name, unit, paid_percent, pay_rule, "
                "counts_towards, period, counting, half_day_max, profiles, document, "
                "confidential, source, confidence, edited, active) VALUES (?, ?, 'giorni', 100, "
                "'', '', '', 'lavorativi', 0, '', '', 0, '', 'U', 0, 1)", (code, name)).lastrowid

        def absence(e, c, a, b, annulled=None):
            con.execute("INSERT INTO staff_absence (employee_id, cause_id, starts_on, ends_on, "
                        "document_ref, note, annulled_on, annul_reason) VALUES (?, ?, ?, ?, '', "
                        "'', ?, '')", (e, causes[c], a, b, annulled))
        absence(emp[0], "MAL", "2021-02-26", "2021-03-03")   # 3 days in March
        absence(emp[0], "MAL", "2021-03-10", "2021-03-11")   # 2
        absence(emp[1], "MAL", "2021-03-30", "2021-04-05")   # 2 (30, 31)
        absence(emp[1], "FER", "2021-03-15", "2021-03-15")   # 1
        absence(emp[1], "FER", "2021-03-16", "2021-03-19", annulled="2021-03-12")  # annulled
        absence(emp[0], "FER", "2021-04-02", "2021-04-03")   # outside
    got = _figures(db, "assenze", date(2021, 3, 1), date(2021, 3, 31))
    days = "Giorni di assenza nel periodo (di calendario)"
    assert got[("Malattia", "Assenze registrate")] == 3
    assert got[("Malattia", "Dipendenti assenti")] == 2
    assert got[("Malattia", days)] == 3 + 2 + 2
    assert got[("Ferie", "Assenze registrate")] == 1
    assert got[("Ferie", days)] == 1
    assert got[("Totale", days)] == 8 and got[("Totale", "Assenze registrate")] == 4


def test_absence_figures_equal_an_independent_sum_over_the_demo(demo_db, demo_path):
    start, end = date(2020, 9, 1), date(2021, 8, 31)
    with sqlite3.connect(demo_path) as con:
        expected = dict(con.execute(
            "SELECT c.name, SUM(julianday(MIN(a.ends_on, :e)) - julianday(MAX(a.starts_on, :s))"
            " + 1) FROM staff_absence a JOIN staff_absence_cause c ON c.id = a.cause_id "
            "WHERE a.annulled_on IS NULL AND a.starts_on <= :e AND a.ends_on >= :s "
            "GROUP BY c.name", {"s": start.isoformat(), "e": end.isoformat()}).fetchall())
    assert expected, "the demo has absences in the school year"
    got = _figures(demo_db, "assenze", start, end)
    days = "Giorni di assenza nel periodo (di calendario)"
    assert {k[0]: v for k, v in got.items() if k[1] == days and k[0] != "Totale"} == {
        name: int(v) for name, v in expected.items()}


def test_dpi_figures_equal_an_independent_sum_over_the_demo(demo_db, demo_path):
    start, end = date(2021, 1, 1), date(2026, 12, 31)
    with sqlite3.connect(demo_path) as con:
        # Each DPI receipt in force (not annulled by a storno): minus its lines' quantities.
        expected = dict(con.execute(
            "SELECT a.code || ' ' || a.description, -SUM(l.quantity) "
            "FROM warehouse_movement m, warehouse_movement_line l, warehouse_article a "
            "WHERE l.movement_id = m.id AND a.id = l.article_id AND m.kind = 'dpi' "
            "AND m.movement_date BETWEEN ? AND ? AND m.id NOT IN (SELECT annuls_movement_id "
            "FROM warehouse_movement WHERE annuls_movement_id IS NOT NULL) "
            "GROUP BY a.code, a.description", (start.isoformat(), end.isoformat())).fetchall())
        receipts = con.execute(
            "SELECT COUNT(*) FROM warehouse_movement WHERE kind = 'dpi' AND movement_date "
            "BETWEEN ? AND ? AND id NOT IN (SELECT annuls_movement_id FROM warehouse_movement "
            "WHERE annuls_movement_id IS NOT NULL)", (start.isoformat(), end.isoformat())
        ).fetchone()[0]
    assert expected
    got = _figures(demo_db, "dpi", start, end)
    assert {k[1]: v for k, v in got.items() if k[0] == "DPI distribuiti per articolo"} == expected
    assert got[("Totale", "Ricevute di consegna DPI")] == receipts


def test_loan_figures_equal_an_independent_count_over_the_demo(demo_db, demo_path):
    start, end = date(2025, 9, 1), date(2026, 6, 30)
    with sqlite3.connect(demo_path) as con:
        valid = ("NOT EXISTS (SELECT 1 FROM register_entry x WHERE x.annuls_id = l.entry_id)")
        made, made_items = con.execute(
            f"SELECT COUNT(DISTINCT l.id), COUNT(i.id) FROM loan l LEFT JOIN loan_item i "
            f"ON i.loan_id = l.id WHERE {valid} AND l.start BETWEEN ? AND ?",
            (start.isoformat(), end.isoformat())).fetchone()
        out, out_items = con.execute(
            f"SELECT COUNT(DISTINCT l.id), COUNT(i.id) FROM loan l LEFT JOIN loan_item i "
            f"ON i.loan_id = l.id WHERE {valid} AND l.start <= :e "
            f"AND (l.returned_on IS NULL OR l.returned_on > :e)", {"e": end.isoformat()}
        ).fetchone()
    assert made
    got = {k[1]: v for k, v in _figures(demo_db, "comodati", start, end).items()}
    assert got["Contratti di comodato stipulati nel periodo"] == made
    assert got["Dispositivi concessi nel periodo"] == made_items
    assert got["Contratti in corso al 30/06/2026"] == out
    assert got["Dispositivi in comodato al 30/06/2026"] == out_items


def test_fund_figures_equal_an_independent_sum_over_the_demo(demo_db, demo_path):
    start, end = date(2021, 1, 1), date(2021, 12, 31)
    with sqlite3.connect(demo_path) as con:
        committed = con.execute("SELECT SUM(amount) FROM funds_commitment WHERE committed_on "
                                "BETWEEN ? AND ?", (start.isoformat(), end.isoformat())
                                ).fetchone()[0]
        paid = con.execute("SELECT SUM(amount) FROM funds_payment_order WHERE issued_on "
                           "BETWEEN ? AND ?", (start.isoformat(), end.isoformat())).fetchone()[0]
        earmarked = con.execute(
            "SELECT f.name, SUM(c.amount) FROM funds_commitment c JOIN funds_earmarked f "
            "ON f.id = c.earmarked_id WHERE c.committed_on BETWEEN ? AND ? GROUP BY f.name",
            (start.isoformat(), end.isoformat())).fetchall()
    assert committed and paid and earmarked
    got = _figures(demo_db, "fondi", start, end)
    # amounts are kept in cents in the archive (models/types.Cents)
    assert got[("Totale", "Impegnato nel periodo")] == committed
    assert got[("Totale", "Pagato nel periodo (mandati)")] == paid
    for fund, cents in earmarked:
        assert sum(v for (section, label), v in got.items() if f"«{fund}»" in section
                   and label == "Impegnato nel periodo") == cents


def test_a_corrected_figure_keeps_the_gathered_value_and_its_note(demo_db):
    sid = svc.create_survey(demo_db, _survey(kind="fondi", period_from=date(2021, 1, 1),
                                             period_to=date(2021, 12, 31),
                                             deadline=date(2022, 1, 31)))
    svc.gather_survey(demo_db, sid)
    fig = q.survey(demo_db, sid).figures[0]
    with pytest.raises(ValidationError) as refused:
        svc.correct_figure(demo_db, fig.id, "12,50", "")
    assert "note" in refused.value.errors
    with pytest.raises(ValidationError) as refused:
        svc.correct_figure(demo_db, fig.id, "dodici", "errore")
    assert "value" in refused.value.errors
    svc.correct_figure(demo_db, fig.id, "1.234,50", "Impegno n. 3 imputato per errore")
    after = q.survey(demo_db, sid).figures[0]
    assert (after.value, after.gathered, after.corrected) == (123450, fig.gathered, True)
    assert after.value_text == "1.234,50"
    assert q.survey(demo_db, sid).corrections == 1


# --- start page ---------------------------------------------------------------------------

def test_deadlines_of_surveys_not_sent_go_to_the_start_page(db):
    from iiss_desktop.queries.home import home_items

    start = TODAY - timedelta(days=60)
    near = svc.create_survey(db, _survey(title="Vicino", kind="generico", period_from=start,
                                         period_to=TODAY, deadline=TODAY + timedelta(days=2)))
    svc.create_survey(db, _survey(title="Lontano", kind="generico", period_from=start,
                                  period_to=TODAY, deadline=TODAY + timedelta(days=40)))
    svc.create_survey(db, _survey(title="Tra dieci giorni", kind="generico", period_from=start,
                                  period_to=TODAY, deadline=TODAY + timedelta(days=10)))
    sent = svc.create_survey(db, _survey(title="Inviato", kind="generico", period_from=start,
                                         period_to=TODAY, deadline=TODAY + timedelta(days=1)))
    svc.verify_survey(db, sent)
    svc.send_survey(db, sent, sent_on=TODAY, channel="PEC")
    svc.create_survey(db, _survey(title="Scaduto", kind="generico", period_from=start,
                                  period_to=TODAY, deadline=TODAY - timedelta(days=1)))
    items = {i.title: i for i in home_items(db, TODAY) if i.kind == "monitoraggio"}
    assert set(items) == {"Monitoraggio: Vicino", "Monitoraggio: Tra dieci giorni",
                          "Monitoraggio: Scaduto"}
    assert items["Monitoraggio: Scaduto"].level == "warning"
    assert "scaduto" in items["Monitoraggio: Scaduto"].detail
    assert items["Monitoraggio: Vicino"].level == "warning"
    assert "scade tra 2 giorni" in items["Monitoraggio: Vicino"].detail
    assert items["Monitoraggio: Tra dieci giorni"].level == "info"
    assert {i.target for i in items.values()} == {"office:surveys"}
    svc.verify_survey(db, near)
    assert "Monitoraggio: Vicino" in {i.title for i in home_items(db, TODAY)}
