"""The values a print's option may take in an archive: the registers' codes, the numbered
documents (number, date, subject, newest first), the plessi, the goods, the procedures.

The command line lists them when an option is missing or wrong, and builds from them the
example of each print (``print --list --db FILE``). A bounded list: the newest first.
"""
from __future__ import annotations

from dataclasses import dataclass

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain.dates import format_date
from ..domain.errors import DomainError

LIMIT = 10   # values listed in a message (the newest)

# The movements each warehouse buono prints (reports.warehouse).
_MOVEMENT_KINDS = {
    "buono-versamento": ("carico",),
    "buono-prelevamento": ("scarico", "dpi", "trasferimento", "rettifica", "storno"),
}
# Prints sharing a register with others: which of its documents each one prints.
_DOCUMENT_OF = {
    "verbale-affidamento": "EXISTS (SELECT 1 FROM inventory_assignment x "
                           "WHERE x.entry_id = e.id)",
    "verbale-riconsegna": "EXISTS (SELECT 1 FROM inventory_assignment x "
                          "WHERE x.end_entry_id = e.id)",
    "verbale-restituzione-comodato": "EXISTS (SELECT 1 FROM loan x WHERE x.entry_id = e.id "
                                     "AND x.returned_on IS NOT NULL)",
    "confronto-preventivi": "EXISTS (SELECT 1 FROM procurement_procedure x JOIN "
                            "procurement_quote q ON q.procedure_id = x.id "
                            "WHERE x.entry_id = e.id)",
}


@dataclass(frozen=True)
class Choice:
    options: dict          # {"anno": 2026, "numero": 3}: what to type
    text: str              # "n. 3/2026 del 12/11/2026 – Buono di carico – …"

    @property
    def command(self) -> str:
        return " ".join(f"--{k} {v}" for k, v in self.options.items())


def documents_query(report: str, register: str, where: str = "") -> tuple[str, list]:
    """The register entries that are documents of ``report`` (not annulled, of the movement
    kinds or the kind of act it prints), newest first."""
    kinds = _MOVEMENT_KINDS.get(report, ())
    only = _DOCUMENT_OF.get(report, "")
    query = ("SELECT e.id, e.year, e.number, e.entry_date, e.description FROM register_entry e ")
    params: list = []
    if kinds:
        query += ("JOIN warehouse_movement m ON m.entry_id = e.id AND m.kind IN ("
                  + ", ".join("?" for _ in kinds) + ") ")
        params += kinds
    query += ("WHERE e.register = ? AND e.annuls_id IS NULL " + (f"AND {only} " if only else "")
              + (f"AND {where} " if where else "")
              + "AND NOT EXISTS (SELECT 1 FROM register_entry a WHERE a.annuls_id = e.id) "
              "ORDER BY e.year DESC, e.number DESC")
    return query, [*params, register]


def _documents(sql, report: str, register: str, limit: int = LIMIT) -> list[Choice]:
    query, params = documents_query(report, register)
    sql.execute(query + " LIMIT ?", (*params, limit))
    return [Choice({"anno": year, "numero": number},
                   f"n. {number}/{year} del {format_date(sql.to_date(day))} – {text}")
            for _id, year, number, day, text in sql.cursor.fetchall()]


def document_entry(sql, report: str, register: str, year: int, number: int):
    """(entry id, entry date) of document ``number``/``year`` of ``report``, or None when the
    register has no such document for that print (annulled, or another kind of movement)."""
    query, params = documents_query(report, register, "e.year = ? AND e.number = ?")
    row = sql.first(query, (*params, year, number))
    return (row[0], sql.to_date(row[3])) if row else None


def _registers(sql, report: str, limit: int = LIMIT) -> list[Choice]:
    from ..domain.inventory.labels import has_labels
    from ..domain.registers import all_registers

    if report == "rinnovo":   # the series a rinnovo closed
        sql.execute("SELECT code, closed_on FROM inventory_series WHERE closed_on IS NOT NULL "
                    "ORDER BY closed_on DESC, id DESC LIMIT ?", (limit,))
        return [Choice({"registro": code}, f"{code} (chiuso dal rinnovo del "
                                           f"{format_date(sql.to_date(day))})")
                for code, day in sql.cursor.fetchall()]
    # Every register defined (an empty one prints too), those with entries first.
    sql.execute("SELECT DISTINCT register FROM register_entry")
    used = {r for (r,) in sql.cursor.fetchall()}
    specs = sorted(all_registers(), key=lambda r: r.code not in used)
    if report == "etichette":
        specs = [r for r in specs if has_labels(r.code)]
    return [Choice({"registro": r.code}, f"{r.code} – {r.title}") for r in specs]


def _sites(sql, limit: int = LIMIT) -> list[Choice]:
    sql.execute("SELECT code, name FROM site ORDER BY id LIMIT ?", (limit,))
    return [Choice({"plesso": code}, f"{code} – {name}") for code, name in sql.cursor.fetchall()]


def _visit_period(sql) -> list[Choice]:
    """The days the register of visitors still holds (only the dates: no personal data)."""
    from datetime import date

    from ..domain.dates import format_date

    sql.execute("SELECT min(day), max(day), count(*) FROM office_visit")
    first, last, n = sql.cursor.fetchone()
    if not n:
        return []
    first, last = (d if isinstance(d, date) else date.fromisoformat(d) for d in (first, last))
    return [Choice({"dal": format_date(first), "al": format_date(last)},
                   f"dal {format_date(first)} al {format_date(last)} – {n} visite")]


def _communication_period(sql) -> list[Choice]:
    """The days the register of communications spans."""
    from datetime import date

    from ..domain.dates import format_date

    sql.execute("SELECT min(day), max(day), count(*) FROM office_communication")
    first, last, n = sql.cursor.fetchone()
    if not n:
        return []
    first, last = (d if isinstance(d, date) else date.fromisoformat(d) for d in (first, last))
    return [Choice({"dal": format_date(first), "al": format_date(last)},
                   f"dal {format_date(first)} al {format_date(last)} – {n} comunicazioni")]


def _surveys(sql, limit: int = LIMIT) -> list[Choice]:
    """The monitoraggi, the latest deadline first."""
    sql.execute("SELECT id, title, deadline FROM office_survey ORDER BY deadline DESC, id DESC "
                "LIMIT ?", (limit,))
    return [Choice({"numero": i}, f"n. {i} – {title}") for i, title, _d in
            sql.cursor.fetchall()]


def _goods(sql, limit: int = LIMIT) -> list[Choice]:
    """Goods with maintenance records first (their scheda has something to show)."""
    sql.execute("SELECT i.register, i.number, e.description, "
                "(SELECT count(*) FROM inventory_maintenance m WHERE m.item_id = i.id) AS n "
                "FROM inventory_item i JOIN register_entry e ON e.id = i.entry_id "
                "ORDER BY n DESC, i.register, i.number LIMIT ?", (limit,))
    return [Choice({"inventario": reg, "numero": num},
                   f"{reg} n. {num} – {text}" + (f" ({n} interventi)" if n else ""))
            for reg, num, text, n in sql.cursor.fetchall()]


def _sales(sql, limit: int = LIMIT) -> list[Choice]:
    sql.execute("SELECT id, decree_number, decree_date, counterpart FROM inventory_sale "
                "WHERE kind = 'vendita' ORDER BY id DESC LIMIT ?", (limit,))
    return [Choice({"numero": id_}, f"n. {id_} – decreto n. {decree} del "
                                    f"{format_date(sql.to_date(day)) if day else '—'}"
                                    + (f" – {who}" if who else ""))
            for id_, decree, day, who in sql.cursor.fetchall()]


def _decrees(sql, limit: int = LIMIT) -> list[Choice]:
    sql.execute("SELECT decree_number, decree_date FROM inventory_discharge "
                "ORDER BY decree_date DESC, id DESC LIMIT ?", (limit,))
    out = []
    for number, day in sql.cursor.fetchall():
        day = sql.to_date(day)
        out.append(Choice({"numero": number, "anno": day.year},
                          f"decreto n. {number} del {format_date(day)}"))
    return out


def _people(sql, limit: int = LIMIT) -> list[Choice]:
    """The ATA staff in service, by profile and name, named by their id (the command line's
    example shows no personal data; the list of values, shown after the permission check,
    adds the name and the codice fiscale)."""
    from ..domain.staff.profiles import ATA_ROLES, role_label

    roles = ", ".join(f"'{r}'" for r in ATA_ROLES)
    order = " ".join(f"WHEN '{r}' THEN {i}" for i, r in enumerate(ATA_ROLES))
    sql.execute(f"SELECT id, surname, name, role, codice_fiscale FROM employee "
                f"WHERE active = ? AND role IN ({roles}) "
                f"ORDER BY CASE role {order} END, surname, name, id LIMIT ?", (True, limit))
    return [Choice({"persona": id_}, f"{surname} {name} – {role_label(role)}"
                                     + (f" (codice fiscale {cf})" if cf else ""))
            for id_, surname, name, role, cf in sql.cursor.fetchall()]


def _requests(sql, limit: int = LIMIT) -> list[Choice]:
    """The approved requests of absence, newest first, by number and dates (no name, no
    cause: the example of the command line shows no personal data)."""
    sql.execute("SELECT id, starts_on, ends_on, decided_on FROM staff_absence_request "
                "WHERE state = ? ORDER BY decided_on DESC, id DESC LIMIT ?",
                ("approvata", limit))
    return [Choice({"richiesta": id_}, f"richiesta n. {id_} dal "
                                       f"{format_date(sql.to_date(a))} al "
                                       f"{format_date(sql.to_date(b))}, approvata il "
                                       f"{format_date(sql.to_date(d))}")
            for id_, a, b, d in sql.cursor.fetchall()]


def _suppliers(sql, limit: int = LIMIT) -> list[Choice]:
    """The suppliers, those with the most recent awards or invoices first."""
    sql.execute("SELECT s.id, s.name, s.vat, s.tax_code FROM procurement_supplier s "
                "ORDER BY (SELECT max(i.id) FROM procurement_invoice i "
                "WHERE i.supplier_id = s.id) DESC, s.id DESC LIMIT ?", (limit,))
    out = []
    for id_, name, vat, tax_code in sql.cursor.fetchall():
        code = (vat[2:] if vat.startswith("IT") else vat) or tax_code or str(id_)
        out.append(Choice({"fornitore": code}, f"{code} – {name}"))
    return out


# The options that pick the thing to print, per kind of print.
def choice_keys(spec) -> tuple[str, ...]:
    names = {o.name for o in spec.options}
    if "fornitore" in names:
        return ("fornitore",)
    if spec.numbered:
        return ("anno", "numero")
    if "inventario" in names:
        return ("inventario", "numero")
    if spec.name in ("avviso-vendita", "scheda-monitoraggio"):
        return ("numero",)
    if spec.name == "decreto-discarico":
        return ("numero", "anno")
    if "persona" in names:
        return ("persona",)
    if "richiesta" in names:
        return ("richiesta",)
    if "plesso" in names:
        return ("plesso",)
    if "registro" in names:
        return ("registro",)
    return ()


def report_choices(db: Database, spec, limit: int | None = LIMIT) -> list[Choice] | None:
    """The valid values of the options that pick one thing to print, newest first, at most
    ``limit`` (None: all of them). None: the print picks nothing."""
    names = {o.name for o in spec.options}
    limit = -1 if limit is None else limit        # SQLite and PostgreSQL: LIMIT -1 / ALL
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        if sql.postgres and limit < 0:
            limit = 2 ** 62
        if spec.numbered:
            return _documents(sql, spec.name, spec.numbered, limit)
        if "inventario" in names:
            return _goods(sql, limit)
        if spec.name == "avviso-vendita":
            return _sales(sql, limit)
        if spec.name == "decreto-discarico":
            return _decrees(sql, limit)
        if "persona" in names:
            return _people(sql, limit)
        if "richiesta" in names:
            return _requests(sql, limit)
        if "plesso" in names:
            return _sites(sql, limit)
        if "fornitore" in names:
            return _suppliers(sql, limit)
        if "registro" in names:
            return _registers(sql, spec.name, limit)
        if spec.name == "estratto-visitatori":
            return _visit_period(sql)
        if spec.name == "registro-comunicazioni":
            return _communication_period(sql)
        if spec.name == "scheda-monitoraggio":
            return _surveys(sql, limit)
    return None


# The Fondi prints of a financial year, and the table that says which years have one.
_YEAR_TABLES = {"fondo-economale": "funds_cash_fund"}


def example_year(db: Database, spec, today=None) -> int | None:
    """For a Fondi print of a year: the newest year it has something to print when the
    current one (its default) has nothing, e.g. the demo's 2021; otherwise None."""
    from datetime import date

    if spec.area != "Fondi" or "anno" not in {o.name for o in spec.options}:
        return None
    table = _YEAR_TABLES.get(spec.name, "funds_programme")
    current = (today or date.today()).year
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute(f"SELECT year FROM {table} ORDER BY year DESC")
        years = [int(y) for (y,) in sql.cursor.fetchall()]
    return years[0] if years and current not in years else None


def _same(a, b) -> bool:
    return str(a).strip().upper() == str(b).strip().upper()


def is_valid_choice(db: Database, spec, options: dict) -> bool:
    """Whether the options given pick something that exists (True if the print picks
    nothing). A plesso is named by its code or its id."""
    if spec.name == "decreto-discarico":
        if options.get("id") is not None:
            return True          # by the internal id: the print says if it exists
        if options.get("data") is not None:   # the date decides the year, not --anno
            options = {**options, "anno": options["data"].year}
    keys = [k for k in choice_keys(spec) if options.get(k) is not None]
    if not keys:
        return True
    if keys == ["persona"]:      # a person by id or codice fiscale, in service or not
        given = str(options["persona"]).strip().upper()
        with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
            return sql.first("SELECT 1 FROM employee WHERE CAST(id AS VARCHAR(20)) = ? "
                             "OR upper(codice_fiscale) = ?", (given, given)) is not None
    every = report_choices(db, spec, limit=None) or []
    if keys == ["fornitore"]:
        from .procurement_suppliers import supplier_id_of

        try:
            supplier_id_of(db, options["fornitore"])
        except DomainError:
            return False
        return True
    if keys == ["plesso"]:
        with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
            sql.execute("SELECT id FROM site")
            ids = {str(i) for (i,) in sql.cursor.fetchall()}
        if str(options["plesso"]).strip() in ids:
            return True
    return any(all(_same(c.options[k], options[k]) for k in keys if k in c.options)
               for c in every)
