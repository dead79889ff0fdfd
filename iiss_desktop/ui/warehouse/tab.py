"""Magazzino. Until the warehouse area lands: the rooms, among them the stores."""
from __future__ import annotations

from ..common.locations import RoomsTab


class WarehouseTab(RoomsTab):
    area = "warehouse"
    title = "Magazzino"
    intro = ("Materiale di facile consumo, richieste, buoni di prelevamento e giornale di "
             "magazzino. Qui sotto i locali dell'istituto, magazzini compresi.")
