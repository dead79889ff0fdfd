"""Fondi (Programma Annuale). Until the funds area lands: the plessi the funds are spent for."""
from __future__ import annotations

from ..common.locations import SitesTab


class FundsTab(SitesTab):
    area = "funds"
    title = "Fondi – Programma Annuale"
    intro = ("Programma Annuale, fondi vincolati, impegni, mandati e rendicontazione. "
             "Qui sotto i plessi dell'istituto a cui si riferiscono le spese.")
