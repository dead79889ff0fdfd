"""Acquisti: from the request to the paid FatturaPA."""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
from .base import YEAR, Area, ReportOption, ReportSpec

READ = Permission("procurement.read", "Consultazione degli acquisti",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))
PREPARE = Permission("procurement.prepare", "Richieste, preventivi e ordini",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
# The determina a contrarre is an act of the dirigente (D.Lgs. 36/2023 art. 17).
# Receiving invoices and keeping the Registro unico delle fatture: the office.
INVOICES = Permission("procurement.invoices", "Fatture ricevute e registro unico delle fatture",
                      frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
SIGN = Permission("procurement.sign", "Determine a contrarre e di affidamento",
                  frozenset({DIRIGENTE}))
# A purchase request of an office, plesso or laboratory is approved or refused by the DSGA or
# the dirigente.
APPROVE = Permission("procurement.approve", "Approvazione delle richieste d'acquisto",
                     frozenset({DIRIGENTE, DSGA}))

NUMBER = ReportOption("numero", "numero del registro delle fatture", "int", required=True)
SUPPLIER = ReportOption("fornitore", "fornitore: partita IVA, codice fiscale o identificativo",
                        required=True)
REPORTS = (
    ReportSpec("registro-fatture", "Registro unico delle fatture", "Acquisti",
               "iiss_desktop.reports.procurement:build_invoice_register",
               "Le fatture ricevute nell'anno, con scadenza di pagamento e giorni di attesa "
               "(DL 66/2014 art. 42).", (YEAR,)),
    ReportSpec("fattura-ricevuta", "Fattura ricevuta", "Acquisti",
               "iiss_desktop.reports.procurement:build_received_invoice",
               "Una fattura elettronica ricevuta in forma leggibile: righe, riepilogo IVA, "
               "pagamento, riferimenti e avvertenze.", (YEAR, NUMBER),
               numbered="acquisti-fatture"),
    ReportSpec("fornitori", "Albo dei fornitori", "Acquisti",
               "iiss_desktop.reports.procurement_suppliers:build_supplier_register",
               "I fornitori attivi con partita IVA, DURC (scadenza), conto dedicato in vigore "
               "(L. 136/2010) e ultimo affidamento."),
    ReportSpec("scheda-fornitore", "Scheda del fornitore", "Acquisti",
               "iiss_desktop.reports.procurement_suppliers:build_supplier_scheda",
               "Un fornitore: dati, conti dedicati con le persone delegate, DURC, "
               "dichiarazioni e controlli a campione, affidamenti, fatture ricevute.",
               (SUPPLIER,)),
    ReportSpec("determina", "Determina a contrarre", "Acquisti",
               "iiss_desktop.reports.procurement_procedures:build_determina",
               "La determina a contrarre: oggetto, importo, procedura e verifiche (limite del "
               "dirigente, Consip, MePA), CIG e CUP, RUP, copertura finanziaria e impegno.",
               (YEAR, ReportOption("numero", "numero della determina", "int", required=True)),
               numbered="acquisti-determine"),
    ReportSpec("confronto-preventivi", "Confronto dei preventivi", "Acquisti",
               "iiss_desktop.reports.procurement_procedures:build_quote_comparison",
               "Gli operatori invitati, i preventivi ricevuti, il criterio e la scelta, per "
               "la determina indicata.",
               (YEAR, ReportOption("numero", "numero della determina", "int", required=True)),
               numbered="acquisti-determine"),
    ReportSpec("lettera-ordine", "Lettera d'ordine", "Acquisti",
               "iiss_desktop.reports.procurement_procedures:build_order_letter",
               "L'ordine al fornitore: righe, consegna, CIG e CUP, dati di fatturazione "
               "(codice univoco ufficio, scissione dei pagamenti).",
               (YEAR, ReportOption("numero", "numero dell'ordine", "int", required=True)),
               numbered="acquisti-ordini"),
    ReportSpec("verbale-collaudo", "Verbale di verifica di conformità", "Acquisti",
               "iiss_desktop.reports.procurement_acceptance:build_verbale",
               "La verifica di conformità (o il certificato di regolare esecuzione) di una "
               "consegna: ordine, DDT, merce consegnata, chi ha verificato, esito, note e "
               "carico in inventario o in magazzino.",
               (YEAR, ReportOption("numero", "numero del verbale", "int", required=True)),
               numbered="acquisti-collaudi"),
    ReportSpec("acquisti-per-fondo", "Acquisti per fondo", "Acquisti",
               "iiss_desktop.reports.procurement_monitoring:build_purchases_per_fund",
               "Le procedure dell'anno per finanziamento vincolato, per i monitoraggi del "
               "Ministero: aggiudicato, liquidato, stato e che cosa manca.", (YEAR,)),
)

AREA = Area("procurement", "Acquisti", (READ, PREPARE, INVOICES, SIGN, APPROVE),
            tab="iiss_desktop.ui.procurement.tab:ProcurementTab", reports=REPORTS,
            registers=("iiss_desktop.domain.procurement.rules",
                       "iiss_desktop.domain.procurement.procedure",
                       "iiss_desktop.domain.procurement.acceptance"),
            models=("iiss_desktop.models.procurement",),
            demo="iiss_desktop.demo.procurement:generate_procurement",
            home="iiss_desktop.queries.procurement_home:home_items",
            depends_on=("school", "funds", "inventory", "warehouse"),
            audit_labels="iiss_desktop.domain.procurement.audit_labels:LABELS")
