"""Inventario: registers of D.I. 129/2018 (artt. 29-35), custody, checks, discharges, loans."""
from __future__ import annotations

from ..domain.access import (
    ASSISTENTE_AMMINISTRATIVO,
    ASSISTENTE_TECNICO,
    DIRIGENTE,
    DSGA,
    SOLA_LETTURA,
    Permission,
)
from .base import YEAR, Area, ReportOption, ReportSpec

_STAFF = frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO})

READ = Permission("inventory.read", "Consultazione degli inventari",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                             SOLA_LETTURA}))
# Moves between rooms, maintenance, ricognizione counts, offers received: the office prepares.
PREPARE = Permission("inventory.prepare", "Movimenti, manutenzioni e ricognizioni dei beni",
                     _STAFF)
# Art. 30 c.1: the DSGA is the consegnatario and signs the buoni di carico.
CARICO = Permission("inventory.carico", "Carico dei beni (buoni di carico)", frozenset({DSGA}),
                    description="D.I. 129/2018 art. 30-31: il DSGA consegnatario")
# Art. 33-34: discharge and sale only by decree of the dirigente.
DISCHARGE = Permission("inventory.discharge", "Decreti di discarico, vendita e cessione",
                       frozenset({DIRIGENTE}), description="D.I. 129/2018 artt. 33-34")
# Art. 30 c.2-3: the dirigente appoints sostituti and sub-consegnatari by decree.
CUSTODY = Permission("inventory.custody", "Nomine dei sostituti e dei sub-consegnatari",
                     frozenset({DIRIGENTE}), description="D.I. 129/2018 art. 30")
# Art. 35: the DSGA entrusts laboratory goods, on the binding indication of the dirigente
# (recorded on the verbale), and signs the verbale with the affidatario.
ASSIGN = Permission("inventory.assign", "Affidamento dei beni di laboratorio",
                    frozenset({DSGA}), description="D.I. 129/2018 art. 35, su indicazione "
                                                   "vincolante del Dirigente")
# Comodato d'uso to students: a contract the dirigente signs for the school.
LOANS = Permission("inventory.loans", "Contratti di comodato d'uso agli alunni",
                   frozenset({DIRIGENTE}), personal_data=True)
# The contracts name the parent (codice fiscale) and the student: the office reads and prints
# them, the dirigente signs them.
LOAN_DOCUMENTS = Permission("inventory.loan_documents",
                            "Consultazione e stampa dei contratti di comodato",
                            frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO}),
                            personal_data=True)
HANDOVER = Permission("inventory.handover", "Passaggio di consegne tra DSGA",
                      frozenset({DIRIGENTE, DSGA}), description="D.I. 129/2018 art. 30 c.5")
RENEWAL = Permission("inventory.renewal", "Rinnovo degli inventari e aliquote di ammortamento",
                     frozenset({DSGA}), description="D.I. 129/2018 art. 31 c.9")
IMPORT = Permission("inventory.import", "Importazione degli inventari", frozenset({DSGA}))
EXPORT = Permission("inventory.export", "Esportazione e stampa degli inventari",
                    frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))

_VERBALE = (YEAR, ReportOption("numero", "numero del verbale", "int", required=True))
_LOAN = (YEAR, ReportOption("numero", "numero del contratto di comodato", "int", required=True))

REPORTS = (
    ReportSpec("etichette", "Etichette d'inventario", "Inventario",
               "iiss_desktop.reports.inventory.labels:build_labels",
               "Fogli A4 di etichette con numero d'inventario e codice QR (3x8, 3x7, 2x7).",
               (ReportOption("registro", "inventario (es. inv-mobili); tutti se omesso"),
                ReportOption("layout", "formato del foglio: 3x8, 3x7, 2x7"),
                ReportOption("calibrazione", "spostamento della stampa in mm, orizzontale/"
                                             "verticale (es. 1,5/-0,5: a destra e in alto)"),
                ReportOption("inizio", "prima etichetta libera di un foglio già usato "
                                       "(1 = in alto a sinistra, contate per righe)", "int"))),
    ReportSpec("buono-carico", "Buono di carico", "Inventario",
               "iiss_desktop.reports.inventory.register:build_buono_carico",
               "Beni presi in carico con un buono, con numeri d'inventario e valore.",
               (YEAR, ReportOption("numero", "numero del buono", "int", required=True)),
               numbered="inv-buoni-carico"),
    ReportSpec("verbale-affidamento", "Verbale di affidamento dei beni", "Inventario",
               "iiss_desktop.reports.inventory.custody:build_verbale_affidamento",
               "Verbale dell'art. 35 con l'elenco descrittivo dei beni, in due copie.",
               _VERBALE,
               numbered="inv-affidamenti"),
    ReportSpec("verbale-riconsegna", "Verbale di riconsegna dei beni", "Inventario",
               "iiss_desktop.reports.inventory.custody:build_verbale_riconsegna",
               "Riconsegna al DSGA dei beni affidati, con lo stato di ciascuno, in due copie.",
               _VERBALE,
               numbered="inv-affidamenti"),
    ReportSpec("prospetto-subconsegnatario", "Prospetto del sub-consegnatario", "Inventario",
               "iiss_desktop.reports.inventory.custody:build_prospetto_subconsegnatario",
               "Consistenza al 1/1 e al 31/12 e variazioni dell'anno dei beni di un plesso "
               "(art. 30 c.3).",
               (ReportOption("plesso", "plesso: codice (es. PRIM) o id", required=True), YEAR)),
    ReportSpec("scheda-manutenzioni", "Scheda delle manutenzioni di un bene", "Inventario",
               "iiss_desktop.reports.inventory.custody:build_scheda_manutenzioni",
               "Interventi di manutenzione, riparazione e verifica registrati per un bene.",
               (ReportOption("inventario", "inventario del bene (es. inv-mobili)",
                             required=True),
                ReportOption("numero", "numero d'inventario", "int", required=True))),
    ReportSpec("verbale-ricognizione", "Verbale di ricognizione dei beni", "Inventario",
               "iiss_desktop.reports.inventory.ricognizione:build_verbale_ricognizione",
               "Ricognizione di un locale: prospetto riepilogativo per esito, beni di ciascun "
               "esito, seguiti e firme.",
               _VERBALE,
               numbered="inv-ricognizioni"),
    ReportSpec("valori-inventario", "Valori degli inventari (ammortamento)", "Inventario",
               "iiss_desktop.reports.inventory.valuation:build_values",
               "Per inventario: beni, valore di carico e valore attuale al netto "
               "dell'ammortamento a una data, con l'elenco dei beni.",
               (ReportOption("data", "data di riferimento (predefinita: oggi)", "date"),)),
    ReportSpec("rinnovo", "Rinnovo dell'inventario", "Inventario",
               "iiss_desktop.reports.inventory.valuation:build_renewal",
               "Raccordo vecchio numero → nuovo numero con i valori precedenti e nuovi.",
               (ReportOption("registro", "inventario rinnovato (es. inv-mobili.2026)",
                             required=True),)),
    ReportSpec("decreto-discarico", "Decreto di discarico", "Inventario",
               "iiss_desktop.reports.inventory.discharge:build_decree",
               "Provvedimento del Dirigente per l'eliminazione dei beni dall'inventario "
               "(art. 33), con i beni, il valore e il reintegro.",
               (ReportOption("numero", "numero del decreto"), YEAR,
                ReportOption("data", "data del decreto (se nello stesso anno ci sono più "
                                     "decreti con lo stesso numero)", "date"),
                ReportOption("id", "identificativo interno del discarico", "int"))),
    ReportSpec("buono-scarico", "Buono di scarico", "Inventario",
               "iiss_desktop.reports.inventory.discharge:build_buono_scarico",
               "Beni scaricati in esecuzione di un decreto di discarico.",
               (YEAR, ReportOption("numero", "numero del buono", "int", required=True)),
               numbered="inv-buoni-scarico"),
    ReportSpec("avviso-vendita", "Avviso di vendita di beni fuori uso", "Inventario",
               "iiss_desktop.reports.inventory.sale:build_avviso",
               "Avviso per il sito dell'istituto (art. 34): beni, prezzi base, termine e "
               "criterio di aggiudicazione.",
               (ReportOption("numero", "numero della procedura di vendita", "int",
                             required=True),)),
    ReportSpec("contratto-comodato", "Contratto di comodato d'uso", "Inventario",
               "iiss_desktop.reports.inventory.loans:build_contract",
               "Contratto di comodato d'uso gratuito (artt. 1803-1812 c.c.) in due originali.",
               _LOAN, numbered="inv-comodati", permission=LOAN_DOCUMENTS.code),
    ReportSpec("verbale-consegna-comodato", "Verbale di consegna del comodato", "Inventario",
               "iiss_desktop.reports.inventory.loans:build_delivery",
               "Consegna dei beni in comodato con il loro stato.", _LOAN,
               numbered="inv-comodati", permission=LOAN_DOCUMENTS.code),
    ReportSpec("verbale-restituzione-comodato", "Verbale di restituzione del comodato",
               "Inventario", "iiss_desktop.reports.inventory.loans:build_return",
               "Restituzione dei beni in comodato con l'esito del controllo.", _LOAN,
               numbered="inv-comodati", permission=LOAN_DOCUMENTS.code),
    ReportSpec("verbale-passaggio", "Verbale di passaggio di consegne", "Inventario",
               "iiss_desktop.reports.inventory.handover:build_verbale_passaggio",
               "Passaggio di consegne tra DSGA (art. 30 c.5) con l'elenco dei beni allegato.",
               _VERBALE,
               # It lists the comodati in force with the parents' names: personal data.
               numbered="inv-passaggi", permission=LOAN_DOCUMENTS.code),
    ReportSpec("riepilogo-inventari", "Riepilogo annuale degli inventari", "Inventario",
               "iiss_desktop.reports.inventory.summary:build_inventory_summary",
               "Consistenza al 1° gennaio, aumenti, diminuzioni e consistenza al 31 dicembre "
               "per il conto del patrimonio (Modello K).", (YEAR,)),
)

AREA = Area("inventory", "Inventario",
            (READ, PREPARE, CARICO, DISCHARGE, CUSTODY, ASSIGN, LOANS, LOAN_DOCUMENTS, HANDOVER,
             RENEWAL, IMPORT, EXPORT),
            tab="iiss_desktop.ui.inventory.tab:InventoryTab", reports=REPORTS,
            registers=("iiss_desktop.domain.inventory",),
            models=("iiss_desktop.models.inventory",),
            demo="iiss_desktop.demo.inventory.carico:generate_inventory",
            demo_late="iiss_desktop.demo.inventory.carico:generate_inventory_late",
            home="iiss_desktop.queries.inventory.home:home_items", depends_on=("school",),
            audit_labels="iiss_desktop.domain.inventory.audit_labels:LABELS")
