"""A change reloads only the screens showing its area, once, and hidden tabs when shown."""
from __future__ import annotations

import pytest

from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.main_window import MainWindow


@pytest.fixture
def window(qtbot, demo_db):
    create_app()
    w = MainWindow(demo_db)
    qtbot.addWidget(w)
    w.show()
    return w


def test_a_warehouse_change_never_reloads_the_inventory_grid(window):
    inventory = window.tab("Inventario")
    warehouse = window.tab("Magazzino")          # now in view
    before = inventory.changes.reloads
    window.events.data_changed.emit("warehouse")
    assert warehouse.changes.reloads == 1
    assert inventory.changes.reloads == before and not inventory.changes.stale


def test_a_hidden_tab_reloads_once_when_shown(window):
    inventory = window.tab("Inventario")
    window.tab("Magazzino")
    window.events.data_changed.emit("inventory")
    window.events.data_changed.emit("inventory")
    assert inventory.changes.stale and inventory.changes.reloads == 0
    window.tab("Inventario")
    assert inventory.changes.reloads == 1 and not inventory.changes.stale


def test_a_change_of_the_school_reloads_the_areas_naming_its_rooms(window):
    inventory = window.tab("Inventario")
    window.events.data_changed.emit("school")
    assert inventory.changes.reloads == 1
    window.events.data_changed.emit("funds")
    assert inventory.changes.reloads == 1


def resets(model) -> list:
    seen: list = []
    model.modelReset.connect(lambda: seen.append(1))
    return seen


def test_a_warehouse_movement_reloads_its_tab_once(window):
    from iiss_desktop.services.warehouse.posting import MovementRef

    warehouse = window.tab("Magazzino")
    inventory_resets = resets(window.tab("Inventario").model)
    window.tab("Magazzino")
    warehouse_resets = resets(warehouse.model)
    warehouse._changed(MovementRef(1, 1, 2026), "carico")   # what every movement dialog calls
    assert len(warehouse_resets) == 1
    window.tab("Inventario")
    assert inventory_resets == []
