"""Every printable report of the application, by name (``iiss-desktop print --list``).

This module imports neither ReportLab nor Qt: the builder of a report is
imported only when that report is printed. Areas append their ReportSpec.
"""
from __future__ import annotations

import importlib
from dataclasses import dataclass, field
from pathlib import Path

from ..domain.errors import DomainError


@dataclass(frozen=True)
class ReportOption:
    name: str           # command-line option without dashes, e.g. "anno"
    help: str
    kind: str = "str"   # "str" | "int" | "date"
    required: bool = False


@dataclass(frozen=True)
class ReportSpec:
    name: str
    title: str
    area: str
    builder: str        # "module:function"; function(db, out: Path, **options) -> Path
    description: str = ""
    options: tuple[ReportOption, ...] = field(default_factory=tuple)
    # A numbered document (options anno + numero) of this register: the print dialog offers
    # the recorded documents to choose from instead of asking for a number.
    numbered: str = ""
    # The permission code needed to print it (e.g. "school.audit"); empty: the read
    # permission of the report's area ("<area>.read").
    permission: str = ""

    def build(self, db, out: Path, **options) -> Path:
        """Build the PDF for the current user of ``db``, if they may read what it shows."""
        from ..domain.access import check

        check(getattr(db, "current_user", None), report_permission(self))
        module, _, func = self.builder.partition(":")
        return getattr(importlib.import_module(module), func)(db, Path(out), **options)


def report_permission(spec: ReportSpec):
    """The permission a report needs: its own, or the read permission of its area (the
    area is found by its Italian label, e.g. "Magazzino" -> warehouse.read)."""
    from .. import areas

    if spec.permission:
        return areas.permission(spec.permission)
    for area in areas.AREAS:
        if area.label == spec.area:
            return area.permission(f"{area.name}.read")
    raise KeyError(f"Stampa «{spec.name}»: area «{spec.area}» sconosciuta")


YEAR = ReportOption("anno", "anno (predefinito: l'anno in corso)", "int")

REPORTS: list[ReportSpec] = [
    ReportSpec("istituto", "Scheda dell'istituto, plessi e locali", "Istituto",
               "iiss_desktop.reports.school:build_school_sheet",
               "Dati anagrafici dell'istituto, elenco dei plessi e dei locali."),
    ReportSpec("calendario", "Calendario dell'istituto", "Istituto",
               "iiss_desktop.reports.school:build_calendar",
               "Festività, santo patrono e chiusure degli uffici dell'anno.", (YEAR,)),
    ReportSpec("personale", "Elenco del personale", "Personale e turni",
               "iiss_desktop.reports.staff:build_staff_list",
               "Personale in servizio con profilo, contratto e plesso."),
    ReportSpec("registro", "Registro legale", "Istituto",
               "iiss_desktop.reports.registers:build_register",
               "Stampa di un registro numerato, con gli annullamenti.",
               (ReportOption("registro", "codice del registro", required=True), YEAR)),
    ReportSpec("modifiche", "Registro delle modifiche", "Istituto",
               "iiss_desktop.reports.audit:build_audit_log",
               "Chi ha modificato che cosa e quando, con l'impronta della catena.", (YEAR,),
               permission="school.audit"),
    ReportSpec("ruoli-permessi", "Ruoli e permessi", "Istituto",
               "iiss_desktop.reports.users:build_roles_matrix",
               "Matrice dei permessi di ciascun ruolo, per area, con i permessi sui dati "
               "personali evidenziati."),
]


REPORTS += [
    ReportSpec("etichette", "Etichette d'inventario", "Inventario",
               "iiss_desktop.reports.inventory:build_labels",
               "Fogli A4 di etichette con numero d'inventario e codice QR (3x8, 3x7, 2x7).",
               (ReportOption("registro", "inventario (es. inv-mobili); tutti se omesso"),
                ReportOption("layout", "formato del foglio: 3x8, 3x7, 2x7"),
                ReportOption("calibrazione", "spostamento della stampa in mm, orizzontale/"
                                             "verticale (es. 1,5/-0,5: a destra e in alto)"))),
    ReportSpec("buono-carico", "Buono di carico", "Inventario",
               "iiss_desktop.reports.inventory:build_buono_carico",
               "Beni presi in carico con un buono, con numeri d'inventario e valore.",
               (YEAR, ReportOption("numero", "numero del buono", "int", required=True)),
               numbered="inv-buoni-carico"),
]


# --- reports: custody ---
from ..domain import custody as _custody  # noqa: E402,F401 - defines the register of verbali

REPORTS += [
    ReportSpec("verbale-affidamento", "Verbale di affidamento dei beni", "Inventario",
               "iiss_desktop.reports.custody:build_verbale_affidamento",
               "Verbale dell'art. 35 con l'elenco descrittivo dei beni, in due copie.",
               (YEAR, ReportOption("numero", "numero del verbale", "int", required=True)),
               numbered="inv-affidamenti"),
    ReportSpec("verbale-riconsegna", "Verbale di riconsegna dei beni", "Inventario",
               "iiss_desktop.reports.custody:build_verbale_riconsegna",
               "Riconsegna al DSGA dei beni affidati, con lo stato di ciascuno, in due copie.",
               (YEAR, ReportOption("numero", "numero del verbale", "int", required=True)),
               numbered="inv-affidamenti"),
    ReportSpec("prospetto-subconsegnatario", "Prospetto del sub-consegnatario", "Inventario",
               "iiss_desktop.reports.custody:build_prospetto_subconsegnatario",
               "Consistenza al 1/1 e al 31/12 e variazioni dell'anno dei beni di un plesso "
               "(art. 30 c.3).",
               (ReportOption("plesso", "plesso: codice (es. PRIM) o id", required=True), YEAR)),
    ReportSpec("scheda-manutenzioni", "Scheda delle manutenzioni di un bene", "Inventario",
               "iiss_desktop.reports.custody:build_scheda_manutenzioni",
               "Interventi di manutenzione, riparazione e verifica registrati per un bene.",
               (ReportOption("inventario", "inventario del bene (es. inv-mobili)",
                             required=True),
                ReportOption("numero", "numero d'inventario", "int", required=True))),
]
# --- reports: ricognizione ---
from ..domain import ricognizione as _ricognizione  # noqa: E402,F401 - register inv-ricognizioni

REPORTS += [
    ReportSpec("verbale-ricognizione", "Verbale di ricognizione dei beni", "Inventario",
               "iiss_desktop.reports.ricognizione:build_verbale_ricognizione",
               "Ricognizione di un locale: prospetto riepilogativo per esito, beni di ciascun "
               "esito, seguiti e firme.",
               (YEAR, ReportOption("numero", "numero del verbale", "int", required=True)),
               numbered="inv-ricognizioni"),
]
# --- reports: values-sale ---
REPORTS += [
    ReportSpec("valori-inventario", "Valori degli inventari (ammortamento)", "Inventario",
               "iiss_desktop.reports.valuation:build_values",
               "Per inventario: beni, valore di carico e valore attuale al netto "
               "dell'ammortamento a una data, con l'elenco dei beni.",
               (ReportOption("data", "data di riferimento (predefinita: oggi)", "date"),)),
    ReportSpec("rinnovo", "Rinnovo dell'inventario", "Inventario",
               "iiss_desktop.reports.valuation:build_renewal",
               "Raccordo vecchio numero → nuovo numero con i valori precedenti e nuovi.",
               (ReportOption("registro", "inventario rinnovato (es. inv-mobili.2026)",
                             required=True),)),
    ReportSpec("decreto-discarico", "Decreto di discarico", "Inventario",
               "iiss_desktop.reports.discharge:build_decree",
               "Provvedimento del Dirigente per l'eliminazione dei beni dall'inventario "
               "(art. 33), con i beni, il valore e il reintegro.",
               (ReportOption("numero", "numero del decreto"), YEAR,
                ReportOption("data", "data del decreto (se nello stesso anno ci sono più "
                                     "decreti con lo stesso numero)", "date"),
                ReportOption("id", "identificativo interno del discarico", "int"))),
    ReportSpec("buono-scarico", "Buono di scarico", "Inventario",
               "iiss_desktop.reports.discharge:build_buono_scarico",
               "Beni scaricati in esecuzione di un decreto di discarico.",
               (YEAR, ReportOption("numero", "numero del buono", "int", required=True)),
               numbered="inv-buoni-scarico"),
    ReportSpec("avviso-vendita", "Avviso di vendita di beni fuori uso", "Inventario",
               "iiss_desktop.reports.sale:build_avviso",
               "Avviso per il sito dell'istituto (art. 34): beni, prezzi base, termine e "
               "criterio di aggiudicazione.",
               (ReportOption("numero", "numero della procedura di vendita", "int",
                             required=True),)),
]
# --- reports: comodato-handover ---
from ..domain import handover as _handover  # noqa: E402,F401 - defines the register inv-passaggi

_LOAN = (YEAR, ReportOption("numero", "numero del contratto di comodato", "int", required=True))
REPORTS += [
    ReportSpec("contratto-comodato", "Contratto di comodato d'uso", "Inventario",
               "iiss_desktop.reports.comodato:build_contract",
               "Contratto di comodato d'uso gratuito (artt. 1803-1812 c.c.) in due originali.",
               _LOAN, numbered="inv-comodati"),
    ReportSpec("verbale-consegna-comodato", "Verbale di consegna del comodato", "Inventario",
               "iiss_desktop.reports.comodato:build_delivery",
               "Consegna dei beni in comodato con il loro stato.", _LOAN,
               numbered="inv-comodati"),
    ReportSpec("verbale-restituzione-comodato", "Verbale di restituzione del comodato",
               "Inventario", "iiss_desktop.reports.comodato:build_return",
               "Restituzione dei beni in comodato con l'esito del controllo.", _LOAN,
               numbered="inv-comodati"),
    ReportSpec("verbale-passaggio", "Verbale di passaggio di consegne", "Inventario",
               "iiss_desktop.reports.handover:build_verbale_passaggio",
               "Passaggio di consegne tra DSGA (art. 30 c.5) con l'elenco dei beni allegato.",
               (YEAR, ReportOption("numero", "numero del verbale", "int", required=True)),
               numbered="inv-passaggi"),
    ReportSpec("riepilogo-inventari", "Riepilogo annuale degli inventari", "Inventario",
               "iiss_desktop.reports.inventory_summary:build_inventory_summary",
               "Consistenza al 1° gennaio, aumenti, diminuzioni e consistenza al 31 dicembre "
               "per il conto del patrimonio (Modello K).", (YEAR,)),
]
# --- reports: import ---
# --- reports: warehouse ---
from ..domain import warehouse as _warehouse  # noqa: E402,F401 - defines mag-giornale

_MOVEMENT = (YEAR, ReportOption("numero", "numero del movimento nel giornale", "int",
                                required=True))
_WAREHOUSE = "iiss_desktop.reports.warehouse:"
# A period inside or across years (a school year: --dal 01/09/2025 --al 31/08/2026).
_PERIOD = (YEAR, ReportOption("dal", "inizio del periodo (predefinito: 1° gennaio dell'anno)",
                              "date"),
           ReportOption("al", "fine del periodo (predefinita: 31 dicembre o oggi)", "date"))
REPORTS += [
    ReportSpec("giornale-magazzino", "Giornale di magazzino", "Magazzino",
               _WAREHOUSE + "build_giornale",
               "Tutti i movimenti del periodo (carichi, scarichi, trasferimenti, rettifiche).",
               _PERIOD),
    ReportSpec("scheda-magazzino", "Scheda di magazzino", "Magazzino",
               _WAREHOUSE + "build_scheda",
               "Per articolo: giacenza iniziale, movimenti con giacenza progressiva, giacenza "
               "finale (tutti gli articoli movimentati se non se ne indica uno).",
               _PERIOD + (ReportOption("articolo", "codice dell'articolo"),
                          ReportOption("magazzino", "codice del magazzino"))),
    ReportSpec("buono-versamento", "Buono di versamento (carico)", "Magazzino",
               _WAREHOUSE + "build_buono_versamento",
               "Carico di magazzino con chi consegna e chi riceve.", _MOVEMENT,
               numbered="mag-giornale"),
    ReportSpec("buono-prelevamento", "Buono di prelevamento", "Magazzino",
               _WAREHOUSE + "build_buono_prelevamento",
               "Scarico su richiesta, consegna DPI o movimento interno, con chi consegna e chi "
               "riceve.", _MOVEMENT,
               numbered="mag-giornale"),
    ReportSpec("giacenze-magazzino", "Giacenze e valore di magazzino", "Magazzino",
               _WAREHOUSE + "build_stock_at",
               "Giacenza e valore al costo medio ponderato per magazzino a una data (fine "
               "anno, oggi o la data indicata).",
               (YEAR, ReportOption("data", "data della situazione (predefinita: 31 dicembre "
                                           "dell'anno o oggi)", "date"),
                ReportOption("magazzino", "codice del magazzino"))),
    ReportSpec("consumi-magazzino", "Consumi per ufficio o plesso", "Magazzino",
               _WAREHOUSE + "build_consumption",
               "Valore del materiale consegnato per ufficio o per plesso, con grafico a barre.",
               _PERIOD + (ReportOption("per", "ufficio oppure plesso"),)),
    ReportSpec("riepilogo-dpi", "Riepilogo distribuzione DPI", "Magazzino",
               _WAREHOUSE + "build_dpi_summary",
               "DPI consegnati per plesso e dispositivo nel periodo (monitoraggi).", _PERIOD),
]


def add_report(spec: ReportSpec) -> None:
    if any(r.name == spec.name for r in REPORTS):
        raise ValueError(f"Stampa «{spec.name}» già definita")
    REPORTS.append(spec)


def get_report(name: str) -> ReportSpec:
    for r in REPORTS:
        if r.name == name:
            return r
    names = ", ".join(r.name for r in REPORTS)
    raise DomainError(f"Stampa «{name}» sconosciuta. Stampe disponibili: {names}.")
