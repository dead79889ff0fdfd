"""Comodato from the Inventario tab: the return form, and the prints (contract, verbale di
consegna, verbale di restituzione).

For a print the loan is chosen in a list of every contract (returned ones too), preselecting
the one of the selected good; the return lists only the loans still running."""
from __future__ import annotations

from datetime import date
from html import escape

from ...areas.inventory import LOAN_DOCUMENTS
from ...domain.access import allowed
from ...domain.errors import DomainError
from ...domain.inventory.loans import CONDITIONS
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
                            {"loan_id": _preselected(tab, loans, report)},
                            confirm_close=False)   # a print: nothing to lose
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



def _about(loan: LoanChoice) -> str:
    klass = f", classe {loan.class_name}" if loan.class_name else ""
    return (f"Comodato n. {loan.number}/{loan.year} all'alunno {loan.student}{klass}; "
            f"comodatario {loan.parent}; consegnato il {loan.start:%d/%m/%Y}.")


@report_errors
def register_return(tab) -> None:
    """Restituzione…: the form says which contract and student it is about and offers only the
    loans still running, preselecting the one of the selected good. Who may not read the
    contracts (personal data) returns the loan of the selected good, without the names."""
    from ...queries.inventory.items import open_loan_of_item
    from ...services.inventory.loans import return_loan

    item_id = tab.selected_id()
    own = open_loan_of_item(tab.db, item_id) if item_id is not None else None
    running = ([lo for lo in list_loans(tab.db) if lo.returned_on is None]
               if allowed(tab.db.current_user, LOAN_DOCUMENTS) else [])
    if own is None and not running:
        raise DomainError("Il bene selezionato non è in comodato.")
    specs = [FieldSpec("loan_id", "Contratto in corso", kind="choice", required=True,
                       choices=[(lo.id, lo.label) for lo in running])] if running else []
    specs += [FieldSpec("returned_on", "Restituito il", kind="date", required=True),
              FieldSpec("condition", "Stato alla restituzione", kind="choice",
                        required=True, choices=[(c, c) for c in CONDITIONS]),
              FieldSpec("notes", "Esito del controllo (danni, mancanze)", kind="multiline")]
    mine = next((lo for lo in running if lo.id == own), None)
    intro = (_about(mine) if mine is not None else
             "Il bene selezionato non è in comodato: scegliere il contratto da chiudere."
             if own is None else "Restituzione del comodato del bene selezionato.")

    def submit(values: dict) -> None:
        return_loan(tab.db, loan_id=values.get("loan_id") or own,
                    returned_on=values["returned_on"], condition=values["condition"],
                    notes=values.get("notes") or "")

    if FormDialog.ask(tab, "Restituzione del comodato", specs,
                      {"loan_id": own, "returned_on": date.today(), "condition": "buono"},
                      on_submit=submit, intro=escape(intro, quote=False)) is not None:
        tab.events.data_changed.emit(tab.area)
