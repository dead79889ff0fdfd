"""Global search (Ctrl+K): staff, impegni and mandati, suppliers, purchases, invoices, goods,
their documents (decrees of discharge, affidamenti, comodati), articles and material requests,
the office's documents from templates, by number or code or by words of their text, each hit
naming the scheda it opens (never the register of visitors).

An in-memory index per archive, built with plain SQL (id and text columns, no ORM objects)
the first time a kind is searched and rebuilt only when the change log shows that one of the
kind's tables changed: before each query one indexed read of the change log's last id, and
when it moved, the tables written since (``audit_log.entity``). Every write of the program is
recorded there, so a change made on another PC is seen too.

Matching: the words of the query, folded (lower case, no accents), must all occur in the
record's folded text, in any order; a query that is exactly a record's number or code
(«12», «12/2025», a CIG, a partita IVA, an article's code) ranks that record first. A kind is
searched only for a user who may read its area, and a record with a plesso only when the
user's grant covers that plesso.
"""
from __future__ import annotations

import threading
import weakref
from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from ..areas import area
from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.access import Permission, allowed
from ..domain.dates import format_date
from ..domain.text import fold as _cached_fold

_fold = _cached_fold.__wrapped__   # thousands of texts read once: not through the lru cache

LIMIT_PER_KIND = 20


@dataclass(frozen=True, slots=True)
class SearchHit:
    area: str            # the area's label, as on its tab: «Personale», «Inventario»…
    kind: str            # «Persona», «Fornitore», «Bene», «Articolo», «Impegno»…
    title: str
    detail: str
    key: tuple[str, int]  # what the UI opens: ("person", id), ("item", id)…
    exact: bool = False   # the query is this record's number or code


@dataclass(frozen=True, slots=True)
class SearchResult:
    hits: tuple[SearchHit, ...]
    more: tuple[str, ...] = ()   # kinds with more hits than shown (a longer query narrows)


@dataclass(frozen=True, slots=True)
class _Row:
    id: int
    title: str
    detail: str
    text: str                        # what the words are looked for in (not folded)
    codes: tuple[str, ...] = ()      # exact numbers and codes (not folded)
    site_id: int | None = None
    key_id: int | None = None        # the record opened, if not this one (a mandato's impegno)


@dataclass(frozen=True)
class _Kind:
    name: str                        # the key's kind, what the UI opens
    area: str                        # the area's name
    label: str                       # «Persona»
    tables: frozenset[str]           # a change to these rebuilds the kind
    load: Callable[[DriverSQL], Iterable[_Row]]
    permission_code: str = ""        # empty: the area's read permission

    @property
    def permission(self) -> Permission:
        a = area(self.area)
        return a.permission(self.permission_code or f"{a.name}.read")


# --- what each kind reads ------------------------------------------------------------------
def _yn(year, number) -> str:
    return f"{number}/{year}"


def _persons(sql: DriverSQL):
    from ..domain.staff.profiles import ROLES

    sql.execute("SELECT e.id, e.surname, e.name, e.codice_fiscale, e.role, e.active, e.email, "
                "e.site_id, s.name FROM employee e LEFT JOIN site s ON s.id = e.site_id")
    for id_, surname, name, cf, role, active, email, site_id, site in sql.cursor.fetchall():
        detail = " · ".join(x for x in (ROLES.get(role, role), site or "",
                                        "" if active else "non più in servizio") if x)
        yield _Row(id_, f"{surname} {name}", detail, f"{surname} {name} {cf or ''} {email}",
                   (cf or "",), site_id)


def _suppliers(sql: DriverSQL):
    sql.execute("SELECT id, name, vat, tax_code, pec, active FROM procurement_supplier")
    for id_, name, vat, tax_code, pec, active in sql.cursor.fetchall():
        parts = [f"P. IVA {vat}" if vat else "", f"C.F. {tax_code}" if tax_code else "",
                 "" if active else "non attivo"]
        yield _Row(id_, name, " · ".join(p for p in parts if p), f"{name} {vat} {tax_code} {pec}",
                   (vat, tax_code, vat[2:] if vat[:2].isalpha() else ""))


def _goods(sql: DriverSQL):
    from ..domain.inventory.registers import item_label, register_title

    sql.execute("SELECT i.id, i.register, i.number, e.description, i.brand, i.model, "
                "i.serial_number, i.site_id, i.status FROM inventory_item i "
                "JOIN register_entry e ON e.id = i.entry_id")
    rows = sql.cursor.fetchall()
    sql.execute("SELECT id, name FROM site")
    sites = dict(sql.cursor.fetchall())
    labels: dict[str, tuple[str, str]] = {}
    for id_, register, number, description, brand, model, serial, site_id, status in rows:
        if register not in labels:
            labels[register] = (item_label(register, 0)[:-2], register_title(register))
        short, title = labels[register]
        detail = " · ".join(x for x in (sites.get(site_id, "") or title,
                                        "" if status == "in uso" else status)
                            if x)
        yield _Row(id_, f"{short} {number} – {description}", detail,
                   f"{short} {number} {description} {brand} {model} {serial or ''}",
                   (str(number), serial or ""), site_id)


def _discharges(sql: DriverSQL):
    from ..domain.inventory.discharge import DISCHARGE_CAUSES

    sql.execute("SELECT d.id, d.decree_number, d.decree_date, d.cause, d.motivation, "
                "count(x.item_id) FROM inventory_discharge d "
                "LEFT JOIN inventory_discharge_item x ON x.discharge_id = d.id "
                "GROUP BY d.id, d.decree_number, d.decree_date, d.cause, d.motivation")
    for id_, number, day, cause, motivation, goods in sql.cursor.fetchall():
        day = sql.to_date(day)
        cause = DISCHARGE_CAUSES.get(cause, cause)
        yield _Row(id_, f"Decreto di discarico n. {number} del {format_date(day)}",
                   f"{cause} · {goods} {'bene' if goods == 1 else 'beni'}",
                   f"decreto discarico {number} {day.year if day else ''} {cause} {motivation}",
                   (str(number), f"{number}/{day.year}" if day else ""))


def _assignments(sql: DriverSQL):
    from ..domain.inventory.custody import ASSIGNEE_ROLES

    sql.execute("SELECT a.id, e.year, e.number, a.assignee_name, a.assignee_role, "
                "a.started_on, a.ended_on, r.name, r.site_id FROM inventory_assignment a "
                "JOIN register_entry e ON e.id = a.entry_id "
                "LEFT JOIN room r ON r.id = a.room_id")
    for id_, year, number, name, role, start, end, room, site_id in sql.cursor.fetchall():
        when = (f"dal {format_date(sql.to_date(start))}"
                + (f" al {format_date(sql.to_date(end))}" if end else ""))
        detail = " · ".join(x for x in (ASSIGNEE_ROLES.get(role, role), room or "", when) if x)
        yield _Row(id_, f"Affidamento n. {_yn(year, number)} – {name}", detail,
                   f"affidamento {_yn(year, number)} {name} {room or ''}",
                   (_yn(year, number),), site_id)


def _loans(sql: DriverSQL):
    sql.execute("SELECT l.id, e.year, e.number, l.student_name, l.class_name, l.parent_name, "
                "l.start, l.returned_on FROM loan l JOIN register_entry e ON e.id = l.entry_id")
    for id_, year, number, student, klass, parent, start, back in sql.cursor.fetchall():
        state = "restituito" if back else "in corso"
        yield _Row(id_, f"Comodato n. {_yn(year, number)} – {student} ({klass})",
                   f"Genitore: {parent} · dal {format_date(sql.to_date(start))} · {state}",
                   f"comodato {_yn(year, number)} {student} {klass} {parent}",
                   (_yn(year, number),))


def _requests(sql: DriverSQL):
    sql.execute("SELECT id, year, number, requested_on, requester, destination, status, "
                "destination_site_id FROM warehouse_request")
    for id_, year, number, day, requester, destination, status, site_id \
            in sql.cursor.fetchall():
        yield _Row(id_, f"Richiesta di materiale n. {_yn(year, number)} – {requester}",
                   f"Per {destination} · del {format_date(sql.to_date(day))} · {status}",
                   f"richiesta materiale {_yn(year, number)} {requester} {destination}",
                   (_yn(year, number),), site_id)


def _articles(sql: DriverSQL):
    sql.execute("SELECT id, code, description, category, supplier, active "
                "FROM warehouse_article")
    for id_, code, description, category, supplier, active in sql.cursor.fetchall():
        detail = " · ".join(x for x in (f"Codice {code}", category, supplier,
                                        "" if active else "non più in uso") if x)
        yield _Row(id_, f"{code} – {description}", detail,
                   f"{code} {description} {category} {supplier}", (code,))


def _purchases(sql: DriverSQL):
    from ..domain.procurement.procedure import PROCEDURE, REQUEST

    request_states, procedure_states = dict(REQUEST.labels), dict(PROCEDURE.labels)
    sql.execute("SELECT r.id, r.requested_on, r.object, r.status, p.year, p.number, p.cig, "
                "p.cup, p.status, p.rup FROM procurement_request r "
                "LEFT JOIN procurement_procedure p ON p.request_id = r.id")
    for id_, day, obj, r_status, year, number, cig, cup, p_status, rup in sql.cursor.fetchall():
        if number is None:
            yield _Row(id_, f"Richiesta del {format_date(sql.to_date(day))} – {obj}",
                       f"Richiesta {request_states.get(r_status, r_status)}", obj)
            continue
        detail = " · ".join(x for x in (f"CIG {cig}" if cig else "",
                                        procedure_states.get(p_status, p_status)) if x)
        yield _Row(id_, f"Determina n. {_yn(year, number)} – {obj}", detail,
                   f"determina {_yn(year, number)} {obj} {cig} {cup} {rup}",
                   (_yn(year, number), cig, cup))


def _invoices(sql: DriverSQL):
    from ..domain.money import format_cents

    sql.execute("SELECT i.id, i.year, i.number, i.invoice_number, i.invoice_date, i.total, "
                "i.cig, s.name FROM procurement_invoice i "
                "JOIN procurement_supplier s ON s.id = i.supplier_id")
    for id_, year, number, doc, day, total, cig, supplier in sql.cursor.fetchall():
        title = f"Fattura n. {doc} del {format_date(sql.to_date(day))} – {supplier}"
        detail = f"Registro delle fatture n. {_yn(year, number)} · {format_cents(total)}"
        yield _Row(id_, title, detail, f"fattura {doc} {_yn(year, number)} {supplier} {cig}",
                   (doc, _yn(year, number), cig))


def _commitments(sql: DriverSQL):
    from ..domain.money import format_cents

    sql.execute("SELECT id, year, number, description, creditor_name, amount, cig "
                "FROM funds_commitment")
    for id_, year, number, description, creditor, amount, cig in sql.cursor.fetchall():
        yield _Row(id_, f"Impegno n. {_yn(year, number)} – {description}",
                   " · ".join(x for x in (creditor, format_cents(amount)) if x),
                   f"impegno {_yn(year, number)} {description} {creditor} {cig}",
                   (_yn(year, number), cig))


def _payment_orders(sql: DriverSQL):
    from ..domain.money import format_cents

    sql.execute("SELECT o.id, o.year, o.number, o.causale, o.creditor_name, o.amount, o.cig, "
                "o.commitment_id, c.year, c.number FROM funds_payment_order o "
                "JOIN funds_commitment c ON c.id = o.commitment_id")
    for id_, year, number, causale, creditor, amount, cig, c_id, c_year, c_number \
            in sql.cursor.fetchall():
        yield _Row(id_, f"Mandato n. {_yn(year, number)} – {causale}",
                   f"{creditor} · {format_cents(amount)} · sull'impegno n. "
                   f"{_yn(c_year, c_number)}",
                   f"mandato {_yn(year, number)} {causale} {creditor} {cig}",
                   (_yn(year, number), cig), key_id=c_id)


def _documents(sql: DriverSQL):
    """The office's documents from templates, by number, subject and template (never the
    visitors' register: it is not searched)."""
    sql.execute("SELECT d.id, d.year, d.number, d.subject, d.issued_on, v.title, p.protocol_number "
                "FROM office_document d JOIN office_template_version v ON v.id = d.version_id "
                "LEFT JOIN document_protocol p ON p.report = 'documento' AND p.entry_id = "
                "d.entry_id AND NOT EXISTS (SELECT 1 FROM document_protocol r WHERE "
                "r.replaces_id = p.id)")
    for id_, year, number, subject, issued_on, template, protocol in sql.cursor.fetchall():
        yn = _yn(year, number)
        yield _Row(id_, f"Documento n. {yn} – {subject}",
                   f"{template} · del {format_date(sql.to_date(issued_on))}"
                   + (f" · prot. n. {protocol}" if protocol else ""),
                   f"documento {yn} {subject} {template} {protocol or ''}",
                   tuple(c for c in (yn, protocol) if c))


# In the order of the tabs; the key's kind is what ui/search.py opens.
KINDS: tuple[_Kind, ...] = (
    _Kind("person", "staff", "Persona", frozenset({"employee", "site"}), _persons),
    _Kind("commitment", "funds", "Impegno", frozenset({"funds_commitment"}), _commitments),
    _Kind("commitment", "funds", "Mandato",
          frozenset({"funds_payment_order", "funds_commitment"}), _payment_orders),
    _Kind("supplier", "procurement", "Fornitore", frozenset({"procurement_supplier"}),
          _suppliers),
    _Kind("procedure", "procurement", "Acquisto",
          frozenset({"procurement_request", "procurement_procedure"}), _purchases),
    _Kind("invoice", "procurement", "Fattura",
          frozenset({"procurement_invoice", "procurement_supplier"}), _invoices),
    _Kind("item", "inventory", "Bene", frozenset({"inventory_item", "register_entry", "site"}),
          _goods),
    _Kind("discharge", "inventory", "Decreto di discarico",
          frozenset({"inventory_discharge", "inventory_discharge_item"}), _discharges),
    _Kind("assignment", "inventory", "Affidamento",
          frozenset({"inventory_assignment", "room"}), _assignments),
    _Kind("loan", "inventory", "Comodato", frozenset({"loan"}), _loans,
          permission_code="inventory.loan_documents"),
    _Kind("article", "warehouse", "Articolo", frozenset({"warehouse_article"}), _articles),
    _Kind("request", "warehouse", "Richiesta di materiale", frozenset({"warehouse_request"}),
          _requests),
    _Kind("document", "office", "Documento",
          frozenset({"office_document", "document_protocol"}), _documents,
          permission_code="office.documents"),
)


# --- the index -----------------------------------------------------------------------------
@dataclass
class _Built:
    rows: list[_Row]
    text: str                        # the folded texts, one a line
    starts: list[int]                # where each row's line starts in ``text``
    codes: dict[str, list[int]] = field(default_factory=dict)   # folded code -> rows


def _build(rows: list[_Row]) -> _Built:
    folded = [_fold(r.text.replace("\n", " ")) for r in rows]
    starts, at = [], 0
    for t in folded:
        starts.append(at)
        at += len(t) + 1
    codes: dict[str, list[int]] = {}
    for i, r in enumerate(rows):
        for c in dict.fromkeys(_fold(c) for c in r.codes if c):
            codes.setdefault(c, []).append(i)
    return _Built(rows, "\n".join(folded), starts, codes)


class SearchIndex:
    """The index of one archive; ``search_index(db)`` keeps one per ``Database`` (the index
    holds no reference to it)."""

    def __init__(self):
        self._built: dict[int, _Built] = {}      # KINDS index -> built index
        self._stamp: int | None = None           # the change log's last id when read
        self._lock = threading.Lock()
        self.builds = 0                          # how many kinds were (re)built: for tests

    def _refresh(self, sql: DriverSQL, wanted: list[int]) -> None:
        row = sql.first("SELECT max(id) FROM audit_log")
        stamp = (row[0] or 0) if row else 0
        if self._stamp is not None and stamp != self._stamp:
            sql.execute("SELECT DISTINCT entity FROM audit_log WHERE id > ?", (self._stamp,))
            changed = {r[0] for r in sql.cursor.fetchall()}
            if stamp < self._stamp:          # another archive behind the same object
                self._built.clear()
            for k in [k for k in self._built if KINDS[k].tables & changed]:
                del self._built[k]
        self._stamp = stamp
        for k in wanted:
            if k not in self._built:
                self._built[k] = _build(list(KINDS[k].load(sql)))
                self.builds += 1

    def _current(self, db: Database, wanted: list[int]) -> dict[int, _Built]:
        with self._lock:
            with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
                self._refresh(sql, wanted)
            return {k: self._built[k] for k in wanted}

    def warm(self, db: Database) -> None:
        """Build now what the user's first query would (the window opening, before typing)."""
        user = getattr(db, "current_user", None)
        self._current(db, [k for k, kind in enumerate(KINDS) if allowed(user, kind.permission)])

    def search(self, db: Database, query: str, limit: int = LIMIT_PER_KIND) -> SearchResult:
        words = sorted(dict.fromkeys(_fold(query).split()), key=len, reverse=True)
        if not words:
            return SearchResult(())
        user = getattr(db, "current_user", None)
        wanted = [k for k, kind in enumerate(KINDS) if allowed(user, kind.permission)]
        if not wanted:
            return SearchResult(())
        built = self._current(db, wanted)
        code = " ".join(words) if len(words) == 1 else None
        exact, found, more = [], [], []
        for k, index in built.items():
            kind = KINDS[k]
            sites: dict[int | None, bool] = {}

            def visible(row: _Row, kind=kind, sites=sites) -> bool:
                if row.site_id not in sites:
                    sites[row.site_id] = allowed(user, kind.permission, row.site_id)
                return sites[row.site_id]

            seen: set[int] = set()
            for i in index.codes.get(code, ()) if code else ():
                if visible(index.rows[i]):
                    seen.add(i)
                    exact.append(_hit(kind, index.rows[i], True))
            count = 0
            for i in _matching(index, words):
                if i in seen or not visible(index.rows[i]):
                    continue
                if count == limit:
                    more.append(kind.label)
                    break
                count += 1
                found.append(_hit(kind, index.rows[i], False))
        return SearchResult(tuple(exact + found), tuple(more))


def _hit(kind: _Kind, row: _Row, exact: bool) -> SearchHit:
    return SearchHit(area(kind.area).label, kind.label, row.title, row.detail,
                     (kind.name, row.key_id if row.key_id is not None else row.id), exact)


def _matching(index: _Built, words: list[str]):
    """The rows whose folded text holds every word: the longest word is found with
    ``str.find`` over all the texts at once, the others checked on its rows only."""
    text, starts, first, rest = index.text, index.starts, words[0], words[1:]
    at = text.find(first)
    while at != -1:
        i = bisect_right(starts, at) - 1
        end = starts[i + 1] - 1 if i + 1 < len(starts) else len(text)
        line = text[starts[i]:end]
        if all(w in line for w in rest):
            yield i
        at = text.find(first, end + 1)


# One index per open Database (a dataclass: not hashable), dropped when it is collected.
_INDEXES: dict[int, SearchIndex] = {}
_INDEXES_LOCK = threading.Lock()


def search_index(db: Database) -> SearchIndex:
    with _INDEXES_LOCK:
        index = _INDEXES.get(id(db))
        if index is None:
            index = _INDEXES[id(db)] = SearchIndex()
            weakref.finalize(db, _INDEXES.pop, id(db), None)
        return index


def warm(db: Database) -> None:
    search_index(db).warm(db)


def search(db: Database, query: str, limit: int = LIMIT_PER_KIND) -> SearchResult:
    """What the global search finds for ``query``, for the user working on ``db``."""
    return search_index(db).search(db, query, limit)
