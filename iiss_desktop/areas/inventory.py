"""Inventario: registers of D.I. 129/2018 (artt. 29-35), custody, checks, discharges, loans."""
from __future__ import annotations

from ..domain.access import (ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO, DIRIGENTE, DSGA,
                             SOLA_LETTURA, Permission)
from .base import Area

_STAFF = frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO})

READ = Permission("inventory.read", "Consultazione degli inventari",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, ASSISTENTE_TECNICO,
                             SOLA_LETTURA}))
# Moves between rooms, maintenance, ricognizione counts, offers received: the office prepares.
PREPARE = Permission("inventory.prepare", "Movimenti, manutenzioni e ricognizioni dei beni",
                     _STAFF)
# Art. 30 c.1: the DSGA is the consegnatario and signs the buoni di carico.
CARICO = Permission("inventory.carico", "Carico dei beni (buoni di carico)", frozenset({DSGA}),
                    description="D.I. 129/2018 art. 30-31: il DSGA consegnatario")
# Art. 33-34: discharge and sale only by decree of the dirigente.
DISCHARGE = Permission("inventory.discharge", "Decreti di discarico, vendita e cessione",
                       frozenset({DIRIGENTE}), description="D.I. 129/2018 artt. 33-34")
# Art. 30 c.2-3 and 35: appointments and affidamenti by the dirigente.
CUSTODY = Permission("inventory.custody", "Nomine dei consegnatari e affidamenti dei beni",
                     frozenset({DIRIGENTE}), description="D.I. 129/2018 artt. 30 e 35")
# Comodato d'uso to students: a contract the dirigente signs for the school.
LOANS = Permission("inventory.loans", "Contratti di comodato d'uso agli alunni",
                   frozenset({DIRIGENTE}), personal_data=True)
HANDOVER = Permission("inventory.handover", "Passaggio di consegne tra DSGA",
                      frozenset({DIRIGENTE, DSGA}), description="D.I. 129/2018 art. 30 c.5")
RENEWAL = Permission("inventory.renewal", "Rinnovo degli inventari e aliquote di ammortamento",
                     frozenset({DSGA}), description="D.I. 129/2018 art. 31 c.9")
IMPORT = Permission("inventory.import", "Importazione degli inventari", frozenset({DSGA}))
EXPORT = Permission("inventory.export", "Esportazione e stampa degli inventari",
                    frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))

AREA = Area("inventory", "Inventario",
            (READ, PREPARE, CARICO, DISCHARGE, CUSTODY, LOANS, HANDOVER, RENEWAL, IMPORT, EXPORT),
            tab="iiss_desktop.ui.inventory.tab:InventoryTab", depends_on=("school",))
