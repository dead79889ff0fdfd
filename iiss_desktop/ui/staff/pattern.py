"""The weekly pattern of a person (issue 14 item 3): the bands of each weekday, the plesso, the
days of lavoro agile, orario plurisettimanale. With a pattern in force the new one replaces it
from the day «Dal» (the weeks before keep the old one)."""
from __future__ import annotations

from datetime import date

from ...domain.dates import WEEKDAYS_IT, SchoolYear, format_date
from ...domain.staff.band_text import format_weekdays, parse_weekdays
from ...domain.staff.profiles import LAVORO_AGILE_ROLES
from ...domain.staff.times import format_duration
from ...queries.school import list_sites
from ...services.staff.roster import PatternInput, replace_pattern, save_pattern
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm

DEFAULT_DAYS = {
    # collaboratori: six days of 6 hours (art. 51 c.1); the others five days of 7 h 12 min
    "CS": {wd: "07:30-13:30" for wd in range(6)},
}
FIVE_DAYS = {wd: "07:30-14:42" for wd in range(5)}


class PatternDialog:
    @staticmethod
    def specs(db, profile: str) -> list[FieldSpec]:
        plessi = [("", "Plesso di servizio")] + [(s.code, f"{s.code} – {s.name}")
                                                 for s in list_sites(db)]
        out = [FieldSpec("valid_from", "Dal", kind="date", required=True),
               FieldSpec("valid_to", "Al", kind="date", required=True),
               FieldSpec("name", "Descrizione", max_length=80,
                         placeholder="es. Turno antimeridiano, orario estivo")]
        out += [FieldSpec(f"day_{wd}", WEEKDAYS_IT[wd].capitalize(), max_length=200,
                          placeholder="07:30-13:30; 14:00-17:00 rientro") for wd in range(7)]
        out += [FieldSpec("plesso", "Plesso", kind="choice", choices=plessi)]
        if profile in LAVORO_AGILE_ROLES:
            out.append(FieldSpec("agile_weekdays", "Giorni di lavoro agile", max_length=80,
                                 placeholder="es. mercoledì, venerdì",
                                 help="Secondo l'accordo individuale (CCNL 2019-21 art. 13)"))
        out += [FieldSpec("plurisettimanale", "Orario plurisettimanale (art. 53)", kind="bool"),
                FieldSpec("reason", "Motivo dei turni oltre le 20:00", max_length=300)]
        return out

    @classmethod
    def edit(cls, parent, db, person, current, day: date) -> bool:
        year = SchoolYear.of(day)
        if current is not None:
            days = dict(current.days)
            values = {"valid_from": day, "valid_to": current.valid_to, "name": current.name,
                      "plesso": current.plesso,
                      "agile_weekdays": format_weekdays(current.agile_weekdays),
                      "plurisettimanale": current.plurisettimanale}
            intro = (f"<b>{person.name}</b> ({person.profile_label}, {person.working_time}). "
                     f"Orario in vigore {current.period}: "
                     f"{format_duration(current.weekly_minutes)} settimanali. Il nuovo orario "
                     "lo sostituisce dalla data «Dal»; le settimane precedenti restano come "
                     "sono.")
        else:
            days = DEFAULT_DAYS.get(person.profile, FIVE_DAYS)
            values = {"valid_from": max(day, year.start), "valid_to": year.end}
            intro = (f"<b>{person.name}</b> ({person.profile_label}, {person.working_time}): "
                     f"nessun orario settimanale il {format_date(day)}.")
        values.update({f"day_{wd}": days.get(wd, "") for wd in range(7)})

        def save(v):
            data = PatternInput(
                v["valid_from"], v["valid_to"],
                {wd: v[f"day_{wd}"] or "" for wd in range(7)}, v["plesso"] or None,
                parse_weekdays(v.get("agile_weekdays") or ""), bool(v["plurisettimanale"]),
                name=v["name"] or "", reason=v["reason"] or "")
            if current is not None:
                return replace_pattern(db, current.id, data)
            return save_pattern(db, person.id, data)

        done = FormDialog.ask(parent, "Orario settimanale", cls.specs(db, person.profile),
                              values, on_submit=save, intro=intro)
        if done is None:
            return False
        confirm(parent, f"Orario di {person.name} registrato.")
        return True
