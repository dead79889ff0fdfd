"""Consistenza of the inventories at a date: which goods the school holds, and their value.

A good enters the consistenza on the date of its carico and leaves it on the date of the
decree that discharges it (art. 33) or when a rinnovo closes its register and carries it to
a new series (domain.md §1.8). An annulled carico was a mistake: the good never belonged to
any consistenza. Every print that speaks of a consistenza (the register, the passaggio di
consegne, the yearly summary for the conto del patrimonio) reads it from here, so that they
cannot disagree.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from ...db.driver_sql import DriverSQL
from ...db.engine import Database
from ...domain.inventory import states
from ...domain.inventory.registers import DURABLE_REGISTER, REGISTERS, SHORT_NAMES

TERZI = "inv-terzi"


def is_inventory_register(code: str) -> bool:
    """Inventories of art. 31 (and their series after a rinnovo) and the beni durevoli."""
    return code == DURABLE_REGISTER or code.partition(".")[0] in REGISTERS


def base_of(code: str) -> str:
    return code.partition(".")[0]


@dataclass(frozen=True, slots=True)
class Good:
    id: int
    register: str
    number: int
    entry_date: date
    description: str
    value: int                 # cents
    annulled: bool
    out_date: date | None      # discharge decree, or the rinnovo that closed its register
    out_cause: str | None      # "scarico" | "rinnovo"
    state: str
    owner: str
    grant_title: str
    place: str

    def in_consistenza(self, at: date) -> bool:
        return (not self.annulled and self.entry_date <= at
                and (self.out_date is None or self.out_date > at))


# One row per good: discharge_item.item_id, renewal_map.old_item_id and register_entry.annuls_id
# are unique, so the left joins never multiply rows.
_GOODS = (
    "SELECT i.id, i.register, i.number, e.entry_date, e.description, i.value, a.id, "
    "d.decree_date, ne.entry_date, i.status, ser.closed_on, i.state, i.owner, i.grant_title, "
    "s.code, r.name "   # the plesso by its short code: the annex stays one line per good
    "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
    "LEFT JOIN register_entry a ON a.annuls_id = e.id "
    "LEFT JOIN inventory_discharge_item x ON x.item_id = i.id "
    "LEFT JOIN inventory_discharge d ON d.id = x.discharge_id "
    "LEFT JOIN inventory_renewal_map m ON m.old_item_id = i.id "
    "LEFT JOIN inventory_item ni ON ni.id = m.new_item_id "
    "LEFT JOIN register_entry ne ON ne.id = ni.entry_id "
    "LEFT JOIN inventory_series ser ON ser.code = i.register "
    "LEFT JOIN site s ON s.id = i.site_id LEFT JOIN room r ON r.id = i.room_id ")


def load_goods(db: Database, registers: Iterable[str] | None = None) -> list[Good]:
    """Every good (of ``registers``, or of every register), in register and number order."""
    params: list = []
    where = ""
    if registers is not None:
        codes = list(registers)
        if not codes:
            return []
        where = f"WHERE i.register IN ({', '.join('?' * len(codes))}) "
        params = codes
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(_GOODS + where + "ORDER BY i.register, i.number", params)
        rows = sql.cursor.fetchall()
        to_date = sql.to_date
    out = []
    for (id_, reg, number, day, text, cents, annulled_by, decree, renewed, status, closed,
         state, owner, title, site, room) in rows:
        out_date, cause = None, None
        if decree is not None:
            out_date, cause = to_date(decree), "scarico"
        elif renewed is not None:
            out_date, cause = to_date(renewed), "rinnovo"
        elif status == states.RENEWED:
            # Closed by a rinnovo whose map is not (yet) recorded: out from the closing of its
            # series or, if even that is unknown, from its own carico (never counted).
            out_date = to_date(closed) if closed is not None else to_date(day)
            cause = "rinnovo"
        place = " – ".join(p for p in (site, room) if p)
        out.append(Good(id_, reg, number, to_date(day), text, int(cents), annulled_by is not None,
                        out_date, cause, state, owner or "", title or "", place))
    return out


@dataclass(frozen=True)
class RegisterInfo:
    code: str
    title: str
    base: str

    @property
    def terzi(self) -> bool:
        return self.base == TERZI


def register_title(code: str) -> str:
    base = base_of(code)
    title = REGISTERS.get(base) or ("Registro dei beni durevoli" if code == DURABLE_REGISTER
                                    else code)
    if code != base:
        title += f" – serie {code.partition('.')[2]}"
    return title


def short_title(code: str) -> str:
    base = base_of(code)
    name = SHORT_NAMES.get(base, base)
    return name if code == base else f"{name} (serie {code.partition('.')[2]})"


def inventory_registers(db: Database, used: Iterable[str] = ()) -> list[RegisterInfo]:
    """The inventories of art. 31 in their legal order, each followed by its series (opened by
    a rinnovo), plus any other series found among ``used`` codes. Beni durevoli excluded."""
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT code, base, opened_on FROM inventory_series ORDER BY opened_on, code")
        series = [(code, base) for code, base, _ in sql.cursor.fetchall()]
    codes: list[str] = []
    extra = {c for c in used if c != DURABLE_REGISTER and base_of(c) in REGISTERS}
    for base in REGISTERS:
        codes.append(base)
        for code, sbase in series:
            if sbase == base and code != base and code not in codes:
                codes.append(code)
        codes += sorted(c for c in extra if base_of(c) == base and c not in codes)
    return [RegisterInfo(c, register_title(c), base_of(c)) for c in codes]


@dataclass(frozen=True)
class RegisterConsistenza:
    """Closing figures of a printed inventory register (art. 31: every decrease annotated)."""

    at: date
    loaded: int           # valid carichi (annulled ones excluded)
    loaded_value: int
    discharged: int       # left by a discharge decree dated on or before ``at``
    discharged_value: int
    renewed: int          # carried to a new series by a rinnovo
    renewed_value: int
    count: int            # in consistenza at ``at``
    value: int


def register_consistenza(db: Database, register: str,
                         at: date | None = None) -> RegisterConsistenza:
    at = at or date.today()
    goods = [g for g in load_goods(db, [register]) if not g.annulled and g.entry_date <= at]
    gone = [g for g in goods if g.out_date is not None and g.out_date <= at]
    disc = [g for g in gone if g.out_cause == "scarico"]
    ren = [g for g in gone if g.out_cause == "rinnovo"]
    kept = [g for g in goods if g.in_consistenza(at)]
    return RegisterConsistenza(at, len(goods), sum(g.value for g in goods), len(disc),
                               sum(g.value for g in disc), len(ren), sum(g.value for g in ren),
                               len(kept), sum(g.value for g in kept))
