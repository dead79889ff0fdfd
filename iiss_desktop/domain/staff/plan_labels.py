"""The Italian labels of the text columns of the Piano delle attività (what a refusal names)."""
from __future__ import annotations

from ..fields import declare_labels

TABLES: dict[str, dict[str, str]] = {
    "staff_plan": {"state": "Stato del Piano", "protocol": "Numero di protocollo"},
    "staff_plan_section": {"key": "Sezione del Piano", "text": "Testo della sezione"},
    "staff_plan_staffing": {"profile": "Profilo", "site_code": "Plesso",
                            "need_note": "Fabbisogno e note"},
    "staff_plan_assignment": {"place_kind": "Tipo di assegnazione", "place": "Luogo",
                              "site_code": "Plesso", "duties": "Compiti"},
    "staff_plan_front_desk": {"audience": "Apertura per", "note": "Note dell'orario"},
}
for _table, _labels in TABLES.items():
    declare_labels(_table, _labels)
