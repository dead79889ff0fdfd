"""The procedure file on a real archive: request and decision, determina a contrarre with
its checks (dirigente's limit, Consip, MePA, CIG/CUP), the coverage taking the impegno in the
same transaction, gap-free numbers, quotations with the award, the order letter.

Figures by hand: the PA 2026 of tests/services/funds/helpers.py (A03/02: 10.000,00).
"""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.procurement.thresholds import DIRECT, NEGOTIATED_5, SUPPLIES
from iiss_desktop.services.procurement import procedures as svc
from iiss_desktop.services.procurement import suppliers as sup
from tests.services.funds.helpers import approved_programme

DAY = date(2026, 3, 2)
TABLES = ("procurement_request", "procurement_procedure", "funds_commitment",
          "register_entry", "procurement_award", "procurement_order")


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


def request(db, amount="1220.00", approve=True) -> int:
    rid = svc.submit_request(db, svc.RequestInput(
        DAY, "laboratorio", "Laboratorio di scienze – plesso Collodi", "Prof.ssa Neri",
        "Microscopi per il laboratorio", "Sostituire i tre microscopi guasti", D(amount)))
    if approve is not None:
        svc.decide_request(db, rid, approve=approve, decided_on=DAY,
                           note="" if approve else "Fondi non disponibili nell'anno")
    return rid


def determina(rid, **changes) -> svc.DeterminaInput:
    values = dict(request_id=rid, decided_on=date(2026, 3, 4),
                  object="Fornitura di tre microscopi", kind=SUPPLIES, sector="38510000-3",
                  amount=D("1000.00"), procedure=DIRECT, rup="Dott. Mario Bianchi",
                  destination="A03", spending_type="02",
                  consip_motivation="Nessuna convenzione Consip attiva per la categoria",
                  coverage_attested=True, cig="Z1A2B3C4D5")
    values.update(changes)
    return svc.DeterminaInput(**values)


@pytest.fixture
def programme(db):
    return approved_programme(db)


# --- requests -----------------------------------------------------------------------------------
def test_a_request_is_approved_or_refused_with_its_reason(db, db_path):
    rid = request(db, approve=None)
    with pytest.raises(ValidationError) as caught:
        svc.decide_request(db, rid, approve=False, decided_on=DAY, note="")
    assert "decision_note" in caught.value.errors
    assert svc.decide_request(db, rid, approve=False, decided_on=DAY,
                              note="Materiale già presente in magazzino") == "respinta"
    with pytest.raises(DomainError, match="già «respinta»"):
        svc.decide_request(db, rid, approve=True, decided_on=DAY)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT status, decided_as, decision_note FROM procurement_request"
                           ).fetchone() == ("respinta", "dirigente",
                                            "Materiale già presente in magazzino")


def test_a_refused_request_cannot_become_a_procedure(db, db_path, programme):
    rid = request(db, approve=False)
    before = counts(db_path)
    with pytest.raises(DomainError, match="solo una richiesta approvata"):
        svc.adopt_determina(db, determina(rid))
    assert counts(db_path) == before


def test_a_request_not_yet_decided_cannot_become_a_procedure(db, programme):
    rid = request(db, approve=None)
    with pytest.raises(DomainError, match="«presentata»"):
        svc.adopt_determina(db, determina(rid))


# --- the determina ------------------------------------------------------------------------------
def test_the_determina_takes_its_impegno_iva_included(db, db_path, programme):
    rid = request(db)
    adopted = svc.adopt_determina(db, determina(rid))
    assert (adopted.year, adopted.number, adopted.commitment) == (2026, 1, "n. 1/2026")
    assert any("Affidamento diretto" in n for n in adopted.notes)
    with sqlite3.connect(db_path) as con:
        # 1.000,00 + 22 % = 1.220,00 on A03/02, with the CIG of the determina
        assert con.execute("SELECT c.amount, d.code, c.cig, c.description FROM "
                           "funds_commitment c JOIN funds_destination d ON "
                           "d.id = c.destination_id").fetchone() == (
            122000, "A03", "Z1A2B3C4D5", "Fornitura di tre microscopi")
        assert con.execute("SELECT p.status, p.proposed_procedure, r.status FROM "
                           "procurement_procedure p JOIN procurement_request r ON "
                           "r.id = p.request_id").fetchone() == (
            "determina", DIRECT, "in_procedura")


def test_an_availability_refusal_leaves_no_procedure_and_no_number(db, db_path, programme):
    rid = request(db, amount="15000.00")
    before = counts(db_path)
    # 9.000,00 + IVA = 10.980,00 > 10.000,00 of A03
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(rid, amount=D("9000.00"),
                                          mepa_motivation="Prodotto non presente sul MePA"))
    assert "amount" in caught.value.errors and "disponibil" in caught.value.message
    assert counts(db_path) == before
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT status FROM procurement_request").fetchone() == ("approvata",)
    # the number is given back: the next determina is n. 1
    assert svc.adopt_determina(db, determina(rid)).number == 1


def test_determina_numbers_are_gap_free_per_year(db, programme):
    numbers = []
    for _ in range(3):
        rid = request(db)
        numbers.append(svc.adopt_determina(db, determina(rid)).number)
    rid = request(db)
    with pytest.raises(ValidationError):
        svc.adopt_determina(db, determina(rid, cig="Z1A2"))
    numbers.append(svc.adopt_determina(db, determina(rid)).number)
    assert numbers == [1, 2, 3, 4]


def test_above_the_dirigente_limit_the_deliberation_is_required(db, db_path, programme):
    svc.set_dirigente_limit(db, D("1000.00"))
    rid = request(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(rid, amount=D("1000.01")))
    assert "1.000,00\xa0€" in caught.value.errors["council_deliberation"]
    assert counts(db_path) == before
    done = svc.adopt_determina(db, determina(
        rid, amount=D("1000.01"),
        council_deliberation="Delibera del Consiglio d'istituto n. 7 del 20/02/2026"))
    assert any("Delibera del Consiglio d'istituto n. 7" in n for n in done.notes)


def test_at_the_dirigente_limit_no_deliberation_is_needed(db, programme):
    svc.set_dirigente_limit(db, D("1000.00"))
    assert svc.adopt_determina(db, determina(request(db), amount=D("1000.00"))).number == 1


def test_outside_consip_without_motivation_is_refused(db, db_path, programme):
    rid = request(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(rid, consip_motivation=""))
    assert set(caught.value.errors) == {"consip_motivation"}
    assert counts(db_path) == before
    assert svc.adopt_determina(db, determina(rid, via_consip=True,
                                             consip_motivation="")).number == 1


def test_from_5000_euro_outside_the_mepa_needs_its_motivation(db, programme):
    rid = request(db, amount="7000.00")
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(rid, amount=D("5000.00")))
    assert "mepa_motivation" in caught.value.errors
    # 4.999,99: no MePA obligation
    assert svc.adopt_determina(db, determina(rid, amount=D("4999.99"))).number == 1


def test_the_ddi_derogation_waives_the_mepa_motivation(db, programme):
    rid = request(db, amount="7000.00")
    done = svc.adopt_determina(db, determina(rid, amount=D("5000.00"), ddi_derogation=True,
                                             consip_motivation=""))
    assert any("DL 137/2020 art. 21" in n for n in done.notes)


@pytest.mark.parametrize("cig, cup, field, words", [
    ("Z1A2B3C4D", "", "cig", "CIG: attesi 10 caratteri"),
    ("Z1A2B3C4D5X", "", "cig", "(11 caratteri)"),
    ("Z1A2-3C4D5", "", "cig", "CIG: attesi 10"),
    ("", "J11H2000001000", "cup", "CUP: attesi 15 caratteri"),
    ("", "J11H20000010000 0", "cup", "CUP: attesi 15"),
])
def test_wrong_cig_or_cup_is_refused_naming_the_field(db, db_path, programme, cig, cup, field,
                                                      words):
    rid = request(db)
    before = counts(db_path)
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(rid, cig=cig, cup=cup))
    assert words in caught.value.errors[field]
    assert counts(db_path) == before


def test_a_looser_procedure_needs_its_motivation_a_stricter_one_does_not(db, programme):
    from iiss_desktop.domain.procurement.thresholds import ABOVE_EU

    rid = request(db)
    done = svc.adopt_determina(db, determina(rid, procedure=NEGOTIATED_5))   # stricter: fine
    assert done.number == 1
    rid = request(db, amount="200000.00")
    with pytest.raises(ValidationError) as caught:     # 150.000,00 from 2026: above the EU one
        svc.adopt_determina(db, determina(rid, amount=D("150000.00"), procedure=DIRECT,
                                          council_deliberation="Delibera n. 3",
                                          via_mepa=True))
    assert "procedure_motivation" in caught.value.errors
    assert ABOVE_EU in {"sopra_soglia"}


def test_missing_coverage_attestation_is_refused(db, programme):
    with pytest.raises(ValidationError) as caught:
        svc.adopt_determina(db, determina(request(db), coverage_attested=False))
    assert "coverage_attested" in caught.value.errors


# --- quotations, award, order -------------------------------------------------------------------
ROSSI = {"name": "Cartoleria Rossi Srl", "vat": "04123450720"}
TECNO = {"name": "Tecnoservizi Bari Srl", "vat": "05678910729"}


def with_durc(db, data, issued_on=date(2026, 3, 2)) -> int:
    """A supplier with a regular DURC (valid 120 days): the award checks it."""
    sid = sup.save_supplier(db, data)
    sup.record_durc(db, sid, issued_on=issued_on)
    return sid


def adopted(db) -> int:
    return svc.adopt_determina(db, determina(request(db))).id


def test_quotations_lowest_price_award_and_order(db, db_path, programme):
    pid = adopted(db)
    rossi, tecno = with_durc(db, ROSSI), with_durc(db, TECNO)
    q1, q2 = svc.invite_operators(db, pid, [rossi, tecno], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q1, received_on=date(2026, 3, 9), amount=D("980.00"))
    svc.record_offer(db, q2, received_on=date(2026, 3, 10), amount=D("940.00"))
    with pytest.raises(ValidationError, match="minor prezzo si sceglie l'offerta di "
                                              "Tecnoservizi"):
        svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11))
    awarded = svc.choose_offer(db, pid, q2, awarded_on=date(2026, 3, 11))
    assert (awarded.supplier, awarded.amount) == ("Tecnoservizi Bari Srl", D("940.00"))
    assert "minor prezzo tra 2 preventivi" in awarded.reason
    with pytest.raises(ValidationError) as caught:     # 3 x 320,00 = 960,00 > 940,00
        svc.issue_order(db, svc.OrderInput(pid, date(2026, 3, 12), "Plesso Collodi", [
            svc.OrderLineInput("Microscopio ottico", "3", D("320.00"), "pz")]))
    assert "oltre l'affidamento di 940,00\xa0€" in caught.value.errors["lines"]
    order = svc.issue_order(db, svc.OrderInput(pid, date(2026, 3, 12), "Plesso Collodi", [
        svc.OrderLineInput("Microscopio ottico", "3", D("300.00"), "pz"),
        svc.OrderLineInput("Set di vetrini", "2,5", D("16.00"), "conf")]))
    # 900,00 + 40,00 = 940,00; IVA 22 % 198,00 + 8,80 = 206,80
    assert (order.year, order.number, order.total) == (2026, 1, D("1146.80"))
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT quantity, unit_price, total FROM procurement_order_line "
                           "ORDER BY line_no").fetchall() == [("3", 30000, 90000),
                                                              ("2.5", 1600, 4000)]
        assert con.execute("SELECT supplier_id, amount, sector FROM procurement_award"
                           ).fetchone() == (tecno, 94000, "38510000-3")
        assert con.execute("SELECT creditor_name FROM funds_commitment").fetchone() == (
            "Tecnoservizi Bari Srl",)
    with pytest.raises(DomainError, match="una volta sola"):
        svc.issue_order(db, svc.OrderInput(pid, date(2026, 3, 12), "Plesso Collodi", [
            svc.OrderLineInput("Microscopio", "1", D("10.00"))]))


def test_another_criterion_must_be_stated(db, programme):
    pid = adopted(db)
    rossi, tecno = with_durc(db, ROSSI), with_durc(db, TECNO)
    q1, q2 = svc.invite_operators(db, pid, [rossi, tecno], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q1, received_on=date(2026, 3, 9), amount=D("980.00"))
    svc.record_offer(db, q2, received_on=date(2026, 3, 10), amount=D("940.00"))
    with pytest.raises(ValidationError) as caught:
        svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11), criterion="altro")
    assert "criterion_text" in caught.value.errors
    done = svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11), criterion="altro",
                            criterion_text="Consegna in 5 giorni invece di 30")
    assert done.supplier == "Cartoleria Rossi Srl"


def test_rotation_refuses_the_outgoing_supplier_from_5000_euro(db, programme):
    rossi = with_durc(db, ROSSI)
    sup.record_award(db, rossi, awarded_on=date(2026, 1, 20), object="Microscopi",
                     sector="38510000-3", amount=D("6000.00"))
    rid = request(db, amount="8000.00")
    pid = svc.adopt_determina(db, determina(rid, amount=D("6000.00"),
                                            mepa_motivation="Articolo non presente sul MePA"
                                            )).id
    q1, = svc.invite_operators(db, pid, [rossi], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q1, received_on=date(2026, 3, 9), amount=D("5900.00"))
    with pytest.raises(ValidationError) as caught:
        svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11))
    assert "contraente uscente" in caught.value.errors["motivation"]
    done = svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11),
                            motivation="Unico fornitore della marca dei ricambi in uso")
    assert "Deroga motivata" in done.rotation


def test_the_file_tells_the_steps_and_documents(db, programme):
    from iiss_desktop.queries.procurement_procedures import list_procedures, procedure_file

    rid = request(db)
    pid = svc.adopt_determina(db, determina(rid)).id
    tecno = with_durc(db, TECNO)
    q, = svc.invite_operators(db, pid, [tecno], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q, received_on=date(2026, 3, 9), amount=D("940.00"))
    svc.choose_offer(db, pid, q, awarded_on=date(2026, 3, 11))
    svc.issue_order(db, svc.OrderInput(pid, date(2026, 3, 12), "Plesso Collodi", [
        svc.OrderLineInput("Microscopio ottico", "2", D("470.00"), "pz")]))
    refused = request(db, approve=False)
    rows = {r.request_id: r for r in list_procedures(db)}
    assert rows[refused].state_label == "richiesta respinta"
    row = rows[rid]
    assert (row.state, row.determina, row.commitment, row.supplier, row.quotes) == (
        "ordinata", "n. 1/2026 del 04/03/2026", "n. 1/2026", "Tecnoservizi Bari Srl", "1/1")
    f = procedure_file(db, rid)
    assert [h.kind for h in f.history] == ["Richiesta", "Decisione", "Determina a contrarre",
                                           "Invito", "Preventivo", "Affidamento", "Ordine"]
    assert [d.report for d in f.documents] == ["determina", "confronto-preventivi",
                                               "lettera-ordine"]
    assert (f.order_total, f.order_lines[0].quantity) == (D("1146.80"), "2")


def test_the_award_needs_a_valid_durc(db, db_path, programme):
    pid = adopted(db)
    rossi = sup.save_supplier(db, ROSSI)
    q1, = svc.invite_operators(db, pid, [rossi], invited_on=date(2026, 3, 5))
    svc.record_offer(db, q1, received_on=date(2026, 3, 9), amount=D("940.00"))
    with pytest.raises(ValidationError) as caught:
        svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11))
    assert caught.value.errors["quote_id"] == (
        "Cartoleria Rossi Srl: nessun DURC acquisito alla data del 11/03/2026: l'affidamento "
        "richiede un DURC regolare in corso di validità.")
    # issued 01/10/2025, expires after 120 days on 29/01/2026, before the award
    sup.record_durc(db, rossi, issued_on=date(2025, 10, 1))
    with pytest.raises(ValidationError) as caught:
        svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11))
    assert caught.value.errors["quote_id"] == (
        "Cartoleria Rossi Srl: il DURC è scaduto il 29/01/2026, prima del 11/03/2026: "
        "acquisire un DURC aggiornato per l'affidamento.")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT count(*) FROM procurement_award").fetchone() == (0,)
    sup.record_durc(db, rossi, issued_on=date(2026, 3, 10))
    assert svc.choose_offer(db, pid, q1, awarded_on=date(2026, 3, 11)).amount == D("940.00")
