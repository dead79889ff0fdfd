"""The demo archive as a DSGA would believe it: nothing the office records is dated on a
Sunday or a national holiday (domain.md: the office's working days)."""
from __future__ import annotations

import sqlite3
from datetime import date

from sqlalchemy import Date

from iiss_desktop.domain.calendar import national_holidays
from iiss_desktop.models.base import Base

# Dates that are not acts of the office: the calendar itself, a legal start of service or of
# an appointment (1 September), of a contract period, of a proroga or of a weekly pattern (the
# day after the previous one, whatever the weekday), an expiry or a warranty's end, a
# parent's birthday; the days of an absence (a malattia runs on consecutive days) and the
# legal deadline of carried ferie (30 April).
NOT_OFFICE_ACTS = {"calendar_day.day", "employee.hired_on", "custody_role.started_on",
                   "employee.service_since", "staff_contract.starts_on",
                   "staff_contract.ends_on", "staff_pattern.valid_from",
                   "staff_pattern.valid_to",
                   "warehouse_lot.expiry", "inventory_maintenance.warranty_until",
                   "loan.parent_birth_date", "staff_absence.starts_on",
                   "staff_absence.ends_on", "staff_leave_entry.deadline",
                   # a visitor's birthday; the last day a purge reached, the days an extract
                   # for the ASL spans (limits of a period, whatever the weekday)
                   "office_visit.birth_date", "office_purge.through_day",
                   "office_extract.date_from", "office_extract.date_to",
                   # the limits of a referente's appointment and of a survey's period
                   "office_covid_referent.valid_from", "office_covid_referent.valid_to",
                   "office_survey.period_from", "office_survey.period_to"}


def test_nothing_the_office_records_is_dated_on_a_sunday_or_a_holiday(demo_path):
    holidays: dict[int, set[date]] = {}
    wrong, checked = [], 0
    with sqlite3.connect(demo_path) as con:
        for table in Base.metadata.tables.values():
            for column in table.columns:
                name = f"{table.name}.{column.name}"
                if not isinstance(column.type, Date) or name in NOT_OFFICE_ACTS:
                    continue
                for (value,) in con.execute(f"SELECT {column.name} FROM {table.name} "
                                            f"WHERE {column.name} IS NOT NULL"):
                    day = date.fromisoformat(value)
                    year = holidays.setdefault(
                        day.year, {h.day for h in national_holidays(day.year)})
                    checked += 1
                    if day.weekday() == 6 or day in year:
                        wrong.append((name, value))
    assert checked > 1000
    assert wrong == []


# --- Prices and quantities (issue 12 item 11) ------------------------------------------------
# Unit prices IVA included a DSGA would recognise from a supplier's list (MePA catalogues of
# 2025), per kind of article: the bounds are generous but exclude what was there (a calculator
# at 0,36 €, a pack of AA batteries at 55 €).
ARTICLE_PRICES = {                       # code: (min, max) € per unit of the article
    "CALCOLATRICE": (5, 40),             # a desk calculator
    "BATT-AA": (2, 12), "BATT-AAA": (2, 12),   # a pack of 4 batteries
    "CARTA-A4-80": (2.5, 8),             # a ream of 500 sheets
    "PENNA-BLU": (0.15, 2),              # a ballpoint pen
    "USB-32": (4, 20),                   # a 32 GB stick
    "TONER-HP59A": (40, 200),            # an original or compatible toner
}
CATEGORY_PRICES = {                      # category: (min, max) € per unit of any article
    "Cancelleria": (0.1, 30),            # from a pencil to a box of 100 label sheets
    "Materiale didattico": (1, 30),      # packs of colours, chalk, modelling clay
    "Materiale informatico": (2, 200),   # from a mouse pad to a high-yield toner
    "Pulizia e igiene": (0.3, 20),       # from a sponge to a mop bucket
    "Stampati": (0.5, 30),               # registers and pads of forms
    "Primo soccorso": (1, 60),           # the refill of a first-aid kit the dearest
}
# A school's storerooms hold weeks of consumption, not years: the central one a few thousand
# euros of each category, the whole stock well under what an annual budget (programma
# annuale, A02/A03) spends on consumables.
MAX_STOCK_PER_CATEGORY = 8_000_00        # cents
MAX_STOCK = 25_000_00


def _carico_prices(con) -> list[tuple[str, str, float]]:
    return con.execute(
        "SELECT a.code, a.category, 1.0 * l.value_cents / (l.quantity / 1000.0) / 100 "
        "FROM warehouse_movement_line l JOIN warehouse_movement m ON m.id = l.movement_id "
        "JOIN warehouse_article a ON a.id = l.article_id "
        "WHERE m.kind = 'carico' AND l.value_cents > 0").fetchall()


def test_warehouse_prices_and_stock_a_dsga_would_believe(demo_path):
    with sqlite3.connect(demo_path) as con:
        prices = _carico_prices(con)
        stock = dict(con.execute(
            "SELECT a.category, sum(b.value_cents) FROM warehouse_balance b "
            "JOIN warehouse_article a ON a.id = b.article_id GROUP BY a.category"))
    assert len(prices) > 200
    wrong = [(code, round(p, 2)) for code, category, p in prices
             if code in ARTICLE_PRICES and not
             ARTICLE_PRICES[code][0] <= p <= ARTICLE_PRICES[code][1]]
    wrong += [(code, round(p, 2)) for code, category, p in prices
              if category in CATEGORY_PRICES and not
              CATEGORY_PRICES[category][0] <= p <= CATEGORY_PRICES[category][1]]
    assert wrong == []
    assert {code for code, _c, _p in prices} >= set(ARTICLE_PRICES)
    assert max(stock.values()) <= MAX_STOCK_PER_CATEGORY, stock
    assert sum(stock.values()) <= MAX_STOCK


# Inventory: a good's unit value by kind, and how many of a kind one room holds.
GOOD_VALUES = {                          # description prefix: (min, max) € per good
    "Lavagna interattiva": (800, 4000),  # a 75" interactive whiteboard
    "Personal computer portatile": (350, 1500),
    "Tablet": (120, 700),
    "Sedia per alunni": (20, 120),
    "Banco biposto": (50, 250),
    "Mouse": (5, 40),
}
MAX_PER_ROOM = {"Lavagna interattiva": 1}   # one board per classroom


def test_inventory_values_and_rooms_a_dsga_would_believe(demo_path):
    with sqlite3.connect(demo_path) as con:
        goods = con.execute(
            "SELECT e.description, i.value, i.room_id FROM inventory_item i "
            "JOIN register_entry e ON e.id = i.entry_id "
            "WHERE i.status IN ('in uso', 'in comodato')").fetchall()
    wrong, per_room = [], {}
    for text, cents, room in goods:
        for prefix, (low, high) in GOOD_VALUES.items():
            if text.startswith(prefix) and not low * 100 <= cents <= high * 100:
                wrong.append((text, cents))
        for prefix in MAX_PER_ROOM:
            if text.startswith(prefix):
                per_room[(prefix, room)] = per_room.get((prefix, room), 0) + 1
    assert wrong == []
    crowded = {k: n for k, n in per_room.items() if n > MAX_PER_ROOM[k[0]]}
    assert crowded == {}
    assert sum(n for (prefix, _r), n in per_room.items()) >= 5    # the boards are there
