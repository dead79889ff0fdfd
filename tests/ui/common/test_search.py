from iiss_desktop.ui.common.search import SearchBox
from iiss_desktop.ui.common.table_model import Column, RowTableModel


def test_search_box_emits_after_debounce(qtbot):
    box = SearchBox()
    qtbot.addWidget(box)
    assert box.placeholderText() == "Cerca…"
    assert box.isClearButtonEnabled()
    with qtbot.waitSignal(box.search_changed, timeout=2000) as blocker:
        qtbot.keyClicks(box, "ros")
    assert blocker.args == ["ros"]


def test_search_box_drives_model_filter(qtbot):
    model = RowTableModel([Column("nome", "Nome")])
    model.set_rows([("Rossi",), ("Bianchi",)])
    box = SearchBox()
    qtbot.addWidget(box)
    box.connect_model(model)
    with qtbot.waitSignal(box.search_changed, timeout=2000):
        box.setText("bian")
    assert model.visible_count() == 1
    with qtbot.waitSignal(box.search_changed, timeout=2000) as blocker:
        box.clear()  # clearing is applied at once
    assert blocker.args == [""]
    assert model.visible_count() == 2


def test_a_search_with_no_hits_says_so_not_the_empty_archive_text(inventory_tab):
    tab = inventory_tab
    tab.search.setText("nessunbenecosì")
    tab.search.flush()
    assert tab.table_area.is_empty_shown()
    assert tab.table_area.empty_label.text() == "Nessun risultato per «nessunbenecosì»."
    tab.search.clear()                  # all the goods again; the empty text as it was
    assert not tab.table_area.is_empty_shown()
    tab.model.set_rows([], [])
    assert tab.table_area.empty_label.text() == tab.empty_text
