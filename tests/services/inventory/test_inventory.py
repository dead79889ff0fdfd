"""Carico and movements on a real SQLite file: numbering, buono di carico, audit, no deletes."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.movements import move_item
from iiss_desktop.services.school import save_room, save_site

DAY = date(2025, 9, 15)


@pytest.fixture
def rooms(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    lab = save_room(db, {"site_id": site, "name": "Laboratorio di informatica"})
    aula = save_room(db, {"site_id": site, "name": "Aula 1A"})
    return lab, aula


def _pc(room, **kw):
    values = dict(description="Personal computer portatile", quantity=1,
                  unit_value=Decimal("650.00"), entry_date=DAY, room_id=room,
                  supplier="Informatica Srl", invoice_number="FT 12/2025")
    values.update(kw)
    return CaricoInput(**values)


def test_carico_numbers_each_good_and_prints_a_buono(db, rooms):
    lab, _ = rooms
    first = carico(db, _pc(lab, quantity=3))
    second = carico(db, _pc(lab, serial_number="SN-1"))
    assert first.register == "inv-mobili" and first.numbers == [1, 2, 3]
    assert second.numbers == [4]
    assert (first.buono_number, second.buono_number) == (1, 2)
    rows, _ = list_items(db)
    assert [(r[0], r[1], r[8]) for r in rows] == [("beni mobili", n, 65000) for n in (1, 2, 3, 4)]
    report = verify(db)
    assert report.ok, report.problems


def test_chairs_of_a_universalita_are_inventoried_one_number_each(db, rooms):
    _, aula = rooms
    res = carico(db, CaricoInput(description="Sedia per alunni", quantity=24,
                                 unit_value=Decimal("45.00"), universalita=True,
                                 entry_date=DAY, room_id=aula))
    assert res.register == "inv-mobili" and res.numbers == list(range(1, 25))


def test_cheap_good_goes_to_the_durable_register_and_consumables_are_refused(db, rooms):
    lab, _ = rooms
    res = carico(db, _pc(lab, description="Mouse", unit_value=Decimal("19.90")))
    assert res.register == "inv-durevoli" and res.numbers == [1]
    with pytest.raises(DomainError) as info:
        carico(db, _pc(lab, description="Toner", nature="consumo"))
    assert "non si inventaria" in info.value.message
    assert len(list_items(db)[0]) == 1


@pytest.mark.parametrize("change,field", [
    ({"unit_value": Decimal("0")}, "unit_value"),
    ({"unit_value": Decimal("-5")}, "unit_value"),
    ({"description": "  "}, "description"),
    ({"room_id": None}, "room_id"),
    ({"quantity": 2, "serial_number": "X1"}, "serial_number"),
    ({"cig": "Z1A2B"}, "cig"),
    ({"cup": "B12C34-00000001"}, "cup"),
])
def test_bad_input_names_the_field_and_saves_nothing(db, rooms, change, field):
    lab, _ = rooms
    with pytest.raises(ValidationError) as info:
        carico(db, _pc(lab, **change))
    assert field in info.value.errors
    assert list_items(db) == ([], [])


def test_duplicate_serial_number_is_refused(db, rooms):
    lab, _ = rooms
    carico(db, _pc(lab, serial_number="PF3XK9"))
    with pytest.raises(ValidationError) as info:
        carico(db, _pc(lab, serial_number="PF3XK9"))
    assert "già registrato" in info.value.errors["serial_number"]
    with pytest.raises(ValidationError) as info:          # typed by hand: case and spaces
        carico(db, _pc(lab, serial_number=" pf3xk9 "))
    assert info.value.errors["serial_number"] == ("Il numero di serie «PF3XK9» è già "
                                                  "registrato per un altro bene.")
    assert len(list_items(db)[0]) == 1


def test_moving_a_good_is_a_recorded_movement(db, db_path, rooms):
    lab, aula = rooms
    carico(db, _pc(lab))
    item_id = list_items(db)[1][0]
    move_item(db, item_id=item_id, to_room_id=aula, moved_on=DAY, reason="Nuova aula")
    assert list_items(db)[0][0][5] == "Aula 1A"
    con = sqlite3.connect(db_path)
    moves = con.execute("SELECT from_room_id, to_room_id, reason "
                        "FROM inventory_movement").fetchall()
    assert moves == [(lab, aula, "Nuova aula")]
    with pytest.raises(ValidationError):
        move_item(db, item_id=item_id, to_room_id=aula)


def test_goods_and_movements_cannot_be_deleted_or_renumbered(db, db_path, rooms):
    lab, aula = rooms
    carico(db, _pc(lab))
    move_item(db, item_id=list_items(db)[1][0], to_room_id=aula, moved_on=DAY)
    con = sqlite3.connect(db_path)
    for statement in ("DELETE FROM inventory_item", "UPDATE inventory_item SET number = 9",
                      "DELETE FROM inventory_movement",
                      "UPDATE inventory_movement SET to_room_id = 1"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)


def test_third_party_goods_need_their_owner(db, rooms):
    lab, _ = rooms
    with pytest.raises(ValidationError) as info:
        carico(db, _pc(lab, category_register="inv-terzi"))
    assert "owner" in info.value.errors
    res = carico(db, _pc(lab, category_register="inv-terzi", owner="Comune di Velletri",
                         grant_title="Comodato gratuito, delibera G.C. 12/2020"))
    assert res.register == "inv-terzi" and res.numbers == [1]


def test_carico_cannot_be_dated_before_the_last_number(db, rooms):
    lab, _ = rooms
    carico(db, _pc(lab))
    with pytest.raises(ValidationError):
        carico(db, _pc(lab, entry_date=date(2025, 9, 1)))
    assert [r[1] for r in list_items(db)[0]] == [1]


def _discharge(db, ids, **kw):
    from iiss_desktop.services.inventory.discharge import discharge_items

    values = dict(item_ids=ids, decree_number="12", decree_date=date(2025, 10, 1), cause="furto",
                  motivation="Furto denunciato ai Carabinieri il 30/09/2025")
    values.update(kw)
    return discharge_items(db, **values)


def test_discharge_needs_a_decree_and_changes_nothing_without_it(db, db_path, rooms):
    lab, _ = rooms
    carico(db, _pc(lab, quantity=2))
    ids = list_items(db)[1]
    with pytest.raises(ValidationError) as info:
        _discharge(db, ids, decree_number=" ")
    assert "senza decreto non si scarica" in info.value.errors["decree_number"]
    assert {r[9] for r in list_items(db)[0]} == {"in uso"}
    _discharge(db, ids[:1])
    assert [r[9] for r in list_items(db)[0]] == ["scaricato", "in uso"]
    with pytest.raises(DomainError) as again:
        _discharge(db, ids[:1])
    assert "già stato scaricato" in again.value.message
    con = sqlite3.connect(db_path)
    for statement in ("DELETE FROM inventory_discharge", "DELETE FROM inventory_discharge_item",
                      "UPDATE inventory_discharge SET cause = 'vendita'"):
        with pytest.raises(sqlite3.DatabaseError):
            con.execute(statement)
    assert verify(db).ok


def test_discharge_before_the_carico_is_refused(db, rooms):
    lab, _ = rooms
    carico(db, _pc(lab))
    with pytest.raises(ValidationError) as info:
        _discharge(db, list_items(db)[1], decree_date=date(2025, 9, 1))
    assert "anteriore al carico" in info.value.errors["decree_date"]


def _buoni_di_scarico(db_path) -> list[tuple]:
    con = sqlite3.connect(db_path)
    rows = con.execute("SELECT year, number, entry_date FROM register_entry "
                       "WHERE register = 'inv-buoni-scarico' ORDER BY year, number").fetchall()
    con.close()
    return rows


def test_the_buono_di_scarico_is_dated_when_the_decree_is_executed(db, db_path, rooms):
    lab, _ = rooms
    carico(db, _pc(lab, quantity=4))
    ids = list_items(db)[1]
    # A decree of 01/10/2025 executed on 06/10/2025: buono n. 1 of 2025, of that day.
    _discharge(db, ids[:1], executed_on=date(2025, 10, 6))
    # Not before its decree, not in the future, not before the year's last buono.
    for executed_on, words in ((date(2025, 9, 30), "precede il decreto del 01/10/2025"),
                               (date.today() + timedelta(days=1), "non può essere futura"),
                               (date(2025, 10, 3), "anteriore all'ultima registrazione")):
        with pytest.raises(ValidationError) as info:
            _discharge(db, ids[1:2], executed_on=executed_on)
        assert words in info.value.errors["executed_on"]
    # Without a date, the buono is of today (the next year, numbered from 1 again, if today is
    # in a later year than 2025).
    _discharge(db, ids[1:2], decree_number="13")
    today = date.today()
    assert _buoni_di_scarico(db_path) == [
        (2025, 1, "2025-10-06"),
        (today.year, 2 if today.year == 2025 else 1, today.isoformat())]
    assert [r[9] for r in list_items(db)[0]] == ["scaricato", "scaricato", "in uso", "in uso"]


def test_discharged_goods_are_annotated_in_the_register_and_not_checked_in_rooms(db, rooms,
                                                                                tmp_path):
    import subprocess

    from iiss_desktop.queries.inventory.items import room_check_data
    from iiss_desktop.reports.registers import build_register
    from tests.conftest import tool

    lab, _ = rooms
    carico(db, _pc(lab, quantity=2))
    ids = list_items(db)[1]
    _discharge(db, ids[1:])
    expected, _ = room_check_data(db, lab)
    assert sorted(expected) == [("inv-mobili", 1)]
    out = build_register(db, tmp_path / "registro.pdf", "inv-mobili")
    text = subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    assert "Scaricato con decreto n. 12 del 01/10/2025 (furto)" in " ".join(text.split())


PARENT_CF = "RSSMRA80A01H501U"


def _loan(db, ids, **kw):
    from iiss_desktop.services.inventory.loans import LoanInput, lend

    values = dict(parent_name="Mario Rossi", parent_cf=PARENT_CF, student_name="Giulia Rossi",
                  class_name="2A", item_ids=ids, start=date(2025, 10, 1),
                  due=date(2026, 6, 30), criteria="Graduatoria ISEE",
                  parent_birth_place="Velletri (RM)", parent_birth_date=date(1980, 1, 1),
                  parent_residence="Via Roma 12, 00049 Velletri (RM)")
    values.update(kw)
    return lend(db, LoanInput(**values))


def test_comodato_needs_the_parents_birth_data_and_residence(db, rooms, tmp_path):
    """domain.md §7: the comodatario is named with birth data and residence; a contract
    without them is refused naming each field, and nothing is saved."""
    from iiss_desktop.reports.inventory.loans import build_contract
    from tests.helpers.pdf import pdf_flat

    carico(db, CaricoInput(description="Tablet 10 pollici", unit_value=Decimal("320.00"),
                           entry_date=date(2025, 9, 15), room_id=rooms[0]))
    ids = list_items(db)[1]
    with pytest.raises(ValidationError) as exc:
        _loan(db, ids, parent_birth_place=" ", parent_birth_date=None, parent_residence="")
    assert set(exc.value.errors) == {"parent_birth_place", "parent_birth_date",
                                     "parent_residence"}
    assert exc.value.errors["parent_residence"] == ("Il campo «Residenza del comodatario» è "
                                                    "obbligatorio.")
    with pytest.raises(ValidationError) as exc:
        _loan(db, ids, parent_birth_date=date(2099, 1, 1))
    assert "non può essere una data futura" in exc.value.errors["parent_birth_date"]
    # Born 02/10/2007: 18 years old on 02/10/2025, the day after the consegna of 01/10/2025.
    with pytest.raises(ValidationError) as exc:
        _loan(db, ids, parent_birth_date=date(2007, 10, 2))
    assert exc.value.errors["parent_birth_date"] == (
        "Data di nascita del comodatario 02/10/2007: alla consegna del 01/10/2025 non è "
        "maggiorenne (il contratto lo firma un genitore o tutore).")
    _loan(db, ids, parent_birth_date=date(2007, 10, 1))   # of age that very day; number 1:
    # the refused attempts recorded nothing
    text = pdf_flat(build_contract(db, tmp_path / "c.pdf", 2025, 1))
    assert ("Mario Rossi, nato/a a Velletri (RM) il 01/10/2007, residente in Via Roma 12, "
            "00049 Velletri (RM), codice fiscale RSSMRA80A01H501U") in text


def test_comodato_marks_goods_lent_and_refuses_lending_them_twice(db, rooms):
    from iiss_desktop.services.inventory.loans import return_loan

    lab, _ = rooms
    carico(db, _pc(lab, description="Tablet 10 pollici", quantity=2, unit_value=Decimal("210")))
    ids = list_items(db)[1]
    loan_id, number = _loan(db, ids[:1])
    assert number == 1
    assert [r[9] for r in list_items(db)[0]] == ["in comodato", "in uso"]
    with pytest.raises(DomainError) as info:
        _loan(db, ids[:1], student_name="Luca Bianchi")
    # One text for one rule: the service and the Inventario tab say the same.
    assert info.value.message == ("Il bene n. 1 (beni mobili) è già in comodato: registrarne "
                                  "prima la restituzione.")
    with pytest.raises(DomainError):
        _discharge(db, ids[:1])          # a lent good must come back before a discharge
    return_loan(db, loan_id=loan_id, returned_on=date(2025, 11, 3), condition="buono")
    assert [r[9] for r in list_items(db)[0]] == ["in uso", "in uso"]
    with pytest.raises(DomainError):
        return_loan(db, loan_id=loan_id)
    assert verify(db).ok


@pytest.mark.parametrize("change,field", [
    ({"parent_cf": "RSSMRA80A01H501X"}, "parent_cf"),      # wrong check character
    ({"parent_cf": ""}, "parent_cf"),
    ({"due": date(2025, 9, 1)}, "due"),
    ({"student_name": " "}, "student_name"),
])
def test_comodato_bad_input_names_the_field_and_lends_nothing(db, rooms, change, field):
    lab, _ = rooms
    carico(db, _pc(lab))
    with pytest.raises(ValidationError) as info:
        _loan(db, list_items(db)[1], **change)
    assert field in info.value.errors
    assert [r[9] for r in list_items(db)[0]] == ["in uso"]


def test_damage_on_return_must_be_described(db, rooms):
    from iiss_desktop.services.inventory.loans import return_loan

    lab, _ = rooms
    carico(db, _pc(lab))
    loan_id, _ = _loan(db, list_items(db)[1])
    with pytest.raises(ValidationError) as info:
        return_loan(db, loan_id=loan_id, returned_on=date(2025, 12, 1), condition="danneggiato")
    assert "notes" in info.value.errors


def test_overdue_and_due_soon_loans_are_on_the_start_page(db, rooms):
    from datetime import timedelta

    from iiss_desktop.queries.home import home_items

    lab, _ = rooms
    carico(db, _pc(lab, quantity=2))
    ids = list_items(db)[1]
    today = date.today()
    _loan(db, ids[:1], start=today - timedelta(days=30), due=today - timedelta(days=3))
    _loan(db, ids[1:], start=today - timedelta(days=30), due=today + timedelta(days=7),
          student_name="Luca Rossi")
    loans = {i.title: (i.detail, i.level) for i in home_items(db) if i.kind == "comodato"}
    assert loans[f"Comodato n. 1/{today.year}: Giulia Rossi (2A)"] == (
        "restituzione scaduta da 3 giorni – 1 bene", "warning")
    assert loans[f"Comodato n. 2/{today.year}: Luca Rossi (2A)"][0].startswith(
        "restituzione entro 15 giorni")


def test_a_carico_with_a_wrong_cig_or_cup_saves_nothing(db, db_path, rooms):
    """CIG: 10 letters and digits (ANAC); CUP: 15 (DIPE). Both errors are shown at once."""
    lab, _ = rooms
    carico(db, _pc(lab))
    before = _snapshot(db_path)
    with pytest.raises(ValidationError) as info:
        carico(db, _pc(lab, cig="Z1A2B", cup="B12C3400000000"))
    assert info.value.errors == {
        "cig": "CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B» (5 caratteri).",
        "cup": "CUP: attesi 15 caratteri tra lettere e cifre, trovato «B12C3400000000» "
               "(14 caratteri)."}
    assert _snapshot(db_path) == before
    # Spaces around and small letters are fine: stored trimmed and upper-cased.
    assert carico(db, _pc(lab, cig=" z1a2b3c4d5 ", cup="b12c34000000001")).numbers == [2]
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT cig, cup FROM inventory_item WHERE number = 2").fetchone() \
            == ("Z1A2B3C4D5", "B12C34000000001")


def test_carico_keeps_the_accounting_references_and_the_buono_prints_them(db, rooms, tmp_path):
    """D.I. 129/2018 art. 17 c.3: the invoice and the mandato are linked to the carico."""
    from pypdf import PdfReader

    from iiss_desktop.reports.inventory.register import build_buono_carico

    lab, _ = rooms
    res = carico(db, _pc(lab, impegno="45/2025", mandato="112/2025", cig="B1234567AA"))
    with sqlite3.connect(db.path) as conn:
        assert conn.execute("SELECT impegno, mandato, cig FROM inventory_item").fetchone() == \
            ("45/2025", "112/2025", "B1234567AA")
    out = build_buono_carico(db, tmp_path / "buono.pdf", anno=res.buono_year,
                             numero=res.buono_number)
    text = " ".join(PdfReader(out).pages[0].extract_text().split())
    assert "45/2025 / 112/2025" in text and "B1234567AA / —" in text


def _snapshot(path) -> list:
    with sqlite3.connect(path) as conn:
        return [conn.execute(f"SELECT * FROM {t} ORDER BY 1").fetchall()
                for t in ("register_entry", "inventory_item", "counter", "audit_log")]


def test_a_mistaken_carico_is_annulled_never_deleted_and_its_number_is_never_reused(
        db, db_path, rooms, tmp_path):
    import subprocess

    from iiss_desktop.queries.inventory.consistenza import register_consistenza
    from iiss_desktop.reports.registers import build_register
    from iiss_desktop.services.inventory.carico import annul_carico
    from tests.conftest import tool

    lab, _ = rooms
    carico(db, _pc(lab, quantity=3))                       # nn. 1, 2, 3 at 650,00 € each
    ids = list_items(db)[1]
    before = _snapshot(db_path)
    with pytest.raises(ValidationError) as info:            # a reason is required
        annul_carico(db, item_id=ids[1], reason="no")
    assert "motivo" in info.value.errors["reason"]
    assert _snapshot(db_path) == before

    number = annul_carico(db, item_id=ids[1], reason="Carico doppio della fattura FT 12/2025")
    assert number == 4                         # the annulment row takes the next number
    assert carico(db, _pc(lab, entry_date=date.today())).numbers == [5]   # n. 2 never reused
    rows = {r[1]: r for r in list_items(db)[0]}
    assert rows[2][9] == "annullato" and rows[2][6] == ""    # no custodian for it either
    c = register_consistenza(db, "inv-mobili")
    assert (c.count, c.value) == (3, 195_000)                 # nn. 1, 3, 5: 3 x 650,00 €
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT count(*) FROM inventory_item").fetchone() == (4,)
    assert verify(db).ok

    out = build_register(db, tmp_path / "registro.pdf", "inv-mobili")
    text = " ".join(subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    assert "Annulla n. 2: Carico doppio della fattura FT 12/2025" in text
    assert "motivo: Carico doppio della fattura FT 12/2025" in text

    for action, message in (
            (lambda: annul_carico(db, item_id=ids[1], reason="Ancora una volta"),
             "ha il carico annullato"),
            (lambda: move_item(db, item_id=ids[1], to_room_id=rooms[1]), "non si sposta"),
            (lambda: _discharge(db, [ids[1]]), "ha il carico annullato")):
        before = _snapshot(db_path)
        with pytest.raises(DomainError) as info:
            action()
        assert message in info.value.message
        assert _snapshot(db_path) == before


def test_discharged_or_lent_goods_keep_their_carico(db, db_path, rooms):
    from iiss_desktop.services.inventory.carico import annul_carico

    lab, _ = rooms
    carico(db, _pc(lab, quantity=2))
    ids = list_items(db)[1]
    _discharge(db, [ids[0]])
    _loan(db, [ids[1]])
    before = _snapshot(db_path)
    with pytest.raises(DomainError) as info:
        annul_carico(db, item_id=ids[0], reason="Errore di registrazione")
    assert info.value.message == ("Il bene n. 1 (beni mobili) è stato scaricato: il carico non "
                                  "si annulla.")
    with pytest.raises(DomainError) as info:
        annul_carico(db, item_id=ids[1], reason="Errore di registrazione")
    assert "in comodato" in info.value.message
    assert _snapshot(db_path) == before


def test_the_printed_inventory_has_provenienza_luogo_and_stato_of_each_good(db, rooms,
                                                                           tmp_path):
    """Art. 31 c.2: provenienza, luogo, stato di conservazione and valore on every line."""
    import subprocess

    from iiss_desktop.queries.inventory.items import register_details
    from iiss_desktop.reports.registers import build_register
    from tests.conftest import tool

    lab, aula = rooms
    carico(db, _pc(lab, invoice_date=date(2025, 9, 10), brand="Lenovo", model="ThinkPad E14",
                   serial_number="SN-77", category="Hardware"))
    carico(db, _pc(aula, description="Microscopio ottico", valuation="donazione",
                   supplier="Associazione genitori", invoice_number="", state="discreto",
                   unit_value=Decimal("320.00")))
    entry_of = {r[1]: e for r, e in zip(*_rows_and_entries(db))}
    assert register_details(db, "inv-mobili") == {
        entry_of[1]: ("Hardware · Lenovo ThinkPad E14 · s/n SN-77 · stato: buono",
                      "Acquisto – Informatica Srl, fatt. n. FT 12/2025 del 10/09/2025",
                      "Laboratorio di informatica – Sede centrale"),
        entry_of[2]: ("stato: discreto", "Donazione – Associazione genitori (prezzo di stima)",
                      "Aula 1A – Sede centrale")}
    out = build_register(db, tmp_path / "registro.pdf", "inv-mobili")
    text = " ".join(subprocess.run([tool("pdftotext"), str(out), "-"], capture_output=True,
                                   text=True, check=True).stdout.split())
    for expected in ("Provenienza", "Luogo", "s/n SN-77", "650,00 €", "320,00 €",
                     "Informatica Srl, fatt. n. FT 12/2025", "stato: discreto"):
        assert expected in text, expected
    assert "Rif.: FT 12/2025" not in text       # the invoice is the provenienza, not a note


def _rows_and_entries(db):
    with sqlite3.connect(db.path) as conn:
        rows = conn.execute("SELECT register, number, entry_id FROM inventory_item "
                            "ORDER BY number").fetchall()
    return [r[:2] for r in rows], [r[2] for r in rows]


def test_several_goods_move_together_or_not_at_all(db, db_path, rooms):
    from iiss_desktop.services.inventory.movements import move_items

    lab, aula = rooms
    carico(db, _pc(lab, quantity=3))                          # nn. 1-3 in the laboratory
    carico(db, _pc(aula))                                     # n. 4 already in Aula 1A
    ids = list_items(db)[1]
    before = _snapshot(db_path)
    with pytest.raises(ValidationError) as info:
        move_items(db, item_ids=ids, to_room_id=aula, moved_on=DAY)
    assert info.value.errors["to_room_id"] == "Già in questo locale: beni mobili n. 4."
    with pytest.raises(ValidationError) as info:
        move_items(db, item_ids=ids[:3], to_room_id=aula, moved_on=date(2025, 9, 1))
    assert info.value.errors["moved_on"] == ("Lo spostamento è anteriore al carico del bene "
                                             "n. 1 (beni mobili), del 15/09/2025.")
    assert _snapshot(db_path) == before

    assert move_items(db, item_ids=ids[:3], to_room_id=aula, moved_on=DAY,
                      reason="Laboratorio in ristrutturazione") == 3
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT item_id, from_room_id, to_room_id, reason FROM "
                            "inventory_movement ORDER BY item_id").fetchall() == [
            (i, lab, aula, "Laboratorio in ristrutturazione") for i in ids[:3]]
    assert {r[5] for r in list_items(db)[0]} == {"Aula 1A"}
