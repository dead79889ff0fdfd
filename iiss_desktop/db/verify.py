"""Integrity checks of a whole database: storage, foreign keys, numbering, audit chain, triggers.

Used by ``iiss-desktop verify``, by every backup and at start-up.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import text

from .audit import GENESIS, HASHED_FIELDS, hashed_fields, row_digest
from .engine import Database
from .numbering import is_sequence
from .triggers import existing_triggers, expected_triggers
from .verify_images import check_row_images, check_warehouse_stock


@dataclass(frozen=True)
class Problem:
    check: str
    message: str


@dataclass
class Report:
    problems: list[Problem] = field(default_factory=list)
    registers_checked: int = 0
    entries_checked: int = 0
    audit_rows: int = 0
    audit_head: str = GENESIS
    rows_compared: int = 0     # current rows checked against their image in the change log

    @property
    def ok(self) -> bool:
        return not self.problems

    def add(self, check: str, message: str) -> None:
        self.problems.append(Problem(check, message))


def check_storage(conn, report: Report) -> None:
    if conn.dialect.name != "sqlite":
        return
    rows = [r[0] for r in conn.exec_driver_sql("PRAGMA integrity_check").fetchall()]
    if rows != ["ok"]:
        for r in rows[:20]:
            report.add("integrity_check", f"Struttura del file danneggiata: {r}")
    broken = conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall()[:50]
    for table, rowid, parent, _fk in broken:
        report.add("foreign_key_check",
                   f"Tabella {table}, riga {rowid}: riferimento a {parent} inesistente")


def check_numbering(conn, report: Report) -> None:
    """Every (register, year) holds exactly 1..N, and its counter says N."""
    counters = {(r, y): v for r, y, v in conn.execute(
        text("SELECT register, year, value FROM counter"))}
    seen = set()
    rows = conn.execute(text(
        "SELECT register, year, number FROM register_entry ORDER BY register, year, number"))
    current, expected = None, 1
    for register, year, number in rows:
        key = (register, year)
        report.entries_checked += 1
        if key != current:
            if current is not None:
                _close_register(report, current, expected - 1, counters)
            current, expected = key, 1
            seen.add(key)
        if number == expected - 1:
            report.add("numerazione", f"Registro {register} anno {year}: "
                                      f"numero {number} duplicato")
            continue
        if number != expected:
            missing = (f"numero {expected} mancante" if number == expected + 1 else
                       f"numeri da {expected} a {number - 1} mancanti")
            report.add("numerazione", f"Registro {register} anno {year}: {missing} "
                                      f"(dopo il n. {expected - 1} viene il n. {number})")
        expected = number + 1
    if current is not None:
        _close_register(report, current, expected - 1, counters)
    for key, value in counters.items():
        if key not in seen and value and not is_sequence(key[0]):
            report.add("numerazione", f"Registro {key[0]} anno {key[1]}: il contatore è a {value} "
                                      "ma il registro non ha registrazioni")
    report.registers_checked = len(seen)


def _close_register(report: Report, key, last: int, counters) -> None:
    counter = counters.get(key)
    if counter != last:
        report.add("numerazione", f"Registro {key[0]} anno {key[1]}: ultimo numero {last}, "
                                  f"contatore {counter}")


def check_audit_chain(conn, report: Report, batch: int = 5000) -> None:
    """Recompute every hash in order; report the first row that breaks the chain."""
    prev, expected_id, last_id = GENESIS, 1, 0
    cols = ", ".join(HASHED_FIELDS + ("prev_hash", "hash"))
    while True:
        rows = conn.execute(text(f"SELECT {cols} FROM audit_log WHERE id > :last "
                                 "ORDER BY id LIMIT :n"),
                            {"last": last_id, "n": batch}).mappings().all()
        if not rows:
            break
        for row in rows:
            report.audit_rows += 1
            if row["id"] != expected_id:
                report.add("audit", f"Registro delle modifiche: riga {expected_id} mancante "
                                    f"(si passa alla riga {row['id']})")
                return
            if (row["prev_hash"] != prev
                    or row_digest(prev, hashed_fields(dict(row))) != row["hash"]):
                report.add("audit", f"Registro delle modifiche: la riga {row['id']} è stata "
                                    "alterata (la catena di impronte si interrompe qui)")
                return
            prev, expected_id, last_id = row["hash"], expected_id + 1, row["id"]
    head = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).first()
    if head is None:
        report.add("audit", "Registro delle modifiche: testa della catena mancante")
    elif head.seq != expected_id - 1 or head.hash != prev:
        report.add("audit", f"Registro delle modifiche: l'ultima riga è la {expected_id - 1} "
                            f"ma la testa della catena indica la {head.seq} "
                            "(righe finali rimosse o aggiunte a mano)")
    report.audit_head = prev


def check_triggers(conn, report: Report) -> None:
    missing = expected_triggers(conn) - existing_triggers(conn)
    for name in sorted(missing):
        report.add("protezioni", f"Protezione del registro mancante: trigger {name}")


CORE_TABLES = ("counter", "register_entry", "register_entry_line", "audit_log", "audit_head",
               "db_protection")


def check_schema(conn, report: Report) -> bool:
    from sqlalchemy import inspect

    missing = [t for t in CORE_TABLES if t not in set(inspect(conn).get_table_names())]
    if missing:
        report.add("schema", "L'archivio non contiene le tabelle di iiss_desktop "
                             f"({', '.join(missing)}): non è un archivio del programma o è vuoto.")
    return not missing


def verify(db: Database) -> Report:
    report = Report()
    engine = db.read_engine
    if engine.dialect.name == "postgresql":
        # One snapshot for every check: other PCs keep writing while verify reads.
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn:
        check_storage(conn, report)
        if not check_schema(conn, report):
            return report
        check_triggers(conn, report)
        check_numbering(conn, report)
        check_audit_chain(conn, report)
        report.rows_compared = check_row_images(conn, report)
        check_warehouse_stock(conn, report)
    return report
