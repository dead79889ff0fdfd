"""How the change log names the tables of the front desk (areas/office.py). The visitors'
personal columns are recorded as «(valore riservato)» (domain/office.py)."""
from __future__ import annotations

from . import office as rules
from .audit_labels import AuditLabels
from .office_documents import KINDS

_COMMON = {"visitor_name": "visitatore", "phone": "telefono", "purpose": "motivo",
           "office": "ufficio", "day": "giorno", "recorded_at": "registrato il",
           "recorded_by_id": "registrato da"}

LABELS = AuditLabels(
    entities={"office_appointment": "Appuntamento allo sportello",
              "office_visit": "Registrazione nel registro visitatori",
              "office_purge": "Cancellazione automatica del registro visitatori",
              "office_extract": "Estratto del registro visitatori per l'ASL",
              "office_setting": "Impostazioni dell'ufficio",
              "office_template": "Modello di documento dell'ufficio",
              "office_template_version": "Versione di un modello di documento",
              "office_document": "Documento dell'ufficio da modello"},
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
        "office_template": {"code": "codice", "title": "titolo", "kind": "tipo di documento",
                            "current_version": "versione in uso", "active": "in uso"},
        "office_template_version": {"template_id": "modello", "number": "versione",
                                    "title": "titolo", "body": "testo",
                                    "fields_json": "campi dichiarati",
                                    "note": "nota della modifica",
                                    "recorded_at": "registrata il",
                                    "recorded_by_id": "registrata da"},
        "office_document": {"entry_id": "registrazione", "version_id": "versione del modello",
                            "year": "anno", "number": "numero", "issued_on": "data",
                            "subject": "oggetto", "values_json": "valori dei campi",
                            "recorded_at": "registrato il", "recorded_by_id": "registrato da"}},
    values={"office_appointment.state": rules.STATES,
            "office_template.kind": KINDS},
)
