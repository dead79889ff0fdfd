"""Magazzino: consumables, requests, withdrawal slips, stock journal."""
from __future__ import annotations

from ..domain.access import (
    ASSISTENTE_AMMINISTRATIVO,
    ASSISTENTE_TECNICO,
    COLLABORATORE,
    DIRIGENTE,
    DSGA,
    SOLA_LETTURA,
    Permission,
)
from .base import YEAR, Area, ReportOption, ReportSpec

READ = Permission("warehouse.read", "Consultazione del magazzino",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                             COLLABORATORE, SOLA_LETTURA}))
# Whoever works in the school may ask for material.
REQUEST = Permission("warehouse.request", "Richieste di materiale",
                     frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                                COLLABORATORE}))
# The DSGA answers for the stores and approves what leaves them.
APPROVE = Permission("warehouse.approve", "Approvazione delle richieste di materiale",
                     frozenset({DSGA}))
MOVEMENTS = Permission("warehouse.movements", "Carichi, prelevamenti, trasferimenti, "
                       "inventario fisico e DPI", frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
MASTER_DATA = Permission("warehouse.master_data", "Articoli e magazzini",
                         frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))

_MOVEMENT = (YEAR, ReportOption("numero", "numero del movimento nel giornale", "int",
                                required=True))
_WAREHOUSE = "iiss_desktop.reports.warehouse:"
# A period inside or across years (a school year: --dal 01/09/2025 --al 31/08/2026).
_PERIOD = (YEAR, ReportOption("dal", "inizio del periodo (predefinito: 1° gennaio dell'anno)",
                              "date"),
           ReportOption("al", "fine del periodo (predefinita: 31 dicembre o oggi)", "date"))
REPORTS = (
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
)

AREA = Area("warehouse", "Magazzino", (READ, REQUEST, APPROVE, MOVEMENTS, MASTER_DATA),
            tab="iiss_desktop.ui.warehouse.tab:WarehouseTab", reports=REPORTS,
            registers=("iiss_desktop.domain.warehouse",),
            models=("iiss_desktop.models.warehouse",),
            demo="iiss_desktop.demo.warehouse:generate_warehouse",
            demo_late="iiss_desktop.demo.warehouse:generate_warehouse_late",
            home="iiss_desktop.queries.warehouse:home_items", depends_on=("school",),
            audit_labels="iiss_desktop.domain.warehouse:AUDIT_LABELS")
