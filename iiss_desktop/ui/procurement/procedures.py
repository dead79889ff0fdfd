"""Acquisti: the procedure files (Procedure…, Ctrl+Shift+Y from the Acquisti tab): the list
of the purchase requests with their procedure (search, state, period, export), and from the
toolbar, each with its shortcut: Nuova richiesta (Ctrl+N), Approva (Ctrl+Shift+A), Respingi
(Ctrl+Shift+R), Nuova determina (Ctrl+Shift+D, with the procedure the thresholds propose on
its date and why), Preventivi (Ctrl+Shift+V: invitations, offers, the choice), Ordine
(Ctrl+Shift+O), Consegne e collaudo (Ctrl+Shift+K: DDT, verbale, carico in Inventario and
Magazzino) and the prints; Enter opens the scheda of the file (steps, documents)."""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMenu, QToolBar, QToolButton, QVBoxLayout

from ...areas.procurement import APPROVE, PREPARE, READ, SIGN
from ...domain.access import allowed
from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.money import format_money
from ...domain.procurement import procedure as rules
from ...domain.procurement.fields import ORDER, PROCEDURE, QUOTE, REQUEST
from ...domain.procurement.thresholds import DIRECT, KINDS, PROCEDURES, SUPPLIES
from ...queries.funds_lists import commitment_choices, programme_years
from ...queries.procurement_acceptance import order_of_procedure
from ...queries.procurement_procedures import (
    STATES,
    dirigente_limit,
    list_procedures,
    procedure_file,
    procedure_proposal,
)
from ...queries.procurement_suppliers import list_suppliers
from ...services.procurement import procedures as svc
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.list_dialog import ListAction, ListDialog
from ..common.scheda import ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column, date_column, money_column
from ..common.work_list import WorkListDialog
from ..funds.tab import default_day


# --- the determina form -------------------------------------------------------------------------
class DeterminaDialog(FormDialog):
    """The determina form, with the procedure the thresholds propose for the amount and date
    typed (and its reasons), recomputed as they change."""

    def __init__(self, parent, db, title, specs, values, on_submit):
        self.db = db
        super().__init__(parent, title, specs, values, on_submit,
                         intro="La procedura proposta segue le soglie in vigore alla data "
                               "della determina; se ne può scegliere una più rigorosa, una "
                               "meno rigorosa solo motivando.")
        self.proposal_label = QLabel(self)
        self.proposal_label.setObjectName("proposalLabel")
        self.proposal_label.setWordWrap(True)
        self.layout().insertWidget(1, self.proposal_label)
        self.form.changed.connect(self.update_proposal)
        self.update_proposal()

    def update_proposal(self) -> None:
        values = {}
        for name in ("amount", "decided_on", "kind", "ddi_derogation"):
            try:      # read quietly: no inline error while the clerk is typing
                values[name] = self.form._read(self.form.specs[name], self.form.editors[name])
            except (ValidationError, DomainError):
                values[name] = None
        if not values.get("amount") or not values.get("decided_on"):
            self.proposal_label.setText("Procedura proposta: indicare importo e data.")
            return
        try:
            p = procedure_proposal(self.db, values.get("kind") or SUPPLIES, values["amount"],
                                   values["decided_on"], bool(values.get("ddi_derogation")))
        except DomainError as exc:
            self.proposal_label.setText(exc.message)
            return
        self.proposed = p.procedure
        reasons = "".join(f"<li>{n}</li>" for n in p.notes)
        self.proposal_label.setText(f"<b>Procedura proposta: {p.label}</b><ul "
                                    f"style='margin:0'>{reasons}</ul>")


def _request_specs() -> list[FieldSpec]:
    return [spec_of(REQUEST[name]) for name in ("requested_on", "unit_kind", "unit",
                                                "requested_by", "object", "reason", "amount")]


# --- the quotations -----------------------------------------------------------------------------
class QuotesDialog(ListDialog):
    """The operators invited for one procedure, their offers, the choice."""

    default_size = (1000, 420)
    columns = (Column("supplier", "Operatore"), Column("vat", "P. IVA"),
               date_column("invited", "Invitato il"), date_column("received", "Ricevuto il"),
               money_column("amount", "Importo (netto IVA)"), Column("notes", "Note"),
               Column("chosen", "Esito"))
    stretch_column = 5

    def __init__(self, parent, db, request_id: int):
        self.request_id = request_id
        self.file = procedure_file(db, request_id)
        super().__init__(parent, db)

    def window_title(self) -> str:
        return f"Preventivi – {self.file.title}"

    def intro_text(self) -> str:
        f = self.file
        return (f"Determina {f.determina_ref}: {f.procedure}, importo stimato "
                f"{format_money(f.amount)} al netto dell'IVA. Criterio: minor prezzo, o un "
                "altro criterio indicato nella scelta.")

    def load(self):
        self.file = procedure_file(self.db, self.request_id)
        return self.file.quotes

    def row_of(self, q):
        return (q.supplier, q.vat, q.invited_on, q.received_on, q.amount, q.notes,
                "scelto" if q.chosen else "")

    def actions(self):
        return [ListAction("invite", "&Invita operatori…", self.invite, permission=PREPARE.code),
                ListAction("offer", "&Preventivo ricevuto…", self.offer, needs_selection=True,
                           default=True, permission=PREPARE.code),
                ListAction("choose", "&Scegli e affida…", self.choose, needs_selection=True,
                           permission=SIGN.code),
                ListAction("print", "S&tampa il confronto", self.print_comparison)]

    @report_errors
    def invite(self) -> None:
        taken = {q.supplier_id for q in self.file.quotes}
        suppliers = [(s.id, f"{s.name} ({s.code})") for s in list_suppliers(self.db)
                     if s.active and s.id not in taken]
        if not suppliers:
            raise DomainError("Tutti i fornitori attivi dell'albo sono già invitati.")
        specs = [FieldSpec("supplier_id", "Operatore da invitare", kind="choice",
                           required=True, choices=suppliers),
                 spec_of(QUOTE["invited_on"])]
        done = FormDialog.ask(self, "Invita a presentare preventivo", specs,
                              {"invited_on": date.today()},
                              on_submit=lambda v: svc.invite_operators(
                                  self.db, self.file.procedure_id, [v["supplier_id"]],
                                  invited_on=v["invited_on"]))
        if done is not None:
            self.after_change()

    @report_errors
    def offer(self) -> None:
        q = self.selected()
        specs = [FieldSpec("received_on", "Preventivo ricevuto il", kind="date", required=True),
                 FieldSpec("amount", "Importo al netto dell'IVA", kind="money", required=True),
                 FieldSpec("notes", "Note", max_length=300)]
        done = FormDialog.ask(self, f"Preventivo di {q.supplier}", specs,
                              {"received_on": date.today()},
                              on_submit=lambda v: svc.record_offer(
                                  self.db, q.id, received_on=v["received_on"],
                                  amount=v["amount"], notes=v["notes"]) or True)
        if done is not None:
            self.after_change()

    @report_errors
    def choose(self) -> None:
        q = self.selected()
        specs = [FieldSpec("criterion", "Criterio di scelta", kind="choice", required=True,
                           choices=list(rules.CRITERIA.items())),
                 FieldSpec("criterion_text", "Criterio indicato (se non il minor prezzo)",
                           max_length=300),
                 FieldSpec("awarded_on", "Data dell'affidamento", kind="date", required=True),
                 FieldSpec("motivation", "Motivazione dell'affidamento al contraente uscente",
                           max_length=500, help="Solo se il principio di rotazione lo chiede "
                                                "(art. 49 c.4)")]
        done = FormDialog.ask(self, f"Affidamento a {q.supplier}", specs,
                              {"criterion": rules.LOWEST_PRICE, "awarded_on": date.today()},
                              on_submit=lambda v: svc.choose_offer(
                                  self.db, self.file.procedure_id, q.id,
                                  awarded_on=v["awarded_on"], criterion=v["criterion"],
                                  criterion_text=v["criterion_text"],
                                  motivation=v["motivation"]))
        if done is not None:
            self.after_change()
            self.footer_label.setText(f"Affidato a {done.supplier} per "
                                      f"{format_money(done.amount)}. {done.reason} "
                                      f"{done.rotation}")
            self.footer_label.show()

    def print_comparison(self) -> None:
        from ..common.printing import print_report

        self.last_job = print_report(self, self.db, "confronto-preventivi",
                                     anno=self.file.year, numero=self.file.number)


# --- the scheda ---------------------------------------------------------------------------------
def _content(db, request_id: int) -> SchedaContent:
    f = procedure_file(db, request_id)
    quotes = ExtraTable(
        "&Preventivi", (Column("supplier", "Operatore"), Column("invited", "Invitato il"),
                        Column("received", "Ricevuto il"),
                        Column("amount", "Importo (netto IVA)", "right"),
                        Column("chosen", "Esito")),
        [(q.supplier, format_date(q.invited_on), format_date(q.received_on),
          format_money(q.amount) if q.amount is not None else "—",
          "scelto" if q.chosen else "") for q in f.quotes],
        empty="Nessun operatore invitato.")
    lines = ExtraTable(
        "&Ordine", (Column("n", "N.", "right"), Column("description", "Descrizione"),
                    Column("quantity", "Quantità", "right"),
                    Column("price", "Prezzo unitario", "right"),
                    Column("rate", "IVA %", "right"), Column("total", "Importo", "right")),
        [(str(x.line_no), x.description, f"{x.quantity} {x.unit}".strip(),
          format_money(x.unit_price), x.vat_rate, format_money(x.total))
         for x in f.order_lines], empty="Ordine non ancora emesso.")
    steps = [("Richiesta", True), ("Decisione", f.decided_on is not None),
             ("Determina e copertura", f.number is not None),
             ("Preventivi", any(q.received_on for q in f.quotes)),
             ("Affidamento", f.awarded_on is not None), ("Ordine", f.order_number is not None),
             ("Consegna", f.state in ("consegnata", "collaudata")),
             ("Collaudo", f.state == "collaudata")]
    warning = "Passi: " + " → ".join(f"{name} {'✓' if done else '…'}" for name, done in steps)
    return SchedaContent(title=f.title, state=f.state_label.capitalize(), warning=warning,
                         fields=f.fields, history=f.history, documents=f.documents,
                         tables=(quotes, lines))


@report_errors
def open_procedure_scheda(parent, db, request_id: int) -> bool:
    dialog = SchedaDialog(parent, db, lambda: _content(db, request_id))
    exec_and_dispose(dialog)
    return dialog.changed


# --- the list -----------------------------------------------------------------------------------
# What each row action needs of the selected row: a finished step disables its action.
_WHEN = {
    "approve": lambda r: r.state == "presentata",
    "refuse": lambda r: r.state == "presentata",
    "determina": lambda r: r.state == "approvata" and r.procedure_id is None,
    "quotes": lambda r: r.procedure_id is not None,
    "order": lambda r: r.state == "affidata",
    "acceptance": lambda r: r.order_number is not None,
    "print_determina": lambda r: r.determina_number is not None,
    "print_order": lambda r: r.order_number is not None,
}


def _applies(name: str, record) -> bool:
    rule = _WHEN.get(name)
    return rule is None or rule(record)


class ProceduresList(WorkListDialog):
    title = "Procedure d'acquisto"
    intro = ("Le richieste d'acquisto degli uffici, dei plessi e dei laboratori e le loro "
             "procedure: determina a contrarre con la copertura finanziaria, preventivi, "
             "affidamento, ordine. Invio apre la scheda.")
    empty_text = "Nessuna richiesta d'acquisto: registrarla con «Nuova richiesta…» (Ctrl+N)."
    export_name = "procedure-acquisto"
    states = STATES
    state_groups = (("Da decidere o in corso", frozenset({"presentata", "approvata",
                                                          *rules.PROCEDURE.open})),)
    period_label = "Richieste"
    default_size = (1300, 620)
    columns = (date_column("requested_on", "Richiesta del"),
               Column("unit", "Richiesta da", max_width=300),
               Column("object", "Oggetto", max_width=440),
               money_column("amount", "Stima (IVA incl.)"),
               Column("state", "Stato", max_width=160),
               Column("determina", "Determina", max_width=170),
               Column("procedure", "Procedura", max_width=200),
               Column("cig", "CIG", max_width=100),
               Column("commitment", "Impegno", max_width=80),
               Column("quotes", "Preventivi", "center"),
               Column("supplier", "Affidatario", max_width=200),
               Column("order", "Ordine", max_width=160))
    stretch_column = 2

    # name, text, shortcut, permission, needs a row, slot name, in the «Altro» menu
    TOOLS = (
        ("request", "Nuova richiesta…", "Ctrl+N", PREPARE, False, "new_request", False),
        ("approve", "Approva…", "Ctrl+Shift+A", APPROVE, True, "approve", False),
        ("refuse", "Respingi…", "Ctrl+Shift+R", APPROVE, True, "refuse", False),
        ("determina", "Nuova determina…", "Ctrl+Shift+D", SIGN, True, "new_determina", False),
        ("quotes", "Preventivi…", "Ctrl+Shift+V", READ, True, "open_quotes", False),
        ("order", "Ordine…", "Ctrl+Shift+O", PREPARE, True, "new_order", False),
        ("acceptance", "Consegne e collaudo…", "Ctrl+Shift+K", READ, True, "open_acceptance",
         False),
        ("print_determina", "Stampa la determina", "Ctrl+P", READ, True, "print_determina",
         True),
        ("print_order", "Stampa l'ordine", "Ctrl+Shift+P", READ, True, "print_order", True),
        ("limit", "Limite del dirigente…", "", SIGN, False, "set_limit", True),
    )

    def __init__(self, parent, db, **kwargs):
        self.tool_actions: dict[str, QAction] = {}
        self.last_job = None
        super().__init__(parent, db, **kwargs)
        self._update_tools()

    def build_header(self):
        box = QVBoxLayout()
        self.toolbar = QToolBar(self)
        self.more_menu = QMenu("Altro", self)
        for name, text, keys, _permission, needs, slot, more in self.TOOLS:
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setProperty("needs_selection", needs)
            action.triggered.connect(getattr(self, slot))
            self.addAction(action)
            (self.more_menu if more else self.toolbar).addAction(action)
            self.tool_actions[name] = action
        more = QToolButton(self.toolbar)
        more.setText("Altro")
        more.setObjectName("menu_Altro")
        more.setMenu(self.more_menu)
        more.setPopupMode(QToolButton.InstantPopup)
        self.toolbar.addWidget(more)
        box.addWidget(self.toolbar)
        box.addLayout(super().build_header())
        return box

    def _update_buttons(self, *args) -> None:
        super()._update_buttons(*args)
        self._update_tools()

    def _update_tools(self) -> None:
        record = self.selected() if hasattr(self, "records") else None
        for name, text, keys, permission, needs, _slot, _more in self.TOOLS:
            action = self.tool_actions.get(name)
            if action is None:
                continue
            may = allowed(self.db.current_user, permission)
            tip = text.rstrip("…") + (f" ({keys})" if keys else "")
            action.setToolTip(tip if may else f"{tip}\nServe il permesso «{permission.label}».")
            action.setEnabled(may and (record is not None or not needs)
                              and (record is None or _applies(name, record)))

    # --- rows --------------------------------------------------------------------------------
    def load_all(self):
        return list_procedures(self.db)

    def key_of(self, r):
        return r.request_id

    def row_of(self, r):
        return (r.requested_on, r.unit, r.object, r.amount, r.state_label, r.determina,
                r.procedure, r.cig, r.commitment, r.quotes, r.supplier, r.order)

    def state_of(self, r):
        return r.state

    def date_of(self, r):
        return r.requested_on

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True,
                           tooltip="Passi, documenti e storia della procedura (Invio)")]

    def open_selected(self) -> None:
        r = self.selected()
        if r is not None and open_procedure_scheda(self, self.db, r.request_id):
            self.after_change()

    def _selected_or_say(self):
        r = self.selected()
        if r is None:
            raise DomainError("Selezionare una richiesta nell'elenco.")
        return r

    # --- actions -----------------------------------------------------------------------------
    @report_errors
    def new_request(self) -> None:
        def save(v):
            return svc.submit_request(self.db, svc.RequestInput(
                v["requested_on"], v["unit_kind"] or "", v["unit"], v["requested_by"],
                v["object"], v["reason"], v["amount"]))

        new_id = FormDialog.ask(self, "Nuova richiesta d'acquisto", _request_specs(),
                                {"requested_on": date.today(), "unit_kind": "ufficio"},
                                on_submit=save)
        if new_id is not None:
            self.after_change()
            self.select(new_id)

    def _decide(self, approve: bool) -> None:
        r = self._selected_or_say()
        specs = [FieldSpec("decided_on", "Data della decisione", kind="date", required=True),
                 FieldSpec("note", "Motivo del rifiuto" if not approve else "Note",
                           required=not approve, max_length=500)]
        done = FormDialog.ask(self, ("Approva" if approve else "Respingi") +
                              f" la richiesta – {r.object}", specs,
                              {"decided_on": date.today()},
                              on_submit=lambda v: svc.decide_request(
                                  self.db, r.request_id, approve=approve,
                                  decided_on=v["decided_on"], note=v["note"]))
        if done is not None:
            self.after_change()

    @report_errors
    def approve(self) -> None:
        self._decide(True)

    @report_errors
    def refuse(self) -> None:
        self._decide(False)

    def determina_specs(self, year: int) -> list[FieldSpec]:
        choices = commitment_choices(self.db, year)
        funds = [(f.id, f"{f.name} ({f.destination})") for f in choices.funds]
        p = PROCEDURE
        specs = [spec_of(p["decided_on"]), spec_of(p["object"]),
                 spec_of(p["kind"], choices=list(KINDS.items())), spec_of(p["sector"]),
                 spec_of(p["amount"]), spec_of(p["vat_rate"]),
                 spec_of(p["procedure"], choices=[(k, v.split(" (")[0])   # on any date
                                                  for k, v in PROCEDURES.items()]),
                 spec_of(p["procedure_motivation"]), spec_of(p["council_deliberation"]),
                 spec_of(p["via_consip"]), spec_of(p["consip_motivation"]),
                 spec_of(p["via_mepa"]), spec_of(p["mepa_motivation"]),
                 spec_of(p["ddi_derogation"]), spec_of(p["cig"]), spec_of(p["cup"]),
                 spec_of(p["rup"]),
                 FieldSpec("destination", "Destinazione del Programma Annuale", kind="choice",
                           required=True, choices=choices.destinations),
                 FieldSpec("spending_type", "Tipo di spesa", kind="choice", required=True,
                           choices=choices.spending_types)]
        if funds:
            specs.append(FieldSpec("earmarked_id", "Finanziamento vincolato", kind="choice",
                                   choices=funds))
        specs.append(FieldSpec("coverage_attested", "Il DSGA attesta la copertura finanziaria "
                                                    "(si assume l'impegno)", kind="bool"))
        return specs

    @report_errors
    def new_determina(self) -> None:
        r = self._selected_or_say()
        if r.state != "approvata":
            raise DomainError(f"La richiesta è «{r.state_label}»: la determina si adotta su "
                              "una richiesta approvata.")
        years = programme_years(self.db)
        year = years[0][0] if years else date.today().year   # the latest Programma Annuale
        net = (r.amount / Decimal("1.22")).quantize(Decimal("0.01"))
        values = {"decided_on": default_day(year), "object": r.object, "kind": SUPPLIES,
                  "amount": net, "vat_rate": "22", "procedure": DIRECT,
                  "rup": self.db.current_user.full_name if self.db.current_user else ""}
        limit = dirigente_limit(self.db)

        def save(v):
            return svc.adopt_determina(self.db, svc.DeterminaInput(
                r.request_id, v["decided_on"], v["object"], v["kind"] or "", v["sector"],
                v["amount"], v["procedure"] or "", v["rup"], v["destination"] or "",
                v["spending_type"] or "", v["vat_rate"], v["procedure_motivation"],
                v["council_deliberation"], v["via_consip"], v["consip_motivation"],
                v["via_mepa"], v["mepa_motivation"], v["ddi_derogation"], v["cig"], v["cup"],
                v.get("earmarked_id"), v["coverage_attested"]))

        title = f"Determina a contrarre – {r.object}" + (
            f" (limite del dirigente {format_money(limit)})" if limit else "")
        dialog = DeterminaDialog(self, self.db, title, self.determina_specs(year),
                                 values, save)
        try:
            if dialog.exec() != DeterminaDialog.Accepted:
                return
            done = dialog.submitted
        finally:
            dialog.deleteLater()
        self.after_change()
        self.footer_label.setText(f"Determina n. {done.number}/{done.year} adottata; impegno "
                                  f"{done.commitment}. {done.warning}".strip())
        self.footer_label.show()

    @report_errors
    def open_quotes(self) -> None:
        r = self._selected_or_say()
        if r.procedure_id is None:
            raise DomainError("I preventivi si chiedono dopo la determina a contrarre.")
        dialog = QuotesDialog(self, self.db, r.request_id)
        exec_and_dispose(dialog)
        if dialog.changed:
            self.after_change()

    @report_errors
    def new_order(self) -> None:
        r = self._selected_or_say()
        if r.state != "affidata":
            raise DomainError(f"La procedura è «{r.state_label}»: l'ordine si emette dopo "
                              "l'affidamento.")
        f = procedure_file(self.db, r.request_id)
        specs = [spec_of(ORDER["ordered_on"]), spec_of(ORDER["delivery_place"]),
                 spec_of(ORDER["delivery_terms"]), spec_of(ORDER["delivery_by"]),
                 FieldSpec("lines", "Righe dell'ordine", kind="multiline", required=True,
                           help="Una riga per voce: descrizione; quantità; unità; prezzo "
                                "unitario al netto dell'IVA; IVA % (es. «Notebook 14\"; 4; "
                                "pz; 487,70; 22»)")]
        if not f.cig:
            specs.append(FieldSpec("cig", "CIG", max_length=10))

        def save(v):
            lines = [svc.OrderLineInput(d, q, _price(p, n), u, rate or "22")
                     for n, (d, q, u, p, rate) in enumerate(
                         rules.split_order_lines(v["lines"]), start=1)]
            return svc.issue_order(self.db, svc.OrderInput(
                f.procedure_id, v["ordered_on"], v["delivery_place"], lines,
                v["delivery_terms"], v["delivery_by"], v.get("cig") or ""))

        done = FormDialog.ask(self, f"Lettera d'ordine a {f.awarded_supplier}", specs,
                              {"ordered_on": date.today(),
                               "lines": f"{f.object}; 1; pz; "
                                        f"{format_money(f.awarded_amount, symbol=False)}; "
                                        f"{f.vat_rate}"},
                              on_submit=save,
                              intro=f"Affidamento di {format_money(f.awarded_amount)} al "
                                    f"netto dell'IVA; impegno {f.commitment} di "
                                    f"{format_money(f.commitment_amount)}.")
        if done is not None:
            self.after_change()
            self.footer_label.setText(f"Ordine n. {done.number}/{done.year} emesso: "
                                      f"{format_money(done.total)} IVA inclusa.")
            self.footer_label.show()

    @report_errors
    def open_acceptance(self) -> None:
        from .acceptance import AcceptanceDialog

        r = self._selected_or_say()
        order_id = order_of_procedure(self.db, r.procedure_id) if r.procedure_id else None
        if order_id is None:
            raise DomainError("Consegne e collaudo seguono la lettera d'ordine: l'ordine non "
                              "è ancora emesso.")
        dialog = AcceptanceDialog(self, self.db, order_id)
        exec_and_dispose(dialog)
        if dialog.changed:
            self.after_change()

    def print_determina(self) -> None:
        r = self.selected()
        if r is not None and r.determina_number:
            self.print_document("determina", anno=r.determina_year, numero=r.determina_number)

    def print_order(self) -> None:
        r = self.selected()
        if r is not None and r.order_number:
            self.print_document("lettera-ordine", anno=r.order_year, numero=r.order_number)

    @report_errors
    def set_limit(self) -> None:
        specs = [FieldSpec("limit", "Limite del dirigente fissato dal Consiglio d'istituto",
                           kind="money",
                           help="D.I. 129/2018 art. 45 c.2 lett. a; vuoto se non fissato")]
        done = FormDialog.ask(self, "Limite del dirigente", specs,
                              {"limit": dirigente_limit(self.db)},
                              on_submit=lambda v: svc.set_dirigente_limit(
                                  self.db, v["limit"]) or True)
        if done is not None:
            self.after_change()


def _price(text: str, n: int) -> Decimal:
    from ...domain.money import parse_money

    try:
        return parse_money(text, f"line{n}_unit_price")
    except ValidationError as exc:
        raise ValidationError({"lines": f"Riga {n}: {next(iter(exc.errors.values()))}"}) \
            from None


@report_errors
def open_procedures(parent, db) -> bool:
    dialog = ProceduresList(parent, db)
    exec_and_dispose(dialog)
    return dialog.changed
