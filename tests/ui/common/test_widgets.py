from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from iiss_desktop.domain.errors import ValidationError
from iiss_desktop.ui.common.widgets import DateEdit, MoneyEdit, date_to_qdate, qdate_to_date


@pytest.mark.parametrize("text", ["1.234,56", "1234,56", " 1.234,56 € "])
def test_money_edit_parses_italian_amounts(qtbot, text):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setText(text)
    assert edit.value() == Decimal("1234.56")
    assert edit.alignment() & Qt.AlignRight


def test_money_edit_refuses_ambiguous_amount(qtbot):
    edit = MoneyEdit(field="importo")
    qtbot.addWidget(edit)
    edit.setText("12,345")
    with pytest.raises(ValidationError) as info:
        edit.value()
    assert "importo" in info.value.errors
    assert not edit.is_valid()


def test_money_edit_round_trip_and_empty(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.set_value(Decimal("1234.5"))
    assert edit.text() == "1.234,50"
    assert edit.value() == Decimal("1234.50")
    edit.set_value(None)
    assert edit.value() is None
    required = MoneyEdit(field="totale", required=True)
    qtbot.addWidget(required)
    with pytest.raises(ValidationError):
        required.value()
    with pytest.raises(TypeError):
        edit.set_value(1.5)


def test_money_edit_reformats_when_editing_finished(qtbot):
    edit = MoneyEdit()
    qtbot.addWidget(edit)
    edit.setText("1234,5")
    edit.editingFinished.emit()
    assert edit.text() == "1.234,50"
    edit.setText("abc")
    edit.editingFinished.emit()
    assert edit.text() == "abc"  # invalid text is left for the clerk to fix


def test_date_edit_round_trip(qtbot):
    edit = DateEdit()
    qtbot.addWidget(edit)
    assert edit.value() == date.today()  # not nullable: always a date
    edit.set_value(date(2026, 10, 4))
    assert edit.text() == "04/10/2026"
    assert edit.value() == date(2026, 10, 4)
    edit.line_edit.setText("4.10.2026")
    edit.line_edit.editingFinished.emit()
    assert edit.text() == "04/10/2026"
    edit.clear()
    with pytest.raises(ValidationError):
        edit.value()
    with pytest.raises(ValueError):
        edit.set_value(None)


def test_date_edit_null_mode(qtbot):
    edit = DateEdit(nullable=True)
    qtbot.addWidget(edit)
    edit.set_value(None)
    assert edit.text() == ""
    assert edit.value() is None
    edit.line_edit.setText("31/02/2026")
    with pytest.raises(ValidationError):
        edit.value()


def test_date_edit_calendar_popup_picks_date(qtbot):
    edit = DateEdit(nullable=True)
    qtbot.addWidget(edit)
    edit.set_value(date(2026, 5, 20))
    edit.show()
    edit.show_calendar()
    cal = edit.calendar()
    assert cal.isVisible()
    assert cal.selectedDate() == date_to_qdate(date(2026, 5, 20))
    cal.clicked.emit(date_to_qdate(date(2026, 6, 1)))
    assert edit.value() == date(2026, 6, 1)
    assert not cal.isVisible()
    assert qdate_to_date(date_to_qdate(None)) is None
