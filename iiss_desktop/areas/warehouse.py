"""Magazzino: consumables, requests, withdrawal slips, stock journal."""
from __future__ import annotations

from ..domain.access import (ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO, COLLABORATORE,
                             DIRIGENTE, DSGA, SOLA_LETTURA, Permission)
from .base import Area

READ = Permission("warehouse.read", "Consultazione del magazzino",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                             COLLABORATORE, SOLA_LETTURA}))
# Whoever works in the school may ask for material.
REQUEST = Permission("warehouse.request", "Richieste di materiale",
                     frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                                COLLABORATORE}))
# The DSGA answers for the stores and approves what leaves them.
APPROVE = Permission("warehouse.approve", "Approvazione delle richieste di materiale",
                     frozenset({DSGA}))
MOVEMENTS = Permission("warehouse.movements", "Carichi, prelevamenti, trasferimenti, "
                       "inventario fisico e DPI", frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
MASTER_DATA = Permission("warehouse.master_data", "Articoli e magazzini",
                         frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))

AREA = Area("warehouse", "Magazzino", (READ, REQUEST, APPROVE, MOVEMENTS, MASTER_DATA),
            tab="iiss_desktop.ui.warehouse.tab:WarehouseTab", depends_on=("school",))
