"""The reversale d'incasso (D.I. 129/2018 art. 12-13): numbered without gaps per year in the
register «fondi-reversali», with the amount in figures and in words, the voce di entrata, the
debtor and the causale. Its signatories and exact contents under D.I. 129 are [U] (likely the
dirigente and the DSGA); the accertamento (art. 12 c.1) and the residui attivi are not
handled yet.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from ...areas.funds import COLLECT
from ...db.access import requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain.errors import ValidationError
from ...domain.funds import rules
from ...domain.funds.words import amount_in_words
from ...domain.registers import MAX_TEXT
from ...models.funds import ReceiptOrder, RevenueItem
from ..registers import add_entry, entry_date_as
from .programme import _by_code, _programme
from .spending import Recorded, _text


@dataclass
class ReceiptInput:
    year: int
    issued_on: date
    revenue: str            # «03/01»
    amount: Decimal | str
    debtor: str
    causale: str


@requires(COLLECT)
def issue_receipt_order(db: Database, data: ReceiptInput) -> Recorded:
    if not (data.revenue or "").strip():
        raise ValidationError({"revenue": "Indicare la voce di entrata (es. 03/01)."})
    amount = rules.positive_amount(data.amount, "amount", "Importo della reversale")
    debtor = _text(data.debtor, "debtor", "Debitore", max_length=200)
    causale = _text(data.causale, "causale", "Causale", max_length=500)
    rules.check_in_year(data.issued_on, data.year, "issued_on", "Data della reversale")
    with unit_of_work(db, reason="Reversale d'incasso") as s:
        p = _programme(s, data.year)
        item = _by_code(s, RevenueItem, data.revenue, "revenue", "la voce di entrata")
        try:
            ref = add_entry(s.connection(), spec=rules.REVERSALI, entry_date=data.issued_on,
                            description=f"{item.code} – {debtor} – {causale}"[:MAX_TEXT],
                            user=s.info["user"], amount=amount)
        except ValidationError as exc:
            raise entry_date_as(exc, "issued_on", "Data della reversale: ") from None
        row = ReceiptOrder(entry_id=ref.id, year=ref.year, number=ref.number,
                           issued_on=data.issued_on, programme_id=p.id,
                           revenue_item_id=item.id, amount=amount,
                           amount_words=amount_in_words(amount), debtor=debtor,
                           causale=causale, recorded_by_id=s.info["user"].id)
        s.add(row)
        s.flush()
        s.commit()
        return Recorded(row.id, ref.year, ref.number)
