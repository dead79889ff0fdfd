"""The schedule checks of issue 14 item 4, on the dated weeks of a roster.

Each returns :class:`~.rules.Problem` rows (rule, person, day, cell, Italian message with the
source); none raises for a broken rule. Bad input (a date outside the school year) raises a
ValidationError instead, before any check.

Rules and their confidence in domain.md 5.2 and 5.7 (see ``rules.RULES``):

- at most 9 hours a day, additional work included (art. 51) [C]: 9 h is allowed, 9 h 01 not;
- a pause of at least 30 minutes when continuous work exceeds 7 h 12 min (art. 51) [C]:
  7 h 12 without a pause is allowed, 7 h 13 not; past 6 hours when the employee asked for the
  pause [C]. A gap shorter than 30 minutes is not that pause, so the work on both sides of it
  is one continuous stretch (domain.md is silent [U]: a DSGA does not take a 10-minute coffee
  as the pause of art. 51); the stretch counts the minutes worked, not the gap;
- orario plurisettimanale (art. 53) [C-3p]: at most 42 hours in a week (42 h allowed, 42 h 30
  not); at most 3 consecutive weeks above the contract's hours (the 4th is refused); at most
  13 such weeks in the school year (the 14th is refused); and the hours above the contract
  recovered, in the weeks of the same school year with fewer hours. "Weeks of plurisettimanale"
  are counted as the weeks above the contract's hours, the recovery weeks not (domain.md is
  silent [U]; the limit is on the weeks of heavier work); "consecutive" means calendar weeks
  one after the other (a week in between breaks the run) [U];
- weekly hours equal to the contract's (36, the part-time share, 35 under art. 55) [C] for
  every whole ordinary week; justified time (a holiday credited, a riposo compensativo, a
  permesso breve) counts, straordinario does not (it is paid or becomes rest, art. 54);
- no band past 20:00 without a recorded reason (art. 53, turnazione) [C-3p]: a band ending at
  20:00 is allowed, 20:01 not;
- lavoro agile only for assistenti amministrativi, assistenti tecnici and DSGA [C-3p]; no
  straordinario, riposo compensativo or permesso breve on a day of lavoro agile (Circolare
  Funzione pubblica 2/2020, quoted by the seed deck; domain.md is silent [U]); a day of
  lavoro agile only within the person's individual agreement (CCNL 2019-21 art. 13) [C];
- a plesso uncovered in its opening hours: ``coverage.check_coverage`` [U];
- the 35 hours of art. 55 recorded for a school open more than 10 hours a day while the
  plessi's opening hours show fewer than 3 such days a week [C].
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, timedelta

from ..dates import WEEKDAYS_IT, SchoolYear, format_date
from .agile import LavoroAgileAgreement
from .coverage import CoverageNeed, assignments_of, check_coverage
from .profiles import LAVORO_AGILE_ROLES, ROLES
from .rules import Problem, problem
from .times import format_duration, format_time
from .week import ABSENCE_KINDS, PersonWeek, StaffMember, WorkDay, check_weeks_in_year

MAX_DAY = 9 * 60                 # 540
MAX_CONTINUOUS = 7 * 60 + 12     # 432
PAUSE_ON_REQUEST_AFTER = 6 * 60  # 360
MIN_PAUSE = 30
EVENING_LIMIT = 20 * 60          # 1200
PLURI_MAX_WEEK = 42 * 60         # 2520
PLURI_MAX_CONSECUTIVE = 3
PLURI_MAX_YEAR = 13
ART55_OPENING = 10 * 60          # 600: "orario superiore a 10 ore al giorno"
ART55_MIN_DAYS = 3


def _day_name(day: date) -> str:
    return f"{WEEKDAYS_IT[day.weekday()].capitalize()} {format_date(day)}"


def continuous_stretches(day: WorkDay) -> list[tuple[int, int, int]]:
    """(start, end, minutes worked) of each stretch of work with no pause of 30 minutes."""
    out: list[list[int]] = []
    for b in day.bands:                       # sorted, not overlapping
        if out and b.start - out[-1][1] < MIN_PAUSE:
            out[-1][1] = b.end
            out[-1][2] += b.end - b.start
        else:
            out.append([b.start, b.end, b.end - b.start])
    return [tuple(s) for s in out]


def check_day(member: StaffMember, day: WorkDay) -> list[Problem]:
    """Daily maximum, pauses, evening bands and lavoro agile of one roster cell. (The texts are
    built only for a rule broken: a clean year of 60 people is checked in a few tenths.)"""
    out: list[Problem] = []
    pid = member.person_id
    worked = day.worked
    if worked > MAX_DAY:
        when = _day_name(day.day)
        out.append(problem("max_giornaliero", pid, day.day, when,
                           f"{when}: {format_duration(worked)} di servizio, oltre il massimo di "
                           "9 ore al giorno comprese le prestazioni aggiuntive"))
    if worked > PAUSE_ON_REQUEST_AFTER:      # no stretch can be longer than the day
        for start, end, minutes in continuous_stretches(day):
            if minutes > MAX_CONTINUOUS:
                rule, text = "pausa_obbligatoria", ("senza una pausa di almeno 30 minuti, "
                                                    "obbligatoria oltre 7 h 12 min")
            elif member.pause_requested and minutes > PAUSE_ON_REQUEST_AFTER:
                rule, text = "pausa_richiesta", ("senza la pausa di almeno 30 minuti che il "
                                                 "dipendente ha chiesto oltre 6 ore")
            else:
                continue
            cell = f"{format_time(start)}–{format_time(end)}"
            out.append(problem(rule, pid, day.day, cell,
                               f"{_day_name(day.day)}, {cell}: {format_duration(minutes)} di "
                               f"lavoro continuativo {text}"))
    for b in day.bands:
        if b.end > EVENING_LIMIT and not b.reason.strip():
            out.append(problem("turno_serale", pid, day.day, b.label,
                               f"{_day_name(day.day)}, {b.label}: turno oltre le 20:00 senza "
                               "l'indicazione della specifica esigenza didattica o funzionale "
                               "che lo giustifica"))
    if day.lavoro_agile:
        out.extend(_agile_day(member, day, _day_name(day.day)))
    return out


def _agile_day(member: StaffMember, day: WorkDay, when: str) -> list[Problem]:
    out = []
    pid = member.person_id
    if member.profile not in LAVORO_AGILE_ROLES:
        out.append(problem("agile_profilo", pid, day.day, when,
                           f"{when}: lavoro agile per il profilo «{ROLES[member.profile]}», che "
                           "non lo prevede (solo assistenti amministrativi, assistenti tecnici "
                           "e DSGA)"))
    for b in day.bands:
        if b.is_overtime:
            out.append(problem("agile_istituti", pid, day.day, b.label,
                               f"{when}, {b.label}: prestazione aggiuntiva (straordinario) in "
                               "un giorno di lavoro agile"))
    for a in day.absences:
        out.append(problem("agile_istituti", pid, day.day, when,
                           f"{when}: {ABSENCE_KINDS[a.kind].lower()} di "
                           f"{format_duration(a.minutes)} in un giorno di lavoro agile"))
    return out


def check_week(member: StaffMember, week: PersonWeek) -> list[Problem]:
    """Every day of the week, then the week's hours against the contract (ordinary weeks) or
    the 42 hours (plurisettimanale)."""
    out: list[Problem] = []
    for d in week.days:
        out.extend(check_day(member, d))
    counted, owed = week.counted, member.working_time.weekly_minutes
    label = week.label.capitalize()
    if week.plurisettimanale:
        if counted > PLURI_MAX_WEEK:
            out.append(problem("plurisettimanale_42", member.person_id, week.monday, week.label,
                               f"{label}: {format_duration(counted)} di orario "
                               "plurisettimanale, oltre il massimo di 42 ore settimanali"))
    elif not week.partial and counted != owed:
        gap = counted - owed
        out.append(problem("ore_contratto", member.person_id, week.monday, week.label,
                           f"{label}: {format_duration(counted)} contro le "
                           f"{format_duration(owed)} del contratto ({member.working_time.label}"
                           f"): {format_duration(abs(gap))} "
                           + ("in più" if gap > 0 else "in meno")))
    return out


def check_plurisettimanale(member: StaffMember, weeks: Iterable[PersonWeek],
                           school_year: SchoolYear) -> list[Problem]:
    """Consecutive weeks, weeks in the year and recovery, over one person's school year."""
    owed = member.working_time.weekly_minutes
    pluri = sorted((w for w in weeks if w.plurisettimanale), key=lambda w: w.monday)
    out: list[Problem] = []
    run, previous, n_heavy = 0, None, 0
    excess = recovered = 0
    pid = member.person_id
    for w in pluri:
        counted = w.counted
        if counted < owed:
            recovered += owed - counted
            continue
        if counted == owed:
            continue
        excess += counted - owed
        n_heavy += 1
        run = run + 1 if previous is not None and w.monday - previous == timedelta(7) else 1
        previous = w.monday
        label = w.label.capitalize()
        if run > PLURI_MAX_CONSECUTIVE:
            out.append(problem("plurisettimanale_consecutive", pid, w.monday, w.label,
                               f"{label}: {run}ª settimana consecutiva di orario "
                               "plurisettimanale, oltre il massimo di 3 settimane continuative"))
        if n_heavy > PLURI_MAX_YEAR:
            out.append(problem("plurisettimanale_anno", pid, w.monday, w.label,
                               f"{label}: {n_heavy}ª settimana di orario plurisettimanale "
                               f"nell'anno scolastico {school_year.label}, oltre il massimo di "
                               "13"))
    if excess > recovered:
        out.append(problem("plurisettimanale_recupero", pid, None, school_year.label,
                           f"Anno scolastico {school_year.label}: "
                           f"{format_duration(excess - recovered)} di orario plurisettimanale "
                           f"non recuperate ({format_duration(excess)} in più, "
                           f"{format_duration(recovered)} recuperate entro il "
                           f"{format_date(school_year.end)})"))
    elif recovered > excess:
        out.append(problem("ore_contratto", pid, None, school_year.label,
                           f"Anno scolastico {school_year.label}: nelle settimane di orario "
                           f"plurisettimanale mancano {format_duration(recovered - excess)} "
                           "rispetto alle ore del contratto"))
    return out


def check_agile_agreements(member: StaffMember, weeks: Iterable[PersonWeek],
                           agreements: Iterable[LavoroAgileAgreement]) -> list[Problem]:
    """Each day of lavoro agile within the period and weekdays of one of the person's
    individual agreements (CCNL 2019-21 art. 13 [C]: lavoro agile is agreed in writing, with its
    days). Only for the profiles that may work agile: for the others ``check_day`` speaks."""
    if member.profile not in LAVORO_AGILE_ROLES:
        return []
    own = [a for a in agreements if a.person_id == member.person_id]
    out = []
    for w in weeks:
        for d in w.days:
            if d.lavoro_agile and not any(a.covers(d.day) for a in own):
                when = _day_name(d.day)
                out.append(problem("agile_accordo", member.person_id, d.day, when,
                                   f"{when}: lavoro agile in un giorno non previsto da un "
                                   "accordo individuale"))
    return out


def check_contract_days(member: StaffMember, weeks: Iterable[PersonWeek],
                        periods: Iterable[tuple[date, date | None]]) -> list[Problem]:
    """Each day worked outside every contract period of the person (``periods``: first and
    last day, None for a contract without end): a pattern running past a supplenza's end, a day
    set before the hiring. A person with no contract history at all is not judged."""
    periods = list(periods)
    if not periods:
        return []
    out = []
    for w in weeks:
        for d in w.days:
            if d.bands and not any(a <= d.day and (b is None or d.day <= b)
                                   for a, b in periods):
                when = _day_name(d.day)
                out.append(problem("fuori_contratto", member.person_id, d.day, when,
                                   f"{when}: servizio fuori dal periodo di un contratto di "
                                   f"{member.name}"))
    return out


def opening_days_over_10_hours(needs: Iterable[CoverageNeed]) -> int:
    """The most weekdays on which one plesso is open more than 10 hours (from its first
    opening to its last closing of the day, as its coverage needs say)."""
    spans: dict[tuple[str, int], list[int]] = {}
    for n in needs:
        span = spans.setdefault((n.plesso, n.weekday), [n.start, n.end])
        span[0], span[1] = min(span[0], n.start), max(span[1], n.end)
    per_plesso: dict[str, int] = {}
    for (plesso, _wd), (start, end) in spans.items():
        per_plesso[plesso] = per_plesso.get(plesso, 0) + (end - start > ART55_OPENING)
    return max(per_plesso.values(), default=0)


def check_art55(member: StaffMember, needs: Iterable[CoverageNeed]) -> list[Problem]:
    """The 35 hours granted only for a school open more than 10 hours a day (art. 55 [C]) need
    at least 3 such days a week in the opening hours recorded: exactly 10 hours is not "oltre".
    Nothing is said when another school condition was recorded, or no opening hours are."""
    rec = member.working_time.art55
    needs = list(needs)
    if rec is None or not needs or rec.school_conditions != {"apertura_oltre_10_ore"}:
        return []
    days = opening_days_over_10_hours(needs)
    if days >= ART55_MIN_DAYS:
        return []
    found = "risulta 1 giorno" if days == 1 else f"risultano {days} giorni"
    return [problem("art55_apertura", member.person_id, None, member.working_time.label,
                    f"{member.name}: 35 ore settimanali riconosciute per l'apertura della scuola "
                    f"oltre 10 ore al giorno, ma dall'orario di apertura dei plessi {found} a "
                    "settimana oltre le 10 ore (ne servono almeno 3)")]


def check_person_year(member: StaffMember, weeks: list[PersonWeek] | tuple[PersonWeek, ...],
                      school_year: SchoolYear) -> list[Problem]:
    """Every rule of one person over a school year (dates outside it are refused)."""
    check_weeks_in_year(weeks, school_year)
    out: list[Problem] = []
    for w in weeks:
        out.extend(check_week(member, w))
    out.extend(check_plurisettimanale(member, weeks, school_year))
    return out


def check_roster(staff: Iterable[StaffMember],
                 weeks: Mapping[int | str, list[PersonWeek] | tuple[PersonWeek, ...]],
                 school_year: SchoolYear, needs: Iterable[CoverageNeed] = (),
                 closed_days: Iterable[date] = (),
                 agreements: Iterable[LavoroAgileAgreement] | None = None) -> list[Problem]:
    """Every rule, for every person, over a school year, and the coverage of the plessi on
    each day of the year that the calendar does not close. ``agreements``: the lavoro agile
    agreements; None when they are not at hand (then the agile days are not matched)."""
    members = list(staff)
    needs = list(needs)
    agreements = None if agreements is None else list(agreements)
    out: list[Problem] = []
    assignments = []
    for m in members:
        own = weeks.get(m.person_id, ())
        out.extend(check_person_year(m, own, school_year))
        out.extend(check_art55(m, needs))
        if agreements is not None:
            out.extend(check_agile_agreements(m, own, agreements))
        assignments.extend(assignments_of(m, own))
    if needs:
        days = [school_year.start + timedelta(days=i)
                for i in range((school_year.end - school_year.start).days + 1)]
        out.extend(check_coverage(needs, assignments, members, days, closed_days))
    return out
