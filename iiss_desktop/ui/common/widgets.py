"""Input widgets for money and dates.

Money is typed as text and parsed with ``domain.money.parse_money`` into a
Decimal: never float, never QDoubleSpinBox (binary rounding, no "1.234,56").
The edit shows amounts without the € sign ("1.234,56"); the sign sits in the
column header or label. QDate <-> date conversion lives only in this module.
"""
from __future__ import annotations

from datetime import date
from decimal import Decimal

from PySide6.QtCore import QDate, QEvent, QObject, QPoint, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractSpinBox,
    QApplication,
    QCalendarWidget,
    QComboBox,
    QHBoxLayout,
    QLineEdit,
    QSpinBox,
    QStyle,
    QToolButton,
    QWidget,
)

from ...domain.dates import format_date, parse_date
from ...domain.errors import ValidationError
from ...domain.money import format_money, parse_money


def qdate_to_date(qd: QDate) -> date | None:
    return date(qd.year(), qd.month(), qd.day()) if qd.isValid() else None


def date_to_qdate(d: date | None) -> QDate:
    return QDate(d.year, d.month, d.day) if d else QDate()


class MoneyEdit(QLineEdit):
    """Amount in euro typed Italian style: "1.234,56", "1234,56", "1.234,56 €"."""

    def __init__(self, parent: QWidget | None = None, *, field: str = "importo",
                 required: bool = False, allow_negative: bool = False):
        super().__init__(parent)
        self.field = field
        self.required = required
        self.allow_negative = allow_negative
        self.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.setPlaceholderText("0,00")
        self.editingFinished.connect(self._reformat)

    def value(self) -> Decimal | None:
        """Decimal, or None when empty and not required; raises ValidationError."""
        if not self.text().strip() and not self.required:
            return None
        return parse_money(self.text(), self.field, allow_negative=self.allow_negative)

    def set_value(self, value: Decimal | None) -> None:
        if isinstance(value, float):
            raise TypeError("Gli importi non possono essere float: usare Decimal")
        self.setText(format_money(value, symbol=False) if value is not None else "")

    def is_valid(self) -> bool:
        try:
            self.value()
        except ValidationError:
            return False
        return True

    def _reformat(self) -> None:
        # "1234,5" -> "1.234,50" once the clerk leaves the field; invalid text stays as typed.
        try:
            value = self.value()
        except ValidationError:
            return
        if value is not None:
            self.set_value(value)


class DateEdit(QWidget):
    """dd/MM/yyyy text field with a calendar popup; optionally empty (nullable).

    A line edit rather than QDateEdit because QDateEdit cannot be empty and
    does not accept the "4/10/2026" and "4.10.2026" forms clerks type.
    """

    value_changed = Signal(object)

    def __init__(self, parent: QWidget | None = None, *, field: str = "data",
                 nullable: bool = False):
        super().__init__(parent)
        self.field = field
        self.nullable = nullable
        self.line_edit = QLineEdit(self)
        self.line_edit.setPlaceholderText("gg/mm/aaaa")
        self.line_edit.setMaxLength(10)
        self.popup_button = QToolButton(self)
        self.popup_button.setIcon(self.style().standardIcon(QStyle.SP_ArrowDown))
        self.popup_button.setToolTip("Scegli dal calendario")
        self.popup_button.setFocusPolicy(Qt.NoFocus)
        self.popup_button.clicked.connect(self.show_calendar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.line_edit, 1)
        layout.addWidget(self.popup_button)
        self.setFocusProxy(self.line_edit)
        self._calendar: QCalendarWidget | None = None
        self.line_edit.editingFinished.connect(self._reformat)
        if not nullable:
            self.set_value(date.today())

    def value(self) -> date | None:
        text = self.line_edit.text().strip()
        if not text and self.nullable:
            return None
        return parse_date(text, self.field)

    def set_value(self, value: date | None) -> None:
        if value is None and not self.nullable:
            raise ValueError("Data obbligatoria: il campo non ammette valori vuoti")
        self.line_edit.setText(format_date(value))
        self.value_changed.emit(value)

    def clear(self) -> None:
        self.line_edit.clear()

    def text(self) -> str:
        return self.line_edit.text()

    def calendar(self) -> QCalendarWidget:
        if self._calendar is None:
            cal = QCalendarWidget(self)
            cal.setWindowFlags(Qt.Popup)
            cal.setFirstDayOfWeek(Qt.Monday)
            cal.setGridVisible(True)
            cal.clicked.connect(self._pick)
            cal.activated.connect(self._pick)
            self._calendar = cal
        return self._calendar

    def show_calendar(self) -> None:
        cal = self.calendar()
        try:
            current = self.value()
        except ValidationError:
            current = None
        cal.setSelectedDate(date_to_qdate(current or date.today()))
        cal.move(self.mapToGlobal(QPoint(0, self.height())))
        cal.show()
        cal.setFocus()

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key_F4 or (event.key() == Qt.Key_Down
                                        and event.modifiers() & Qt.AltModifier):
            self.show_calendar()
            return
        super().keyPressEvent(event)

    def _pick(self, qd: QDate) -> None:
        self.set_value(qdate_to_date(qd))
        if self._calendar is not None:
            self._calendar.hide()
        self.line_edit.setFocus()

    def _reformat(self) -> None:
        try:
            value = self.value()
        except ValidationError:
            return
        if value is not None and self.line_edit.text() != format_date(value):
            self.set_value(value)


def year_spinbox(parent: QWidget | None = None, year: int | None = None) -> QSpinBox:
    """"Anno 2026": the year selector of registers, calendars and logs."""
    box = QSpinBox(parent)
    box.setRange(2000, 2100)
    box.setValue(year or date.today().year)
    box.setPrefix("Anno ")
    return box


# --- the mouse wheel ------------------------------------------------------------------
_WHEELED = (QComboBox, QAbstractSpinBox)


def _wheeled(obj) -> QWidget | None:
    """The combo or spin box a wheel event is for: the widget itself or the line edit in it."""
    for w in (obj, getattr(obj, "parentWidget", lambda: None)()):
        if isinstance(w, _WHEELED):
            return w
    return None


class WheelGuard(QObject):
    """Scrolling a form or a grid must not change the value under the mouse (the Esito of a
    ricognizione went from «Confermato» to «Da rettificare» that way): a combo or spin box
    takes the wheel only once it has the focus. Otherwise the event goes on to the form or
    grid around it, which scrolls; and the wheel no longer gives such a box the focus."""

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        kind = event.type()
        if kind == QEvent.Wheel:
            box = _wheeled(obj)
            if box is not None and not box.hasFocus():
                event.ignore()       # not consumed: the parent (the scroll area) gets it
                return True
        elif kind == QEvent.Polish and isinstance(obj, _WHEELED):
            if obj.focusPolicy() == Qt.WheelFocus:
                obj.setFocusPolicy(Qt.StrongFocus)
        return False


_guard: WheelGuard | None = None


def install_wheel_guard() -> None:
    """Once per application, for every combo and spin box (forms, grids, filters), including
    those made later; called by the forms and tabs, so that no window is without it."""
    global _guard
    app = QApplication.instance()
    if app is None or (_guard is not None and _guard.parent() is app):
        return
    _guard = WheelGuard(app)
    app.installEventFilter(_guard)
