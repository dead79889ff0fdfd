"""Inventario. Until the inventory area lands: the rooms where the goods are kept."""
from __future__ import annotations

from ..common.locations import RoomsTab


class InventoryTab(RoomsTab):
    area = "inventory"
    title = "Inventario"
    intro = ("Registri dei beni (D.I. 129/2018), subconsegnatari, ricognizioni, discarichi e "
             "comodati. Qui sotto i locali in cui sono collocati i beni.")
