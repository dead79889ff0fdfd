"""The exchange format: header check and one error per wrong cell, with the expected Italian
texts written by hand (what the clerk reads to fix the file)."""
from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

import pytest

from iiss_desktop.domain.inventory.import_ import (
    HEADERS,
    Decree,
    ImportContext,
    Place,
    RegisterState,
    RowError,
    check_header,
    check_rows,
    header_problems,
    situation_lines,
)

TODAY = date(2025, 6, 30)
PLACES = (Place(1, "SEDE", "Sede centrale", {"Aula 1A": 10, "Laboratorio di informatica": 11}),
          Place(2, "VERDI", "Plesso Verdi", {"Palestra": 20}))


def ctx(**registers) -> ImportContext:
    return ImportContext(TODAY, {k.replace("_", "-"): v for k, v in registers.items()},
                         PLACES, frozenset({"SN-OLD"}))


def good(number=1, **changes) -> dict:
    row = {"Inventario": "beni mobili", "Numero": str(number), "Data di carico": "15/10/2020",
           "Descrizione": "Personal computer", "Plesso": "SEDE", "Locale": "Aula 1A",
           "Stato": "buono", "Valore": "1.234,50", "Provenienza": "acquisto"}
    row.update(changes)
    return row


def check(*rows: dict, context=None, header=HEADERS):
    cells = [(i, [row.get(h, "") for h in header]) for i, row in enumerate(rows, start=2)]
    return check_rows(list(header), cells, context or ctx())


def messages(result) -> list[str]:
    return [e.message for e in result.errors]


# --- header -------------------------------------------------------------------------------
def test_missing_and_unknown_columns_are_named_with_the_expected_list():
    header = ["Inventario", "Numero", "Data carico", "Descrizione", "Plesso", "Locale", "Stato",
              "Valore", "Provenienza"]
    positions, errors = check_header(header)
    assert [(e.row, e.column) for e in errors] == [(1, "Data carico"), (1, "Data di carico")]
    unknown, missing = (e.message for e in errors)
    assert unknown.startswith("riga 1 (intestazione), colonna «Data carico»: attesa una delle "
                              "colonne Inventario, Numero, Data di carico, Descrizione, ")
    assert unknown.endswith(", trovato «Data carico»")
    assert missing == ("riga 1 (intestazione), colonna «Data di carico»: attesa la colonna "
                       "obbligatoria «Data di carico» (colonne obbligatorie: Inventario, Numero, "
                       "Data di carico, Descrizione, Plesso, Locale, Stato, Valore, "
                       "Provenienza), trovato «nessuna colonna con questo nome»")
    assert positions["register"] == 0 and positions["value"] == 7


def test_columns_in_any_order_any_case_and_repeated_column_refused():
    positions, errors = check_header(["  numero ", "INVENTARIO", "Data di carico", "Descrizione",
                                      "Plesso", "Locale", "Stato", "Valore", "Provenienza"])
    assert errors == [] and positions["number"] == 0 and positions["register"] == 1
    _, errors = check_header(list(HEADERS) + ["Note"])
    assert [e.message for e in errors] == [
        "riga 1 (intestazione), colonna «Note»: attesa una colonna con un nome non ripetuto, "
        "trovato «Note due volte»"]


def test_header_problems_are_named_for_the_summary():
    _, errors = check_header(["Codice", "Inventario", "Numero", "Numero", "Data di carico",
                              "Descrizione", "Plesso", "Locale", "Prezzo", "Provenienza"])
    assert header_problems(errors) == (
        "Colonne non riconosciute: «Codice», «Prezzo». Colonna ripetuta: «Numero». "
        "Colonne obbligatorie mancanti: «Stato», «Valore».")
    _, errors = check_header(list(HEADERS[:-1]) + ["Decreto"])
    assert header_problems(errors) == "Colonna non riconosciuta: «Decreto»."


def test_header_errors_stop_before_the_rows():
    result = check(good(), header=[h for h in HEADERS if h != "Valore"])
    assert [e.column for e in result.errors] == ["Valore"] and result.rows == []


# --- one wrong cell, one message ----------------------------------------------------------
@pytest.mark.parametrize("changes,message", [
    ({"Data di carico": "31/02/2020"},
     "riga 2, colonna «Data di carico»: attesa una data gg/mm/aaaa, trovato «31/02/2020»"),
    ({"Data di carico": "1/7/2025"},
     "riga 2, colonna «Data di carico»: attesa una data non futura (oggi è il 30/06/2025), "
     "trovato «1/7/2025»"),
    ({"Numero": "1,5"},
     "riga 2, colonna «Numero»: atteso un numero d'inventario intero positivo, trovato «1,5»"),
    ({"Numero": "0"},
     "riga 2, colonna «Numero»: atteso un numero d'inventario intero positivo, trovato «0»"),
    ({"Valore": "1234.50"},
     "riga 2, colonna «Valore»: atteso un importo in euro come 1.234,50, trovato «1234.50»"),
    ({"Valore": "0,00"},
     "riga 2, colonna «Valore»: atteso un valore maggiore di zero, trovato «0,00»"),
    ({"Valore": "-10"},
     "riga 2, colonna «Valore»: atteso un valore maggiore di zero, trovato «-10»"),
    ({"Stato": "nuovo"},
     "riga 2, colonna «Stato»: atteso uno stato di conservazione tra ottimo, buono, discreto, "
     "mediocre, inservibile, trovato «nuovo»"),
    ({"Provenienza": "regalo"},
     "riga 2, colonna «Provenienza»: attesa una provenienza tra acquisto, produzione, donazione, "
     "rinvenimento, trovato «regalo»"),
    ({"Descrizione": "  "},
     "riga 2, colonna «Descrizione»: attesa la descrizione del bene, trovata una cella vuota"),
    ({"Plesso": "Centrale"},
     "riga 2, colonna «Plesso»: atteso un plesso esistente (codice o nome): SEDE – Sede "
     "centrale, VERDI – Plesso Verdi, trovato «Centrale»"),
    ({"Locale": "Aula 2B"},
     "riga 2, colonna «Locale»: atteso un locale del plesso Sede centrale: Aula 1A, Laboratorio "
     "di informatica, trovato «Aula 2B»"),
    ({"Situazione": "annullato"},
     "riga 2, colonna «Situazione»: atteso «in uso», «in comodato», «scaricato»: una "
     "registrazione annullata non si importa, trovato «annullato»"),
    ({"Situazione": "Rinnovato"},
     "riga 2, colonna «Situazione»: atteso «in uso», «in comodato», «scaricato»: un bene "
     "«rinnovato» è stato ripreso con un nuovo numero nel rinnovo dell'inventario; si importa "
     "il nuovo inventario, non la serie chiusa, trovato «Rinnovato»"),
    ({"Situazione": "smarrito"},
     "riga 2, colonna «Situazione»: atteso «in uso», «in comodato», «scaricato» o una cella "
     "vuota, trovato «smarrito»"),
    ({"Situazione": "in uso", "Decreto di discarico n.": "12"},
     "riga 2, colonna «Decreto di discarico n.»: attesa una cella vuota: il decreto di "
     "discarico si indica solo per un bene «scaricato», trovato «12»"),
    ({"Situazione": "in comodato", "Causa del discarico": "furto"},
     "riga 2, colonna «Causa del discarico»: attesa una cella vuota: il decreto di discarico si "
     "indica solo per un bene «scaricato», trovato «furto»"),
    ({"Inventario": "beni di terzi"},
     "riga 2, colonna «Proprietario»: atteso il proprietario del bene di terzi (es. il Comune), "
     "trovata una cella vuota"),
    ({"CIG": "Z12345678901"},
     "riga 2, colonna «CIG»: atteso un CIG di 10 caratteri tra lettere e cifre, trovato "
     "«Z12345678901»"),
    ({"CIG": "Z1A2B"},
     "riga 2, colonna «CIG»: atteso un CIG di 10 caratteri tra lettere e cifre, trovato "
     "«Z1A2B»"),
    ({"CIG": "Z1A2B-C4D5"},
     "riga 2, colonna «CIG»: atteso un CIG di 10 caratteri tra lettere e cifre, trovato "
     "«Z1A2B-C4D5»"),
    ({"CUP": "B12C3400000000"},
     "riga 2, colonna «CUP»: atteso un CUP di 15 caratteri tra lettere e cifre, trovato "
     "«B12C3400000000»"),
    ({"CUP": "B12C34 00000001"},
     "riga 2, colonna «CUP»: atteso un CUP di 15 caratteri tra lettere e cifre, trovato "
     "«B12C34 00000001»"),
    ({"Fattura del": "ieri"},
     "riga 2, colonna «Fattura del»: attesa una data gg/mm/aaaa o una cella vuota, trovato "
     "«ieri»"),
    ({"Numero di serie": "SN-OLD"},
     "riga 2, colonna «Numero di serie»: atteso un numero di serie non già registrato per un "
     "altro bene dell'archivio, trovato «SN-OLD»"),
])
def test_each_wrong_cell_gets_its_message(changes, message):
    result = check(good(**changes))
    assert messages(result) == [message]
    assert result.rows == [] and result.rows_read == 1


def test_unknown_register_lists_the_registers():
    result = check(good(Inventario="arredi"))
    (error,) = result.errors
    assert (error.row, error.column, error.found) == (2, "Inventario", "arredi")
    assert error.expected.startswith("un inventario tra beni mobili, storico-artistici, libri")
    assert "beni di terzi" in error.expected and "beni durevoli" in error.expected


def test_several_errors_in_a_row_are_all_reported():
    result = check(good(Stato="", Valore="abc", **{"Data di carico": "2020/10/15"}))
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Data di carico"), (2, "Stato"), (2, "Valore")]


# --- numbering and dates along a register ---------------------------------------------------
def test_numbers_continue_the_register_without_gaps():
    context = ctx(inv_mobili=RegisterState(40, date(2019, 5, 2)))
    ok = check(good(41), good(42), context=context)
    assert ok.errors == [] and [r.number for r in ok.rows] == [41, 42]

    first = check(good(1), context=context)
    assert messages(first) == [
        "riga 2, colonna «Numero»: atteso il numero 41 (il successivo di n. 40 dell'inventario "
        "beni mobili: numerazione progressiva senza salti né ripetizioni), trovato «1»"]


def test_a_gap_and_a_repetition_are_each_reported_once():
    result = check(good(1), good(2), good(4), good(5), good(5), good(6))
    assert [(e.row, e.column, e.expected.split(" (")[0], e.found) for e in result.errors] == [
        (4, "Numero", "il numero 3", "4"), (6, "Numero", "il numero 6", "5")]


def test_an_empty_register_starts_from_one_and_registers_are_counted_apart():
    result = check(good(2), good(1, Inventario="libri"))
    assert messages(result) == [
        "riga 2, colonna «Numero»: atteso il numero 1 (il primo dell'inventario beni mobili: "
        "numerazione progressiva senza salti né ripetizioni), trovato «2»"]


def test_dates_must_follow_the_numbers_and_the_register():
    result = check(good(1, **{"Data di carico": "10/03/2021"}),
                   good(2, **{"Data di carico": "09/03/2021"}))
    assert messages(result) == [
        "riga 3, colonna «Data di carico»: attesa una data non anteriore al 10/03/2021 (data del "
        "n. 1 dell'inventario beni mobili), trovato «09/03/2021»"]
    context = ctx(inv_mobili=RegisterState(3, date(2021, 1, 1)))
    result = check(good(4, **{"Data di carico": "31/12/2020"}), context=context)
    assert [e.expected for e in result.errors] == [
        "una data non anteriore al 01/01/2021 (data del n. 3 dell'inventario beni mobili)"]


def test_serial_number_repeated_in_the_file():
    result = check(good(1, **{"Numero di serie": "AB1"}), good(2, **{"Numero di serie": "AB1"}))
    assert messages(result) == [
        "riga 3, colonna «Numero di serie»: atteso un numero di serie non ripetuto (è già alla "
        "riga 2), trovato «AB1»"]


# --- clean rows -----------------------------------------------------------------------------
def test_clean_rows_are_parsed_from_text_and_from_spreadsheet_cells():
    as_text = good(1, Inventario="Beni Mobili", Plesso="plesso verdi", Locale="palestra",
                   Stato="Ottimo", CIG="z123456789", CUP=" b12c34000000001 ",
                   **{"Fattura del": "14/10/2020", "Numero di serie": " SN-1 "})
    as_cells = good(2, Inventario="inv-mobili", Numero=2.0, Valore=1234.5,
                    CIG=7890123456,      # a CIG of digits only, a number cell for Excel
                    **{"Data di carico": datetime(2020, 10, 16)})
    as_cells["Numero"] = 2.0
    result = check(as_text, {}, as_cells)
    assert result.errors == [] and result.rows_read == 2   # the empty row is skipped
    first, second = result.rows
    assert (first.register, first.number, first.entry_date) == ("inv-mobili", 1,
                                                                 date(2020, 10, 15))
    assert (first.site_id, first.room_id, first.state) == (2, 20, "ottimo")
    assert (first.value, first.cig, first.serial_number) == (Decimal("1234.50"), "Z123456789",
                                                             "SN-1")
    assert first.cup == "B12C34000000001" and (second.cig, second.cup) == ("7890123456", "")
    assert first.invoice_date == date(2020, 10, 14) and first.row == 2
    assert (second.row, second.number, second.entry_date, second.value) == (
        4, 2, date(2020, 10, 16), Decimal("1234.50"))
    assert second.serial_number is None


def test_a_numeric_cell_with_more_than_two_decimals_is_refused():
    result = check(good(Valore=10.005))
    assert messages(result) == [
        "riga 2, colonna «Valore»: atteso un importo con al massimo due decimali, trovato "
        "«10.005»"]


def test_a_file_without_rows_is_an_error():
    result = check()
    assert result.errors == [RowError(2, "", "una o più righe di beni sotto l'intestazione",
                                      "nessuna riga")]
    assert result.errors[0].message == ("riga 2: attesa una o più righe di beni sotto "
                                        "l'intestazione, trovato «nessuna riga»")


# --- goods discharged in the old program, goods in comodato ---------------------------------
def discharged(number=1, **changes) -> dict:
    return good(number, Situazione="scaricato", **{"Decreto di discarico n.": "7",
                                                   "Decreto del": "20/05/2023",
                                                   "Causa del discarico": "furto", **changes})


def test_a_discharged_good_without_its_decree_names_each_missing_cell():
    result = check(good(1), good(2, Situazione="scaricato"), good(3))
    assert messages(result) == [
        "riga 3, colonna «Decreto di discarico n.»: atteso il numero del decreto di discarico "
        "(il bene è «scaricato»), trovata una cella vuota",
        "riga 3, colonna «Decreto del»: attesa la data del decreto di discarico (il bene è "
        "«scaricato»), trovata una cella vuota",
        "riga 3, colonna «Causa del discarico»: attesa una causa del discarico tra Furto, Causa "
        "di forza maggiore, Inservibilità (fuori uso), Vendita (art. 34), Cessione (art. 34), "
        "trovata una cella vuota"]
    assert [r.number for r in result.rows] == [1, 3]


def test_a_file_without_the_decree_columns_still_names_them():
    header = [h for h in HEADERS if h not in ("Decreto di discarico n.", "Decreto del",
                                              "Causa del discarico")]
    result = check(good(1, Situazione="scaricato"), header=header)
    assert [(e.row, e.column) for e in result.errors] == [
        (2, "Decreto di discarico n."), (2, "Decreto del"), (2, "Causa del discarico")]


@pytest.mark.parametrize("changes,message", [
    ({"Decreto del": "14/10/2020"},
     "riga 2, colonna «Decreto del»: attesa una data non anteriore al 15/10/2020 (data di "
     "carico del bene), trovato «14/10/2020»"),
    ({"Decreto del": "01/07/2025"},
     "riga 2, colonna «Decreto del»: attesa una data non futura (oggi è il 30/06/2025), "
     "trovato «01/07/2025»"),
    ({"Decreto del": "2023"},
     "riga 2, colonna «Decreto del»: attesa una data gg/mm/aaaa, trovato «2023»"),
    ({"Causa del discarico": "rottura"},
     "riga 2, colonna «Causa del discarico»: attesa una causa del discarico tra Furto, Causa di "
     "forza maggiore, Inservibilità (fuori uso), Vendita (art. 34), Cessione (art. 34), trovato "
     "«rottura»"),
    ({"Decreto di discarico n.": "n" * 41},
     "riga 2, colonna «Decreto di discarico n.»: atteso un testo di al massimo 40 "
     "caratteri (ne ha 41), trovato «" + "n" * 40 + "…»"),
])
def test_each_wrong_decree_cell_gets_its_message(changes, message):
    result = check(discharged(**changes))
    assert messages(result) == [message] and result.rows == []


def test_the_decree_may_be_dated_on_the_day_of_the_carico_and_today():
    same_day = check(discharged(1, **{"Decreto del": "15/10/2020"}))
    today = check(discharged(1, **{"Decreto del": "30/06/2025"}))
    assert same_day.errors == [] and today.errors == []
    assert today.rows[0].decree.day == TODAY


def test_discharged_and_lent_goods_keep_the_numbering_and_their_situation():
    result = check(good(1, Situazione="In uso"),
                   discharged(2, **{"Decreto del": datetime(2023, 5, 20),
                                    "Causa del discarico": "  INSERVIBILITÀ (fuori uso) "}),
                   discharged(3, **{"Causa del discarico": "forza_maggiore"}),
                   discharged(4, **{"Causa del discarico": "Forza maggiore"}),
                   good(5, Situazione="in comodato"), good(6))
    assert result.errors == []
    assert [(r.number, r.status, r.on_loan) for r in result.rows] == [
        (1, "in uso", False), (2, "scaricato", False), (3, "scaricato", False),
        (4, "scaricato", False), (5, "in uso", True), (6, "in uso", False)]
    assert [r.decree for r in result.rows[1:4]] == [
        Decree("7", date(2023, 5, 20), "inservibilita"),
        Decree("7", date(2023, 5, 20), "forza_maggiore"),
        Decree("7", date(2023, 5, 20), "forza_maggiore")]
    # Hand-computed: 3 discharged goods of 1.234,50 € = 3.703,50 €, under 2 distinct decrees
    # (same number and date, two causes); one good in comodato.
    assert situation_lines(result.rows) == [
        "Di cui scaricati: 3 beni, 3.703,50\u00a0€, con 2 decreti di discarico (restano nel "
        "registro con il loro numero, annotati come scaricati).",
        "Nota: 1 bene risulta «in comodato» nel file e sarà importato «in uso»: i contratti di "
        "comodato non fanno parte del file di scambio e vanno registrati di nuovo (Inventario › "
        "Comodato)."]


def test_a_gap_around_a_discharged_good_is_still_a_gap():
    result = check(good(1), discharged(3))
    assert [(e.row, e.column, e.found) for e in result.errors] == [(3, "Numero", "3")]
