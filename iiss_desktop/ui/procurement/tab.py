"""Acquisti. Until the procurement area lands: the plessi, i.e. the delivery addresses."""
from __future__ import annotations

from ..common.locations import SitesTab


class ProcurementTab(SitesTab):
    area = "procurement"
    title = "Acquisti"
    intro = ("Dalla richiesta d'acquisto alla fattura elettronica pagata. Qui sotto i plessi "
             "dell'istituto, destinatari delle consegne.")
