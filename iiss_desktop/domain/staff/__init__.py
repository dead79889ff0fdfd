"""ATA staff rules (CCNL 29/11/2007 artt. 51-55, CCNL 2019-21 Titolo III), pure Python.

One module per concept: ``profiles`` (profiles and who may work agile), ``times`` (minutes of
the day and time bands), ``contract`` (weekly hours owed: 36, part-time, 35 of art. 55),
``patterns`` (weekly patterns per person and period, flexible bands), ``week`` (the dated
weeks a roster holds), ``agile`` (lavoro agile agreements), ``coverage`` (needs per plesso and
hour, preferences, fixed cells: what a solver reads), ``rules`` (the catalogue of the rules,
with source and confidence) and ``checks`` (the schedule checks, returning problems).

``from iiss_desktop.domain.staff import ROLES, role_label`` keeps working as before the
package.
"""
from .profiles import ATA_ROLES, CONTRACTS, LAVORO_AGILE_ROLES, ROLES, can_work_agile, role_label

__all__ = ["ATA_ROLES", "CONTRACTS", "LAVORO_AGILE_ROLES", "ROLES", "can_work_agile",
           "role_label"]
