"""Demo Fondi: the financial year 2021 of the demo school.

A Programma Annuale proposed by the Giunta in November 2020, with the revisori's opinion and
the Consiglio's delibera in December; the earmarked fund of DL 41/2021 art. 31 c.1 (nota MI
453 del 31/03/2021: DPI and hygiene, psychological support, medical services, inclusion)
taken in by decree of the dirigente on 03/06 and A01; the unspent 2020 resources of DL 34/2020
art. 231 c.1 (sanitisation, DPI, hygiene of the school's rooms), entered as avanzo vincolato
on 01/02 by decree of 04/05 once the Conto consuntivo 2020 fixed them ([U]: the sum is the
demo's; DM 95/2020 assigned them to each school); a storno and a delibera of variation;
a year of impegni (by the dirigente, each with the CIG its invoice writes), liquidazioni and
mandati (by the DSGA) to suppliers whose partita IVA, codice fiscale and IBAN pass their
check digits; the reversali of the year (demo/funds_revenue.py).

The figures are fixed (the generator draws nothing from ``rng``: the areas after it keep
their sequences) and every date is an office day, in the order of its register.
"""
from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal

from ..db.engine import Database
from ..domain.funds.creditor import Creditor
from ..services.funds.programme import (
    EarmarkedInput,
    VariationInput,
    VariationLineInput,
    advance_programme,
    create_programme,
    record_earmarked_fund,
    record_variation,
    set_forecasts,
)
from ..services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from .days import office_day, office_day_before
from .users import DEMO_DIRIGENTE, acting_as

D = Decimal
YEAR = 2021
REVENUE = {"01/01": D("6000.00"),      # avanzo di amministrazione non vincolato
           "03/01": D("14000.00"),     # dotazione ordinaria
           "03/06": D("3000.00"),      # finanziamenti vincolati già noti (DL 137/2020 art. 21)
           "06/01": D("9000.00")}      # contributi volontari delle famiglie
SPENDING = {("A01", "02"): D("4000.00"), ("A01", "03"): D("3000.00"),
            ("A02", "02"): D("3500.00"), ("A02", "03"): D("3000.00"),
            ("A03", "02"): D("6000.00"), ("A03", "06"): D("2500.00"),
            ("P01", "03"): D("4200.00"), ("P02", "03"): D("4400.00"),
            ("R98", "04"): D("1400.00")}       # 10 % of the dotazione ordinaria: the limit

FUND_NAME = "Risorse ex art. 31, comma 1, DL 41/2021"
FUND_AMOUNT = D("12480.35")
FUND_231 = "Risorse ex art. 231, comma 1, DL 34/2020 (avanzo vincolato 2020)"
FUND_231_AMOUNT = D("1800.00")
FUNDS = {"dl41": FUND_NAME, "dl231": FUND_231}   # the key of an impegno on a fund

# Suppliers: partita IVA (also their codice fiscale) and IBAN with valid check digits.
CREDITORS = {
    "rossi": Creditor("Cartoleria Rossi Srl", "04123450720", "04123450720",
                      "IT43M0306904013100000004601"),
    "tecno": Creditor("Tecnoservizi Bari Srl", "05678910729", "05678910729",
                      "IT53E0542404297000000001234"),
    "didattica": Creditor("Didattica Scientifica Srl", "07345120724", "07345120724",
                          "IT52E0200841500000101234567"),
    "info": Creditor("Informatica Didattica Srl", "06987650725", "06987650725",
                     "IT47J0103004000000003456789"),
    "igiene": Creditor("Igiene Scuola Sud Srl", "08234560723", "08234560723",
                       "IT28O0760104000000012345678"),
    "psicologa": Creditor("Dott.ssa Laura Bianchi", "BNCLRA80A41A662J", "",
                          "IT18H0538704005000000001111"),
    "ausili": Creditor("Ausili Inclusione Srl", "03111220723", "03111220723",
                       "IT43M0306904013100000004601"),
}

# (day, destination, tipo di spesa, amount, creditor, object, fund (FUNDS key or None),
#  liquidated, paid)
COMMITMENTS = [
    (date(2021, 1, 18), "A02", "02", "412.50", "rossi",
     "Carta e cancelleria per gli uffici di segreteria", None, True, True),
    (date(2021, 2, 9), "A01", "03", "1830.00", "tecno",
     "Manutenzione ordinaria degli impianti termici dei plessi", None, True, True),
    (date(2021, 2, 23), "A03", "02", "2145.80", "didattica",
     "Materiale didattico per le classi della scuola primaria", None, True, True),
    (date(2021, 3, 15), "P01", "03", "2900.00", "info",
     "Laboratorio di robotica educativa: esperto esterno", None, True, True),
    (date(2021, 4, 20), "A01", "02", "4870.00", "igiene",
     "DPI e materiale per l'igiene (art. 31 c.1 lett. a DL 41/2021)", "dl41", True, True),
    (date(2021, 5, 4), "A01", "03", "1600.00", "psicologa",
     "Servizio di supporto psicologico (art. 31 c.1 lett. b DL 41/2021)", "dl41", True,
     True),
    (date(2021, 5, 18), "A02", "03", "980.00", "info",
     "Assistenza annuale al software gestionale di segreteria", None, True, True),
    # 2.379,00 = 1.950,00 + 22 %: four notebooks at 487,50 net (594,75 each, inventoried)
    (date(2021, 6, 8), "A03", "06", "2379.00", "info",
     "Notebook per la didattica digitale integrata", None, True, True),
    (date(2021, 9, 7), "A01", "06", "3450.00", "ausili",
     "Ausili e dispositivi per l'inclusione (art. 31 c.1 lett. d DL 41/2021)", "dl41", True,
     True),
    (date(2021, 10, 12), "P02", "03", "1950.00", "didattica",
     "Progetto lettura: incontri con l'autore", None, True, False),
    (date(2021, 11, 2), "A01", "02", "1586.00", "igiene",
     "Prodotti per la sanificazione degli ambienti (art. 231 c.1 DL 34/2020)", "dl231",
     True, True),
    (date(2021, 11, 16), "A02", "02", "365.40", "rossi",
     "Toner e materiale informatico per gli uffici", None, False, False),
    (date(2021, 12, 2), "A03", "02", "734.00", "didattica",
     "Materiale per i laboratori di fine anno", None, False, False),
]


def demo_cig(n: int) -> str:
    """The CIG of the ``n``-th impegno (from 1): the one its supplier's invoice writes
    (demo/procurement.py), 10 characters as ANAC issues the smart CIG."""
    return f"Z{n:02d}3A4B5C6"


def generate_funds(db: Database, rng: random.Random, size: str) -> None:
    del rng, size       # fixed figures: see the module's docstring
    create_programme(db, YEAR, proposed_on=office_day(date(YEAR - 1, 11, 27)),
                     notes="Programma Annuale predisposto dal Dirigente con il DSGA.")
    set_forecasts(db, YEAR, revenue=REVENUE, spending=SPENDING)
    advance_programme(db, YEAR, "parere", office_day(date(YEAR - 1, 12, 14)))
    advance_programme(db, YEAR, "deliberato", office_day(date(YEAR - 1, 12, 18)),
                      reference="Delibera del Consiglio d'istituto n. 41 del 18/12/2020")
    with acting_as(db, DEMO_DIRIGENTE):
        fund_id, _ = record_earmarked_fund(db, EarmarkedInput(
            YEAR, FUND_NAME, "DL 41/2021 art. 31 c.1", FUND_AMOUNT,
            office_day(date(YEAR, 4, 6)), "A01", ("02", "03", "06"), date(YEAR, 12, 31),
            report_by=date(YEAR + 1, 2, 28),
            note="Nota MI 453 del 31/03/2021: DPI e materiale per l'igiene, supporto "
                 "psicologico, servizi medico-sanitari, inclusione"))
        fund_231, _ = record_earmarked_fund(db, EarmarkedInput(
            YEAR, FUND_231, "DL 34/2020 art. 231 c.1", FUND_231_AMOUNT,
            office_day(date(YEAR, 5, 4)), "A01", ("02",), date(YEAR, 12, 31),
            revenue="01/02",
            note="Quota non utilizzata nel 2020 (DM 95/2020): sanificazione degli ambienti, "
                 "DPI e materiale per l'igiene"))
        record_variation(db, VariationInput(
            YEAR, "storno", office_day(date(YEAR, 6, 21)),
            [VariationLineInput(D("-600.00"), destination="A02", spending_type="03"),
             VariationLineInput(D("600.00"), destination="A03", spending_type="02")],
            reason="Maggiori esigenze di materiale didattico per il secondo quadrimestre",
            act_ref="Decreto del Dirigente n. 2/2021"))
    record_variation(db, VariationInput(
        YEAR, "delibera", office_day(date(YEAR, 10, 28)),
        [VariationLineInput(D("1500.00"), revenue="06/01"),
         VariationLineInput(D("1500.00"), destination="A03", spending_type="02")],
        reason="Maggiori contributi volontari delle famiglie",
        act_ref="Delibera del Consiglio d'istituto n. 58 del 28/10/2021"))
    liquidations, payments = [], []
    with acting_as(db, DEMO_DIRIGENTE):
        on = {"dl41": fund_id, "dl231": fund_231}
        for n, (day, dest, kind, amount, who, text, fund, liq, paid) in enumerate(
                COMMITMENTS, start=1):
            creditor = CREDITORS[who]
            rec = commit_spending(db, CommitmentInput(
                YEAR, office_day(day), dest, kind, D(amount), text, creditor.name,
                earmarked_id=on.get(fund), cig=demo_cig(n)))
            if liq:
                liq_day = office_day(day + timedelta(days=21))
                liquidations.append((liq_day, rec.id, D(amount), rec.number, creditor, text,
                                     paid))
    for liq_day, cid, amount, number, creditor, text, paid in sorted(liquidations,
                                                                      key=lambda x: x[0]):
        rec = liquidate(db, LiquidationInput(
            cid, liq_day, amount, f"Verbale di regolare fornitura del "
                                  f"{office_day_before(liq_day - timedelta(days=1)):%d/%m/%Y}",
            f"Fattura elettronica n. {number}/{YEAR}"))
        if paid:
            payments.append((office_day(liq_day + timedelta(days=6)), rec.id, creditor, text))
    for pay_day, lid, creditor, text in sorted(payments, key=lambda x: x[0]):
        issue_payment_order(db, PaymentOrderInput(lid, pay_day, f"Pagamento: {text}",
                                                  creditor))
    from .funds_cash import generate_funds_cash  # fondo economale and restitution (issue 15)
    from .funds_revenue import generate_funds_revenue  # the reversali of the year

    generate_funds_revenue(db)
    generate_funds_cash(db)
