"""Values of the goods: ammortamento rates, current values per inventory, and the rinnovo."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...areas.inventory import RENEWAL
from ...domain.access import allowed
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import valuation as rules
from ...domain.inventory.registers import short_name
from ...domain.money import format_cents, format_money
from ...queries.inventory.renewal import renewable_registers, renewals
from ...queries.inventory.valuation import category_values, register_values
from ...services.inventory.renewal import renew
from ...services.inventory.valuation import rates, reset_rate, set_rate
from ..common.dialogs import ask_print, exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction, ListDialog
from ..common.printing import print_report
from ..common.table_model import Column, cents_column
from ..common.widgets import DateEdit


# --- Rates ------------------------------------------------------------------------------------
class RatesDialog(QDialog):
    """The rates, editable in place; beside each, what it does to the goods of its category."""

    HEADERS = ("Categoria", "Aliquota %", "Predefinita", "N. beni", "Valore di carico",
               "Valore attuale")
    RATE = 1

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle("Aliquote di ammortamento")
        self.resize(900, 420)
        intro = QLabel("Ammortamento a quote costanti: l'aliquota annua si applica al valore di "
                       "carico per ogni anno intero trascorso dal carico, fino a zero. Le "
                       "aliquote proposte seguono lo schema del MEF e si possono modificare: "
                       "fare doppio clic sull'aliquota. I beni di una categoria senza aliquota "
                       "restano al valore di carico.", self)
        intro.setWordWrap(True)
        self.table = QTableWidget(0, len(self.HEADERS), self)
        self.table.setHorizontalHeaderLabels(self.HEADERS)
        self.table.verticalHeader().setVisible(False)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.message = QLabel(self)
        self.message.setObjectName("formBanner")
        self.message.setStyleSheet("color: #c0392b;")
        self.message.setWordWrap(True)
        self.total = QLabel(self)
        self.add_button = QPushButton("&Nuova categoria…", self)
        self.reset_button = QPushButton("&Ripristina predefinita", self)
        self.add_button.clicked.connect(self.add_category)
        self.reset_button.clicked.connect(self.reset_selected)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("&Chiudi")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.reset_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.total)
        layout.addWidget(self.message)
        layout.addLayout(buttons)
        self._loading = False
        self.table.itemChanged.connect(self._rate_edited)
        # Who may not change the rates reads them: no editing, buttons disabled and saying why.
        self.editable = allowed(db.current_user, RENEWAL)
        if not self.editable:
            self.table.setEditTriggers(QTableWidget.NoEditTriggers)
            for button in (self.add_button, self.reset_button):
                button.setEnabled(False)
                button.setToolTip(f"Serve il permesso «{RENEWAL.label}».")
        self.reload()

    def reload(self) -> None:
        self._loading = True
        try:
            in_force = {rules.category_key(r.category): r for r in rates(self.db)}
            used = category_values(self.db)
            keys = list(in_force) + sorted(k for k in used if k not in in_force)
            self.table.setRowCount(len(keys))
            for row, key in enumerate(keys):
                rate = in_force.get(key)
                goods = used.get(key)
                name = rate.category if rate else goods.category
                cells = [name, f"{rate.percent.normalize():f}".replace(".", ",") if rate else "",
                         ("sì" if rate.is_default else "no – decisa dall'istituto") if rate
                         else rules.NO_RATE,
                         str(goods.count if goods else 0),
                         format_cents(goods.value if goods else 0),
                         format_cents(goods.current if goods else 0)]
                for col, text in enumerate(cells):
                    item = QTableWidgetItem(text)
                    if col != self.RATE:
                        item.setFlags(item.flags() & ~Qt.ItemIsEditable)
                    if col >= 3 or col == self.RATE:
                        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    item.setData(Qt.UserRole, name)
                    self.table.setItem(row, col, item)
            self.table.resizeColumnsToContents()
            regs = [r for r in register_values(self.db)
                    if r.code.partition(".")[0] != "inv-terzi"]
            self.total.setText(
                f"Patrimonio dell'istituto a oggi: valore di carico "
                f"{format_cents(sum(r.value for r in regs))}, valore attuale "
                f"{format_cents(sum(r.current for r in regs))}.")
        finally:
            self._loading = False

    def row_of(self, category: str) -> int | None:
        key = rules.category_key(category)
        for row in range(self.table.rowCount()):
            if rules.category_key(self.table.item(row, 0).text()) == key:
                return row
        return None

    def current_value_text(self, category: str) -> str:
        row = self.row_of(category)
        return self.table.item(row, 5).text() if row is not None else ""

    def _rate_edited(self, item: QTableWidgetItem) -> None:
        if self._loading or item.column() != self.RATE:
            return
        category = item.data(Qt.UserRole)
        text = item.text().strip()
        try:
            if not text:
                raise ValidationError({"rate": "Indicare l'aliquota (maggiore di 0 e al "
                                               "massimo 100 %)."})
            set_rate(self.db, category, text)
        except (ValidationError, DomainError) as exc:
            message = (next(iter(exc.errors.values())) if isinstance(exc, ValidationError)
                       else exc.message)
            self.message.setText(f"{category}: {message}")
            self.reload()
            return
        self.message.clear()
        self.changed = True
        self.reload()

    @report_errors
    def add_category(self) -> None:
        specs = [FieldSpec("category", "Categoria", required=True, max_length=80),
                 FieldSpec("percent", "Aliquota annua %", required=True, max_length=8,
                           placeholder="es. 12,5")]
        if FormDialog.ask(self, "Nuova aliquota", specs, on_submit=lambda v: set_rate(
                self.db, v["category"], v["percent"])) is not None:
            self.changed = True
            self.reload()

    @report_errors
    def reset_selected(self) -> None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            raise DomainError("Selezionare la categoria da ripristinare.")
        reset_rate(self.db, self.table.item(rows[0].row(), 0).text())
        self.changed = True
        self.reload()


@report_errors
def open_rates(tab) -> None:
    dialog = RatesDialog(tab, tab.db)
    exec_and_dispose(dialog)
    if dialog.changed:
        tab.events.data_changed.emit(tab.area)


# --- Current values ------------------------------------------------------------------------------
class ValuesDialog(ListDialog):
    title = "Valori attuali degli inventari"
    empty_text = "Nessun inventario con beni in carico alla data indicata."
    columns = (Column("register", "Inventario"), Column("count", "N. beni", align="right"),
               cents_column("value", "Valore di carico"),
               cents_column("current", "Valore attuale"),
               cents_column("amm", "Ammortamento"), Column("note", "Note"))
    default_size = (940, 380)
    wrap_rows = True   # one row per inventory: a long note wraps instead of being cut

    def build_header(self) -> QHBoxLayout:
        self.date_edit = DateEdit(self, field="Data di riferimento")
        self.date_edit.line_edit.returnPressed.connect(self.reload)
        refresh = QPushButton("A&ggiorna", self)
        refresh.setAutoDefault(False)   # Enter in the date already reloads
        refresh.clicked.connect(self.reload)
        top = QHBoxLayout()
        label = QLabel("&Valori al:", self)
        label.setBuddy(self.date_edit.line_edit)
        top.addWidget(label)
        top.addWidget(self.date_edit)
        top.addWidget(refresh)
        top.addStretch(1)
        return top

    def at(self) -> date:
        return self.date_edit.value()

    def load(self):
        return register_values(self.db, self.at())

    def key_of(self, r):
        return r.code

    def row_of(self, r) -> tuple:
        return (r.title, r.count, r.value, r.current, r.value - r.current,
                "; ".join(x for x in (r.note, f"{r.without_rate} beni di categoria senza "
                                               f"aliquota" if r.without_rate else "") if x))

    def actions(self) -> list[ListAction]:
        return [ListAction("print", "Stampa…", self.print_values)]

    @report_errors
    def reload(self, *args) -> None:
        self.refresh()

    @report_errors
    def print_values(self) -> None:
        self.last_job = print_report(self, self.db, "valori-inventario", data=self.at())


@report_errors
def open_values(tab) -> None:
    ValuesDialog.ask(tab, tab.db)


# --- Rinnovo ---------------------------------------------------------------------------------
def renewal_specs(db) -> list[FieldSpec]:
    return [FieldSpec("base", "Inventario da rinnovare", kind="choice", required=True,
                      choices=renewable_registers(db),
                      help="Ogni bene in consistenza riceve un nuovo numero, da 1, nel nuovo "
                           "inventario, al valore al netto dell'ammortamento; i vecchi numeri "
                           "restano nel vecchio registro, annotati"),
            FieldSpec("renewed_on", "Data del rinnovo", kind="date", required=True),
            FieldSpec("decree_number", "Decreto di nomina della commissione n.", required=True,
                      max_length=40),
            FieldSpec("decree_date", "Decreto del", kind="date", required=True),
            FieldSpec("commission", "Componenti della commissione", kind="multiline",
                      required=True, placeholder="es. Prof. Neri (presidente), Sig.ra Bruno, "
                                                 "Sig. Costa"),
            ]


@report_errors
def open_renewal(tab) -> None:
    def submit(values: dict):
        return renew(tab.db, values["base"], values["renewed_on"], values["decree_number"],
                     values["decree_date"], values["commission"])

    result = FormDialog.ask(tab, "Rinnovo dell'inventario", renewal_specs(tab.db),
                            {"renewed_on": date.today()}, on_submit=submit)
    if result is None:
        return
    tab.events.data_changed.emit(tab.area)
    if ask_print(tab, "Rinnovo registrato",
                   f"{result.count} beni riportati nel nuovo inventario dei "
                   f"{short_name(result.new_code)} "
                   f"con i numeri da 1 a {result.count}; valore precedente "
                   f"{format_money(result.old_total)}, nuovo valore (al netto "
                   f"dell'ammortamento) {format_money(result.new_total)}.\n"
                   "Stampare ora il raccordo vecchio numero → nuovo numero?"):
        tab.last_print_job = print_report(tab, tab.db, "rinnovo", registro=result.new_code)


@report_errors
def print_renewal(tab) -> None:
    done = renewals(tab.db)
    if not done:
        raise DomainError("Nessun rinnovo registrato.")
    spec = FieldSpec("registro", "Rinnovo", kind="choice", required=True, choices=done)
    values = FormDialog.ask(tab, "Stampa del rinnovo", [spec], {"registro": done[0][0]},
                            confirm_close=False)   # a print: nothing to lose
    if values is not None:
        tab.last_print_job = print_report(tab, tab.db, "rinnovo", registro=values["registro"])
