"""The Fondi figures the tab reads: availability of every destination, the chart with its
unconfirmed defaults marked."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from iiss_desktop.queries.funds import availabilities, chart_rows
from iiss_desktop.services.funds.programme import (
    VariationInput,
    VariationLineInput,
    record_variation,
)
from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
from tests.services.funds.helpers import YEAR, approved_programme

D = Decimal


def test_availabilities_of_the_year(db):
    approved_programme(db)
    record_variation(db, VariationInput(YEAR, "storno", date(YEAR, 2, 2), [
        VariationLineInput(D("-200.00"), destination="A01", spending_type="02"),
        VariationLineInput(D("200.00"), destination="P02", spending_type="03")]))
    commit_spending(db, CommitmentInput(YEAR, date(YEAR, 2, 3), "A03", "02", D("2500.00"),
                                        "Libri"))
    rows = {a.code: (a.definitive, a.committed, a.available) for _name, a in
            availabilities(db, YEAR)}
    # A01 8.000 - 200; A03 10.000 with 2.500 committed; P02 only from the storno
    assert rows["A01"] == (D("7800.00"), D("0.00"), D("7800.00"))
    assert rows["A03"] == (D("10000.00"), D("2500.00"), D("7500.00"))
    assert rows["P02"] == (D("200.00"), D("0.00"), D("200.00"))
    assert set(rows) == {"A01", "A02", "A03", "P01", "P02", "R98", "Z01"}


def test_the_chart_marks_its_unconfirmed_defaults(db):
    approved_programme(db)
    rows = {(r.kind, r.code): r for r in chart_rows(db)}
    assert rows[("destinazione", "A01")].confirmed
    assert not rows[("destinazione", "A04")].confirmed
    assert not rows[("tipo", "02")].confirmed
    assert rows[("entrata", "03/01")].confirmed and not rows[("entrata", "03/06")].confirmed


def test_the_start_page_shows_the_deadlines_once_the_area_is_in_use(db):
    from iiss_desktop.queries.funds import home_items
    from iiss_desktop.services.funds.programme import (
        EarmarkedInput,
        create_programme,
        record_earmarked_fund,
    )

    assert home_items(db, date(YEAR, 11, 10)) == []          # no Programma Annuale yet
    create_programme(db, YEAR)
    provisional = home_items(db, date(YEAR, 3, 1))
    assert [(i.title, i.level) for i in provisional] == [
        (f"Programma Annuale {YEAR} non deliberato", "warning")]
    approved_programme(db, YEAR - 1)
    assert home_items(db, date(YEAR - 1, 3, 1)) == []      # 2025 approved: nothing to say
    record_earmarked_fund(db, EarmarkedInput(
        YEAR - 1, "Risorse ex art. 31 DL 41/2021", "DL 41/2021 art. 31 c.1", D("3000.00"),
        date(YEAR - 1, 2, 1), "A01", ["02"], use_by=date(YEAR - 1, 9, 30),
        report_by=date(YEAR - 1, 10, 15)))
    # 15/09/2025: 15 days to the deadline for use, 30 to the report
    items = home_items(db, date(YEAR - 1, 9, 15))
    assert [(i.when, i.level) for i in items] == [(date(YEAR - 1, 9, 30), "warning"),
                                                  (date(YEAR - 1, 10, 15), "info")]
    assert "restano 3.000,00" in items[0].detail
