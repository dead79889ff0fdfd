"""The two steps of a richiesta di materiale after it is filed, each as a table of its lines.

Approva: the requested quantity of each line and an editable approved one (prefilled with
the requested: the DSGA only touches what is cut), or "Respingi" with the reason.
Prelievo: what is still to deliver on each approved line, what the chosen storeroom holds
and an editable quantity to hand over now, prefilled with the smaller of the two.

A bad quantity is refused here first with the row named ("Riga 2: …"), so nothing reaches
the service; whatever the service still refuses is shown where it belongs and nothing is
saved (the dialog stays open).
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain import warehouse as rules
from ...domain.errors import DomainError, ValidationError
from ...domain.text import lower_first
from ...queries import warehouse as q
from ...services.warehouse.movements import WithdrawalInput, withdraw
from ...services.warehouse.posting import ItemInput, MovementRef
from ...services.warehouse.requests import decide_request
from ..common.dialogs import ChangesGuard, add_save_keys, exec_and_dispose
from ..common.form import BANNER_KEY, FieldSpec, Form
from .line_grid import CellEdit

TABLE_FIELDS = ("lines", "quantity", "approved", "lot")    # service errors about the lines


def plain_quantity(milli: int) -> str:
    """12500 -> "12,5": what a clerk would type (no thousands dots, which parse as decimals)."""
    units, rest = divmod(int(milli), rules.MILLI)
    return f"{units}" + ("," + f"{rest:03d}".rstrip("0") if rest else "")


@dataclass(frozen=True)
class QtyLine:
    article_id: int
    code: str
    description: str
    unit: str
    shown: tuple[int, ...]      # read-only quantities (thousandths), one per extra column
    proposed: int               # prefilled in the editable column


class QuantityTable(QWidget):
    """Read-only article lines with one editable quantity column and a message under it."""

    def __init__(self, headers: tuple[str, ...], edit_header: str, parent=None):
        super().__init__(parent)
        self.headers = ("Codice", "Articolo", "U.M.") + headers + (edit_header,)
        self.col_edit = len(self.headers) - 1
        self.table = QTableWidget(0, len(self.headers), self)
        self.table.setObjectName("quantityTable")
        self.table.setHorizontalHeaderLabels(list(self.headers))
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionMode(QTableWidget.NoSelection)
        # Tab goes from quantity to quantity, then out of the table to the buttons.
        self.table.setTabKeyNavigation(False)
        self.table.verticalHeader().setDefaultSectionSize(30)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Stretch)
        header.setSectionResizeMode(self.col_edit, QHeaderView.Fixed)
        self.table.setColumnWidth(self.col_edit, 130)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.error_label)
        self.lines: list[QtyLine] = []
        self.edits: list[CellEdit] = []

    def set_lines(self, lines: list[QtyLine]) -> None:
        self.clear_error()
        self.lines, self.edits = list(lines), []
        self.table.setRowCount(len(lines))
        for r, ln in enumerate(lines):
            cells = [ln.code, ln.description, ln.unit] + [
                rules.format_quantity(v, with_unit=False) for v in ln.shown]
            for c, text in enumerate(cells):
                item = QTableWidgetItem(text)
                if c >= 2:
                    item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter if c > 2
                                          else Qt.AlignCenter)
                self.table.setItem(r, c, item)
            edit = CellEdit(self.table)
            edit.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            edit.setText(plain_quantity(ln.proposed))
            edit.entered.connect(lambda r=r: self._next(r))
            self.table.setCellWidget(r, self.col_edit, edit)
            self.edits.append(edit)

    def _next(self, r: int) -> None:
        """Enter goes down the column instead of pressing the dialog's button."""
        if r + 1 < len(self.edits):
            self.edits[r + 1].setFocus()
            self.edits[r + 1].selectAll()

    def read(self) -> list[tuple[int, QtyLine, int]]:
        """(row number from 1, line, typed thousandths) for every row; zero is allowed."""
        out = []
        for n, (ln, edit) in enumerate(zip(self.lines, self.edits), start=1):
            text = edit.text().strip() or "0"
            try:
                milli = rules.parse_quantity(text, ln.unit, label=ln.description,
                                             allow_zero=True)
            except ValidationError as exc:
                self.fail(n, lower_first(next(iter(exc.errors.values()))))
            out.append((n, ln, milli))
        self.clear_error()
        return out

    def fail(self, n: int | None, message: str):
        text = f"Riga {n}: {message}" if n else message
        self.show_error(text)
        if n:
            self.edits[n - 1].setFocus()
            self.edits[n - 1].selectAll()
        raise ValidationError({"lines": text})

    def show_error(self, message: str) -> None:
        self.error_label.setText(message)
        self.error_label.setVisible(True)

    def clear_error(self) -> None:
        self.error_label.clear()
        self.error_label.setVisible(False)

    def error_text(self) -> str:
        return self.error_label.text() if not self.error_label.isHidden() else ""


class _RequestLinesDialog(ChangesGuard, QDialog):
    """Header form above a QuantityTable; the request picked in the form fills the table.
    Ctrl+Enter runs the main button (``save_changes``), from any field or quantity."""

    lines_title = "Articoli"

    def __init__(self, parent, db, title: str, specs: list[FieldSpec], table: QuantityTable,
                 values: dict):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle(title)
        self.form = Form(specs, self)
        self.form.load(values)
        self.table = table
        self.heading = QLabel(f"<b>{self.lines_title}</b>", self)
        self.buttons = QDialogButtonBox(self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.buttons)
        self.setMinimumSize(860, 560)
        self.done_value = None
        self.form.editors["request_id"].currentIndexChanged.connect(
            lambda *_: self.on_request_changed())
        add_save_keys(self, lambda: self.save_changes())

    def edit_state(self) -> tuple:
        return self.form.state(), tuple(e.text() for e in self.table.edits)

    def add_button(self, text: str, role, slot) -> QPushButton:
        button = self.buttons.addButton(text, role)
        button.setAutoDefault(False)
        button.clicked.connect(slot)
        return button

    @property
    def request_id(self) -> int | None:
        w = self.form.editors["request_id"]
        return w._values[w.currentIndex()] if w.currentIndex() >= 0 else None

    def on_request_changed(self) -> None:
        self.reload()

    def reload(self) -> None:
        raise NotImplementedError

    def run(self, action) -> None:
        """Header values, then ``action(values)``; refusals shown, the dialog stays open."""
        self.table.clear_error()
        try:
            values = self.form.value()
        except ValidationError:
            return                      # the form shows its messages inline
        try:
            self.done_value = action(dict(values))
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except DomainError as exc:
            self.show_errors({exc.field or BANNER_KEY: exc.message})
            return
        self.accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        lines = [m for f, m in errors.items() if f in TABLE_FIELDS]
        rest = {f if f in self.form.editors else BANNER_KEY: m
                for f, m in errors.items() if f not in TABLE_FIELDS}
        if rest:
            self.form.show_errors(rest)
        else:
            self.form.clear_errors()
        if lines:
            self.table.show_error("\n".join(lines))

    def error_text(self) -> str:
        """Every message shown (table, banner, fields), for tests and screenshots."""
        parts = [self.table.error_text()]
        if not self.form.banner.isHidden():
            parts.append(self.form.banner.text())
        parts += [self.form.error_text(n) for n in self.form.editors]
        return "\n".join(p for p in parts if p)

    @classmethod
    def ask(cls, parent, db, *args):
        """What was done (see the subclass), or None if cancelled."""
        dialog = cls(parent, db, *args)
        dialog.mark_clean()
        exec_and_dispose(dialog)
        return dialog.done_value


def _request_choices(db, states) -> list[tuple[int, str]]:
    return [(r.id, f"n. {r.ref} del {r.requested_on:%d/%m/%Y} – {r.requester} "
                   f"({r.destination}) – {r.status}") for r in q.list_requests(db, states)]


class ApprovalDialog(_RequestLinesDialog):
    """Approva (with the quantities of the table) or Respingi (with the reason).
    ``ask`` returns "approvata" or "respinta"."""

    lines_title = "Quantità approvate (ridurre quelle da tagliare; 0 = non concesso)"

    def __init__(self, parent, db, choices: list[tuple[int, str]]):
        specs = [
            FieldSpec("request_id", "Richiesta", kind="choice", required=True, choices=choices),
            FieldSpec("decided_on", "Data della decisione", kind="date", required=True),
            FieldSpec("note", "Note o motivo del rifiuto", kind="multiline",
                      help="Obbligatorio per respingere la richiesta."),
        ]
        table = QuantityTable(("Richiesta",), "Approvata")
        super().__init__(parent, db, "Approvazione della richiesta di materiale", specs, table,
                         {"request_id": choices[-1][0] if choices else None,
                          "decided_on": date.today()})
        self.form.editors["note"].setMaximumHeight(60)
        self.approve_button = self.add_button("&Approva", QDialogButtonBox.AcceptRole,
                                              self.save_changes)
        self.refuse_button = self.add_button("&Respingi…", QDialogButtonBox.ActionRole,
                                             lambda: self.run(self._refuse))
        self.cancel_button = self.add_button("A&nnulla", QDialogButtonBox.RejectRole,
                                             self.discard)
        self.refuse_button.setToolTip("Respingere tutta la richiesta: indicare il motivo nelle "
                                      "note.")
        self.reload()

    def save_changes(self) -> None:
        self.run(self._approve)

    def reload(self) -> None:
        rid = self.request_id
        rows = q.request_lines(self.db, rid) if rid else []
        self.table.set_lines([QtyLine(r.article_id, r.code, r.description, r.unit,
                                      (r.requested,), r.requested) for r in rows])

    def _approve(self, v: dict) -> str:
        approved = {}
        for n, ln, milli in self.table.read():
            requested = ln.shown[0]
            if milli > requested:
                self.table.fail(n, f"per «{ln.description}» si possono approvare al massimo "
                                   f"{rules.format_quantity(requested, ln.unit)} (richiesti), "
                                   f"non {rules.format_quantity(milli, ln.unit)}.")
            approved[ln.article_id] = rules.to_units(milli)
        decide_request(self.db, request_id=v["request_id"], approve=True,
                           decided_on=v["decided_on"], approved=approved, note=v["note"])
        return "approvata"

    def _refuse(self, v: dict) -> str:
        if len(v["note"].strip()) < 5:
            raise ValidationError({"note": "Per respingere la richiesta indicare il motivo."})
        decide_request(self.db, request_id=v["request_id"], approve=False,
                           decided_on=v["decided_on"], note=v["note"])
        return "respinta"


class WithdrawalDialog(_RequestLinesDialog):
    """Buono di prelevamento on an approved request; ``ask`` returns the MovementRef."""

    lines_title = "Articoli da consegnare ora (0 = non consegnato in questo prelievo)"

    def __init__(self, parent, db, choices: list[tuple[int, str]],
                 stores: list[tuple[int, str]]):
        specs = [
            FieldSpec("request_id", "Richiesta approvata", kind="choice", required=True,
                      choices=choices),
            FieldSpec("storeroom_id", "Magazzino", kind="choice", required=True,
                      choices=stores),
            FieldSpec("entry_date", "Data", kind="date", required=True),
            FieldSpec("received_by", "Chi riceve", max_length=160),
            FieldSpec("handed_by", "Chi consegna", max_length=160),
        ]
        table = QuantityTable(("Approvata", "Già consegnata", "Da consegnare", "Disponibile"),
                              "Consegna ora")
        first = choices[0][0] if choices else None
        super().__init__(parent, db, "Prelievo (buono di prelevamento)", specs, table,
                         {"request_id": first, "entry_date": date.today(),
                          "storeroom_id": q.request_storeroom(db, first) if first else None})
        self.ok_button = self.add_button("&Registra", QDialogButtonBox.AcceptRole,
                                         self.save_changes)
        self.cancel_button = self.add_button("&Annulla", QDialogButtonBox.RejectRole,
                                             self.discard)
        self.form.editors["storeroom_id"].currentIndexChanged.connect(lambda *_: self.reload())
        self.reload()

    def save_changes(self) -> None:
        self.run(self._withdraw)

    def on_request_changed(self) -> None:
        """A request names its storeroom: propose it (this reloads the table too)."""
        rid = self.request_id
        store = q.request_storeroom(self.db, rid) if rid else None
        if store is not None and store != self.storeroom_id:
            self.form.load({"storeroom_id": store})
        self.reload()

    @property
    def storeroom_id(self) -> int | None:
        w = self.form.editors["storeroom_id"]
        return w._values[w.currentIndex()] if w.currentIndex() >= 0 else None

    def reload(self) -> None:
        rid, store = self.request_id, self.storeroom_id
        stock = q.stock_by_storeroom(self.db, store) if store else {}
        lines = []
        for r in q.request_lines(self.db, rid) if rid else []:
            approved = r.approved or 0
            due = approved - r.delivered
            if due > 0:
                have = max(stock.get(r.article_id, 0), 0)
                lines.append(QtyLine(r.article_id, r.code, r.description, r.unit,
                                     (approved, r.delivered, due, have), min(due, have)))
        self.table.set_lines(lines)

    def _withdraw(self, v: dict) -> MovementRef:
        store_name = self.form.editors["storeroom_id"].currentText()
        items = []
        for n, ln, milli in self.table.read():
            _appr, _done, due, have = ln.shown
            if milli > due:
                self.table.fail(n, f"per «{ln.description}» restano da consegnare "
                                   f"{rules.format_quantity(due, ln.unit)}, non "
                                   f"{rules.format_quantity(milli, ln.unit)}.")
            if milli > have:
                self.table.fail(n, lower_first(rules.shortage_message(
                    ln.description, store_name, have, milli, ln.unit)))
            if milli:
                items.append(ItemInput(ln.article_id, rules.to_units(milli)))
        if not items:
            self.table.fail(None, "Indicare almeno una quantità da consegnare.")
        return withdraw(self.db, WithdrawalInput(lines=items, **v))


def approval_choices(db) -> list[tuple[int, str]]:
    return _request_choices(db, ("presentata",))


def withdrawal_choices(db) -> list[tuple[int, str]]:
    return _request_choices(db, rules.OPEN_FOR_WITHDRAWAL)
