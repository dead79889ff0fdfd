"""The lives of the records that hold a good (domain.md §1, §2, §7), written by hand: every
change the law allows is allowed, every other one raises."""
from __future__ import annotations

import pytest

from iiss_desktop.domain import warehouse
from iiss_desktop.domain.errors import DomainError
from iiss_desktop.domain.inventory import states

# Art. 34: decree -> avviso -> award or deserted -> conclusion (trattativa, cessione gratuita,
# smaltimento); a direct cession to a school or public body (c.4) is concluded from the decree.
SALE_CHANGES = {("aperta", "pubblicata"), ("aperta", "conclusa"), ("pubblicata", "aggiudicata"),
                ("pubblicata", "deserta"), ("deserta", "conclusa")}
# A comodato ends with the restituzione, an affidamento with the riconsegna (art. 35): once.
LOAN_CHANGES = {("in corso", "restituito")}
ASSIGNMENT_CHANGES = {("in corso", "riconsegnato")}
# The DSGA approves or refuses; withdrawals deliver part or all; a storno gives back.
REQUEST_CHANGES = {("presentata", "approvata"), ("presentata", "respinta"),
                   ("approvata", "in evasione"), ("approvata", "evasa"),
                   ("in evasione", "in evasione"), ("in evasione", "evasa"),
                   ("in evasione", "approvata"), ("evasa", "in evasione"),
                   ("evasa", "approvata")}
# The stored status: lent and back, or out for good (discharged, annulled, renewed).
STATUS_CHANGES = {("in uso", "in comodato"), ("in comodato", "in uso"),
                  ("in uso", "scaricato"), ("in uso", "annullato"), ("in uso", "rinnovato")}


@pytest.mark.parametrize("life,changes", [
    (states.SALE, SALE_CHANGES), (states.LOAN, LOAN_CHANGES),
    (states.ASSIGNMENT, ASSIGNMENT_CHANGES), (warehouse.REQUEST, REQUEST_CHANGES),
    (states.STATUS, STATUS_CHANGES)], ids=["sale", "loan", "assignment", "request", "status"])
def test_only_the_declared_changes_are_allowed(life, changes):
    for current in life.states:
        for target in life.states:
            if (current, target) in changes:
                assert life.move(current, target) == target
            else:
                with pytest.raises(DomainError) as info:
                    life.move(current, target)
                assert life.label(current) in info.value.message


def test_open_states_and_withdrawals():
    assert set(states.SALE.open) == {"aperta", "pubblicata", "deserta"}
    assert warehouse.OPEN_FOR_WITHDRAWAL == ("approvata", "in evasione")
    assert states.HELD_STATUSES == ("in uso", "in comodato")
    assert set(states.GONE_STATUSES) == {"scaricato", "annullato", "rinnovato"}


def test_sql_filters_are_built_from_declared_statuses_only():
    assert states.sql_list(["scaricato", "rinnovato", "annullato"]) == \
        "'scaricato', 'rinnovato', 'annullato'"
    assert states.sql_params(["in uso", "in comodato"]) == ("?, ?", ("in uso", "in comodato"))
    for wrong in (["in uso'; DROP TABLE x; --"], []):
        with pytest.raises(ValueError):
            states.sql_list(wrong)


def test_an_unknown_stored_status_is_refused_in_italian():
    with pytest.raises(DomainError) as info:
        states.situation("perso")
    assert info.value.message == "Situazione del bene «perso» sconosciuta."
