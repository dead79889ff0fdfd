"""Availability never goes below zero, whatever the sequence of impegni, variations and
storni (D.I. 129/2018 art. 15: an impegno only within the appropriation; art. 10: a variation
never takes back what is committed). Each example works on its own Programma Annuale (one
financial year each) and compares the archive with a model worked out in Python:

    available(dest) = forecast + variations − impegni ≥ 0 after every step;
    a step the model says would make it negative is refused, and changes nothing.
"""
from __future__ import annotations

import itertools
from datetime import date
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.queries.funds import availability
from iiss_desktop.services.funds.programme import (
    VariationInput,
    VariationLineInput,
    record_variation,
)
from iiss_desktop.services.funds.spending import CommitmentInput, commit_spending
from tests.services.funds.helpers import SPENDING, approved_programme

D = Decimal
DESTS = ("A01", "A02", "A03", "P01")
KIND = {"A01": "02", "A02": "02", "A03": "02", "P01": "03"}
YEARS = itertools.count(2000)     # one financial year per example, all in the past

cents = st.integers(min_value=1, max_value=1_200_000).map(lambda c: D(c) / 100)
step = st.one_of(
    st.tuples(st.just("impegno"), st.sampled_from(DESTS), cents),
    st.tuples(st.just("storno"), st.sampled_from(DESTS), st.sampled_from(DESTS), cents),
    # a delibera lowering a destination and the contributions (06/01) by the same amount
    st.tuples(st.just("riduzione"), st.sampled_from(DESTS), cents),
)


def _apply(db, year: int, day: date, s) -> None:
    if s[0] == "impegno":
        _, dest, amount = s
        commit_spending(db, CommitmentInput(year, day, dest, KIND[dest], amount,
                                            "Acquisto di prova"))
    elif s[0] == "storno":
        _, src, dst, amount = s
        record_variation(db, VariationInput(year, "storno", day, [
            VariationLineInput(-amount, destination=src, spending_type=KIND[src]),
            VariationLineInput(amount, destination=dst, spending_type=KIND[dst])]))
    else:
        _, dest, amount = s
        record_variation(db, VariationInput(year, "delibera", day, [
            VariationLineInput(-amount, destination=dest, spending_type=KIND[dest]),
            VariationLineInput(-amount, revenue="06/01")]))


@settings(max_examples=25)
@given(steps=st.lists(step, min_size=1, max_size=8))
def test_availability_never_goes_below_zero(db, steps):
    year = next(YEARS)
    approved_programme(db, year)
    day = date(year, 6, 1)
    definitive = {d: SPENDING[(d, KIND[d])] for d in DESTS}
    committed = dict.fromkeys(DESTS, D(0))
    contributions = D("10000.00")      # 06/01 in the PA of helpers.py: never below zero
    for s in steps:
        if s[0] == "storno" and s[1] == s[2]:
            continue
        dest, amount = s[1], s[-1]
        ok = amount <= definitive[dest] - committed[dest]
        if s[0] == "riduzione":
            ok = ok and amount <= contributions
        if ok:
            _apply(db, year, day, s)
            if s[0] == "impegno":
                committed[dest] += amount
            elif s[0] == "storno":
                definitive[dest] -= amount
                definitive[s[2]] += amount
            else:
                definitive[dest] -= amount
                contributions -= amount
        else:
            try:
                _apply(db, year, day, s)
            except ValidationError:
                pass
            else:
                raise AssertionError(f"{s} accettato oltre la disponibilità")
        for d in DESTS:
            a = availability(db, year, d)
            assert (a.definitive, a.committed) == (definitive[d], committed[d]), (d, s)
            assert a.available >= 0
