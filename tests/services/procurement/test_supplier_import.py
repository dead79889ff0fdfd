"""Importing suppliers from CSV and XLSX: the dry run names each wrong row and column and
writes nothing; a clean file is imported whole; the command line does the same."""
from __future__ import annotations

import sqlite3

from iiss_desktop.services.procurement import suppliers as svc
from iiss_desktop.services.procurement.supplier_import import (
    check_supplier_file,
    import_suppliers,
    refusal,
)

GOOD = ("Ragione sociale;P.IVA;Codice fiscale;Indirizzo;PEC;Telefono\n"
        "Cartoleria Rossi Srl;04123450720;04123450720;Via Roma 1, Bari;rossi@pec.it;080 123456\n"
        "Lehrmittel GmbH;DE136695976;;Berlin;;\n"
        "Dott. Mario Rossi;;RSSMRA80A01H501U;Roma;mario.rossi@pec.it;\n")
# Row 2: check digit of the P.IVA wrong (…720 -> …721); row 3: a PEC without "@"; row 4:
# neither code; row 5: the same P.IVA as row 2's supplier of the archive (set below); row 6:
# the CF of row 3 repeated.
BAD = ("Denominazione;Partita IVA;Codice fiscale;PEC\n"
       "Rossi;04123450721;;\n"
       "Bianchi;05678910729;RSSMRA80A01H501U;bianchi.pec.it\n"
       "Senza codici;;;\n"
       "Doppione;07345120724;;\n"
       "Ripetuto;;RSSMRA80A01H501U;\n")


def counts(path) -> tuple[int, int]:
    with sqlite3.connect(path) as con:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                     for t in ("procurement_supplier", "audit_log"))


def test_a_clean_csv_imports_every_supplier(db, db_path, tmp_path):
    path = tmp_path / "fornitori.csv"
    path.write_text(GOOD, encoding="utf-8")
    before = counts(db_path)
    report = check_supplier_file(db, path)
    assert report.ok and report.rows_read == 3
    assert counts(db_path) == before            # the dry run writes nothing
    done = import_suppliers(db, path)
    assert done.summary() == "File «fornitori.csv»: 3 righe lette. Importati 3 fornitori " \
                             "nell'albo."
    with sqlite3.connect(db_path) as con:
        assert con.execute("SELECT name, vat, tax_code, pec FROM procurement_supplier ORDER BY "
                           "id").fetchall() == [
            ("Cartoleria Rossi Srl", "IT04123450720", "04123450720", "rossi@pec.it"),
            ("Lehrmittel GmbH", "DE136695976", "", ""),
            ("Dott. Mario Rossi", "", "RSSMRA80A01H501U", "mario.rossi@pec.it")]
    # imported again: every row is now a duplicate
    again = check_supplier_file(db, path)
    assert [e.column for e in again.errors] == ["Partita IVA", "Codice fiscale",
                                                "Partita IVA", "Codice fiscale"]


def test_the_dry_run_names_each_wrong_row_and_column_and_nothing_is_written(db, db_path,
                                                                           tmp_path):
    svc.save_supplier(db, {"name": "Didattica Scientifica Srl", "vat": "07345120724"})
    path = tmp_path / "errati.csv"
    path.write_text(BAD, encoding="utf-8")
    before = counts(db_path)
    report = check_supplier_file(db, path)
    assert [(e.row, e.column) for e in report.errors] == [
        (2, "Partita IVA"), (3, "PEC"), (4, "Partita IVA"), (5, "Partita IVA"),
        (6, "Codice fiscale")]
    messages = [e.message for e in report.errors]
    assert messages[0] == ("riga 2, colonna «Partita IVA»: attesa una partita IVA valida "
                           "(11 cifre con la cifra di controllo, o il numero di un paese UE "
                           "con il suo prefisso), trovato «04123450721»")
    assert messages[3] == ("riga 5, colonna «Partita IVA»: atteso un codice non ancora "
                           "nell'albo (è di «Didattica Scientifica Srl»), trovato "
                           "«07345120724»")
    assert "è già alla riga 3" in messages[4]
    done = import_suppliers(db, path)
    assert not done.stored and "non è stato importato nulla" in refusal(done)
    assert counts(db_path) == before


def test_an_xlsx_with_a_wrong_header_checks_no_row(db, db_path, tmp_path):
    import openpyxl

    book = openpyxl.Workbook()
    book.active.append(["Fornitore", "Codice", "PEC"])
    book.active.append(["Rossi", "123", "x@pec.it"])
    path = tmp_path / "fornitori.xlsx"
    book.save(path)
    report = check_supplier_file(db, path)
    assert [(e.row, e.column) for e in report.errors] == [(1, "Codice"), (1, "Partita IVA")]
    assert report.summary().startswith("File «fornitori.xlsx»: l'intestazione (riga 1) non è "
                                       "corretta")


def test_the_command_line_checks_then_imports(db, db_path, tmp_path, capsys, monkeypatch):
    from iiss_desktop.cli import main
    from tests.helpers.users import TEST_PASSWORD, give_password

    give_password(db)
    monkeypatch.setenv("IISS_PASSWORD", TEST_PASSWORD)
    good, bad = tmp_path / "fornitori.csv", tmp_path / "errati.csv"
    good.write_text(GOOD, encoding="utf-8")
    bad.write_text(BAD, encoding="utf-8")

    def run(*args):
        code = main(["--utente", "mrossi", "importa-fornitori", "--db", str(db_path), *args])
        return code, capsys.readouterr()

    code, out = run(str(bad))
    assert code == 3
    assert "riga 3, colonna «PEC»: atteso un indirizzo PEC come fornitore@pec.it, trovato " \
           "«bianchi.pec.it»" in out.err
    code, out = run(str(good), "--prova")
    assert (code, counts(db_path)[0]) == (0, 0)
    assert "Nessun errore: si possono importare 3 fornitori." in out.out
    code, out = run(str(good))
    assert (code, counts(db_path)[0]) == (0, 3)
    assert "Importati 3 fornitori nell'albo." in out.out
