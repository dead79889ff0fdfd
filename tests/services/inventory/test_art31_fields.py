"""The fields art. 31 c.2 of D.I. 129/2018 wants for beni immobili (rendita annua, dati
catastali, diritti reali di terzi, destinazione d'uso, utilizzo attuale) and valori mobiliari
(rendita, scadenza): entered at carico, kept at the rinnovo, exported and imported back (CSV
and XLSX), printed on the register of their category and on no other; bad input refused
with the field and the row named, nothing saved. Real SQLite files and real PDFs."""
from __future__ import annotations

import sqlite3
from datetime import date
from decimal import Decimal as D

import pytest

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.domain.inventory.import_ import HEADERS
from iiss_desktop.reports.registers import build_register
from iiss_desktop.services.inventory import import_ as imp
from iiss_desktop.services.inventory.carico import CaricoInput, carico
from iiss_desktop.services.inventory.renewal import renew
from tests.helpers.pdf import pdf_flat
from tests.services.inventory.test_import import (  # noqa: F401 - fixtures
    add_places,
    db_state,
    fresh_db,
    rooms,
    row,
    write_csv,
)

BUILDING = dict(
    description="Edificio scolastico di via Roma 12", category_register="inv-immobili",
    unit_value=D("850000.00"), valuation="donazione", entry_date=date(2020, 9, 1),
    annual_income=D("12345.67"), cadastral_sheet="12", cadastral_parcel="345",
    cadastral_subunit="2", cadastral_category="b/5",
    third_party_rights="Servitù di passaggio a favore del Comune",
    intended_use="Edificio scolastico", current_use="Sede del liceo, aule e laboratori")
BOND = dict(description="BTP 10 anni, valore nominale 10.000 €", category_register="inv-valori",
            unit_value=D("9800.00"), valuation="acquisto", entry_date=date(2020, 9, 2),
            annual_income=D("310.00"), maturity_date=date(2033, 3, 1))
DESK = dict(description="Cattedra in legno", unit_value=D("310.00"),
            entry_date=date(2020, 9, 3), category="Mobili e arredi")

ART31 = ("annual_income", "cadastral_sheet", "cadastral_parcel", "cadastral_subunit",
         "cadastral_category", "third_party_rights", "intended_use", "current_use",
         "maturity_date")


def _stored(db, register: str) -> list[dict]:
    """The art. 31 columns of the goods of a register, as the database holds them."""
    con = sqlite3.connect(db.engine.url.database)
    con.row_factory = sqlite3.Row
    try:
        return [{k: r[k] for k in ("number", *ART31)} for r in con.execute(
            f"SELECT number, {', '.join(ART31)} FROM inventory_item WHERE register = ? "
            "ORDER BY number", (register,))]
    finally:
        con.close()


def _load(db, rooms):
    room = rooms["Aula 1A"]
    for values in (BUILDING, BOND, DESK):
        carico(db, CaricoInput(room_id=room, **values))


# By hand: 12.345,67 € is 1234567 cents; 310,00 € is 31000; the category is stored upper case.
BUILDING_STORED = {"number": 1, "annual_income": 1234567, "cadastral_sheet": "12",
                   "cadastral_parcel": "345", "cadastral_subunit": "2",
                   "cadastral_category": "B/5",
                   "third_party_rights": "Servitù di passaggio a favore del Comune",
                   "intended_use": "Edificio scolastico",
                   "current_use": "Sede del liceo, aule e laboratori", "maturity_date": None}
BOND_STORED = {"number": 1, "annual_income": 31000, "cadastral_sheet": "",
               "cadastral_parcel": "", "cadastral_subunit": "", "cadastral_category": "",
               "third_party_rights": "", "intended_use": "", "current_use": "",
               "maturity_date": "2033-03-01"}

def test_art31_fields_are_entered_at_carico_and_kept_at_the_rinnovo(db, rooms):
    _load(db, rooms)
    assert _stored(db, "inv-immobili") == [BUILDING_STORED]
    assert _stored(db, "inv-valori") == [BOND_STORED]
    assert _stored(db, "inv-mobili")[0] == {**BOND_STORED, "annual_income": None,
                                            "maturity_date": None}
    result = renew(db, "inv-immobili", date(2024, 1, 15), "3", date(2023, 12, 1),
                   "Rossi, Bianchi, Verdi", revalued={})
    assert (result.new_code, result.count) == ("inv-immobili.2024", 1)
    assert _stored(db, "inv-immobili.2024") == [BUILDING_STORED]
    renew(db, "inv-valori", date(2024, 1, 15), "4", date(2023, 12, 1), "Rossi, Bianchi, Verdi")
    assert _stored(db, "inv-valori.2024") == [BOND_STORED]


def test_art31_fields_are_printed_on_the_register_of_their_category_only(db, rooms, tmp_path):
    _load(db, rooms)
    renew(db, "inv-immobili", date(2024, 1, 15), "3", date(2023, 12, 1), "Rossi, Bianchi")
    buildings = pdf_flat(build_register(db, tmp_path / "immobili.pdf", "inv-immobili.2024",
                                        2024), layout=False)
    for text in ("Dati catastali: foglio 12, particella 345, sub. 2, categoria B/5",
                 "Rendita annua: 12.345,67 €",
                 "Diritti reali di terzi: Servitù di passaggio a favore del Comune",
                 "Destinazione d'uso: Edificio scolastico",
                 "Utilizzo attuale: Sede del liceo, aule e laboratori"):
        assert text in buildings
    assert "Scadenza" not in buildings
    bonds = pdf_flat(build_register(db, tmp_path / "valori.pdf", "inv-valori", 2024),
                     layout=False)
    assert "Rendita annua: 310,00 €" in bonds and "Scadenza: 01/03/2033" in bonds
    assert "Dati catastali" not in bonds and "Destinazione d'uso" not in bonds
    movables = pdf_flat(build_register(db, tmp_path / "mobili.pdf", "inv-mobili", 2024),
                        layout=False)
    assert "Cattedra in legno" in movables
    for absent in ("Dati catastali", "Rendita", "Scadenza", "Destinazione d'uso",
                   "Utilizzo attuale", "Diritti reali"):
        assert absent not in movables


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
def test_art31_fields_are_exported_and_imported_back(db, rooms, fresh_db, tmp_path, suffix):
    _load(db, rooms)
    path = tmp_path / f"inventario{suffix}"
    assert imp.export_inventory(db, path) == 3
    exported = {r[0]: dict(zip(HEADERS, r)) for r in imp.export_rows(db)}
    building = exported["beni immobili"]
    assert (building["Rendita annua"], building["Foglio"], building["Particella"],
            building["Subalterno"], building["Categoria catastale"]) == (
        D("12345.67"), "12", "345", "2", "B/5")
    assert exported["valori mobiliari"]["Scadenza"] == date(2033, 3, 1)
    assert exported["beni mobili"]["Rendita annua"] is None

    report = imp.dry_run(fresh_db, path)
    assert report.ok, [e.message for e in report.errors]
    imp.import_file(fresh_db, path)
    assert _stored(fresh_db, "inv-immobili") == [BUILDING_STORED]
    assert _stored(fresh_db, "inv-valori") == [BOND_STORED]
    assert imp.export_rows(fresh_db) == imp.export_rows(db)


@pytest.mark.parametrize("changes,message", [
    ({"Inventario": "valori mobiliari", "Scadenza": "31/02/2030"},
     "riga 2, colonna «Scadenza»: attesa una data gg/mm/aaaa o una cella vuota, trovato "
     "«31/02/2030»"),
    ({"Inventario": "beni immobili", "Rendita annua": "-10,00"},
     "riga 2, colonna «Rendita annua»: atteso un importo non negativo, trovato «-10,00»"),
    ({"Inventario": "beni immobili", "Rendita annua": "1.200,555"},
     "riga 2, colonna «Rendita annua»: atteso un importo con al massimo due decimali, "
     "trovato «1.200,555»"),
    ({"Inventario": "beni immobili", "Categoria catastale": "B5"},
     "riga 2, colonna «Categoria catastale»: attesa una categoria catastale come B/5, "
     "trovato «B5»"),
    ({"Foglio": "12"},
     "riga 2, colonna «Foglio»: attesa una cella vuota: «Foglio» si indica solo per beni "
     "immobili, trovato «12»"),
    ({"Scadenza": "01/03/2033"},
     "riga 2, colonna «Scadenza»: attesa una cella vuota: «Scadenza» si indica solo per "
     "valori mobiliari, trovato «01/03/2033»"),
])
def test_wrong_art31_cells_are_refused_with_row_and_column_and_nothing_is_saved(
        db, rooms, tmp_path, changes, message):
    path = write_csv(tmp_path / "registro.csv", [row(1, **changes)])
    before = db_state(db)
    assert [e.message for e in imp.dry_run(db, path).errors] == [message]
    with pytest.raises(DomainError) as info:
        imp.import_file(db, path)
    assert message in info.value.message
    assert db_state(db) == before


@pytest.mark.parametrize("changes,field,message", [
    ({"annual_income": D("-1.00")}, "annual_income",
     "Il campo «Rendita annua» non può essere negativo."),
    ({"annual_income": D("1.005")}, "annual_income",
     "Il campo «Rendita annua» ha più di due decimali: 1.005."),
    ({"category_register": "inv-valori", "maturity_date": "01/03/2033"}, "maturity_date",
     "Il campo «Scadenza» deve essere una data."),
    ({"cadastral_category": "B5"}, "cadastral_category",
     "Il campo «Categoria catastale» richiede una categoria catastale come B/5: «B5»."),
    ({"category_register": "inv-mobili"}, "annual_income",
     "Il campo «Rendita annua» si indica solo per beni immobili e valori mobiliari."),
])
def test_wrong_art31_values_at_carico_name_the_field_and_save_nothing(db, rooms, changes,
                                                                      field, message):
    before = db_state(db)
    with pytest.raises(ValidationError) as info:
        carico(db, CaricoInput(room_id=rooms["Aula 1A"], **{**BUILDING, **changes}))
    assert info.value.errors[field] == message
    assert db_state(db) == before
