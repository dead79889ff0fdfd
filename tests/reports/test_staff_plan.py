"""«Piano delle attività del personale ATA»: the real PDF of a draft and of the adopted version,
built from the service calls of tests/services/staff/test_plan.py and from the demo, read back
(tests/helpers/pdf.py)."""
from __future__ import annotations

from datetime import date

import pytest

from iiss_desktop.areas import all_reports
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.services.staff import plan
from tests.helpers.pdf import pdf_flat
from tests.helpers.staff_plan import draft_plan, make_office

SPEC = next(r for r in all_reports() if r.name == "piano-attivita")


@pytest.fixture
def office(db):
    return make_office(db)


def _print(db, tmp_path, **options) -> str:
    return pdf_flat(SPEC.build(db, tmp_path / "piano.pdf", **options), layout=False)


def test_a_draft_is_marked_bozza_and_has_every_section(db, tmp_path, office):
    draft_plan(db, office)
    text = _print(db, tmp_path, anno=2026)
    assert "Piano delle attività del personale ATA – a.s. 2026/27" in text
    assert "Versione 1 · BOZZA" in text
    assert "BOZZA – documento di lavoro non ancora adottato dal Dirigente scolastico" in text
    for title in ("1. Servizi e compiti per profilo",
                  "3. Articolazione dell'orario di lavoro",
                  "4. Orario di apertura al pubblico dello sportello",
                  "7. Piano di formazione", "8. Dotazione organica",
                  "9. Assegnazione del personale ai servizi e ai luoghi di lavoro"):
        assert title in text
    assert "Orario ordinario 7.30-14.42 dal lunedì al venerdì." in text
    assert "Sezione non compilata." in text                # six sections still empty
    assert "Totale posti 3" in text                        # 2 at SEDE + 1 at INF
    assert "Rossi Maria" in text and "Piano / reparto: Piano terra" in text
    assert "Il DSGA che propone" in text and "Il Dirigente scolastico che adotta" in text
    assert "Prot. n." not in text
    assert "pag. 1 di" in text


def test_the_adopted_version_prints_date_and_protocol(db, tmp_path, office):
    v1 = draft_plan(db, office)
    plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512/VII.1")
    text = _print(db, tmp_path, anno=2026, versione=1)
    assert "Versione 1 · adottato dal Dirigente" in text
    assert "Prot. n. 0004512/VII.1 del 05/10/2026" in text
    assert "adottato dal Dirigente scolastico il 05/10/2026, prot. n. 0004512/VII.1" in text
    assert "BOZZA" not in text


def test_a_missing_version_names_the_option(db, tmp_path, office):
    draft_plan(db, office)
    with pytest.raises(ValidationError) as refused:
        _print(db, tmp_path, anno=2026, versione=3)
    assert list(refused.value.errors) == ["versione"]
    with pytest.raises(ValidationError) as refused:
        _print(db, tmp_path, anno=2025)
    assert refused.value.errors == {"anno": "Nessun Piano delle attività per l'a.s. 2025/26."}


def test_the_demo_has_version_1_in_force_and_version_2_in_bozza(demo_path, tmp_path):
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.users import act_as

    db = open_database(demo_path)
    try:
        act_as(db, "dsga")
        in_force = _print(db, tmp_path, anno=2026)
        assert "Versione 1 · adottato dal Dirigente" in in_force
        assert "Prot. n. 0004512/VII.1 del 05/10/2026" in in_force
        assert "Greco Silvia" not in in_force
        draft = _print(db, tmp_path, anno=2026, versione=2)
        assert "Versione 2 · BOZZA" in draft and "Greco Silvia" in draft
    finally:
        db.dispose()


def test_the_front_desk_section_prints_the_openings_of_the_week(db, tmp_path, office):
    v1 = draft_plan(db, office)
    plan.set_front_desk(db, v1, [
        {"weekday": 0, "start": "8:30", "end": "10:30", "audience": "pubblico"},
        {"weekday": 3, "start": "14:30", "end": "16:30", "audience": "personale",
         "note": "Solo docenti"}])
    text = _print(db, tmp_path, anno=2026)
    start = text.index("4. Orario di apertura al pubblico dello sportello")
    section = text[start:text.index("5. ", start)]
    assert all(h in section for h in ("Giorno", "Orario", "Apertura per", "Note"))
    assert "lunedì 08:30–10:30 Pubblico" in section
    assert "giovedì 14:30–16:30 Personale della scuola Solo docenti" in section
    assert "Sezione non compilata." not in section
