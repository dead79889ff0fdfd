"""Ufficio: the front desk's appointments and the register of visitors (issue 19 item 1).

The register holds personal data of people outside the school: only who receives them
(the DSGA, the assistenti amministrativi of the front desk, the dirigente) sees it, and the
extract for the health authority (ASL) is given by the dirigente or the DSGA. It never
appears in exports nor in a global search; the change log records its personal columns as
«(valore riservato)» (models/office.py).
"""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, Permission
from .base import YEAR, Area, ReportOption, ReportSpec

# The roles do not say which office an assistente works in: every assistente amministrativo
# holds it until the grants can name the front desk.
VISITORS = Permission("office.visitors", "Appuntamenti e registro dei visitatori",
                      frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO}),
                      personal_data=True)
COMMS = Permission("office.communications",
                   "Comunicazioni con gli enti, referenti Covid e monitoraggi",
                   frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO}))
EXTRACT = Permission("office.visitors_extract", "Estratto del registro visitatori per l'ASL",
                     frozenset({DIRIGENTE, DSGA}), personal_data=True)
# Documents from templates (issue 19 item 3): the office makes them; the dirigente and the
# DSGA write the templates.
DOCUMENTS = Permission("office.documents", "Documenti da modello dell'ufficio",
                       frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO}))
TEMPLATES = Permission("office.templates", "Modelli dei documenti dell'ufficio",
                       frozenset({DIRIGENTE, DSGA}))

REPORTS = (
    ReportSpec("informativa-visitatori", "Informativa privacy ai visitatori", "Ufficio",
               "iiss_desktop.reports.office:build_privacy_notice",
               "Informativa (Reg. UE 2016/679 art. 13) da consegnare o mostrare a chi entra: "
               "titolare, finalità, conservazione, diritti."),
    ReportSpec("registro-visitatori", "Registro dei visitatori del giorno", "Ufficio",
               "iiss_desktop.reports.office:build_day_register",
               "Le visite di un giorno: nome, data di nascita, residenza, telefono, ora di "
               "entrata e di uscita, motivo, persona incontrata.",
               (ReportOption("data", "giorno (predefinito: oggi)", "date"),)),
    ReportSpec("estratto-visitatori", "Estratto del registro visitatori per l'ASL", "Ufficio",
               "iiss_desktop.reports.office:build_extract",
               "Le visite di un periodo, per l'autorità sanitaria che le chiede; l'estrazione "
               "è registrata (chi, quando, periodo, quante).",
               (ReportOption("dal", "primo giorno", "date", required=True),
                ReportOption("al", "ultimo giorno", "date", required=True)),
               permission="office.visitors_extract", records=True),
    ReportSpec("registro-comunicazioni", "Registro delle comunicazioni con gli enti", "Ufficio",
               "iiss_desktop.reports.office_comms:build_register",
               "Le comunicazioni ricevute e inviate di un periodo (ASL, USR, Ministero…): "
               "data, ente, canale, oggetto, protocollo, chi le ha registrate; le annullate "
               "con il motivo.",
               (ReportOption("dal", "primo giorno", "date", required=True),
                ReportOption("al", "ultimo giorno", "date", required=True)),
               permission="office.communications"),
    ReportSpec("scheda-monitoraggio", "Scheda di un monitoraggio", "Ufficio",
               "iiss_desktop.reports.office_comms:build_survey_sheet",
               "I dati raccolti dalle aree per un monitoraggio, con le correzioni e le "
               "verifiche: chi, quando.",
               (ReportOption("numero", "numero del monitoraggio", "int", required=True),),
               permission="office.communications"),
    ReportSpec("documento", "Documento dell'ufficio", "Ufficio",
               "iiss_desktop.reports.office_documents:build_document",
               "Un documento fatto da un modello (direttiva, decreto, circolare, ordine di "
               "servizio), in PDF/A-2b per il protocollo e la conservazione, con il numero "
               "di protocollo se registrato.",
               (YEAR, ReportOption("numero", "numero del documento", "int", required=True)),
               numbered="documenti", permission="office.documents"),
)

AREA = Area("office", "Ufficio", (VISITORS, EXTRACT, COMMS, DOCUMENTS, TEMPLATES),
            read="office.visitors",
            tab="iiss_desktop.ui.office.tab:OfficeTab", reports=REPORTS,
            models=("iiss_desktop.models.office", "iiss_desktop.models.office_comms"),
            registers=("iiss_desktop.domain.office_documents",),
            home="iiss_desktop.queries.office_comms:home_items",
            demo="iiss_desktop.demo.office:generate_office",
            demo_late="iiss_desktop.demo.office:generate_office_late",
            depends_on=("school",),
            audit_labels="iiss_desktop.domain.office_audit_labels:LABELS")
