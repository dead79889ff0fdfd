"""Comodato prints from the Inventario tab: contract, verbale di consegna, verbale di restituzione.

The loan is chosen in a list of every contract (returned ones too), preselecting the one of
the selected good."""
from __future__ import annotations

from ...domain.errors import DomainError
from ...queries.inventory.loans import LoanChoice, list_loans
from ..common.dialogs import ask_print, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report

DOCUMENTS = {
    "contratto-comodato": "Contratto di comodato d'uso",
    "verbale-consegna-comodato": "Verbale di consegna del comodato",
    "verbale-restituzione-comodato": "Verbale di restituzione del comodato",
}


def _preselected(tab, loans: list[LoanChoice], report: str) -> int | None:
    """The loan of the selected good: the open one, or (for the return) the last returned."""
    item_id = tab.selected_id()
    if item_id is None:
        return None
    own = list_loans(tab.db, item_id)
    if report == "verbale-restituzione-comodato":
        own = [lo for lo in own if lo.returned_on is not None] or own
    else:
        own = [lo for lo in own if lo.returned_on is None] or own
    return own[0].id if own else None


def choose_loan(tab, report: str) -> LoanChoice | None:
    loans = list_loans(tab.db)
    if not loans:
        raise DomainError("Nessun contratto di comodato registrato: usare prima «Comodato…».")
    spec = FieldSpec("loan_id", "Contratto", kind="choice", required=True,
                     choices=[(lo.id, lo.label) for lo in loans])
    values = FormDialog.ask(tab, DOCUMENTS[report], [spec],
                            {"loan_id": _preselected(tab, loans, report)})
    if values is None:
        return None
    return next(lo for lo in loans if lo.id == values["loan_id"])


@report_errors
def print_loan_document(tab, report: str) -> None:
    loan = choose_loan(tab, report)
    if loan is None:
        return
    if report == "verbale-restituzione-comodato" and loan.returned_on is None:
        raise DomainError(f"Il comodato n. {loan.number}/{loan.year} non è ancora stato "
                          "restituito: registrare prima la restituzione («Restituzione…»), poi "
                          "stampare il verbale.")
    tab.last_print_job = print_report(tab, tab.db, report, anno=loan.year, numero=loan.number)


def offer_contract(tab, number: int, year: int) -> None:
    """Right after a new comodato: the contract is signed at delivery, print it now."""
    if ask_print(tab, "Comodato registrato",
                   f"Contratto di comodato n. {number}/{year} registrato.\n"
                   "Stampare ora il contratto in due originali?"):
        tab.last_print_job = print_report(tab, tab.db, "contratto-comodato", anno=year,
                                          numero=number)

