"""The whole Fondi cycle on a real PostgreSQL server: the sums come back as NUMERIC there (not
integers as on SQLite), and every check must read them as cents all the same."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

import psycopg
import pytest

from iiss_desktop.db.schema import open_database
from iiss_desktop.db.verify import verify
from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.domain.funds.creditor import Creditor
from iiss_desktop.queries.funds import availability
from iiss_desktop.services.funds.programme import (
    EarmarkedInput,
    VariationInput,
    VariationLineInput,
    record_earmarked_fund,
    record_variation,
)
from iiss_desktop.services.funds.spending import (
    CommitmentInput,
    LiquidationInput,
    PaymentOrderInput,
    commit_spending,
    issue_payment_order,
    liquidate,
)
from tests.helpers.users import act_as_office
from tests.services.funds.helpers import GOOD_IBAN, GOOD_VAT, YEAR, approved_programme, collect

pytestmark = pytest.mark.postgres
D = Decimal
DAY = date(YEAR, 4, 1)


def test_the_cycle_on_postgresql(pg_url):
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        approved_programme(db)
        # Prelievo R98 -> A03 of 1.000,00: A03 11.000,00, R98 500,00
        record_variation(db, VariationInput(YEAR, "prelievo", DAY, [
            VariationLineInput(D("-1000.00"), destination="R98", spending_type="04"),
            VariationLineInput(D("1000.00"), destination="A03", spending_type="02")]))
        fund, _ = record_earmarked_fund(db, EarmarkedInput(
            YEAR, "Risorse ex art. 31 DL 41/2021", "DL 41/2021 art. 31 c.1", D("3000.00"),
            DAY, "A01", ["02"], use_by=date(YEAR, 9, 30)))
        assert availability(db, YEAR, "A01").definitive == D("11000.00")   # 8.000 + 3.000
        with pytest.raises(ValidationError):
            commit_spending(db, CommitmentInput(YEAR, DAY, "A03", "02", D("11000.01"), "Troppo"))
        c = commit_spending(db, CommitmentInput(YEAR, DAY, "A03", "02", D("10500.00"),
                                                "Arredi", "Mobili Srl"))
        assert "restano disponibili 500,00" in c.warning    # 500 < 10 % of 11.000
        commit_spending(db, CommitmentInput(YEAR, DAY, "A01", "02", D("100.00"), "Gel",
                                            earmarked_id=fund))
        liq = liquidate(db, LiquidationInput(c.id, DAY, D("1234.50"), "Verbale di collaudo"))
        m = issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Arredi", Creditor(
            "Mobili Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)))
        r = collect(db, YEAR, DAY, "06/01", D("0.50"), "Famiglie", "Contributo")
        assert (m.number, r.number) == (1, 1)
        with psycopg.connect(pg_url) as con:
            assert con.execute("SELECT amount_words FROM funds_payment_order").fetchone()[0] == \
                "milleduecentotrentaquattro/50"
        report = verify(db)
        assert report.ok, report.problems
    finally:
        db.dispose()
