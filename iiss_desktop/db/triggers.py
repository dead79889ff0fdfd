"""Database triggers that make registers and the audit log tamper-resistant.

The same protections are written for SQLite and PostgreSQL. Migrations
install them (each migration names the tables it protects), and ``verify``
checks that they are still there.
"""
from __future__ import annotations

from dataclasses import dataclass

NO_DELETE_REGISTER = ("Registro legale: le registrazioni non si cancellano; "
                      "per correggere si registra un annullamento con il motivo.")
NO_RENUMBER = ("Registro legale: numero, data e registro di una registrazione non si modificano; "
               "per correggere si registra un annullamento con il motivo.")
NO_CHANGE_AUDIT = "Registro delle modifiche: le righe non si modificano né si cancellano."
NO_DECREASE = "Contatore di registro: il numero non può diminuire né essere azzerato."
NO_CHANGE_PROTECTION = "Protezioni dei registri: l'elenco non si modifica né si cancella."


@dataclass(frozen=True)
class Protection:
    table: str
    forbid_delete: str | None = None          # message when a DELETE is attempted
    frozen_columns: tuple[str, ...] = ()      # columns whose UPDATE is rejected
    frozen_message: str = NO_RENUMBER
    freeze_all: bool = False                  # reject every UPDATE
    monotonic_column: str | None = None       # may only grow

    def trigger_names(self) -> list[str]:
        names = []
        if self.forbid_delete:
            names.append(f"trg_{self.table}_no_delete")
        if self.freeze_all or self.frozen_columns:
            names.append(f"trg_{self.table}_no_update")
        if self.monotonic_column:
            names.append(f"trg_{self.table}_monotonic")
        return names


def _quote(msg: str) -> str:
    return msg.replace("'", "''")


def _sqlite(p: Protection) -> list[str]:
    out = []
    if p.forbid_delete:
        out.append(f"CREATE TRIGGER trg_{p.table}_no_delete BEFORE DELETE ON {p.table} "
                   f"BEGIN SELECT RAISE(ABORT, '{_quote(p.forbid_delete)}'); END")
    if p.freeze_all:
        out.append(f"CREATE TRIGGER trg_{p.table}_no_update BEFORE UPDATE ON {p.table} "
                   f"BEGIN SELECT RAISE(ABORT, '{_quote(p.frozen_message)}'); END")
    elif p.frozen_columns:
        cols = ", ".join(p.frozen_columns)
        cond = " OR ".join(f"NEW.{c} IS NOT OLD.{c}" for c in p.frozen_columns)
        out.append(f"CREATE TRIGGER trg_{p.table}_no_update BEFORE UPDATE OF {cols} ON {p.table} "
                   f"WHEN {cond} BEGIN SELECT RAISE(ABORT, '{_quote(p.frozen_message)}'); END")
    if p.monotonic_column:
        c = p.monotonic_column
        out.append(f"CREATE TRIGGER trg_{p.table}_monotonic BEFORE UPDATE OF {c} ON {p.table} "
                   f"WHEN NEW.{c} < OLD.{c} "
                   f"BEGIN SELECT RAISE(ABORT, '{_quote(NO_DECREASE)}'); END")
    return out


PG_FUNCTION = """
CREATE OR REPLACE FUNCTION iiss_reject() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%', TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END
$$ LANGUAGE plpgsql
"""


def _postgresql(p: Protection) -> list[str]:
    out = [PG_FUNCTION]
    if p.forbid_delete:
        out.append(f"CREATE TRIGGER trg_{p.table}_no_delete BEFORE DELETE ON {p.table} "
                   f"FOR EACH ROW EXECUTE FUNCTION iiss_reject('{_quote(p.forbid_delete)}')")
    if p.freeze_all:
        out.append(f"CREATE TRIGGER trg_{p.table}_no_update BEFORE UPDATE ON {p.table} "
                   f"FOR EACH ROW EXECUTE FUNCTION iiss_reject('{_quote(p.frozen_message)}')")
    elif p.frozen_columns:
        cond = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in p.frozen_columns)
        out.append(f"CREATE TRIGGER trg_{p.table}_no_update BEFORE UPDATE ON {p.table} "
                   f"FOR EACH ROW WHEN ({cond}) "
                   f"EXECUTE FUNCTION iiss_reject('{_quote(p.frozen_message)}')")
    if p.monotonic_column:
        c = p.monotonic_column
        out.append(f"CREATE TRIGGER trg_{p.table}_monotonic BEFORE UPDATE ON {p.table} "
                   f"FOR EACH ROW WHEN (NEW.{c} < OLD.{c}) "
                   f"EXECUTE FUNCTION iiss_reject('{_quote(NO_DECREASE)}')")
    return out


def ddl(dialect_name: str, protection: Protection) -> list[str]:
    if dialect_name == "sqlite":
        return _sqlite(protection)
    if dialect_name == "postgresql":
        return _postgresql(protection)
    raise ValueError(f"Database non supportato: {dialect_name}")


def drop_ddl(dialect_name: str, protection: Protection) -> list[str]:
    on = f" ON {protection.table}" if dialect_name == "postgresql" else ""
    return [f"DROP TRIGGER IF EXISTS {name}{on}" for name in protection.trigger_names()]


# The protections of the foundation's tables (migration 0001). Area migrations install their
# own with install(op, [...]), which records them in db_protection for verify.
CORE_PROTECTIONS = (
    Protection("register_entry", forbid_delete=NO_DELETE_REGISTER,
               frozen_columns=("register", "year", "number", "entry_date", "kind",
                               "annuls_id", "recorded_at", "recorded_by_id")),
    Protection("register_entry_line", forbid_delete=NO_DELETE_REGISTER, freeze_all=True),
    Protection("audit_log", forbid_delete=NO_CHANGE_AUDIT, freeze_all=True,
               frozen_message=NO_CHANGE_AUDIT),
    Protection("audit_head", forbid_delete=NO_CHANGE_AUDIT, monotonic_column="seq"),
    Protection("counter", forbid_delete=NO_DECREASE, monotonic_column="value"),
    Protection("db_protection", forbid_delete=NO_CHANGE_PROTECTION, freeze_all=True,
               frozen_message=NO_CHANGE_PROTECTION),
)


def existing_triggers(connection) -> set[str]:
    from sqlalchemy import text

    if connection.dialect.name == "sqlite":
        rows = connection.execute(text("SELECT name FROM sqlite_master WHERE type='trigger'"))
    else:
        # A disabled trigger (ALTER TABLE ... DISABLE TRIGGER) protects nothing: not counted.
        rows = connection.execute(text(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal AND tgenabled <> 'D'"))
    return {r[0] for r in rows}


def install(op, protections) -> None:
    """In a migration: create the triggers and record them for ``verify``."""
    from sqlalchemy import text

    dialect = op.get_bind().dialect.name
    for protection in protections:
        for statement in ddl(dialect, protection):
            op.execute(statement)
        for name in protection.trigger_names():
            op.get_bind().execute(text("INSERT INTO db_protection (trigger_name, table_name) "
                                       "VALUES (:n, :t)"), {"n": name, "t": protection.table})


def uninstall(op, protections) -> None:
    """In a migration's downgrade: drop the triggers and their records."""
    from sqlalchemy import text

    dialect = op.get_bind().dialect.name
    record = next(p for p in CORE_PROTECTIONS if p.table == "db_protection")
    for protection in protections:
        for statement in drop_ddl(dialect, protection):
            op.execute(statement)
        # The record itself refuses deletions: lift its guard for this one, then restore it.
        if protection is not record:
            for statement in drop_ddl(dialect, record):
                op.execute(statement)
        op.get_bind().execute(text("DELETE FROM db_protection WHERE table_name = :t"),
                              {"t": protection.table})
        if protection is not record:
            for statement in ddl(dialect, record):
                op.execute(statement)


def expected_triggers(connection) -> set[str]:
    """The triggers this database must have: the foundation's, plus every one its migrations
    recorded (the record is itself protected against deletion)."""
    from sqlalchemy import text

    names = {n for p in CORE_PROTECTIONS for n in p.trigger_names()}
    names.update(r[0] for r in connection.execute(text("SELECT trigger_name FROM db_protection")))
    return names
