"""Importing the Programma Annuale from the program used before: the dry run names each wrong
row and column and writes nothing; the totals are checked as the PA's own rules want; a clean
file becomes the forecasts of a proposal (created if missing), with the school's own projects;
an approved PA or one with forecasts is refused; the command line does the same.

Figures of tests/fixtures/funds_import/programma_2026.csv, added by hand: entrate 5.000,00
(01/01) + 15.000,00 (03/01, written «3/1») + 8.000,00 (06/01) = 28.000,00; spese 4.000,00
(A01/02) + 3.500,00 (A02/03) + 6.000,00 (A03/02) + 2.000,00 (A03/1/03, a new project) +
5.000,00 (P01/03) + 1.500,00 (R98/04) + 6.000,00 (Z01/04) = 28.000,00: in equilibrio; the
fondo di riserva 1.500,00 is 10 % of the dotazione ordinaria 15.000,00, the limit exactly."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from iiss_desktop.domain.errors import DomainError
from iiss_desktop.queries.funds import availabilities
from iiss_desktop.services.funds.programme import advance_programme, create_programme
from iiss_desktop.services.funds.programme_import import check_programme_file, import_programme

from .helpers import approved_programme

FILES = Path(__file__).parents[2] / "fixtures" / "funds_import"
CLEAN, WRONG, UNBALANCED = (FILES / n for n in ("programma_2026.csv", "programma_errori.csv",
                                                 "programma_squilibrato.csv"))
D = Decimal


def counts(path) -> tuple[int, ...]:
    with sqlite3.connect(path) as con:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("funds_programme", "funds_revenue_forecast",
                               "funds_spending_forecast", "funds_destination"))


def test_a_clean_file_becomes_the_forecasts_of_a_new_proposal(db, db_path):
    report = check_programme_file(db, CLEAN, 2026)
    assert report.ok
    assert report.summary() == (
        "File «programma_2026.csv»: 10 righe lette. Nessun errore: si possono importare 10 "
        "previsioni nel Programma Annuale 2026 (entrate 28.000,00\u00a0€, spese "
        "28.000,00\u00a0€; nuove attività o progetti: A03/1).")
    assert counts(db_path) == (0, 0, 0, 0)           # the dry run writes nothing
    done = import_programme(db, CLEAN, 2026)
    assert done.stored
    assert done.summary().endswith("Importate 10 previsioni nel Programma Annuale 2026 "
                                   "(entrate 28.000,00\u00a0€, spese 28.000,00\u00a0€; "
                                   "nuove attività o progetti: A03/1).")
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT year, state FROM funds_programme").fetchall() == [
            (2026, "proposta")]
        assert con.execute(
            "SELECT i.code, f.amount FROM funds_revenue_forecast f JOIN funds_revenue_item i "
            "ON i.id = f.revenue_item_id ORDER BY i.code").fetchall() == [
            ("01/01", 500000), ("03/01", 1500000), ("06/01", 800000)]
        assert con.execute(
            "SELECT d.code, t.code, f.amount FROM funds_spending_forecast f "
            "JOIN funds_destination d ON d.id = f.destination_id "
            "JOIN funds_spending_type t ON t.id = f.spending_type_id "
            "ORDER BY d.code, t.code").fetchall() == [
            ("A01", "02", 400000), ("A02", "03", 350000), ("A03", "02", 600000),
            ("A03/1", "03", 200000), ("P01", "03", 500000), ("R98", "04", 150000),
            ("Z01", "04", 600000)]
        assert con.execute("SELECT d.name, p.code FROM funds_destination d JOIN "
                           "funds_destination p ON p.id = d.parent_id").fetchall() == [
            ("Laboratorio teatrale", "A03")]
    shown = {a.code: a.forecast for _name, a in availabilities(db, 2026)}
    assert shown["A03/1"] == D("2000.00") and shown["R98"] == D("1500.00")
    # The iter then goes on as for any PA.
    advance_programme(db, 2026, "parere", date(2025, 12, 15))


def test_the_dry_run_names_each_wrong_row_and_column(db, db_path):
    report = check_programme_file(db, WRONG, 2026)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Codice"), (3, "Codice"), (4, "Tipo di spesa"), (5, "Importo"), (7, "Codice"),
        (8, "Descrizione"), (9, "Parte")]
    messages = [e.message for e in report.errors]
    assert messages[0] == ("riga 2, colonna «Codice»: attesa una voce di entrata del piano "
                           "dei conti (aggregato/voce, es. 03/01), trovato «03/99»")
    assert messages[2] == ("riga 4, colonna «Tipo di spesa»: atteso il tipo di spesa della "
                           "previsione (es. 02), trovata una cella vuota")
    assert "è già alla riga 6" in messages[4]
    assert messages[5].startswith("riga 8, colonna «Descrizione»: attesa la denominazione di "
                                  "«A04/2»")
    assert messages[6] == ("riga 9, colonna «Parte»: atteso «Entrata» o «Spesa», trovato "
                           "«Altro»")
    assert report.summary() == ("File «programma_errori.csv»: 8 righe lette. Errori: 7 "
                                "in 7 righe. Non sarà importato nulla finché il file non è "
                                "corretto.")
    done = import_programme(db, WRONG, 2026)
    assert not done.stored
    assert counts(db_path) == (0, 0, 0, 0)


def test_totals_out_of_balance_and_a_reserve_over_its_limit_are_refused(db, db_path):
    # Entrate 10.000,00; spese 9.500,00 + 1.200,00 = 10.700,00, over by 700,00; the fondo di
    # riserva 1.200,00 over 10 % of the dotazione ordinaria 10.000,00, i.e. 1.000,00.
    report = check_programme_file(db, UNBALANCED, 2026)
    assert [e.message for e in report.errors] == [
        "Totali del file: Le spese previste (10.700,00\u00a0€) superano le entrate previste "
        "(10.000,00\u00a0€) di 700,00\u00a0€: il Programma Annuale deve essere in equilibrio.",
        "Totali del file: Il fondo di riserva (1.200,00\u00a0€) supera il limite del 10 % della "
        "dotazione ordinaria (10.000,00\u00a0€): al massimo 1.000,00\u00a0€."]
    assert "i totali non rispettano le regole del Programma Annuale" in report.summary()
    assert not import_programme(db, UNBALANCED, 2026).stored
    assert counts(db_path) == (0, 0, 0, 0)


def test_an_approved_programme_or_one_with_forecasts_is_not_overwritten(db, db_path):
    approved_programme(db, 2026)
    report = check_programme_file(db, CLEAN, 2026)
    assert [e.message for e in report.errors] == [
        "Il Programma Annuale 2026 è «deliberato dal Consiglio d'istituto»: le previsioni si "
        "modificano solo con una variazione."]
    create_programme(db, 2027, proposed_on=date(2026, 11, 20))
    assert import_programme(db, CLEAN, 2027).stored
    again = check_programme_file(db, CLEAN, 2027)
    assert [e.message for e in again.errors] == [
        "Il Programma Annuale 2027 ha già delle previsioni: l'importazione vale per un "
        "programma nuovo o ancora senza previsioni."]


def test_a_year_out_of_range_is_named(db):
    with pytest.raises(DomainError, match="esercizio finanziario"):
        check_programme_file(db, CLEAN, 99)


def test_the_command_line_checks_then_imports(db, db_path, capsys, monkeypatch):
    from iiss_desktop.cli import main
    from tests.helpers.users import TEST_PASSWORD, give_password

    give_password(db)
    monkeypatch.setenv("IISS_PASSWORD", TEST_PASSWORD)

    def run(*args):
        code = main(["--utente", "mrossi", "importa-programma", "--db", str(db_path),
                     "--anno", "2026", *args])
        return code, capsys.readouterr()

    code, out = run(str(WRONG))
    assert code == 3
    assert "riga 9, colonna «Parte»: atteso «Entrata» o «Spesa», trovato «Altro»" in out.err
    code, out = run(str(CLEAN), "--prova")
    assert (code, counts(db_path)[0]) == (0, 0)
    code, out = run(str(CLEAN))
    assert code == 0 and "Importate 10 previsioni nel Programma Annuale 2026" in out.out
    assert counts(db_path)[:3] == (1, 3, 7)
