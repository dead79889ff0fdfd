"""How the change log names the Personale tables and the columns their labels do not cover."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from .plan import PLACES, PLAN, SECTIONS
from .profiles import ROLES

_PLAN_ROW = {"plan_id": "versione del Piano", "position": "ordine", "site_code": "plesso",
             "removed": "tolta dalla bozza"}

LABELS = AuditLabels(
    entities={"staff_contract": "Contratto del personale",
              "staff_incarico": "Incarico specifico del personale",
              "staff_plan": "Piano delle attività del personale ATA",
              "staff_plan_section": "Sezione del Piano delle attività",
              "staff_plan_staffing": "Dotazione organica del Piano delle attività",
              "staff_plan_assignment": "Assegnazione del Piano delle attività"},
    table_fields={
        "staff_plan": {"school_year": "anno scolastico (anno di inizio)", "version": "versione",
                       "state": "stato", "drafted_on": "data della bozza",
                       "drafted_by_id": "redatto da", "adopted_on": "data di adozione",
                       "protocol": "numero di protocollo", "adopted_by_id": "adottato da",
                       "superseded_on": "sostituito il"},
        "staff_plan_section": {"plan_id": "versione del Piano", "key": "sezione",
                               "text": "testo"},
        "staff_plan_staffing": {**_PLAN_ROW, "profile": "profilo", "posts": "posti",
                                "need_note": "fabbisogno"},
        "staff_plan_assignment": {**_PLAN_ROW, "employee_id": "dipendente",
                                  "place_kind": "tipo di assegnazione", "place": "luogo",
                                  "duties": "compiti"},
    },
    values={"staff_plan.state": dict(PLAN.labels), "staff_plan_section.key": SECTIONS,
            "staff_plan_staffing.profile": ROLES, "staff_plan_assignment.place_kind": PLACES},
)
