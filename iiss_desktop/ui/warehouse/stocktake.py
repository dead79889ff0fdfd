"""Inventario fisico of a storeroom: the USB reader types an article code and Enter (one piece
counted), or the clerk types "CODICE quantità"; the differences from the book stock are shown
before anything is posted."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMessageBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain import warehouse as rules
from ...domain.errors import DomainError
from ...queries.warehouse import article_by_code, list_storerooms, stock_at
from ...services.warehouse.movements import stocktake
from ..common.dialogs import ChangesGuard, add_save_keys, exec_and_dispose, show_domain_error
from ..common.widgets import DateEdit
from .line_grid import CellEdit


class StocktakeDialog(ChangesGuard, QDialog):
    """Closing it with counts not registered asks first (Salva = «Registra le differenze…»);
    Ctrl+Enter registers them."""

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Inventario fisico di magazzino")
        self.resize(860, 560)
        self.store_edit = QComboBox(self)
        for s in list_storerooms(db):
            if s.active:
                self.store_edit.addItem(f"{s.name} ({s.code})", s.id)
        # A count taken on an earlier day (31 December, recorded after the holidays) is
        # compared with the book stock of that day.
        self.date_edit = DateEdit(self, field="data dell'inventario")
        self.date_edit.set_value(date.today())
        # The reader ends every code with Enter: the field keeps it, so a reading never
        # presses "Registra le differenze…" (the dialog's default button).
        self.scan_edit = CellEdit(self)
        self.scan_edit.setPlaceholderText("Leggere il codice con il lettore (un pezzo) oppure "
                                          "digitare «CODICE quantità» e premere Invio")
        self.reason_edit = QLineEdit("Inventario fisico", self)
        self.message = QLabel(self)
        self.message.setObjectName("introLabel")
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Codice", "Articolo", "A registro", "Contati",
                                              "Differenza"])
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        form = QFormLayout()
        form.addRow("Magazzino:", self.store_edit)
        form.addRow("Data dell'inventario:", self.date_edit)
        form.addRow("Codice letto:", self.scan_edit)
        form.addRow("Motivo della rettifica:", self.reason_edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("&Registra le differenze…")
        self.buttons.button(QDialogButtonBox.Cancel).setText("&Chiudi")
        for button in self.buttons.buttons():
            button.setAutoDefault(False)
        self.buttons.accepted.connect(self.confirm)
        self.buttons.rejected.connect(self.reject)
        add_save_keys(self, self.confirm)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.message)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.counts: dict[str, int] = {}          # code -> counted thousandths
        self.info: dict[str, tuple] = {}          # code -> (article id, description, unit)
        self.book: dict[int, int] = {}
        self.posted = None
        self.store_edit.currentIndexChanged.connect(self._on_store_changed)
        self.date_edit.value_changed.connect(self._on_date_changed)
        self.scan_edit.entered.connect(self._on_scan_return)
        self._on_store_changed()
        self.scan_edit.setFocus()
        self.mark_clean()

    def edit_state(self) -> tuple:
        """The counts a close would lose (none once registered)."""
        return tuple(sorted(self.counts.items())) if self.posted is None else ()

    def save_changes(self) -> None:
        self.confirm()

    def _book_stock(self) -> dict[int, int]:
        store = self.store_edit.currentData()
        try:
            day = self.date_edit.value()
        except DomainError:        # a date being typed: compare with the last good one
            return self.book
        if not store or day is None:
            return {}
        return {row.article_id: row.quantity for row in stock_at(self.db, store, day)}

    def _on_store_changed(self, *args) -> None:
        self.book = self._book_stock()
        self.counts.clear()
        self._refresh()
        self.message.setText("Leggere gli articoli dello scaffale: si confrontano solo gli "
                             "articoli contati.")

    def _on_date_changed(self, *args) -> None:
        # The counts stay: only the book stock they are compared with changes.
        self.book = self._book_stock()
        self._refresh()

    def _on_scan_return(self) -> None:
        text = self.scan_edit.text()
        self.scan_edit.clear()
        if text.strip():
            self.scan(text)

    def scan(self, text: str) -> bool:
        """One reading: "CODE" adds one unit, "CODE quantità" sets the count."""
        parts = text.split(maxsplit=1)
        art = article_by_code(self.db, parts[0])
        if art is None:
            self.message.setText(f"Codice «{parts[0]}» sconosciuto: nessun articolo di "
                                 "magazzino ha questo codice. Non è stato contato.")
            return False
        self.info[art.code] = (art.id, art.description, art.unit)
        try:
            if len(parts) == 2:
                self.counts[art.code] = rules.parse_quantity(parts[1], art.unit,
                                                             label=art.description,
                                                             allow_zero=True)
            else:
                self.counts[art.code] = self.counts.get(art.code, 0) + rules.MILLI
        except DomainError as exc:
            self.message.setText(exc.message)
            return False
        self.message.setText(f"{art.code} – {art.description}: contati "
                             f"{rules.format_quantity(self.counts[art.code], art.unit)}.")
        self._refresh()
        return True

    def differences(self) -> list[tuple[str, str, int, int, str]]:
        out = []
        for code, counted in sorted(self.counts.items()):
            aid, text, unit = self.info[code]
            book = self.book.get(aid, 0)
            out.append((code, text, book, counted, unit))
        return out

    def _refresh(self) -> None:
        rows = self.differences()
        self.table.setRowCount(len(rows))
        for r, (code, text, book, counted, unit) in enumerate(rows):
            diff = counted - book
            cells = [code, text, rules.format_quantity(book, unit),
                     rules.format_quantity(counted, unit),
                     ("+" if diff > 0 else "") + rules.format_quantity(diff, unit) if diff else "="]
            for c, value in enumerate(cells):
                self.table.setItem(r, c, QTableWidgetItem(value))

    def confirm(self) -> None:
        changed = [r for r in self.differences() if r[2] != r[3]]
        if not changed:
            self.message.setText("Nessuna differenza da registrare.")
            return
        listing = "\n".join(f"{code}: da {rules.format_quantity(book, unit)} a "
                            f"{rules.format_quantity(counted, unit)}"
                            for code, _t, book, counted, unit in changed[:15])
        more = f"\n… e altri {len(changed) - 15}" if len(changed) > 15 else ""
        answer = QMessageBox.question(self, "Registrare le rettifiche?",
                                      f"Differenze rispetto al registro:\n{listing}{more}\n\n"
                                      "Registrare le rettifiche nel giornale di magazzino?")
        if answer == QMessageBox.Yes:
            self.post()

    def post(self):
        try:
            day = self.date_edit.value()
            if day is None:
                raise DomainError("Indicare la data dell'inventario.")
            self.posted = stocktake(
                self.db, storeroom_id=self.store_edit.currentData(), entry_date=day,
                counts={code: rules.to_units(n) for code, n in self.counts.items()},
                reason=self.reason_edit.text())
        except DomainError as exc:
            show_domain_error(self, exc)
            return None
        self.accept()
        return self.posted

    @classmethod
    def ask(cls, parent, db):
        dialog = cls(parent, db)
        exec_and_dispose(dialog)
        return dialog.posted
