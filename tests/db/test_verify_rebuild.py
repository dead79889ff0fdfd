"""verify rebuilds what the archive can derive: every row of an audited table against its
last image in the change log, the warehouse stock against its journal. Each test makes, with
raw SQL on a copy of the demo, an edit that today's triggers and the hash chain do not catch,
and verify must name it (table, key, column, stored and expected value)."""
from __future__ import annotations

import sqlite3
from contextlib import contextmanager

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify


def _problems(path) -> list[str]:
    db = open_database(path)
    try:
        return [p.message for p in verify(db).problems]
    finally:
        db.dispose()


@contextmanager
def _raw(path, *, without_triggers_of: str | None = None):
    """A plain sqlite3 connection, as a forger would use; optionally with the table's
    triggers dropped for the edit and put back after it (same SQL)."""
    con = sqlite3.connect(path)
    triggers = []
    if without_triggers_of:
        triggers = con.execute("SELECT name, sql FROM sqlite_master WHERE type = 'trigger' "
                               "AND tbl_name = ?", (without_triggers_of,)).fetchall()
        for name, _sql in triggers:
            con.execute(f"DROP TRIGGER {name}")
    try:
        yield con
        for _name, sql in triggers:
            con.execute(sql)
        con.commit()
    finally:
        con.close()


def _entry(con, register_prefix="inv-"):
    return con.execute("SELECT id, number, amount, description FROM register_entry WHERE "
                       "register LIKE ? AND amount IS NOT NULL ORDER BY id LIMIT 1",
                       (register_prefix + "%",)).fetchone()


def test_the_demo_as_built_passes(demo_path):
    assert _problems(demo_path) == []


def test_an_entry_s_amount_or_description_changed_by_hand_is_named(demo_path):
    with _raw(demo_path) as con:
        entry_id, _n, amount, description = _entry(con)
        con.execute("UPDATE register_entry SET amount = amount + 10000, description = ? "
                    "WHERE id = ?", ("Bene di valore diverso", entry_id))
    found = _problems(demo_path)
    # amount is stored in cents: +10000 cents = +100,00 €
    assert (f"Tabella register_entry, riga {entry_id}, campo amount: nell'archivio "
            f"«{amount / 100 + 100:.2f}», nel registro delle modifiche «{amount / 100:.2f}» "
            "(modificato fuori dal programma)") in found
    assert (f"Tabella register_entry, riga {entry_id}, campo description: nell'archivio "
            f"«Bene di valore diverso», nel registro delle modifiche «{description}» "
            "(modificato fuori dal programma)") in found


def test_two_numbers_swapped_with_the_triggers_dropped_and_recreated_are_named(demo_path):
    with _raw(demo_path, without_triggers_of="register_entry") as con:
        (a, na), (b, nb) = con.execute(
            "SELECT id, number FROM register_entry WHERE register = 'inv-mobili' "
            "ORDER BY number LIMIT 2").fetchall()
        con.execute("UPDATE register_entry SET number = 999999 WHERE id = ?", (a,))
        con.execute("UPDATE register_entry SET number = ? WHERE id = ?", (na, b))
        con.execute("UPDATE register_entry SET number = ? WHERE id = ?", (nb, a))
    found = _problems(demo_path)
    assert (f"Tabella register_entry, riga {a}, campo number: nell'archivio «{nb}», nel "
            f"registro delle modifiche «{na}» (modificato fuori dal programma)") in found
    assert (f"Tabella register_entry, riga {b}, campo number: nell'archivio «{na}», nel "
            f"registro delle modifiche «{nb}» (modificato fuori dal programma)") in found


def test_a_line_amount_changed_behind_a_dropped_and_recreated_trigger_is_named(demo_path):
    with _raw(demo_path, without_triggers_of="register_entry_line") as con:
        line_id, amount = con.execute("SELECT id, amount FROM register_entry_line "
                                      "WHERE amount IS NOT NULL ORDER BY id LIMIT 1").fetchone()
        con.execute("UPDATE register_entry_line SET amount = 1 WHERE id = ?", (line_id,))
    found = _problems(demo_path)
    assert any(m.startswith(f"Tabella register_entry_line, riga {line_id}, campo amount: "
                            "nell'archivio «0.01»") for m in found), found


def test_a_stock_row_that_disagrees_with_its_journal_is_named(demo_path):
    with _raw(demo_path) as con:
        article, store, qty, value = con.execute(
            "SELECT a.code, w.code, b.quantity, b.value_cents FROM warehouse_balance b "
            "JOIN warehouse_article a ON a.id = b.article_id "
            "JOIN warehouse_storeroom w ON w.id = b.storeroom_id "
            "WHERE b.quantity > 20000 ORDER BY a.code LIMIT 1").fetchone()
        con.execute("UPDATE warehouse_balance SET quantity = quantity - 20000 WHERE "
                    "article_id = (SELECT id FROM warehouse_article WHERE code = ?) AND "
                    "storeroom_id = (SELECT id FROM warehouse_storeroom WHERE code = ?)",
                    (article, store))
    found = [m for m in _problems(demo_path) if m.startswith("Articolo")]
    euro = f"{value / 100:.2f}".replace(".", ",")
    assert found == [f"Articolo {article}, magazzino {store}: giacenza registrata "
                     f"{(qty - 20000) // 1000} per {euro} €, dal giornale {qty // 1000} per "
                     f"{euro} €"]


def test_the_last_rows_of_the_log_deleted_with_the_head_moved_back_are_caught(demo_path):
    """The chain alone cannot tell (its head is moved back too): the rows those log lines
    recorded are left without their image."""
    with _raw(demo_path, without_triggers_of="audit_log") as con:
        last, = con.execute("SELECT max(id) FROM audit_log").fetchone()
        con.execute("DELETE FROM audit_log WHERE id > ?", (last - 10,))
        seq, head = con.execute("SELECT id, hash FROM audit_log ORDER BY id DESC "
                                "LIMIT 1").fetchone()
        con.execute("DROP TRIGGER IF EXISTS trg_audit_head_monotonic")
        con.execute("UPDATE audit_head SET seq = ?, hash = ?", (seq, head))
    assert any("modificato fuori dal programma" in m or "non risulta nel registro" in m
               for m in _problems(demo_path))


def test_a_reversale_raised_beyond_its_accertamento_is_named(demo_path):
    """The demo's dotazione ordinaria 2021: one accertamento of 14.000,00 collected by two
    tranches, 9.333,33 + 4.666,67 (demo/funds_revenue.py). One cent more on the first
    tranche: riscossi 14.000,01 on an accertamento of 14.000,00."""
    with _raw(demo_path, without_triggers_of="funds_receipt_order") as con:
        (receipt_id, number), = con.execute(
            "SELECT r.id, a.number FROM funds_receipt_order r JOIN funds_assessment a "
            "ON a.id = r.assessment_id WHERE a.amount = 1400000 AND r.amount = 933333"
        ).fetchall()
        con.execute("UPDATE funds_receipt_order SET amount = 933334 WHERE id = ?",
                    (receipt_id,))
    found = [m.replace("\xa0", " ") for m in _problems(demo_path)]
    assert (f"Accertamento n. {number}/2021: riscossi 14.000,01 € oltre l'importo accertato "
            "di 14.000,00 €") in found, found
    assert any(m.startswith(f"Tabella funds_receipt_order, riga {receipt_id}, campo amount: "
                            "nell'archivio «9333.34»") for m in found), found


def test_an_order_s_invoiced_amount_changed_by_hand_is_rebuilt_from_its_invoices(demo_path):
    with _raw(demo_path) as con:
        order_id, year, number, total, invoiced = con.execute(
            "SELECT id, year, number, total, invoiced FROM procurement_order ORDER BY id "
            "LIMIT 1").fetchone()
        con.execute("UPDATE procurement_order SET invoiced = invoiced + 100 WHERE id = ?",
                    (order_id,))
    found = [m.replace("\xa0", " ") for m in _problems(demo_path) if m.startswith("Ordine")]

    def euro(cents):
        return f"{cents / 100:,.2f}".replace(",", "X").replace(".", ",").replace("X", ".")
    assert found == [f"Ordine n. {number}/{year}: fatturato registrato {euro(invoiced + 100)} "
                     f"€, dalle fatture abbinate {euro(invoiced)} € (residuo da fatturare "
                     f"{euro(total - invoiced)} €)"], found
