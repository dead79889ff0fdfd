"""How the change log names the Personale tables and the columns their labels do not cover."""
from __future__ import annotations

from ..audit_labels import AuditLabels

LABELS = AuditLabels(
    entities={"staff_contract": "Contratto del personale",
              "staff_incarico": "Incarico specifico del personale"},
)
