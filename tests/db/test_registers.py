"""Legal-register rules on a real SQLite file: numbering, dates, annulments, triggers, money."""
from __future__ import annotations

import sqlite3
from datetime import date, timedelta
from decimal import Decimal

import pytest
from sqlalchemy import select

from iiss_desktop.db.audit import UserRef
from iiss_desktop.db.numbering import next_number
from iiss_desktop.db.uow import read_session, write_transaction
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import RegisterError, ValidationError
from iiss_desktop.models.core import RegisterEntry, RegisterEntryLine
from iiss_desktop.services.registers import LineInput, annul_entry, register_entry

TODAY = date.today()
YEAR = TODAY.year


def _entry(db, day=TODAY, register="prova", description="Registrazione di prova", **kw):
    return register_entry(db, register=register, entry_date=day, description=description, **kw)


def _counter(db_path, register="prova", year=YEAR):
    with sqlite3.connect(db_path) as con:
        row = con.execute("SELECT value FROM counter WHERE register=? AND year=?",
                          (register, year)).fetchone()
    return row[0] if row else 0


def _count(db_path, table):
    with sqlite3.connect(db_path) as con:
        return con.execute(f"SELECT count(*) FROM {table}").fetchone()[0]


# --- numbering ----------------------------------------------------------------------------

def test_yearly_register_restarts_each_year(db):
    a = _entry(db, date(2024, 5, 2))
    b = _entry(db, date(2024, 9, 30))
    c = _entry(db, date(2025, 1, 7))
    d = _entry(db, date(2025, 2, 1))
    e = _entry(db, date(2024, 12, 31))  # late entry in the 2024 register: its own numbering
    assert [(r.year, r.number) for r in (a, b, c, d, e)] == [
        (2024, 1), (2024, 2), (2025, 1), (2025, 2), (2024, 3)]
    assert verify(db).ok


def test_permanent_register_never_restarts(db):
    refs = [_entry(db, day, register="prova-perm")
            for day in (date(2023, 3, 1), date(2024, 6, 1), date(2025, 1, 2), TODAY)]
    assert [r.number for r in refs] == [1, 2, 3, 4]
    assert {r.year for r in refs} == {0}
    assert verify(db).ok


def test_entry_dated_before_the_last_one_is_refused_and_nothing_saved(db, db_path):
    _entry(db, date(2025, 6, 10))
    before = (_counter(db_path, year=2025), _count(db_path, "register_entry"),
              _count(db_path, "audit_log"))
    with pytest.raises(ValidationError) as info:
        _entry(db, date(2025, 6, 9), lines=[LineInput("riga", 1, Decimal("1.00"))])
    assert info.value.field == "entry_date"
    assert "entry_date" in info.value.errors
    assert "anteriore" in info.value.message
    assert (_counter(db_path, year=2025), _count(db_path, "register_entry"),
            _count(db_path, "audit_log")) == before
    assert _count(db_path, "register_entry_line") == 0
    # the same date as the last entry is fine and takes the next number
    assert _entry(db, date(2025, 6, 10)).number == 2


def test_future_entry_is_refused_and_nothing_saved(db, db_path):
    _entry(db)
    with pytest.raises(ValidationError) as info:
        _entry(db, TODAY + timedelta(days=1))
    assert info.value.field == "entry_date"
    assert "futura" in info.value.message
    assert _counter(db_path) == 1
    assert _count(db_path, "register_entry") == 1


@pytest.mark.parametrize("text", ["", "   ", None])
def test_description_is_required(db, db_path, text):
    with pytest.raises(ValidationError) as info:
        _entry(db, description=text)
    assert info.value.field == "description"
    assert _counter(db_path) == 0
    assert _count(db_path, "register_entry") == 0


def test_rolled_back_transaction_gives_its_number_back(db, db_path):
    _entry(db)
    _entry(db)
    with pytest.raises(RuntimeError):
        with write_transaction(db) as conn:
            assert next_number(conn, "prova", YEAR) == 3
            raise RuntimeError("interruzione simulata dopo aver preso il numero")
    assert _counter(db_path) == 2
    # A failure inside the service itself, after the number was taken (unknown user: the
    # foreign key refuses the entry row): rolled back as a whole.
    with pytest.raises(Exception, match="FOREIGN KEY"):
        _entry(db, user=UserRef(9999, "fantasma"), lines=[LineInput("riga", 1, None)])
    assert _counter(db_path) == 2
    assert _entry(db).number == 3
    assert verify(db).ok


# --- annulment ----------------------------------------------------------------------------

def test_annulment_is_a_new_numbered_row_pointing_at_the_original(db, db_path):
    first = _entry(db, description="Acquisto materiale")
    _entry(db)
    ann = annul_entry(db, entry_id=first.id, reason="Importo errato, rifatta al n. 4")
    assert (ann.register, ann.year, ann.number) == ("prova", YEAR, 3)
    with read_session(db) as s:
        row = s.get(RegisterEntry, ann.id)
        original = s.get(RegisterEntry, first.id)
        assert row.kind == "annulment"
        assert row.annuls_id == first.id
        assert row.reason == "Importo errato, rifatta al n. 4"
        assert "n. 1" in row.description
        assert original.kind == "entry" and original.description == "Acquisto materiale"
    with sqlite3.connect(db_path) as con:
        audit = con.execute("SELECT reason FROM audit_log WHERE entity='register_entry' "
                            "AND action='insert' ORDER BY id DESC LIMIT 1").fetchone()
    assert audit[0] == "Importo errato, rifatta al n. 4"
    assert verify(db).ok


def test_annulment_refusals_save_nothing(db, db_path):
    first = _entry(db)
    ann = annul_entry(db, entry_id=first.id, reason="Registrata per errore")
    state = (_counter(db_path), _count(db_path, "register_entry"), _count(db_path, "audit_log"))

    with pytest.raises(RegisterError) as info:
        annul_entry(db, entry_id=first.id, reason="Seconda volta")
    assert "già stata annullata" in info.value.message
    with pytest.raises(RegisterError) as info:
        annul_entry(db, entry_id=ann.id, reason="Annullo l'annullamento")
    assert "annullamento" in info.value.message
    second = _entry(db)
    state = (_counter(db_path), _count(db_path, "register_entry"), _count(db_path, "audit_log"))
    for reason in ("", "  ", "no"):
        with pytest.raises(ValidationError) as vinfo:
            annul_entry(db, entry_id=second.id, reason=reason)
        assert vinfo.value.field == "reason"
    with pytest.raises(RegisterError):
        annul_entry(db, entry_id=424242, reason="Registrazione inesistente")
    assert (_counter(db_path), _count(db_path, "register_entry"),
            _count(db_path, "audit_log")) == state
    assert verify(db).ok


# --- triggers -----------------------------------------------------------------------------

TAMPERING = [
    "DELETE FROM register_entry",
    "DELETE FROM register_entry WHERE number = 2",
    "UPDATE register_entry SET number = number + 10",
    "UPDATE register_entry SET number = 7 WHERE number = 2",
    "UPDATE register_entry SET entry_date = '2001-01-01'",
    "UPDATE register_entry SET register = 'altro' WHERE number = 1",
    "UPDATE register_entry SET year = 1999 WHERE number = 1",
    "DELETE FROM register_entry_line",
    "UPDATE register_entry_line SET amount = 1",
    "UPDATE counter SET value = value - 1",
    "UPDATE counter SET value = 0",
    "DELETE FROM counter",
    "DELETE FROM audit_log",
    "DELETE FROM audit_log WHERE id = (SELECT max(id) FROM audit_log)",
    "UPDATE audit_log SET username = 'qualcuno' WHERE id = 2",
    "UPDATE audit_log SET after = NULL",
    "UPDATE audit_head SET seq = 0",
    "DELETE FROM audit_head",
]


def test_raw_sql_tampering_is_refused_by_the_triggers(db, db_path):
    for _ in range(3):
        _entry(db, lines=[LineInput("riga 1", 1, Decimal("5.00")), LineInput("riga 2")])
    db.dispose()
    snapshot = {t: _count(db_path, t) for t in
                ("register_entry", "register_entry_line", "audit_log", "counter")}
    for statement in TAMPERING:
        con = sqlite3.connect(db_path, isolation_level=None)
        try:
            with pytest.raises(sqlite3.DatabaseError):
                con.execute(statement)
        finally:
            con.close()
    assert {t: _count(db_path, t) for t in snapshot} == snapshot
    with sqlite3.connect(db_path) as con:
        assert [r[0] for r in con.execute(
            "SELECT number FROM register_entry ORDER BY number")] == [1, 2, 3]
    report = verify(db)
    assert report.ok, report.problems


def test_tampering_through_the_application_connection_becomes_a_register_error(db):
    _entry(db)
    from sqlalchemy import text

    with pytest.raises(RegisterError) as info:
        with write_transaction(db) as conn:
            conn.execute(text("DELETE FROM register_entry"))
    assert "non si cancellano" in info.value.message


# --- money --------------------------------------------------------------------------------

def test_money_round_trips_exactly_and_is_stored_as_integer_cents(db, db_path):
    ref = _entry(db, amount=Decimal("0.10"),
                 lines=[LineInput("dieci centesimi", 1, Decimal("0.10")),
                        LineInput("grande importo", 3, Decimal("1234567.89"))])
    big = _entry(db, amount=Decimal("1234567.89"))
    with read_session(db) as s:
        entry = s.get(RegisterEntry, ref.id)
        assert entry.amount == Decimal("0.10") and str(entry.amount) == "0.10"
        lines = s.execute(select(RegisterEntryLine).where(RegisterEntryLine.entry_id == ref.id)
                          .order_by(RegisterEntryLine.line_no)).scalars().all()
        assert [str(line.amount) for line in lines] == ["0.10", "1234567.89"]
        assert str(s.get(RegisterEntry, big.id).amount) == "1234567.89"
        total = sum((line.amount for line in lines), Decimal("0"))
        assert total == Decimal("1234567.99")
    with sqlite3.connect(db_path) as con:
        rows = con.execute("SELECT typeof(amount), amount FROM register_entry ORDER BY number"
                           ).fetchall()
        assert rows == [("integer", 10), ("integer", 123456789)]
        rows = con.execute("SELECT typeof(amount), amount FROM register_entry_line "
                           "ORDER BY line_no").fetchall()
        assert rows == [("integer", 10), ("integer", 123456789)]
        after = con.execute("SELECT after FROM audit_log WHERE entity='register_entry' "
                            "ORDER BY id LIMIT 1").fetchone()[0]
    assert '"amount":"0.10"' in after  # the audit keeps the exact decimal text


@pytest.mark.parametrize("amount", [0.1, Decimal("1.005"), Decimal("10000000000.00")])
def test_amounts_are_exact_or_refused_never_rounded(db, amount):
    with pytest.raises(ValidationError) as info:
        register_entry(db, register="prova", entry_date=date(2025, 3, 1), description="x",
                       amount=amount)
    assert "importo" in info.value.errors


def test_annulment_cannot_be_dated_before_the_entry(db):
    ref = register_entry(db, register="prova", entry_date=date(2025, 3, 10), description="x")
    with pytest.raises(ValidationError) as info:
        annul_entry(db, entry_id=ref.id, reason="errore materiale", entry_date=date(2025, 3, 9))
    assert "entry_date" in info.value.errors
