"""The grids of the Piano delle attività window: the dotazione organica (profile and plesso,
posts, need), the assignments (person, kind of place, place, plesso, duties) and the front
desk's opening hours (weekday, from, to, for whom). A choice
column edits with a drop-down (F2, a key or a double click), the others as text; rows are
added and removed while the version is a draft, and read as set_staffing / set_assignments
take them. What cannot even be sent (a number of posts that is not a number, no person) is
refused here with the same words the service uses, naming the row and the field."""
from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QStyledItemDelegate,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ...domain.dates import WEEKDAYS_IT
from ...domain.errors import ValidationError
from ...domain.staff.plan import AUDIENCES, FRONT_DESK_DAYS, PLACES
from ...domain.staff.profiles import ATA_ROLES, ROLES
from ...domain.staff.times import format_time

VALUE = Qt.UserRole        # a choice cell keeps its code here, its label as the text


@dataclass(frozen=True)
class GridColumn:
    key: str
    header: str
    width: int = 0                          # 0: takes the room left
    choices: Sequence[tuple[object, str]] = field(default_factory=tuple)
    numeric: bool = False
    tooltip: str = ""
    short: dict = field(default_factory=dict)   # code -> the cell's text, when not the label


class ChoiceDelegate(QStyledItemDelegate):
    """A drop-down of (code, label) over a cell: the code in VALUE, the label (or the short
    text of the code) shown."""

    def __init__(self, column: GridColumn, parent=None):
        super().__init__(parent)
        self.choices = list(column.choices)
        self.short = column.short

    def createEditor(self, parent, option, index):  # noqa: N802 - Qt override
        combo = QComboBox(parent)
        for value, label in self.choices:
            combo.addItem(label, value)
        shown = index.data(VALUE)
        if shown is not None and combo.findData(shown) < 0:
            # a person no longer in service, a plesso closed: kept unless changed
            combo.insertItem(0, index.data(Qt.ToolTipRole) or index.data(), shown)
        combo.activated.connect(lambda _i, c=combo: self._done(c))
        return combo

    def _done(self, combo) -> None:
        self.commitData.emit(combo)
        self.closeEditor.emit(combo)

    def setEditorData(self, editor, index):  # noqa: N802 - Qt override
        found = editor.findData(index.data(VALUE))
        editor.setCurrentIndex(max(found, 0))

    def setModelData(self, editor, model, index):  # noqa: N802 - Qt override
        value = editor.currentData()
        model.setData(index, value, VALUE)
        model.setData(index, self.short.get(value, editor.currentText()), Qt.DisplayRole)
        model.setData(index, editor.currentText(), Qt.ToolTipRole)


class PlanGrid(QWidget):
    """An editable grid of plain rows (dicts by column key) with «Aggiungi riga» and «Togli
    riga»; ``set_editable(False)`` for an adopted version."""

    changed = Signal()
    what = ""                 # "Dotazione organica": how a refusal names the grid
    add_tip = ""

    def __init__(self, columns: Sequence[GridColumn], parent: QWidget | None = None):
        super().__init__(parent)
        self.columns = list(columns)
        self.keys = [c.key for c in self.columns]
        self.labels: dict[str, dict] = {c.key: dict(c.choices) for c in self.columns
                                        if c.choices}
        self.table = QTableWidget(0, len(self.columns), self)
        self.table.setHorizontalHeaderLabels([c.header for c in self.columns])
        self.table.setAccessibleName(self.what)
        self.table.setSelectionBehavior(QAbstractItemView.SelectItems)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        header = self.table.horizontalHeader()
        for n, column in enumerate(self.columns):
            if column.choices:
                self.table.setItemDelegateForColumn(n, ChoiceDelegate(column, self.table))
            if column.width:
                header.setSectionResizeMode(n, QHeaderView.Interactive)
                self.table.setColumnWidth(n, column.width)
            else:
                header.setSectionResizeMode(n, QHeaderView.Stretch)
            if column.tooltip:
                self.table.horizontalHeaderItem(n).setToolTip(column.tooltip)
        self.table.itemChanged.connect(lambda _item: self.changed.emit())
        self.add_button = QPushButton("Aggiungi riga", self)
        self.add_button.setToolTip(self.add_tip or "Una riga in fondo (Ctrl+Ins)")
        self.remove_button = QPushButton("Togli riga", self)
        self.remove_button.setToolTip("Toglie la riga selezionata (Ctrl+Canc)")
        for button in (self.add_button, self.remove_button):
            button.setAutoDefault(False)
        self.add_button.clicked.connect(lambda: self.add_row(focus=True))
        self.remove_button.clicked.connect(self.remove_current_row)
        self.note = QLabel(self)
        self.note.setObjectName("gridNote")
        buttons = QHBoxLayout()
        buttons.addWidget(self.add_button)
        buttons.addWidget(self.remove_button)
        buttons.addStretch(1)
        buttons.addWidget(self.note)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.editable = True

    # --- rows ------------------------------------------------------------------------
    def _item(self, column: GridColumn, value) -> QTableWidgetItem:
        item = QTableWidgetItem()
        if column.choices:
            label = self.labels[column.key].get(value, "" if value is None else str(value))
            item.setData(VALUE, value)
            item.setText(column.short.get(value, label))
            item.setToolTip(label)
        else:
            item.setText("" if value is None else str(value))
        if column.numeric:
            item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        return item

    def set_rows(self, rows: Sequence[dict], extra_labels: dict | None = None) -> None:
        """The rows shown (dicts by column key); ``extra_labels``: {key: {code: label}} for
        codes the choices do not list (a person no longer in service, a plesso closed)."""
        for key, more in (extra_labels or {}).items():
            for code, label in more.items():
                self.labels[key].setdefault(code, label)
        self.table.blockSignals(True)
        self.table.setRowCount(0)
        for row in rows:
            self._append(row)
        self.table.blockSignals(False)
        self.changed.emit()

    def _append(self, row: dict) -> int:
        r = self.table.rowCount()
        self.table.insertRow(r)
        for n, column in enumerate(self.columns):
            self.table.setItem(r, n, self._item(column, row.get(column.key)))
        return r

    def new_row(self) -> dict:
        """The values of a row just added (subclasses: sensible defaults)."""
        return {}

    def add_row(self, focus: bool = False) -> int:
        if not self.editable:
            return -1
        self.table.blockSignals(True)
        r = self._append(self.new_row())
        self.table.blockSignals(False)
        self.changed.emit()
        if focus:
            self.table.setFocus()
            self.table.setCurrentCell(r, 0)
        return r

    def remove_current_row(self) -> None:
        r = self.table.currentRow()
        if not self.editable or r < 0:
            return
        self.table.removeRow(r)
        self.changed.emit()
        if self.table.rowCount():
            self.table.setCurrentCell(min(r, self.table.rowCount() - 1),
                                      max(self.table.currentColumn(), 0))

    def raw_rows(self) -> list[dict]:
        """What the cells hold: codes for the choices, the text typed for the others."""
        out = []
        for r in range(self.table.rowCount()):
            row = {}
            for n, column in enumerate(self.columns):
                item = self.table.item(r, n)
                row[column.key] = (None if item is None else item.data(VALUE)
                                   if column.choices else item.text())
            out.append(row)
        return out

    def state(self) -> tuple:
        return tuple(tuple(row.values()) for row in self.raw_rows())

    def set_editable(self, editable: bool) -> None:
        self.editable = editable
        self.table.setEditTriggers(
            QAbstractItemView.DoubleClicked | QAbstractItemView.EditKeyPressed
            | QAbstractItemView.AnyKeyPressed | QAbstractItemView.SelectedClicked
            if editable else QAbstractItemView.NoEditTriggers)
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable)

    def select(self, row: int, key: str | None = None) -> None:
        if 0 <= row < self.table.rowCount():
            column = self.keys.index(key) if key in self.keys else 0
            self.table.setCurrentCell(row, column)
            self.table.scrollToItem(self.table.item(row, column))
            self.table.setFocus()


class StaffingGrid(PlanGrid):
    what = "Dotazione organica"
    add_tip = "Un profilo in un plesso, in fondo (Ctrl+Ins)"

    def __init__(self, sites: Sequence[tuple[str, str]], parent: QWidget | None = None):
        self.sites = list(sites)
        super().__init__([
            GridColumn("profile", "Profilo", 300, [(r, ROLES[r]) for r in ATA_ROLES]),
            GridColumn("site_code", "Plesso", 280, self.sites),
            GridColumn("posts", "Posti", 70, numeric=True,
                       tooltip="Numero dei posti del profilo nel plesso (da 1 a 999)"),
            GridColumn("need_note", "Fabbisogno e note",
                       tooltip="Il fabbisogno che i posti coprono, ciò che manca"),
        ], parent)
        self.changed.connect(self._total)

    def new_row(self) -> dict:
        return {"profile": "CS", "site_code": self.sites[0][0] if self.sites else None}

    def _total(self) -> None:
        posts = [row["posts"].strip() for row in self.raw_rows()]
        total = sum(int(p) for p in posts if p.isdigit())
        self.note.setText(f"<b>Totale posti: {total}</b>")

    def values(self) -> list[dict]:
        """The rows for set_staffing; a number of posts that is not a whole number is
        refused naming the row (the service checks the rest, with the same words)."""
        out = []
        for n, row in enumerate(self.raw_rows(), 1):
            text = row["posts"].strip()
            digits = text[1:] if text.startswith("-") else text
            if not digits.isdigit():
                raise ValidationError({"posts": (
                    f"Dotazione organica, riga {n}: il campo «Posti» richiede un numero intero "
                    "da 1 a 999" + (f" (scritto «{text}»)." if text else ": non indicato."))})
            out.append({**row, "posts": int(text), "need_note": row["need_note"].strip()})
        return out


class AssignmentGrid(PlanGrid):
    what = "Assegnazioni"
    add_tip = "Una persona assegnata a un luogo, in fondo (Ctrl+Ins)"

    def __init__(self, people: Sequence[tuple[int, str, str]],
                 sites: Sequence[tuple[str, str]],
                 parent: QWidget | None = None):
        self.sites = list(sites)
        super().__init__([
            GridColumn("employee_id", "Dipendente", 210,
                       [(i, f"{name} ({profile.lower()})") for i, name, profile in people],
                       short={i: name for i, name, _profile in people}),
            GridColumn("place_kind", "Assegnazione", 130, list(PLACES.items())),
            GridColumn("place", "Luogo", 230,
                       tooltip="Ufficio, laboratorio, piano o reparto (es. «Primo piano»)"),
            GridColumn("site_code", "Plesso", 80,
                       [(code, f"{code} – {name}") for code, name in self.sites],
                       short={code: code for code, _name in self.sites},
                       tooltip="Il codice del plesso (il nome nel suggerimento della cella)"),
            GridColumn("duties", "Compiti"),
        ], parent)
        self.changed.connect(self._count)

    def new_row(self) -> dict:
        return {"place_kind": "piano",
                "site_code": self.sites[0][0] if self.sites else None}

    def values(self) -> list[dict]:
        out = []
        for n, row in enumerate(self.raw_rows(), 1):
            if row["employee_id"] is None:
                raise ValidationError({"employee_id": (
                    f"Assegnazioni, riga {n}: il campo «Dipendente» è obbligatorio.")})
            out.append({**row, "place": row["place"].strip(), "duties": row["duties"].strip()})
        return out

    def _count(self) -> None:
        n = self.table.rowCount()
        self.note.setText(f"<b>{n} persone assegnate</b>" if n != 1
                          else "<b>1 persona assegnata</b>")


class FrontDeskGrid(PlanGrid):
    """The front desk's openings in the week: appointments of visitors are booked within
    the public ones of the version in force (the Ufficio tab)."""

    what = "Orario dello sportello"
    add_tip = "Un'apertura dello sportello in un giorno, in fondo (Ctrl+Ins)"

    def __init__(self, parent: QWidget | None = None):
        super().__init__([
            GridColumn("weekday", "Giorno", 130,
                       [(d, WEEKDAYS_IT[d]) for d in FRONT_DESK_DAYS]),
            GridColumn("start", "Dalle", 80, tooltip="Ora di apertura, hh:mm"),
            GridColumn("end", "Alle", 80, tooltip="Ora di chiusura, hh:mm"),
            GridColumn("audience", "Apertura per", 190, list(AUDIENCES.items()),
                       tooltip="Gli appuntamenti dei visitatori si prendono nelle aperture "
                               "al pubblico"),
            GridColumn("note", "Note", tooltip="Es. «solo segreteria didattica»"),
        ], parent)
        self.changed.connect(self._summary)

    def new_row(self) -> dict:
        return {"weekday": 0, "start": "08:30", "end": "12:30", "audience": "pubblico"}

    def set_hours(self, rows) -> None:
        """``rows``: queries.staff_plan.FrontDeskRow."""
        self.set_rows([{"weekday": r.weekday, "start": format_time(r.start),
                        "end": format_time(r.end), "audience": r.audience, "note": r.note}
                       for r in rows])

    def values(self) -> list[dict]:
        """The rows for set_front_desk (the service checks the hours, naming the row)."""
        return [{**row, "start": row["start"].strip(), "end": row["end"].strip(),
                 "note": row["note"].strip()} for row in self.raw_rows()]

    def _summary(self) -> None:
        public = sum(1 for row in self.raw_rows() if row["audience"] == "pubblico")
        self.note.setText(f"<b>{public} aperture al pubblico</b>" if public != 1
                          else "<b>1 apertura al pubblico</b>")
