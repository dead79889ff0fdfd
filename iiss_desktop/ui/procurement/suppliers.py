"""Fornitori: the albo fornitori in a window of its own (Acquisti › Fornitori…, Ctrl+Shift+F).

The list (search, DURC filter, period of the last award, «Esporta…»), Enter opens the scheda
(data correctable in place, conti dedicati, DURC, declarations and checks, awards, invoices,
history, prints); the toolbar's actions each with a shortcut: Nuovo fornitore (Ctrl+N),
Conto dedicato… (Ctrl+Shift+C), DURC… (Ctrl+Shift+D), Dichiarazione… (Ctrl+Shift+R),
Estrai controlli a campione… (Ctrl+Shift+E), and in «Altro» the check outcome, the revocation
of a conto, an award (the dirigente), the percentage of the checks, the import and the print.
Every check is the services'; a refusal appears next to the field, nothing is saved."""
from __future__ import annotations

from datetime import date

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu, QToolBar, QToolButton, QVBoxLayout

from ...areas.procurement import PREPARE, READ, SIGN
from ...domain.access import allowed
from ...domain.procurement.checks import DEFAULT_PERCENT
from ...domain.procurement.fields import AWARD, BANK_ACCOUNT, DECLARATION, DURC, SUPPLIER
from ...domain.procurement.suppliers import CHECK_OUTCOMES, DURC_STATES, format_iban
from ...queries.procurement_suppliers import (
    check_percent_setting,
    list_suppliers,
    supplier_scheda,
)
from ...services.procurement import suppliers as svc
from ..common.dialogs import exec_and_dispose, report_errors, show_error
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.list_dialog import ListAction
from ..common.scheda import ExtraTable, SchedaContent, SchedaDialog
from ..common.table_model import Column, date_column
from ..common.work_list import WorkListDialog

SUPPLIER_FIELDS = ("name", "vat", "tax_code", "address", "pec", "phone")
DELEGATES = 2     # persons on the form (the service takes up to 5)


def supplier_specs(*, with_active: bool = False) -> list[FieldSpec]:
    names = SUPPLIER_FIELDS + (("active",) if with_active else ())
    return [spec_of(SUPPLIER[n]) for n in names]


def account_specs() -> list[FieldSpec]:
    specs = [spec_of(BANK_ACCOUNT["iban"], placeholder="IT60 X054 2811 1010 0000 0123 456",
                     max_length=42),     # with the spaces of the printed form
             spec_of(BANK_ACCOUNT["bank"]), spec_of(BANK_ACCOUNT["declared_on"]),
             spec_of(BANK_ACCOUNT["protocol"])]
    for n in range(1, DELEGATES + 1):
        specs += [FieldSpec(f"delegate{n}_name", f"Persona delegata {n}", required=n == 1,
                            max_length=200, placeholder="nome e cognome"),
                  FieldSpec(f"delegate{n}_tax_code", f"Codice fiscale della persona {n}",
                            required=n == 1, max_length=16),
                  FieldSpec(f"delegate{n}_role", f"Qualifica della persona {n}",
                            max_length=100, placeholder="es. legale rappresentante")]
    return specs


def durc_specs() -> list[FieldSpec]:
    return [spec_of(DURC["issued_on"]), spec_of(DURC["expires_on"], required=False),
            spec_of(DURC["outcome"]), spec_of(DURC["protocol"])]


def declaration_specs() -> list[FieldSpec]:
    return [spec_of(DECLARATION["kind"]), spec_of(DECLARATION["received_on"]),
            spec_of(DECLARATION["protocol"])]


def award_specs() -> list[FieldSpec]:
    return [spec_of(AWARD[n]) for n in ("awarded_on", "object", "sector", "amount", "cig")] + [
        spec_of(AWARD["motivation"], kind="multiline", max_length=500,
                help="Solo per affidare di nuovo al contraente uscente da 5.000 € in su "
                     "(art. 49 c.4)")]


# --- the forms ---------------------------------------------------------------------------------
@report_errors
def new_supplier(parent, db) -> int | None:
    return FormDialog.ask(parent, "Nuovo fornitore", supplier_specs(),
                          on_submit=lambda v: svc.save_supplier(db, v),
                          intro="Un operatore economico dell'albo: partita IVA (11 cifre, o "
                                "il numero UE con il prefisso del paese) o codice fiscale.")


@report_errors
def declare_account(parent, db, supplier_id: int, name: str) -> int | None:
    def save(v):
        people = [svc.Delegate(v[f"delegate{n}_name"], v[f"delegate{n}_tax_code"],
                               v[f"delegate{n}_role"]) for n in range(1, DELEGATES + 1)]
        return svc.record_bank_account(db, supplier_id, iban=v["iban"], bank=v["bank"],
                                       declared_on=v["declared_on"], protocol=v["protocol"],
                                       delegates=people)

    return FormDialog.ask(parent, f"Conto dedicato – {name}", account_specs(),
                          {"declared_on": date.today()}, on_submit=save,
                          intro="Dichiarazione del conto corrente dedicato (L. 136/2010 art. "
                                "3 c.7): IBAN e persone delegate a operare, con il codice "
                                "fiscale. Da oggi è il conto in vigore.")


@report_errors
def revoke_account(parent, db, supplier_id: int, name: str) -> bool:
    s = supplier_scheda(db, supplier_id)
    if not s.account_in_force:
        show_error(parent, f"«{name}» non ha un conto dedicato in vigore.")
        return False
    account_id = s.account_ids[[r[5] for r in s.accounts].index("in vigore")]
    specs = [FieldSpec("revoke_reason", "Motivo della revoca", kind="multiline",
                       required=True, max_length=300),
             FieldSpec("revoked_on", "Revocato il", kind="date", required=True)]
    done = FormDialog.ask(parent, f"Revoca del conto dedicato – {name}", specs,
                          {"revoked_on": date.today()},
                          on_submit=lambda v: svc.revoke_bank_account(
                              db, account_id, reason=v["revoke_reason"],
                              revoked_on=v["revoked_on"]),
                          intro=f"Il conto {format_iban(s.account_in_force)} resta nella "
                                "storia, revocato con il motivo; torna in vigore la "
                                "dichiarazione precedente non revocata, se c'è.")
    return done is not None


@report_errors
def new_durc(parent, db, supplier_id: int, name: str) -> int | None:
    return FormDialog.ask(
        parent, f"DURC – {name}", durc_specs(), {"issued_on": date.today(),
                                                 "outcome": "regolare"},
        on_submit=lambda v: svc.record_durc(db, supplier_id, issued_on=v["issued_on"],
                                            expires_on=v["expires_on"], outcome=v["outcome"],
                                            protocol=v["protocol"]),
        intro="Il DURC acquisito (INPS/INAIL): senza scadenza vale 120 giorni dalla data.")


@report_errors
def new_declaration(parent, db, supplier_id: int, name: str) -> int | None:
    return FormDialog.ask(
        parent, f"Dichiarazione dei requisiti – {name}", declaration_specs(),
        {"received_on": date.today(), "kind": "dichiarazione_sostitutiva"},
        on_submit=lambda v: svc.record_declaration(db, supplier_id, kind=v["kind"],
                                                   received_on=v["received_on"],
                                                   protocol=v["protocol"]),
        intro="DGUE o dichiarazione sostitutiva dei requisiti (art. 94-95 e 52 D.Lgs. "
              "36/2023): entra nel prossimo sorteggio dei controlli a campione.")


@report_errors
def draw_checks(parent, db):
    percent = check_percent_setting(db)
    year = date.today().year
    specs = [FieldSpec("period_from", "Dichiarazioni ricevute dal", kind="date", required=True),
             FieldSpec("period_to", "Dichiarazioni ricevute fino al", kind="date",
                       required=True),
             FieldSpec("seed", "Seme del sorteggio", kind="int",
                       help="Vuoto: un numero casuale, registrato con il sorteggio")]
    return FormDialog.ask(
        parent, "Controlli a campione", specs,
        {"period_from": date(year, 1, 1), "period_to": date.today()},
        on_submit=lambda v: svc.draw_random_checks(db, period_from=v["period_from"],
                                                   period_to=v["period_to"], seed=v["seed"]),
        intro=f"Sorteggio del {percent} % (arrotondato per eccesso) dei fornitori con "
              "dichiarazioni ricevute nel periodo e non ancora sorteggiate (art. 52 c.1). "
              "Il seme e l'elenco restano registrati: chiunque può ripetere il sorteggio.")


@report_errors
def check_outcome(parent, db, supplier_id: int, name: str) -> bool:
    s = supplier_scheda(db, supplier_id)
    if not s.to_check:
        show_error(parent, f"«{name}» non ha dichiarazioni estratte in attesa di esito.")
        return False
    specs = [FieldSpec("check_outcome", "Esito del controllo", kind="choice", required=True,
                       choices=list(CHECK_OUTCOMES.items())),
             FieldSpec("checked_on", "Controllo concluso il", kind="date", required=True),
             FieldSpec("check_note", "Note del controllo", kind="multiline", max_length=300,
                       placeholder="es. casellario, Agenzia delle entrate, ANAC")]
    done = FormDialog.ask(parent, f"Esito del controllo – {name}", specs,
                          {"checked_on": date.today()},
                          on_submit=lambda v: svc.record_check_outcome(
                              db, s.to_check[0], outcome=v["check_outcome"],
                              checked_on=v["checked_on"], note=v["check_note"]))
    return done is not None


@report_errors
def new_award(parent, db, supplier_id: int, name: str):
    return FormDialog.ask(
        parent, f"Affidamento – {name}", award_specs(), {"awarded_on": date.today()},
        on_submit=lambda v: svc.record_award(
            db, supplier_id, awarded_on=v["awarded_on"], object=v["object"],
            sector=v["sector"], amount=v["amount"], cig=v["cig"], motivation=v["motivation"]),
        intro="L'affidamento deciso dal Dirigente, al netto dell'IVA. Il principio di rotazione "
              "(art. 49 D.Lgs. 36/2023) è controllato sull'affidamento precedente dello stesso "
              "settore (CPV: le prime tre cifre).")


@report_errors
def set_percent(parent, db) -> bool:
    specs = [FieldSpec("percent", "Percentuale dei controlli a campione", kind="int",
                       required=True)]
    done = FormDialog.ask(parent, "Controlli a campione: percentuale", specs,
                          {"percent": check_percent_setting(db)},
                          on_submit=lambda v: svc.set_check_percent(db, v["percent"]),
                          intro="Decisa dal Dirigente ogni anno (art. 52 c.1: «modalità "
                                f"predeterminate»); se mai indicata: {DEFAULT_PERCENT} %.")
    return done is not None


# --- the scheda --------------------------------------------------------------------------------
def _content(db, supplier_id: int) -> SchedaContent:
    s = supplier_scheda(db, supplier_id)
    tables = (
        ExtraTable("C&onti dedicati", (Column("day", "Dichiarato il"), Column("iban", "IBAN"),
                                       Column("bank", "Banca"),
                                       Column("description", "Persone delegate"),
                                       Column("protocol", "Protocollo"),
                                       Column("state", "Stato")),
                   s.accounts, empty="Nessuna dichiarazione del conto dedicato."),
        ExtraTable("D&URC", (Column("day", "Data"), Column("expires", "Scadenza"),
                             Column("outcome", "Esito"), Column("protocol", "Protocollo"),
                             Column("description", "Stato")),
                   s.durcs, empty="Nessun DURC registrato."),
        ExtraTable("Dic&hiarazioni e controlli",
                   (Column("day", "Ricevuta il"), Column("kind", "Tipo"),
                    Column("protocol", "Protocollo"), Column("draw", "Sorteggio"),
                    Column("description", "Esito del controllo")),
                   s.declarations, empty="Nessuna dichiarazione dei requisiti."),
        ExtraTable("A&ffidamenti", (Column("day", "Data"), Column("description", "Oggetto"),
                                    Column("sector", "Settore"),
                                    Column("amount", "Importo netto", "right"),
                                    Column("cig", "CIG"), Column("exception", "Deroga")),
                   s.awards, empty="Nessun affidamento registrato."),
        ExtraTable("&Fatture", (Column("ref", "Reg. n.", "right"), Column("day", "Ricevuta il"),
                                Column("description", "Fattura"),
                                Column("total", "Totale", "right"), Column("state", "Stato")),
                   s.invoices, empty="Nessuna fattura ricevuta.",
                   links=tuple(("invoice", i) for i in s.invoice_ids)),
    )
    return SchedaContent(title=s.title, state=s.state, warning=s.warning, fields=s.fields,
                         edit_values=s.values, history=s.history, documents=s.documents,
                         tables=tables)


def _open_link(parent, kind: str, record_id: int) -> None:
    if kind == "invoice":
        from .invoice_scheda import open_invoice_scheda

        open_invoice_scheda(parent, parent.db, record_id)


def supplier_scheda_dialog(parent, db, supplier_id: int) -> SchedaDialog:
    def save(values) -> int:
        current = supplier_scheda(db, supplier_id).values
        changed = sum(values.get(k) != current.get(k) for k in values)
        if changed:
            svc.save_supplier(db, {**current, **values}, supplier_id)
        return changed

    editable = allowed(db.current_user, PREPARE)
    return SchedaDialog(parent, db, lambda: _content(db, supplier_id),
                        edit_specs=supplier_specs(with_active=True) if editable else (),
                        on_save=save if editable else None, open_link=_open_link)


@report_errors
def open_supplier_scheda(parent, db, supplier_id: int) -> bool:
    dialog = supplier_scheda_dialog(parent, db, supplier_id)
    exec_and_dispose(dialog)
    return dialog.changed


# --- the window --------------------------------------------------------------------------------
STATE_TEXT = {"valido": "regolare", "scaduto": "scaduto", "non_regolare": "non regolare",
              "mancante": "non acquisito"}


class SuppliersWindow(WorkListDialog):
    title = "Fornitori – albo degli operatori economici"
    intro = ("I fornitori con DURC, conto dedicato (L. 136/2010) e ultimo affidamento. Invio "
             "apre la scheda; le azioni della barra valgono per il fornitore selezionato.")
    empty_text = "Nessun fornitore: «Nuovo fornitore» (Ctrl+N) o «Importa fornitori…»."
    export_name = "albo-fornitori"
    states = tuple(DURC_STATES.items())
    state_groups = (("DURC da acquisire o scaduto", frozenset({"scaduto", "non_regolare",
                                                                "mancante"})),)
    period_label = "Ultimo affidamento"
    default_size = (1240, 640)
    columns = (Column("name", "Fornitore", max_width=280),
               Column("code", "P. IVA / C.F.", max_width=130),
               Column("durc", "DURC", max_width=110), date_column("expires", "DURC fino al"),
               Column("account", "Conto dedicato", max_width=250),
               date_column("award", "Ultimo affidamento"),
               Column("description", "Requisiti (art. 52)", max_width=320))
    stretch_column = 6

    def __init__(self, parent, db, **kwargs):
        self.tool_actions: dict[str, QAction] = {}
        super().__init__(parent, db, **kwargs)
        self._update_tools()

    # --- the toolbar -------------------------------------------------------------------------
    TOOLS = (
        # name, text, shortcut, permission, needs a supplier, slot name, in the «Altro» menu
        ("new", "Nuovo fornitore…", "Ctrl+N", PREPARE, False, "new_supplier", False),
        ("account", "Conto dedicato…", "Ctrl+Shift+C", PREPARE, True, "declare_account", False),
        ("durc", "DURC…", "Ctrl+Shift+D", PREPARE, True, "new_durc", False),
        ("declaration", "Dichiarazione…", "Ctrl+Shift+R", PREPARE, True, "new_declaration",
         False),
        ("draw", "Estrai controlli a campione…", "Ctrl+Shift+E", PREPARE, False, "draw_checks",
         False),
        ("outcome", "Esito del controllo…", "Ctrl+Shift+O", PREPARE, True, "check_outcome",
         True),
        ("revoke", "Revoca del conto dedicato…", "", PREPARE, True, "revoke_account", True),
        ("award", "Affidamento…", "Ctrl+Shift+A", SIGN, True, "new_award", True),
        ("percent", "Percentuale dei controlli…", "", SIGN, False, "set_percent", True),
        ("import", "Importa fornitori…", "Ctrl+I", PREPARE, False, "import_suppliers", True),
        ("print", "Stampa l'albo", "Ctrl+P", READ, False, "print_register", True),
    )

    def build_header(self):
        box = QVBoxLayout()
        self.toolbar = QToolBar(self)
        self.more_menu = QMenu("Altro", self)
        self.more_menu.setToolTipsVisible(True)
        for name, text, keys, permission, needs, slot, more in self.TOOLS:
            action = QAction(text, self)
            if keys:
                action.setShortcut(QKeySequence(keys))
            action.setProperty("permission", permission.code)
            action.setProperty("needs_selection", needs)
            action.triggered.connect(getattr(self, slot))
            self.addAction(action)      # the shortcut works anywhere in the window
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
            action.setEnabled(may and (record is not None or not needs))

    # --- rows --------------------------------------------------------------------------------
    def load_all(self):
        return list_suppliers(self.db)

    def row_of(self, r):
        return (r.name + ("" if r.active else " (non attivo)"), r.code,
                STATE_TEXT[r.durc_state], r.durc_expires,
                format_iban(r.account_iban) if r.account_iban else "non dichiarato",
                r.last_award_on, r.checks_text)

    def state_of(self, r):
        return r.durc_state

    def date_of(self, r):
        return r.last_award_on

    def list_actions(self):
        return [ListAction("open", "&Apri la scheda", self.open_selected, default=True,
                           needs_selection=True,
                           tooltip="Dati, conti dedicati, DURC, dichiarazioni, affidamenti, "
                                   "fatture e storia del fornitore (Invio)")]

    # --- actions -----------------------------------------------------------------------------
    def _done(self, outcome) -> None:
        if outcome:
            self.after_change()

    def open_selected(self) -> None:
        r = self.selected()
        if r is not None:
            self._done(open_supplier_scheda(self, self.db, r.id))

    def new_supplier(self) -> None:
        new_id = new_supplier(self, self.db)
        if new_id is not None:
            self.after_change()
            self.select(new_id)

    def _on_selected(self, function) -> None:
        r = self.selected()
        if r is not None:
            self._done(function(self, self.db, r.id, r.name) not in (None, False))

    def declare_account(self) -> None:
        self._on_selected(declare_account)

    def revoke_account(self) -> None:
        self._on_selected(revoke_account)

    def new_durc(self) -> None:
        self._on_selected(new_durc)

    def new_declaration(self) -> None:
        self._on_selected(new_declaration)

    def check_outcome(self) -> None:
        self._on_selected(check_outcome)

    def new_award(self) -> None:
        r = self.selected()
        if r is None:
            return
        result = new_award(self, self.db, r.id, r.name)
        if result is not None:
            self.after_change()
            self.footer_label.setText(f"Affidamento registrato. {result.reason}")
            self.footer_label.show()

    def draw_checks(self) -> None:
        result = draw_checks(self, self.db)
        if result is not None:
            self.after_change()
            self.footer_label.setText(result.summary())
            self.footer_label.show()

    def set_percent(self) -> None:
        set_percent(self, self.db)

    def import_suppliers(self) -> None:
        from .supplier_import import SupplierImportDialog

        if SupplierImportDialog.ask(self, self.db):
            self.after_change()

    def print_register(self) -> None:
        self.print_document("fornitori")


@report_errors
def open_suppliers(parent, db) -> bool:
    """From the Acquisti tab: the window, until closed; True if something was saved."""
    return SuppliersWindow.ask(parent, db)
