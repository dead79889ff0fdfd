"""Printing of the "Registro delle modifiche" (the hash-chained audit log) for one year.

Rows are read with SQLAlchemy Core as plain tuples and printed with :func:`chunked_table`.
Timestamps are stored in UTC (ISO strings) and printed in local time; the year is the
local year, so the bounds are converted to UTC before the query.
"""
from __future__ import annotations

import json
import re
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from pathlib import Path
from xml.sax.saxutils import escape

from reportlab.lib.units import mm
from reportlab.platypus import Paragraph, Spacer
from sqlalchemy import select, text

from ..db.engine import Database
from ..db.uow import read_session
from ..models.core import AuditLog
from ..queries.school import get_heading
from ..domain.money import format_money
from .base import body_width, build_pdf
from .styles import get_styles
from .tables import chunked_table

ACTIONS = {"insert": "Inserimento", "update": "Modifica", "delete": "Eliminazione"}
ENTITIES = {
    "register_entry": "Registrazione",
    "register_entry_line": "Riga di registrazione",
    "school": "Istituto",
    "site": "Plesso",
    "room": "Locale",
    "employee": "Personale",
    "calendar_day": "Calendario",
    "app_user": "Utente",
}
# Fields shown first when an insert or a deletion is summarised; then the others.
MAIN_FIELDS = ("register", "year", "number", "entry_date", "description", "amount", "reason",
               "denominazione", "codice_meccanografico", "code", "surname", "name", "role",
               "day", "username", "full_name", "site_id", "kind")
# Technical fields left out of the summary of an insert or a deletion.
HIDDEN_FIELDS = {"id", "created_at", "recorded_at", "recorded_by_id", "logo_png"}
MONEY_FIELDS = {"amount", "importo"}
DETAIL_MAX = 200
_ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_ISO_DATETIME = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}")


def _utc_bound(year: int) -> str:
    """Local midnight of 1 January ``year`` as the UTC ISO string stored in ``audit_log.at``."""
    local = datetime(year, 1, 1).astimezone()
    return local.astimezone(timezone.utc).replace(tzinfo=None).isoformat(timespec="microseconds")


def _local(at: str) -> str:
    try:
        dt = datetime.fromisoformat(at)
    except (TypeError, ValueError):
        return at or ""
    if dt.tzinfo is None:
        dt = dt.replace(tzinfo=timezone.utc)
    return dt.astimezone().strftime("%d/%m/%Y %H:%M")


def _value(field: str, value) -> str:
    """A stored value (canonical JSON) as the clerk reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "sì" if value else "no"
    if isinstance(value, str):
        if field in MONEY_FIELDS:
            try:
                return format_money(Decimal(value))
            except (InvalidOperation, ValueError):
                return value
        m = _ISO_DATE.match(value)
        if m:
            return f"{m.group(3)}/{m.group(2)}/{m.group(1)}"
        if _ISO_DATETIME.match(value):
            return _local(value)
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
        parts.append(f"{k}: {_value(k, v)}")
    return "; ".join(parts)


def detail(action: str, before: str | None, after: str | None) -> str:
    """What changed, in at most ~200 characters."""
    old, new = _load(before), _load(after)
    if action == "update":
        keys = list(new) + [k for k in old if k not in new]
        text_ = "; ".join(f"{k}: {_value(k, old.get(k))} → {_value(k, new.get(k))}"
                          for k in keys)
    elif action == "delete":
        text_ = _summary(old)
    else:
        text_ = _summary(new)
    return _truncate(text_)


def _fetch(db: Database, year: int):
    t = AuditLog.__table__
    q = (select(t.c.id, t.c.at, t.c.username, t.c.action, t.c.entity, t.c.entity_id,
                t.c.before, t.c.after, t.c.reason)
         .where(t.c.at >= _utc_bound(year), t.c.at < _utc_bound(year + 1))
         .order_by(t.c.id))
    with read_session(db) as s:
        rows = s.execute(q).all()
        head = s.execute(text("SELECT hash FROM audit_head WHERE id = 1")).first()
    return rows, (head[0] if head else None)


def build_audit_log(db: Database, out: Path, anno: int) -> Path:
    """"Registro delle modifiche" of year ``anno`` (landscape)."""
    st = get_styles()
    heading = get_heading(db)
    records, head = _fetch(db, anno)
    rows = [[str(rid), _local(at), username or "", ACTIONS.get(action, action),
             f"{ENTITIES.get(entity, entity)} {entity_id}", detail(action, before, after),
             reason or ""]
            for rid, at, username, action, entity, entity_id, before, after, reason in records]
    w = body_width(True)
    widths = [14 * mm, 29 * mm, 24 * mm, 23 * mm, 38 * mm, 0, 42 * mm]
    widths[5] = w - sum(widths)
    story: list = []
    if not rows:
        story.append(Paragraph(f"Nessuna modifica registrata nell'anno {anno}.", st.normal))
    story += chunked_table(["N.", "Data e ora", "Utente", "Operazione", "Oggetto", "Dettaglio",
                            "Motivo"], rows, widths, landscape=True)
    story.append(Spacer(1, 5 * mm))
    story.append(Paragraph(f"<b>Righe stampate: {len(rows)}</b>"
                           + (f" (dalla n. {rows[0][0]} alla n. {rows[-1][0]})" if rows else ""),
                           st.normal))
    story.append(Paragraph(
        "Impronta della catena del registro delle modifiche alla data di stampa: "
        f"{escape(head or 'nessuna modifica registrata')}", st.normal))
    story.append(Paragraph(
        "Ogni riga è concatenata alla precedente con un'impronta SHA-256: la modifica o la "
        "cancellazione di una riga rende diversa l'impronta finale. Orari in ora locale.",
        st.small))
    return build_pdf(out, heading=heading, title=f"Registro delle modifiche – anno {anno}",
                     story=story, subtitle="Chi ha modificato che cosa e quando",
                     landscape=True, footer_text=f"Registro delle modifiche {anno}")
