"""How the change log names the Personale tables and the columns their labels do not cover."""
from __future__ import annotations

from ..audit_labels import AuditLabels

LABELS = AuditLabels(
    entities={"staff_contract": "Contratto del personale",
              "staff_incarico": "Incarico specifico del personale",
              "staff_pattern": "Orario settimanale del personale",
              "staff_pattern_band": "Fascia dell'orario settimanale",
              "staff_roster_day": "Giornata di servizio modificata",
              "staff_roster_band": "Fascia della giornata di servizio"},
)
