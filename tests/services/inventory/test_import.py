"""Import and export of the inventory on real SQLite files: numbers kept, nothing written
while the file has errors, our own export imports back unchanged."""
from __future__ import annotations

import csv
import shutil
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.inventory.import_ import HEADERS
from iiss_desktop.queries.inventory.items import list_items, register_notes
from iiss_desktop.services.inventory import import_ as imp
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.school import save_room, save_site
from tests.helpers.users import act_as_office

FIXTURES = Path(__file__).parents[2] / "fixtures" / "inventory_import"
OLD_PROGRAM = FIXTURES / "vecchio_programma.csv"


def add_places(db) -> dict[str, int]:
    sede = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    verdi = save_site(db, {"code": "VERDI", "name": "Plesso Verdi"})
    return {"Aula 1A": save_room(db, {"site_id": sede, "name": "Aula 1A"}),
            "Laboratorio di informatica": save_room(db, {"site_id": sede,
                                                         "name": "Laboratorio di informatica"}),
            "Palestra": save_room(db, {"site_id": verdi, "name": "Palestra"})}


@pytest.fixture
def rooms(db):
    return add_places(db)


@pytest.fixture
def fresh_db(tmp_path):
    """A second, empty archive with the same plessi and locali."""
    database = open_database(tmp_path / "nuovo.db", create=True)
    act_as_office(database, "mrossi")
    add_places(database)
    yield database
    database.dispose()


def row(number, day="15/10/2020", **changes) -> dict:
    values = {"Inventario": "beni mobili", "Numero": number, "Data di carico": day,
              "Descrizione": f"Banco biposto n. {number}", "Plesso": "SEDE", "Locale": "Aula 1A",
              "Stato": "buono", "Valore": "250,00", "Provenienza": "acquisto"}
    values.update(changes)
    return values


def write_csv(path: Path, rows: list[dict], *, delimiter=";", encoding="utf-8-sig") -> Path:
    with open(path, "w", encoding=encoding, newline="") as f:
        writer = csv.writer(f, delimiter=delimiter)
        writer.writerow(HEADERS)
        writer.writerows([[r.get(h, "") for h in HEADERS] for r in rows])
    return path


def db_state(db) -> tuple:
    """Everything an import writes: goods, register entries, counters, audit rows."""
    con = sqlite3.connect(db.engine.url.database)
    try:
        counts = tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
                       for t in ("register_entry", "inventory_item", "audit_log",
                                 "inventory_discharge", "inventory_discharge_item"))
        counters = con.execute("SELECT register, year, value FROM counter ORDER BY 1, 2").fetchall()
    finally:
        con.close()
    return list_items(db), counts, counters


# --- clean files ----------------------------------------------------------------------------
def test_old_program_csv_in_windows_encoding_is_imported_with_its_numbers(db, rooms):
    report = imp.dry_run(db, OLD_PROGRAM)
    assert report.ok, [e.message for e in report.errors]
    assert report.rows_read == 4
    # Hand-computed totals: 310 + 450 + 1234,50 in beni mobili, 2100 in beni di terzi.
    assert report.per_register == [("inv-mobili", 3, Decimal("1994.50")),
                                   ("inv-terzi", 1, Decimal("2100.00"))]
    assert db_state(db)[1][1] == 0            # the dry run wrote no goods

    result = imp.import_file(db, OLD_PROGRAM)
    assert result.imported == 4
    rows, _ = list_items(db)
    # register, number, date, description, plesso, locale ... state, value, situation
    assert [r[:6] + r[-3:] for r in rows] == [
        ("beni mobili", 1, "2019-09-12", "Cattedra in legno", "Sede centrale", "Aula 1A",
         "discreto", 31000, "in uso"),
        ("beni mobili", 2, "2019-09-12", "Armadio metallico", "Sede centrale", "Aula 1A",
         "buono", 45000, "in uso"),
        ("beni mobili", 3, "2021-02-03", "Stampante laser di rete", "Sede centrale",
         "Laboratorio di informatica", "ottimo", 123450, "in uso"),
        ("beni di terzi", 1, "2022-03-15", "Lavagna interattiva multimediale", "Plesso Verdi",
         "Palestra", "buono", 210000, "in uso"),
    ]
    con = sqlite3.connect(db.engine.url.database)
    try:
        notes, owner, valuation = con.execute(
            "SELECT notes, owner, valuation FROM inventory_item WHERE serial_number = 'LIM-42' "
            "OR serial_number = 'HP-778899' ORDER BY register").fetchall()[0]
        assert notes == "Donata dall'associazione genitori – «Più scuola»"
        assert (owner, valuation) == ("", "donazione")
        assert con.execute("SELECT owner, grant_title FROM inventory_item WHERE register = "
                           "'inv-terzi'").fetchone() == ("Comune di Roma",
                                                          "Comodato d'uso gratuito")
        refs = {r[0] for r in con.execute("SELECT reference FROM register_entry")}
        assert refs == {"Importato da vecchio_programma.csv"}
        # No buono di carico for an import; every entry and good is audited with the reason.
        assert con.execute("SELECT count(*) FROM inventory_item WHERE buono_entry_id IS NOT "
                           "NULL").fetchone() == (0,)
        audited = con.execute("SELECT entity, count(*) FROM audit_log WHERE reason = "
                              "'Importazione inventario da vecchio_programma.csv' "
                              "GROUP BY entity ORDER BY entity").fetchall()
        assert audited == [("inventory_item", 4), ("register_entry", 4)]
    finally:
        con.close()
    assert verify(db).ok


def test_xlsx_with_date_and_number_cells(db, rooms, tmp_path):
    path = tmp_path / "inventario.xlsx"
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(list(HEADERS))
    sheet.append([row(1, datetime(2020, 10, 15), Valore=1234.5).get(h) for h in HEADERS])
    sheet.append([row(2, "16/10/2020", Valore="299,90", Numero=2).get(h) for h in HEADERS])
    sheet.append([None] * len(HEADERS))     # an empty row at the end is ignored
    book.save(path)

    assert imp.import_file(db, path).imported == 2
    rows, _ = list_items(db)
    assert [(r[1], r[2], r[-2]) for r in rows] == [(1, "2020-10-15", 123450),
                                                  (2, "2020-10-16", 29990)]


def test_comma_separated_utf8_without_bom_is_sniffed(db, rooms, tmp_path):
    path = write_csv(tmp_path / "virgole.csv", [row(1, Valore="1.250,00"), row(2)],
                     delimiter=",", encoding="utf-8")
    report = imp.dry_run(db, path)
    assert report.ok and report.per_register == [("inv-mobili", 2, Decimal("1500.00"))]


def test_import_continues_an_existing_register(db, rooms, tmp_path):
    carico(db, CaricoInput(description="Personal computer", quantity=2,
                           unit_value=Decimal("650.00"), entry_date=date(2021, 3, 1),
                           room_id=rooms["Aula 1A"]))
    restart = write_csv(tmp_path / "da_uno.csv", [row(1, "02/03/2021")])
    report = imp.dry_run(db, restart)
    assert [e.message for e in report.errors] == [
        "riga 2, colonna «Numero»: atteso il numero 3 (il successivo di n. 2 dell'inventario "
        "beni mobili: numerazione progressiva senza salti né ripetizioni), trovato «1»"]

    older = write_csv(tmp_path / "vecchio.csv", [row(3, "28/02/2021")])
    assert [e.expected for e in imp.dry_run(db, older).errors] == [
        "una data non anteriore al 01/03/2021 (data del n. 2 dell'inventario beni mobili)"]

    good = write_csv(tmp_path / "seguito.csv", [row(3, "01/03/2021"), row(4, "05/03/2021")])
    imp.import_file(db, good)
    rows, _ = list_items(db)
    assert [(r[1], r[3]) for r in rows] == [(1, "Personal computer"), (2, "Personal computer"),
                                           (3, "Banco biposto n. 3"), (4, "Banco biposto n. 4")]
    assert verify(db).ok


# --- refused files: nothing changes ---------------------------------------------------------
def test_one_wrong_date_imports_nothing(db, rooms, tmp_path):
    path = write_csv(tmp_path / "errata.csv", [row(1), row(2), row(3, "31/02/2020"), row(4)])
    before = db_state(db)
    report = imp.dry_run(db, path)
    assert [(e.row, e.column, e.found) for e in report.errors] == [
        (4, "Data di carico", "31/02/2020")]
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert info.value.message.startswith(
        "Il file «errata.csv» contiene 1 errore: non è stato importato nulla.\n"
        "- riga 4, colonna «Data di carico»: attesa una data gg/mm/aaaa, trovato «31/02/2020»")
    assert db_state(db) == before


def test_wrong_columns_import_nothing(db, rooms, tmp_path):
    path = tmp_path / "colonne.csv"
    path.write_text("Codice;Descrizione;Prezzo\nA1;Sedia;10,00\n", encoding="utf-8")
    before = db_state(db)
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    text = info.value.message
    assert "riga 1 (intestazione), colonna «Codice»: attesa una delle colonne Inventario" in text
    assert "colonna «Numero»: attesa la colonna obbligatoria «Numero»" in text
    assert db_state(db) == before


def test_a_wrong_header_is_named_in_the_summary_not_counted_as_zero_rows(db, rooms, tmp_path):
    path = tmp_path / "colonne.csv"
    path.write_text("Codice;Descrizione;Prezzo\nA1;Sedia;10,00\n", encoding="utf-8")
    report = imp.dry_run(db, path)
    assert report.summary() == (
        "File «colonne.csv»: l'intestazione (riga 1) non è corretta, quindi nessuna riga è "
        "stata controllata. Colonne non riconosciute: «Codice», «Prezzo». Colonne obbligatorie "
        "mancanti: «Inventario», «Numero», «Data di carico», «Plesso», «Locale», «Stato», "
        "«Valore», «Provenienza». Non sarà importato nulla finché il file non è corretto.")
    # The per-error lines stay: one for each wrong or missing column of row 1.
    assert [(e.row, e.column) for e in report.errors] == [
        (1, "Codice"), (1, "Prezzo"), (1, "Inventario"), (1, "Numero"), (1, "Data di carico"),
        (1, "Plesso"), (1, "Locale"), (1, "Stato"), (1, "Valore"), (1, "Provenienza")]

    # One column repeated, the rest right.
    write_csv(path, [row(1)])
    path.write_text(path.read_text(encoding="utf-8-sig").replace("Note;", "Numero;", 1),
                    encoding="utf-8")
    assert imp.dry_run(db, path).summary() == (
        "File «colonne.csv»: l'intestazione (riga 1) non è corretta, quindi nessuna riga è "
        "stata controllata. Colonna ripetuta: «Numero». Non sarà importato nulla finché il "
        "file non è corretto.")


def test_a_wrong_cig_in_the_file_imports_nothing(db, rooms, tmp_path):
    path = write_csv(tmp_path / "cig.csv", [row(1, CIG="z1a2b3c4d5", CUP="B12C34000000001"),
                                            row(2, CIG="Z1A2B")])
    before = db_state(db)
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert info.value.message == (
        "Il file «cig.csv» contiene 1 errore: non è stato importato nulla.\n"
        "- riga 3, colonna «CIG»: atteso un CIG di 10 caratteri tra lettere e cifre, trovato "
        "«Z1A2B»")
    assert db_state(db) == before
    write_csv(path, [row(1, CIG="z1a2b3c4d5", CUP="b12c34000000001")])
    assert imp.import_file(db, path).imported == 1
    con = sqlite3.connect(db.engine.url.database)
    try:
        assert con.execute("SELECT cig, cup FROM inventory_item").fetchall() == [
            ("Z1A2B3C4D5", "B12C34000000001")]
    finally:
        con.close()


def test_numbers_taken_meanwhile_roll_everything_back(db, rooms, tmp_path, monkeypatch):
    """Another PC records in the register between the check and the import: the assertion
    on the numbers refuses the whole file."""
    path = write_csv(tmp_path / "corsa.csv", [row(1), row(2)])
    stale = imp.dry_run(db, path)
    carico(db, CaricoInput(description="Sedia", unit_value=Decimal("250.00"),
                           entry_date=date(2020, 10, 1), room_id=rooms["Aula 1A"]))
    before = db_state(db)
    monkeypatch.setattr(imp, "dry_run", lambda *a, **k: stale)
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert info.value.message.startswith("Riga 2: il numero assegnato (2) non corrisponde a "
                                         "quello del file (1)")
    assert db_state(db) == before


@pytest.mark.parametrize("name,text", [
    ("vecchio.xls", "vecchio formato Excel (.xls)"),
    ("inventario.ods", "sono ammessi solo file .csv e .xlsx"),
])
def test_unsupported_files_are_refused(db, tmp_path, name, text):
    path = tmp_path / name
    path.write_bytes(b"x")
    with pytest.raises(DomainError) as info:
        imp.dry_run(db, path)
    assert text in info.value.message


def test_damaged_xlsx_is_refused_in_italian(db, tmp_path):
    path = tmp_path / "rotto.xlsx"
    path.write_bytes(b"non sono un file zip")
    with pytest.raises(DomainError) as info:
        imp.dry_run(db, path)
    assert "non è un file Excel (.xlsx) leggibile" in info.value.message


# --- our own export -------------------------------------------------------------------------
def _fill(db, rooms) -> None:
    carico(db, CaricoInput(description="Personal computer portatile", quantity=2,
                           unit_value=Decimal("650.50"), entry_date=date(2024, 9, 2),
                           room_id=rooms["Laboratorio di informatica"], category="Hardware",
                           subcategory="Portatili", supplier="Informatica Srl",
                           invoice_number="FT 12/2024", invoice_date=date(2024, 8, 30),
                           cig="Z1A2B3C4D5", cup="B12C34000000001", funding="P01 PNRR",
                           brand="Lenovo", model="T14", notes="=ricontrollare; «nota»"))
    carico(db, CaricoInput(description="Banco biposto", quantity=1, universalita=False,
                           unit_value=Decimal("1234.56"), entry_date=date(2024, 9, 3),
                           room_id=rooms["Aula 1A"], state="discreto", valuation="donazione",
                           serial_number="SN;1"))
    carico(db, CaricoInput(description="Lavagna interattiva", category_register="inv-terzi",
                           unit_value=Decimal("2100.00"), entry_date=date(2024, 9, 4),
                           room_id=rooms["Palestra"], owner="Comune di Roma",
                           grant_title="Comodato d'uso gratuito"))
    carico(db, CaricoInput(description="Mouse", unit_value=Decimal("19.90"),
                           entry_date=date(2024, 9, 5), room_id=rooms["Aula 1A"]))


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_export_then_import_into_a_fresh_archive_gives_the_same_goods(db, rooms, fresh_db,
                                                                      tmp_path, suffix):
    _fill(db, rooms)
    exported = tmp_path / f"inventario{suffix}"
    assert imp.export_inventory(db, exported) == 5

    imp.import_file(fresh_db, exported)
    assert list_items(fresh_db)[0] == list_items(db)[0]
    # Every column, not only the grid's: the second export equals the first.
    assert imp.export_rows(fresh_db) == imp.export_rows(db)
    assert verify(fresh_db).ok


def test_csv_export_is_what_excel_opens(db, rooms, tmp_path):
    _fill(db, rooms)
    path = tmp_path / "inventario.csv"
    imp.export_inventory(db, path, registro="inv-terzi")
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbfInventario;Numero;Data di carico;")
    lines = data.decode("utf-8-sig").splitlines()
    assert lines[1] == ("beni di terzi;1;04/09/2024;Lavagna interattiva;;;bene;VERDI;Palestra;"
                        # nature, then after the provenienza universalità and its value: empty
                        "buono;2.100,00;acquisto;;;;;;;;;;;;;;Comune di Roma;"
                        "Comodato d'uso gratuito;"
                        # the nine art. 31 c.2 columns of immobili and valori: empty here
                        ";;;;;;;;;"
                        ";in uso;;;")
    assert len(lines) == 2


def test_xlsx_export_has_real_dates_and_numbers(db, rooms, tmp_path):
    _fill(db, rooms)
    path = tmp_path / "inventario.xlsx"
    imp.export_inventory(db, path, registro="inv-mobili")
    sheet = openpyxl.load_workbook(path).worksheets[0]
    values = [[c.value for c in r] for r in sheet.iter_rows()]
    assert values[0] == list(HEADERS)
    assert [v[:3] for v in values[1:]] == [
        ["beni mobili", 1, datetime(2024, 9, 2)], ["beni mobili", 2, datetime(2024, 9, 2)],
        ["beni mobili", 3, datetime(2024, 9, 3)]]
    cell = dict(zip(HEADERS, values[1]))
    assert cell["Valore"] == 650.5 and cell["Note"] == "=ricontrollare; «nota»"
    assert sheet.cell(2, 3).number_format == "DD/MM/YYYY"


def test_export_into_a_missing_folder_is_refused(db, tmp_path):
    with pytest.raises(DomainError) as info:
        imp.export_inventory(db, tmp_path / "manca" / "x.csv")
    assert "non esiste" in info.value.message


def test_the_dry_run_leaves_the_file_as_it_was(db, rooms, tmp_path):
    copy = tmp_path / OLD_PROGRAM.name
    shutil.copy(OLD_PROGRAM, copy)
    imp.dry_run(db, copy)
    assert copy.read_bytes() == OLD_PROGRAM.read_bytes()


@pytest.mark.postgres
def test_round_trip_from_sqlite_into_postgresql(db, rooms, pg_url, tmp_path):
    """The same driver-level path on PostgreSQL (several PCs on one server)."""
    _fill(db, rooms)
    exported = tmp_path / "inventario.xlsx"
    imp.export_inventory(db, exported)
    pg = open_database(pg_url, create=True)
    try:
        act_as_office(pg, "mrossi")
        add_places(pg)
        assert imp.import_file(pg, exported).imported == 5
        assert list_items(pg)[0] == list_items(db)[0]
        assert imp.export_rows(pg) == imp.export_rows(db)
        refused = imp.dry_run(pg, exported)    # a second import would repeat the numbers
        assert {e.column for e in refused.errors} == {"Numero", "Numero di serie",
                                                      "Data di carico"}
        assert verify(pg).ok
    finally:
        pg.dispose()


# --- goods discharged in the old program ----------------------------------------------------
def scaricato(number, decree="7", day="20/05/2023", cause="furto", **changes) -> dict:
    return row(number, Situazione="scaricato", **{"Decreto di discarico n.": decree,
                                                  "Decreto del": day,
                                                  "Causa del discarico": cause, **changes})


MOTIVATION = "Discarico registrato nel programma precedente, importato da registro.csv"


def test_discharged_goods_in_the_middle_keep_the_numbers_and_get_their_decrees(db, rooms,
                                                                                tmp_path):
    path = write_csv(tmp_path / "registro.csv", [
        row(1), scaricato(2), scaricato(3, cause="Furto", Valore="210,00"),
        row(4, "16/10/2020", Situazione="in comodato"),
        scaricato(5, decree="12", day="10/01/2024", cause="inservibilità (fuori uso)",
                  **{"Data di carico": "16/10/2020"}),
        row(6, "17/10/2020", Situazione="in uso")])
    report = imp.dry_run(db, path)
    assert report.ok, [e.message for e in report.errors]
    result = imp.import_file(db, path)
    # Hand-computed: 6 goods, 5 x 250,00 + 210,00 = 1.460,00 €; discharged 2, 3 and 5:
    # 250 + 210 + 250 = 710,00 € under 2 decrees (n. 7 for two goods, n. 12). (210,00 €, not
    # 100,00: a good of 200,00 € or less goes to the registro dei beni durevoli, art. 31 c.5.)
    assert result.summary() == (
        "Importati 6 beni da «registro.csv».\n"
        "beni mobili: 6 beni, 1.460,00\u00a0€\n"
        "Di cui scaricati: 3 beni, 710,00\u00a0€, con 2 decreti di discarico (restano nel "
        "registro con il loro numero, annotati come scaricati).\n"
        "Nota: 1 bene risultava «in comodato» nel file ed è stato importato «in uso»: i "
        "contratti di comodato non fanno parte del file di scambio e vanno registrati di nuovo "
        "(Inventario › Comodato).")
    rows, _ = list_items(db)
    assert [(r[1], r[-1]) for r in rows] == [(1, "in uso"), (2, "scaricato"), (3, "scaricato"),
                                             (4, "in uso"), (5, "scaricato"), (6, "in uso")]
    con = sqlite3.connect(db.engine.url.database)
    try:
        user_id = db.current_user.id
        assert con.execute("SELECT id, decree_number, decree_date, cause, motivation, reintegro, "
                           "attachments, recorded_by_id, reintegro_amount, responsible, "
                           "buono_entry_id FROM inventory_discharge ORDER BY id").fetchall() == [
            (1, "7", "2023-05-20", "furto", MOTIVATION, 0, "", user_id, None, "", None),
            (2, "12", "2024-01-10", "inservibilita", MOTIVATION, 0, "", user_id, None, "",
             None)]
        assert con.execute("SELECT x.discharge_id, i.number FROM inventory_discharge_item x "
                           "JOIN inventory_item i ON i.id = x.item_id ORDER BY i.number"
                           ).fetchall() == [(1, 2), (1, 3), (2, 5)]
        # Every row written by the import is audited, with the reason of the import.
        assert con.execute("SELECT entity, count(*) FROM audit_log WHERE reason = "
                           "'Importazione inventario da registro.csv' GROUP BY entity "
                           "ORDER BY entity").fetchall() == [
            ("inventory_discharge", 2), ("inventory_discharge_item", 3),
            ("inventory_item", 6), ("register_entry", 6)]
        # No buono di scarico: nothing in that register.
        assert con.execute("SELECT register, value FROM counter").fetchall() == [
            ("inv-mobili", 6)]
        entry_of = dict(con.execute("SELECT number, entry_id FROM inventory_item"))
    finally:
        con.close()
    # The printed register annotates the discharged goods with their decree.
    assert register_notes(db, "inv-mobili") == {
        entry_of[2]: ["Scaricato con decreto n. 7 del 20/05/2023 (furto)"],
        entry_of[3]: ["Scaricato con decreto n. 7 del 20/05/2023 (furto)"],
        entry_of[5]: ["Scaricato con decreto n. 12 del 10/01/2024 (inservibilità)"]}
    assert verify(db).ok


def test_a_discharged_good_without_its_decree_imports_nothing(db, rooms, tmp_path):
    path = write_csv(tmp_path / "senza_decreto.csv", [
        row(1), scaricato(2, decree="", day=""), scaricato(3, cause="")])
    before = db_state(db)
    report = imp.dry_run(db, path)
    assert [(e.row, e.column) for e in report.errors] == [
        (3, "Decreto di discarico n."), (3, "Decreto del"), (4, "Causa del discarico")]
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert info.value.message.startswith(
        "Il file «senza_decreto.csv» contiene 3 errori: non è stato importato nulla.\n"
        "- riga 3, colonna «Decreto di discarico n.»: atteso il numero del decreto di discarico "
        "(il bene è «scaricato»), trovata una cella vuota\n"
        "- riga 3, colonna «Decreto del»: attesa la data del decreto di discarico (il bene è "
        "«scaricato»), trovata una cella vuota\n"
        "- riga 4, colonna «Causa del discarico»: attesa una causa del discarico tra Furto, ")
    assert db_state(db) == before


def test_export_writes_the_decree_of_a_discharged_good(db, rooms, tmp_path):
    imp.import_file(db, write_csv(tmp_path / "registro.csv", [
        row(1), scaricato(2, cause="forza maggiore")]))
    path = tmp_path / "esportato.csv"
    assert imp.export_inventory(db, path) == 2
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    assert lines[0].endswith(";Situazione;Decreto di discarico n.;Decreto del;"
                             "Causa del discarico")
    assert lines[1].endswith(";in uso;;;")
    assert lines[2] == ("beni mobili;2;15/10/2020;Banco biposto n. 2;;;bene;SEDE;Aula 1A;buono;"
                        "250,00;acquisto;;;;;;;;;;;;;;;;" ";;;;;;;;;"   # + the art. 31 columns
                        ";scaricato;7;20/05/2023;"
                        "Causa di forza maggiore")


def _copy_places(source, target) -> None:
    """The plessi and locali of ``source`` (codes and names) into the empty ``target``."""
    con = sqlite3.connect(source.engine.url.database)
    try:
        sites = con.execute("SELECT id, code, name, is_main FROM site ORDER BY id").fetchall()
        rooms = con.execute("SELECT site_id, name FROM room WHERE active = 1 ORDER BY id"
                            ).fetchall()
    finally:
        con.close()
    new_site = {i: save_site(target, {"code": code, "name": name, "is_main": main})
                for i, code, name, main in sites}
    for site_id, name in rooms:
        save_room(target, {"site_id": new_site[site_id], "name": name})


def _decrees(db) -> list[tuple]:
    con = sqlite3.connect(db.engine.url.database)
    try:
        return con.execute(
            "SELECT i.register, i.number, d.decree_number, d.decree_date, d.cause "
            "FROM inventory_discharge_item x JOIN inventory_item i ON i.id = x.item_id "
            "JOIN inventory_discharge d ON d.id = x.discharge_id ORDER BY 1, 2").fetchall()
    finally:
        con.close()


def _as_imported(status: str) -> str:
    return "in uso" if status == "in comodato" else status


@pytest.mark.parametrize("suffix", [".xlsx", ".csv"])
def test_the_whole_demo_archive_round_trips(demo_db, tmp_path, suffix):
    """The demo has discharged goods (several decrees) and goods in comodato: its export
    imports into a fresh archive with the same plessi and locali, with the same numbers."""
    source_rows, _ = list_items(demo_db)
    situations = {r[-1] for r in source_rows}
    assert {"scaricato", "in comodato", "in uso"} <= situations   # what this test is about
    exported = tmp_path / f"demo{suffix}"
    assert imp.export_inventory(demo_db, exported) == len(source_rows)

    target = open_database(tmp_path / "nuovo.db", create=True)
    try:
        act_as_office(target, "mrossi")
        _copy_places(demo_db, target)
        report = imp.dry_run(target, exported)
        assert report.ok, [e.message for e in report.errors[:5]]
        lent = sum(1 for r in source_rows if r[-1] == "in comodato")
        assert f"Nota: {lent} beni risultano «in comodato» nel file" in report.summary()
        imp.import_file(target, exported)

        # The custode (column 6) is not in the exchange file: the new archive has no custody
        # roles yet. A good in comodato comes back "in uso" (the loan is not in the file).
        def comparable(rows):
            return [r[:6] + r[7:-1] + (_as_imported(r[-1]),) for r in rows]

        assert comparable(list_items(target)[0]) == comparable(source_rows)
        situation = HEADERS.index("Situazione")
        assert imp.export_rows(target) == [
            r[:situation] + [_as_imported(r[situation])] + r[situation + 1:]
            for r in imp.export_rows(demo_db)]
        assert _decrees(target) == _decrees(demo_db) != []
        con = sqlite3.connect(target.engine.url.database)
        try:
            distinct = {d[2:] for d in _decrees(demo_db)}
            assert con.execute("SELECT count(*), count(DISTINCT motivation) FROM "
                               "inventory_discharge").fetchone() == (len(distinct), 1)
            assert con.execute("SELECT motivation FROM inventory_discharge").fetchone() == (
                f"Discarico registrato nel programma precedente, importato da demo{suffix}",)
        finally:
            con.close()
        assert verify(target).ok
    finally:
        target.dispose()


@pytest.mark.postgres
def test_discharged_goods_import_into_postgresql(pg_url, tmp_path):
    path = write_csv(tmp_path / "registro.csv", [row(1), scaricato(2), row(3)])
    pg = open_database(pg_url, create=True)
    try:
        act_as_office(pg, "mrossi")
        add_places(pg)
        assert imp.import_file(pg, path).discharges == 1
        assert [(r[1], r[-1]) for r in list_items(pg)[0]] == [
            (1, "in uso"), (2, "scaricato"), (3, "in uso")]
        assert [r[-5:] for r in imp.export_rows(pg)] == [
            ["", "in uso", "", None, ""], ["", "scaricato", "7", date(2023, 5, 20), "Furto"],
            ["", "in uso", "", None, ""]]
        assert verify(pg).ok
    finally:
        pg.dispose()
