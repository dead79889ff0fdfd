"""A bar of filters over a big grid: by register, plesso, room, state, custodian, period…,
combined with the search box and remembered per tab.

The rows are filtered in the model (RowTableModel.set_value_filters: list comprehensions on
the raw tuples), never by a QSortFilterProxyModel, which takes seconds on 100,000 rows; a
period the grid's rows cannot answer (the articles moved in it) is asked to a query, which
gives the ids. The choices of each filter are the values present in the rows loaded.
"""
from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from PySide6.QtWidgets import QComboBox, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ...domain.dates import format_date
from ...domain.errors import ValidationError
from .picker import Choice, Picker
from .settings import app_settings
from .widgets import DateEdit


@dataclass(frozen=True)
class FilterSpec:
    key: str                           # remembered under this name
    label: str                         # Italian, as the bar shows it
    columns: tuple[str, ...] = ()      # grid columns whose values are chosen together
    all_text: str = "Tutti"            # the entry that filters nothing
    period: bool = False               # a date range: "<label> dal … al …"
    # A period the rows cannot answer, asked to a query: (tab, start, end) -> row ids.
    ids_between: Callable[[Any, date | None, date | None], set] | None = None
    searchable: bool = False           # a picker instead of a drop-down (long lists)
    text: Callable[[tuple], str] | None = None   # how a choice reads
    keep_order: bool = False           # choices in the rows' order (registers), not sorted
    within: str = ""                   # the filter whose choice narrows these (plesso: rooms)


def _text(spec: FilterSpec, value: tuple) -> str:
    return spec.text(value) if spec.text else " – ".join(str(v) for v in value)


class FilterBar(QWidget):
    """The filters of ``tab`` (a TableTab): applied to ``tab.model`` at every change."""

    # A long plesso must not widen the bar past a 1280-pixel screen: the closed box shows
    # the first characters (the whole text in the open list and in the tooltip).
    COMBO_CHARS = 5

    def __init__(self, tab, specs, parent: QWidget | None = None):
        super().__init__(parent or tab)
        self.setObjectName("filterBar")
        self.tab, self.model, self.specs = tab, tab.model, list(specs)
        self.settings_key = f"filtri/{type(tab).__name__}"
        self._at = {c.key: i for i, c in enumerate(tab.columns)}
        self.editors: dict[str, Any] = {}
        self._loading = False
        self._found: dict[str, list[tuple]] = {}   # every choice of a filter, before narrowing
        row = QHBoxLayout()
        row.setContentsMargins(0, 0, 0, 0)
        row.setSpacing(4)
        for spec in self.specs:
            if spec.period:
                start = DateEdit(self, field=f"{spec.label} dal", nullable=True)
                end = DateEdit(self, field=f"{spec.label} al", nullable=True)
                for w in (start, end):
                    w.clear()
                    w.line_edit.editingFinished.connect(self.apply)
                    w.value_changed.connect(lambda *_: self.apply())
                    w.setMinimumWidth(w.fontMetrics().horizontalAdvance("00/00/0000") + 32)
                    w.setMaximumWidth(130)
                row.addWidget(QLabel(f"{spec.label} dal", self))
                row.addWidget(start)
                row.addWidget(QLabel("al", self))
                row.addWidget(end)
                self.editors[spec.key] = (start, end)
                continue
            if spec.searchable:
                w = Picker(f"filtro_{spec.key}", (), self, placeholder=spec.all_text)
                w.picked.connect(lambda *_: self.apply())
                w.textChanged.connect(lambda text: None if text else self.apply())
                w.setMinimumWidth(80)
            else:
                w = QComboBox(self)
                w.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(self.COMBO_CHARS)
                w.currentIndexChanged.connect(lambda *_: self.apply())
                w.currentTextChanged.connect(w.setToolTip)
            w.setObjectName(f"filter_{spec.key}")
            row.addWidget(QLabel(spec.label, self))
            row.addWidget(w, 1)
            self.editors[spec.key] = w
        self.reset_button = QPushButton("Azzera filtri", self)
        self.reset_button.setAutoDefault(False)
        self.reset_button.clicked.connect(self.reset)
        row.addWidget(self.reset_button)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.error_label.setVisible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(row)
        layout.addWidget(self.error_label)
        self._restored = False
        self._settings = None
        self.model.rows_loaded.connect(self.rows_loaded)

    # --- choices ---------------------------------------------------------------------------
    def rows_loaded(self) -> None:
        """New rows: the choices are the values in them; what was chosen stays chosen."""
        current = self.values() if self._restored else self._saved()
        self._loading = True
        try:
            for spec in self.specs:
                if spec.period:
                    continue
                columns = [self._at[c] for c in spec.columns]
                found = [v for v in self.model.distinct(columns)
                         if all(x not in (None, "") for x in v)]
                if not spec.keep_order:
                    found.sort(key=lambda v: _text(spec, v).casefold())
                self._found[spec.key] = found
                w = self.editors[spec.key]
                if spec.searchable:
                    w.set_choices([Choice(v, _text(spec, v)) for v in found])
                    w.set_value(current.get(spec.key))
                else:
                    w.clear()
                    w.addItem(spec.all_text)
                    for v in found:
                        w.addItem(_text(spec, v))
                    w._values = [None, *found]   # plain Python: no QVariant conversion
                    w.view().setMinimumWidth(max((w.fontMetrics().horizontalAdvance(
                        _text(spec, v)) for v in found), default=0) + 40)
                    chosen = current.get(spec.key)
                    w.setCurrentIndex(w._values.index(chosen) if chosen in w._values else 0)
            if not self._restored:
                for spec in self.specs:
                    if spec.period and spec.key in current:
                        for w, day in zip(self.editors[spec.key], current[spec.key]):
                            if day is None:
                                w.clear()
                            else:
                                w.set_value(day)
        finally:
            self._loading = False
        self._restored = True
        self.apply()

    # --- values ----------------------------------------------------------------------------
    def values(self) -> dict[str, Any]:
        """What is chosen now: a tuple of column values, or (start, end) for a period
        (unreadable dates as None); filters left on «Tutti» are absent."""
        out: dict[str, Any] = {}
        for spec in self.specs:
            w = self.editors[spec.key]
            if spec.period:
                days = tuple(_quiet(d) for d in w)
                if days != (None, None):
                    out[spec.key] = days
            else:
                value = _chosen(spec, w)
                if value is not None:
                    out[spec.key] = tuple(value)
        return out

    def apply(self) -> bool:
        """Filter the grid by what is chosen; a period that cannot be is refused with a
        message naming the field, and the grid keeps the rows it shows."""
        if self._loading:
            return False
        self._narrow()
        try:
            equal, ranges, ids = self._filters()
        except ValidationError as exc:
            self.error_label.setText(exc.message if not exc.errors
                                     else next(iter(exc.errors.values())))
            self.error_label.setVisible(True)
            return False
        self.error_label.clear()
        self.error_label.setVisible(False)
        self.model.set_value_filters(equal, ranges, ids)
        self._save()
        return True

    def _filters(self):
        equal: dict[int, Any] = {}
        ranges: dict[int, tuple] = {}
        ids: set | None = None
        for spec in self.specs:
            w = self.editors[spec.key]
            if spec.period:
                start, end = (d.value() for d in w)   # a date not understood raises
                if start is not None and end is not None and start > end:
                    raise ValidationError({spec.key: (
                        f"Periodo impossibile in «{spec.label} dal»: il "
                        f"{format_date(start)} viene dopo il {format_date(end)} indicato in "
                        f"«al». Correggere una delle due date.")})
                if start is None and end is None:
                    continue
                if spec.ids_between is not None:
                    found = spec.ids_between(self.tab, start, end)
                    ids = found if ids is None else ids & found
                    continue
                col = self._at[spec.columns[0]]
                # ISO text in the big grids' rows (it sorts as a date), else dates.
                as_text = isinstance(self.model.column_sample(col), str)
                ranges[col] = tuple(None if d is None else (d.isoformat() if as_text else d)
                                    for d in (start, end))
                continue
            value = _chosen(spec, w)
            if value is not None:
                for name, v in zip(spec.columns, value):
                    equal[self._at[name]] = v
        return equal, ranges, ids

    def _narrow(self) -> None:
        """The rooms of the plesso chosen only: a filter ``within`` another offers the choices
        that begin with that one's value (and forgets its own if it is not among them)."""
        self._loading = True
        try:
            for spec in self.specs:
                if not spec.within or not spec.searchable:
                    continue
                outer = self.values().get(spec.within)
                found = self._found.get(spec.key, [])
                if outer is not None:
                    found = [v for v in found if v[:len(outer)] == outer]
                w = self.editors[spec.key]
                if [c.value for c in w.catalog.choices] != found:
                    w.set_choices([Choice(v, _text(spec, v)) for v in found])
        finally:
            self._loading = False

    def reset(self) -> None:
        self._loading = True
        try:
            for spec in self.specs:
                w = self.editors[spec.key]
                if spec.period:
                    for d in w:
                        d.clear()
                elif spec.searchable:
                    w.set_value(None)
                else:
                    w.setCurrentIndex(0)
        finally:
            self._loading = False
        self.apply()

    # --- remembered per tab ---------------------------------------------------------------
    def _save(self) -> None:
        # One QSettings kept: Qt writes the file later, in idle time, not on every change
        # (other QSettings of the process see the change at once).
        if self._settings is None:
            self._settings = app_settings()
        settings = self._settings
        values = self.values()
        for spec in self.specs:
            value = values.get(spec.key)
            if value is None:
                settings.remove(f"{self.settings_key}/{spec.key}")
            else:
                settings.setValue(f"{self.settings_key}/{spec.key}", json.dumps(
                    [d.isoformat() if isinstance(d, date) else d for d in value]))

    def _saved(self) -> dict[str, Any]:
        settings, out = app_settings(), {}
        for spec in self.specs:
            raw = settings.value(f"{self.settings_key}/{spec.key}")
            try:
                value = json.loads(raw) if raw else None
            except (TypeError, ValueError):
                value = None   # a hand-edited preference: forgotten, not an error
            if not isinstance(value, list):
                continue
            if spec.period:
                try:
                    out[spec.key] = tuple(date.fromisoformat(d) if d else None
                                          for d in value[:2])
                except (TypeError, ValueError):
                    continue
            else:
                out[spec.key] = tuple(value)
        return out


def _chosen(spec: FilterSpec, w) -> tuple | None:
    if spec.searchable:
        return w.value()
    values = getattr(w, "_values", [None])
    index = w.currentIndex()
    return values[index] if 0 <= index < len(values) else None


def _quiet(edit: DateEdit) -> date | None:
    try:
        return edit.value()
    except ValidationError:
        return None

