from datetime import date
from decimal import Decimal

import pytest
from PySide6.QtCore import Qt

from iiss_desktop.ui.common.table_model import (
    SORT_ROLE,
    Column,
    RowTableModel,
    date_column,
    money_column,
)
from iiss_desktop.ui.common.table_view import EmptyStateTable, make_table_view

ROWS = [
    ("Rossi Mario", "Città di Castello", Decimal("1234.50"), date(2026, 1, 10)),
    ("bianchi anna", "Roma", Decimal("99.90"), date(2025, 12, 31)),
    ("Verdi Luca", "Città Sant'Angelo", None, None),
    ("Neri Paola", "Milano", Decimal("0.00"), date(2026, 3, 1)),
]


def make_model():
    model = RowTableModel([
        Column("nome", "Nome"),
        Column("citta", "Città"),
        money_column("importo", "Importo"),
        date_column("data", "Data"),
    ])
    model.set_rows(ROWS, ids=[10, 20, 30, 40])
    return model


def column_values(model, col, role=Qt.DisplayRole):
    return [model.index(r, col).data(role) for r in range(model.rowCount())]


def test_display_is_preformatted_and_aligned():
    model = make_model()
    assert model.index(0, 2).data() == "1.234,50\u00a0€"
    assert model.index(0, 3).data() == "10/01/2026"
    assert model.index(2, 2).data() == ""
    assert model.index(0, 2).data(SORT_ROLE) == Decimal("1234.50")
    assert model.index(0, 2).data(Qt.TextAlignmentRole) == Qt.AlignRight | Qt.AlignVCenter
    assert model.index(0, 0).data(Qt.ToolTipRole) == "Rossi Mario"
    assert model.headerData(1, Qt.Horizontal) == "Città"
    assert model.row_id(1) == 20
    assert model.row(1) == ROWS[1]


def test_modeltester_with_rows_sorting_and_filter(qtmodeltester):
    model = make_model()
    qtmodeltester.check(model)
    model.sort(2, Qt.DescendingOrder)
    qtmodeltester.check(model)
    model.set_filter("città")
    qtmodeltester.check(model)


def test_sort_money_by_raw_value_not_text():
    model = make_model()
    model.sort(2, Qt.AscendingOrder)
    assert column_values(model, 2, SORT_ROLE) == [Decimal("0.00"), Decimal("99.90"),
                                                  Decimal("1234.50"), None]
    model.sort(2, Qt.DescendingOrder)
    # None stays last in both directions.
    assert column_values(model, 2, SORT_ROLE) == [Decimal("1234.50"), Decimal("99.90"),
                                                  Decimal("0.00"), None]


def test_sort_dates_chronologically_and_strings_casefold():
    model = make_model()
    model.sort(3, Qt.AscendingOrder)
    assert column_values(model, 3) == ["31/12/2025", "10/01/2026", "01/03/2026", ""]
    model.sort(0, Qt.AscendingOrder)
    assert column_values(model, 0) == ["bianchi anna", "Neri Paola", "Rossi Mario", "Verdi Luca"]
    model.sort(-1, Qt.AscendingOrder)
    assert [model.row_id(r) for r in range(4)] == [10, 20, 30, 40]


def test_sort_is_kept_after_filter_and_set_rows():
    model = make_model()
    model.sort(2, Qt.AscendingOrder)
    model.set_filter("a")  # every row contains an "a"
    assert column_values(model, 2, SORT_ROLE)[:3] == [Decimal("0.00"), Decimal("99.90"),
                                                      Decimal("1234.50")]
    model.set_rows(list(reversed(ROWS)), ids=[40, 30, 20, 10])
    assert model.sort_column() == 2
    assert column_values(model, 2, SORT_ROLE) == [Decimal("0.00"), Decimal("99.90"),
                                                  Decimal("1234.50"), None]
    assert model.row_id(0) == 40


def test_filter_words_accents_and_no_match():
    model = make_model()
    model.set_filter("Città")
    assert model.visible_count() == 2
    model.set_filter("città  castello")  # all words must match, in any position
    assert model.visible_count() == 1
    assert model.row_id(0) == 10
    model.set_filter("CITTA angelo")  # case- and accent-insensitive
    assert [model.row_id(r) for r in range(model.rowCount())] == [30]
    model.set_filter("1.234,50")  # the shown text is searchable
    assert model.row_id(0) == 10
    model.set_filter("nessuno")
    assert model.rowCount() == 0
    assert model.row_count_total() == 4
    model.set_filter("")
    assert model.visible_count() == 4


def test_hundred_thousand_rows():
    n = 100_000
    rows = [(f"Alunno {i:06d}", Decimal(i % 1000) / 4, date(2020 + i % 7, 1 + i % 12, 1 + i % 28))
            for i in range(n)]
    model = RowTableModel([Column("nome", "Nome"), money_column("imp", "Importo"),
                           date_column("data", "Data")])
    model.set_rows(rows, ids=range(n))
    assert model.rowCount() == n
    model.sort(1, Qt.DescendingOrder)
    assert model.index(0, 1).data(SORT_ROLE) == Decimal("249.75")
    assert model.index(n - 1, 1).data(SORT_ROLE) == Decimal("0")
    model.set_filter("alunno 0999")
    expected = {i for i in range(n) if "0999" in f"{i:06d}"}
    assert {model.row_id(r) for r in range(model.rowCount())} == expected
    values = column_values(model, 1, SORT_ROLE)
    assert values == sorted(values, reverse=True)


def test_sort_keeps_selection_on_same_row(qtbot):
    model = make_model()
    view = make_table_view(model)
    qtbot.addWidget(view)
    view.selectRow(1)  # bianchi anna, id 20
    view.sortByColumn(2, Qt.DescendingOrder)
    selected = view.selectionModel().selectedRows()
    assert [model.row_id(i.row()) for i in selected] == [20]


def test_table_view_configuration(qtbot):
    model = make_model()
    view = make_table_view(model)
    qtbot.addWidget(view)
    assert view.isSortingEnabled()
    assert view.verticalHeader().isHidden()
    assert view.verticalHeader().defaultSectionSize() == 24
    assert view.horizontalHeader().resizeContentsPrecision() == 50
    # Enabling sorting must not reorder the rows: the loading order is kept.
    assert [model.row_id(r) for r in range(4)] == [10, 20, 30, 40]
    view.horizontalHeader().setSortIndicator(2, Qt.AscendingOrder)  # like a header click
    assert model.sort_column() == 2
    assert model.row_id(0) == 40


def test_empty_state_table(qtbot):
    model = RowTableModel([Column("nome", "Nome")])
    widget = EmptyStateTable(model, "Nessun elemento da mostrare")
    qtbot.addWidget(widget)
    widget.show()
    assert widget.is_empty_shown()
    assert widget.empty_label.isVisible()
    assert widget.empty_label.text() == "Nessun elemento da mostrare"
    model.set_rows([("Rossi",)])
    assert not widget.is_empty_shown()
    assert widget.table.isVisible()
    model.set_filter("zzz")
    assert widget.is_empty_shown()


def test_column_rejects_bad_alignment():
    with pytest.raises(ValueError):
        Column("x", "X", align="middle")


def test_idle_built_search_index_matches_a_synchronous_one(qtbot):
    from iiss_desktop.ui.common.table_model import HAY_CHUNK

    n = HAY_CHUNK * 3 + 17
    rows = [(i, f"Voce {i} – Città di Velletri" if i % 7 == 0 else f"Voce {i}") for i in range(n)]
    idle = RowTableModel([Column("n", "N."), Column("t", "Testo")])
    idle.set_rows(rows)
    qtbot.waitUntil(lambda: idle._hay is not None and len(idle._hay) == n, timeout=10000)
    sync = RowTableModel([Column("n", "N."), Column("t", "Testo")])
    sync.set_rows(rows)
    sync.set_filter("citta velletri")         # builds the index at once
    idle.set_filter("citta velletri")
    assert idle.visible_count() == sync.visible_count() == len(range(0, n, 7))
    assert [idle.row(r) for r in range(5)] == [sync.row(r) for r in range(5)]


def test_new_rows_during_indexing_discard_the_old_index(qtbot):
    from iiss_desktop.ui.common.table_model import HAY_CHUNK

    model = RowTableModel([Column("t", "Testo")])
    model.set_rows([("vecchio",)] * (HAY_CHUNK * 2))
    model.set_rows([("nuovo",)] * (HAY_CHUNK * 2))
    qtbot.waitUntil(lambda: model._hay is not None and len(model._hay) == HAY_CHUNK * 2,
                    timeout=10000)
    model.set_filter("vecchio")
    assert model.visible_count() == 0
    model.set_filter("nuovo")
    assert model.visible_count() == HAY_CHUNK * 2
