"""Demo Fondi: the accertamenti di entrata of 2021 and their reversali d'incasso, so that the
giornale di cassa, the partitari of the entrate, the conto finanziario, the residui and the
situazione amministrativa have figures to show. Recorded by the DSGA (art. 13-14), each
register in date order, all before the fondo economale's closing (its accertamento and
reversale of 22/12/2021 come after them, demo/funds_cash.py).

The dotazione ordinaria is accertata once on the ministry's note (14.000,00, the forecast)
and comes in two tranches, eight twelfths (January-August) and four (September-December):
9.333,33 + 4.666,67 = 14.000,00, nothing left. The State's earmarked funds come in whole:
3.000,00 of DL 137/2020 art. 21 (in the forecast) and 12.480,35 of DL 41/2021 art. 31 (taken
in by decree, its accertamento names the fund). The families' voluntary contributions are
accertati on the pagoPA reports, 3.850,00 + 4.920,00 + 1.230,00 = 10.000,00, all collected,
plus 350,00 of the notices of December not yet paid at 31/12: a residuo attivo 2021. In all
accertati 39.830,35 (the definitive forecasts, the avanzo aside, are 39.980,35: the families
gave 150,00 less than the 10.500,00 expected), riscossi 39.480,35 before the closing
reversale of 481,50 on the partite di giro. The avanzo (01/01) is not cash that comes in:
no accertamento. The fondo di cassa at 1/1/2021 is 6.000,00: the avanzo of 2020, with no
residui of 2020.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from sqlalchemy import text

from ..db.engine import Database
from ..db.uow import read_session
from ..services.funds.residui import set_cash_opening
from ..services.funds.revenue import (
    AssessmentInput,
    ReceiptInput,
    issue_receipt_order,
    record_assessment,
)
from .days import office_day

D = Decimal
YEAR = 2021
MINISTRY = "Ministero dell'Istruzione"
FAMILIES = "Famiglie degli alunni (versamenti con pagoPA)"
CASH_OPENING = D("6000.00")
# (day, voce, amount, debtor, reason, document, document's date, on the fund, reversali)
# with reversali [(day, amount, causale)]
ASSESSMENTS = [
    (date(YEAR, 1, 11), "03/01", "14000.00", MINISTRY, "Dotazione ordinaria 2021",
     "Nota MI prot. n. 23072 del 30/09/2020 (risorse finanziarie 2021)", date(YEAR - 1, 9, 30),
     False,
     [(date(YEAR, 3, 10), "9333.33", "Dotazione ordinaria 2021: periodo gennaio-agosto (8/12)"),
      (date(YEAR, 11, 25), "4666.67",
       "Dotazione ordinaria 2021: periodo settembre-dicembre (4/12)")]),
    (date(YEAR, 1, 15), "03/06", "3000.00", MINISTRY,
     "Risorse ex art. 21 DL 137/2020 per la didattica digitale integrata",
     "Decreto MI di riparto ex art. 21 DL 137/2020", date(YEAR - 1, 11, 3), False,
     [(date(YEAR, 1, 18), "3000.00",
       "Risorse ex art. 21 DL 137/2020 per la didattica digitale integrata")]),
    (date(YEAR, 1, 29), "06/01", "3850.00", FAMILIES,
     "Contributi volontari delle famiglie: versamenti di gennaio",
     "Rendiconto pagoPA di gennaio 2021", date(YEAR, 1, 29), False,
     [(date(YEAR, 1, 29), "3850.00", "Contributi volontari delle famiglie: versamenti di "
                                     "gennaio")]),
    (date(YEAR, 4, 7), "03/06", "12480.35", MINISTRY,
     "Risorse ex art. 31, comma 1, DL 41/2021", "Nota MI prot. n. 453 del 31/03/2021",
     date(YEAR, 3, 31), True,
     [(date(YEAR, 4, 15), "12480.35",
       "Risorse ex art. 31, comma 1, DL 41/2021 (nota MI 453 del 31/03/2021)")]),
    (date(YEAR, 10, 20), "06/01", "4920.00", FAMILIES,
     "Contributi volontari delle famiglie per l'a.s. 2021/22",
     "Rendiconto pagoPA di ottobre 2021", date(YEAR, 10, 20), False,
     [(date(YEAR, 10, 20), "4920.00", "Contributi volontari delle famiglie per l'a.s. "
                                      "2021/22")]),
    (date(YEAR, 11, 22), "06/01", "1230.00", FAMILIES,
     "Contributi volontari delle famiglie: versamenti di novembre",
     "Rendiconto pagoPA di novembre 2021", date(YEAR, 11, 22), False,
     [(date(YEAR, 11, 22), "1230.00", "Contributi volontari delle famiglie: versamenti di "
                                      "novembre")]),
    (date(YEAR, 12, 10), "06/01", "350.00", FAMILIES,
     "Contributi volontari delle famiglie: avvisi pagoPA di dicembre",
     "Avvisi pagoPA emessi il 10/12/2021", date(YEAR, 12, 10), False, []),
]


def generate_funds_revenue(db: Database) -> None:
    set_cash_opening(db, YEAR, CASH_OPENING)
    with read_session(db) as s:
        fund_id = s.execute(text("SELECT id FROM funds_earmarked WHERE revenue_item_id = "
                                 "(SELECT id FROM funds_revenue_item WHERE code = '03/06') "
                                 "ORDER BY id")).scalars().first()
    receipts = []
    for day, voce, amount, debtor, reason, doc, doc_day, on_fund, collected in ASSESSMENTS:
        a = record_assessment(db, AssessmentInput(
            YEAR, office_day(day), voce, D(amount), debtor, reason, doc, doc_day,
            earmarked_id=fund_id if on_fund else None))
        receipts += [(office_day(when), a.id, D(got), causale)
                     for when, got, causale in collected]
    for day, aid, amount, causale in sorted(receipts, key=lambda r: r[0]):
        issue_receipt_order(db, ReceiptInput(aid, day, amount, causale))
