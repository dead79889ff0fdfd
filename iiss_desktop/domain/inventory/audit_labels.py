"""The inventory's tables, columns and codes as the change log prints them."""
from __future__ import annotations

from ..audit_labels import AuditLabels
from .carico import NATURES
from .custody import ASSIGNEE_ROLES, MAINTENANCE_KINDS, ROLES
from .discharge import DISCHARGE_CAUSES
from .fields import ITEM  # noqa: F401 - declares the goods' labels
from .sale import BASES
from .sale import KINDS as SALE_KINDS

LABELS = AuditLabels(
    entities={
        "inventory_item": "Bene inventariato", "inventory_movement": "Spostamento di un bene",
        "inventory_discharge": "Discarico", "inventory_discharge_item": "Bene scaricato",
        "loan": "Comodato d'uso", "loan_item": "Bene in comodato",
        "custody_role": "Nomina (custodia dei beni)", "inventory_assignment": "Affidamento",
        "inventory_assignment_item": "Bene affidato",
        "inventory_maintenance": "Manutenzione", "inventory_check": "Ricognizione",
        "inventory_check_line": "Esito della ricognizione",
        "inventory_check_scan": "Lettura della ricognizione",
        "depreciation_rate": "Aliquota di ammortamento", "inventory_series": "Inventario",
        "inventory_renewal_map": "Raccordo del rinnovo", "inventory_sale": "Vendita o cessione",
        "inventory_sale_item": "Bene in vendita", "inventory_sale_offer": "Offerta",
        "inventory_handover": "Passaggio di consegne",
        "inventory_handover_register": "Consistenza consegnata",
    },
    fields={
        "assignment_id": "affidamento (id)", "awarded_offer_id": "offerta aggiudicata (id)",
        "buono_entry_id": "buono (id)", "cessation_date": "data di cessazione",
        "check_id": "ricognizione (id)", "checked_on": "data della ricognizione",
        "closed_on": "chiuso il", "decree_date": "data del decreto",
        "discharge_id": "discarico (id)", "done_on": "eseguito il",
        "due": "restituzione entro il", "employee_id": "dipendente (id)",
        "end_entry_id": "verbale di riconsegna (id)", "ended_on": "fino al",
        "from_room_id": "dal locale (id)", "general": "osservazioni generali",
        "handover_date": "data del passaggio", "handover_id": "passaggio (id)",
        "is_default": "predefinita", "item_id": "bene (id)", "items": "numero di beni",
        "loan_id": "comodato (id)", "moved_on": "spostato il", "new_item_id": "nuovo bene (id)",
        "offers_deadline": "termine per le offerte", "old_item_id": "vecchio bene (id)",
        "opened_on": "aperto il", "outgoing_absent": "DSGA cessante assente",
        "published_on": "pubblicato il", "rate_hundredths": "aliquota",
        "received_on": "ricevuta il", "reintegro": "reintegro", "returned_on": "restituito il",
        "room_id": "locale (id)", "sale_id": "vendita (id)", "series_id": "inventario (id)",
        "start": "decorrenza", "started_on": "dal", "to_room_id": "al locale (id)",
        "warranty_until": "garanzia fino al",
    },
    values={"role": dict(ROLES), "assignee_role": dict(ASSIGNEE_ROLES),
            "cause": dict(DISCHARGE_CAUSES), "inventory_sale.kind": dict(SALE_KINDS),
            "inventory_maintenance.kind": dict(MAINTENANCE_KINDS),
            "nature": dict(NATURES), "valuation_basis": dict(BASES)},
    formats={"inventory_item.value": "money", "inventory_item.universalita_value": "money",
             "inventory_item.annual_income": "money", "estimated_value": "money",
             "base_value": "money", "old_value": "money", "new_value": "money",
             "total": "money", "cost": "money", "reintegro_amount": "money",
             "rate_hundredths": "hundredths_percent"},
)
