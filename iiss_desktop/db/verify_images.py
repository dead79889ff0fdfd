"""What verify rebuilds from the archive itself: every current row of an audited table against
its last image in the change log, and the figures kept for speed (the warehouse stock rows)
against the records they sum.

A raw-SQL edit that the triggers do not block (an entry's amount or description, two numbers
swapped, a line's amount with its trigger dropped and recreated) leaves the row different
from the image the log recorded when the program last wrote it: the problem names the table,
the key, the column, the value stored and the value expected.
"""
from __future__ import annotations

import json
from collections.abc import Iterator
from decimal import Decimal, InvalidOperation

from sqlalchemy import select, text

from .audit import SECRET, _plain

_BATCH = 5000
# Migration 0010 (which creates this table) gave every row its image: from then on every
# row of an audited table has one.
IMAGES_SINCE = "dirigente_term"
_MAX_NAMED = 50          # beyond this, one line says how many more
_PLAIN = (str, int, type(None))   # stored as the log writes them: no conversion needed


def _images(conn) -> dict[tuple[str, str], dict]:
    """(table, key) -> the row as the log last recorded it (insert, then every update)."""
    images: dict[tuple[str, str], dict] = {}
    last = 0
    mark = "%s" if conn.dialect.name == "postgresql" else "?"
    query = ("SELECT id, action, entity, entity_id, after FROM audit_log "
             f"WHERE id > {mark} ORDER BY id LIMIT {_BATCH}")
    cursor = conn.connection.driver_connection.cursor()   # plain tuples: every row is read
    loads = json.loads
    try:
        while True:
            cursor.execute(query, (last,))
            rows = cursor.fetchall()
            if not rows:
                return images
            for _rid, action, entity, entity_id, after in rows:
                key = (entity, entity_id)
                if action == "delete":
                    images.pop(key, None)
                elif after and action in ("insert", "update"):
                    image = images.get(key)
                    if image is None:
                        images[key] = loads(after)
                    else:
                        image.update(loads(after))
            last = rows[-1][0]
    finally:
        cursor.close()


def _audited_tables() -> Iterator:
    from ..models.base import Base

    for mapper in Base.registry.mappers:
        if getattr(mapper.class_, "__audit__", False):
            yield mapper.local_table


def _same_amount(a, b) -> bool:
    """117.6 and 117.60, 2000 and "2000" are the same figure (the log writes what the code
    held, the driver returns what the column stores)."""
    if isinstance(a, bool) or isinstance(b, bool) or a is None or b is None:
        return False
    try:
        return Decimal(str(a)) == Decimal(str(b))
    except (InvalidOperation, ValueError):
        return False


def _shown(value) -> str:
    return "vuoto" if value is None or value == "" else f"«{value}»"


def _current_rows(conn) -> Iterator[tuple]:
    """(table, key, row) of every row of every audited table the archive has."""
    from sqlalchemy import inspect

    inspector = inspect(conn)
    existing = set(inspector.get_table_names())
    for table in _audited_tables():
        if table.name not in existing:     # an archive of an older version, before upgrade
            continue
        stored_columns = {c["name"] for c in inspector.get_columns(table.name)}
        pk = list(table.primary_key.columns)
        columns = [c for c in table.columns if c.name in stored_columns]
        names = [c.name for c in columns]
        for values in conn.execute(select(*columns)):
            row = dict(zip(names, values, strict=True))   # a dict: looked up once per column
            key = "/".join(str(_plain(row[c.name])) if row[c.name] is not None else ""
                           for c in pk)
            yield table.name, key, row


def check_row_images(conn, report) -> int:
    """Every row of every audited table equals its image in the change log. Returns the
    number of rows compared."""
    from sqlalchemy import inspect

    if IMAGES_SINCE not in inspect(conn).get_table_names():
        return 0   # before 0010 some rows were written without an image (the 0007 users)
    images = _images(conn)
    named = compared = 0
    present: set[tuple[str, str]] = set()

    def problem(message: str) -> None:
        nonlocal named
        named += 1
        if named <= _MAX_NAMED:
            report.add("immagini", message)

    tables = set()
    for table, key, row in _current_rows(conn):
        tables.add(table)
        present.add((table, key))
        image = images.get((table, key))
        compared += 1
        if image is None:
            problem(f"Tabella {table}, riga {key}: non risulta nel registro delle "
                    "modifiche (inserita fuori dal programma)")
            continue
        for column, expected in image.items():
            if expected == SECRET or column not in row:
                continue
            stored = row[column]
            if type(stored) not in _PLAIN:
                stored = _plain(stored)
            if stored != expected and not _same_amount(stored, expected):
                problem(f"Tabella {table}, riga {key}, campo {column}: nell'archivio "
                        f"{_shown(stored)}, nel registro delle modifiche "
                        f"{_shown(expected)} (modificato fuori dal programma)")
    for entity, key in images:
        if entity in tables and (entity, key) not in present:
            problem(f"Tabella {entity}, riga {key}: registrata nel registro delle "
                    "modifiche ma assente dall'archivio (cancellata fuori dal programma)")
    if named > _MAX_NAMED:
        report.add("immagini", f"… e altre {named - _MAX_NAMED} differenze.")
    return compared


def log_unlogged_rows(conn, reason: str) -> int:
    """For an upgrade: the rows written by earlier migrations (the users of 0007, the
    dirigente of 0010) get their image in the change log, as rows the program takes in
    charge, so that verify can compare them from now on. Returns how many."""
    from .audit import SYSTEM_USER, AuditRecord, append_sql
    from .driver_sql import DriverSQL

    images = _images(conn)
    records = [AuditRecord("insert", table, key, after=dict(row))
               for table, key, row in _current_rows(conn) if (table, key) not in images]
    with DriverSQL(conn) as sql:
        append_sql(sql, records, SYSTEM_USER, reason)
    return len(records)


def check_warehouse_stock(conn, report) -> None:
    """Each stock row (article, storeroom) equals its journal lines replayed."""
    if "warehouse_balance" not in _table_names(conn):
        return
    # Replayed in order of date: when the stock comes back to zero its value is zero too
    # (the rounding cents of the average cost go with the last piece), as the posting does.
    journal: dict[tuple[int, int], tuple[int, int]] = {}
    for a, s_, q, v in conn.execute(text(
            "SELECT article_id, storeroom_id, quantity, value_cents FROM "
            "warehouse_movement_line ORDER BY movement_date, movement_id, line_no")):
        q0, v0 = journal.get((a, s_), (0, 0))
        q1 = q0 + int(q)
        journal[(a, s_)] = (q1, v0 + int(v) if q1 else 0)
    stored = {(a, s): (int(q), int(v)) for a, s, q, v in conn.execute(text(
        "SELECT article_id, storeroom_id, quantity, value_cents FROM warehouse_balance"))}
    codes = dict(conn.execute(text("SELECT id, code FROM warehouse_article")).all())
    stores = dict(conn.execute(text("SELECT id, code FROM warehouse_storeroom")).all())
    for key in sorted(set(journal) | set(stored)):
        got, want = stored.get(key, (0, 0)), journal.get(key, (0, 0))
        if got != want:
            article, store = codes.get(key[0], key[0]), stores.get(key[1], key[1])
            report.add("giacenze", (
                f"Articolo {article}, magazzino {store}: giacenza registrata "
                f"{got[0] / 1000:g} per {got[1] / 100:.2f} €, dal giornale "
                f"{want[0] / 1000:g} per {want[1] / 100:.2f} €").replace(".", ","))


def _table_names(conn) -> set[str]:
    from sqlalchemy import inspect

    return set(inspect(conn).get_table_names())


def check_funds_availability(conn, report) -> None:
    """Fondi: each destination's availability rebuilt from the records. No availability is
    stored (models/funds.py): it is always the initial forecasts + the variations − the
    impegni, so there is no stored figure to compare; what can drift is the records
    themselves (a forecast or a variation line edited by hand), so the check is that no
    destination's impegni exceed its definitive appropriation in any approved Programma
    Annuale (D.I. 129/2018 art. 15), and that every earmarked fund's impegni stay within its
    amount."""
    if "funds_commitment" not in _table_names(conn):
        return
    from ..domain.money import format_cents as money

    sums: dict[tuple[int, int], list[int]] = {}
    for query, slot in (
            ("SELECT programme_id, destination_id, SUM(amount) FROM funds_spending_forecast "
             "GROUP BY programme_id, destination_id", 0),
            ("SELECT v.programme_id, l.destination_id, SUM(l.amount) FROM funds_variation_line l "
             "JOIN funds_variation v ON v.id = l.variation_id WHERE l.side = 'U' "
             "GROUP BY v.programme_id, l.destination_id", 1),
            ("SELECT programme_id, destination_id, SUM(amount) FROM funds_commitment "
             "GROUP BY programme_id, destination_id", 2)):
        for programme, destination, total in conn.execute(text(query)):
            sums.setdefault((programme, destination), [0, 0, 0])[slot] = int(total or 0)
    years = dict(conn.execute(text("SELECT id, year FROM funds_programme")).all())
    # A PA not yet approved holds only the impegni of the gestione provvisoria (art. 6),
    # bounded by the previous year's appropriations, not by its own forecasts.
    approved = {r[0] for r in conn.execute(text(
        "SELECT id FROM funds_programme WHERE state = 'deliberato'"))}
    codes = dict(conn.execute(text("SELECT id, code FROM funds_destination")).all())
    for (programme, destination), (forecast, varied, committed) in sorted(sums.items()):
        definitive = forecast + varied
        if committed > definitive and programme in approved:
            report.add("fondi", (
                f"Programma Annuale {years.get(programme, programme)}, destinazione "
                f"{codes.get(destination, destination)}: impegni {money(committed)} oltre "
                f"la previsione definitiva {money(definitive)} (previsione iniziale "
                f"{money(forecast)}, variazioni {money(varied)})"))
    for name, amount, committed in conn.execute(text(
            "SELECT f.name, f.amount, COALESCE(SUM(c.amount), 0) FROM funds_earmarked f "
            "LEFT JOIN funds_commitment c ON c.earmarked_id = f.id "
            "GROUP BY f.id, f.name, f.amount ORDER BY f.id")):
        if int(committed) > int(amount):
            report.add("fondi", f"Finanziamento vincolato «{name}»: impegni "
                                f"{money(int(committed))} oltre l'assegnazione di "
                                f"{money(int(amount))}")
def check_funds_cash(conn, report) -> None:
    """Fondo economale (models/funds_cash.py): the cash kept on each fund rebuilt from its
    rows (advance − expenses not annulled + reintegri − closing), and each reintegro equal to
    the expenses it repaid."""
    if "funds_cash_fund" not in _table_names(conn):
        return
    from ..domain.money import format_cents as money

    for year, stored, rebuilt in conn.execute(text(
            "SELECT f.year, f.cash, f.advance - f.closing_amount"
            " - COALESCE((SELECT SUM(e.amount) FROM funds_cash_expense e"
            "   WHERE e.fund_id = f.id AND NOT e.annulled), 0)"
            " + COALESCE((SELECT SUM(r.amount) FROM funds_cash_reimbursement r"
            "   WHERE r.fund_id = f.id), 0) FROM funds_cash_fund f ORDER BY f.year")):
        if int(stored) != int(rebuilt):
            report.add("fondi", f"Fondo economale {year}: cassa registrata {money(int(stored))}"
                                f", ricostruita dalle spese e dai reintegri "
                                f"{money(int(rebuilt))}")
    for year, rid, amount, repaid in conn.execute(text(
            "SELECT f.year, r.id, r.amount, COALESCE((SELECT SUM(e.amount) FROM "
            "funds_cash_expense e WHERE e.reimbursement_id = r.id), 0) FROM "
            "funds_cash_reimbursement r JOIN funds_cash_fund f ON f.id = r.fund_id "
            "ORDER BY r.id")):
        if int(amount) != int(repaid):
            report.add("fondi", f"Fondo economale {year}, reintegro {rid}: "
                                f"{money(int(amount))} ma le spese reintegrate sommano "
                                f"{money(int(repaid))}")


def check_attachments(conn, report) -> int:
    """Each stored file still hashes to its SHA-256 (the key it is stored under, and what the
    change log recorded of the attachment) and has its size; each attachment finds its
    bytes. Returns how many files were hashed."""
    import hashlib

    if "attachment_content" not in _table_names(conn):
        return 0
    checked = 0
    cursor = conn.connection.driver_connection.cursor()   # one file at a time, not all in RAM
    try:
        cursor.execute("SELECT checksum FROM attachment_content ORDER BY checksum")
        keys = [r[0] for r in cursor.fetchall()]
        mark = "%s" if conn.dialect.name == "postgresql" else "?"
        for key in keys:
            cursor.execute(f"SELECT size, content FROM attachment_content WHERE checksum = "
                           f"{mark}", (key,))
            size, content = cursor.fetchone()
            content = bytes(content or b"")
            checked += 1
            if hashlib.sha256(content).hexdigest() != key or len(content) != size:
                names = [r[0] for r in conn.execute(text(
                    "SELECT file_name FROM attachment WHERE checksum = :c ORDER BY id"),
                    {"c": key})]
                report.add("allegati", f"Allegato «{', '.join(names) or key[:12]}»: il "
                                       "contenuto conservato non corrisponde più alla sua "
                                       f"impronta SHA-256 {key[:12]}… (modificato fuori dal "
                                       "programma)")
    finally:
        cursor.close()
    for name, key in conn.execute(text(
            "SELECT a.file_name, a.checksum FROM attachment a LEFT JOIN attachment_content c "
            "ON c.checksum = a.checksum WHERE c.checksum IS NULL")):
        report.add("allegati", f"Allegato «{name}»: il contenuto (impronta {key[:12]}…) "
                               "manca dall'archivio")
    return checked


def check_funds_residui(conn, report) -> None:
    """Residui (models/funds_residui.py): the remainder kept on each residuo rebuilt from its
    movements (riportato − reversali or mandati in conto residui − radiations), and no
    accertamento collected beyond its amount."""
    if "funds_residue" not in _table_names(conn):
        return
    from ..domain.money import format_cents as money

    for rid, kind, year, origin, stored, rebuilt in conn.execute(text(
            "SELECT z.id, z.kind, z.year, z.origin_year, z.remaining, z.amount"
            " - CASE WHEN z.kind = 'A' THEN COALESCE((SELECT SUM(r.amount) FROM"
            "   funds_receipt_order r WHERE r.residue_id = z.id), 0)"
            "   ELSE COALESCE((SELECT SUM(m.amount) FROM funds_payment_order m"
            "   WHERE m.residue_id = z.id), 0) END"
            " - COALESCE((SELECT SUM(x.amount) FROM funds_residue_radiation x"
            "   WHERE x.residue_id = z.id), 0) FROM funds_residue z ORDER BY z.id")):
        if int(stored) != int(rebuilt):
            what = "attivo" if kind == "A" else "passivo"
            report.add("fondi", f"Residuo {what} {rid} ({origin}, gestito nel {year}): da "
                                f"{'riscuotere' if kind == 'A' else 'pagare'} registrato "
                                f"{money(int(stored))}, ricostruito dai movimenti "
                                f"{money(int(rebuilt))}")
    for year, number, amount, collected in conn.execute(text(
            "SELECT a.year, a.number, a.amount, (SELECT COALESCE(SUM(r.amount), 0) FROM "
            "funds_receipt_order r WHERE r.assessment_id = a.id) FROM funds_assessment a "
            "ORDER BY a.year, a.number")):
        if int(collected) > int(amount):
            report.add("fondi", f"Accertamento n. {number}/{year}: riscossi "
                                f"{money(int(collected))} oltre l'importo accertato di "
                                f"{money(int(amount))}")
