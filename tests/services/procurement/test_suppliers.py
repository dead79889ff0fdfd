"""The suppliers registry on a real archive: every refusal names its field and stores
nothing; conti dedicati over time, DURC state, the reproducible random draw, the rotation of
awards; the rows cannot be deleted and every write is in the change log."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.procurement.checks import rank
from iiss_desktop.queries.procurement_suppliers import (
    list_suppliers,
    supplier_id_of,
    supplier_scheda,
)
from iiss_desktop.services.procurement import suppliers as svc
from iiss_desktop.services.procurement.suppliers import Delegate

TABLES = ("procurement_supplier", "procurement_bank_account", "procurement_bank_delegate",
          "procurement_durc", "procurement_declaration", "procurement_check_draw",
          "procurement_award", "audit_log")
# Valid numbers worked out with their check digits (Luhn for the P.IVA, the CF's table).
ROSSI = {"name": "Cartoleria Rossi Srl", "vat": "04123450720", "tax_code": "04123450720",
         "address": "Via Roma 1, 70100 Bari", "pec": "cartoleriarossi@pec.it",
         "phone": "080 1234567"}
TECNO = {"name": "Tecnoservizi Bari Srl", "vat": "IT05678910729", "pec": "tecno@pec.it"}
IBAN = "IT60X0542811101000000123456"
MARIO = Delegate("Mario Rossi", "RSSMRA80A01H501U", "legale rappresentante")


def counts(path) -> dict[str, int]:
    with sqlite3.connect(path) as con:
        return {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES}


@pytest.fixture
def rossi(db) -> int:
    return svc.save_supplier(db, ROSSI)


# --- the supplier's data ----------------------------------------------------------------------
def test_a_supplier_is_stored_with_its_partita_iva_as_the_fatturapa_writes_it(db, db_path):
    sid = svc.save_supplier(db, ROSSI)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT name, vat, tax_code, pec, phone, active FROM "
                           "procurement_supplier WHERE id = ?", (sid,)).fetchone() == (
            "Cartoleria Rossi Srl", "IT04123450720", "04123450720", "cartoleriarossi@pec.it",
            "080 1234567", 1)
        reasons = [r[0] for r in con.execute("SELECT reason FROM audit_log WHERE "
                                             "entity = 'procurement_supplier'")]
    assert reasons == ["Albo dei fornitori: nuovo fornitore"]
    assert supplier_id_of(db, "04123450720") == sid == supplier_id_of(db, str(sid))


@pytest.mark.parametrize(("values", "field", "words"), [
    # 04123450720 with the last digit changed: the Luhn check digit is 0, not 1.
    ({**ROSSI, "vat": "04123450721"}, "vat", "la cifra di controllo non corrisponde"),
    ({**ROSSI, "vat": "0412345072"}, "vat", "sono 11 cifre"),
    ({**ROSSI, "vat": "DE123456789"}, "vat", "non valida per il paese DE"),
    ({**ROSSI, "vat": "US123456789"}, "vat", "non è il prefisso di un paese"),
    ({**ROSSI, "tax_code": "RSSMRA80A01H501A"}, "tax_code", "Codice fiscale «RSSMRA80A01H501A»"),
    ({**ROSSI, "pec": "cartoleria.pec.it"}, "pec", "PEC «cartoleria.pec.it» non valida"),
    ({**ROSSI, "phone": "chiamare Mario"}, "phone", "Telefono «chiamare Mario» non valido"),
    ({**ROSSI, "name": ""}, "name", "«Denominazione del fornitore» è obbligatorio"),
    ({"name": "Senza codici"}, "vat", "partita IVA o, per chi non la ha, il codice fiscale"),
])
def test_a_wrong_field_is_refused_naming_it_and_nothing_is_stored(db, db_path, values, field,
                                                                   words):
    before = counts(db_path)
    with pytest.raises(ValidationError) as refused:
        svc.save_supplier(db, values)
    assert field in refused.value.errors
    assert words in refused.value.errors[field]
    assert counts(db_path) == before


def test_a_german_vat_number_and_a_professional_s_codice_fiscale_are_accepted(db, db_path):
    # DE136695976: a valid German USt-IdNr. (stdnum's own example); RSSMRA80A01H501U: Mario
    # Rossi, born 01/01/1980 in Rome, check letter U.
    a = svc.save_supplier(db, {"name": "Lehrmittel GmbH", "vat": "de 136 695 976"})
    b = svc.save_supplier(db, {"name": "Dott. Mario Rossi", "tax_code": "rssmra80a01h501u"})
    with sqlite3.connect(db_path) as con:
        got = con.execute("SELECT vat, tax_code FROM procurement_supplier WHERE id IN (?, ?) "
                          "ORDER BY id", (a, b)).fetchall()
    assert got == [("DE136695976", ""), ("", "RSSMRA80A01H501U")]


def test_a_duplicate_partita_iva_is_refused_also_when_written_otherwise(db, db_path, rossi):
    before = counts(db_path)
    with pytest.raises(ValidationError) as refused:
        svc.save_supplier(db, {**ROSSI, "name": "Rossi di nuovo", "vat": "IT 04123450720",
                               "tax_code": ""})
    assert refused.value.errors == {"vat": "Partita IVA 04123450720 già registrata per "
                                           "«Cartoleria Rossi Srl»: un fornitore si registra "
                                           "una volta sola."}
    assert counts(db_path) == before
    # correcting the supplier itself keeps its own number
    assert svc.save_supplier(db, {**ROSSI, "phone": "080 7654321"}, rossi) == rossi


# --- conto dedicato ---------------------------------------------------------------------------
def test_the_conto_in_force_is_the_latest_not_revoked(db, rossi):
    first = svc.record_bank_account(db, rossi, iban="IT60 X054 2811 1010 0000 0123 456",
                                    declared_on=date(2025, 3, 3), delegates=[MARIO])
    second = svc.record_bank_account(db, rossi, iban="IT43M0306904013100000004601",
                                     declared_on=date(2025, 9, 1), delegates=[MARIO],
                                     bank="Intesa Sanpaolo")
    row = next(r for r in list_suppliers(db) if r.id == rossi)
    assert row.account_iban == "IT43M0306904013100000004601"
    svc.revoke_bank_account(db, second, reason="Conto chiuso dal fornitore",
                            revoked_on=date(2025, 10, 1))
    row = next(r for r in list_suppliers(db) if r.id == rossi)
    assert row.account_iban == IBAN      # back to the earlier one, never revoked
    svc.revoke_bank_account(db, first, reason="Sostituito", revoked_on=date(2025, 10, 2))
    assert not next(r for r in list_suppliers(db) if r.id == rossi).has_account
    with pytest.raises(ValidationError, match="è già revocato"):
        svc.revoke_bank_account(db, first, reason="Di nuovo")


@pytest.mark.parametrize(("kwargs", "field", "words"), [
    # the last check digit of IT60X0542811101000000123456 changed
    ({"iban": "IT60X0542811101000000123457"}, "iban", "IBAN «IT60X0542811101000000123457» "
                                                      "non valido"),
    ({"delegates": []}, "delegate1_name", "almeno una persona delegata"),
    ({"delegates": [Delegate("Mario Rossi", "04123450720")]}, "delegate1_tax_code",
     "16 caratteri"),
    ({"declared_on": date.today() + timedelta(days=1)}, "declared_on", "non può essere una "
                                                                       "data futura"),
])
def test_a_wrong_declaration_of_the_conto_is_refused_and_nothing_stored(db, db_path, rossi,
                                                                        kwargs, field, words):
    values = {"iban": IBAN, "declared_on": date(2025, 3, 3), "delegates": [MARIO], **kwargs}
    before = counts(db_path)
    with pytest.raises(ValidationError) as refused:
        svc.record_bank_account(db, rossi, **values)
    assert words in refused.value.errors[field]
    assert counts(db_path) == before


# --- DURC -------------------------------------------------------------------------------------
def test_the_durc_expires_120_days_after_its_issue_and_is_then_scaduto(db, rossi):
    svc.record_durc(db, rossi, issued_on=date(2026, 1, 10), protocol="INAIL_1")
    # 10/01/2026 + 120 days = 10/05/2026 (21 + 28 + 31 + 30 = 110 to 30/04, + 10)
    for today, state in ((date(2026, 5, 10), "valido"), (date(2026, 5, 11), "scaduto")):
        row = next(r for r in list_suppliers(db, today=today) if r.id == rossi)
        assert (row.durc_state, row.durc_expires) == (state, date(2026, 5, 10))
    assert next(r for r in list_suppliers(db, today=date(2026, 5, 11))
                if r.id == rossi).durc_text == "DURC scaduto il 10/05/2026"
    # a newer DURC, non regolare, is the one that counts
    svc.record_durc(db, rossi, issued_on=date(2026, 5, 12), outcome="non_regolare",
                    protocol="INPS_2")
    assert next(r for r in list_suppliers(db, today=date(2026, 5, 12))
                if r.id == rossi).durc_state == "non_regolare"
    with pytest.raises(ValidationError, match="INPS_2 è già registrato"):
        svc.record_durc(db, rossi, issued_on=date(2026, 5, 13), protocol="INPS_2")
    with pytest.raises(ValidationError) as refused:
        svc.record_durc(db, rossi, issued_on=date(2026, 6, 1), expires_on=date(2026, 6, 1))
    assert "expires_on" in refused.value.errors


def test_a_supplier_without_durc_says_so(db, rossi):
    row = next(r for r in list_suppliers(db) if r.id == rossi)
    assert (row.durc_state, row.durc_text) == ("mancante", "DURC non acquisito")


# --- declarations and the random draw (art. 52) ----------------------------------------------
def _eleven_suppliers(db) -> dict[str, int]:
    """Eleven suppliers with valid partite IVA (11 digits, Luhn check digit computed)."""
    from stdnum import luhn

    out = {}
    for n in range(11):
        body = f"0{n + 1:02d}0000072"
        vat = body + luhn.calc_check_digit(body)
        out[vat] = svc.save_supplier(db, {"name": f"Fornitore {n + 1:02d}", "vat": vat})
        svc.record_declaration(db, out[vat], kind="dgue", received_on=date(2026, 2, 2))
    return out


def test_the_draw_takes_ten_percent_rounded_up_and_is_reproducible_with_its_seed(db, db_path):
    suppliers = _eleven_suppliers(db)
    result = svc.draw_random_checks(db, period_from=date(2026, 1, 1),
                                    period_to=date(2026, 3, 31), seed=20260302,
                                    drawn_on=date(2026, 3, 2))
    # 10 % of 11 = 1.1, rounded up: 2. Ranked by sha256("20260302:<P.IVA>") ascending.
    expected = sorted(suppliers, key=lambda v: rank(v, 20260302))[:2]
    assert [x.code for x in result.drawn] == expected
    assert (result.percent, result.seed, len(result.suppliers)) == (10, 20260302, 11)
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT percent, seed, candidates, drawn FROM "
                           "procurement_check_draw").fetchall() == [(10, 20260302, 11, 2)]
        assert con.execute("SELECT count(*), sum(drawn) FROM procurement_declaration WHERE "
                           "draw_id = ?", (result.id,)).fetchone() == (11, 2)
    # already drawn among: a second draw of the period finds nothing to draw
    with pytest.raises(ValidationError, match="ancora da sorteggiare"):
        svc.draw_random_checks(db, period_from=date(2026, 1, 1), period_to=date(2026, 3, 31))
    # the same seed on the same suppliers draws the same ones, whoever repeats it
    from iiss_desktop.domain.procurement.checks import draw_sample

    assert draw_sample(sorted(suppliers), 10, 20260302) == expected
    # the drawn declaration waits for its outcome; a negative one needs its note
    declaration = next(d for d in result.drawn).declaration_id
    with pytest.raises(ValidationError) as refused:
        svc.record_check_outcome(db, declaration, outcome="negativo",
                                 checked_on=date(2026, 3, 20))
    assert "check_note" in refused.value.errors
    svc.record_check_outcome(db, declaration, outcome="positivo", checked_on=date(2026, 3, 20),
                             note="Casellario e Agenzia delle entrate: regolari")
    scheda = supplier_scheda(db, result.drawn[0].supplier_id)
    assert scheda.declarations[0][3].startswith("estratta nel sorteggio del 02/03/2026")
    assert scheda.declarations[0][4].startswith("requisiti confermati il 20/03/2026")


def test_the_percentage_is_the_dirigente_s_setting(db):
    suppliers = _eleven_suppliers(db)
    svc.set_check_percent(db, 30)
    result = svc.draw_random_checks(db, period_from=date(2026, 2, 1),
                                    period_to=date(2026, 2, 28), seed=7)
    assert (result.percent, len(result.drawn)) == (30, 4)    # 3.3 rounded up
    assert {x.code for x in result.drawn} == set(sorted(suppliers, key=lambda v: rank(v, 7))[:4])
    with pytest.raises(ValidationError, match="da 1 a 100"):
        svc.set_check_percent(db, 0)


# --- awards and rotation ----------------------------------------------------------------------
def _award(db, supplier, on, amount, sector="30192000-1", motivation=""):
    return svc.record_award(db, supplier, awarded_on=on, object="Carta e cancelleria",
                            sector=sector, amount=Decimal(amount), cig="Z0A1B2C3D4",
                            motivation=motivation)


def test_rotation_on_the_archive_refuses_the_outgoing_supplier_from_5000_euro(db, db_path,
                                                                              rossi):
    tecno = svc.save_supplier(db, TECNO)
    _award(db, rossi, date(2026, 1, 12), "6000.00")
    # toner, CPV 30125100-2: the same group 301 as the paper (30192000-1)
    assert _award(db, rossi, date(2026, 2, 2), "4999.99", "30125100-2").exception == \
        "sotto_5000"
    before = counts(db_path)
    with pytest.raises(ValidationError) as refused:
        _award(db, rossi, date(2026, 3, 2), "5000.00")
    assert "contraente uscente" in refused.value.errors["motivation"]
    assert counts(db_path) == before
    # another sector, or another supplier, or a motivation: allowed
    assert _award(db, rossi, date(2026, 3, 2), "5000.00", "50720000-8").exception == ""
    assert _award(db, tecno, date(2026, 3, 3), "7000.00").exception == ""
    assert _award(db, tecno, date(2026, 4, 1), "7000.00",
                  motivation="Unico operatore del territorio").exception == "motivata"
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT amount, rotation_exception FROM procurement_award ORDER BY "
                           "id").fetchall() == [(600000, ""), (499999, "sotto_5000"),
                                                (500000, ""), (700000, ""),
                                                (700000, "motivata")]


def test_the_registry_s_rows_are_never_deleted_nor_a_durc_changed(db, db_path, rossi):
    svc.record_durc(db, rossi, issued_on=date(2026, 1, 10))
    svc.record_bank_account(db, rossi, iban=IBAN, declared_on=date(2026, 1, 10),
                            delegates=[MARIO])
    with sqlite3.connect(db_path) as con:
        for sql in ("DELETE FROM procurement_durc", "UPDATE procurement_durc SET outcome = "
                    "'non_regolare'", "DELETE FROM procurement_bank_account",
                    "UPDATE procurement_bank_account SET iban = 'IT00'",
                    "DELETE FROM procurement_bank_delegate"):
            with pytest.raises(sqlite3.IntegrityError):
                con.execute(sql)


def test_the_scheda_shows_tables_history_and_warnings(db, rossi):
    svc.record_bank_account(db, rossi, iban=IBAN, declared_on=date(2026, 1, 10),
                            delegates=[MARIO], protocol="55/2026")
    svc.record_durc(db, rossi, issued_on=date(2026, 1, 10), protocol="INAIL_9")
    _award(db, rossi, date(2026, 1, 12), "412.50")
    s = supplier_scheda(db, rossi, today=date(2026, 6, 1))
    assert s.title == "Cartoleria Rossi Srl – P. IVA 04123450720"
    assert s.accounts == (("10/01/2026", "IT60 X054 2811 1010 0000 0123 456", "",
                           "Mario Rossi (C.F. RSSMRA80A01H501U, legale rappresentante)",
                           "55/2026", "in vigore"),)
    assert s.durcs == (("10/01/2026", "10/05/2026", "regolare", "INAIL_9", "DURC scaduto"),)
    assert s.awards[0][:5] == ("12/01/2026", "Carta e cancelleria", "30192000-1 (CPV 301)",
                               "412,50\xa0€", "Z0A1B2C3D4")
    assert "DURC scaduto il 10/05/2026" in s.warning
    assert [h.kind for h in s.history] == ["Conto dedicato", "DURC", "Affidamento"]
    assert s.values["vat"] == "04123450720"
