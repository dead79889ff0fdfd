"""The prints of the front desk on the demo: the privacy notice (GDPR art. 13), the register
of a day, and the extract for the ASL, whose printing is recorded."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.domain.access import PermissionDenied
from iiss_desktop.domain.dates import format_date, format_date_long
from iiss_desktop.queries.office import visits_of_day
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.services import office as svc
from iiss_desktop.services.users import act_as
from tests.helpers.pdf import pdf_flat


def test_the_privacy_notice_names_the_school_the_purpose_the_retention_and_rights(
        demo_db, tmp_path):
    text = pdf_flat(get_report("informativa-visitatori").build(demo_db, tmp_path / "i.pdf"))
    assert "art. 13 del Regolamento (UE) 2016/679" in text
    assert "Titolare del trattamento Istituto Comprensivo «Gianni Rodari»" in text
    assert "misure di sanità pubblica" in text
    assert "conservati per 14 giorni (valore predefinito)" in text
    assert "reclamo al Garante" in text
    assert "copie di sicurezza cifrate" in text and "conservate per circa 12 mesi" in text
    svc.set_retention_days(demo_db, 21)
    # this PC's rotation keeps 7 daily and 3 weekly copies, no monthly one: about 3 weeks
    from iiss_desktop.domain.backup_rotation import Retention
    from iiss_desktop.services import backups

    backups.save_backup_settings(demo_db, folder=str(tmp_path),
                                 retention=Retention(daily=7, weekly=3, monthly=0))
    text = pdf_flat(get_report("informativa-visitatori").build(demo_db, tmp_path / "j.pdf"))
    assert "conservati per 21 giorni dalla visita" in text
    assert "conservate per circa 3 settimane" in text


def test_the_day_register_lists_the_day_visits(demo_db, demo_path, tmp_path):
    with sqlite3.connect(demo_path) as con:
        (last,) = con.execute("SELECT max(day) FROM office_visit").fetchone()
    day = date.fromisoformat(last)      # today, unless the demo was built on a closed day
    visits = visits_of_day(demo_db, day)
    text = pdf_flat(get_report("registro-visitatori").build(demo_db, tmp_path / "r.pdf",
                                                            data=day))
    assert f"Registro dei visitatori – {format_date_long(day)}" in text
    assert f"{len(visits)} visite" in text
    for v in visits:
        assert f"{v.visitor_name} {format_date(v.birth_date)}" in text


def test_the_extract_is_printed_and_recorded(demo_db, demo_path, tmp_path):
    today = date.today()
    out = get_report("estratto-visitatori").build(demo_db, tmp_path / "e.pdf",
                                                  dal=today - timedelta(days=14), al=today)
    text = pdf_flat(out)
    assert "Estratto del registro dei visitatori per l'autorità sanitaria" in text
    assert "l'estrazione è registrata" in text
    with sqlite3.connect(demo_path) as con:
        (row,) = con.execute("SELECT by_name, date_from, date_to, visits FROM office_extract")
        reason = con.execute("SELECT reason FROM audit_log ORDER BY id DESC LIMIT 1").fetchone()
    assert row[1:3] == ((today - timedelta(days=14)).isoformat(), today.isoformat())
    assert row[3] > 0 and f"{row[3]} visite" in reason[0] and "Visite dal" in text


def test_an_assistente_prints_the_register_but_not_the_extract(demo_db, tmp_path):
    act_as(demo_db, "amministrativo")
    get_report("registro-visitatori").build(demo_db, tmp_path / "r.pdf")
    with pytest.raises(PermissionDenied):
        get_report("estratto-visitatori").build(demo_db, tmp_path / "e.pdf",
                                                dal=date.today(), al=date.today())
