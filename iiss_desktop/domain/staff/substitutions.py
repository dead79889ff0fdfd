"""May the school appoint a supplente for an absent ATA employee, and from which day
(domain.md §5.6)?

- L. 190/2014 art. 1 c.332 (from 1/9/2015): no short-term supplenti for the assistenti
  amministrativi (except where the organico di diritto has fewer than 3 posts), the assistenti
  tecnici, and the collaboratori scolastici for the first 7 days of absence: a collaboratore
  may be replaced from the 8th day.
- L. 205/2017 art. 1 c.602: assistenti amministrativi and tecnici from the 30th day.
- Notes DPIT 2116/2015, DGPER 10073/2016, nota 8446 of 3/12/2024: a motivated, written,
  exceptional derogation for the collaboratori when the absence compromises safety, the
  assistance to disabled pupils or the minimum service.
- The DSGA is replaced by an assistente amministrativo (CCNL 2007 art. 56) [U], not by a
  supplente. The operatore scolastico of the CCNL 2019-21 is read as a collaboratore [U];
  the other profiles (cuoco, guardarobiere, infermiere) are not named by c.332: from day 1 [U].

The days of absence are counted as calendar days of one continuous absence, its first day
being day 1.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from ..dates import format_date
from ..errors import ValidationError

FROM_DAY = {"CS": 8, "OP": 8, "AA": 30, "AT": 30}
SMALL_OFFICE_POSTS = 3                     # c.332 a): organico di diritto below this
DEROGATION_GROUNDS = {
    "sicurezza": "la sicurezza degli alunni e dei locali",
    "disabili": "l'assistenza agli alunni con disabilità",
    "servizio_minimo": "il servizio minimo dell'istituto",
}


def _from(nth: int) -> str:
    """«dall'8°», «dal 30°»: the article elides before a vowel sound (otto, undici)."""
    return f"dall'{nth}°" if str(nth).startswith(("8", "11")) else f"dal {nth}°"


@dataclass(frozen=True)
class Verdict:
    allowed: bool          # on the day asked
    from_day: date | None  # the first day a supplente may be in service (None: never)
    reason: str            # the rule, in words


def supplente_verdict(profile: str, absence_start: date, absence_end: date, day: date, *,
                      office_posts: int | None = None, derogation: str = "",
                      derogation_reason: str = "") -> Verdict:
    """Whether a supplente may serve on ``day`` for the absence ``absence_start`` …
    ``absence_end``. ``office_posts``: the organico di diritto of the assistenti
    amministrativi (the exception of c.332 a). ``derogation``: a key of DEROGATION_GROUNDS,
    with its written motivation, for a collaboratore."""
    if absence_end < absence_start:
        raise ValidationError({"absence_end": "La fine dell'assenza precede il suo inizio."})
    if not absence_start <= day <= absence_end:
        raise ValidationError({"day": f"Il {format_date(day)} è fuori dall'assenza "
                                      f"({format_date(absence_start)} – "
                                      f"{format_date(absence_end)})."})
    if profile == "DSGA":
        return Verdict(False, None, "Il DSGA assente è sostituito da un assistente "
                                    "amministrativo (CCNL 2007 art. 56), non da un supplente.")
    nth = FROM_DAY.get(profile)
    if nth is None:
        return Verdict(True, absence_start, "Profilo non compreso nei limiti della L. 190/2014 "
                                            "art. 1 c.332: supplente dal primo giorno.")
    if profile == "AA" and office_posts is not None and office_posts < SMALL_OFFICE_POSTS:
        return Verdict(True, absence_start, (
            f"Organico di diritto degli assistenti amministrativi di {office_posts} posti "
            f"(meno di {SMALL_OFFICE_POSTS}): supplente dal primo giorno (L. 190/2014 art. 1 "
            "c.332 lett. a)."))
    if derogation:
        if profile not in ("CS", "OP"):
            raise ValidationError({"derogation": "La deroga motivata vale per i collaboratori "
                                                 "scolastici."})
        if derogation not in DEROGATION_GROUNDS:
            raise ValidationError({"derogation": "Indicare il motivo della deroga: sicurezza, "
                                                 "assistenza agli alunni con disabilità o "
                                                 "servizio minimo."})
        if not " ".join((derogation_reason or "").split()):
            raise ValidationError({"derogation_reason": "La deroga va motivata per iscritto."})
        return Verdict(True, absence_start, (
            f"Deroga motivata per {DEROGATION_GROUNDS[derogation]} (note DPIT 2116/2015, "
            "DGPER 10073/2016, nota 8446/2024): supplente dal primo giorno."))
    first = absence_start + timedelta(days=nth - 1)
    law = ("L. 190/2014 art. 1 c.332" if nth == 8 else
           "L. 190/2014 art. 1 c.332 e L. 205/2017 art. 1 c.602")
    if first > absence_end:
        return Verdict(False, None, (
            f"Assenza di {(absence_end - absence_start).days + 1} giorni: il supplente si "
            f"nomina {_from(nth)} giorno ({law}); coprire con ore eccedenti del personale in "
            "servizio."))
    return Verdict(day >= first, first, (
        f"Supplente {_from(nth)} giorno di assenza, il {format_date(first)} ({law}); prima, "
        "ore eccedenti del personale in servizio."))


# --- internal cover with ore eccedenti ------------------------------------------------------
# Until a supplente may serve, the absence is covered by ore eccedenti of the staff in service
# (c.332), of the same profile and plesso. A working day is at most 9 hours including the
# additional work (CCNL 2007 art. 51): what is left after the day's bands and the cover
# already recorded that day is what a colleague can still give.

DAILY_MAX_MINUTES = 9 * 60


@dataclass(frozen=True)
class CoverOption:
    person_id: int
    name: str
    worked: int            # minutes of the day's bands (ordinary and additional)
    covered: int           # minutes of cover already recorded that day
    year_covered: int      # minutes of cover in the school year (who gave less comes first)

    @property
    def available(self) -> int:
        return max(0, DAILY_MAX_MINUTES - self.worked - self.covered)


def proposal(options) -> list[CoverOption]:
    """The colleagues who can still give hours on the day: the most available first, then who
    covered less in the year, then by name."""
    return sorted((o for o in options if o.available > 0),
                  key=lambda o: (-o.available, o.year_covered, o.name))


def check_cover(minutes, option: CoverOption | None, name: str = "") -> int:
    """The minutes of one cover: positive, within what the colleague can still give that day
    (None: not in service that day, absent, or of another profile or plesso)."""
    if not isinstance(minutes, int) or minutes <= 0:
        raise ValidationError({"minutes": "Indicare le ore eccedenti della copertura."})
    if option is None:
        raise ValidationError({"employee_id": (
            f"{name or 'Il dipendente'} non è in servizio quel giorno nello stesso plesso e "
            "profilo dell'assente: non può coprire con ore eccedenti.")})
    if minutes > option.available:
        h, m = divmod(option.available, 60)
        left = f"{h} h {m:02d} min" if m else f"{h} h"
        raise ValidationError({"minutes": (
            f"{option.name} può dare al massimo {left} quel giorno: la giornata non supera "
            "9 ore compreso il lavoro aggiuntivo (CCNL 2007 art. 51).")})
    return minutes
