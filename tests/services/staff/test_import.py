"""Import of the staff registry from the old program's file (CSV, XLSX) on real SQLite archives:
every wrong cell named by row and column, nothing written while the file has errors, people
matched by codice fiscale and never duplicated, our own export importing back unchanged.

The codici fiscali of the fixtures were computed with python-stdnum (the check character from
stdnum.it.codicefiscale.calc_check_digit, as demo.staff.demo_codice_fiscale does); the wrong
one (Esposito) is the right one, SPSGNR78H09L719N, with another check character."""
from __future__ import annotations

import csv
import sqlite3
from datetime import date, datetime
from decimal import Decimal
from pathlib import Path

import openpyxl
import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.staff.import_ import HEADERS
from iiss_desktop.queries.staff import contract_history, staff_list
from iiss_desktop.services import school
from iiss_desktop.services.staff import import_ as imp
from iiss_desktop.services.staff import registry
from tests.helpers.users import act_as_office

FIXTURES = Path(__file__).parents[2] / "fixtures" / "staff_import"
CLEAN = FIXTURES / "personale.csv"
WRONG = FIXTURES / "errori.csv"
CF_ROSSI = "RSSMRA70C52L719K"       # Rossi Maria, F, 12/03/1970
CF_BIANCHI = "BNCLCU81L02L719D"     # Bianchi Luca, M, 02/07/1981
CF_NERI = "NREPLA85S05L719I"        # Neri Paolo, M, 05/11/1985
TABLES = ("employee", "staff_contract", "audit_log")


def add_sites(db) -> dict[str, int]:
    return {"SEDE": school.save_site(db, {"code": "SEDE", "name": "Sede centrale",
                                          "is_main": True}),
            "PRIM": school.save_site(db, {"code": "PRIM", "name": "Primaria Rodari"})}


@pytest.fixture
def sites(db):
    return add_sites(db)


@pytest.fixture
def fresh_db(tmp_path):
    """A second, empty archive with the same plessi."""
    database = open_database(tmp_path / "nuovo.db", create=True)
    act_as_office(database, "mrossi")
    add_sites(database)
    yield database
    database.dispose()


def counts(db) -> tuple[int, ...]:
    with sqlite3.connect(db.engine.url.database) as con:
        return tuple(con.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in TABLES)


def write_csv(path: Path, rows: list[dict], headers=HEADERS) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(headers)
        writer.writerows([[r.get(h, "") for h in headers] for r in rows])
    return path


def person(**changes) -> dict:
    values = {"Cognome": "Rossi", "Nome": "Maria", "Codice fiscale": CF_ROSSI, "Profilo": "CS",
              "Plesso": "SEDE", "Tipo contratto": "Tempo indeterminato", "Dal": "01/09/2005"}
    values.update(changes)
    return values


def messages(report) -> list[str]:
    return [e.message for e in report.errors]


# --- the file with errors ------------------------------------------------------------------
def test_the_dry_run_names_each_wrong_row_and_column_and_nothing_is_written(db, sites):
    before = counts(db)
    report = imp.dry_run(db, WRONG)
    assert not report.ok
    assert messages(report) == [
        "Riga 3, colonna «Codice fiscale»: codice fiscale «SPSGNR78H09L719X» non valido: il "
        "carattere di controllo non corrisponde",
        "Riga 4, colonna «Profilo»: «Bidello» non è un profilo del personale ATA: indicare il "
        "codice o il nome (DSGA – Direttore dei servizi generali e amministrativi, AA – "
        "Assistente amministrativo, AT – Assistente tecnico, CS – Collaboratore scolastico, "
        "CUO – Cuoco, GUA – Guardarobiere, INF – Infermiere, OP – Operatore scolastico)",
        "Riga 5, colonna «Al»: la fine del contratto (01/12/2024) precede l'inizio "
        "(10/12/2024)",
        # Bianchi: the 31/8 contract of row 6 runs to 31/08/2023, row 7 starts on 01/06/2023.
        "Riga 7, colonna «Dal»: il periodo si sovrappone al contratto della riga 6 (Tempo "
        "determinato fino al 31/8, dal 01/09/2022 al 31/08/2023)",
        "Riga 8, colonna «Cognome»: cella vuota: il cognome è obbligatorio",
        "Riga 9, colonna «Dal»: «31/02/2024» non è una data (gg/mm/aaaa)",
    ]
    assert report.summary() == (
        "File «errori.csv»: 8 righe lette. Errori: 6 in 6 righe. Non sarà importato nulla "
        "finché il file non è corretto.")
    with pytest.raises(DomainError) as refused:
        imp.import_staff(db, WRONG)
    assert refused.value.message.startswith(
        "Il file «errori.csv» contiene 6 errori: non è stato importato nulla.\n- Riga 3, "
        "colonna «Codice fiscale»: codice fiscale «SPSGNR78H09L719X» non valido")
    assert counts(db) == before


def test_contract_dates_the_rules_refuse_are_errors(db, sites, tmp_path):
    path = write_csv(tmp_path / "regole.csv", [
        person(**{"Tipo contratto": "determinato_3006", "Dal": "01/09/2024",
                  "Al": "15/06/2025"}),
        person(**{"Codice fiscale": CF_BIANCHI, "Cognome": "Bianchi", "Nome": "Luca",
                  "Tipo contratto": "Tempo indeterminato", "Dal": "01/09/2024",
                  "Al": "31/08/2025"}),
        person(**{"Codice fiscale": CF_NERI, "Cognome": "Neri", "Nome": "Paolo",
                  "Tipo contratto": "at_ic", "Dal": "01/09/2024", "Al": "30/06/2025",
                  "Istituto comprensivo": "IC Rodari"}),
    ])
    assert messages(imp.dry_run(db, path)) == [
        "Riga 2, colonna «Al»: il contratto «Tempo determinato fino al 30/6» termina il 30/6, "
        "non il 15/06/2025",
        "Riga 3, colonna «Al»: un contratto a tempo indeterminato non ha data di fine: per la "
        "cessazione chiudere il contratto con la data e il motivo",
        "Riga 4, colonna «Tipo contratto»: il contratto «Assistente tecnico assegnato a istituto "
        "comprensivo (emergenza)» è solo per il profilo di assistente tecnico",
    ]


def test_person_columns_must_agree_on_every_row_of_the_same_codice_fiscale(db, sites,
                                                                           tmp_path):
    path = write_csv(tmp_path / "persona.csv", [
        person(Email="m.rossi@scuola.it", **{"Data di nascita": "12/03/1970"}),
        # The same person on a second contract: the plesso by its name, the profile by its
        # label, the e-mail in capitals are the same values; the birth date is not hers.
        person(Email="M.ROSSI@scuola.it", Plesso="Sede centrale",
               Profilo="collaboratore scolastico", **{"Data di nascita": "12/03/1971",
                                                      "Tipo contratto": ""}),
        person(Email="rossi@altro.it", **{"Tipo contratto": "", "Dal": ""}),
    ])
    assert messages(imp.dry_run(db, path)) == [
        "Riga 3, colonna «Data di nascita»: la data di nascita 12/03/1971 non è quella del "
        "codice fiscale (12/03/70)",
        "Riga 3, colonna «Tipo contratto»: cella vuota: il tipo di contratto è obbligatorio (la "
        "riga ha altre colonne del contratto)",
        "Riga 4, colonna «Email»: valore diverso da quello della riga 2, che ha lo stesso "
        "codice fiscale («rossi@altro.it» invece di «m.rossi@scuola.it»): i dati della persona "
        "devono essere uguali su tutti i suoi contratti",
    ]


def test_a_wrong_header_stops_the_check_with_a_word_on_each_column(db, sites, tmp_path):
    headers = ["Cognome", "Nome", "Matricola", "Profilo", "Anni di servizio", "Nome"]
    path = write_csv(tmp_path / "intestazione.csv", [{}], headers=headers)
    report = imp.dry_run(db, path)
    assert messages(report) == [
        "Riga 1 (intestazione), colonna «Matricola»: colonna sconosciuta: toglierla o darle il "
        "nome di una delle colonne ammesse (" + ", ".join(HEADERS) + ")",
        "Riga 1 (intestazione), colonna «Anni di servizio»: colonna non importabile: "
        "l'archivio registra il giorno da cui si conta l'anzianità, non gli anni (che cambiano "
        "ogni anno); indicarlo nella colonna «Anzianità di servizio dal» (gg/mm/aaaa)",
        "Riga 1 (intestazione), colonna «Nome»: colonna ripetuta (è già la colonna n. 2)",
        "Riga 1 (intestazione), colonna «Codice fiscale»: colonna obbligatoria mancante "
        "(colonne obbligatorie: Cognome, Nome, Codice fiscale, Profilo)",
    ]
    assert report.summary().startswith(
        "File «intestazione.csv»: l'intestazione (riga 1) non è corretta, quindi nessuna riga "
        "è stata controllata. «Matricola»: colonna sconosciuta")


def test_closing_dates_and_reasons_are_checked(db, sites, tmp_path):
    path = write_csv(tmp_path / "chiusure.csv", [
        person(**{"Tipo contratto": "Tempo determinato fino al 31/8", "Dal": "01/09/2023",
                  "Al": "31/08/2024", "Chiuso il": "15/09/2024", "Motivo della chiusura":
                  "Dimissioni"}),
        person(**{"Codice fiscale": CF_BIANCHI, "Cognome": "Bianchi", "Nome": "Luca",
                  "Chiuso il": "31/03/2024"}),
        person(**{"Codice fiscale": CF_NERI, "Cognome": "Neri", "Nome": "Paolo",
                  "Motivo della chiusura": "Dimissioni"}),
    ])
    assert messages(imp.dry_run(db, path)) == [
        "Riga 2, colonna «Chiuso il»: la chiusura (15/09/2024) cade tra l'inizio (01/09/2023) "
        "e la fine (31/08/2024) del contratto",
        "Riga 3, colonna «Motivo della chiusura»: cella vuota: il motivo della chiusura è "
        "obbligatorio per un contratto chiuso (colonna «Chiuso il»)",
        "Riga 4, colonna «Motivo della chiusura»: un motivo della chiusura senza la data di "
        "chiusura (colonna «Chiuso il»)",
    ]


# --- a clean file ---------------------------------------------------------------------------
def _registry(db) -> dict:
    """Everything the import writes, read back through the queries, without ids."""
    out = {}
    for p in staff_list(db, on=date(2024, 12, 15)):
        out[p.surname] = (p.name, p.codice_fiscale, p.profile, p.area, p.site,
                          p.posizione_economica, p.years_of_service, p.contract_kind,
                          p.part_time_percent,
                          [(c.kind, c.starts_on, c.ends_on, c.closed_on, c.close_reason,
                            c.part_time_percent, c.assigned_school, c.note, c.state)
                           for c in contract_history(db, p.id, on=date(2024, 12, 15))])
    return out


FULL, SHARE, HALF = Decimal("100.00"), Decimal("83.33"), Decimal("50.00")
# On 15/12/2024 (after 1/5/2024: the CCNL 2019-21 areas), worked out from personale.csv.
EXPECTED = {
    # Two rows; the second writes the codice fiscale in small letters, dates in ISO, the
    # plesso by its name, the position by its label: the same person. 1/9/2010 -> 14 years.
    "Bianchi": ("Luca", CF_BIANCHI, "AA", "Area degli assistenti", "Primaria Rodari",
                "Prima posizione economica (art. 50)", 14, "indeterminato", SHARE,
                [("determinato_3108", date(2022, 9, 1), date(2023, 8, 31), None, "", FULL,
                  "", "", "concluso"),
                 ("indeterminato", date(2023, 9, 1), None, None, "", SHARE, "",
                  "Part-time verticale", "in corso")]),
    # No contract: one row with the contract columns empty; the operatore has no CCNL 2007
    # area.
    "Gallo": ("Sara", "GLLSRA95D68L719I", "OP", "Area degli operatori", "", "Nessuna", None,
              "", None, []),
    "Neri": ("Paolo", CF_NERI, "AT", "Area degli assistenti", "Sede centrale", "Nessuna", None,
             "", None,
             [("at_ic", date(2020, 9, 1), date(2021, 6, 30), None, "", FULL,
               "IC Rodari di Velletri", "", "concluso"),
              ("determinato_3006", date(2021, 9, 1), date(2022, 6, 30), date(2022, 3, 31),
               "Dimissioni", FULL, "", "", "chiuso")]),
    # 1/9/2005 -> 15/12/2024: 19 years.
    "Rossi": ("Maria", CF_ROSSI, "CS", "Area dei collaboratori", "Sede centrale", "Nessuna",
              19, "indeterminato", FULL,
              [("indeterminato", date(2005, 9, 1), None, None, "", FULL, "", "",
                "in corso")]),
    "Verdi": ("Anna", "VRDNNA90A60L719Q", "CS", "Area degli operatori", "Sede centrale",
              "Nessuna", None, "supplenza_breve", HALF,
              [("covid", date(2020, 9, 14), date(2021, 6, 10), None, "", FULL, "", "",
                "concluso"),
               ("supplenza_breve", date(2024, 10, 1), date(2024, 12, 20), None, "", HALF, "",
                "", "in corso")]),
}


def test_a_clean_file_imports_people_and_contracts_in_one_audited_transaction(db, sites):
    before = counts(db)
    report = imp.dry_run(db, CLEAN)
    assert report.ok, messages(report)
    assert report.summary() == (
        "File «personale.csv»: 8 righe lette. Nessun errore: si possono importare.\n"
        "Saranno registrati 5 dipendenti nuovi e 7 contratti.")
    assert counts(db) == before
    result = imp.import_staff(db, CLEAN)
    assert result.summary() == "Importati da «personale.csv»: 5 dipendenti nuovi e 7 contratti."
    assert _registry(db) == EXPECTED
    # Audited as the registry's own changes: 5 people, 7 contracts (one of them updated when
    # closed, in the same flush or a second one).
    employees, contracts, audit = counts(db)
    assert (employees - before[0], contracts - before[1]) == (5, 7)
    with sqlite3.connect(db.engine.url.database) as con:
        rows = con.execute("SELECT entity, action, reason FROM audit_log WHERE id > ? "
                           "ORDER BY id", (before[2],)).fetchall()
    assert {r[2] for r in rows} == {"Importazione del personale da personale.csv"}
    assert sorted((e, a) for e, a, _r in rows if a == "insert") == sorted(
        [("employee", "insert")] * 5 + [("staff_contract", "insert")] * 7)
    assert verify(db).ok


def test_importing_the_same_file_again_duplicates_nobody(db, sites):
    imp.import_staff(db, CLEAN)
    before = counts(db)
    report = imp.dry_run(db, CLEAN)
    # The people are matched by codice fiscale; each contract is already there.
    assert report.matched_persons == 5 and report.new_persons == 0
    assert messages(report)[:2] == [
        "Riga 2, colonna «Dal»: contratto già in archivio per Rossi Maria (Tempo indeterminato, "
        "dal 01/09/2005 senza data di fine): il file è già stato importato? Togliere la riga",
        "Riga 3, colonna «Dal»: contratto già in archivio per Bianchi Luca (Tempo determinato "
        "fino al 31/8, dal 01/09/2022 al 31/08/2023): il file è già stato importato? Togliere "
        "la riga",
    ]
    assert len(report.errors) == 7
    with pytest.raises(DomainError):
        imp.import_staff(db, CLEAN)
    assert counts(db) == before


def test_a_person_of_the_archive_gets_only_the_new_contracts(db, sites, tmp_path):
    rossi = registry.save_person(db, {"surname": "Rossi", "name": "Maria",
                                      "codice_fiscale": CF_ROSSI, "role": "CS",
                                      "site_id": sites["SEDE"], "email": "rossi@scuola.it"})
    registry.add_contract(db, rossi, kind="determinato_3108", starts_on=date(2023, 9, 1),
                          ends_on=date(2024, 8, 31))
    path = write_csv(tmp_path / "nuovi.csv", [
        # Her data in the file differ from the archive's (no e-mail, another plesso): the
        # archive keeps its own, the file only adds the contract.
        person(Plesso="PRIM", **{"Tipo contratto": "Tempo determinato fino al 31/8",
                                 "Dal": "01/09/2024", "Al": "31/08/2025"}),
        person(Cognome="Rosi", Plesso="PRIM",
               **{"Codice fiscale": CF_ROSSI.lower(), "Dal": "", "Tipo contratto": ""}),
    ])
    report = imp.dry_run(db, path)
    # The second row is the same codice fiscale with another surname: compared with row 2.
    assert messages(report) == [
        "Riga 3, colonna «Cognome»: valore diverso da quello della riga 2, che ha lo stesso "
        "codice fiscale («Rosi» invece di «Rossi»): i dati della persona devono essere uguali "
        "su tutti i suoi contratti"]
    path = write_csv(tmp_path / "nuovi.csv", [
        person(Plesso="PRIM", **{"Tipo contratto": "Tempo determinato fino al 31/8",
                                 "Dal": "01/09/2024", "Al": "31/08/2025"}),
        person(Plesso="PRIM", **{"Tipo contratto": "Tempo indeterminato",
                                 "Dal": "01/06/2024"})])
    assert messages(imp.dry_run(db, path)) == [
        "Riga 3, colonna «Dal»: il periodo si sovrappone a un contratto già in archivio per "
        "Rossi Maria (Tempo determinato fino al 31/8, dal 01/09/2023 al 31/08/2024)"]
    path = write_csv(tmp_path / "nuovi.csv", [
        person(Plesso="PRIM", **{"Tipo contratto": "Tempo determinato fino al 31/8",
                                 "Dal": "01/09/2024", "Al": "31/08/2025"})])
    report = imp.dry_run(db, path)
    assert report.summary() == (
        "File «nuovi.csv»: 1 riga letta. Nessun errore: si può importare.\n"
        "Saranno registrati 0 dipendenti nuovi e 1 contratto.\n"
        "Già in archivio con lo stesso codice fiscale: 1 dipendente, che non viene "
        "duplicato né modificato (si aggiungono solo i suoi contratti).")
    result = imp.import_staff(db, path)
    assert result.summary() == ("Importati da «nuovi.csv»: 0 dipendenti nuovi e 1 contratto.\n"
                                "1 dipendente già in archivio: aggiunti solo i suoi contratti.")
    (row,) = staff_list(db, on=date(2024, 9, 1))
    assert (row.id, row.site, row.contract_kind) == (rossi, "Sede centrale", "determinato_3108")
    assert [c.starts_on for c in contract_history(db, rossi)] == [date(2023, 9, 1),
                                                                  date(2024, 9, 1)]


def test_an_archived_codice_fiscale_with_another_name_is_an_error(db, sites, tmp_path):
    registry.save_person(db, {"surname": "Rossi", "name": "Maria", "codice_fiscale": CF_ROSSI,
                              "role": "AA", "site_id": sites["SEDE"]})
    path = write_csv(tmp_path / "altro.csv", [person(Nome="Mara")])
    assert messages(imp.dry_run(db, path)) == [
        "Riga 2, colonna «Nome»: il codice fiscale RSSMRA70C52L719K è già in archivio per "
        "Rossi Maria, con nome «Maria»: controllare il codice fiscale o correggere la riga",
        "Riga 2, colonna «Profilo»: il codice fiscale RSSMRA70C52L719K è già in archivio per "
        "Rossi Maria, con il profilo «Assistente amministrativo»"]


def test_an_xlsx_with_date_cells_and_numbers_imports_as_the_csv(db, sites, tmp_path):
    """The clean file as Excel saves it: dates as date cells, the part-time as a number."""
    with open(CLEAN, encoding="utf-8-sig", newline="") as f:
        records = list(csv.reader(f, delimiter=";"))
    header = records[0]
    dates = {i for i, h in enumerate(header) if h in (
        "Data di nascita", "Data di assunzione", "Anzianità di servizio dal", "Dal", "Al",
        "Chiuso il")}
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(header)
    for r in records[1:]:
        cells = []
        for i, text in enumerate(r):
            if i in dates and text:
                day = (date.fromisoformat(text) if "-" in text
                       else datetime.strptime(text, "%d/%m/%Y").date())
                cells.append(day)
            elif header[i] == "Part-time" and text:
                cells.append(83.33 if text.startswith("83") else 50)
            else:
                cells.append(text or None)
        sheet.append(cells)
    path = tmp_path / "personale.xlsx"
    book.save(path)
    imp.import_staff(db, path)
    assert _registry(db) == EXPECTED


def test_a_percentage_cell_of_excel_is_not_taken_for_half_a_percent(db, sites, tmp_path):
    book = openpyxl.Workbook()
    book.active.append(list(HEADERS))
    values = person(**{"Tipo contratto": "Tempo indeterminato"})
    book.active.append([0.5 if h == "Part-time %" else values.get(h) for h in HEADERS])
    path = tmp_path / "percento.xlsx"
    book.save(path)
    assert messages(imp.dry_run(db, path)) == [
        "Riga 2, colonna «Part-time %»: una percentuale di part-time sotto l'1 % (0.5): se nel "
        "foglio è scritto 50 %, scrivere 50"]


# --- the export ---------------------------------------------------------------------------
@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_the_export_imports_back_unchanged_into_an_empty_archive(db, sites, fresh_db,
                                                                 tmp_path, suffix):
    imp.import_staff(db, CLEAN)
    registry.save_person(db, {"surname": "D'Amico", "name": "Lucia",
                              "codice_fiscale": "DMCLCU75E41L719P", "role": "CUO",
                              "phone": "+39 333 1234567", "hired_on": date(2001, 9, 1)})
    exported = tmp_path / f"personale{suffix}"
    assert imp.export_staff(db, exported) == (6, 7)
    report = imp.dry_run(fresh_db, exported)
    assert report.ok, messages(report)
    imp.import_staff(fresh_db, exported)
    assert _registry(fresh_db) == _registry(db)
    assert imp.export_rows(fresh_db) == imp.export_rows(db)
    again = tmp_path / f"di-nuovo{suffix}"
    imp.export_staff(fresh_db, again)
    if suffix == ".csv":
        assert again.read_bytes() == exported.read_bytes()


def test_the_export_writes_one_row_per_contract(db, sites, tmp_path):
    imp.import_staff(db, CLEAN)
    target = tmp_path / "esportato.csv"
    imp.export_staff(db, target)
    with open(target, encoding="utf-8-sig", newline="") as f:
        rows = list(csv.reader(f, delimiter=";"))
    assert rows[0][:4] == ["Cognome", "Nome", "Codice fiscale", "Profilo"]
    assert "Data di nascita" not in rows[0]
    by_header = [dict(zip(rows[0], r)) for r in rows[1:]]
    assert [(r["Cognome"], r["Tipo contratto"], r["Dal"], r["Part-time %"])
            for r in by_header] == [
        ("Bianchi", "Tempo determinato fino al 31/8", "01/09/2022", "100"),
        ("Bianchi", "Tempo indeterminato", "01/09/2023", "83,33"),
        ("Gallo", "", "", ""),
        ("Neri", "Assistente tecnico assegnato a istituto comprensivo (emergenza)",
         "01/09/2020", "100"),
        ("Neri", "Tempo determinato fino al 30/6", "01/09/2021", "100"),
        ("Rossi", "Tempo indeterminato", "01/09/2005", "100"),
        ("Verdi", "Organico Covid (fino al termine delle lezioni)", "14/09/2020", "100"),
        ("Verdi", "Supplenza breve e saltuaria", "01/10/2024", "50"),
    ]
    assert by_header[4]["Chiuso il"] == "31/03/2022"
    assert by_header[4]["Motivo della chiusura"] == "Dimissioni"
