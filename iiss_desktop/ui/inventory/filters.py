"""The filters of the Inventario goods grid (ui/common/filters.py): on the grid's own columns,
so they cost a pass over the rows in memory, not a query."""
from __future__ import annotations

from ..common.filters import FilterSpec

GOODS_FILTERS = (
    FilterSpec("register", "Inventario", ("register",), keep_order=True),
    FilterSpec("site", "Plesso", ("site",)),
    # A room's name repeats in every plesso (Magazzino): chosen with its plesso.
    FilterSpec("room", "Locale", ("site", "room"), all_text="Tutti i locali", searchable=True,
               text=lambda v: f"{v[1]} – {v[0]}", within="site"),
    FilterSpec("custodian", "Custode", ("custodian",), all_text="Tutti i custodi",
               searchable=True),
    FilterSpec("state", "Stato", ("state",)),
    FilterSpec("status", "Situazione", ("status",)),
    FilterSpec("period", "Carico", ("entry_date",), period=True),
)
