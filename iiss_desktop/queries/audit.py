"""Read side of the audit log ("Registro delle modifiche"): rows as the clerk reads them.

Timestamps are stored in UTC (ISO strings) and shown in local time; the year is the local
year, so its bounds are converted to UTC before the query. Shared by the GUI viewer and the
printed register.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation

from sqlalchemy import select, text

from ..areas.school import AUDIT
from ..db.access import requires
from ..db.engine import Database
from ..db.uow import read_session
from ..domain.access import ROLES
from ..domain.money import format_money
from ..models.core import AuditLog

ACTIONS = {"insert": "Inserimento", "update": "Modifica", "delete": "Eliminazione",
           "accesso": "Accesso"}
ENTITIES = {
    "register_entry": "Registrazione",
    "register_entry_line": "Riga di registrazione",
    "school": "Istituto",
    "site": "Plesso",
    "room": "Locale",
    "employee": "Personale",
    "calendar_day": "Calendario",
    "app_user": "Utente",
    "user_role_grant": "Ruolo dell'utente",
}
# Fields shown first when an insert or a deletion is summarised; then the others.
MAIN_FIELDS = ("register", "year", "number", "entry_date", "description", "amount", "reason",
               "denominazione", "codice_meccanografico", "code", "surname", "name", "role",
               "day", "username", "full_name", "site_id", "kind")
# Technical fields left out of the summary of an insert or a deletion.
HIDDEN_FIELDS = {"id", "created_at", "recorded_at", "recorded_by_id", "logo_png"}
MONEY_FIELDS = {"amount", "importo"}
# Column names as the clerk reads them (the log stores the database's own names).
FIELD_LABELS = {
    "register": "registro", "year": "anno", "number": "numero", "entry_date": "data",
    "kind": "tipo", "description": "descrizione", "amount": "importo", "reason": "motivo",
    "reference": "riferimento", "annuls_id": "annulla (id)", "entry_id": "registrazione (id)",
    "line_no": "riga", "quantity": "quantità", "code": "codice", "name": "nome",
    "surname": "cognome", "role": "profilo", "contract": "contratto", "site_id": "plesso (id)",
    "floor": "piano", "active": "attivo", "is_main": "sede centrale", "day": "giorno",
    "source": "origine", "username": "utente", "full_name": "nome completo",
    "hired_on": "in servizio dal", "email": "e-mail", "pec": "PEC",
    "codice_fiscale": "codice fiscale", "codice_meccanografico": "codice meccanografico",
    "codice_univoco": "codice univoco", "indirizzo": "indirizzo", "cap": "CAP",
    "comune": "comune", "provincia": "provincia", "telefono": "telefono",
    "denominazione": "denominazione", "dirigente": "dirigente", "dsga": "DSGA",
    "logo_png": "logo", "value": "valore",
    "password_hash": "password", "recovery_hash": "codice di recupero",
    "password_changed_at": "password cambiata il", "failed_attempts": "tentativi non riusciti",
    "last_failed_at": "ultimo tentativo non riuscito", "user_id": "utente (id)",
    "idle_lock_minutes": "blocco per inattività (minuti)",
}


# Stored codes shown as words, per field.
VALUE_LABELS = {"kind": {"entry": "registrazione", "annulment": "annullamento"},
                "role": dict(ROLES)}


def field_label(name: str) -> str:
    return FIELD_LABELS.get(name, name.replace("_", " "))


def add_labels(*, entities: dict[str, str] | None = None, fields: dict[str, str] | None = None,
               values: dict[str, dict[str, str]] | None = None) -> None:
    """Areas add the Italian names of their tables, columns and codes for the change log."""
    ENTITIES.update(entities or {})
    FIELD_LABELS.update(fields or {})
    for field, mapping in (values or {}).items():
        VALUE_LABELS.setdefault(field, {}).update(mapping)
DETAIL_MAX = 200
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _utc_bound(year: int) -> str:
    """Local midnight of 1 January ``year`` as the UTC ISO string stored in ``audit_log.at``."""
    local = datetime(year, 1, 1).astimezone()
    return local.astimezone(UTC).replace(tzinfo=None).isoformat(timespec="microseconds")


def local_time(at: str) -> str:
    try:
        dt = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return at or ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=UTC)
    return dt.astimezone().strftime("%d/%m/%Y %H:%M")


def _value(field: str, value) -> str:
    """A stored value (canonical JSON) as the clerk reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, str):
        if value in VALUE_LABELS.get(field, {}):
            return VALUE_LABELS[field][value]
        if field in MONEY_FIELDS:
            try:
                return format_money(Decimal(value))
            except (InvalidOperation, ValueError):
                return value
        m = _ISO_DATE.match(value)
        if m:
            return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
        if _ISO_DATETIME.match(value):
            return local_time(value)
        if value.startswith("sha256:"):
            return "(file)"
        return f"«{value}»" if value == "" else value
    return str(value)


def _load(data: str | None) -> dict:
    if not data:
        return {}
    try:
        obj = json.loads(data)
    except ValueError:
        return {"?": data}
    return obj if isinstance(obj, dict) else {"?": obj}


def _truncate(text_: str, limit: int = DETAIL_MAX) -> str:
    return text_ if len(text_) <= limit else text_[:limit - 1].rstrip() + "…"


def _summary(values: dict) -> str:
    keys = [k for k in MAIN_FIELDS if k in values]
    keys += [k for k in values if k not in MAIN_FIELDS]
    parts = []
    for k in keys:
        v = values[k]
        if k in HIDDEN_FIELDS or v is None or v == "":
            continue
        parts.append(f"{field_label(k)}: {_value(k, v)}")
    return "; ".join(parts)


def detail(action: str, before: str | None, after: str | None) -> str:
    """What changed, in at most ~200 characters."""
    old, new = _load(before), _load(after)
    if action == "update":
        keys = list(new) + [k for k in old if k not in new]
        text_ = "; ".join(f"{field_label(k)}: {_value(k, old.get(k))} → {_value(k, new.get(k))}"
                          for k in keys)
    elif action == "delete":
        text_ = _summary(old)
    else:
        text_ = _summary(new)
    return _truncate(text_)


@requires(AUDIT)
def fetch_year(db: Database, year: int):
    """Audit rows whose local date falls in ``year``, and the chain head."""
    t = AuditLog.__table__
    q = (select(t.c.id, t.c.at, t.c.username, t.c.action, t.c.entity, t.c.entity_id,
                t.c.before, t.c.after, t.c.reason)
         .where(t.c.at >= _utc_bound(year), t.c.at < _utc_bound(year + 1))
         .order_by(t.c.id))
    with read_session(db) as s:
        rows = s.execute(q).all()
        head = s.execute(text("SELECT hash FROM audit_head WHERE id = 1")).first()
    return rows, (head[0] if head else None)




@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    when: str
    username: str
    action: str
    subject: str
    detail: str
    reason: str


@requires(AUDIT)
def list_audit(db: Database, year: int) -> tuple[list[AuditRow], str | None]:
    records, head = fetch_year(db, year)
    rows = [AuditRow(rid, local_time(at), username or "", ACTIONS.get(action, action),
                     f"{ENTITIES.get(entity, entity)} {entity_id}", detail(action, before, after),
                     reason or "")
            for rid, at, username, action, entity, entity_id, before, after, reason in records]
    return rows, head
