"""The drop-down menus of the Inventario tab, as data.

Each entry names the function that opens its dialog or print; the module holding it is
imported on the first click, so that the tab opens without loading a dozen dialog modules
(about 80 ms on an old PC, a third of the opening time of a 100,000-good grid)."""
from __future__ import annotations

from dataclasses import dataclass
from functools import partial
from importlib import import_module

CUSTODY, DISCHARGE, LOANS, REGISTERS = "Custodia", "Discarico e vendita", "Comodato", "Registri"
LISTS = "Elenchi"


@dataclass(frozen=True)
class MenuEntry:
    text: str
    menu: str
    target: str             # "module:function" in this package, called as function(tab, *args)
    tooltip: str
    needs_selection: bool = False
    args: tuple = ()
    # The permission code the action needs ("inventory.custody"): without it the entry is
    # disabled, its tooltip naming the permission. Empty: what every reader of the tab may
    # open (lists, prints; the dialogs' own writes are refused by their services).
    permission: str = ""
    shortcut: str = ""      # for the frequent ones (Aiuto › Scorciatoie lists them)


ENTRIES = (
    # --- Custodia (art. 30 and 35) ---
    MenuEntry("Consegnatario, sostituti e sub-consegnatari…", CUSTODY, "custody:open_roles",
              "Nomine del Dirigente per la custodia dei beni (art. 30)"),
    MenuEntry("Affidamento dei beni selezionati…", CUSTODY, "custody:assign_selected",
              "Verbale di affidamento dei beni di laboratorio (art. 35)", needs_selection=True,
              permission="inventory.assign", shortcut="Ctrl+Shift+A"),
    MenuEntry("Riconsegna…", CUSTODY, "custody:return_assignment",
              "Verbale di riconsegna al DSGA: chiude un affidamento",
              permission="inventory.carico"),
    MenuEntry("Manutenzioni del bene…", CUSTODY, "custody:open_maintenance",
              "Registro degli interventi sul bene selezionato", needs_selection=True,
              shortcut="Ctrl+Shift+M"),
    MenuEntry("Prospetto del sub-consegnatario…", CUSTODY, "custody:print_prospetto",
              "Variazioni dell'anno dei beni di un plesso (art. 30 c.3)"),
    # --- Registri: ricognizione ---
    MenuEntry("Verbali di ricognizione…", REGISTERS, "ricognizione:open_checks",
              "Verbali registrati, scadenza quinquennale, stampa e carico dei beni rinvenuti"),
    # --- Discarico e vendita (art. 33 and 34) ---
    MenuEntry("Vendita o cessione dei beni selezionati…", DISCHARGE, "sale:sell_selected",
              "Decreto del Dirigente che destina alla vendita o alla cessione i beni fuori uso "
              "selezionati (art. 34)", needs_selection=True, permission="inventory.discharge"),
    MenuEntry("Vendite in corso…", DISCHARGE, "sale:open_sales",
              "Avviso, offerte, aggiudicazione o vendita deserta, cessioni"),
    MenuEntry("Stampa decreto di discarico…", DISCHARGE, "sale:print_discharge_documents",
              "Ristampare il decreto di discarico e il buono di scarico"),
    # --- Registri: values and rinnovo ---
    MenuEntry("Aliquote di ammortamento…", REGISTERS, "values:open_rates",
              "Aliquote annue per categoria: predefinite o decise dall'istituto"),
    MenuEntry("Valori attuali…", REGISTERS, "values:open_values",
              "Valore di carico e valore al netto dell'ammortamento per inventario"),
    MenuEntry("Rinnovo dell'inventario…", REGISTERS, "values:open_renewal",
              "Chiudere un inventario e riportarne i beni in un nuovo inventario numerato da 1 "
              "(almeno ogni 10 anni)", permission="inventory.renewal"),
    MenuEntry("Stampa rinnovo…", REGISTERS, "values:print_renewal",
              "Raccordo vecchio numero → nuovo numero di un rinnovo"),
    # --- Comodato prints ---
    MenuEntry("Stampa contratto…", LOANS, "comodato_prints:print_loan_document",
              "Contratto di comodato d'uso in due originali", args=("contratto-comodato",),
              permission="inventory.loan_documents"),
    MenuEntry("Verbale di consegna…", LOANS, "comodato_prints:print_loan_document",
              "Verbale di consegna dei beni in comodato", args=("verbale-consegna-comodato",),
              permission="inventory.loan_documents"),
    MenuEntry("Verbale di restituzione…", LOANS, "comodato_prints:print_loan_document",
              "Verbale di restituzione con l'esito del controllo",
              args=("verbale-restituzione-comodato",), permission="inventory.loan_documents"),
    # --- Registri: handover, summary, import and export ---
    MenuEntry("Passaggio di consegne…", REGISTERS, "handover:open_handover_wizard",
              "Verbale di passaggio di consegne tra DSGA (art. 30 c.5)",
              permission="inventory.handover"),
    MenuEntry("Riepilogo annuale per il conto del patrimonio…", REGISTERS,
              "handover:print_inventory_summary",
              "Consistenza al 1° gennaio e al 31 dicembre, aumenti e diminuzioni"),
    MenuEntry("Importa inventario…", REGISTERS, "import_dialog:open_import",
              "Importare i beni da un file CSV o Excel di un altro programma, dopo un controllo "
              "che non modifica nulla", permission="inventory.import"),
    MenuEntry("Esporta inventario…", REGISTERS, "import_dialog:open_export",
              "Salvare i beni in un file Excel o CSV, reimportabile",
              permission="inventory.export"),
    # --- Elenchi: the documents and the work in progress, filterable and exportable ---
    MenuEntry("Buoni di carico e di scarico…", LISTS, "work_lists:open_buoni",
              "Ogni buono d'inventario, con annullamenti e protocollo; stampa ed esporta"),
    MenuEntry("Decreti di discarico…", LISTS, "work_lists:open_decrees",
              "I decreti del Dirigente (art. 33) con i beni, il valore e il buono di scarico"),
    MenuEntry("Affidamenti…", LISTS, "work_lists:open_assignments",
              "I verbali di affidamento in corso e riconsegnati (art. 35)"),
    MenuEntry("Comodati…", LISTS, "work_lists:open_loans",
              "I contratti di comodato in corso e restituiti",
              permission="inventory.loan_documents"),
)


def run_entry(tab, entry: MenuEntry, *_checked) -> None:
    module, function = entry.target.split(":")
    getattr(import_module(f"{__package__}.{module}"), function)(tab, *entry.args)


def add_menu_entries(tab) -> None:
    for entry in ENTRIES:
        tab.add_action(entry.text, partial(run_entry, tab, entry), menu=entry.menu,
                       needs_selection=entry.needs_selection, tooltip=entry.tooltip,
                       permission=entry.permission or None, shortcut=entry.shortcut or None)
