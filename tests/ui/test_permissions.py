"""The screens follow the user's permissions: what the user may not do is disabled, with a
tooltip naming the permission; a tab whose area the user may not read says which permission is
missing. The service still refuses an action called anyway (the demo's collaboratore
scolastico, limited to the SEDE, and the DSGA)."""
from __future__ import annotations

from decimal import Decimal

from PySide6.QtWidgets import QLabel

from iiss_desktop.services.users import act_as
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.events import AppEvents
from tests.helpers.ui import fill_next_form, table_snapshot

WRITTEN = ("audit_log", "register_entry", "inventory_item")


def _action(tab, text: str):
    return next(a for a in tab._actions if a.text() == text)


def test_the_collaboratore_cannot_post_a_carico_even_calling_it(qtbot, demo_db, demo_path):
    from iiss_desktop.ui.inventory.tab import InventoryTab

    create_app()
    act_as(demo_db, "collaboratore")
    tab = InventoryTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    carico = _action(tab, "Carico…")
    assert not carico.isEnabled()
    assert carico.toolTip() == ("Prendere in carico uno o più beni\n"
                                "Serve il permesso «Carico dei beni (buoni di carico)».")
    assert not _action(tab, "Affidamento dei beni selezionati…").isEnabled()
    assert "«Affidamento dei beni di laboratorio»" in \
        _action(tab, "Affidamento dei beni selezionati…").toolTip()
    assert _action(tab, "Valori attuali…").isEnabled()   # a read: no permission of its own

    before = table_snapshot(demo_path, WRITTEN)
    rooms = next(s for s in tab.carico_specs() if s.name == "room_id").choices
    seen = fill_next_form(qtbot, {"description": "Armadio metallico",
                                  "unit_value": Decimal("300.00"), "room_id": rooms[0].value})
    tab.new_carico()     # e.g. by its shortcut: the form opens, the service refuses
    assert seen["title"] == "Carico inventariale"
    assert seen["banner"] == (
        "Operazione non consentita: serve il permesso «Carico dei beni (buoni di carico)». "
        "L'utente «collaboratore» ha il ruolo: Collaboratore scolastico.")
    assert table_snapshot(demo_path, WRITTEN) == before


def test_the_dsga_posts_a_carico_and_the_dirigente_signs_the_discharge(qtbot, demo_db):
    from iiss_desktop.ui.inventory.tab import InventoryTab

    create_app()
    act_as(demo_db, "dsga")
    tab = InventoryTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    assert _action(tab, "Carico…").isEnabled()
    assert _action(tab, "Carico…").toolTip() == "Prendere in carico uno o più beni"
    tab.table.selectRow(0)
    assert _action(tab, "Sposta…").isEnabled()
    assert not _action(tab, "Discarico…").isEnabled()   # the decree is the dirigente's
    assert _action(tab, "Discarico…").toolTip().endswith(
        "Serve il permesso «Decreti di discarico, vendita e cessione».")


def test_the_warehouse_tab_lets_the_collaboratore_ask_for_material_only(qtbot, demo_db):
    from iiss_desktop.ui.warehouse.tab import WarehouseTab

    create_app()
    act_as(demo_db, "collaboratore")
    tab = WarehouseTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    assert _action(tab, "Richiesta…").isEnabled()
    for text in ("Carico…", "Approva…", "Prelievo…", "Storno di un movimento…",
                 "Nuovo articolo…"):
        assert not _action(tab, text).isEnabled(), text
    assert "Serve il permesso «Approvazione delle richieste di materiale»." in \
        _action(tab, "Approva…").toolTip()


def test_tabs_follow_the_user_who_works_now(qtbot, demo_db):
    from iiss_desktop.ui.main_window import MainWindow, MissingPermissionPage

    create_app()
    act_as(demo_db, "dsga")
    window = MainWindow(demo_db)
    qtbot.addWidget(window)
    inventory = window.tab("Inventario")
    assert not isinstance(inventory, MissingPermissionPage)
    warehouse = window.tab("Magazzino")
    assert _action(warehouse, "Carico…").isEnabled()

    window._on_user_changed(act_as(demo_db, "collaboratore"))   # "Cambia utente"
    page = window.tab("Inventario")
    assert isinstance(page, MissingPermissionPage)
    assert "serve il permesso «Consultazione degli inventari»" in page.text()
    assert "«collaboratore» ha il ruolo: Collaboratore scolastico" in page.text()
    staff = window.tab("Personale e turni")   # a collaboratore sees the cleaning register alone
    assert not isinstance(staff, MissingPermissionPage)
    assert type(staff).__name__ == "CleaningTab"
    warehouse = window.tab("Magazzino")   # the collaboratore reads the warehouse
    assert not isinstance(warehouse, QLabel)
    assert not _action(warehouse, "Carico…").isEnabled()
    assert _action(warehouse, "Richiesta…").isEnabled()

    window._on_user_changed(act_as(demo_db, "dsga"))
    inventory = window.tab("Inventario")
    assert not isinstance(inventory, MissingPermissionPage)
    assert inventory.model.rowCount() > 0
    assert _action(inventory, "Carico…").isEnabled()


def _menu_button(tab, title: str):
    return tab._menus[title].parent()


def test_a_drop_down_with_nothing_allowed_is_disabled_and_says_why(qtbot, demo_db):
    from iiss_desktop.ui.warehouse.tab import WarehouseTab

    create_app()
    act_as(demo_db, "collaboratore")
    tab = WarehouseTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    # Every entry of «Anagrafica» needs «Articoli e magazzini», which a collaboratore lacks.
    master = _menu_button(tab, tab.MASTER)
    assert not master.isEnabled()
    assert master.toolTip() == ("Nessuna voce di «Anagrafica» è disponibile: servono permessi "
                                "che l'utente attuale non ha.")
    assert _menu_button(tab, tab.PRINTS).isEnabled()   # the prints are reads

    act_as(demo_db, "dsga")
    tab.refresh()                                      # a change of user reloads every tab
    assert _menu_button(tab, tab.MASTER).isEnabled()
    assert _menu_button(tab, tab.MASTER).toolTip() == ""


def test_the_buttons_of_a_list_follow_the_permission_of_their_service(qtbot, demo_db):
    from iiss_desktop.ui.inventory.values import RatesDialog
    from iiss_desktop.ui.warehouse.master_data import StoreroomsDialog

    create_app()
    act_as(demo_db, "revisore")          # sola lettura: opens the lists, changes nothing
    rooms = StoreroomsDialog(None, demo_db)
    qtbot.addWidget(rooms)
    rooms.table.selectRow(0)
    for name in ("new", "edit"):
        assert not rooms.buttons[name].isEnabled(), name
        assert rooms.buttons[name].toolTip() == "Serve il permesso «Articoli e magazzini»."
    rates = RatesDialog(None, demo_db)
    qtbot.addWidget(rates)
    assert not rates.add_button.isEnabled() and not rates.reset_button.isEnabled()
    assert rates.table.editTriggers() == rates.table.EditTrigger.NoEditTriggers

    act_as(demo_db, "dsga")
    rooms = StoreroomsDialog(None, demo_db)
    qtbot.addWidget(rooms)
    rooms.table.selectRow(0)
    assert rooms.buttons["new"].isEnabled() and rooms.buttons["edit"].isEnabled()
    rates = RatesDialog(None, demo_db)
    qtbot.addWidget(rates)
    assert rates.add_button.isEnabled()
