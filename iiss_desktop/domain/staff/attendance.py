"""Attendance and hour balance (issue 16 item 3): pure functions, no database.

The services feed a day's punches (badge or manual, annulled ones left out), what the roster
schedules that day and the justified absences; :func:`day_result` pairs the punches, compares
them with the schedule and says what the day adds to the hour balance. The balance of a person
is always the sum of the day results and of the manual rows (corrections, extra hours paid or
turned into riposi, riposi used): never a stored number.

Rules (domain.md §5.2 and §5.5; [C] confirmed, [U] a default of ours, editable in the settings):

- Punches pair in time order: an entry (E) opens an interval, the next exit (U) closes it. An
  exit with no open entry, an entry followed by another entry, an entry left open at the end
  of the day are anomalies listed to fix; their minutes are not counted.
- Scheduled minutes: the ordinary bands of the roster that day (additional bands excluded);
  a holiday or a day off schedules nothing. A whole-day absence justifies the whole day; an
  hourly absence its minutes; a riposo compensativo used its minutes.
- Pause (CCNL 2007 art. 51 [C]): over 7 h 12 min of continuous work the 30-minute pause is
  mandatory: on a day whose work exceeds 7 h 12 min with no gap of 30 minutes between
  intervals, the minutes beyond 7 h 12 min, up to 30, are the pause and do not count [U: the
  reading of the office].
- Max 9 hours a day including additional work (art. 51 [C]): beyond it the day is flagged and
  only 9 hours count [U].
- Flexibility: the entry window of the pattern (art. 53 [C], orario flessibile), otherwise the
  band's start plus the school's flexibility minutes (default 0 [U]). Tolerance: an entry up to
  ``tolerance`` minutes after the window (default 10 [U]) is not a ritardo; its minutes still
  count in the day.
- A day that ends short (worked + justified < scheduled) is a debt. The part covered by a
  permesso breve is a permesso debt, recovered within the two following months (CCNL 2007
  art. 16 [C]); the rest a ritardo, recovered by the last day of the following month (art. 54
  [C]), else a proportional deduction from pay.
- Permessi brevi: at most half the daily hours, at most 36 hours a school year (art. 16 [C]).
- A day that ends long recovers the open debts, the earliest deadline first; what is left is a
  credit of extra hours that the office destines: paid, or turned into riposi compensativi to
  be used within the school year and the three months after it (art. 54 [C]).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from ..dates import SchoolYear, format_date
from ..errors import ValidationError
from .times import format_duration, format_time

ENTRY, EXIT = "E", "U"
DIRECTIONS = {ENTRY: "Entrata", EXIT: "Uscita"}
SOURCES = {"import": "Importata dal terminale", "manuale": "Inserita a mano"}
PERSON_KEYS = {"codice_fiscale": "Codice fiscale",
               "id": "Identificativo del dipendente (matricola del terminale)"}

# Manual rows of the hour balance (staff_hour_entry.kind) and their sign on the balance.
ENTRY_KINDS = {
    "correzione": "Correzione",
    "pagate": "Ore eccedenti retribuite",
    "riposo": "Ore eccedenti in riposo compensativo",
    "riposo_fruito": "Riposo compensativo fruito",
}

PAUSE_AFTER = 432          # 7 h 12 min (art. 51)
PAUSE = 30
MAX_DAY = 540              # 9 h (art. 51)
PERMESSI_BREVI_YEAR = 36 * 60
DEFAULT_TOLERANCE = 10     # [U]
DEFAULT_FLEX = 0           # [U]


@dataclass(frozen=True)
class Rules:
    """The school's settings: tolerance and flexibility in minutes ([U] defaults)."""

    tolerance: int = DEFAULT_TOLERANCE
    flex: int = DEFAULT_FLEX

    def __post_init__(self) -> None:
        errors = {}
        if not 0 <= self.tolerance <= 60:
            errors["tolerance"] = "La tolleranza va da 0 a 60 minuti."
        if not 0 <= self.flex <= 120:
            errors["flex"] = "La flessibilità va da 0 a 120 minuti."
        if errors:
            raise ValidationError(errors)


@dataclass(frozen=True)
class Punch:
    at: datetime
    direction: str
    id: int | None = None
    source: str = "manuale"

    @property
    def minute(self) -> int:
        return self.at.hour * 60 + self.at.minute


@dataclass(frozen=True)
class Interval:
    start: int
    end: int

    @property
    def minutes(self) -> int:
        return self.end - self.start

    @property
    def label(self) -> str:
        return f"{format_time(self.start)}–{format_time(self.end)}"


@dataclass(frozen=True)
class Schedule:
    """What the roster asks of the day: ordinary bands as (start, end) minutes; the entry
    window of an orario flessibile; the minutes justified by absences or riposi; the minutes
    of permesso breve; a whole-day absence."""

    bands: tuple[tuple[int, int], ...] = ()
    entry_window: tuple[int, int] | None = None
    justified: int = 0
    permesso: int = 0
    absent_all_day: str = ""      # the absence's label (no cause on posted documents)
    holiday: str = ""

    @property
    def due(self) -> int:
        return sum(e - s for s, e in self.bands)


@dataclass(frozen=True)
class DayResult:
    day: date
    due: int
    worked: int
    justified: int
    permesso: int
    late: int                                   # minutes of a ritardo beyond the tolerance
    intervals: tuple[Interval, ...] = ()
    anomalies: tuple[str, ...] = ()          # to fix: highlighted
    notes: tuple[str, ...] = ()              # how the day was counted (pause, 9 hours)

    @property
    def net(self) -> int:
        """What the day adds to the balance (negative: a debt)."""
        return self.worked + self.justified - self.due

    @property
    def permesso_debt(self) -> int:
        return min(self.permesso, max(0, -self.net))

    @property
    def late_debt(self) -> int:
        return max(0, -self.net) - self.permesso_debt


def pair_punches(punches: Iterable[Punch]) -> tuple[tuple[Interval, ...], tuple[str, ...]]:
    """The intervals of a day and the punches that do not pair, as Italian anomalies."""
    intervals: list[Interval] = []
    anomalies: list[str] = []
    open_at: int | None = None
    for p in sorted(punches, key=lambda p: (p.at, p.direction != ENTRY)):
        m = p.minute
        if p.direction == ENTRY:
            if open_at is not None:
                anomalies.append(f"Entrata delle {format_time(open_at)} senza uscita")
            open_at = m
        elif p.direction == EXIT:
            if open_at is None:
                anomalies.append(f"Uscita delle {format_time(m)} senza entrata")
            else:
                intervals.append(Interval(open_at, m))
                open_at = None
        else:
            anomalies.append(f"Timbratura delle {format_time(m)} senza verso")
    if open_at is not None:
        anomalies.append(f"Manca l'uscita dopo l'entrata delle {format_time(open_at)}")
    return tuple(intervals), tuple(anomalies)


def _pause_missing(intervals: Sequence[Interval]) -> bool:
    gaps = [b.start - a.end for a, b in zip(intervals, intervals[1:])]
    return not any(g >= PAUSE for g in gaps)


def day_result(day: date, schedule: Schedule, punches: Iterable[Punch],
               rules: Rules = Rules()) -> DayResult:
    intervals, anomalies = pair_punches(punches)
    anomalies, notes = list(anomalies), []
    due = schedule.due
    worked = sum(i.minutes for i in intervals)
    if worked > PAUSE_AFTER and _pause_missing(intervals):
        cut = min(PAUSE, worked - PAUSE_AFTER)
        worked -= cut
        notes.append(f"Pausa non timbrata oltre le 7 h 12 min: non contati {cut} min")
    if worked > MAX_DAY:
        notes.append(f"Lavorate {format_duration(worked)}: oltre le 9 ore giornaliere se ne "
                     "contano 9")
        worked = MAX_DAY
    if schedule.absent_all_day:
        justified = due
        if intervals:
            anomalies.append(f"Timbrature in un giorno di assenza ({schedule.absent_all_day})")
    else:
        justified = min(schedule.justified, due) if due else schedule.justified
    late = 0
    if schedule.bands and intervals and not schedule.absent_all_day:
        start = schedule.bands[0][0]
        limit = (schedule.entry_window[1] if schedule.entry_window
                 else start + rules.flex)
        # An hourly absence at the start of the day (permesso) moves the expected entry.
        limit += schedule.permesso if intervals[0].start > limit else 0
        delay = intervals[0].start - limit
        if delay > rules.tolerance:
            late = delay
            anomalies.append(f"Ritardo di {format_duration(delay)} (entrata alle "
                             f"{format_time(intervals[0].start)})")
    if due and not intervals and not punches_seen(anomalies) and justified < due:
        anomalies.append("Nessuna timbratura in un giorno di servizio")
    return DayResult(day, due, worked, justified, schedule.permesso, late, intervals,
                     tuple(anomalies), tuple(notes))


def hm(minutes: int, signed: bool = False) -> str:
    """Compact hours for a column: 368 -> «6:08»; signed: «+0:08», «-6:00»; 0 -> «0:00»."""
    sign = "-" if minutes < 0 else ("+" if signed and minutes > 0 else "")
    h, m = divmod(abs(minutes), 60)
    return f"{sign}{h}:{m:02d}"


def punches_seen(anomalies: Sequence[str]) -> bool:
    return any(a.startswith(("Entrata", "Uscita", "Manca")) for a in anomalies)


# -- debts, recovery, credits -------------------------------------------------------------

def month_end(year: int, month: int) -> date:
    from calendar import monthrange

    return date(year, month, monthrange(year, month)[1])


def add_months(day: date, months: int) -> tuple[int, int]:
    total = day.year * 12 + day.month - 1 + months
    return total // 12, total % 12 + 1


def late_deadline(day: date) -> date:
    """A ritardo: by the last day of the following month (art. 54)."""
    return month_end(*add_months(day, 1))


def permesso_deadline(day: date) -> date:
    """A permesso breve: within the two following months (art. 16)."""
    return month_end(*add_months(day, 2))


def riposo_deadline(day: date) -> date:
    """A riposo compensativo: within the school year and the three months after it."""
    end = SchoolYear.of(day).end
    return month_end(*add_months(end, 3))


def check_permesso_breve(minutes: int, daily_minutes: int, used_in_year: int) -> None:
    """At most half the daily hours; at most 36 hours a school year (art. 16)."""
    if minutes <= 0:
        raise ValidationError({"minutes": "Indicare la durata del permesso breve in minuti."})
    if minutes * 2 > daily_minutes:
        raise ValidationError({"minutes": f"Un permesso breve di {format_duration(minutes)} "
                                          "supera la metà dell'orario del giorno "
                                          f"({format_duration(daily_minutes)})."})
    if used_in_year + minutes > PERMESSI_BREVI_YEAR:
        raise ValidationError({"minutes": "Si superano le 36 ore di permessi brevi dell'anno "
                                          f"scolastico (già fruite "
                                          f"{format_duration(used_in_year)})."})


@dataclass
class Debt:
    day: date
    kind: str                 # "ritardo" or "permesso"
    minutes: int
    deadline: date
    recovered: int = 0
    expired: bool = False

    @property
    def open(self) -> int:
        return self.minutes - self.recovered


@dataclass(frozen=True)
class Manual:
    """A manual row of the balance: ``minutes`` as entered (positive), its kind."""

    day: date
    kind: str
    minutes: int
    reason: str = ""

    @property
    def on_balance(self) -> int:
        if self.kind == "correzione":
            return self.minutes
        if self.kind in ("pagate", "riposo"):
            return -self.minutes
        return 0      # riposo_fruito: its minutes justify the day (Schedule.justified)


@dataclass
class Ledger:
    """The balance from the start of the school year to ``until``: debts with what recovered
    them, the credit left, deductions for debts not recovered in time."""

    until: date
    debts: list[Debt] = field(default_factory=list)
    credit: int = 0                 # extra minutes not used to recover a debt
    deducted: int = 0               # minutes past their deadline (pay deduction)
    balance: int = 0
    riposi: int = 0                 # riposi compensativi available
    paid: int = 0

    @property
    def open_debts(self) -> list[Debt]:
        return [d for d in self.debts if d.open > 0 and not d.expired]


def build_ledger(days: Iterable[DayResult], manual: Iterable[Manual], until: date) -> Ledger:
    """Walk the days in order: a short day opens a debt, covered first by the credit already
    earned; a long day (and a positive
    correction) recovers the open debts, the earliest deadline first, then adds to the credit.
    A debt whose deadline passes unrecovered becomes a deduction. Extra hours paid or turned
    into riposi come out of the credit (never below zero: the services refuse it)."""
    led = Ledger(until)
    events: list[tuple[date, int, object]] = []
    for r in days:
        if r.day <= until:
            events.append((r.day, 0, r))
    for m in manual:
        if m.day <= until:
            events.append((m.day, 1, m))
    events.sort(key=lambda e: (e[0], e[1]))
    for day, _o, ev in events:
        _expire(led, day)
        if isinstance(ev, DayResult):
            led.balance += ev.net
            if ev.permesso_debt:
                _open(led, Debt(day, "permesso", ev.permesso_debt, permesso_deadline(day)))
            if ev.late_debt:
                _open(led, Debt(day, "ritardo", ev.late_debt, late_deadline(day)))
            if ev.net > 0:
                _recover(led, ev.net)
        else:
            led.balance += ev.on_balance
            if ev.kind == "correzione":
                if ev.minutes > 0:
                    _recover(led, ev.minutes)
                else:
                    led.credit += ev.minutes
            elif ev.kind == "pagate":
                led.credit -= ev.minutes
                led.paid += ev.minutes
            elif ev.kind == "riposo":
                led.credit -= ev.minutes
                led.riposi += ev.minutes
            elif ev.kind == "riposo_fruito":
                led.riposi -= ev.minutes
    _expire(led, until)
    return led


def _open(led: Ledger, debt: Debt) -> None:
    """A new debt is first covered by the credit already earned."""
    take = min(max(led.credit, 0), debt.minutes)
    debt.recovered, led.credit = take, led.credit - take
    led.debts.append(debt)


def _recover(led: Ledger, minutes: int) -> None:
    debts = (d for d in led.debts if d.open > 0 and not d.expired)
    for d in sorted(debts, key=lambda d: (d.deadline, d.day)):
        take = min(minutes, d.open)
        d.recovered += take
        minutes -= take
        if not minutes:
            return
    led.credit += minutes


def _expire(led: Ledger, day: date) -> None:
    """A debt still open after its deadline is no longer recoverable: a pay deduction."""
    for d in led.debts:
        if d.deadline < day and d.open > 0 and not d.expired:
            led.deducted += d.open
            d.expired = True


@dataclass(frozen=True)
class MonthSummary:
    """The monthly summary of hours (art. 54): due, worked, justified, the month's net, the
    balance at the end of the month, ritardi and permessi brevi still to recover, permessi
    brevi used in the month and in the school year, extra hours and riposi."""

    year: int
    month: int
    due: int
    worked: int
    justified: int
    net: int
    balance: int
    late_open: int
    permessi_month: int
    permessi_year: int
    permessi_open: int
    permessi_recovered: int
    credit: int
    paid: int
    riposi: int
    deducted: int
    anomalies: int
    late_days: int


def month_summary(year: int, month: int, days: Sequence[DayResult],
                  manual: Sequence[Manual]) -> MonthSummary:
    """``days`` and ``manual``: from the start of the school year of the month to its end."""
    start, end = date(year, month, 1), month_end(year, month)
    led = build_ledger(days, manual, end)
    inmonth = [d for d in days if start <= d.day <= end]
    sy = SchoolYear.of(start)
    perm = [d for d in led.debts if d.kind == "permesso"]
    return MonthSummary(
        year, month,
        due=sum(d.due for d in inmonth), worked=sum(d.worked for d in inmonth),
        justified=sum(d.justified for d in inmonth), net=sum(d.net for d in inmonth),
        balance=led.balance,
        late_open=sum(d.open for d in led.open_debts if d.kind == "ritardo"),
        permessi_month=sum(d.permesso for d in inmonth),
        permessi_year=sum(d.permesso for d in days if d.day in sy and d.day <= end),
        permessi_open=sum(d.open for d in led.open_debts if d.kind == "permesso"),
        permessi_recovered=sum(d.recovered for d in perm),
        credit=led.credit, paid=led.paid, riposi=led.riposi, deducted=led.deducted,
        anomalies=sum(1 for d in inmonth if d.anomalies),
        late_days=sum(1 for d in inmonth if d.late))


def check_destination(minutes: int, credit: int, kind: str) -> None:
    """Extra hours destined (paid or riposo) cannot exceed the credit."""
    if minutes <= 0:
        raise ValidationError({"minutes": "Indicare i minuti (maggiori di zero)."})
    if minutes > credit:
        raise ValidationError({"minutes": f"{ENTRY_KINDS[kind]}: {format_duration(minutes)} "
                                          "oltre le ore eccedenti disponibili "
                                          f"({format_duration(max(credit, 0))})."})


def check_riposo_use(minutes: int, available: int, day: date, earned_on: date | None) -> None:
    if minutes <= 0:
        raise ValidationError({"minutes": "Indicare i minuti (maggiori di zero)."})
    if minutes > available:
        raise ValidationError({"minutes": f"Riposo di {format_duration(minutes)} oltre quelli "
                                          f"disponibili ({format_duration(max(available, 0))})."})
    if earned_on is not None and day > riposo_deadline(earned_on):
        raise ValidationError({"day": "Il riposo compensativo va fruito entro il "
                                      f"{format_date(riposo_deadline(earned_on))}."})
