"""Integrity checks of a whole database: storage, foreign keys, numbering, audit chain, triggers.

Used by ``iiss-desktop verify``, by every backup and at start-up.
"""
from __future__ import annotations

import time
from dataclasses import dataclass, field

from sqlalchemy import inspect, text

from .audit import GENESIS, HASHED_FIELDS, row_digest
from .engine import Database
from .numbering import is_sequence
from .triggers import existing_triggers, expected_triggers
from .verify_images import (
    check_attachments,
    check_funds_availability,
    check_funds_cash,
    check_funds_residui,
    check_row_images,
    check_warehouse_stock,
)
from .verify_procurement import check_invoice_files, check_order_invoiced
from .verify_staff import check_staff_hours, check_staff_leave, check_staff_patterns


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
    keyed_from: int | None = None   # rows after this one are keyed (None: no key yet)
    anchors: list[str] = field(default_factory=list)   # what the head was compared with
    timings: list[tuple[str, float]] = field(default_factory=list)   # part, seconds

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


def check_audit_chain(conn, report: Report, batch: int = 5000, key=None) -> None:
    """Recompute every hash in order (keyed with the archive's secret after ``keyed_from``);
    report the first row that breaks the chain."""
    from .chain_key import head_identity

    archive_id, keyed_from = head_identity(conn) if _has_identity(conn) else (None, None)
    if keyed_from is not None:
        if key is None:
            report.add("audit", "Registro delle modifiche: su questo PC manca la chiave "
                                f"dell'archivio «{archive_id}»; le righe dopo la {keyed_from} "
                                "non possono essere verificate (importare la chiave con "
                                "«iiss-desktop chiave importa FILE»)")
            return
        if key.keyed_from != keyed_from:
            report.add("audit", f"Registro delle modifiche: l'archivio dice che la chiave vale "
                                f"dalla riga {keyed_from}, la chiave dalla riga "
                                f"{key.keyed_from} (inizio della firma spostato a mano)")
            return
    report.keyed_from = keyed_from
    secret = key.secret if key is not None else None
    prev, expected_id, last_id = GENESIS, 1, 0
    cols = ", ".join(HASHED_FIELDS + ("prev_hash", "hash"))
    n_fields = len(HASHED_FIELDS)
    # The driver's own cursor and plain tuples: tens of thousands of rows, each hashed once.
    cursor = conn.connection.driver_connection.cursor()
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    query = f"SELECT {cols} FROM audit_log WHERE id > {mark} ORDER BY id LIMIT {batch}"
    try:
        while True:
            cursor.execute(query, (last_id,))
            rows = cursor.fetchall()
            if not rows:
                break
            for row in rows:
                report.audit_rows += 1
                row_id = row[0]
                if row_id != expected_id:
                    report.add("audit", f"Registro delle modifiche: riga {expected_id} mancante "
                                        f"(si passa alla riga {row_id})")
                    return
                fields = dict(zip(HASHED_FIELDS, row[:n_fields], strict=True))
                keyed = keyed_from is not None and row_id > keyed_from
                if (row[n_fields] != prev or row_digest(prev, fields, secret if keyed else None)
                        != row[n_fields + 1]):
                    report.add("audit", f"Registro delle modifiche: la riga {row_id} è stata "
                                        "alterata (la catena di impronte si interrompe qui)")
                    return
                prev, expected_id, last_id = row[n_fields + 1], expected_id + 1, row_id
    finally:
        cursor.close()
    head = conn.execute(text("SELECT seq, hash FROM audit_head WHERE id = 1")).first()
    if head is None:
        report.add("audit", "Registro delle modifiche: testa della catena mancante")
    elif head.seq != expected_id - 1 or head.hash != prev:
        report.add("audit", f"Registro delle modifiche: l'ultima riga è la {expected_id - 1} "
                            f"ma la testa della catena indica la {head.seq} "
                            "(righe finali rimosse o aggiunte a mano)")
    report.audit_head = prev


def _has_identity(conn) -> bool:
    """An archive before migration 0011 has no archive id (nor key) yet."""
    return "archive_id" in {c["name"] for c in inspect(conn).get_columns("audit_head")}


def check_anchors(conn, report: Report, db: Database) -> None:
    """The head compared with what was recorded outside the file: the head log beside the
    archive and the manifests of this archive's backups made since the last restore. A
    chain cut short and its head moved back is whole in itself: these still remember."""
    from . import head_log
    from .chain_key import head_identity

    archive_id, _ = head_identity(conn)
    if archive_id is None:
        return
    path = head_log.log_path(db.path, archive_id)
    logged_for, mark = head_log.read(path)
    if logged_for is not None and logged_for != archive_id:
        report.add("anchor", f"Il registro della testa «{path.name}» accanto all'archivio è di "
                             f"un altro archivio («{logged_for}»): il file è stato sostituito")
        return
    seq = conn.execute(text("SELECT seq FROM audit_head WHERE id = 1")).scalar_one()
    refs = [(f"il registro della testa «{path.name}» ({_local(mark.at)})", mark.seq, mark.hash)
            ] if mark else []
    since = head_log.last_restore_at(path) or ""
    from .backup import manifests_of

    for manifest in manifests_of(archive_id, db.display_name, since=since)[:3]:
        refs.append((f"la copia di sicurezza «{manifest['file']}» ({manifest['created']})",
                     manifest["audit_seq"], manifest["audit_head"]))
    for source, ref_seq, ref_hash in refs:
        report.anchors.append(source)
        if ref_seq > seq:
            report.add("anchor", f"Registro delle modifiche: secondo {source} l'archivio "
                                 f"arrivava alla riga {ref_seq}, ora finisce alla {seq}: righe "
                                 "finali "
                                 "rimosse (o l'archivio è stato sostituito con una copia più "
                                 "vecchia senza usare «Ripristina»)")
            continue
        stored = conn.execute(text("SELECT hash FROM audit_log WHERE id = :i"),
                              {"i": ref_seq}).scalar() if ref_seq else GENESIS
        if ref_seq and stored != ref_hash:
            report.add("anchor", f"Registro delle modifiche: secondo {source} la riga "
                                 f"{ref_seq} aveva un'altra impronta: il registro è stato "
                                 "riscritto")


def _local(at: str) -> str:
    from datetime import UTC, datetime

    try:
        return datetime.fromisoformat(at).replace(tzinfo=UTC).astimezone().strftime(
            "%d/%m/%Y %H:%M")
    except ValueError:
        return at


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


def verify(db: Database, *, anchors: bool = True, key_hint=None) -> Report:
    """Every check; ``anchors`` compares the head with the head log and the backups (not
    for a copy being checked, which may rightly be older than the newest backup)."""
    report = Report()
    start = time.perf_counter()
    engine = db.read_engine
    if engine.dialect.name == "postgresql":
        # One snapshot for every check: other PCs keep writing while verify reads.
        engine = engine.execution_options(isolation_level="REPEATABLE READ")
    with engine.connect() as conn:
        check_storage(conn, report)
        if not check_schema(conn, report):
            return report
        checked_storage = time.perf_counter() - start
        parts = [("integrità del file e chiavi esterne", None),
                 ("protezioni", lambda: check_triggers(conn, report)),
                 ("numerazione dei registri", lambda: check_numbering(conn, report)),
                 ("catena del registro delle modifiche",
                  lambda: check_audit_chain(conn, report, key=_key_of(conn, db, key_hint))),
                 ("righe confrontate con il registro delle modifiche",
                  lambda: setattr(report, "rows_compared", check_row_images(conn, report))),
                 ("giacenze di magazzino ricostruite", lambda: check_warehouse_stock(conn,
                                                                                     report)),
                 ("disponibilità dei fondi ricostruite",
                  lambda: check_funds_availability(conn, report)),
                 ("fondo economale ricostruito", lambda: check_funds_cash(conn, report)),
                 ("residui attivi e passivi ricostruiti",
                  lambda: check_funds_residui(conn, report)),
                 ("ore settimanali degli orari ricostruite",
                  lambda: check_staff_patterns(conn, report)),
                 ("saldi di ferie e permessi ricostruiti dai movimenti",
                  lambda: check_staff_leave(conn, report)),
                 ("saldi orari ricostruiti dalle timbrature",
                  lambda: check_staff_hours(conn, report)),
                 ("allegati confrontati con la loro impronta",
                  lambda: check_attachments(conn, report)),
                 ("fatture elettroniche confrontate con la loro impronta",
                  lambda: check_invoice_files(conn, report)),
                 ("ordini: fatturato ricostruito dalle fatture abbinate",
                  lambda: check_order_invoiced(conn, report))]
        if anchors and _has_identity(conn):
            parts.append(("testa confrontata con il registro esterno e le copie",
                          lambda: check_anchors(conn, report, db)))
        for name, run in parts[1:]:
            start = time.perf_counter()
            run()
            report.timings.append((name, time.perf_counter() - start))
        report.timings.insert(0, (parts[0][0], checked_storage))
    return report


def _key_of(conn, db: Database, hint=None):
    """The archive's key: the one opened with it, else this PC's, else the one given (a
    backup's manifest)."""
    from .chain_key import head_identity, load_key

    if not _has_identity(conn):
        return None
    archive_id, _ = head_identity(conn)
    if archive_id is None:
        return None
    for key in (getattr(db, "chain_key", None), hint):
        if key is not None and key.archive_id == archive_id:
            return key
    return load_key(archive_id)
