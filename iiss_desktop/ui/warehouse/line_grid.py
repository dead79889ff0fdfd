"""The article lines of a movement as a grid: one row per article with code (the picker of
ui/common/picker.py: code, words of the description, recently used first), quantity and,
where the movement needs them, value, lot and expiry.

A USB barcode reader types the code and Enter: the row of the code field being typed in gets
the article and the cursor moves to its quantity; Enter there goes on to the next field or to
the next row (added when needed), so the clerk can scan, type, scan, type; Enter on the empty
code of a new last row leaves the grid. Tab goes cell to cell and, after the last cell, on to
the dialog's next field (Shift+Tab before the first cell: the previous one), as in any form.
Rows are checked here first, so a message names the row ("Riga 2: …") before the service sees
anything.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import warehouse as rules
from ...domain.dates import parse_date
from ...domain.errors import ValidationError
from ...domain.text import lower_first
from ...queries.warehouse import ArticleRow
from ...services.warehouse.posting import ItemInput
from ..common.picker import Choice, Picker
from ..common.widgets import MoneyEdit

SEPARATOR = " – "


def article_label(a: ArticleRow) -> str:
    return f"{a.code}{SEPARATOR}{a.description} ({a.unit})"


def _enter_moves_on(widget, event) -> bool:
    """Enter moves on inside the grid instead of pressing the dialog's OK button."""
    if event.key() in (Qt.Key_Return, Qt.Key_Enter):
        event.accept()
        widget.entered.emit()
        return True
    return False


class CellEdit(QLineEdit):
    entered = Signal()

    def keyPressEvent(self, event) -> None:   # noqa: N802 - Qt override
        if not _enter_moves_on(self, event):
            super().keyPressEvent(event)


class CodeCell(Picker):
    """The article of a row: a scanned code, or words of the description picked from the
    list. Enter always moves on (the grid resolves the code): a reader's Enter after an
    unknown code must not pick whatever article contains those digits."""

    entered = Signal()

    def __init__(self, choices: list[Choice], parent: QWidget | None = None):
        super().__init__("article", choices, parent, placeholder="codice o descrizione",
                         show_code=True, enter_takes_first=False)

    def keyPressEvent(self, event) -> None:   # noqa: N802 - Qt override
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            # The line chosen with the arrows, else the exact code or the one article named.
            if not self.pick_highlighted():
                self._enter()
            event.accept()
            self.entered.emit()
            return
        super().keyPressEvent(event)


class MoneyCell(MoneyEdit):
    entered = Signal()

    def keyPressEvent(self, event) -> None:   # noqa: N802 - Qt override
        if not _enter_moves_on(self, event):
            super().keyPressEvent(event)


@dataclass
class _Row:
    code: CodeCell
    quantity: CellEdit
    value: MoneyCell | None
    lot: CellEdit | None
    expiry: CellEdit | None
    article: ArticleRow | None = None


@dataclass(frozen=True)
class GridOptions:
    with_value: bool = False       # carico: total value of the line, IVA included
    with_lot: bool = False         # lot code (carico, DPI)
    with_expiry: bool = False      # expiry of a new lot (carico)
    lot_optional: bool = False     # DPI: no lot = the lots expiring first
    unknown: str = "nessun articolo di magazzino ha questo codice"


class LineGrid(QWidget):
    """Editable article lines; ``items()`` gives ItemInput per row or raises ValidationError
    with field "lines" and a message naming the row."""

    COL_CODE, COL_TEXT, COL_QTY = 0, 1, 2

    def __init__(self, articles: list[ArticleRow], options: GridOptions = GridOptions(),
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.options = options
        self.by_code = {a.code.upper(): a for a in articles}
        self.choices = [Choice(a.id, a.description, a.unit, code=a.code, text=article_label(a))
                        for a in articles]
        headers = ["Codice", "Articolo", "Quantità"]
        if options.with_value:
            headers.append("Valore € (IVA incl.)")
        if options.with_lot:
            headers.append("Lotto")
        if options.with_expiry:
            headers.append("Scadenza")
        self.col_value = headers.index("Valore € (IVA incl.)") if options.with_value else -1
        self.col_lot = headers.index("Lotto") if options.with_lot else -1
        self.col_expiry = headers.index("Scadenza") if options.with_expiry else -1
        self.table = QTableWidget(0, len(headers), self)
        self.table.setObjectName("lineGrid")
        self.table.setHorizontalHeaderLabels(headers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.setTabKeyNavigation(False)   # Tab between the cells' editors: ours below
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.Interactive)
        header.setSectionResizeMode(self.COL_TEXT, QHeaderView.Stretch)
        widths = {self.COL_CODE: 150, self.COL_QTY: 90, self.col_value: 140,
                  self.col_lot: 110, self.col_expiry: 100}
        for col, width in widths.items():
            if col >= 0:
                self.table.setColumnWidth(col, width)
        self.add_button = QPushButton("Aggiungi riga", self)
        self.remove_button = QPushButton("Togli riga", self)
        for b in (self.add_button, self.remove_button):
            b.setAutoDefault(False)
            b.setFocusPolicy(Qt.NoFocus)    # "Togli riga" removes the row being edited
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.remove_button.clicked.connect(self.remove_current_row)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        hint = QLabel("Codice letto con il lettore di codici a barre (o digitato: si propongono "
                      "gli articoli), poi Invio e la quantità.", self)
        hint.setObjectName("introLabel")
        hint.setWordWrap(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(hint)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.rows: list[_Row] = []
        self.add_row()

    # --- rows ---------------------------------------------------------------------------
    def add_row(self, focus: bool = False) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        code = CodeCell(self.choices, self.table)
        code.setObjectName("codeEdit")
        code.picked.connect(lambda _value, e=code: self._resolve(e))
        quantity = CellEdit(self.table)
        quantity.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        value = MoneyCell(self.table, field="valore") if self.options.with_value else None
        lot = CellEdit(self.table) if self.options.with_lot else None
        expiry = CellEdit(self.table) if self.options.with_expiry else None
        row = _Row(code, quantity, value, lot, expiry)
        self.rows.append(row)
        text = QTableWidgetItem("")
        text.setFlags(Qt.ItemIsEnabled | Qt.ItemIsSelectable)
        self.table.setItem(r, self.COL_TEXT, text)
        self.table.setCellWidget(r, self.COL_CODE, code)
        self.table.setCellWidget(r, self.COL_QTY, quantity)
        for col, w in ((self.col_value, value), (self.col_lot, lot),
                       (self.col_expiry, expiry)):
            if w is not None:
                self.table.setCellWidget(r, col, w)
        code.entered.connect(lambda e=code: self._on_code_entered(e))
        code.editingFinished.connect(lambda e=code: self._resolve(e, quiet=True))
        for w in (quantity, value, lot, expiry):
            if w is not None:
                w.entered.connect(lambda e=w: self._advance(e))
        self._set_lot_enabled(row)
        if focus:
            code.setFocus()
        return r

    def remove_current_row(self) -> None:
        r = self._focused_row()
        if r is None:
            r = self.table.currentRow() if self.table.currentRow() >= 0 else len(self.rows) - 1
        if r < 0:
            return
        self.table.removeRow(r)
        del self.rows[r]
        if not self.rows:
            self.add_row()
        self.clear_error()

    def set_lines(self, lines: list[tuple[str, str]]) -> None:
        """Preset rows of (code, quantity): the selected article, the rest of a request."""
        for i, (code, qty) in enumerate(lines):
            if i >= len(self.rows):
                self.add_row()
            row = self.rows[i]
            row.code.setText(code)
            self._resolve(row.code, quiet=True)
            row.quantity.setText(qty)

    def _index(self, editor: QWidget) -> int | None:
        for i, row in enumerate(self.rows):
            if editor in (row.code, row.quantity, row.value, row.lot, row.expiry):
                return i
        return None

    def _focused_row(self) -> int | None:
        w = self.focusWidget() or self.table.focusWidget()
        return self._index(w) if w is not None else None

    # --- typing and scanning -------------------------------------------------------------
    def _resolve(self, editor: CodeCell, quiet: bool = False) -> ArticleRow | None:
        """The article of a code field: an exact code (as scanned) or a proposal picked."""
        i = self._index(editor)
        if i is None:
            return None
        row = self.rows[i]
        text = editor.text().strip()
        code = text.split(SEPARATOR)[0].strip().upper()
        art = self.by_code.get(code) if code else None
        if art is not None and editor.text() != art.code:
            editor.setText(art.code)
        row.article = art
        self.table.item(i, self.COL_TEXT).setText(
            f"{art.description} ({rules.unit_of(art.unit).plural})" if art else "")
        self._set_lot_enabled(row)
        if art is None and code and not quiet:
            self.show_error(f"Riga {i + 1}: codice «{text}» sconosciuto: {self.options.unknown}.")
        elif art is not None:
            self.clear_error()
        return art

    def _on_code_entered(self, editor: CodeCell) -> None:
        i = self._index(editor)
        if not editor.text().strip() and i == len(self.rows) - 1 and i > 0:
            self.leave(forward=True)   # a new empty row: the lines are done
            return
        if self._resolve(editor) is not None:
            self.rows[i].quantity.setFocus()
            self.rows[i].quantity.selectAll()
        else:
            editor.selectAll()

    def _advance(self, editor: QWidget) -> None:
        """Enter in a field: the next enabled field of the row, else the next row's code."""
        i = self._index(editor)
        row = self.rows[i]
        chain = [w for w in (row.quantity, row.value, row.lot, row.expiry)
                 if w is not None and w.isEnabled()]
        k = chain.index(editor) if editor in chain else len(chain) - 1
        if k + 1 < len(chain):
            chain[k + 1].setFocus()
            return
        if i + 1 == len(self.rows):
            self.add_row()
        self.rows[i + 1].code.setFocus()

    def _set_lot_enabled(self, row: _Row) -> None:
        lots = row.article is not None and row.article.tracks_lots
        for w in (row.lot, row.expiry):
            if w is not None:
                w.setEnabled(lots)
                if not lots:
                    w.clear()
        if row.lot is not None:
            row.lot.setPlaceholderText("automatico" if lots and self.options.lot_optional
                                       else "")
        if row.expiry is not None:
            row.expiry.setPlaceholderText("gg/mm/aaaa" if lots else "")

    # --- Tab: cell to cell, then out of the grid ---------------------------------------------
    def editors(self) -> list[QWidget]:
        """The cells Tab visits, row by row (a disabled lot cell is skipped)."""
        out = []
        for row in self.rows:
            out += [w for w in (row.code, row.quantity, row.value, row.lot, row.expiry)
                    if w is not None and w.isEnabled()]
        return out

    def focusNextPrevChild(self, next: bool) -> bool:   # noqa: N802, A002 - Qt override
        cells = self.editors()
        here = QApplication.focusWidget()
        if here not in cells:
            return super().focusNextPrevChild(next)
        k = cells.index(here) + (1 if next else -1)
        if 0 <= k < len(cells):
            cells[k].setFocus(Qt.TabFocusReason if next else Qt.BacktabFocusReason)
            return True
        return self.leave(forward=next)

    def leave(self, forward: bool = True) -> bool:
        """Focus to the dialog's widget after the grid (or before it)."""
        # From the grid itself, which sits in the dialog's chain where it was built (the rows
        # added later may sit anywhere: they are skipped as the grid's own).
        w = self
        for _ in range(1000):   # the chain is a ring: bounded in case nothing takes focus
            w = w.nextInFocusChain() if forward else w.previousInFocusChain()
            if w is None or w is self:
                break
            if (w is not self and not self.isAncestorOf(w) and w.isEnabled()
                    and w.isVisibleTo(self.window()) and w.focusPolicy() & Qt.TabFocus
                    and w.focusProxy() is None):
                w.setFocus(Qt.TabFocusReason if forward else Qt.BacktabFocusReason)
                return True
        return False

    # --- reading -------------------------------------------------------------------------
    def _drop_blank_rows(self) -> None:
        """Empty rows in between go, so the row numbers of the messages are the ones seen."""
        for i in reversed(range(len(self.rows))):
            row = self.rows[i]
            texts = [w.text().strip() for w in (row.code, row.quantity, row.value, row.lot,
                                                row.expiry) if w is not None]
            if not any(texts) and len(self.rows) > 1:
                self.table.removeRow(i)
                del self.rows[i]

    def items(self) -> list[ItemInput]:
        self._drop_blank_rows()
        out = []
        for i, row in enumerate(self.rows, start=1):
            out.append(self._item(i, row))
        if not out or (len(out) == 1 and not self.rows[0].code.text().strip()):
            self._fail(None, "Indicare almeno un articolo (codice e quantità).")
        self.clear_error()
        return out

    def _item(self, n: int, row: _Row) -> ItemInput:
        if not row.code.text().strip():
            if len(self.rows) == 1:
                self._fail(row.code, "Indicare almeno un articolo (codice e quantità).")
            self._fail(row.code, f"Riga {n}: indicare l'articolo.")
        art = self._resolve(row.code, quiet=True)
        if art is None:
            self._fail(row.code, f"Riga {n}: codice «{row.code.text().strip()}» sconosciuto: "
                                 f"{self.options.unknown}.")
        qty_text = row.quantity.text().strip()
        if not qty_text:
            self._fail(row.quantity, f"Riga {n}: indicare la quantità di "
                                     f"«{art.description}».")
        try:
            rules.parse_quantity(qty_text, art.unit, label=art.description)
        except ValidationError as exc:
            self._fail(row.quantity, _on_row(n, exc))
        value = None
        if row.value is not None:
            if not row.value.text().strip():
                self._fail(row.value, f"Riga {n}: indicare il valore complessivo di "
                                      f"«{art.description}» (IVA inclusa; 0 se gratuito).")
            try:
                value = row.value.value()
            except ValidationError as exc:
                self._fail(row.value, _on_row(n, exc))
        lot = row.lot.text().strip().upper() if row.lot is not None else ""
        if (art.tracks_lots and row.lot is not None and not lot
                and not self.options.lot_optional):
            self._fail(row.lot, f"Riga {n}: «{art.description}» è gestito a lotti: indicare "
                                "il lotto.")
        expiry = None
        if row.expiry is not None and row.expiry.text().strip():
            try:
                expiry = parse_date(row.expiry.text(), "scadenza")
            except ValidationError as exc:
                self._fail(row.expiry, _on_row(n, exc))
        return ItemInput(art.id, qty_text, value, lot, expiry)

    # --- messages ------------------------------------------------------------------------
    def _fail(self, editor: QWidget | None, message: str):
        self.show_error(message)
        if editor is not None:
            editor.setFocus()
        raise ValidationError({"lines": message})

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setVisible(False)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""


def _on_row(n: int, exc: ValidationError) -> str:
    message = exc.message if not exc.errors else next(iter(exc.errors.values()))
    return f"Riga {n}: {lower_first(message)}"
