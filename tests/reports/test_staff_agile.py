"""«Accordo individuale di lavoro agile» and «Ordine di servizio» on the demo archive, read
back from the real PDF: the person, the days, the activities, the fascia di contattabilità,
the legal references and the signatures; the service order's pattern, Piano assignment and
days set by hand; wrong options refused naming them. Expected values are read from the demo
with raw sqlite3 or written in demo/staff_agile.py and demo/staff_roster.py."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import ValidationError
from tests.helpers.pdf import pdf_flat


def _build(db, tmp_path, name, **options):
    spec = next(r for r in all_reports() if r.name == name)
    return spec.build(db, tmp_path / f"{name}.pdf", **options)


def _person(path, surname):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT id, name, codice_fiscale FROM employee WHERE surname = ?",
                           (surname,)).fetchone()


def test_the_latest_agreement_of_the_demo_prints_for_signature(demo_db, demo_path, tmp_path):
    with sqlite3.connect(demo_path) as con:
        # the one signed last (the two of this year share the date: the higher id)
        (last,) = con.execute("SELECT e.surname FROM staff_agile_agreement a JOIN employee e "
                              "ON e.id = a.employee_id WHERE a.annulled_on IS NULL "
                              "ORDER BY a.signed_on DESC, a.id DESC LIMIT 1").fetchone()
    assert last == "Nowak"
    text = pdf_flat(_build(demo_db, tmp_path, "accordo-agile"), layout=False)
    start = date(date.today().year if date.today().month >= 9 else date.today().year - 1, 9, 1)
    june = date(start.year + 1, 6, 30)
    for expected in (
            "Accordo individuale di lavoro agile", "Nowak Łucja",
            "assistente amministrativo", "Prof.ssa Maria Grazia Colonna",
            f"dal {start:%d/%m/%Y} al {june:%d/%m/%Y}", "il venerdì di ogni settimana",
            "Protocollo informatico e smistamento della posta elettronica certificata",
            "Istruttoria degli acquisti sul MePA", "dalle 09:30 alle 12:30",
            "diritto alla disconnessione", "Dispositivi propri del dipendente",
            "art. 22 della legge 81/2017", "Titolo III «Lavoro a distanza», artt. 10-15",
            "non sono previste prestazioni aggiuntive (straordinario) né la fruizione di "
            "riposi compensativi o di permessi brevi",
            "Prot. n. 0004183/VII.1", "Il Dirigente scolastico", "Il/La dipendente",
            "pag. 1 di 2"):
        assert expected in text, expected
    assert "ANNULLATO" not in text


def test_an_agreement_by_its_id_and_an_annulled_one_says_so(demo_db, demo_path, tmp_path):
    from iiss_desktop.services.staff.agile import annul_agreement

    with sqlite3.connect(demo_path) as con:
        (old,) = con.execute("SELECT id FROM staff_agile_agreement ORDER BY signed_on "
                             "LIMIT 1").fetchone()
    annul_agreement(demo_db, old, "Registrato due volte", date(2026, 11, 30))
    text = pdf_flat(_build(demo_db, tmp_path, "accordo-agile", accordo=old), layout=False)
    assert "ACCORDO ANNULLATO il 30/11/2026: Registrato due volte" in text
    assert "De Santis Paola" in text and "il mercoledì di ogni settimana" in text
    with pytest.raises(ValidationError) as exc:
        _build(demo_db, tmp_path, "accordo-agile", accordo=9999)
    assert exc.value.errors == {"accordo": "Accordo di lavoro agile n. 9999 inesistente."}


def test_the_service_order_of_an_assistente_with_lavoro_agile(demo_db, demo_path, tmp_path):
    pid, name, cf = _person(demo_path, "De Santis")
    monday = date.today() - timedelta(days=date.today().weekday())
    text = pdf_flat(_build(demo_db, tmp_path, "ordine-servizio", persona=cf), layout=False)
    for expected in (
            "Ordine di servizio", f"De Santis {name}", cf, "Assistente amministrativo",
            "SEDE – Scuola secondaria di I grado", f"dal {monday:%d/%m/%Y} al "
            f"{monday + timedelta(days=6):%d/%m/%Y}",
            "Cinque giorni, lavoro agile il mercoledì", "Mercoledì Lavoro agile 07:30-14:42",
            "Sabato Libero",
            # the demo Piano (version 1, adopted on 5/10/2026) assigns her to the personnel office
            "versione 1, adottato il 05/10/2026 (prot. n. 0004512/VII.1)",
            "Ufficio: Segreteria del personale", "Lavoro agile Nei giorni di mercoledì",
            "fascia di contattabilità dalle 09:00 alle 12:00", "Prot. n.", "Il DSGA",
            "Dott. Alessandro Ferri", "Per ricevuta, il dipendente"):
        assert expected in text, expected
    # by id the same order
    assert f"De Santis {name}" in pdf_flat(_build(demo_db, tmp_path, "ordine-servizio",
                                                  persona=pid), layout=False)


def test_the_service_order_lists_the_days_set_by_hand_with_their_reason(demo_db, demo_path,
                                                                        tmp_path):
    from iiss_desktop.services.staff.roster import DayInput, set_roster_days

    pid, name, _cf = _person(demo_path, "Bianchi")
    day = date(2026, 10, 8)                                       # a Thursday
    set_roster_days(demo_db, [(pid, day)], DayInput("14:30-20:30 presidio", plesso="SEDE",
                                                    note="Open day della scuola"))
    text = pdf_flat(_build(demo_db, tmp_path, "ordine-servizio", persona=pid,
                           dal=date(2026, 10, 5), al=date(2026, 10, 11)))    # as laid out
    assert "Bianchi Rosaria" in text and "dal 05/10/2026 al 11/10/2026" in text
    assert ("Giovedì 08/10/2026 14:30-20:30 presidio Variazione: Open day della scuola"
            in text)
    assert "Venerdì 09/10/2026 07:30-13:30" in text and "Domenica 11/10/2026 Riposo" in text


@pytest.mark.parametrize(("options", "field", "words"), [
    ({"persona": "NESSUNO00X00X000X"}, "persona", "Nessun dipendente con identificativo"),
    ({"persona": None}, "persona", "Indicare il dipendente"),
    ({"persona": 2, "dal": date(2026, 10, 9), "al": date(2026, 10, 5)}, "al",
     "La data finale precede quella iniziale."),
    ({"persona": 2, "dal": date(2027, 8, 30), "al": date(2027, 9, 5)}, "al",
     "termina entro il 31/08/2027"),
])
def test_wrong_options_of_the_service_order_are_refused(demo_db, tmp_path, options, field,
                                                        words):
    with pytest.raises(ValidationError) as exc:
        _build(demo_db, tmp_path, "ordine-servizio", **options)
    assert words in exc.value.errors[field]
