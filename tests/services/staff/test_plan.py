"""The Piano delle attività (issue 14 item 2) on real SQLite archives: a draft is written,
adopted by the dirigente, copied into a new version whose adoption supersedes the first; an
adopted version never changes and every refusal names the field with nothing saved (rows
counted with raw sqlite3). Expected values written by hand."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.access import DIRIGENTE, DSGA, PermissionDenied
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.staff_plan import plan_view
from iiss_desktop.services.staff import plan
from tests.helpers.staff_plan import DRAFTED, draft_plan, make_office
from tests.helpers.users import act_as_office


def _count(path, table: str, where: str = "1") -> int:
    with sqlite3.connect(path) as con:
        return con.execute(f"SELECT count(*) FROM {table} WHERE {where}").fetchone()[0]


@pytest.fixture
def office(db):
    return make_office(db)


def test_draft_adopt_new_version_and_the_second_adoption_supersedes_the_first(db, office):
    v1 = draft_plan(db, office)
    view = plan_view(db, 2026)
    assert (view.header.year_label, view.header.version, view.header.state_label) == (
        "2026/27", 1, "bozza del DSGA")
    assert [s.title for s in view.sections][:3] == [
        "Servizi e compiti per profilo",
        "Criteri di assegnazione (continuità, rotazione, competenze)",
        "Articolazione dell'orario di lavoro"]
    assert view.sections[2].text == "Orario ordinario 7.30-14.42 dal lunedì al venerdì."
    assert [(r.profile_label, r.site, r.posts) for r in view.staffing] == [
        ("Collaboratore scolastico", "Sede centrale", 2),
        ("Collaboratore scolastico", "Infanzia «Il Girasole»", 1)]
    assert view.total_posts == 3
    assert [(a.person, a.place_kind_label, a.site_code) for a in view.assignments] == [
        ("Rossi Maria", "Piano / reparto", "SEDE"), ("Bianchi Luca", "Plesso", "INF")]

    plan.adopt_plan(db, v1, date(2026, 10, 5), " 0004512/VII.1 ")
    v2 = plan.new_version(db, v1, drafted_on=date(2027, 1, 10))
    copy = plan_view(db, 2026, 2)
    assert (copy.header.version, copy.header.state) == (2, "bozza")
    assert copy.sections == view.sections and copy.staffing == view.staffing
    assert copy.assignments == view.assignments
    # The draft drops Bianchi and gives INF a second post: v1 keeps its own rows.
    rossi, _bianchi = office
    plan.set_assignments(db, v2, [{"employee_id": rossi, "place_kind": "ufficio",
                                   "place": "Portineria", "site_code": "SEDE"}])
    plan.set_staffing(db, v2, [{"profile": "CS", "site_code": "INF", "posts": 2}])
    assert plan_view(db, 2026).header.version == 1          # in force until v2 is adopted
    assert len(plan_view(db, 2026, 1).assignments) == 2

    plan.adopt_plan(db, v2, date(2027, 1, 20), "0000301/VII.1")
    first, second = plan_view(db, 2026, 1).header, plan_view(db, 2026).header
    assert (first.state, first.superseded_on, first.protocol) == (
        "superato", date(2027, 1, 20), "0004512/VII.1")
    assert (second.version, second.state, second.adopted_on, second.versions) == (
        2, "adottato", date(2027, 1, 20), (1, 2))
    assert [(a.person, a.place) for a in plan_view(db, 2026).assignments] == [
        ("Rossi Maria", "Portineria")]
    assert verify(db).ok


def test_an_adopted_version_is_never_edited_and_nothing_is_saved(db, db_path, office):
    v1 = draft_plan(db, office)
    plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512/VII.1")
    before = [_count(db_path, t) for t in ("staff_plan_section", "staff_plan_staffing",
                                           "staff_plan_assignment", "audit_log")]
    attempts = [lambda: plan.save_section(db, v1, "orario", "Altro orario"),
                lambda: plan.set_staffing(db, v1, []),
                lambda: plan.set_assignments(db, v1, [])]
    for attempt in attempts:
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert "state" in refused.value.errors
        assert "adottato dal Dirigente" in refused.value.message
        assert "nuova versione" in refused.value.message
    assert [_count(db_path, t) for t in ("staff_plan_section", "staff_plan_staffing",
                                         "staff_plan_assignment", "audit_log")] == before
    assert plan_view(db, 2026).sections[2].text.startswith("Orario ordinario")
    with pytest.raises(DomainError):
        plan.adopt_plan(db, v1, date(2026, 10, 6), "0004513/VII.1")
    # The database itself refuses deleting a version or moving it to another year.
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="non si cancella"):
        con.execute("DELETE FROM staff_plan")
    with sqlite3.connect(db_path) as con, pytest.raises(sqlite3.IntegrityError,
                                                        match="non si modificano"):
        con.execute("UPDATE staff_plan SET school_year = 2025")


def test_adoption_needs_protocol_and_date_naming_the_field(db, db_path, office):
    v1 = draft_plan(db, office)
    with pytest.raises(ValidationError) as refused:
        plan.adopt_plan(db, v1, date(2026, 10, 5), "  ")
    assert refused.value.errors == {
        "protocol": "Numero di protocollo: obbligatorio per adottare il Piano."}
    with pytest.raises(ValidationError) as refused:
        plan.adopt_plan(db, v1, date(2026, 9, 1), "0004512/VII.1")
    assert list(refused.value.errors) == ["adopted_on"]
    assert _count(db_path, "staff_plan", "state = 'bozza'") == 1
    assert plan_view(db, 2026).header.protocol == ""


def test_one_plan_per_school_year_and_bad_rows_name_the_field(db, db_path, office):
    plan_id = plan.create_plan(db, 2026, drafted_on=DRAFTED)
    with pytest.raises(ValidationError) as refused:
        plan.create_plan(db, 2026)
    assert refused.value.errors == {"school_year": (
        "Il Piano delle attività 2026/27 esiste già: per cambiarlo creare una nuova versione "
        "di quello adottato.")}
    assert _count(db_path, "staff_plan") == 1
    with pytest.raises(ValidationError) as refused:
        plan.create_plan(db, 26)
    assert list(refused.value.errors) == ["school_year"]
    cases = [
        ([{"profile": "DOC", "site_code": "SEDE", "posts": 1}], "profile"),
        ([{"profile": "CS", "site_code": "XXX", "posts": 1}], "site_code"),
        ([{"profile": "CS", "site_code": "SEDE", "posts": 0}], "posts"),
    ]
    for rows, field in cases:
        with pytest.raises(ValidationError) as refused:
            plan.set_staffing(db, plan_id, rows)
        assert list(refused.value.errors) == [field]
        assert "riga 1" in refused.value.message
    with pytest.raises(ValidationError) as refused:
        plan.set_assignments(db, plan_id, [{"employee_id": office[0], "place_kind": "cortile",
                                            "site_code": "SEDE"}])
    assert list(refused.value.errors) == ["place_kind"]
    with pytest.raises(ValidationError) as refused:
        plan.save_section(db, plan_id, "ferie", "testo")
    assert list(refused.value.errors) == ["key"]
    with pytest.raises(ValidationError) as refused:
        plan.new_version(db, plan_id)
    assert list(refused.value.errors) == ["state"]
    assert (_count(db_path, "staff_plan_staffing"), _count(db_path, "staff_plan_assignment"),
            _count(db_path, "staff_plan")) == (0, 0, 1)


def test_only_the_dirigente_adopts_and_only_the_office_drafts(db, db_path, office):
    v1 = draft_plan(db, office)
    act_as_office(db, "dsga", roles=(DSGA,))
    with pytest.raises(PermissionDenied):
        plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512/VII.1")
    act_as_office(db, "preside", roles=(DIRIGENTE,))
    with pytest.raises(PermissionDenied):
        plan.save_section(db, v1, "orario", "Testo del dirigente")
    plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512/VII.1")
    assert _count(db_path, "staff_plan", "state = 'adottato'") == 1


def test_save_draft_writes_sections_and_rows_at_once_or_nothing(db, db_path, office):
    from iiss_desktop.queries.staff_plan import plan_versions

    v1 = draft_plan(db, office)
    _rossi, bianchi = office
    tables = ("staff_plan_section", "staff_plan_staffing", "staff_plan_assignment",
              "audit_log")
    before = [_count(db_path, t) for t in tables]
    # a good section and a bad dotazione row: nothing of the three is written
    with pytest.raises(ValidationError) as refused:
        plan.save_draft(db, v1, {"sportello": "Lunedì 8.30-10.30"},
                        staffing=[{"profile": "CS", "site_code": "SEDE", "posts": 2},
                                  {"profile": "CS", "site_code": "INF", "posts": -1}],
                        assignments=[])
    assert refused.value.errors == {"posts": "Dotazione organica, riga 2: il campo «Posti» "
                                             "richiede un numero intero da 1 a 999."}
    assert [_count(db_path, t) for t in tables] == before
    assert plan_view(db, 2026).sections[3].text == ""
    plan.save_draft(db, v1, {"sportello": " Lunedì 8.30-10.30 "},
                    staffing=[{"profile": "AA", "site_code": "SEDE", "posts": 3}],
                    assignments=[{"employee_id": bianchi, "place_kind": "ufficio",
                                  "place": "Portineria", "site_code": "SEDE"}])
    view = plan_view(db, 2026)
    assert view.sections[3].text == "Lunedì 8.30-10.30"
    assert view.sections[2].text.startswith("Orario ordinario")       # not given: kept
    assert [(r.profile, r.posts) for r in view.staffing] == [("AA", 3)]
    assert [(a.person, a.place) for a in view.assignments] == [("Bianchi Luca", "Portineria")]
    # None leaves the rows as they are
    plan.save_draft(db, v1, {"orario": "Altro"})
    assert [(r.profile, r.posts) for r in plan_view(db, 2026).staffing] == [("AA", 3)]
    plan.adopt_plan(db, v1, date(2026, 10, 5), "0004512/VII.1")
    with pytest.raises(ValidationError) as refused:
        plan.save_draft(db, v1, {"orario": "Dopo l'adozione"})
    assert list(refused.value.errors) == ["state"]
    v2 = plan.new_version(db, v1, drafted_on=date(2026, 11, 2))
    assert [(h.version, h.state, h.protocol, h.versions) for h in plan_versions(db)] == [
        (1, "adottato", "0004512/VII.1", (1, 2)), (2, "bozza", "", (1, 2))]
    assert plan_versions(db, 2025) == ()
    assert plan_versions(db, 2026)[1].id == v2
