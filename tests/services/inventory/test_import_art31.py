"""The import applies art. 31 c.5-6 by the carico's rule (issue 12 item 2), on real SQLite files.

Hand-computed from the rule text (art. 31 c.5: movable goods of 200,00 € or less IVA compresa
are not inventoried unless part of a universalità worth more than 200,00 €; c.5-6 and Linee
guida §2.2: consumables and software licences are not inventoried; D.I. 129/2018 in force from
17/11/2018)."""
from __future__ import annotations

import sqlite3
from decimal import Decimal

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.inventory.items import register_notes
from iiss_desktop.services.inventory import import_ as imp
from tests.services.inventory.test_import import (  # noqa: F401 - fresh_db: a fixture
    add_places,
    db_state,
    fresh_db,
    row,
    write_csv,
)


@pytest.fixture
def rooms(db):
    return add_places(db)


def good(number, description, value, register="beni mobili", day="15/10/2024", **more):
    return row(number, day, Inventario=register, Descrizione=description, Valore=value, **more)


RULE_CASES = [
    # (row of the file, what the row says, words the error must contain)
    (good(1, "Mouse ottico USB", "15,00"),
     "atteso il registro dei beni durevoli: valore 15,00\u00a0€ non superiore a 200,00 € IVA "
     "compresa e nessuna universalità nella colonna «Universalità» (art. 31 c.5)"),
    (good(1, "Toner stampante laser", "85,00", Natura="consumo"),
     "atteso nessun inventario né registro: materiale di facile consumo non si inventaria "
     "(art. 31 c.5-6, Linee guida §2.2"),
    # 350,00 € is over the threshold, but a licence is never inventoried (by its label).
    (good(1, "Licenza Office 2021", "350,00", Natura="Licenza d'uso di software"),
     "atteso nessun inventario né registro: licenza d'uso di software non si inventaria"),
    (good(1, "Notebook 15 pollici", "650,00", register="beni durevoli"),
     "atteso un inventario dell'art. 31 (beni mobili), non il registro dei beni durevoli: "
     "valore 650,00\u00a0€ oltre 200,00 € IVA compresa (art. 31 c.5)"),
    (good(1, "LIM 86 pollici", "1.830,00", register="beni durevoli"),
     "valore 1.830,00\u00a0€ oltre 200,00 € IVA compresa (art. 31 c.5)"),
]


@pytest.mark.parametrize("line, words", RULE_CASES)
def test_each_row_against_art_31_is_an_error_naming_row_column_and_rule(db, rooms, tmp_path,
                                                                       line, words):
    path = write_csv(tmp_path / "inventario.csv", [line])
    report = imp.dry_run(db, path)
    assert len(report.errors) == 1
    message = report.errors[0].message
    assert message.startswith("riga 2, colonna «Inventario»: "), message
    assert words in message, message


def test_a_file_with_every_wrong_case_imports_nothing(db, rooms, tmp_path):
    # Mouse, toner and licence in beni mobili (n. 1-3), notebook and LIM in the registro dei
    # beni durevoli (n. 1-2), all dated after 17/11/2018: five errors, rows 2 to 6.
    path = write_csv(tmp_path / "sbagliato.csv", [
        good(1, "Mouse ottico USB", "15,00"),
        good(2, "Toner stampante laser", "85,00", Natura="consumo"),
        good(3, "Licenza Office 2021", "350,00", Natura="licenza"),
        good(1, "Notebook 15 pollici", "650,00", register="beni durevoli"),
        good(2, "LIM 86 pollici", "1.830,00", register="beni durevoli")])
    before = db_state(db)
    report = imp.dry_run(db, path)
    assert [(e.row, e.column) for e in report.errors] == [(r, "Inventario") for r in range(2, 7)]
    with pytest.raises(DomainError) as exc:
        imp.import_file(db, path)
    assert "5 errori: non è stato importato nulla" in str(exc.value)
    assert db_state(db) == before


def _goods(db) -> list[tuple]:
    with sqlite3.connect(db.engine.url.database) as con:
        return con.execute("SELECT register, number, value, nature, universalita_key, "
                           "universalita_value, carico_warning FROM inventory_item "
                           "ORDER BY register, number").fetchall()


def test_a_universalita_of_chairs_is_imported_with_its_total(db, rooms, tmp_path):
    # 10 chairs of 45,00 € bought together: 10 × 45,00 = 450,00 € > 200,00 €, beni mobili
    # (art. 31 c.5); the set's value is written on each chair.
    chairs = [good(n, "Sedia per alunni", "45,00", Universalità="Sedie aula 12 (2024)")
              for n in range(1, 11)]
    chairs[0]["Valore dell'universalità"] = "450,00"    # may be stated: it must be the sum
    path = write_csv(tmp_path / "sedie.csv", chairs)
    report = imp.dry_run(db, path)
    assert report.ok, [e.message for e in report.errors]
    assert report.per_register == [("inv-mobili", 10, Decimal("450.00"))]
    imp.import_file(db, path)
    assert _goods(db) == [("inv-mobili", n, 4500, "bene", "Sedie aula 12 (2024)", 45000, "")
                          for n in range(1, 11)]


def test_wrong_universalita_cases_name_the_row_and_import_nothing(db, rooms, tmp_path):
    before = db_state(db)
    # The same chairs without the set: each 45,00 € ≤ 200,00 €, ten errors.
    alone = write_csv(tmp_path / "sole.csv", [good(n, "Sedia per alunni", "45,00")
                                               for n in range(1, 11)])
    assert [(e.row, e.column) for e in imp.dry_run(db, alone).errors] == [
        (r, "Inventario") for r in range(2, 12)]
    # 4 chairs: 4 × 45,00 = 180,00 € ≤ 200,00 €: the set is not inventoried either.
    small = write_csv(tmp_path / "poche.csv", [
        good(n, "Sedia per alunni", "45,00", Universalità="Sedie") for n in range(1, 5)])
    errors = imp.dry_run(db, small).errors
    assert len(errors) == 4 and "universalità di 180,00\u00a0€" in errors[0].message
    # A stated value that is not the sum (3 × 80,00 = 240,00 €, not 250,00 €).
    stated = [good(n, "Banco", "80,00", Universalità="Banchi") for n in range(1, 4)]
    stated[1]["Valore dell'universalità"] = "250,00"
    errors = imp.dry_run(db, write_csv(tmp_path / "valore.csv", stated)).errors
    assert [e.message for e in errors] == [
        "riga 3, colonna «Valore dell'universalità»: atteso il totale dei beni "
        "dell'universalità «Banchi» (3 beni nel file, 240,00\u00a0€) o una cella vuota, "
        "trovato «250,00\u00a0€»"]
    # One set in two registers.
    split = write_csv(tmp_path / "divisa.csv", [
        good(1, "Sedia", "150,00", Universalità="Sedie"),
        good(1, "Sedia", "150,00", register="libri", Universalità="Sedie")])
    errors = imp.dry_run(db, split).errors
    assert [(e.row, e.column) for e in errors] == [(3, "Universalità")]
    assert "un'universalità in un solo inventario" in errors[0].message
    # A value without the name of the set; a set worth 300,00 € in the registro dei durevoli.
    errors = imp.dry_run(db, write_csv(tmp_path / "senza.csv", [
        good(1, "Sedia", "250,00", **{"Valore dell'universalità": "250,00"})])).errors
    assert [(e.row, e.column) for e in errors] == [(2, "Valore dell'universalità")]
    errors = imp.dry_run(db, write_csv(tmp_path / "durevoli.csv", [
        good(n, "Sedia", "100,00", register="beni durevoli", Universalità="S")
        for n in (1, 2, 3)])).errors
    assert len(errors) == 3 and "parte di una universalità di 300,00\u00a0€" in errors[0].message
    for path in (alone, small):
        with pytest.raises(DomainError):
            imp.import_file(db, path)
    assert db_state(db) == before


def test_goods_loaded_before_the_decree_are_accepted_with_a_warning_kept_on_the_good(
        db, rooms, tmp_path):
    # 16/11/2018: the last day of D.I. 44/2001; 17/11/2018 is under art. 31.
    path = write_csv(tmp_path / "vecchio.csv", [
        good(1, "Mouse ottico USB", "15,00", day="16/11/2018"),
        good(2, "Personal computer", "650,00", day="17/11/2018")])
    report = imp.dry_run(db, path)
    assert report.ok, [e.message for e in report.errors]
    assert [w.row for w in report.warnings] == [2]
    warning = ("caricato il 16/11/2018, prima del D.I. 129/2018 (in vigore dal 17/11/2018): "
               "importato in beni mobili come nel programma precedente; oggi l'art. 31 c.5-6 "
               "darebbe il registro dei beni durevoli: valore 15,00\u00a0€ non superiore a "
               "200,00 € IVA compresa e nessuna universalità nella colonna «Universalità» "
               "(art. 31 c.5)")
    assert report.warnings[0].text == warning
    assert "Avvertenze: 1 riga accettata" in report.summary()
    result = imp.import_file(db, path)
    assert any(line.startswith("- riga 2: caricato il 16/11/2018") for line in result.notes)
    assert [g[-1] for g in _goods(db)] == [warning, ""]
    # The warning stays on the good: it is printed on the register, on the good's line.
    notes = register_notes(db, "inv-mobili")
    assert [f"Avvertenza: {warning}"] in notes.values()
    # The same mouse after 17/11/2018 is an error.
    late = write_csv(tmp_path / "nuovo.csv", [good(3, "Mouse", "15,00", day="18/11/2018")])
    assert [e.column for e in imp.dry_run(db, late).errors] == ["Inventario"]


def test_a_universalita_and_a_warned_good_export_and_import_back_unchanged(db, rooms, tmp_path,
                                                                          fresh_db):
    # 3 desks of 80,00 € = 240,00 € > 200,00 €, and a 15,00 € mouse loaded in 2015.
    path = write_csv(tmp_path / "misto.csv", [
        good(1, "Mouse ottico USB", "15,00", day="10/10/2015"),
        *(good(n, "Banco biposto", "80,00", Universalità="Banchi aula 3") for n in (2, 3, 4))])
    imp.import_file(db, path)
    exported = tmp_path / "esportato.xlsx"
    assert imp.export_inventory(db, exported) == 4
    imp.import_file(fresh_db, exported)
    assert imp.export_rows(fresh_db) == imp.export_rows(db)
    assert _goods(fresh_db) == _goods(db)
    assert [g[4:6] for g in _goods(db)] == [("", None)] + [("Banchi aula 3", 24000)] * 3
