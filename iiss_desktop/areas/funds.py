"""Fondi: Programma Annuale, earmarked funds, commitments, payments, reporting."""
from __future__ import annotations

from ..domain.access import ASSISTENTE_AMMINISTRATIVO, DIRIGENTE, DSGA, SOLA_LETTURA, Permission
from .base import Area

READ = Permission("funds.read", "Consultazione del Programma Annuale e dei fondi",
                  frozenset({DIRIGENTE, DSGA, ASSISTENTE_AMMINISTRATIVO, SOLA_LETTURA}))
PREPARE = Permission("funds.prepare", "Predisposizione di variazioni, impegni e mandati",
                     frozenset({DSGA, ASSISTENTE_AMMINISTRATIVO}))
# D.I. 129/2018 art. 15: the dirigente commits spending; art. 16-17: the DSGA liquidates.
COMMIT = Permission("funds.commit", "Impegni di spesa", frozenset({DIRIGENTE}))
LIQUIDATE = Permission("funds.liquidate", "Liquidazione e mandati di pagamento",
                       frozenset({DSGA}))

AREA = Area("funds", "Fondi", (READ, PREPARE, COMMIT, LIQUIDATE),
            tab="iiss_desktop.ui.funds.tab:FundsTab", depends_on=("school",))
