"""Every print of the catalogue built on the demo, with the options it needs there.

Used by the tests that read every print (every string inside its cell, no internal key on
paper). The options are read from the demo with plain SQL, not from the code that prints.
"""
from __future__ import annotations

from datetime import date

from iiss_desktop.reports.catalog import REPORTS

# Register codes of the generic register print worth reading on the demo.
REGISTERS = ("inv-mobili", "inv-durevoli", "mag-giornale", "inv-buoni-carico")

# A document that exists in the demo for each numbered print whose register alone does not
# say which (the return verbale needs a returned loan).
DOCUMENT_QUERIES = {
    "verbale-restituzione-comodato":
        "SELECT e.year, e.number FROM loan l JOIN register_entry e ON e.id = l.entry_id "
        "WHERE l.returned_on IS NOT NULL ORDER BY e.id LIMIT 1",
    "buono-versamento":
        "SELECT e.year, e.number FROM warehouse_movement m JOIN register_entry e "
        "ON e.id = m.entry_id WHERE m.kind = 'carico' ORDER BY e.id LIMIT 1",
    "buono-prelevamento":
        "SELECT e.year, e.number FROM warehouse_movement m JOIN register_entry e "
        "ON e.id = m.entry_id WHERE m.kind = 'scarico' ORDER BY e.id LIMIT 1",
    "verbale-riconsegna":
        "SELECT e.year, e.number FROM inventory_assignment a JOIN register_entry e "
        "ON e.id = a.end_entry_id ORDER BY e.id LIMIT 1",
}


def _one(db, query: str, params=()):
    with db.read_engine.connect() as conn:
        return conn.exec_driver_sql(query, params).first()


def _day(value) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def demo_print_options(db) -> list[tuple[str, str, dict]]:
    """(label, report name, options) for every print that exists on the demo."""
    out: list[tuple[str, str, dict]] = []
    for spec in REPORTS:
        name = spec.name
        if name == "registro":
            out += [(f"registro {code}", name, {"registro": code}) for code in REGISTERS]
        elif name == "etichette":
            out.append((name, name, {"registro": "inv-mobili"}))
        elif name == "rinnovo":
            continue    # the demo has no rinnovo (its goods are younger than ten years)
        elif name == "prospetto-subconsegnatario":
            out.append((name, name, {"plesso": "PRIM"}))
        elif name == "scheda-manutenzioni":
            out.append((name, name, {"inventario": "inv-mobili", "numero": 1}))
        elif name == "decreto-discarico":
            number, day = _one(db, "SELECT decree_number, decree_date FROM inventory_discharge "
                                   "ORDER BY id LIMIT 1")
            out.append((name, name, {"numero": number, "data": _day(day)}))
        elif name == "avviso-vendita":
            (sale,) = _one(db, "SELECT id FROM inventory_sale WHERE kind = 'vendita' "
                               "ORDER BY id LIMIT 1")
            out.append((name, name, {"numero": sale}))
        elif name == "ordine-servizio":    # an assistente with lavoro agile in the Piano
            (person,) = _one(db, "SELECT id FROM employee WHERE surname = 'De Santis'")
            out.append((name, name, {"persona": person}))
        elif name == "scheda-fornitore":
            (vat,) = _one(db, "SELECT s.vat FROM procurement_supplier s WHERE EXISTS (SELECT 1 "
                              "FROM procurement_award a WHERE a.supplier_id = s.id) "
                              "ORDER BY s.id LIMIT 1")
            out.append((name, name, {"fornitore": vat}))
        elif name == "estratto-visitatori":    # the days the register of visitors keeps
            first, last = _one(db, "SELECT min(day), max(day) FROM office_visit")
            out.append((name, name, {"dal": _day(first), "al": _day(last)}))
        elif name == "registro-comunicazioni":    # every communication of the demo
            first, last = _one(db, "SELECT min(day), max(day) FROM office_communication")
            out.append((name, name, {"dal": _day(first), "al": _day(last)}))
        elif name == "scheda-monitoraggio":       # a survey with its figures gathered
            (survey,) = _one(db, "SELECT min(survey_id) FROM office_survey_figure")
            out.append((name, name, {"numero": survey}))
        elif name == "budget-covid":
            out.append((name, name, {"anno": 2020}))     # the demo's organico Covid
        elif spec.numbered:
            if name in DOCUMENT_QUERIES:
                row = _one(db, DOCUMENT_QUERIES[name])
            else:
                row = _one(db, "SELECT year, number FROM register_entry WHERE register = ? "
                               "AND annuls_id IS NULL ORDER BY id LIMIT 1", (spec.numbered,))
            out.append((name, name, {"anno": row[0], "numero": row[1]}))
        else:
            out.append((name, name, {}))
    year = date.today().year
    for _label, name, options in out:
        spec = next(r for r in REPORTS if r.name == name)
        if any(o.name == "anno" for o in spec.options) and "anno" not in options \
                and "data" not in options:
            options["anno"] = year
    return out
