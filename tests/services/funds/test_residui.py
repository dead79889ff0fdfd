"""Accertamenti, reversali on them, residui carried from 2025 into 2026 and the situazione
amministrativa (D.I. 129/2018 art. 12-14, Mod. J), on a small year built by hand.

The year 2025 (the Programma Annuale of helpers.py, fondo di cassa at 1/1 10.000,00):
  accertamento 1 on 06/01 of 1.000,00 collected by reversali 600,00 + 400,00 -> nothing left;
  accertamento 2 on 03/01 of 5.000,00 collected by 3.000,00 -> residuo attivo 2.000,00;
  impegno 1 on A01 of 1.500,00, paid 1.000,00 -> residuo passivo 500,00;
  impegno 2 on A02 of 800,00, paid 300,00 -> residuo passivo 500,00.
  Riscossioni 600 + 400 + 3.000 = 4.000,00; pagamenti 1.000 + 300 = 1.300,00.
  Fondo di cassa al 31/12: 10.000 + 4.000 − 1.300 = 12.700,00.
  Avanzo: 12.700 + 2.000 (residui attivi) − 1.000 (residui passivi) = 13.700,00.
"""
from __future__ import annotations

import json
import sqlite3
from datetime import date
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds import availability
from iiss_desktop.queries.funds_residui import administrative_situation, residui
from iiss_desktop.services.funds.residui import (
    RadiationInput,
    carry_residui,
    radiate_residue,
    set_cash_opening,
)
from iiss_desktop.services.funds.revenue import (
    AssessmentInput,
    ReceiptInput,
    issue_receipt_order,
    record_assessment,
)
from iiss_desktop.services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from tests.services.funds.helpers import GOOD_IBAN, GOOD_VAT, approved_programme, counts

D = Decimal
N = 2025
CREDITOR = Creditor("Mobili Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)


def _assess(db, day, voce, amount, year=N, **kw):
    return record_assessment(db, AssessmentInput(year, day, voce, amount, "Famiglie degli "
                                                 "alunni", "Contributi volontari",
                                                 "Rendiconto pagoPA", day, **kw))


def _pay(db, cid, day, amount):
    liq = liquidate(db, LiquidationInput(cid, day, amount, "Verbale di regolare fornitura"))
    return issue_payment_order(db, PaymentOrderInput(liq.id, day, "Pagamento", CREDITOR))


def test_an_accertamento_is_collected_up_to_its_amount_and_no_further(db, db_path):
    approved_programme(db, N)
    a = _assess(db, date(N, 2, 3), "06/01", D("1000.00"))
    assert (a.year, a.number) == (N, 1)
    r1 = issue_receipt_order(db, ReceiptInput(a.id, date(N, 2, 10), D("600.00")))
    r2 = issue_receipt_order(db, ReceiptInput(a.id, date(N, 3, 10), "400,00"))
    assert (r1.number, r2.number) == (1, 2)
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:        # 1.000 − 600 − 400 = 0 left
        issue_receipt_order(db, ReceiptInput(a.id, date(N, 3, 11), D("0.01")))
    assert "restano da riscuotere 0,00" in info.value.errors["amount"]
    assert counts(db_path) == before
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT r.number, r.debtor, r.causale, a.number FROM "
                           "funds_receipt_order r JOIN funds_assessment a "
                           "ON a.id = r.assessment_id ORDER BY r.number").fetchall() == [
            (1, "Famiglie degli alunni", "Contributi volontari", 1),
            (2, "Famiglie degli alunni", "Contributi volontari", 1)]
        assert con.execute("SELECT number FROM register_entry WHERE register = "
                           "'fondi-accertamenti'").fetchall() == [(1,)]
    assert verify(db, anchors=False).ok


@pytest.mark.parametrize(("changes", "field", "words"), [
    ({"amount": D("-5.00")}, "amount", "non può essere negativo"),
    ({"amount": "10,123"}, "amount", "Importo accertato"),
    ({"assessed_on": date(N + 1, 1, 2)}, "assessed_on", "non è nell'esercizio finanziario"),
    ({"revenue": "05/01"}, "revenue", "non è nel Programma Annuale 2025"),
    ({"revenue": "77/77"}, "revenue", "non esiste nel piano dei conti"),
    ({"debtor": ""}, "debtor", "Debitore"),
    ({"document_ref": " "}, "document_ref", "Documento"),
    ({"document_date": date(N, 3, 1)}, "document_date", "successivo"),
])
def test_a_wrong_accertamento_names_its_field_and_saves_nothing(db, db_path, changes, field,
                                                                 words):
    approved_programme(db, N)
    values = {"year": N, "assessed_on": date(N, 2, 3), "revenue": "06/01",
              "amount": D("10.00"), "debtor": "Famiglie", "description": "Contributi",
              "document_ref": "Rendiconto pagoPA", "document_date": date(N, 2, 3)} | changes
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        record_assessment(db, AssessmentInput(**values))
    assert words in info.value.errors[field], info.value.errors
    assert counts(db_path) == before


def _year_2025(db) -> dict:
    approved_programme(db, N)
    set_cash_opening(db, N, D("10000.00"))
    a1 = _assess(db, date(N, 2, 3), "06/01", D("1000.00"))
    a2 = _assess(db, date(N, 2, 4), "03/01", D("5000.00"))
    issue_receipt_order(db, ReceiptInput(a1.id, date(N, 2, 10), D("600.00")))
    issue_receipt_order(db, ReceiptInput(a2.id, date(N, 3, 10), D("3000.00")))
    issue_receipt_order(db, ReceiptInput(a1.id, date(N, 3, 12)))    # the 400,00 left
    c1 = commit_spending(db, CommitmentInput(N, date(N, 4, 1), "A01", "02", D("1500.00"),
                                             "Arredi", CREDITOR.name))
    c2 = commit_spending(db, CommitmentInput(N, date(N, 4, 2), "A02", "02", D("800.00"),
                                             "Cancelleria", CREDITOR.name))
    _pay(db, c1.id, date(N, 5, 5), D("1000.00"))
    _pay(db, c2.id, date(N, 5, 6), D("300.00"))
    return {"a2": a2.id, "c1": c1.id, "c2": c2.id}


def test_situazione_amministrativa_and_residui_of_a_year_worked_out_by_hand(db):
    _year_2025(db)
    r = residui(db, N)
    assert [(x.kind, x.ref, x.account, x.start, x.settled, x.remaining) for x in r.attivi] == [
        ("A", "2/2025", "03/01", D("5000.00"), D("3000.00"), D("2000.00"))]
    assert [(x.ref, x.account, x.start, x.settled, x.remaining) for x in r.passivi] == [
        ("1/2025", "A01/02", D("1500.00"), D("1000.00"), D("500.00")),
        ("2/2025", "A02/02", D("800.00"), D("300.00"), D("500.00"))]
    s = administrative_situation(db, N)
    assert (s.opening, s.receipts, s.payments, s.closing) == (
        D("10000.00"), D("4000.00"), D("1300.00"), D("12700.00"))
    assert (s.active, s.passive, s.result) == (D("2000.00"), D("1000.00"), D("13700.00"))


def test_residui_carried_once_collected_paid_and_radiated_in_the_next_year(db, db_path):
    ids = _year_2025(db)
    approved_programme(db, N + 1)
    done = carry_residui(db, N, date(N + 1, 1, 10))
    assert (done.active_count, done.active_total, done.passive_count, done.passive_total) == (
        1, D("2000.00"), 2, D("1000.00"))
    before = counts(db_path)
    with pytest.raises(DomainError) as info:
        carry_residui(db, N, date(N + 1, 1, 11))
    assert "già stati riportati al 2026 il 10/01/2026" in info.value.message
    with pytest.raises(ValidationError) as closed:      # 2025 is closed: no more movements
        issue_receipt_order(db, ReceiptInput(ids["a2"], date(N, 12, 30), D("1.00")))
    assert "L'esercizio 2025 è chiuso" in closed.value.errors["issued_on"]
    assert counts(db_path) == before

    # 2026, in conto residui: 1.500,00 of the 2.000,00 collected, 200,00 radiated.
    r = issue_receipt_order(db, ReceiptInput(ids["a2"], date(N + 1, 2, 10), D("1500.00")))
    assert (r.year, r.number) == (N + 1, 1)
    with pytest.raises(ValidationError) as info:        # 2.000 − 1.500 = 500 left
        issue_receipt_order(db, ReceiptInput(ids["a2"], date(N + 1, 2, 11), D("500.01")))
    assert "residuo attivo" in info.value.errors["amount"]
    attivo = residui(db, N + 1).attivi[0]
    radiate_residue(db, RadiationInput(attivo.residue_id, date(N + 1, 3, 1),
                                       "Credito inesigibile: debitore irreperibile",
                                       D("200.00"), "Decreto n. 3/2026"))
    # The impegno 1's residuo paid (500,00) and the impegno 2's radiated (economia).
    _pay(db, ids["c1"], date(N + 1, 3, 5), D("500.00"))
    passivo2 = [x for x in residui(db, N + 1).passivi if x.ref == "2/2025"][0]
    radiate_residue(db, RadiationInput(passivo2.residue_id, date(N + 1, 3, 6),
                                       "Economia di spesa: fornitura completata"))
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT kind, origin_year, year, amount, remaining FROM "
                           "funds_residue ORDER BY kind, id").fetchall() == [
            ("A", 2025, 2026, 200000, 30000), ("P", 2025, 2026, 50000, 0),
            ("P", 2025, 2026, 50000, 0)]
        assert con.execute("SELECT amount FROM funds_residue_radiation ORDER BY id"
                           ).fetchall() == [(20000,), (50000,)]
        assert con.execute("SELECT count(*) FROM funds_payment_order WHERE year = 2026 "
                           "AND residue_id IS NOT NULL").fetchone() == (1,)
    # The competence of 2026 is untouched: A01 has all its 8.000,00.
    assert availability(db, N + 1, "A01").available == D("8000.00")
    # Mod. J 2026: 12.700 + 1.500 − 500 = 13.700 in cash; residui attivi 2.000 − 1.500 − 200
    # = 300, passivi 0: avanzo 14.000,00 (13.700 of 2025, −200 and +500 radiated).
    s = administrative_situation(db, N + 1)
    assert (s.opening, s.receipts_residui, s.payments_residui, s.closing) == (
        D("12700.00"), D("1500.00"), D("500.00"), D("13700.00"))
    assert (s.active_older, s.passive_older, s.result) == (D("300.00"), D("0.00"),
                                                           D("14000.00"))
    assert verify(db, anchors=False).ok
    with sqlite3.connect(db_path) as con:       # a remainder edited behind the program
        con.execute("UPDATE funds_residue SET remaining = 99 WHERE kind = 'A'")
    problems = [p.message.replace("\xa0", " ") for p in verify(db, anchors=False).problems
                if p.check == "fondi"]
    assert problems == ["Residuo attivo 1 (2025, gestito nel 2026): da riscuotere registrato "
                        "0,99 €, ricostruito dai movimenti 300,00 €"]


def test_a_radiation_needs_a_reason_and_stays_within_the_residuo(db, db_path):
    ids = _year_2025(db)
    approved_programme(db, N + 1)
    carry_residui(db, N, date(N + 1, 1, 10))
    attivo = residui(db, N + 1).attivi[0]
    before = counts(db_path)
    with pytest.raises(ValidationError) as info:
        radiate_residue(db, RadiationInput(attivo.residue_id, date(N + 1, 3, 1), "no"))
    assert "motivo" in info.value.errors["reason"]
    with pytest.raises(ValidationError) as info:
        radiate_residue(db, RadiationInput(attivo.residue_id, date(N + 1, 3, 1),
                                           "Credito inesigibile", D("2000.01")))
    assert "al massimo 2.000,00" in info.value.errors["amount"]
    assert counts(db_path) == before
    assert ids


def test_what_is_carried_is_what_was_not_collected_or_paid_and_a_radiation_is_audited(
        db, db_path):
    """A second year by hand: fondo di cassa at 1/1 1.000,00; accertamento 1 of 700,00 on
    06/01 never collected, accertamento 2 of 300,00 on 03/01 collected whole; impegno 1 of
    250,00 on A01 never paid, impegno 2 of 100,00 on A02 paid whole.
    Carried: residuo attivo 700,00 (700 − 0), residuo passivo 250,00 (250 − 0); the two
    settled ones are not carried. Mod. J 2025: cassa 1.000 + 300 − 100 = 1.200,00; avanzo
    1.200 + 700 − 250 = 1.650,00. In 2026 the whole 700,00 is radiated (credito prescritto)
    and nothing moves: cassa 1.200,00, residui attivi 0, passivi 250,00, avanzo 950,00."""
    approved_programme(db, N)
    set_cash_opening(db, N, D("1000.00"))
    _assess(db, date(N, 2, 3), "06/01", D("700.00"))
    a2 = _assess(db, date(N, 2, 4), "03/01", D("300.00"))
    issue_receipt_order(db, ReceiptInput(a2.id, date(N, 2, 20)))
    commit_spending(db, CommitmentInput(N, date(N, 4, 1), "A01", "02", D("250.00"),
                                        "Arredi", CREDITOR.name))
    c2 = commit_spending(db, CommitmentInput(N, date(N, 4, 2), "A02", "02", D("100.00"),
                                             "Cancelleria", CREDITOR.name))
    _pay(db, c2.id, date(N, 5, 6), D("100.00"))
    s = administrative_situation(db, N)
    assert (s.opening, s.receipts, s.payments, s.closing) == (
        D("1000.00"), D("300.00"), D("100.00"), D("1200.00"))
    assert (s.active, s.passive, s.result) == (D("700.00"), D("250.00"), D("1650.00"))

    approved_programme(db, N + 1)
    done = carry_residui(db, N, date(N + 1, 1, 8))
    assert (done.active_count, done.active_total, done.passive_count, done.passive_total) == (
        1, D("700.00"), 1, D("250.00"))
    r = residui(db, N + 1)
    assert [(x.ref, x.account, x.remaining) for x in r.attivi] == [("1/2025", "06/01",
                                                                    D("700.00"))]
    assert [(x.ref, x.account, x.remaining) for x in r.passivi] == [("1/2025", "A01/02",
                                                                     D("250.00"))]
    radiate_residue(db, RadiationInput(r.attivi[0].residue_id, date(N + 1, 3, 1),
                                       "Credito prescritto: nessun atto interruttivo",
                                       act_ref="Decreto n. 4/2026"))
    s = administrative_situation(db, N + 1)
    assert (s.opening, s.receipts, s.payments, s.closing) == (
        D("1200.00"), D("0.00"), D("0.00"), D("1200.00"))
    assert (s.active, s.passive, s.result) == (D("0.00"), D("250.00"), D("950.00"))
    with sqlite3.connect(db_path) as con:
        (after,), = con.execute("SELECT after FROM audit_log WHERE action = 'insert' AND "
                                "entity = 'funds_residue_radiation'").fetchall()
        image = json.loads(after)
        assert (image["reason"], image["act_ref"], image["amount"]) == (
            "Credito prescritto: nessun atto interruttivo", "Decreto n. 4/2026", "700.00")
        changed = con.execute("SELECT before, after FROM audit_log WHERE action = 'update' "
                              "AND entity = 'funds_residue'").fetchall()
    assert [(json.loads(b)["remaining"], json.loads(a)["remaining"]) for b, a in changed] == [
        ("700.00", "0.00")]
    assert verify(db, anchors=False).ok
