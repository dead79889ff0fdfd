"""Keyboard first (issue 13 item 1): every action of a tab in the Azioni menu and, for the
selected rows, in their context menu; no shortcut twice in a window; tabs by keyboard; the
Scorciatoie dialog lists what the actions say."""
from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu

from tests.helpers.ui import select_ids

pytestmark = pytest.mark.usefixtures("errors_raise")


def _menu_actions(menu: QMenu) -> list:
    """Every action reachable in ``menu``, submenus included (not the submenus' own)."""
    out = []
    for action in menu.actions():
        if action.menu() is not None:
            out += _menu_actions(action.menu())
        elif not action.isSeparator():
            out.append(action)
    return out


def _tabs_with_actions(window):
    for index in range(window.tabs.count()):
        title = window.tabs.tabText(index)
        widget = window.tab(title)
        if hasattr(widget, "all_actions"):
            yield title, widget


def _window_actions(window) -> list:
    return [a for entry in window.menuBar().actions() if entry.menu() is not None
            and entry.menu() is not window.actions_menu
            for a in _menu_actions(entry.menu())]


def _activate(window, qtbot) -> None:
    """The main window active (its shortcuts work), also after a dialog was closed."""
    window.activateWindow()
    assert QTest.qWaitForWindowActive(window)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is window)


def test_every_action_of_every_tab_is_in_the_azioni_menu(main_window):
    seen = []
    for title, tab in _tabs_with_actions(main_window):
        main_window.actions_menu.aboutToShow.emit()
        in_menu = _menu_actions(main_window.actions_menu)
        missing = [a.text() for a in tab.all_actions() if a not in in_menu]
        assert not missing, f"{title}: {missing}"
        seen.append(title)
        # Only this tab's: a hidden tab's shortcuts must not stay active through the menu.
        others = [a for a in in_menu if a not in tab.all_actions()]
        assert others == [], f"{title}: {[a.text() for a in others]}"
    assert {"Inventario", "Magazzino"} <= set(seen)


def test_the_azioni_menu_keeps_the_toolbar_permissions(main_window, demo_db):
    from iiss_desktop.domain.access import SOLA_LETTURA
    from tests.helpers.users import act_as_office

    act_as_office(demo_db, "sola-lettura", roles=(SOLA_LETTURA,))
    tab = main_window.tab("Inventario")
    tab.refresh()
    select_ids(tab, tab.model.row_id(0))
    main_window.actions_menu.aboutToShow.emit()
    by_text = {a.text(): a for a in _menu_actions(main_window.actions_menu)}
    assert not by_text["Carico…"].isEnabled() and "Serve il permesso" in by_text[
        "Carico…"].toolTip()
    assert by_text["Stampa registro"].isEnabled()   # a print: for every reader


def test_no_two_actions_of_a_window_share_a_shortcut(main_window):
    window_keys = [s.toString() for a in _window_actions(main_window) for s in a.shortcuts()]
    assert len(window_keys) == len(set(window_keys)), window_keys
    for title, tab in _tabs_with_actions(main_window):
        keys = window_keys + [s.toString() for a in tab.all_actions() for s in a.shortcuts()]
        doubles = sorted({k for k in keys if keys.count(k) > 1})
        assert doubles == [], f"{title}: {doubles}"


def test_frequent_actions_have_shortcuts(main_window):
    expected = {"Inventario": {"Carico…": "Ctrl+N", "Sposta…": "Ctrl+M", "Discarico…": "Ctrl+D",
                               "Stampa registro": "Ctrl+P", "Cerca": "Ctrl+F"},
                "Magazzino": {"Carico…": "Ctrl+N", "Richiesta…": "Ctrl+R",
                              "Approva…": "Ctrl+Shift+A", "Prelievo…": "Ctrl+B",
                              "Cerca": "Ctrl+F"}}
    for title, wanted in expected.items():
        tab = main_window.tab(title)
        keys = {a.text(): a.shortcut().toString() for a in tab.all_actions()}
        assert {t: keys[t] for t in wanted} == wanted


def test_ctrl_tab_and_alt_number_switch_tabs(main_window, qtbot):
    _activate(main_window, qtbot)
    main_window.tabs.setCurrentIndex(0)
    QTest.keyClick(main_window, Qt.Key_Tab, Qt.ControlModifier)
    assert main_window.tabs.currentIndex() == 1
    QTest.keyClick(main_window, Qt.Key_PageDown, Qt.ControlModifier)
    assert main_window.tabs.currentIndex() == 2
    QTest.keyClick(main_window, Qt.Key_PageUp, Qt.ControlModifier)
    assert main_window.tabs.currentIndex() == 1
    QTest.keyClick(main_window, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert main_window.tabs.currentIndex() == 0
    QTest.keyClick(main_window, Qt.Key_Backtab, Qt.ControlModifier | Qt.ShiftModifier)
    assert main_window.tabs.currentIndex() == main_window.tabs.count() - 1   # wraps round
    QTest.keyClick(main_window, Qt.Key_3, Qt.AltModifier)
    assert main_window.tabs.currentIndex() == 2
    QTest.keyClick(main_window, Qt.Key_1, Qt.AltModifier)
    assert main_window.tabs.currentIndex() == 0


def test_ctrl_n_is_the_carico_of_the_tab_shown(main_window, qtbot):
    from tests.helpers.ui import on_next_modal

    titles = []
    for tab_title in ("Magazzino", "Inventario"):
        _activate(main_window, qtbot)      # again: the first form took the activation
        tab = main_window.tab(tab_title)
        tab.table.setFocus()
        on_next_modal(lambda dialog: titles.append(dialog.windowTitle()))
        QTest.keyClick(tab.table, Qt.Key_N, Qt.ControlModifier)
    assert titles == ["Carico di magazzino (buono di versamento)", "Carico inventariale"]


def test_ctrl_f_goes_to_the_search_box(main_window, qtbot):
    _activate(main_window, qtbot)
    tab = main_window.tab("Inventario")
    tab.table.setFocus()
    QTest.keyClick(tab.table, Qt.Key_F, Qt.ControlModifier)
    assert QApplication.focusWidget() is tab.search


def test_toolbar_buttons_are_reached_with_tab(main_window, qtbot):
    from PySide6.QtWidgets import QToolButton

    _activate(main_window, qtbot)
    tab = main_window.tab("Magazzino")
    buttons = [w for w in map(tab.toolbar.widgetForAction, tab.toolbar.actions())
               if isinstance(w, QToolButton)]
    assert buttons and all(b.focusPolicy() & Qt.TabFocus for b in buttons)
    tab.store_filter.setFocus()
    QTest.keyClick(tab.store_filter, Qt.Key_Tab)
    assert QApplication.focusWidget() is buttons[0]          # Carico…
    QTest.keyClick(buttons[0], Qt.Key_Tab)
    assert QApplication.focusWidget() is buttons[1]
    # The drop-downs draw their arrow once: no "▾" in the text.
    menus = [b for b in buttons if b.objectName().startswith("menu_")]
    assert menus and all("▾" not in b.text() for b in menus)


def _open_row_menu(tab) -> QMenu:
    pos = QPoint(10, 10)
    event = QContextMenuEvent(QContextMenuEvent.Keyboard, pos, tab.table.mapToGlobal(pos))
    QApplication.sendEvent(tab.table, event)      # the Menu key on the list
    menu = QApplication.activePopupWidget()
    assert isinstance(menu, QMenu)
    return menu


def test_the_menu_key_on_selected_goods_lists_their_actions(main_window, qtbot):
    _activate(main_window, qtbot)
    tab = main_window.tab("Inventario")
    select_ids(tab, tab.model.row_id(0))
    menu = _open_row_menu(tab)
    try:
        texts = {a.text(): a.isEnabled() for a in menu.actions()}
        assert texts["Sposta…"] and texts["Discarico…"] is not None
        assert "Affidamento dei beni selezionati…" in texts and "Stampa registro" in texts
        # Not about the rows: the carico of a new good is not there.
        assert "Carico…" not in texts
        assert set(texts) == {a.text() for a in tab.row_actions()}
    finally:
        menu.close()


def test_a_right_click_outside_the_selection_selects_that_row(main_window, qtbot):
    _activate(main_window, qtbot)
    tab = main_window.tab("Magazzino")
    select_ids(tab, tab.model.row_id(0))
    rect = tab.table.visualRect(tab.model.index(1, 1))
    tab.table.customContextMenuRequested.emit(rect.center())
    menu = QApplication.activePopupWidget()
    try:
        assert tab.selected_id() == tab.model.row_id(1)
        assert "Modifica articolo…" in {a.text() for a in menu.actions()}
    finally:
        menu.close()


def test_scorciatoie_lists_the_shortcuts_of_every_tab(main_window, qtbot):
    from iiss_desktop.ui.shortcuts import ShortcutsDialog

    before = main_window.tabs.currentIndex()
    sections = main_window.shortcut_sections()
    assert main_window.tabs.currentIndex() == before
    dialog = ShortcutsDialog(main_window, sections)
    qtbot.addWidget(dialog)
    rows = dialog.rows()
    assert ("Carico…", "Ctrl+N") in rows["Inventario"]
    assert ("Prelievo…", "Ctrl+B") in rows["Magazzino"]
    window = dict(rows["Finestra principale"])
    assert window["Scheda successiva"].startswith("Ctrl+Tab")
    assert "indietro" not in window["Scheda precedente"]
    assert window["Scorciatoie da tastiera…"] == "F1"
    assert any(keys == "Ctrl+Invio" for _what, keys in rows["Nelle finestre di inserimento"])
