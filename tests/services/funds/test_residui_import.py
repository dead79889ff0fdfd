"""Importing the residui of the year in progress from the program used before: the dry run
names each wrong row and column and writes nothing; a clean file becomes the carry of the
previous year into this one, once. Figures of tests/fixtures/funds_import/residui_2026.csv,
added by hand: attivi 2.450,00 + 350,00 = 2.800,00; passivi 612,50 + 1.120,00 = 1.732,50."""
from __future__ import annotations

import sqlite3
from datetime import date
from pathlib import Path

from iiss_desktop.services.funds.programme import create_programme
from iiss_desktop.services.funds.residui_import import check_residui_file, import_residui

from .helpers import approved_programme

FILES = Path(__file__).parents[2] / "fixtures" / "funds_import"
CLEAN, WRONG = FILES / "residui_2026.csv", FILES / "residui_errori.csv"
NBSP = "\u00a0"


def _residui(path) -> list[tuple]:
    with sqlite3.connect(path) as con:
        return con.execute(
            "SELECT r.year, r.origin_year, r.kind, COALESCE(i.code, d.code), "
            "COALESCE(t.code, ''), r.counterpart, r.amount, r.remaining FROM funds_residue r "
            "LEFT JOIN funds_revenue_item i ON i.id = r.revenue_item_id "
            "LEFT JOIN funds_destination d ON d.id = r.destination_id "
            "LEFT JOIN funds_spending_type t ON t.id = r.spending_type_id ORDER BY r.id"
        ).fetchall()


def test_a_clean_file_becomes_the_carry_of_the_previous_year(db, db_path):
    approved_programme(db, 2026)
    report = check_residui_file(db, CLEAN, 2026)
    assert report.summary() == (
        f"File «residui_2026.csv»: 4 righe lette. Nessun errore: si possono importare "
        f"nell'esercizio 2026 2 residui attivi (2.800,00{NBSP}€) e 2 passivi "
        f"(1.732,50{NBSP}€).")
    assert _residui(db_path) == []
    assert import_residui(db, CLEAN, 2026).stored
    assert _residui(db_path) == [
        (2026, 2025, "A", "03/01", "", "Ministero dell'Istruzione", 245000, 245000),
        (2026, 2024, "A", "06/01", "", "Famiglie degli alunni", 35000, 35000),
        (2026, 2025, "P", "A02", "03", "Cartoleria Rossi Srl", 61250, 61250),
        (2026, 2025, "P", "A01", "02", "Ditta Pulizie Srl", 112000, 112000)]
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT from_year, active_total, passive_total FROM "
                           "funds_residue_carry").fetchall() == [(2025, 280000, 173250)]
    again = check_residui_file(db, CLEAN, 2026)
    assert [e.message for e in again.errors][-1].startswith(
        "I residui del 2025 sono già nell'esercizio 2026")


def test_the_dry_run_names_each_wrong_row_and_column(db, db_path):
    approved_programme(db, 2026)
    report = check_residui_file(db, WRONG, 2026)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Anno di provenienza"), (3, "Codice"), (4, "Tipo di spesa"), (5, "Tipo di spesa"),
        (6, "Tipo"), (7, "Importo"), (9, "Causale")]
    assert report.errors[0].message == ("riga 2, colonna «Anno di provenienza»: atteso un "
                                        "esercizio precedente il 2026, trovato «2026»")
    assert "la riga 8 è identica" in report.errors[-1].message
    assert not import_residui(db, WRONG, 2026).stored
    assert _residui(db_path) == []


def test_the_year_must_have_its_programme_and_not_its_predecessor(db):
    assert [e.message for e in check_residui_file(db, CLEAN, 2026).errors] == [
        "Il Programma Annuale 2026 non è in archivio: predisporlo (o importarlo) prima di "
        "importare i residui."]
    approved_programme(db, 2026)
    create_programme(db, 2025, proposed_on=date(2024, 11, 20))
    assert [e.message for e in check_residui_file(db, CLEAN, 2026).errors] == [
        "L'archivio ha il Programma Annuale 2025: i suoi residui si riportano dai movimenti "
        "con «Riporto dei residui», non da un file."]
