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


def test_imported_residui_and_a_restitution_on_postgresql(pg_url):
    """The residui of the file (2.450,00 attivo; 612,50 passivo) collected and paid alone,
    and a restitution of the whole 3.000,00 of an unused fund, with every list and print
    query read back (their LEFT JOINs and concatenations in PostgreSQL's dialect)."""
    from pathlib import Path

    from iiss_desktop.queries.funds_cash import restitutions
    from iiss_desktop.queries.funds_lists import list_liquidations, list_payment_orders
    from iiss_desktop.queries.funds_movements import (
        payment_order_documents,
        receipt_order_documents,
    )
    from iiss_desktop.queries.funds_residui import collectable, liquidable_residui, residui
    from iiss_desktop.services.funds.residui_import import import_residui
    from iiss_desktop.services.funds.restitution import (
        PaymentInput,
        RestitutionInput,
        commit_restitution,
        pay_restitution,
    )
    from iiss_desktop.services.funds.revenue import ReceiptInput, issue_receipt_order

    csv = Path(__file__).parents[2] / "fixtures" / "funds_import" / "residui_2026.csv"
    db = open_database(pg_url, create=True)
    try:
        act_as_office(db, "mrossi")
        approved_programme(db)
        assert import_residui(db, csv, YEAR).stored
        active = next(c for c in collectable(db, YEAR) if c.left == D("2450.00"))
        issue_receipt_order(db, ReceiptInput(None, DAY, residue_id=active.residue_id))
        passive = next(z for z in liquidable_residui(db, YEAR) if z.left == D("612.50"))
        liq = liquidate(db, LiquidationInput(None, DAY, D("612.50"), "Fornitura verificata",
                                             residue_id=passive.residue_id))
        issue_payment_order(db, PaymentOrderInput(liq.id, DAY, "Saldo", Creditor(
            "Cartoleria Rossi Srl", vat_number=GOOD_VAT, iban=GOOD_IBAN)))
        fund, _ = record_earmarked_fund(db, EarmarkedInput(
            YEAR, "Risorse ex art. 31 DL 41/2021", "DL 41/2021 art. 31 c.1", D("3000.00"),
            DAY, "A01", ["02"], use_by=date(YEAR, 9, 30)))
        done = commit_restitution(db, RestitutionInput(fund, date(YEAR, 10, 1), D("3000.00"),
                                                       "02"))
        pay_restitution(db, PaymentInput(done.restitution_id, date(YEAR, 10, 2), Creditor(
            "Ministero dell'Istruzione", tax_code="80185250588", iban=GOOD_IBAN)))
        assert [m.commitment for m in list_payment_orders(db, YEAR)] == ["1/2026",
                                                                         "residuo 2025"]
        assert [r.commitment for r in list_liquidations(db, YEAR)] == ["1/2026",
                                                                       "residuo 2025"]
        assert [(r.amount, r.order) for r in restitutions(db, YEAR)] == [
            (D("3000.00"), "2/2026")]
        assert payment_order_documents(db, YEAR, 1)[0].residue_origin == 2025
        assert receipt_order_documents(db, YEAR, 1)[0].residue_origin == 2025
        assert {x.ref for x in residui(db, YEAR).passivi if x.managed} == {"importato"}
        report = verify(db)
        assert report.ok, report.problems
    finally:
        db.dispose()
