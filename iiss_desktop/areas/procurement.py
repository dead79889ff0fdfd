"""Acquisti: from the request to the paid FatturaPA."""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
from .base import Area

READ = Permission("procurement.read", "Consultazione degli acquisti",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))
PREPARE = Permission("procurement.prepare", "Richieste, preventivi e ordini",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
# The determina a contrarre is an act of the dirigente (D.Lgs. 36/2023 art. 17).
SIGN = Permission("procurement.sign", "Determine a contrarre e di affidamento",
                  frozenset({DIRIGENTE}))

AREA = Area("procurement", "Acquisti", (READ, PREPARE, SIGN),
            tab="iiss_desktop.ui.procurement.tab:ProcurementTab",
            depends_on=("school", "funds", "inventory", "warehouse"))
