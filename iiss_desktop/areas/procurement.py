"""Acquisti: from the request to the paid FatturaPA."""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
from .base import Area

READ = Permission("procurement.read", "Consultazione degli acquisti",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))
PREPARE = Permission("procurement.prepare", "Richieste, preventivi e ordini",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
# The determina a contrarre is an act of the dirigente (D.Lgs. 36/2023 art. 17).
# Receiving invoices and keeping the Registro unico delle fatture: the office.
INVOICES = Permission("procurement.invoices", "Fatture ricevute e registro unico delle fatture",
                      frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
SIGN = Permission("procurement.sign", "Determine a contrarre e di affidamento",
                  frozenset({DIRIGENTE}))

AREA = Area("procurement", "Acquisti", (READ, PREPARE, INVOICES, SIGN),
            tab="iiss_desktop.ui.procurement.tab:ProcurementTab",
            registers=("iiss_desktop.domain.procurement.rules",),
            models=("iiss_desktop.models.procurement",),
            depends_on=("school", "funds", "inventory", "warehouse"),
            audit_labels="iiss_desktop.domain.procurement.audit_labels:LABELS")
