"""The form of the 35-hour week (art. 55 CCNL 29/11/2007) of a person: the period, the school
and staff conditions that justify it (one of each is required: the service says so in the
banner) and the decision taken at school level."""
from __future__ import annotations

from datetime import date

from ...domain.dates import SchoolYear
from ...domain.staff.contract import ART55_SCHOOL_CONDITIONS, ART55_STAFF_CONDITIONS
from ...domain.staff.fields import ART55
from ...services.staff.art55 import grant_art55
from ..common.dialogs import report_errors
from ..common.form import FormDialog, spec_of
from ..common.status import confirm

FIELDS = ("valid_from", "valid_to", *ART55_SCHOOL_CONDITIONS, *ART55_STAFF_CONDITIONS,
          "decided_on", "reference")


@report_errors
def new_art55(parent, db, person_id: int, name: str, today: date | None = None) -> int | None:
    year = SchoolYear.of(today or date.today())

    def save(v):
        return grant_art55(
            db, person_id, valid_from=v["valid_from"], valid_to=v["valid_to"],
            school_conditions={c for c in ART55_SCHOOL_CONDITIONS if v[c]},
            staff_conditions={c for c in ART55_STAFF_CONDITIONS if v[c]},
            decided_on=v["decided_on"], reference=v["reference"] or "")

    done = FormDialog.ask(
        parent, "Settimana di 35 ore (art. 55)", [spec_of(ART55[f]) for f in FIELDS],
        {"valid_from": max(year.start, today or date.today()), "valid_to": year.end},
        on_submit=save,
        intro=f"<b>{name}</b>: le 35 ore settimanali spettano solo se ricorrono una "
              "condizione della scuola e una del personale (art. 55 CCNL 29/11/2007); "
              "dalla data di inizio l'orario settimanale deve sommare 35 ore.")
    if done is not None:
        confirm(parent, f"35 ore settimanali di {name} registrate.")
    return done
