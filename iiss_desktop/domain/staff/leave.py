"""Leave arithmetic (issue 16 item 2): the yearly entitlements of ferie, festività soppresse and
permessi, the cost of a use, the carry-over and its expiry. Pure functions, no database: the
services feed them the contract periods, the working pattern and the calendar, and write what
they return as ledger rows (models/staff_leave.py). A balance is always the sum of the rows.

Quantities are integers: days in hundredths of a day (29,33 days = 2933), hours in minutes
(18 h = 1080), so sums are exact and a clerk re-adds the statement by hand.

The rules, with how sure domain.md §5.5 is of each ([C] confirmed, [C-3p] third party only,
[U] unconfirmed, or domain.md silent: a default of ours, labelled so in the statement):

- Ferie: 32 working days a school year (including the 2 days of L. 937/1977); 30 in the first
  three years of service (CCNL 04/08/1995 art. 19 cc.2-4 [C]; that CCNL 2007 art. 13 is
  identical is [U]). The 32 apply from the first month that starts after three years of service
  (service_since + 3 years) [U]: the months before it count 30/12, the months after 32/12.
- Pro rata by twelfths in the year of hiring or leaving (art. 19 c.6 [C]), and for fixed-term
  staff in proportion to the service (CCNL 2007 art. 19 c.2 [C-3p]). «La frazione di mese
  superiore a quindici giorni è considerata a tutti gli effetti come mese intero» (art. 19 c.6,
  text of the CCNL): a calendar month counts when served whole or for MORE than 15 days; exactly
  15 days do not count. The months are the calendar months of the school year (settembre …
  agosto), each judged by the days served in it.
- Part-time: horizontal part-time (shorter days, every day of the week) keeps the full-time
  days; vertical part-time has days «proporzionati alle giornate di lavoro prestate» [C-3p]:
  the entitlement × working days a week ÷ 6 (the six-day week of the CCNL, on which the sixth
  day «è comunque considerato lavorativo» [C]). A part-time pattern with fewer than six working
  days is read as vertical or mixed [U]: on a five-day pattern the two readings give the same
  days off (5/6 × 32 = 26,67 days at 1 a day, or 32 at 1,2 a day = 26,67 days).
- Five-day week (full time): the sixth day counts as a working day and the days taken in
  fractions of a week count 1,2 each (art. 19 c.5 [C]). The ledger keeps the 32 days and a day
  of ferie taken costs 1,20: a whole week Monday-Friday costs 6,00, exactly a six-day week; 32
  days are worth 32 ÷ 1,2 = 26,67 days off on five days. Only ferie are converted (the clause
  speaks of «computo delle ferie») [U for the other causes].
- The entitlement is rounded to the whole day, half up [U: domain.md is silent; a day of ferie
  is taken whole]: 32 × 11/12 = 29,33 → 29; 32 × 5/6 = 26,67 → 27.
- Festività soppresse: 4 days a school year (L. 937/1977 [U]), pro rata like the ferie [U].
- Permessi retribuiti per motivi personali o familiari: 3 days a school year, for ATA also 18
  hours [C-3p]; not pro rata [U].
- Residual ferie not taken for service needs or illness are carried to the next school year and
  taken by 30 April of the following calendar year (CCNL 2007 art. 13 c.10 for ATA, «entro il
  mese di aprile dell'anno successivo» [U: not in domain.md]); carried days are used first.
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from ..dates import MONTHS_IT, SchoolYear, format_date
from ..errors import ValidationError

DAYS, HOURS = "giorni", "ore"
UNITS = {DAYS: "Giorni", HOURS: "Ore"}
ONE_DAY = 100                      # hundredths of a day
FIVE_DAY_FACTOR = 120              # a day of ferie on a five-day week costs 1,20 days

FERIE_FULL, FERIE_NEW = 32, 30     # days (art. 19 cc.2-3)
FIRST_YEARS = 3                    # years of service at 30 days (art. 19 c.4)
MONTH_THRESHOLD = 15               # a fraction of a month counts when MORE than 15 days (c.6)
FESTIVITA_DAYS = 4                 # L. 937/1977 [U]
PERSONAL_DAYS = 3                  # [C-3p]
PERSONAL_HOURS_ATA = 18            # [C-3p]
CARRY_DEADLINE = (4, 30)           # 30 April of the calendar year after the school year [U]

# The ledger's accounts: what a balance is kept of. Each cause counts towards one or none.
ACCOUNTS = {
    "ferie": ("Ferie", DAYS),
    "festivita_soppresse": ("Festività soppresse", DAYS),
    "permessi_personali": ("Permessi per motivi personali o familiari", DAYS),
    "permessi_orari": ("Permessi orari per motivi personali o familiari (ATA)", HOURS),
    "concorsi_esami": ("Permessi per concorsi o esami", DAYS),
    "visite_specialistiche": ("Visite, terapie ed esami specialistici", HOURS),
    "permessi_brevi": ("Permessi brevi (da recuperare)", HOURS),
    "diritto_studio": ("Diritto allo studio (150 ore)", HOURS),
}
# Accounts allocated every school year by allocate_year (diritto allo studio is granted on
# request within the regional quotas: allocated by hand with a rettifica).
ALLOCATED = ("ferie", "festivita_soppresse", "permessi_personali", "permessi_orari",
             "concorsi_esami", "visite_specialistiche", "permessi_brevi")
COUNTS_TOWARDS = {
    "": "Nessun saldo",
    **{code: label for code, (label, _unit) in ACCOUNTS.items()},
    "l104_mese": "Limite mensile dei permessi L. 104/1992",
    "comporto": "Periodo di comporto della malattia (18 mesi nel triennio)",
    "congedo_parentale": "Mesi di congedo parentale indennizzati (per figlio)",
}
PERIODS = {"": "Nessun limite", "anno": "Per anno scolastico", "mese": "Per mese",
           "evento": "Per evento"}
COUNTING = {"lavorativi": "Giorni lavorativi dell'orario", "consecutivi": "Giorni di calendario"}
ENTRY_KINDS = {
    "assegnazione": "Assegnazione dell'anno",
    "fruizione": "Fruizione",
    "riporto": "Riporto",
    "scadenza": "Scadenza",
    "rettifica": "Rettifica",
}
# A request of an absence: recorded by the office, decided by the DSGA or the dirigente.
# «approvata» has written the absence and its use; «rifiutata» and «annullata» are final (an
# approved one refused or withdrawn has its absence annulled and the use given back).
REQUEST_STATES = {"richiesta": "In attesa di decisione", "approvata": "Approvata",
                  "rifiutata": "Rifiutata", "annullata": "Annullata"}
OPEN_STATES = ("richiesta", "approvata")
CONFIDENCE = {"C": "confermata", "C-3p": "confermata da fonte secondaria",
              "U": "da verificare (valore predefinito)"}


@dataclass(frozen=True)
class CauseRule:
    """An absence cause as shipped (the school may edit it: models/staff_leave.AbsenceCause).
    ``allowance``: the limit in the unit's integers (hundredths of a day, minutes), per
    ``period``; ``profiles``: the profiles that may use it ("" = every ATA profile);
    ``confidential``: health-related, seen only by the DSGA and the dirigente."""

    code: str
    name: str
    unit: str
    paid_percent: int
    counts_towards: str
    document: str
    source: str
    confidence: str
    allowance: int | None = None
    period: str = ""
    counting: str = "lavorativi"
    confidential: bool = False
    profiles: str = ""
    pay_rule: str = ""
    half_day_max: bool = False       # at most half the day's hours (permessi brevi, art. 16)


def _d(days: int | float) -> int:
    return round(days * ONE_DAY)


def _h(hours: int) -> int:
    return hours * 60


ATA = "DSGA,AA,AT,CS,CUO,GUA,INF,OP"
DEFAULT_CAUSES: tuple[CauseRule, ...] = (
    CauseRule("ferie", "Ferie", DAYS, 100, "ferie", "Domanda al dirigente scolastico",
              "CCNL 04/08/1995 art. 19; CCNL 29/11/2007 art. 13", "C"),
    CauseRule("festivita_soppresse", "Festività soppresse", DAYS, 100, "festivita_soppresse",
              "Domanda al dirigente scolastico", "L. 23/12/1977 n. 937", "U",
              _d(FESTIVITA_DAYS), "anno"),
    CauseRule("permesso_personale", "Permesso retribuito per motivi personali o familiari",
              DAYS, 100, "permessi_personali", "Autocertificazione dei motivi",
              "CCNL 29/11/2007 art. 15 c.2", "C-3p", _d(PERSONAL_DAYS), "anno"),
    CauseRule("permesso_personale_ore", "Permesso orario per motivi personali o familiari",
              HOURS, 100, "permessi_orari", "Autocertificazione dei motivi",
              "CCNL 2016-18 art. 31 (personale ATA)", "C-3p", _h(PERSONAL_HOURS_ATA), "anno",
              profiles=ATA),
    CauseRule("concorsi_esami", "Permesso per concorsi o esami", DAYS, 100, "concorsi_esami",
              "Attestazione di partecipazione alle prove", "CCNL 29/11/2007 art. 15 c.1",
              "C-3p", _d(8), "anno"),
    CauseRule("lutto", "Permesso per lutto", DAYS, 100, "",
              "Autocertificazione del decesso e del grado di parentela",
              "CCNL 29/11/2007 art. 15 c.1", "C-3p", _d(3), "evento"),
    CauseRule("matrimonio", "Permesso per matrimonio", DAYS, 100, "",
              "Certificato o autocertificazione del matrimonio",
              "CCNL 29/11/2007 art. 15 c.3", "C-3p", _d(15), "evento", "consecutivi"),
    CauseRule("visite_specialistiche", "Visite, terapie, prestazioni ed esami specialistici",
              HOURS, 100, "visite_specialistiche", "Attestazione della struttura sanitaria",
              "CCNL 2016-18 art. 33", "C-3p", _h(18), "anno", confidential=True),
    CauseRule("l104_giorni", "Permesso L. 104/1992 (giornaliero)", DAYS, 100, "l104_mese",
              "Verbale della commissione medica e domanda con la programmazione mensile",
              "L. 104/1992 art. 33 c.3", "C", _d(3), "mese", confidential=True),
    CauseRule("l104_ore", "Permesso L. 104/1992 (orario)", HOURS, 100, "l104_mese",
              "Verbale della commissione medica e domanda con la programmazione mensile",
              "CCNL 2019-21 art. 68", "C", _h(18), "mese", confidential=True, profiles=ATA),
    CauseRule("permesso_breve", "Permesso breve (da recuperare)", HOURS, 100, "permessi_brevi",
              "Domanda al dirigente scolastico; recupero entro i due mesi lavorativi successivi",
              "CCNL 29/11/2007 art. 16", "C", _h(36), "anno", half_day_max=True),
    CauseRule("malattia", "Malattia", DAYS, 100, "comporto",
              "Certificato medico telematico (numero di protocollo INPS)",
              "CCNL 29/11/2007 art. 17", "U", counting="consecutivi", confidential=True,
              pay_rule="Comporto di 18 mesi nel triennio: 9 mesi al 100 %, 3 al 90 %, 6 al "
                       "50 %; trattenuta nei primi 10 giorni di ogni evento (DL 112/2008 "
                       "art. 71)"),
    CauseRule("congedo_parentale", "Congedo parentale", DAYS, 100, "congedo_parentale",
              "Domanda all'INPS e autocertificazione della nascita del figlio",
              "D.Lgs 151/2001 artt. 32-34", "C-3p", counting="consecutivi",
              pay_rule="Fino ai 12 anni del figlio, 9 mesi indennizzati in tutto: primi 30 "
                       "giorni al 100 % (CCNL); 2° e 3° mese all'80 % entro i 6 anni "
                       "(L. 207/2024); altri mesi al 30 %"),
    CauseRule("diritto_studio", "Permesso per diritto allo studio", HOURS, 100,
              "diritto_studio", "Certificato di iscrizione e attestato di frequenza",
              "DPR 395/1988 art. 3", "U", _h(150), "anno"),
    CauseRule("congedo_covid", "Congedo parentale Covid (quarantena del figlio o sospensione "
              "delle lezioni)", DAYS, 50, "", "Provvedimento di quarantena del figlio o di "
              "sospensione dell'attività didattica", "DL 30/2021 art. 2", "U",
              counting="consecutivi", confidential=True),
    CauseRule("quarantena_covid", "Isolamento o quarantena Covid", DAYS, 100, "",
              "Provvedimento dell'ASL o certificato del medico curante",
              "DL 18/2020 art. 87 c.1", "U", counting="consecutivi", confidential=True,
              pay_rule="Equiparata al ricovero: non computata nel comporto"),
    CauseRule("vaccino_covid", "Assenza per vaccinazione Covid", DAYS, 100, "",
              "Attestazione dell'avvenuta vaccinazione", "DL 41/2021 art. 31 c.5", "U",
              confidential=True, pay_rule="Giustificata, senza decurtazione del trattamento"),
)
CAUSES_BY_CODE = {c.code: c for c in DEFAULT_CAUSES}


# --- formatting ----------------------------------------------------------------------------

def _fmt_number(value: Fraction | int, places: int = 2) -> str:
    q = round(Fraction(value) * 10 ** places)
    sign = "-" if q < 0 else ""
    whole, frac = divmod(abs(q), 10 ** places)
    text = f"{whole:,}".replace(",", ".")
    return f"{sign}{text},{frac:0{places}d}" if places else f"{sign}{text}"


def format_amount(amount: int, unit: str, *, signed: bool = False) -> str:
    """2933 giorni -> "29,33 gg"; 3000 -> "30 gg"; 1080 minutes -> "18 h"; 90 -> "1 h 30 min"."""
    sign = "+" if signed and amount > 0 else ""
    if unit == HOURS:
        neg = "-" if amount < 0 else ""
        h, m = divmod(abs(amount), 60)
        text = f"{h} h" + (f" {m:02d} min" if m else "") if h else f"{m} min"
        return f"{sign}{neg}{text}"
    if amount % ONE_DAY == 0:
        return f"{sign}{amount // ONE_DAY} gg"
    return f"{sign}{_fmt_number(Fraction(amount, ONE_DAY))} gg"


def parse_hours(text: str, field: str = "minutes") -> int:
    """"2", "1:30", "1,5" hours -> minutes."""
    raw = (text or "").strip().replace(".", ":").replace(",", ".")
    try:
        if ":" in raw:
            h, m = raw.split(":", 1)
            minutes = int(h) * 60 + int(m)
            if not 0 <= int(m) < 60:
                raise ValueError
        else:
            minutes = round(float(raw) * 60)
    except ValueError:
        raise ValidationError({field: f"«{text}» non è una durata in ore (es. 2 o 1:30)."}
                              ) from None
    if minutes <= 0:
        raise ValidationError({field: "Indicare una durata maggiore di zero."})
    return minutes


# --- months of service ---------------------------------------------------------------------

@dataclass(frozen=True)
class ServicePeriod:
    """Days of service in the school year: a contract period (``start``-``end`` inclusive) and
    the share of the full-time days it gives (1 full or horizontal part-time; working days a
    week ÷ 6 for vertical part-time)."""

    start: date
    end: date
    day_share: Fraction = Fraction(1)


@dataclass(frozen=True)
class CountedMonth:
    year: int
    month: int
    days_served: int
    days_in_month: int
    counted: bool
    share: Fraction
    base: int                    # 30 or 32 days a year for this month

    @property
    def label(self) -> str:
        return f"{MONTHS_IT[self.month - 1]} {self.year}"


def _month_days(year: int, month: int) -> int:
    nxt = date(year + (month == 12), month % 12 + 1, 1)
    return (nxt - date(year, month, 1)).days


def months_of(year: SchoolYear) -> list[tuple[int, int]]:
    return [(year.start_year + (m < 9), m) for m in (*range(9, 13), *range(1, 9))]


def full_base_from(service_since: date | None) -> date | None:
    """First day of the first month that starts once three years of service are complete
    (service_since + 3 years) [U]: from it the ferie are 32 days. None: unknown, 32 (the
    domain.md rule is for the newly hired; a person without a start date is not new)."""
    if service_since is None:
        return None
    try:
        done = service_since.replace(year=service_since.year + FIRST_YEARS)
    except ValueError:                         # 29 February
        done = date(service_since.year + FIRST_YEARS, 3, 1)
    if done.day == 1:
        return done
    return date(done.year + (done.month == 12), done.month % 12 + 1, 1)


def counted_months(periods: Sequence[ServicePeriod], year: SchoolYear,
                   service_since: date | None = None) -> list[CountedMonth]:
    """Each calendar month of the school year with the days served in it and whether it counts
    (served whole or more than 15 days, art. 19 c.6)."""
    full_from = full_base_from(service_since)
    out = []
    for y, m in months_of(year):
        first, n = date(y, m, 1), _month_days(y, m)
        last = first + timedelta(days=n - 1)
        by_share: dict[Fraction, int] = {}
        served = set()
        for p in periods:
            a, b = max(p.start, first), min(p.end, last)
            if a > b:
                continue
            for i in range((b - a).days + 1):
                day = a + timedelta(days=i)
                if day not in served:
                    served.add(day)
                    by_share[p.day_share] = by_share.get(p.day_share, 0) + 1
        days = len(served)
        share = max(by_share, key=lambda s: (by_share[s], s)) if by_share else Fraction(1)
        base = FERIE_FULL if full_from is None or first >= full_from else FERIE_NEW
        out.append(CountedMonth(y, m, days, n, days == n or days > MONTH_THRESHOLD, share,
                                base))
    return out


# --- entitlements --------------------------------------------------------------------------

@dataclass(frozen=True)
class Entitlement:
    """An allocation: the amount (integers of the unit) and the arithmetic, line by line."""

    account: str
    amount: int
    lines: tuple[str, ...]

    @property
    def explanation(self) -> str:
        return "; ".join(self.lines)


def _share_text(share: Fraction) -> str:
    return "" if share == 1 else f" × {share.numerator}/{share.denominator} (part-time)"


def _round_days(value: Fraction) -> int:
    """Whole days, half up [U], in hundredths."""
    return int(value + Fraction(1, 2)) * ONE_DAY


def _groups(months: list[CountedMonth]):
    """Consecutive counted months with the same base and share: (first, last, n, base, share)."""
    groups: list[list] = []
    for m in months:
        if not m.counted:
            continue
        if groups and groups[-1][3] == m.base and groups[-1][4] == m.share \
                and groups[-1][5] == months.index(m) - 1:
            groups[-1][1] = m
            groups[-1][2] += 1
            groups[-1][5] = months.index(m)
        else:
            groups.append([m, m, 1, m.base, m.share, months.index(m)])
    return [(g[0], g[1], g[2], g[3], g[4]) for g in groups]


def _partial_notes(months: list[CountedMonth]) -> list[str]:
    notes = []
    for m in months:
        if 0 < m.days_served < m.days_in_month:
            verdict = ("più di 15: conta come mese intero" if m.counted
                       else "non più di 15: non conta")
            notes.append(f"{m.label}: {m.days_served} giorni di servizio ({verdict})")
    return notes


def _prorated(account: str, months: list[CountedMonth], base_of, what: str) -> Entitlement:
    total = Fraction(0)
    lines = _partial_notes(months)
    for first, last, n, base, share in _groups(months):
        yearly = base_of(base)
        part = Fraction(yearly * n, 12) * share
        total += part
        to = "ad" if last.label[0] in "aeiou" else "a"
        span = first.label if first is last else f"da {first.label} {to} {last.label}"
        lines.append(f"{span}: {yearly} × {n}/12{_share_text(share)} = "
                     f"{_fmt_number(part)}")
    if not any(m.counted for m in months):
        lines.append("nessun mese di servizio conteggiato")
    amount = _round_days(total)
    lines.append(f"totale {what} {_fmt_number(total)} → {amount // ONE_DAY} "
                 "(arrotondato all'unità [U])")
    return Entitlement(account, amount, tuple(lines))


def ferie_entitlement(periods: Sequence[ServicePeriod], year: SchoolYear,
                      service_since: date | None = None, *, five_day: bool = False
                      ) -> Entitlement:
    """The ferie of a school year (rules in the module docstring)."""
    months = counted_months(periods, year, service_since)
    ent = _prorated("ferie", months, lambda base: base, "ferie")
    if five_day:
        ent = Entitlement(ent.account, ent.amount, ent.lines + (
            f"cinque giorni a settimana: 1,2 per giorno di ferie, {ent.amount // ONE_DAY} gg "
            f"= {_fmt_number(Fraction(ent.amount, FIVE_DAY_FACTOR))} giorni di assenza",))
    return ent


def festivita_entitlement(periods: Sequence[ServicePeriod], year: SchoolYear,
                          days: int = FESTIVITA_DAYS) -> Entitlement:
    """The festività soppresse: ``days`` a year (4, the cause's editable allowance) by the same
    twelfths and part-time share as the ferie [U]."""
    months = counted_months(periods, year)
    return _prorated("festivita_soppresse", months, lambda _base: days,
                     "festività soppresse")


def fixed_entitlement(account: str, allowance: int, unit: str) -> Entitlement:
    return Entitlement(account, allowance, (
        f"{format_amount(allowance, unit)} per anno scolastico, non ridotti [U]",))


def day_share(working_weekdays: int, part_time: bool) -> Fraction:
    """The share of the full-time days of a pattern: vertical part-time (fewer than six days
    a week) days ÷ 6; full time (five or six days) and horizontal part-time 1."""
    if part_time and 0 < working_weekdays < 6:
        return Fraction(working_weekdays, 6)
    return Fraction(1)


def is_five_day(working_weekdays: int, part_time: bool) -> bool:
    """Full time on five days: the ferie count 1,2 a day (art. 19 c.5)."""
    return working_weekdays == 5 and not part_time


# --- uses ----------------------------------------------------------------------------------

def use_cost(unit: str, working_days: int, *, minutes: int = 0, five_day: bool = False,
             account: str = "") -> int:
    """What an absence takes from its account: days ×100 (×120 for ferie on a five-day week),
    or the minutes of an hourly absence."""
    if unit == HOURS:
        return minutes
    per_day = FIVE_DAY_FACTOR if five_day and account == "ferie" else ONE_DAY
    return working_days * per_day


def days_text(start: date, end: date, counted: Sequence[date], why: dict[date, str]) -> str:
    """«5 giorni lavorativi dal 12/07 al 16/07» and the days of the span left out with why
    (domenica, festività, not a day of the pattern), so a clerk recounts by hand."""
    n = len(counted)
    text = (f"{n} giorn{'o' if n == 1 else 'i'} lavorativ{'o' if n == 1 else 'i'}"
            + (f" il {format_date(start)[:5]}" if start == end
               else f" dal {format_date(start)[:5]} al {format_date(end)[:5]}"))
    have = set(counted)
    left = [(d, why.get(d) or ("domenica" if d.weekday() == 6 else "non lavorativo"))
            for d in (start + timedelta(days=i) for i in range((end - start).days + 1))
            if d not in have]
    if left and len(left) <= 8:
        text += "; esclusi " + ", ".join(f"{format_date(d)[:5]} ({w})" for d, w in left)
    elif left:
        text += f"; esclusi {len(left)} giorni non lavorativi"
    return text


def check_dates(starts_on, ends_on) -> SchoolYear:
    """Both dates given, in order, in one school year (the ledger is per school year)."""
    if not isinstance(starts_on, date):
        raise ValidationError({"starts_on": "Indicare il primo giorno dell'assenza."})
    if not isinstance(ends_on, date):
        raise ValidationError({"ends_on": "Indicare l'ultimo giorno dell'assenza."})
    if ends_on < starts_on:
        raise ValidationError({"ends_on": (
            f"L'assenza termina il {format_date(ends_on)}, prima di iniziare il "
            f"{format_date(starts_on)}.")})
    year = SchoolYear.of(starts_on)
    if ends_on not in year:
        raise ValidationError({"ends_on": (
            f"Il {format_date(ends_on)} è fuori dall'anno scolastico {year.label} (dal "
            f"{format_date(year.start)} al {format_date(year.end)}): registrare due assenze, "
            "una per anno scolastico.")})
    return year


def carry_deadline(year: SchoolYear) -> date:
    """Residual ferie of ``year`` are taken by 30 April of the calendar year after its end
    (a.s. 2020/21 -> 30/4/2022) [U]."""
    return date(year.start_year + 2, *CARRY_DEADLINE)


def expired_amount(carried: int, used_by_deadline: int) -> int:
    """Carried days are used first: what is left of them at the deadline expires."""
    return max(0, carried - max(0, used_by_deadline))


# --- statements ----------------------------------------------------------------------------

@dataclass(frozen=True)
class LedgerRow:
    id: int
    day: date
    kind: str
    amount: int
    description: str


def running_balance(rows: Iterable[LedgerRow]) -> list[tuple[LedgerRow, int]]:
    """Each row with the balance after it (the rows in the order given)."""
    total, out = 0, []
    for row in rows:
        total += row.amount
        out.append((row, total))
    return out
