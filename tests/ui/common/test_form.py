from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication

from iiss_desktop.domain.errors import DomainError, ValidationError
from iiss_desktop.ui.common.form import FieldSpec, Form, FormDialog
from tests.helpers.ui import on_next_modal

SPECS = [
    FieldSpec("nome", "Nome", "text", required=True, max_length=40),
    FieldSpec("note", "Note", "multiline"),
    FieldSpec("importo", "Importo", "money", required=True),
    FieldSpec("data", "Data", "date"),
    FieldSpec("quantita", "Quantità", "int"),
    FieldSpec("tipo", "Tipo", "choice", required=True,
              choices=[("E", "Entrata"), ("U", "Uscita")]),
    FieldSpec("pagato", "Pagato", "bool"),
]


def make_form(qtbot):
    form = Form(SPECS)
    qtbot.addWidget(form)
    form.show()
    return form


def test_form_value_is_typed(qtbot):
    form = make_form(qtbot)
    form.load({"nome": "Cancelleria", "note": "urgente", "importo": Decimal("1234.5"),
               "data": date(2026, 10, 4), "quantita": 3, "tipo": "U", "pagato": True})
    assert form.importo_edit.text() == "1.234,50"
    assert form.value() == {"nome": "Cancelleria", "note": "urgente",
                            "importo": Decimal("1234.50"), "data": date(2026, 10, 4),
                            "quantita": 3, "tipo": "U", "pagato": True}


def test_form_optional_fields_empty(qtbot):
    form = make_form(qtbot)
    form.load({"nome": "X", "importo": Decimal("1"), "tipo": "E"})
    values = form.value()
    assert values["data"] is None
    assert values["quantita"] is None
    assert values["note"] == ""
    assert values["pagato"] is False


def test_required_empty_fields_are_all_reported_inline(qtbot):
    form = make_form(qtbot)
    form.importo_edit.setText("12,345")
    with pytest.raises(ValidationError) as info:
        form.value()
    assert set(info.value.errors) == {"nome", "importo", "tipo"}
    assert info.value.errors["nome"] == "Il campo «Nome» è obbligatorio."
    label = form.error_labels["nome"]
    assert label.isVisible()
    assert label.text() == "Il campo «Nome» è obbligatorio."
    assert form.error_text("importo") == "«12,345»: al massimo due decimali."
    assert form.nome_edit.property("error") is True
    assert not form.error_labels["note"].isVisible()


def test_show_and_clear_errors(qtbot):
    form = make_form(qtbot)
    form.show_errors({"data": "Data fuori dall'esercizio.", "": "Registro chiuso."})
    assert form.error_text("data") == "Data fuori dall'esercizio."
    assert form.data_edit.line_edit.property("error") is True
    assert form.banner.isVisible() and form.banner.text() == "Registro chiuso."
    form.clear_errors()
    assert form.error_text("data") == ""
    assert not form.error_labels["data"].isVisible()
    assert not form.banner.isVisible()
    assert form.data_edit.line_edit.property("error") is False


SIMPLE = [FieldSpec("nome", "Nome", required=True), FieldSpec("importo", "Importo", "money")]


def test_form_dialog_stays_open_when_on_submit_refuses(qtbot):
    calls = []
    seen = {}

    def on_submit(values):
        calls.append(values)
        if len(calls) == 1:
            raise ValidationError({"nome": "Nome già presente."})
        if len(calls) == 2:
            raise DomainError("Esercizio chiuso.")

    def drive():
        dlg = QApplication.activeModalWidget()
        assert isinstance(dlg, FormDialog)
        seen["cancel_text"] = dlg.cancel_button.text()   # with its mnemonic, Alt+A
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
        seen["visible_after_first"] = dlg.isVisible()
        seen["field_error"] = dlg.form.error_text("nome")
        dlg.ok_button.click()
        seen["visible_after_second"] = dlg.isVisible()
        seen["banner"] = dlg.form.banner.text()
        dlg.ok_button.click()

    QTimer.singleShot(0, drive)
    result = FormDialog.ask(None, "Nuovo fornitore", SIMPLE, {"nome": "Rossi"}, on_submit)
    assert seen == {"cancel_text": "&Annulla", "visible_after_first": True,
                    "field_error": "Nome già presente.", "visible_after_second": True,
                    "banner": "Esercizio chiuso."}
    assert len(calls) == 3
    assert result == {"nome": "Rossi", "importo": None}


def test_form_dialog_cancel_returns_none(qtbot):
    def drive():
        dlg = QApplication.activeModalWidget()
        dlg.cancel_button.click()

    QTimer.singleShot(0, drive)
    assert FormDialog.ask(None, "Titolo", SIMPLE) is None


def test_form_dialog_invalid_input_never_reaches_on_submit(qtbot):
    dlg = FormDialog(None, "Titolo", SIMPLE, on_submit=lambda v: pytest.fail("non chiamato"))
    qtbot.addWidget(dlg)
    dlg.show()
    dlg.ok_button.click()
    assert dlg.isVisible()
    assert dlg.result_values is None
    assert dlg.form.error_text("nome") == "Il campo «Nome» è obbligatorio."


def test_field_spec_rejects_unknown_kind():
    with pytest.raises(ValueError):
        FieldSpec("x", "X", "colour")


def test_form_dialog_ask_returns_what_on_submit_returned(qtbot):
    saved = []

    def on_submit(values):
        saved.append(values)
        return 42                      # e.g. the id of what was saved

    on_next_modal(lambda dlg: dlg.ok_button.click())
    assert FormDialog.ask(None, "Nuovo fornitore", SIMPLE, {"nome": "Rossi"}, on_submit) == 42
    assert saved == [{"nome": "Rossi", "importo": None}]


def test_form_dialog_ask_returns_the_values_without_on_submit(qtbot):
    on_next_modal(lambda dlg: dlg.ok_button.click())
    assert FormDialog.ask(None, "Stampa", SIMPLE, {"nome": "Rossi"}) == {"nome": "Rossi",
                                                                       "importo": None}


def test_form_dialog_ask_cancelled_returns_none_and_submits_nothing(qtbot):
    on_next_modal(lambda dlg: dlg.cancel_button.click())
    assert FormDialog.ask(None, "Titolo", SIMPLE, {"nome": "Rossi"},
                          on_submit=lambda v: pytest.fail("non chiamato")) is None
