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
from ..domain import labels as _column_labels  # noqa: F401 - declares them
from ..domain.access import ROLES
from ..domain.calendar import KINDS as CALENDAR_KINDS
from ..domain.dates import WEEKDAYS_IT
from ..domain.deadlines import ANNUAL_DEADLINES
from ..domain.errors import RegisterError
from ..domain.fields import column_label
from ..domain.money import format_money
from ..domain.registers import register_spec
from ..domain.text import lower_first
from ..models.core import AuditLog

ACTIONS = {"insert": "Inserimento", "update": "Modifica", "delete": "Eliminazione",
           "accesso": "Accesso", "lettura": "Consultazione di dati riservati"}
ENTITIES = {
    "register_entry": "Registrazione",
    "register_entry_line": "Riga di registrazione",
    "school": "Istituto",
    "site": "Plesso",
    "room": "Locale",
    "employee": "Personale",
    "calendar_day": "Calendario",
    "deadline_extension": "Proroga di una scadenza",
    "app_user": "Utente",
    "user_role_grant": "Ruolo dell'utente",
}
# Fields shown first when an insert or a deletion is summarised; then the others.
MAIN_FIELDS = ("register", "year", "number", "entry_date", "description", "amount", "reason",
               "denominazione", "codice_meccanografico", "code", "surname", "name", "role",
               "day", "username", "full_name", "site_id", "kind")
# Technical fields left out of the summary of an insert or a deletion.
HIDDEN_FIELDS = {"id", "created_at", "recorded_at", "recorded_by_id", "logo_png"}
# Column names as the clerk reads them (the log stores the database's own names), for the
# columns whose table declares no label of its own (domain.fields, domain/labels.py).
FIELD_LABELS = {
    "register": "registro", "year": "anno", "number": "numero", "entry_date": "data",
    "reason": "motivo", "annuls_id": "annulla (id)", "entry_id": "registrazione (id)",
    "line_no": "riga", "quantity": "quantità", "site_id": "plesso (id)", "active": "attivo",
    "is_main": "sede centrale", "day": "giorno", "username": "utente",
    "logo_png": "logo", "value": "valore",
    "password_changed_at": "password cambiata il", "failed_attempts": "tentativi non riusciti",
    "last_failed_at": "ultimo tentativo non riuscito", "user_id": "utente (id)",
    "idle_lock_minutes": "blocco per inattività (minuti)",
}


# Stored codes shown as words, per field ("table.column" where a code means something else in
# one table).
VALUE_LABELS = {"kind": {"entry": "registrazione", "annulment": "annullamento"},
                "role": dict(ROLES), "calendar_day.kind": dict(CALENDAR_KINDS),
                "calendar_day.source": {"legge": "per legge", "scuola": "dell'istituto"},
                "deadline_extension.key": {d.key: d.title for d in ANNUAL_DEADLINES}}
ENTITIES["dirigente_term"] = "Dirigente scolastico"
ENTITIES["home_dismissed"] = "Novità nascosta della pagina iniziale"
ENTITIES["document_protocol"] = "Protocollo del documento"
ENTITIES["attachment"] = "Allegato"
ENTITIES["attachment_withdrawal"] = "Ritiro di un allegato"
FIELD_LABELS.update({"attachment_id": "allegato (id)", "record_id": "scheda (id)",
                     "size": "dimensione (byte)", "destination_id": "destinazione (id)",
                     "attachment_limit_mb": "limite degli allegati (MB)",
                     "recorded_at": "registrato il", "recorded_by_id": "registrato da (id)",
                     "created_at": "creato il"})   # home_dismissed: domain/labels.py
FIELD_LABELS.update({"started_on": "dal", "ended_on": "fino al",
                     "protocol_date": "data del protocollo",
                     "replaces_id": "corregge il protocollo (id)"})
TABLE_FIELDS: dict[str, dict[str, str]] = {}
# How a stored value reads ("table.column" or column): see domain.audit_labels.FORMATS.
FORMATS: dict[str, str] = {"amount": "money", "importo": "money",
                           "register_entry_line.amount": "money"}
_areas_loaded = False


def _load_area_labels() -> None:
    """Each area's AuditLabels (Area.audit_labels), merged once, on first use."""
    global _areas_loaded
    if _areas_loaded:
        return
    from ..areas import AREAS, load_registers, resolve

    load_registers()
    VALUE_LABELS["document_protocol.report"] = {r.name: r.title for a in AREAS
                                                for r in a.reports}
    for area in AREAS:
        if area.audit_labels:
            labels = resolve(area.audit_labels)
            ENTITIES.update(labels.entities)
            FIELD_LABELS.update(labels.fields)
            for table, names in labels.table_fields.items():
                TABLE_FIELDS.setdefault(table, {}).update(names)
            for key, mapping in labels.values.items():
                VALUE_LABELS.setdefault(key, {}).update(mapping)
            FORMATS.update(labels.formats)
    # An attachment names its record's table: read as the record's own name.
    VALUE_LABELS["attachment.record_kind"] = {t: label.lower() for t, label in ENTITIES.items()}
    _areas_loaded = True


def entity_label(entity: str) -> str:
    _load_area_labels()
    return ENTITIES.get(entity, entity)


def _declared(name: str, entity: str) -> str | None:
    """The column's label as its table declares it (domain.fields: a Record, or
    domain/labels.py), as it reads inside a sentence; «(id)» for a reference to a row."""
    label = TABLE_FIELDS.get(entity, {}).get(name) or column_label(entity, name)
    if label is None:
        return None
    label = lower_first(label)
    return f"{label} (id)" if name.endswith("_id") and "(id)" not in label else label


def field_label(name: str, entity: str = "") -> str:
    _load_area_labels()
    return _declared(name, entity) or FIELD_LABELS.get(name) or name.replace("_", " ")


def labelled(name: str, entity: str = "") -> bool:
    """Whether the column has an Italian label of its own (not its database name)."""
    _load_area_labels()
    return _declared(name, entity) is not None or name in FIELD_LABELS


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


def _formatted(kind: str, value) -> str | None:
    try:
        number = Decimal(str(value))
    except (InvalidOperation, ValueError):
        return None
    if kind == "money":
        return format_money(number)
    if kind == "cents":
        return format_money(number / 100)
    if kind == "milli":
        return _plain_number(number / 1000)
    if kind == "hundredths_percent":
        return _plain_number(number / 100) + " %"
    if kind == "clock" and number == number.to_integral_value():
        return f"{int(number) // 60:02d}:{int(number) % 60:02d}"     # minutes from midnight
    if kind == "weekday" and 0 <= number <= 6:
        return WEEKDAYS_IT[int(number)]
    return None


def _plain_number(number: Decimal) -> str:
    """36 for 36.000, 2,5 for 2.500: no useless zeros, Italian decimal comma."""
    text_ = f"{number.normalize():f}"
    return text_.replace(".", ",")


def _value(field: str, value, entity: str = "") -> str:
    """A stored value (canonical JSON) as the clerk reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "sì" if value else "no"
    kind = FORMATS.get(f"{entity}.{field}") or FORMATS.get(field)
    if kind is not None and not isinstance(value, bool):
        shown = _formatted(kind, value)
        if shown is not None:
            return shown
    if field == "register" and isinstance(value, str):
        try:
            return register_spec(value).title
        except RegisterError:
            return value
    if isinstance(value, str):
        codes = VALUE_LABELS.get(f"{entity}.{field}") or VALUE_LABELS.get(field, {})
        if value in codes:
            return codes[value]
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


def _summary(values: dict, entity: str = "") -> str:
    keys = [k for k in MAIN_FIELDS if k in values]
    keys += [k for k in values if k not in MAIN_FIELDS]
    parts = []
    for k in keys:
        v = values[k]
        if k in HIDDEN_FIELDS or v is None or v == "" or (k == "year" and v == 0):
            continue   # year 0: a register numbered without years (the inventories)
        parts.append(f"{field_label(k, entity)}: {_value(k, v, entity)}")
    return "; ".join(parts)


def detail(action: str, before: str | None, after: str | None, entity: str = "") -> str:
    """What changed, in at most ~200 characters, in the words and units of a person."""
    _load_area_labels()
    old, new = _load(before), _load(after)
    if action == "update":
        keys = list(new) + [k for k in old if k not in new]
        text_ = "; ".join(f"{field_label(k, entity)}: {_value(k, old.get(k), entity)} → "
                          f"{_value(k, new.get(k), entity)}" for k in keys)
    elif action == "delete":
        text_ = _summary(old, entity)
    else:
        text_ = _summary(new, entity)
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
                     f"{entity_label(entity)} {entity_id}",
                     detail(action, before, after, entity), reason or "")
            for rid, at, username, action, entity, entity_id, before, after, reason in records]
    return rows, head
