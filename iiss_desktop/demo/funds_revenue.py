"""Demo Fondi: the reversali d'incasso of 2021, so that the giornale di cassa, the partitari of
the entrate and the conto finanziario have collections to show. Issued by the DSGA (art. 12),
in date order, all before the fondo economale's closing reversale of 22/12/2021 (it is
issued after them, demo/funds_cash.py).

The dotazione ordinaria comes in two tranches, eight twelfths (January-August) and four
(September-December): 9.333,33 + 4.666,67 = 14.000,00, the forecast. The State's earmarked
funds come in whole: 3.000,00 of DL 137/2020 art. 21 (in the forecast) and 12.480,35 of
DL 41/2021 art. 31 (taken in by decree). The families' voluntary contributions come in three
times, 3.850,00 + 4.920,00 + 1.230,00 = 10.000,00 against a definitive forecast of
10.500,00 (9.000,00 + the variation of 1.500,00): 500,00 less than expected. The avanzo
(01/01) is not cash that comes in: no reversale. Riscosso in all 39.480,35 before the
closing reversale of 481,50 on the partite di giro.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from ..db.engine import Database
from ..services.funds.revenue import ReceiptInput, issue_receipt_order
from .days import office_day

D = Decimal
YEAR = 2021
MINISTRY = "Ministero dell'Istruzione"
FAMILIES = "Famiglie degli alunni (versamenti con pagoPA)"
RECEIPTS = [  # (day, voce, amount, debtor, causale)
    (date(YEAR, 1, 18), "03/06", "3000.00", MINISTRY,
     "Risorse ex art. 21 DL 137/2020 per la didattica digitale integrata"),
    (date(YEAR, 1, 29), "06/01", "3850.00", FAMILIES,
     "Contributi volontari delle famiglie: versamenti di gennaio"),
    (date(YEAR, 3, 10), "03/01", "9333.33", MINISTRY,
     "Dotazione ordinaria 2021: periodo gennaio-agosto (8/12)"),
    (date(YEAR, 4, 15), "03/06", "12480.35", MINISTRY,
     "Risorse ex art. 31, comma 1, DL 41/2021 (nota MI 453 del 31/03/2021)"),
    (date(YEAR, 10, 20), "06/01", "4920.00", FAMILIES,
     "Contributi volontari delle famiglie per l'a.s. 2021/22"),
    (date(YEAR, 11, 22), "06/01", "1230.00", FAMILIES,
     "Contributi volontari delle famiglie: versamenti di novembre"),
    (date(YEAR, 11, 25), "03/01", "4666.67", MINISTRY,
     "Dotazione ordinaria 2021: periodo settembre-dicembre (4/12)"),
]


def generate_funds_revenue(db: Database) -> None:
    for day, voce, amount, debtor, causale in RECEIPTS:
        issue_receipt_order(db, ReceiptInput(YEAR, office_day(day), voce, D(amount), debtor,
                                             causale))
