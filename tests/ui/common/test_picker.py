"""The picker on the demo's rooms, typed into as a clerk does: ranking, Enter, recently used."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtTest import QTest

from iiss_desktop.queries.school import list_rooms
from iiss_desktop.ui.common.choices import room_choices
from iiss_desktop.ui.common.form import FieldSpec, FormDialog
from iiss_desktop.ui.common.picker import Catalog, Choice, Picker


def _picker(qtbot, db, kind="room") -> Picker:
    picker = Picker(kind, room_choices(db))
    qtbot.addWidget(picker)
    picker.show()
    picker.setFocus()
    return picker


def _name(db, room_id) -> str:
    return next(r.name for r in list_rooms(db) if r.id == room_id)


def test_typing_segreteria_and_enter_picks_a_room_named_segreteria(qtbot, demo_db):
    picker = _picker(qtbot, demo_db)
    QTest.keyClicks(picker, "Segreteria")
    shown = picker.popup_texts()
    assert shown and all(t.startswith("Segreteria") for t in shown[:2]), shown
    QTest.keyClick(picker, Qt.Key_Return)   # sent to the field: the list's first is taken
    assert _name(demo_db, picker.value()).startswith("Segreteria")
    assert picker.text() == shown[0]


def test_words_in_any_order_accents_and_case_ignored(qtbot, demo_db):
    rooms = [r for r in list_rooms(demo_db) if r.active]
    target = next(r for r in rooms if r.name == "Magazzino")
    site_word = target.site_name.split()[-1].strip("«»")
    picker = _picker(qtbot, demo_db)
    QTest.keyClicks(picker, f"{site_word.upper()} magaz")
    assert picker.matches()[0].value == target.id
    # "Città" is found by "citta": the same fold as the grids' search
    catalog = Catalog([Choice(1, "Aula", "Città alta"), Choice(2, "Aula", "Borgo")])
    assert [c.value for c in catalog.rank("citta aula")] == [1]


def test_exact_code_first_then_word_prefix_then_substring():
    catalog = Catalog([Choice(1, "Carta riciclata", code="CAR"),
                       Choice(2, "Scarpe antinfortunistiche", code="DPI1"),
                       Choice(3, "Cartucce toner", code="TON"),
                       Choice(4, "Penne", code="car")])
    assert [c.value for c in catalog.rank("car")] == [1, 4, 3, 2]
    assert [c.value for c in catalog.rank("dpi1")] == [2]


def test_recently_used_first(qtbot, demo_db):
    rooms = room_choices(demo_db)
    second = [c for c in rooms if c.name.startswith("Segreteria")][1]
    picker = _picker(qtbot, demo_db)
    picker.pick(second)
    again = _picker(qtbot, demo_db)   # another dialog: the list is remembered per kind
    assert again.matches("")[0].value == second.value
    assert again.matches("segreteria")[0].value == second.value
    other_kind = _picker(qtbot, demo_db, kind="altro")
    assert other_kind.matches("")[0].value == rooms[0].value


def test_a_form_refuses_text_that_is_not_a_choice(qtbot, demo_db):
    dialog = FormDialog(None, "Prova", [FieldSpec("room_id", "Locale", kind="picker",
                                                  required=True, choices=room_choices(demo_db),
                                                  picker="room")])
    qtbot.addWidget(dialog)
    dialog.form.editors["room_id"].setText("zzz nessuno")
    dialog.ok_button.click()
    assert dialog.form.error_text("room_id") == ("«zzz nessuno»: scegliere «Locale» "
                                                 "dall'elenco.")
    assert dialog.result_values is None


def test_in_the_carico_dialog_enter_in_the_list_picks_and_does_not_save(qtbot, inventory_tab):
    from tests.helpers.ui import on_next_modal

    seen = {}

    def clerk(dialog):
        picker = dialog.form.editors["room_id"]
        picker.setFocus()
        QTest.keyClicks(picker, "segreteria")
        popup = picker._completer.popup()
        seen["list"] = popup.isVisible()
        QTest.keyClick(popup, Qt.Key_Down)      # the second line, as a clerk with the arrows
        QTest.keyClick(popup, Qt.Key_Return)
        seen["picked"] = picker.text()
        seen["open"] = dialog.isVisible()       # Enter picked: it did not press OK
        seen["value"] = picker.value()

    on_next_modal(clerk)
    inventory_tab.new_carico()
    rooms = room_choices(inventory_tab.db)
    second = [c for c in rooms if c.name.startswith("Segreteria")][1]
    assert seen == {"list": True, "picked": second.label, "open": True, "value": second.value}
