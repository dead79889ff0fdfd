"""The Inventario grid and its everyday dialogs as a clerk uses them: the columns fit a
1366-pixel laptop, the carico says whether a good is inventoried, the comodato of a good
already lent is refused before the contract is typed, the labels remember the calibration of
each printer."""
from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication, QDialog
from sqlalchemy import text

from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.queries.school import list_rooms
from iiss_desktop.ui.common import dialogs
from iiss_desktop.ui.inventory import labels
from iiss_desktop.ui.inventory.custody import assign_selected
from iiss_desktop.ui.inventory.labels import LabelsDialog
from iiss_desktop.ui.inventory.tab import CaricoDialog, end_of_school_year
from tests.helpers.ui import on_next_modal, select_ids


@pytest.fixture
def tab(inventory_tab):
    return inventory_tab


def _item_id(db, sql):
    with db.read_engine.connect() as conn:
        return conn.execute(text(sql)).scalar()


def test_situazione_column_is_visible_on_a_1366_pixel_screen(qtbot, tab):
    tab.resize(1366, 700)
    tab.show()
    qtbot.waitExposed(tab)
    header = tab.table.horizontalHeader()
    status = [c.key for c in tab.columns].index("status")
    site = [c.key for c in tab.columns].index("site")
    assert header.sectionSize(site) <= 180     # long plesso names are elided...
    # ...and the last column starts inside the visible area, wide enough for "in comodato".
    right = header.sectionViewportPosition(status) + header.sectionSize(status)
    assert right <= tab.table.viewport().width()
    assert header.sectionSize(status) >= tab.fontMetrics().horizontalAdvance("in comodato")
    row = 0
    full = tab.model.display_text(row, site)
    assert tab.model.data(tab.model.index(row, site), Qt.ToolTipRole) == full


def _carico_dialog(qtbot, tab, **values):
    base = {"category_register": "inv-mobili", "nature": "bene", "quantity": 1,
            "valuation": "acquisto", "state": "buono", "entry_date": date(2026, 3, 2)}
    saved = []
    dialog = CaricoDialog(tab, "Carico inventariale", tab.carico_specs(), {**base, **values},
                          saved.append)
    qtbot.addWidget(dialog)
    return dialog, saved


def test_carico_tells_whether_the_good_is_inventoried(qtbot, tab):
    dialog, _ = _carico_dialog(qtbot, tab)
    shown = dialog.outcome_label.text
    dialog.form.load({"unit_value": Decimal("150")})
    # 150 € IVA inclusa is not more than 200 €: not inventoried, registro dei beni durevoli.
    assert "Non si inventaria" in shown() and "registro dei beni durevoli" in shown()
    # Four chairs of 150 € bought together: a universalità of 600 € > 200 €, inventoried.
    dialog.form.load({"quantity": 4, "universalita": True})
    assert "Si inventaria: Inventario dei beni mobili" in shown()
    assert "600,00" in shown()
    dialog.form.load({"nature": "licenza"})
    assert "Non si inventaria: licenza d'uso di software" in shown()
    dialog.form.load({"nature": "consumo"})
    assert "Magazzino" in shown()


def test_purchase_fields_only_for_a_purchase_and_the_grant_only_for_beni_di_terzi(qtbot, tab):
    dialog, _ = _carico_dialog(qtbot, tab)
    dialog.show()
    rows = list(dialog.form.specs)
    visible = lambda name: dialog.form.layout_.isRowVisible(rows.index(name))   # noqa: E731
    assert visible("cig") and visible("impegno") and not visible("owner")
    dialog.form.load({"valuation": "donazione", "category_register": "inv-terzi"})
    assert not visible("cig") and not visible("invoice_number") and visible("owner")
    assert visible("grant_title") and visible("supplier")   # the donor


IMMOBILI_ONLY = ("cadastral_sheet", "cadastral_parcel", "cadastral_subunit",
                 "cadastral_category", "third_party_rights", "intended_use", "current_use")


def test_art31_fields_only_for_their_register(qtbot, tab):
    dialog, _ = _carico_dialog(qtbot, tab)
    dialog.show()
    rows = list(dialog.form.specs)
    visible = lambda name: dialog.form.layout_.isRowVisible(rows.index(name))   # noqa: E731
    art31 = (*IMMOBILI_ONLY, "annual_income", "maturity_date")
    assert not any(visible(n) for n in art31)            # beni mobili
    dialog.form.load({"category_register": "inv-immobili"})
    assert all(visible(n) for n in (*IMMOBILI_ONLY, "annual_income"))
    assert not visible("maturity_date")
    dialog.form.load({"category_register": "inv-valori"})
    assert visible("annual_income") and visible("maturity_date")
    assert not any(visible(n) for n in IMMOBILI_ONLY)


def test_carico_of_a_building_saves_its_art31_fields(qtbot, tab, demo_db, monkeypatch):
    from iiss_desktop.ui.inventory import tab as tab_module

    room = next(r.id for r in list_rooms(demo_db) if r.active)
    shown = []
    monkeypatch.setattr(tab_module.QMessageBox, "information",
                        lambda parent, title, message: shown.append(message))

    def act():
        dialog = QApplication.activeModalWidget()
        dialog.form.load({"description": "Palestra comunale di via Verdi", "room_id": room,
                          "category_register": "inv-immobili", "valuation": "donazione",
                          "unit_value": Decimal("420000"), "annual_income": Decimal("1500"),
                          "cadastral_sheet": "7", "cadastral_parcel": "88",
                          "cadastral_category": "C/4", "intended_use": "Palestra",
                          "current_use": "Attività motorie delle classi"})
        # Typed for a good of another register, then the register changed: not saved.
        dialog.form.load({"category_register": "inv-valori"})
        dialog.form.load({"maturity_date": date(2030, 1, 1)})
        dialog.form.load({"category_register": "inv-immobili"})
        dialog.ok_button.click()

    QTimer.singleShot(0, act)
    tab.new_carico()
    assert len(shown) == 1 and "(Inventario dei beni immobili)." in shown[0]
    number = int(shown[0].split("Numeri assegnati: n. ")[1].split(" ")[0])
    with demo_db.read_engine.connect() as conn:
        stored = conn.execute(text(
            "SELECT annual_income, cadastral_sheet, cadastral_parcel, cadastral_subunit, "
            "cadastral_category, intended_use, current_use, maturity_date FROM inventory_item "
            "WHERE register = 'inv-immobili' AND number = :n"), {"n": number}).one()
    # 1.500,00 € is 150000 cents; the subalterno left empty; no scadenza for a building.
    assert tuple(stored) == (150000, "7", "88", "", "C/4", "Palestra",
                             "Attività motorie delle classi", None)


def test_carico_of_a_licence_is_refused_on_the_field_and_nothing_is_saved(qtbot, tab, demo_db):
    room = next(r.id for r in list_rooms(demo_db) if r.active)
    before = list_items(demo_db)
    done = []

    def act(dialog):
        dialog.form.load({"description": "Licenza antivirus", "room_id": room,
                          "unit_value": Decimal("300"), "nature": "licenza"})
        dialog.ok_button.click()
        done.append(dialog.form.error_text("nature"))

    on_next_modal(act)
    tab.new_carico()
    assert done and done[0].startswith("Licenza d'uso di software: non si inventaria")
    assert list_items(demo_db) == before


def test_carico_with_a_wrong_cig_shows_it_on_the_field_and_saves_nothing(qtbot, tab, demo_db):
    room = next(r.id for r in list_rooms(demo_db) if r.active)
    before = list_items(demo_db)
    done = []

    def act(dialog):
        dialog.form.load({"description": "Notebook 14 pollici", "room_id": room,
                          "unit_value": Decimal("650"), "cig": "Z1A2B"})
        dialog.ok_button.click()
        done.append(dialog.form.error_text("cig"))

    on_next_modal(act)
    tab.new_carico()
    assert done == ["CIG: attesi 10 caratteri tra lettere e cifre, trovato «Z1A2B» "
                    "(5 caratteri)."]
    assert list_items(demo_db) == before


def test_carico_of_a_durable_good_names_the_register_in_the_message(qtbot, tab, demo_db,
                                                                   monkeypatch):
    from iiss_desktop.ui.inventory import tab as tab_module

    room = next(r.id for r in list_rooms(demo_db) if r.active)
    shown = []
    monkeypatch.setattr(tab_module.QMessageBox, "information",
                        lambda parent, title, message: shown.append(message))

    def act(dialog):
        dialog.form.load({"description": "Mouse senza fili", "room_id": room,
                          "unit_value": Decimal("25"), "invoice_number": "FT 12"})
        dialog.form.load({"valuation": "donazione"})   # the invoice field is then hidden
        dialog.ok_button.click()

    on_next_modal(act)
    tab.new_carico()
    assert len(shown) == 1 and "(Registro dei beni durevoli)." in shown[0]
    number = int(shown[0].split("Numeri assegnati: n. ")[1].split(" ")[0])
    with demo_db.read_engine.connect() as conn:
        invoice, valuation = conn.execute(text(
            "SELECT invoice_number, valuation FROM inventory_item "
            "WHERE register = 'inv-durevoli' AND number = :n"), {"n": number}).one()
    assert (invoice, valuation) == ("", "donazione")


def test_end_of_school_year():
    assert end_of_school_year(date(2026, 12, 2)) == date(2027, 6, 30)
    assert end_of_school_year(date(2027, 3, 15)) == date(2027, 6, 30)
    assert end_of_school_year(date(2027, 7, 1)) == date(2028, 6, 30)


def test_comodato_of_a_good_already_lent_is_refused_before_the_contract(tab, demo_db,
                                                                       monkeypatch):
    lent = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'in comodato' "
                             "ORDER BY id LIMIT 1")
    number = _item_id(demo_db, f"SELECT number FROM inventory_item WHERE id = {lent}")
    loans = _item_id(demo_db, "SELECT count(*) FROM loan")
    messages = []
    monkeypatch.setattr(dialogs, "show_domain_error",
                        lambda parent, exc: messages.append(exc.message))
    select_ids(tab, lent)
    tab.lend_selected()   # no form is opened: the test would otherwise wait for it
    assert len(messages) == 1
    assert messages[0] == (
        f"Il bene n. {number} (beni mobili) è già in comodato: registrarne prima la "
        "restituzione.")
    assert _item_id(demo_db, "SELECT count(*) FROM loan") == loans


@pytest.mark.parametrize("act,tail", [
    (lambda tab: tab.move_selected(), "non si sposta."),
    (lambda tab: tab.discharge_selected(), None),        # "è già stato scaricato."
    (lambda tab: tab.lend_selected(), "non si dà in comodato."),
    (assign_selected, "non si affida."),
])
def test_a_discharged_good_is_refused_before_any_form_is_opened(tab, demo_db, monkeypatch,
                                                                act, tail):
    """Art. 33: a discharged good has left the inventory; the tab says so at once, with the
    same sentence as the service (no form typed for nothing, nothing saved)."""
    gone = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'scaricato' "
                             "AND register = 'inv-mobili' ORDER BY id LIMIT 1")
    number = _item_id(demo_db, f"SELECT number FROM inventory_item WHERE id = {gone}")
    entries = _item_id(demo_db, "SELECT count(*) FROM register_entry")
    messages = []
    monkeypatch.setattr(dialogs, "show_domain_error",
                        lambda parent, exc: messages.append(exc.message))
    select_ids(tab, gone)
    act(tab)
    good = f"Il bene n. {number} (beni mobili)"
    assert messages == [f"{good} è stato scaricato: {tail}" if tail else
                        f"{good} è già stato scaricato."]
    assert _item_id(demo_db, "SELECT count(*) FROM register_entry") == entries


def test_comodato_form_lists_the_goods_and_proposes_the_end_of_the_school_year(qtbot, tab,
                                                                               demo_db):
    free = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'in uso' "
                             "AND register = 'inv-mobili' ORDER BY id LIMIT 1")
    select_ids(tab, free)
    seen = {}

    def act(dialog):
        seen["title"] = dialog.windowTitle()
        seen["due"] = dialog.form.editors["due"].value()
        seen["intro"] = dialog.layout().itemAt(0).widget().text()

    on_next_modal(act)
    tab.lend_selected()
    assert seen["title"] == "Comodato d'uso di 1 bene"
    assert seen["due"] == end_of_school_year(date.today())
    number = tab.selected_goods()[0]["number"]
    assert f"beni mobili n. {number} – " in seen["intro"]


def test_labels_for_a_room_with_the_calibration_of_the_printer(qtbot, tab, demo_db):
    room = next(r.id for r in list_rooms(demo_db) if r.active)
    dialog = LabelsDialog(tab, demo_db, [], [1, 2], room)
    qtbot.addWidget(dialog)
    assert not dialog.selected_radio.isEnabled() and dialog.shown_radio.isChecked()
    dialog.room_radio.setChecked(True)
    dialog.layout_edit.setCurrentIndex(dialog.layout_edit.findData("2x7"))
    dialog.printer_edit.setCurrentText("Laser segreteria")
    dialog.offset_x.setValue(1.5)
    dialog.offset_y.setValue(-0.5)
    assert dialog.first_edit.maximum() == 14      # a 2x7 sheet: labels 1 to 14
    dialog.first_edit.setValue(20)
    assert dialog.first_edit.value() == 14
    dialog.first_edit.setValue(5)                 # a sheet already used up to label 4
    dialog.accept()
    assert dialog.options == {"layout": "2x7", "offset_x": 1.5, "offset_y": -0.5,
                              "inizio": 5, "room_id": room}
    # The next time, the same printer comes back with its calibration; another is at zero.
    again = LabelsDialog(tab, demo_db, [5], [1, 2])
    qtbot.addWidget(again)
    assert again.printer_edit.currentText() == "Laser segreteria"
    assert (again.offset_x.value(), again.offset_y.value()) == (1.5, -0.5)
    assert again.selected_radio.isChecked()
    again.printer_edit.setCurrentText("Inkjet biblioteca")
    assert (again.offset_x.value(), again.offset_y.value()) == (0.0, 0.0)
    assert again.report_options()["item_ids"] == [5]


def test_labels_of_an_empty_search_are_refused_not_printed_for_every_good(qtbot, tab, demo_db,
                                                                         monkeypatch):
    warned = []
    monkeypatch.setattr(labels.QMessageBox, "warning",
                        lambda parent, title, message: warned.append(message))
    dialog = LabelsDialog(tab, demo_db, [], [])
    qtbot.addWidget(dialog)
    dialog.accept()
    assert dialog.options is None and dialog.result() != QDialog.Accepted
    assert warned and "Nessun bene" in warned[0]


def test_labels_from_the_tab_leave_out_discharged_goods(qtbot, tab, demo_db, monkeypatch):
    built = []
    monkeypatch.setattr(labels, "print_report",
                        lambda parent, db, name, **options: built.append((name, options)))

    tab.search.setText("Lavagna interattiva")
    tab.search.flush()
    on_next_modal(lambda dialog: dialog.accept())
    tab.print_labels()
    gone = {tab.model.row_id(r) for r in range(tab.model.rowCount())
            if tab.model.row(r)[-1] == "scaricato"}
    assert gone   # the demo has discharged boards
    name, options = built[0]
    assert name == "etichette" and options["layout"] == "3x8"
    assert set(options["item_ids"]) == {tab.model.row_id(r) for r in range(tab.model.rowCount())
                                        } - gone


def test_sposta_records_a_movement_for_one_or_several_goods(qtbot, tab, demo_db, monkeypatch):
    item = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'in uso' "
                             "ORDER BY id LIMIT 1")
    from_room = _item_id(demo_db, f"SELECT room_id FROM inventory_item WHERE id = {item}")
    target = next(r for r in list_rooms(demo_db) if r.active and r.id != from_room)
    select_ids(tab, item)
    seen = {}

    def act(dialog):
        choices = [c.value for c in dialog.form.editors["to_room_id"].catalog.choices]
        seen["offers_current_room"] = from_room in choices
        dialog.form.load({"to_room_id": target.id, "reason": "Nuovo laboratorio"})
        dialog.ok_button.click()

    on_next_modal(act)
    tab.move_selected()
    assert seen == {"offers_current_room": False}
    with demo_db.read_engine.connect() as conn:
        moves = conn.execute(text("SELECT from_room_id, to_room_id, reason FROM "
                                  "inventory_movement WHERE item_id = :i ORDER BY id"),
                             {"i": item}).all()
    assert moves[-1] == (from_room, target.id, "Nuovo laboratorio")
    assert _item_id(demo_db, f"SELECT room_id FROM inventory_item WHERE id = {item}") == target.id

    # Two goods selected: both go to the chosen room, one movement each.
    tab.refresh()
    with demo_db.read_engine.connect() as conn:
        pair = [r[0] for r in conn.execute(text(
            "SELECT id FROM inventory_item WHERE status = 'in uso' AND room_id != :t "
            "ORDER BY id LIMIT 2"), {"t": target.id})]
    select_ids(tab, *pair)

    def act_both(dialog):
        seen["title"] = dialog.windowTitle()
        dialog.form.load({"to_room_id": target.id, "reason": "Aula riallestita"})
        dialog.ok_button.click()

    count = _item_id(demo_db, "SELECT count(*) FROM inventory_movement")
    on_next_modal(act_both)
    tab.move_selected()
    assert seen["title"] == "Spostamento di 2 beni"
    assert _item_id(demo_db, "SELECT count(*) FROM inventory_movement") == count + 2
    for item_id in pair:
        assert _item_id(demo_db, f"SELECT room_id FROM inventory_item WHERE id = {item_id}") \
            == target.id


def test_a_mistaken_carico_is_annulled_from_the_tab_with_its_reason(qtbot, tab, demo_db,
                                                                    monkeypatch):
    from iiss_desktop.ui.inventory import tab as inventory_tab

    item = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'in uso' AND "
                             "register = 'inv-mobili' ORDER BY id DESC LIMIT 1")
    number = _item_id(demo_db, f"SELECT number FROM inventory_item WHERE id = {item}")
    last = _item_id(demo_db, "SELECT max(number) FROM register_entry "
                             "WHERE register = 'inv-mobili'")
    select_ids(tab, item)
    seen, told = {}, []
    monkeypatch.setattr(inventory_tab.QMessageBox, "information",
                        staticmethod(lambda parent, title, message: told.append(message)))

    def act(dialog):
        dialog.form.load({"reason": "no"})
        dialog.ok_button.click()                 # too short: the form says why, stays open
        seen["short"] = dialog.form.error_text("reason")
        dialog.form.load({"reason": "Carico doppio della fattura FT 13/2025"})
        dialog.ok_button.click()

    on_next_modal(act)
    tab.annul_selected()
    assert "motivo" in seen["short"]
    assert told == [f"Annullamento registrato con il n. {last + 1} dell'inventario; il n. "
                    f"{number} non sarà assegnato ad altri beni."]
    rows = {(r[0], r[1]): r for r in list_items(demo_db)[0]}
    assert rows[("beni mobili", number)][9] == "annullato"
    tab.refresh()                    # what the main window does on data_changed
    assert tab.model.row(tab.model.view_row_of_id(item))[9] == "annullato"


def test_a_buono_di_scarico_dated_before_its_decree_is_refused_on_the_field(qtbot, tab,
                                                                          demo_db):
    item = _item_id(demo_db, "SELECT id FROM inventory_item WHERE status = 'in uso' AND "
                             "register = 'inv-mobili' ORDER BY id LIMIT 1")
    select_ids(tab, item)
    seen = {}

    def act(dialog):
        dialog.form.load({"decree_number": "77", "decree_date": date.today(),
                          "executed_on": date.today() - timedelta(days=1), "cause": "furto",
                          "motivation": "Furto denunciato ai Carabinieri"})
        dialog.ok_button.click()       # refused: the form stays open and says why
        seen["error"] = dialog.form.error_text("executed_on")
        seen["open"] = dialog.isVisible()

    on_next_modal(act)
    tab.discharge_selected()
    assert "precede il decreto" in seen["error"] and seen["open"]
    assert _item_id(demo_db, f"SELECT status FROM inventory_item WHERE id = {item}") == "in uso"
