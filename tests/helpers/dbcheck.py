"""Independent checks of a register database, with raw sqlite3 (not through our code)."""
from __future__ import annotations

import sqlite3
from pathlib import Path


def raw_connect(path: Path) -> sqlite3.Connection:
    con = sqlite3.connect(str(path), timeout=10, isolation_level=None)
    con.execute("PRAGMA busy_timeout=10000")
    return con


def check_register_file(path: Path, *, register: str, year: int, lines_per_entry: int,
                        extra_audit_rows: int) -> int:
    """Assert every storage and register invariant; return N, the number of entries."""
    con = raw_connect(path)
    try:
        assert con.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert con.execute("PRAGMA foreign_key_check").fetchall() == []
        numbers = [r[0] for r in con.execute(
            "SELECT number FROM register_entry WHERE register=? AND year=? ORDER BY number",
            (register, year))]
        n = len(numbers)
        assert numbers == list(range(1, n + 1)), _gap(numbers)
        assert con.execute("SELECT count(*) FROM register_entry").fetchone()[0] == n
        counter = con.execute("SELECT value FROM counter WHERE register=? AND year=?",
                              (register, year)).fetchone()
        assert (counter[0] if counter else 0) == n
        bad = con.execute(
            "SELECT e.id, count(l.id) FROM register_entry e "
            "LEFT JOIN register_entry_line l ON l.entry_id = e.id "
            "GROUP BY e.id HAVING count(l.id) != ?", (lines_per_entry,)).fetchall()
        assert bad == [], f"registrazioni con righe mancanti: {bad[:5]}"
        assert con.execute("SELECT count(*) FROM register_entry_line").fetchone()[0] == \
            n * lines_per_entry
        # Each entry and each line has its own insert row in the audit log.
        # Each entry and each line has its own insert row in the audit log, whose "after"
        # holds the values written (identified by content, not by the entity_id format).
        entries_audited = set(con.execute(
            "SELECT json_extract(after, '$.register'), json_extract(after, '$.year'), "
            "json_extract(after, '$.number') FROM audit_log "
            "WHERE action='insert' AND entity='register_entry'").fetchall())
        entries = set(con.execute("SELECT register, year, number FROM register_entry"))
        missing = sorted(entries - entries_audited)
        assert missing == [], f"registrazioni senza riga di audit: {missing[:5]}"
        lines_audited = set(con.execute(
            "SELECT json_extract(after, '$.entry_id'), json_extract(after, '$.line_no') "
            "FROM audit_log WHERE action='insert' AND entity='register_entry_line'").fetchall())
        lines = set(con.execute("SELECT entry_id, line_no FROM register_entry_line"))
        missing = sorted(lines - lines_audited)
        assert missing == [], f"righe senza riga di audit: {missing[:5]}"
        audit = con.execute("SELECT count(*) FROM audit_log").fetchone()[0]
        assert audit == n * (1 + lines_per_entry) + extra_audit_rows
        head = con.execute("SELECT seq FROM audit_head WHERE id=1").fetchone()[0]
        assert head == audit
        return n
    finally:
        con.close()


def _gap(numbers: list[int]) -> str:
    expected = 1
    for n in numbers:
        if n != expected:
            return f"dopo {expected - 1} viene {n}"
        expected += 1
    return "ok"


def file_state(path: Path) -> dict[str, bytes | None]:
    """The bytes of a database file and of its sidecars (None when absent)."""
    out = {}
    for suffix in ("", "-wal", "-shm", "-journal"):
        p = Path(str(path) + suffix)
        out[suffix or "db"] = p.read_bytes() if p.exists() else None
    return out


def _audit_diagnosis(con: sqlite3.Connection, audit: int, expected: int) -> str:
    """What the audit log holds beyond (or short of) one row per entry, line and user."""
    by_entity = con.execute("SELECT entity, action, count(*) FROM audit_log "
                            "GROUP BY entity, action").fetchall()
    repeated = con.execute("SELECT entity, entity_id, count(*) FROM audit_log "
                           "GROUP BY entity, entity_id HAVING count(*) > 1 LIMIT 5").fetchall()
    orphans = con.execute(
        "SELECT id, entity, entity_id FROM audit_log WHERE entity = 'register_entry' AND "
        "CAST(entity_id AS INTEGER) NOT IN (SELECT id FROM register_entry) LIMIT 5").fetchall()
    return (f"righe di audit {audit}, attese {expected}; per tabella {by_entity}; "
            f"ripetute {repeated}; senza registrazione {orphans}")
