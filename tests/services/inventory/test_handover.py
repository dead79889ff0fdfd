"""Passaggio di consegne on a real SQLite file: the consistenza at a date, the numbered
verbale with its stored snapshot, refusals that save nothing, the start-page reminder."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from sqlalchemy import text

from iiss_desktop.db.uow import unit_of_work
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.inventory.fields import GRID_INDEX
from iiss_desktop.models.inventory import (
    Assignment,
    AssignmentItem,
    CustodyRole,
    Ricognizione,
    RicognizioneLine,
)
from iiss_desktop.queries.home import home_items
from iiss_desktop.queries.inventory.custody import consegnatario_on, list_roles
from iiss_desktop.queries.inventory.handover import handover_document, pending_cessation, snapshot
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.school import get_heading
from iiss_desktop.reports.catalog import get_report
from iiss_desktop.reports.inventory.register import build_buono_carico
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.custody import appoint
from iiss_desktop.services.inventory.discharge import discharge_items
from iiss_desktop.services.inventory.handover import HandoverInput, record_handover
from iiss_desktop.services.inventory.loans import LoanInput, lend, return_loan
from iiss_desktop.services.registers import register_entry
from iiss_desktop.services.school import save_room, save_school, save_site
from tests.helpers.pdf import pdf_text

D = Decimal

# The comodatario's birth data and residence (domain.md §7), required by a contract.
PARENT_DATA = dict(parent_birth_place="Roma", parent_birth_date=date(1980, 1, 1),
                   parent_residence="Via Roma 1, 00100 Roma")


@pytest.fixture
def room(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    return save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})


def _load(db, room, day, text_, qty, value, **kw):
    return carico(db, CaricoInput(description=text_, quantity=qty, unit_value=D(value),
                                  entry_date=day, room_id=room, **kw))


@pytest.fixture
def goods(db, room):
    """Two PCs (10/01/2025), a discharge of one (decree 15/02/2025), a LIM (01/03/2025),
    beni di terzi (05/01/2025), a mouse in the beni durevoli."""
    _load(db, room, date(2025, 1, 5), "Banco biposto", 3, "89.00",
          category_register="inv-terzi", owner="Comune di Velletri",
          grant_title="Concessione in uso")
    _load(db, room, date(2025, 1, 10), "Personal computer portatile", 2, "650.00")
    _load(db, room, date(2025, 1, 12), "Mouse USB", 1, "15.00")
    rows, ids = list_items(db)
    pcs = [i for r, i in zip(rows, ids) if r[3].startswith("Personal")]
    discharge_items(db, item_ids=[pcs[1]], decree_number="7", decree_date=date(2025, 2, 15),
                    cause="furto", motivation="Furto con denuncia ai Carabinieri.")
    _load(db, room, date(2025, 3, 1), "Lavagna interattiva multimediale", 1, "1450.00")
    return pcs


def _reg(snap, code):
    return next(r for r in snap.registers if r.code == code)


def test_snapshot_at_a_date_excludes_later_carichi_and_earlier_discharges(db, goods):
    before = snapshot(db, date(2025, 2, 20))
    mobili = _reg(before, "inv-mobili")
    # 2 PCs loaded on 10/01, one discharged by decree of 15/02; the LIM comes on 01/03.
    assert (mobili.count, mobili.total) == (1, 65000)
    assert [g.description for g in mobili.goods] == ["Personal computer portatile"]
    assert (_reg(before, "inv-terzi").count, _reg(before, "inv-terzi").total) == (3, 26700)
    assert before.patrimonio_count == 1 and before.patrimonio_total == 65000
    assert "inv-durevoli" not in {r.code for r in before.registers}
    assert [(t.owner, t.title, t.count, t.total) for t in before.terzi] == [
        ("Comune di Velletri", "Concessione in uso", 3, 26700)]
    # On the day of the discharge decree the PC has already left.
    assert _reg(snapshot(db, date(2025, 2, 15)), "inv-mobili").count == 1
    assert _reg(snapshot(db, date(2025, 2, 14)), "inv-mobili").count == 2
    after = snapshot(db, date(2025, 3, 1))
    assert (_reg(after, "inv-mobili").count, _reg(after, "inv-mobili").total) == (2, 210000)


def test_loans_custodians_and_affidamenti_in_force_at_the_date(db, goods):
    loan_id, _ = lend(db, LoanInput(parent_name="Mario Rossi", parent_cf="RSSMRA80A01H501U",
                                    student_name="Giulia Rossi", item_ids=[goods[0]],
                                    start=date(2025, 3, 3), due=date(2025, 6, 30), **PARENT_DATA))
    return_loan(db, loan_id=loan_id, returned_on=date(2025, 6, 20))
    assignment_entry = register_entry(db, register="prova", entry_date=date(2025, 3, 4),
                                      description="Affidamento del laboratorio")
    with unit_of_work(db, reason="prova") as s:
        s.add(CustodyRole(role="sub_consegnatario", person_name="Ins. Rita Colasanti",
                          started_on=date(2025, 1, 1), ended_on=date(2025, 4, 1)))
        s.add(CustodyRole(role="consegnatario", person_name="Dott.ssa Paola Neri",
                          started_on=date(2020, 9, 1)))
        a = Assignment(entry_id=assignment_entry.id, assignee_name="Prof. Luca Bianchi",
                       assignee_role="docente", started_on=date(2025, 3, 4),
                       ended_on=date(2025, 5, 1))
        s.add(a)
        s.flush()
        s.add(AssignmentItem(assignment_id=a.id, item_id=goods[0], condition_out="buono"))
        s.commit()
    march = snapshot(db, date(2025, 3, 10))
    assert [(c.role, c.person) for c in march.custody] == [
        ("Sub-consegnatario", "Ins. Rita Colasanti")]     # the consegnatario hands over
    assert [(a.assignee, a.items) for a in march.assignments] == [("Prof. Luca Bianchi", 1)]
    assert [(lo.student, lo.items) for lo in march.loans] == [("Giulia Rossi", 1)]
    june = snapshot(db, date(2025, 6, 25))
    assert june.custody == [] and june.assignments == [] and june.loans == []


def test_differences_since_the_last_ricognizione(db, room, goods):
    entry = register_entry(db, register="prova", entry_date=date(2025, 2, 1),
                           description="Verbale di ricognizione")
    with unit_of_work(db, reason="prova") as s:
        check = Ricognizione(entry_id=entry.id, room_id=room, checked_on=date(2025, 2, 1))
        s.add(check)
        s.flush()
        s.add(RicognizioneLine(check_id=check.id, item_id=goods[0], outcome="confermato"))
        s.add(RicognizioneLine(check_id=check.id, item_id=goods[1], outcome="mancante",
                                 reason="Non trovato nel laboratorio"))
        s.commit()
    snap = snapshot(db, date(2025, 3, 10))
    assert snap.last_check == date(2025, 2, 1)
    kinds = [(d.kind, d.what) for d in snap.differences]
    # The missing PC, then the LIM loaded on 01/03 and the decree of 15/02 (after the check).
    assert kinds[0] == ("ricognizione", "beni mobili n. 2 – Personal computer portatile")
    assert "mancante" in snap.differences[0].detail
    assert ("carico", "Carichi in beni mobili") in kinds
    assert ("scarico", "Decreto di discarico n. 7") in kinds
    assert len(kinds) == 3
    assert snapshot(db, date(2025, 1, 31)).last_check is None


def _input(**kw):
    values = dict(cessation_date=date(2025, 1, 31), handover_date=date(2025, 3, 10),
                  outgoing_dsga="Dott.ssa Paola Neri", incoming_dsga="Dott. Marco Bruni",
                  dirigente="Prof.ssa Maria Colonna", presidente_ci="Sig. Luigi Verdi",
                  place="Ufficio del DSGA")
    values.update(kw)
    return HandoverInput(**values)


def _count(db, table):
    with db.read_engine.connect() as conn:
        return conn.execute(text(f"SELECT count(*) FROM {table}")).scalar_one()


def test_record_handover_numbers_the_verbale_and_stores_the_snapshot(db, goods):
    first = record_handover(db, _input())
    assert (first.number, first.year, first.days_late) == (1, 2025, 0)
    # Cessation 31/01 + 60 days = 01/04 (28 days of February): 10/04 is 9 days late.
    second = record_handover(db, _input(handover_date=date(2025, 4, 10),
                                        outgoing_absent=True, absence_reason="Malattia",
                                        check_mode="campione"))
    assert (second.number, second.year, second.days_late, second.late) == (2, 2025, 9, True)
    doc = handover_document(db, 2025, 1)
    stored = dict((code, (n, cents)) for code, n, cents in doc.stored)
    assert stored["inv-mobili"] == (2, 210000) and stored["inv-terzi"] == (3, 26700)
    assert stored["inv-libri"] == (0, 0) and "inv-durevoli" not in stored
    assert doc.outgoing_dsga == "Dott.ssa Paola Neri" and not doc.outgoing_absent
    assert handover_document(db, 2025, 2).absence_reason == "Malattia"
    report = verify(db)
    assert report.ok, report.problems


@pytest.mark.parametrize("change,field", [
    ({"incoming_dsga": "Dott.ssa Paola Neri"}, "incoming_dsga"),
    ({"handover_date": date(2025, 1, 30)}, "handover_date"),
    ({"check_mode": "campione"}, "check_mode"),
    ({"outgoing_absent": True}, "absence_reason"),
    ({"presidente_ci": ""}, "presidente_ci"),
])
def test_refused_handover_saves_nothing(db, goods, change, field):
    entries = _count(db, "register_entry")
    with pytest.raises(ValidationError) as info:
        record_handover(db, _input(**change))
    assert field in info.value.errors
    assert _count(db, "inventory_handover") == 0
    assert _count(db, "inventory_handover_register") == 0
    assert _count(db, "register_entry") == entries


def test_start_page_reminds_the_handover_after_the_consegnatario_leaves(db, goods):
    assert pending_cessation(db) is None
    with unit_of_work(db, reason="prova") as s:
        s.add(CustodyRole(role="consegnatario", person_name="Dott.ssa Paola Neri",
                          started_on=date(2020, 9, 1), ended_on=date(2025, 3, 1)))
        s.commit()
    assert pending_cessation(db) == date(2025, 3, 1)
    # 01/03 + 60 days = 30/04 (31 days of March).
    far = [i for i in home_items(db, today=date(2025, 3, 5))
           if i.title.startswith("Passaggio di consegne")]
    assert [(i.title, i.level) for i in far] == [("Passaggio di consegne entro il 30/04/2025",
                                                  "info")]
    near = [i for i in home_items(db, today=date(2025, 4, 20))
            if i.title.startswith("Passaggio di consegne")]
    assert near[0].level == "warning"
    past = [i for i in home_items(db, today=date(2025, 5, 3))
            if i.title.startswith("Passaggio di consegne")]
    assert past[0].level == "warning" and "superato da 3 giorni" in past[0].detail
    record_handover(db, _input(cessation_date=date(2025, 3, 1), handover_date=date(2025, 3, 20)))
    assert pending_cessation(db) is None
    assert not [i for i in home_items(db, today=date(2025, 4, 20))
                if i.title.startswith("Passaggio di consegne")]


def test_the_verbale_hands_the_consegna_over_and_the_prints_follow(db, goods, tmp_path):
    """Art. 30 c.5: with the verbale the incoming DSGA «assume la qualità di consegnatario».
    Neri is consegnataria from 01/09/2020; the verbale of 10/03/2025 hands over to Bruni."""
    save_school(db, {"denominazione": "Istituto Comprensivo «Gianni Rodari»",
                     "codice_meccanografico": "RMIC86400X", "comune": "Velletri",
                     "dirigente": "Prof.ssa Maria Colonna", "dsga": "Dott.ssa Paola Neri"})
    appoint(db, role="consegnatario", person_name="Dott.ssa Paola Neri",
            started_on=date(2020, 9, 1))
    record_handover(db, _input())
    roles = [(r.person_name, r.started_on, r.ended_on) for r in list_roles(db)
             if r.role == "consegnatario"]
    assert sorted(roles, key=lambda r: r[1]) == [
        ("Dott.ssa Paola Neri", date(2020, 9, 1), date(2025, 3, 9)),
        ("Dott. Marco Bruni", date(2025, 3, 10), None)]
    assert consegnatario_on(db, date(2025, 3, 9)) == "Dott.ssa Paola Neri"
    assert consegnatario_on(db, date(2025, 3, 10)) == "Dott. Marco Bruni"
    assert get_heading(db).dsga == "Dott. Marco Bruni"          # the settings follow
    rows, _ids = list_items(db)
    assert {r[GRID_INDEX["custodian"]] for r in rows if r[GRID_INDEX["status"]] != "scaricato"} \
        == {"Dott. Marco Bruni (consegnatario)"}                   # the Custode column
    assert pending_cessation(db) is None                           # nothing left to hand over
    # The buono di carico of 10/01/2025 is Neri's; the register printed today is Bruni's.
    buono = build_buono_carico(db, tmp_path / "buono.pdf", anno=2025, numero=2)
    assert "Paola Neri" in pdf_text(buono) and "Marco Bruni" not in pdf_text(buono)
    register = get_report("registro").build(db, tmp_path / "reg.pdf", registro="inv-mobili",
                                            anno=2025)
    assert "Marco Bruni" in pdf_text(register) and "Paola Neri" not in pdf_text(register)


def test_a_handover_dated_before_the_last_one_is_refused_and_saves_nothing(db, goods):
    record_handover(db, _input())
    entries, roles = _count(db, "register_entry"), _count(db, "custody_role")
    with pytest.raises(ValidationError) as info:
        record_handover(db, _input(cessation_date=date(2025, 2, 1),
                                   handover_date=date(2025, 3, 5),
                                   outgoing_dsga="Dott. Marco Bruni",
                                   incoming_dsga="Dott.ssa Anna Riva"))
    assert info.value.errors["handover_date"] == (
        "L'ultimo passaggio di consegne registrato è del 10/03/2025: il nuovo deve essere di "
        "un giorno successivo.")
    assert (_count(db, "register_entry"), _count(db, "custody_role")) == (entries, roles)
    assert consegnatario_on(db, date.today()) == "Dott. Marco Bruni"
