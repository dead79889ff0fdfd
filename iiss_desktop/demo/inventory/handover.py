"""Demo: the passaggio di consegne of two years ago, from the previous DSGA to the current one."""
from __future__ import annotations

from datetime import date

from ...db.engine import Database
from ...queries.school import get_heading
from ...services.inventory.handover import HandoverInput, record_handover
from ..days import office_day

PREVIOUS_DSGA = "Dott.ssa Paola Neri"
PRESIDENTE_CI = "Sig. Luigi Verdi"


def demo_handover(db: Database, today: date) -> None:
    """Cessation on 31 August, verbale about 36 days later (within the 60 days of art. 30
    c.5), on a working day."""
    heading = get_heading(db)
    year = today.year - 2
    record_handover(db, HandoverInput(
        cessation_date=date(year, 8, 31), handover_date=office_day(date(year, 10, 6)),
        outgoing_dsga=PREVIOUS_DSGA, incoming_dsga=heading.dsga or "Dott. Alessandro Ferri",
        dirigente=heading.dirigente or "Prof.ssa Maria Grazia Colonna",
        presidente_ci=PRESIDENTE_CI, place="Ufficio del DSGA",
        witnesses="Sig.ra Anna Moretti, assistente amministrativa",
        check_mode="completa",
        outcome="La ricognizione in contraddittorio ha confermato la presenza dei beni iscritti "
                "negli inventari. Si consegnano altresì le chiavi degli armadi dell'archivio e "
                "i registri degli inventari e dei buoni di carico."))
