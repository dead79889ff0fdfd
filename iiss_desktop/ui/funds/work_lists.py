"""The Fondi work lists: the impegni by state (impegnato, liquidato in parte, liquidato) and
period, the mandati di pagamento and the reversali d'incasso (each printed from its row) and
the variations to the Programma Annuale; search and «Esporta…» come with WorkListDialog."""
from __future__ import annotations

from ...domain.funds.rules import COMMITMENT, VARIATION_KINDS
from ...queries.funds_lists import list_commitments, list_payment_orders, list_variations
from ...queries.funds_movements import list_receipt_orders
from ..common.list_dialog import ListAction
from ..common.table_model import Column, date_column, money_column
from ..common.work_list import WorkListDialog

SHORT_KINDS = {"decreto": "Decreto del Dirigente", "delibera": "Delibera del Consiglio",
               "storno": "Storno", "prelievo": "Prelievo dal fondo di riserva"}


class CommitmentsList(WorkListDialog):
    title = "Impegni di spesa"
    intro = ("Gli impegni di tutti gli esercizi, il più recente per primo, con quanto "
             "liquidato e pagato su ciascuno. «Da liquidare»: impegnati o liquidati in parte.")
    empty_text = "Nessun impegno di spesa registrato."
    export_name = "impegni"
    states = tuple((code, label.capitalize()) for code, label in COMMITMENT.labels.items())
    state_groups = (("Da liquidare", COMMITMENT.open),)
    period_label = "Impegni"
    default_size = (1180, 560)
    columns = (Column("ref", "Impegno n.", "right"), date_column("day", "Data"),
               Column("destination", "Destinazione"), Column("type", "Tipo", "center"),
               Column("description", "Causale"), Column("creditor", "Creditore"),
               money_column("amount", "Importo"), money_column("liquidated", "Liquidato"),
               money_column("paid", "Pagato"), Column("status", "Stato"),
               Column("fund", "Finanziamento vincolato"))
    stretch_column = 4

    def load_all(self):
        return list_commitments(self.db)

    def row_of(self, c):
        return (c.ref, c.committed_on, c.destination, c.spending_type, c.description,
                c.creditor, c.amount, c.liquidated, c.paid, COMMITMENT.label(c.status), c.fund)

    def state_of(self, c):
        return c.status

    def date_of(self, c):
        return c.committed_on

    def list_actions(self):
        return [ListAction("scheda", "S&cheda dell'impegno", self.open_selected, default=True,
                           needs_selection=True,
                           tooltip="Dati, liquidazioni, mandati e storia dell'impegno")]

    def open_selected(self) -> None:
        from .scheda import open_commitment_scheda

        c = self.selected()
        if c is not None:
            open_commitment_scheda(self, self.db, c.id)


class PaymentOrdersList(WorkListDialog):
    title = "Mandati di pagamento"
    intro = "I mandati di pagamento di tutti gli esercizi, il più recente per primo."
    empty_text = "Nessun mandato di pagamento emesso."
    export_name = "mandati"
    period_label = "Mandati"
    default_size = (1180, 560)
    columns = (Column("ref", "Mandato n.", "right"), date_column("day", "Data"),
               Column("commitment", "Impegno", "right"), Column("destination", "Destinazione"),
               Column("creditor", "Creditore"), Column("tax", "Codice fiscale / P. IVA"),
               Column("iban", "IBAN"), money_column("amount", "Importo"),
               money_column("withholdings", "Ritenute", blank_zero=True),
               Column("causale", "Causale"))
    stretch_column = 9

    def load_all(self):
        return list_payment_orders(self.db)

    def row_of(self, m):
        return (m.ref, m.issued_on, m.commitment, f"{m.destination}/{m.spending_type}",
                m.creditor, m.tax_code, m.iban, m.amount, m.withholdings, m.causale)

    def date_of(self, m):
        return m.issued_on

    def list_actions(self):
        return [ListAction("print", "&Stampa il mandato", self.print_selected, default=True,
                           needs_selection=True,
                           tooltip="Il mandato con i contenuti dell'art. 17 e le firme"),
                ListAction("scheda", "S&cheda dell'impegno", self.open_commitment,
                           needs_selection=True,
                           # a residuo imported without its impegno has no scheda here
                           enabled_if=lambda m: m.commitment_id is not None,
                           tooltip="L'impegno che il mandato paga: dati, liquidazioni, "
                                   "mandati e storia")]

    def open_commitment(self) -> None:
        from .scheda import open_commitment_scheda

        m = self.selected()
        if m is not None and m.commitment_id is not None:
            open_commitment_scheda(self, self.db, m.commitment_id)

    def print_selected(self) -> None:
        m = self.selected()
        self.print_document("mandato", anno=m.year, numero=m.number)


class ReceiptOrdersList(WorkListDialog):
    title = "Reversali d'incasso"
    intro = "Le reversali d'incasso di tutti gli esercizi, la più recente per prima."
    empty_text = "Nessuna reversale d'incasso emessa."
    export_name = "reversali"
    period_label = "Reversali"
    default_size = (1100, 520)
    columns = (Column("ref", "Reversale n.", "right"), date_column("day", "Data"),
               Column("revenue", "Voce", "center"), Column("debtor", "Debitore"),
               money_column("amount", "Importo"), Column("causale", "Causale"))
    stretch_column = 5

    def load_all(self):
        return list_receipt_orders(self.db)

    def row_of(self, r):
        return (r.ref, r.issued_on, r.revenue, r.debtor, r.amount, r.causale)

    def date_of(self, r):
        return r.issued_on

    def list_actions(self):
        return [ListAction("print", "&Stampa la reversale", self.print_selected, default=True,
                           needs_selection=True)]

    def print_selected(self) -> None:
        r = self.selected()
        self.print_document("reversale", anno=r.year, numero=r.number)


class VariationsList(WorkListDialog):
    title = "Variazioni al Programma Annuale"
    intro = ("Decreti del Dirigente (entrate finalizzate), delibere del Consiglio d'istituto, "
             "storni e prelievi dal fondo di riserva (Mod. F e G).")
    empty_text = "Nessuna variazione al Programma Annuale."
    export_name = "variazioni"
    states = tuple((code, SHORT_KINDS.get(code, label)) for code, label in
                   VARIATION_KINDS.items())
    period_label = "Variazioni"
    default_size = (1180, 520)
    columns = (Column("ref", "N.", "right"), date_column("day", "Data"),
               Column("kind", "Tipo"), Column("lines", "Righe"),
               money_column("revenue", "Entrate", blank_zero=True),
               money_column("spending", "Spese", blank_zero=True),
               Column("reason", "Motivazione"), Column("act", "Atto"))
    stretch_column = 6

    def load_all(self):
        return list_variations(self.db)

    def row_of(self, v):
        return (v.ref, v.decided_on, SHORT_KINDS.get(v.kind, v.kind), v.lines, v.revenue,
                v.spending, v.reason, v.act_ref)

    def state_of(self, v):
        return v.kind

    def date_of(self, v):
        return v.decided_on
