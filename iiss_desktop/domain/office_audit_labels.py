"""How the change log names the tables of the front desk (areas/office.py). The visitors'
personal columns are recorded as «(valore riservato)» (domain/office.py)."""
from __future__ import annotations

from . import office as rules
from . import office_comms as comms
from .audit_labels import AuditLabels

_COMMON = {"visitor_name": "visitatore", "phone": "telefono", "purpose": "motivo",
           "office": "ufficio", "day": "giorno", "recorded_at": "registrato il",
           "recorded_by_id": "registrato da"}

LABELS = AuditLabels(
    entities={"office_appointment": "Appuntamento allo sportello",
              "office_visit": "Registrazione nel registro visitatori",
              "office_purge": "Cancellazione automatica del registro visitatori",
              "office_extract": "Estratto del registro visitatori per l'ASL",
              "office_setting": "Impostazioni dell'ufficio",
              "office_covid_referent": "Referente Covid di plesso",
              "office_communication": "Comunicazione con un ente",
              "office_survey": "Monitoraggio",
              "office_survey_figure": "Dato di un monitoraggio"},
    table_fields={
        "office_appointment": {**_COMMON, "slot_start": "inizio della fascia (minuti)",
                               "slot_end": "fine della fascia (minuti)",
                               "person_to_meet": "persona da incontrare", "state": "stato",
                               "state_key": "fascia occupata"},
        "office_visit": {**_COMMON, "birth_date": "data di nascita", "residence": "residenza",
                         "time_in": "ora di entrata (minuti)",
                         "time_out": "ora di uscita (minuti)",
                         "person_visited": "persona incontrata",
                         "appointment_id": "appuntamento",
                         "privacy_notice": "informativa privacy consegnata"},
        "office_purge": {"purged_at": "eseguita il", "through_day": "fino al giorno",
                         "visits": "visite cancellate", "appointments": "appuntamenti "
                                                                        "cancellati",
                         "retention_days": "giorni di conservazione", "by_id": "eseguita da"},
        "office_extract": {"extracted_at": "estratto il", "by_id": "estratto da",
                           "by_name": "nome di chi estrae", "date_from": "dal",
                           "date_to": "al", "visits": "visite estratte"},
        "office_setting": {"retention_days": "giorni di conservazione del registro "
                                             "visitatori"},
        "office_covid_referent": {"site_id": "plesso", "role": "ruolo",
                                  "person_name": "nome", "staff_role": "qualifica",
                                  "phone": "telefono", "email": "e-mail",
                                  "valid_from": "in carica dal", "valid_to": "in carica fino al",
                                  "recorded_at": "registrato il",
                                  "recorded_by_id": "registrato da"},
        "office_communication": {"day": "data", "direction": "ricevuta o inviata",
                                 "body": "ente", "channel": "canale", "subject": "oggetto",
                                 "summary": "sintesi", "protocol": "protocollo",
                                 "survey_id": "monitoraggio", "recorded_at": "registrata il",
                                 "recorded_by_id": "registrata da (utente)",
                                 "recorded_by": "registrata da",
                                 "annulled_at": "annullata il", "annulled_by": "annullata da",
                                 "annul_reason": "motivo dell'annullamento"},
        "office_survey": {"title": "titolo", "body": "ente", "kind": "tipo di dati",
                          "period_from": "periodo dal", "period_to": "periodo al",
                          "deadline": "scadenza", "reference": "nota di richiesta",
                          "state": "stato", "gathered_at": "dati raccolti il",
                          "gathered_by": "dati raccolti da", "verified_at": "verificato il",
                          "verified_by": "verificato da", "sent_on": "inviato il",
                          "sent_channel": "canale dell'invio",
                          "sent_protocol": "protocollo dell'invio", "sent_by": "inviato da",
                          "recorded_at": "registrato il", "recorded_by_id": "registrato da"},
        "office_survey_figure": {"survey_id": "monitoraggio", "line_no": "riga",
                                 "section": "sezione", "label": "voce", "unit": "unità",
                                 "scale": "decimali", "gathered": "valore raccolto",
                                 "value": "valore inviato", "note": "nota della correzione"}},
    values={"office_appointment.state": rules.STATES,
            "office_communication.direction": comms.DIRECTIONS,
            "office_covid_referent.role": comms.REFERENT_ROLES,
            "office_survey.state": dict(comms.SURVEY.labels),
            "office_survey.kind": comms.KINDS},
)
