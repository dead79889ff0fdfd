"""The fields of a good of the inventory, declared once (see domain/fields.py).

``ITEM`` lists the columns of ``inventory_item`` and, in the same order, the columns of the
exchange file (import from another program, our own export): the order of ``ITEM`` is the
order of the exported columns. Fields with ``stored=False`` live elsewhere (the register
entry's date and description, the names of plesso and locale, the decree of a discharged
good) and only travel in the file or the grid.

To add a field of a good: one ``Field`` here, the column in models/inventory.py and an
Alembic migration (with a server default). The carico form, the carico itself, the rinnovo,
the import and the export, the printed register and the benchmark's bulk insert follow.

Art. 31 c.2 (domain.md §1.4): for the beni immobili titolo di provenienza, dati catastali,
valore, eventuale rendita annua, diritti a favore di terzi, destinazione d'uso, utilizzo
attuale; for the valori mobiliari rendita and scadenza (D.I. 44/2001 art. 25 c.2). The dati
catastali are four fields, not one text: foglio, particella and subalterno identify the unità
immobiliare as the visura catastale writes them, the categoria (A/1 … F/6) has a fixed form
that is checked, and each one is checked and printed the same way for every building.
"""
from __future__ import annotations

from ..fields import Field, Record
from ..registers import MAX_TEXT
from .carico import NATURES, STATES, VALUATIONS

IMMOBILI, VALORI = "inv-immobili", "inv-valori"
_CIG_CUP = "checked by domain.procurement_codes"

ITEM = Record("inventory_item", alias="i", fields=(
    Field("id", "Identificativo", kind="ref", nullable=True, copied=False),
    Field("entry_id", "Registrazione", kind="ref", copied=False),
    Field("buono_entry_id", "Buono di carico", kind="ref", nullable=True),
    Field("register", "Inventario", max_length=40, required=True, copied=False,
          header="Inventario"),
    Field("number", "Numero", kind="int", required=True, copied=False, header="Numero"),
    Field("entry_date", "Data di carico", kind="date", required=True, stored=False,
          header="Data di carico", source="e.entry_date"),
    Field("description", "Descrizione", max_length=MAX_TEXT, required=True, stored=False,
          header="Descrizione", source="e.description"),
    Field("category", "Categoria", max_length=80, header="Categoria", entered=True,
          placeholder="es. Hardware, Mobili e arredi"),
    Field("subcategory", "Sottocategoria", max_length=80, header="Sottocategoria",
          entered=True, placeholder="es. Notebook"),
    # Optional in the file (an empty cell or no column: «bene»); checked by the import with
    # the rule of art. 31 c.5-6 (domain/inventory/carico.destination).
    Field("nature", "Natura", kind="choice", max_length=20, required=True, default="bene",
          choices=tuple(NATURES.items()), header="Natura"),
    Field("site_id", "Plesso", kind="ref", nullable=True),
    Field("room_id", "Locale", kind="ref", nullable=True),
    Field("site", "Plesso", required=True, stored=False, header="Plesso", source="s.code"),
    Field("room", "Locale", required=True, stored=False, header="Locale", source="r.name"),
    Field("state", "Stato di conservazione", kind="choice", max_length=20, required=True,
          default="buono", choices=tuple((s, s) for s in STATES), header="Stato",
          entered=True),
    Field("value", "Valore", kind="money", required=True, copied=False, header="Valore"),
    Field("valuation", "Provenienza", kind="choice", max_length=20, required=True,
          default="acquisto", choices=tuple((k, f"{k} ({v})") for k, v in VALUATIONS.items()),
          header="Provenienza", entered=True),
    # Art. 31 c.5: goods bought together as one set (identical chairs…) are inventoried if the
    # set is worth more than 200 € IVA compresa. The key names the set (the goods of a carico
    # «acquistati insieme»: its buono; an imported file: the cell «Universalità»); the value
    # is the set's total, the same on each of its goods.
    Field("universalita_key", "Universalità", max_length=80, header="Universalità",
          placeholder="es. Sedie aula 12 (2024)"),
    Field("universalita_value", "Valore dell'universalità", kind="money", nullable=True,
          header="Valore dell'universalità"),
    Field("supplier", "Fornitore o donatore", max_length=200, header="Fornitore", entered=True),
    Field("invoice_number", "Fattura n.", max_length=40, header="Fattura n.", entered=True),
    Field("invoice_date", "Fattura del", kind="date", nullable=True, past_only=True,
          header="Fattura del", entered=True),
    Field("cig", "CIG", max_length=10, upper=True, header="CIG", entered=True,
          help="Codice Identificativo Gara (ANAC): 10 caratteri tra lettere e cifre"),
    Field("cup", "CUP", max_length=15, upper=True, header="CUP", entered=True,
          help="Codice Unico di Progetto: 15 caratteri tra lettere e cifre"),
    Field("funding", "Fonte di finanziamento", max_length=120, header="Finanziamento",
          entered=True, placeholder="es. A03 Didattica, PON FESR"),
    Field("impegno", "Impegno n.", max_length=40, header="Impegno", entered=True),
    Field("mandato", "Mandato n.", max_length=40, header="Mandato", entered=True),
    Field("brand", "Marca", max_length=80, header="Marca", entered=True),
    Field("model", "Modello", max_length=80, header="Modello", entered=True),
    # Unique: the rinnovo moves it to the new good itself (not a plain copy).
    Field("serial_number", "Numero di serie", max_length=80, nullable=True, copied=False,
          header="Numero di serie", entered=True),
    Field("owner", "Proprietario (beni di terzi)", max_length=200, header="Proprietario",
          entered=True, placeholder="es. Comune di Roma"),
    Field("grant_title", "Titolo e condizioni della concessione", max_length=200,
          header="Titolo di concessione", entered=True,
          placeholder="es. comodato gratuito, delibera di Giunta n. 45/2019"),
    # --- art. 31 c.2: beni immobili and valori mobiliari, in the order of the rule ------------
    Field("cadastral_sheet", "Foglio catastale", max_length=20, registers=(IMMOBILI,),
          header="Foglio", entered=True, printed=True, placeholder="es. 12"),
    Field("cadastral_parcel", "Particella catastale", max_length=20, registers=(IMMOBILI,),
          header="Particella", entered=True, printed=True, placeholder="es. 345"),
    Field("cadastral_subunit", "Subalterno", max_length=20, registers=(IMMOBILI,),
          header="Subalterno", entered=True, printed=True, placeholder="es. 2"),
    Field("cadastral_category", "Categoria catastale", max_length=5, registers=(IMMOBILI,),
          header="Categoria catastale", entered=True, printed=True, upper=True,
          pattern=r"[A-F]/[0-9]{1,2}", pattern_text="una categoria catastale come B/5",
          placeholder="es. B/5"),
    Field("annual_income", "Rendita annua", kind="money", nullable=True,
          registers=(IMMOBILI, VALORI), header="Rendita annua", entered=True, printed=True),
    Field("third_party_rights", "Diritti reali di terzi", max_length=300,
          registers=(IMMOBILI,), header="Diritti reali di terzi", entered=True, printed=True,
          placeholder="es. servitù di passaggio a favore del Comune"),
    Field("intended_use", "Destinazione d'uso", max_length=200, registers=(IMMOBILI,),
          header="Destinazione d'uso", entered=True, printed=True,
          placeholder="es. edificio scolastico"),
    Field("current_use", "Utilizzo attuale", max_length=200, registers=(IMMOBILI,),
          header="Utilizzo attuale", entered=True, printed=True,
          placeholder="es. sede del liceo, aule e laboratori"),
    Field("maturity_date", "Scadenza", kind="date", nullable=True, registers=(VALORI,),
          header="Scadenza", entered=True, printed=True),
    # -----------------------------------------------------------------------------------------
    Field("notes", "Note (configurazione del PC)", kind="multiline", max_length=20000,
          header="Note", entered=True,
          placeholder="es. CPU, RAM, disco, sistema operativo, accessori"),
    # Stays on the good: why a good taken in charge before D.I. 129/2018 (17/11/2018) was
    # imported in a register that art. 31 c.5-6 would not give it today. Printed on the register.
    Field("carico_warning", "Avvertenza sul carico", max_length=500, copied=True),
    Field("status", "Situazione", max_length=20, default="in uso", copied=False,
          header="Situazione"),
    # Only for a good "scaricato": the provvedimento di discarico (art. 33) that removed it.
    Field("decree_number", "Decreto di discarico n.", max_length=40, stored=False,
          header="Decreto di discarico n.", source="d.decree_number"),
    Field("decree_date", "Decreto del", kind="date", nullable=True, stored=False,
          header="Decreto del", source="d.decree_date"),
    Field("cause", "Causa del discarico", stored=False, header="Causa del discarico",
          source="d.cause"),
    Field("custodian", "Custode", stored=False),
))

# The dati catastali print as one group: "Dati catastali: foglio 12, particella 345, …".
CADASTRAL = ("cadastral_sheet", "cadastral_parcel", "cadastral_subunit", "cadastral_category")
CADASTRAL_SHORT = {"cadastral_sheet": "foglio", "cadastral_parcel": "particella",
                   "cadastral_subunit": "sub.", "cadastral_category": "categoria"}

# The inventory grid: (field of ITEM, column title). Its rows are plain tuples in this
# order (100,000 of them open in about the time of a bare fetch); code reads a cell through
# GRID_INDEX["status"], never through a hand-written position.
GRID = (("register", "Inventario"), ("number", "N."), ("entry_date", "Carico"),
        ("description", "Descrizione"), ("site", "Plesso"), ("room", "Locale"),
        ("custodian", "Custode"), ("state", "Stato"), ("value", "Valore"),
        ("status", "Situazione"))
GRID_INDEX = {name: i for i, (name, _title) in enumerate(GRID)}

# What the scheda of a good lets the clerk correct: descriptive and documentary fields that
# change neither a register's value nor its numbers (no value, register, number, date,
# category — which sets the ammortamento — nor the state of conservation, which changes only
# through an inspection: riconsegna, ricognizione). Each change is audited.
SCHEDA_EDITABLE = ("brand", "model", "serial_number", "subcategory", "supplier",
                   "invoice_number", "invoice_date", "cig", "cup", "funding", "impegno",
                   "mandato", "owner", "grant_title", "third_party_rights", "intended_use",
                   "current_use", "notes")
