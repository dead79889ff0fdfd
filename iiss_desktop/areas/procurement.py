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
)

AREA = Area("procurement", "Acquisti", (READ, PREPARE, INVOICES, SIGN),
            tab="iiss_desktop.ui.procurement.tab:ProcurementTab", reports=REPORTS,
            registers=("iiss_desktop.domain.procurement.rules",),
            models=("iiss_desktop.models.procurement",),
            demo="iiss_desktop.demo.procurement:generate_procurement",
            home="iiss_desktop.queries.procurement_home:home_items",
            depends_on=("school", "funds", "inventory", "warehouse"),
            audit_labels="iiss_desktop.domain.procurement.audit_labels:LABELS")
