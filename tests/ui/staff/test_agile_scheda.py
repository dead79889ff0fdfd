"""The «Lavoro agile» tab of a person's scheda with real widgets on a real archive: a new
agreement from its form (bad input refused next to the field in Italian, nothing saved; good
input listed at once), annulled with a reason, and the actions hidden from who may not sign."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.demo.staff import demo_codice_fiscale
from tests.helpers.ui import fill_next_form

pytestmark = pytest.mark.usefixtures("errors_raise")
CF = demo_codice_fiscale("De Santis", "Paola", "F", date(1975, 4, 2))
GOOD = {"signed_on": date(2026, 9, 1), "valid_from": date(2026, 9, 1),
        "valid_to": date(2027, 6, 30), "weekdays": "mercoledì, venerdì",
        "activities": "Protocollo informatico\nPratiche del personale",
        "contact_band": "09:00-12:00", "tools": "proprio", "protocol": "0004601/VII.1"}


@pytest.fixture
def person(db):
    from iiss_desktop.services import school
    from iiss_desktop.services.staff import registry

    site = school.save_site(db, {"code": "SEDE", "name": "Sede centrale"})
    pid = registry.save_person(db, {"surname": "De Santis", "name": "Paola",
                                    "codice_fiscale": CF, "role": "AA", "site_id": site})
    registry.add_contract(db, pid, kind="indeterminato", starts_on=date(2010, 9, 1))
    return pid


def _count(path):
    with sqlite3.connect(path) as con:
        return con.execute("SELECT count(*) FROM staff_agile_agreement").fetchone()[0]


def _scheda(qtbot, db, pid):
    from iiss_desktop.ui.staff.person import person_scheda_dialog

    dlg = person_scheda_dialog(None, db, pid)
    qtbot.addWidget(dlg)
    tabs = [dlg.tabs.tabText(i).replace("&", "") for i in range(dlg.tabs.count())]
    dlg.tabs.setCurrentIndex(tabs.index("Lavoro agile"))
    return dlg


def _table(dlg):
    return dlg.extra_tables["La&voro agile"]


def test_a_new_agreement_from_the_scheda_refuses_bad_input_then_is_listed(
        qtbot, db, person, db_path):
    dlg = _scheda(qtbot, db, person)
    new = dlg.table_actions["newAgreement"]
    assert new.shortcut().toString() == "Ctrl+N"
    assert _table(dlg).model().rowCount() == 0
    # the agreement ends before it starts: refused on «Lavoro agile fino al»
    seen = fill_next_form(qtbot, {**GOOD, "valid_to": date(2026, 8, 31)})
    new.trigger()
    assert seen["title"] == "Nuovo accordo di lavoro agile"
    assert seen["errors"] == {"valid_to": "L'accordo termina il 31/08/2026, prima di iniziare "
                                          "il 01/09/2026."}
    # Sunday is no day of lavoro agile; the fascia needs hours
    seen = fill_next_form(qtbot, {**GOOD, "weekdays": "domenica"})
    new.trigger()
    assert seen["errors"]["weekdays"] == ("Indicare i giorni di lavoro agile (da lunedì a "
                                          "sabato).")
    seen = fill_next_form(qtbot, {**GOOD, "contact_band": "mattina"})
    new.trigger()
    assert "«mattina» non è una fascia oraria" in seen["errors"]["contact_band"]
    assert _count(db_path) == 0 and not dlg.changed
    seen = fill_next_form(qtbot, GOOD)
    new.trigger()
    assert seen["errors"] == {} and seen["banner"] == ""
    assert _count(db_path) == 1 and dlg.changed
    model = _table(dlg).model()
    assert model.rowCount() == 1
    assert [model.index(0, c).data() for c in range(4)] == [
        "dal 01/09/2026 al 30/06/2027", "mercoledì, venerdì", "09:00-12:00",
        "Dispositivi propri del dipendente, con accesso ai servizi dell'istituto"]
    docs = [d.report for d in dlg.content.documents]
    assert "accordo-agile" in docs and "ordine-servizio" in docs


def test_annul_needs_a_row_and_a_reason(qtbot, db, person, db_path):
    from iiss_desktop.services.staff.agile import sign_agreement

    sign_agreement(db, person, **GOOD)
    dlg = _scheda(qtbot, db, person)
    annul = dlg.table_actions["annulAgreement"]
    table = _table(dlg)
    table.clearSelection()
    table.setCurrentIndex(table.model().index(-1, -1))
    annul.trigger()
    assert dlg.action_message.text() == "Selezionare prima una riga dell'elenco."
    table = _table(dlg)
    table.selectRow(0)
    seen = fill_next_form(qtbot, {"reason": ""})
    annul.trigger()
    assert seen["errors"] == {"reason": "Il campo «Motivo dell'annullamento» è obbligatorio."}
    fill_next_form(qtbot, {"reason": "Recesso della dipendente"})
    annul.trigger()
    table = _table(dlg)                                         # the scheda loaded again
    assert table.model().index(0, 4).data() == "annullato: Recesso della dipendente"
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT annul_reason FROM staff_agile_agreement").fetchone() == (
            "Recesso della dipendente",)
    assert "accordo-agile" not in [d.report for d in dlg.content.documents]


def test_who_may_only_read_sees_no_agreement_action(qtbot, db, person):
    from iiss_desktop.domain.access import DIRIGENTE
    from tests.helpers.users import act_as_office

    act_as_office(db, "dirigente", roles=(DIRIGENTE,))
    dlg = _scheda(qtbot, db, person)
    # the prints and the substitution of the absences stay: reading is allowed
    assert set(dlg.table_actions) == {"printDecree", "openSubstitution"}
