"""The Italian label of each text and money column of the tables that have no Record of their own
(domain/fields.py): what a refusal says when a text cannot be stored («Il campo «Fornitore»
supera 200 caratteri»). tests/safety/test_text_columns.py fails for a text or money column
of an audited table without a label, so a new area declares its labels here, or with its own Record.
"""
from __future__ import annotations

from .fields import declare_labels

_TABLES: dict[str, dict[str, str]] = {
    "app_user": {"username": "Nome utente", "full_name": "Nome e cognome",
                 "password_hash": "Password", "recovery_hash": "Codice di recupero"},
    "user_role_grant": {"role": "Ruolo"},
    "dirigente_term": {"person_name": "Dirigente scolastico"},
    "attachment": {"record_kind": "Tipo di scheda", "file_name": "Nome del file",
                   "media_type": "Tipo di file", "checksum": "Impronta SHA-256"},
    "attachment_content": {"checksum": "Impronta SHA-256"},
    "attachment_withdrawal": {"reason": "Motivo del ritiro"},
    "document_protocol": {"report": "Documento", "protocol_number": "Numero di protocollo",
                          "reason": "Motivo della correzione"},
    "register_entry": {"register": "Registro", "kind": "Tipo di registrazione",
                       "description": "Descrizione", "reference": "Riferimento del documento",
                       "reason": "Motivazione", "amount": "Importo"},
    "register_entry_line": {"description": "Descrizione della riga",
                            "amount": "Importo della riga"},
    "school": {"denominazione": "Denominazione", "codice_meccanografico":
               "Codice meccanografico", "codice_fiscale": "Codice fiscale",
               "codice_univoco": "Codice univoco ufficio", "indirizzo": "Indirizzo",
               "cap": "CAP", "comune": "Comune", "provincia": "Provincia",
               "telefono": "Telefono", "email": "E-mail", "pec": "PEC",
               "dirigente": "Dirigente scolastico", "dsga": "DSGA"},
    "site": {"code": "Codice del plesso", "name": "Nome del plesso", "kind": "Tipo di plesso",
             "codice_meccanografico": "Codice meccanografico", "indirizzo": "Indirizzo",
             "comune": "Comune"},
    "room": {"name": "Nome del locale", "floor": "Piano", "kind": "Tipo di locale"},
    "calendar_day": {"kind": "Tipo di giorno", "description": "Descrizione",
                     "source": "Origine"},
    "deadline_extension": {"key": "Scadenza", "note": "Atto di proroga"},
    "depreciation_rate": {"category": "Categoria"},
    "inventory_movement": {"reason": "Motivo dello spostamento"},
    "inventory_discharge": {"decree_number": "Decreto di discarico n.",
                            "cause": "Causa del discarico", "motivation": "Motivazione",
                            "attachments": "Allegati", "responsible": "Responsabile",
                            "reintegro_amount": "Importo del reintegro"},
    "inventory_series": {"base": "Inventario", "code": "Serie", "decree_number":
                         "Decreto n.", "commission": "Commissione"},
    "inventory_sale": {"kind": "Tipo di cessione", "decree_number": "Decreto n.",
                       "valuation_basis": "Criterio di stima",
                       "commission_report": "Verbale della commissione", "status": "Stato",
                       "counterpart": "Acquirente o destinatario", "notes": "Note"},
    "inventory_sale_offer": {"bidder": "Offerente", "notes": "Note",
                             "amount": "Importo offerto"},
    "inventory_sale_item": {"base_value": "Valore a base d'asta"},
    "inventory_renewal_map": {"old_value": "Valore precedente", "new_value": "Nuovo valore"},
    "loan": {"parent_name": "Genitore", "parent_cf": "Codice fiscale del genitore",
             "parent_birth_place": "Luogo di nascita del genitore",
             "parent_birth_date": "Data di nascita del genitore",
             "parent_residence": "Residenza del genitore",
             "id_document": "Documento di identità", "contacts": "Recapiti",
             "student_name": "Studente", "class_name": "Classe",
             "criteria": "Criteri di assegnazione", "return_notes": "Note alla restituzione"},
    "loan_item": {"condition_out": "Stato alla consegna",
                  "condition_back": "Stato alla restituzione"},
    "custody_role": {"role": "Incarico", "person_name": "Nome e cognome",
                     "decree_number": "Decreto n.", "notes": "Note"},
    "inventory_assignment": {"assignee_name": "Affidatario", "assignee_role":
                             "Qualifica dell'affidatario", "ds_indication":
                             "Indicazione del dirigente", "end_notes": "Note alla chiusura"},
    "inventory_assignment_item": {"condition_out": "Stato alla consegna",
                                  "condition_back": "Stato alla restituzione"},
    "inventory_maintenance": {"kind": "Tipo di intervento", "description": "Descrizione",
                              "done_by": "Eseguito da", "cost": "Costo"},
    "inventory_check": {"commission": "Commissione", "notes": "Note"},
    "inventory_check_scan": {"seq": "N. lettura", "code": "Codice letto",
                             "result": "Esito della lettura", "detail": "Dettaglio"},
    "inventory_check_line": {"code": "Codice letto", "outcome": "Esito", "state": "Stato",
                             "reason": "Motivo", "description": "Descrizione",
                             "estimated_value": "Valore stimato"},
    "inventory_handover": {"place": "Luogo", "outgoing_dsga": "DSGA uscente",
                           "incoming_dsga": "DSGA subentrante", "dirigente":
                           "Dirigente scolastico", "presidente_ci":
                           "Presidente del Consiglio d'istituto", "witnesses": "Testimoni",
                           "absence_reason": "Motivo dell'assenza",
                           "check_mode": "Modalità di verifica", "outcome": "Esito"},
    "inventory_handover_register": {"register": "Inventario", "total": "Totale"},
    "warehouse_storeroom": {"code": "Codice del magazzino", "name": "Nome del magazzino",
                            "department": "Reparto"},
    "warehouse_article": {"code": "Codice articolo", "description": "Descrizione",
                          "unit": "Unità di misura", "category": "Categoria",
                          "supplier": "Fornitore abituale", "notes": "Note"},
    "warehouse_lot": {"code": "Lotto"},
    "warehouse_request": {"requester": "Richiedente", "destination_kind":
                          "Tipo di destinazione", "destination": "Destinazione",
                          "notes": "Note", "status": "Stato", "decided_by": "Deciso da",
                          "decision_note": "Nota della decisione"},
    "warehouse_movement": {"kind": "Tipo di movimento", "recipient": "Ricevuto da",
                           "destination_kind": "Tipo di destinazione",
                           "destination": "Destinazione", "supplier": "Fornitore",
                           "document_kind": "Tipo di documento",
                           "document_ref": "Numero del documento",
                           "funding": "Fonte di finanziamento", "order_ref": "Ordine n.",
                           "impegno": "Impegno n.", "handed_by": "Consegnato da",
                           "reason": "Note"},
}

for _table, _labels in _TABLES.items():
    declare_labels(_table, _labels)
