"""Demo Fondi: the fondo economale 2021 and the restitution of the unused part of the DL 41
fund (issue 15 items 8 and 9). Runs at the end of ``generate_funds``: every register wants its
dates in order, and the year's impegni run to 02/12/2021, so the fund (limits by the
Consiglio's delibera of December 2020) is advanced in December, its expenses follow, then the
reintegro, the restitution and the closing. Every impegno is dated by 14/12/2021
(tests/ui/funds/test_funds_tab.py commits on that day). Fixed figures; the DSGA holds it.

Cash, by hand: advance 500,00; expenses 12,40 + 38,00 + 7,80 + 45,00 + 22,90 + 9,50 + 16,00
+ 31,20 + 4,60 + 27,30 + 19,90 + 11,00 = 245,60 → 254,40; reintegro 245,60 → 500,00; one
more expense 18,50 → 481,50, returned by the closing reversale. DL 41 fund: 12.480,35 −
impegni 4.870,00 + 1.600,00 + 3.450,00 = 2.560,35 restituted (the November sanitisation went
on the DL 34/2020 art. 231 fund, whose 214,00 left stay avanzo vincolato for 2022).
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import select

from ..db.engine import Database
from ..db.uow import read_session
from ..domain.funds.creditor import Creditor
from ..models.funds import EarmarkedFund
from ..services.funds.cash import (
    ExpenseInput,
    FundInput,
    close_fund,
    open_fund,
    record_expense,
    reimburse,
)
from ..services.funds.restitution import (
    PaymentInput,
    RestitutionInput,
    commit_restitution,
    pay_restitution,
)
from .days import office_day
from .staff import demo_codice_fiscale
from .users import DEMO_DIRIGENTE, acting_as

D = Decimal
YEAR = 2021
FUND_NAME = "Risorse ex art. 31, comma 1, DL 41/2021"      # demo/funds.py
# The DSGA in office in 2021 (demo/inventory/handover.py: Paola Neri until 31/08/2024), the
# one who signs the year's mandati: her codice fiscale built by the official rules.
DSGA = Creditor("Paola Neri (DSGA)",
                tax_code=demo_codice_fiscale("Neri", "Paola", "F", date(1968, 5, 14)))
MINISTRY = Creditor("Ministero dell'Istruzione", tax_code="80185250588",
                    iban="IT60X0542811101000000123456")
EXPENSES = [  # (day, amount, object, supplier, destination, tipo di spesa)
    (6, "12,40", "Marche da bollo per pratiche di segreteria", "Tabaccheria Centrale", "A02", "02"),
    (6, "38,00", "Chiavi e serrature per gli armadi delle aule", "Ferramenta Lorusso", "A01", "02"),
    (7, "7,80", "Pile per i telecomandi dei proiettori", "Elettrodomestici Sud", "A03", "02"),
    (7, "45,00", "Riparazione urgente di una serratura", "Fabbro Mastrangelo", "A01", "03"),
    (9, "22,90", "Spedizione raccomandate", "Poste Italiane", "A02", "03"),
    (9, "9,50", "Nastro adesivo e colla", "Cartolibreria Il Quaderno", "A03", "02"),
    (10, "16,00", "Duplicazione di chiavi", "Ferramenta Lorusso", "A01", "02"),
    (10, "31,20", "Detergenti per l'emergenza sanitaria", "Market Santoro", "A01", "02"),
    (13, "4,60", "Francobolli", "Poste Italiane", "A02", "03"),
    (13, "27,30", "Lampadine per le aule", "Elettrodomestici Sud", "A01", "02"),
    (13, "19,90", "Cartoncini per i lavori di Natale", "Cartolibreria Il Quaderno", "A03",
     "02"),
    (13, "11,00", "Piccola minuteria per il laboratorio", "Ferramenta Lorusso", "A03", "02"),
]


def generate_funds_cash(db: Database) -> None:
    def dirigente():
        return acting_as(db, DEMO_DIRIGENTE)

    open_fund(db, FundInput(YEAR, D("500.00"), D("50.00"), date(YEAR - 1, 12, 18),
                            "Delibera del Consiglio d'istituto n. 42 del 18/12/2020", "A01",
                            office_day(date(YEAR, 12, 3)), DSGA), commit_as=dirigente)
    for day, amount, what, supplier, dest, kind in EXPENSES:
        record_expense(db, ExpenseInput(YEAR, office_day(date(YEAR, 12, day)), amount, what,
                                        supplier, dest, kind, "Scontrino fiscale"))
    reimburse(db, YEAR, office_day(date(YEAR, 12, 13)), DSGA, commit_as=dirigente)
    record_expense(db, ExpenseInput(YEAR, office_day(date(YEAR, 12, 15)), "18,50",
                                    "Toner per la stampante di presidenza", "Market Santoro",
                                    "A02", "02", "Scontrino fiscale"))
    with read_session(db) as s:
        fund_id = s.scalar(select(EarmarkedFund.id).where(EarmarkedFund.name == FUND_NAME))
    day = office_day(date(YEAR, 12, 14))
    with dirigente():
        done = commit_restitution(db, RestitutionInput(fund_id, day, D("2560.35"), "02",
                                                       MINISTRY.name))
    pay_restitution(db, PaymentInput(done.restitution_id, day, MINISTRY))
    close_fund(db, YEAR, office_day(date(YEAR, 12, 22)), DSGA.name)
