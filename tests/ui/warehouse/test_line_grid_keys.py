"""The line grid of every Magazzino dialog, by keyboard only: Tab after the last cell goes on
to the dialog's next field, Shift+Tab before the first back to the header, Enter on an empty
new row leaves the grid; the article found by words of its description (the picker)."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication

from iiss_desktop.queries import warehouse as q
from iiss_desktop.ui.warehouse.lines_dialog import LinesDialog
from tests.helpers.ui import open_warehouse_tab

pytestmark = pytest.mark.usefixtures("errors_raise")

ACTIONS = {"Richiesta": "new_request", "Carico": "new_carico",
           "Trasferimento": "new_transfer", "DPI": "distribute"}


def _run(qtbot, demo_db, monkeypatch, action, clerk):
    tab = open_warehouse_tab(qtbot, demo_db)
    seen = {}

    def exec_(dialog):
        dialog.show()
        dialog.activateWindow()
        assert QTest.qWaitForWindowActive(dialog)
        clerk(dialog, seen)
        return 0

    monkeypatch.setattr(LinesDialog, "exec", exec_)
    getattr(tab, ACTIONS[action])()
    return seen


def _inside(grid, widget) -> bool:
    return widget is grid or grid.isAncestorOf(widget)


@pytest.mark.parametrize("action", list(ACTIONS))
def test_tab_leaves_every_line_grid_both_ways(qtbot, demo_db, monkeypatch, action):
    def clerk(dialog, seen):
        grid = dialog.grid
        cells = grid.editors()
        cells[-1].setFocus()
        QTest.keyClick(cells[-1], Qt.Key_Tab)
        after = QApplication.focusWidget()
        seen["after"] = (after is not None and not _inside(grid, after)
                         and dialog.isAncestorOf(after))
        seen["next is ok"] = after is dialog.ok_button
        cells[0].setFocus()
        QTest.keyClick(cells[0], Qt.Key_Backtab)
        before = QApplication.focusWidget()
        seen["before"] = (before is not None and not _inside(grid, before)
                          and dialog.form.isAncestorOf(before))
        cells[0].setFocus()
        QTest.keyClick(cells[0], Qt.Key_Tab)   # inside the grid: the next cell
        seen["inside"] = QApplication.focusWidget() is cells[1]

    seen = _run(qtbot, demo_db, monkeypatch, action, clerk)
    assert seen == {"after": True, "next is ok": True, "before": True, "inside": True}


def test_enter_on_a_new_empty_row_leaves_the_grid_for_registra(qtbot, demo_db, monkeypatch):
    article = next(a for a in q.list_article_rows(demo_db) if not a.tracks_lots)

    def clerk(dialog, seen):
        grid = dialog.grid
        QTest.keyClicks(grid.rows[0].code, article.code)
        QTest.keyClick(grid.rows[0].code, Qt.Key_Return)
        QTest.keyClicks(QApplication.focusWidget(), "3")
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)   # a new row
        seen["rows"] = len(grid.rows)
        QTest.keyClick(QApplication.focusWidget(), Qt.Key_Return)   # empty: done
        seen["focus on Registra"] = QApplication.focusWidget() is dialog.ok_button

    seen = _run(qtbot, demo_db, monkeypatch, "Richiesta", clerk)
    assert seen == {"rows": 2, "focus on Registra": True}


def test_the_article_is_found_by_words_of_its_description(qtbot, demo_db, monkeypatch):
    articles = q.list_article_rows(demo_db)
    article = next(a for a in articles if len(a.description.split()) > 1
                   and sum(a.description.split()[1].casefold() in b.description.casefold()
                           for b in articles) == 1)
    words = article.description.split()
    typed = f"{words[1][:4]} {words[0][:3]}".lower()    # out of order, cut short

    def clerk(dialog, seen):
        code = dialog.grid.rows[0].code
        QTest.keyClicks(code, typed)
        seen["first"] = code.matches()[0].value
        QTest.keyClick(code, Qt.Key_Return)
        seen["code"] = code.text()
        seen["focus"] = QApplication.focusWidget() is dialog.grid.rows[0].quantity

    seen = _run(qtbot, demo_db, monkeypatch, "Richiesta", clerk)
    assert seen == {"first": article.id, "code": article.code, "focus": True}


def test_a_scanned_unknown_code_picks_no_article_that_contains_it(qtbot, demo_db,
                                                                   monkeypatch):
    article = max(q.list_article_rows(demo_db), key=lambda a: len(a.code))
    unknown = article.code[1:]    # part of a real code: listed, but not what was read

    def clerk(dialog, seen):
        code = dialog.grid.rows[0].code
        QTest.keyClicks(code, unknown)
        seen["listed"] = article.code in " ".join(code.popup_texts())
        QTest.keyClick(code._completer.popup(), Qt.Key_Return)   # the reader's Enter
        seen["article"] = dialog.grid.rows[0].article
        seen["error"] = f"codice «{unknown}» sconosciuto" in dialog.grid.error_text()

    seen = _run(qtbot, demo_db, monkeypatch, "Richiesta", clerk)
    assert seen == {"listed": True, "article": None, "error": True}


def test_the_arrows_and_enter_pick_the_article_highlighted(qtbot, demo_db, monkeypatch):
    def clerk(dialog, seen):
        code = dialog.grid.rows[0].code
        QTest.keyClicks(code, "carta")
        second = code.matches()[1]
        popup = code._completer.popup()
        QTest.keyClick(popup, Qt.Key_Down)
        QTest.keyClick(popup, Qt.Key_Down)
        QTest.keyClick(popup, Qt.Key_Return)
        seen["code"] = code.text() == second.code
        seen["focus"] = QApplication.focusWidget() is dialog.grid.rows[0].quantity

    seen = _run(qtbot, demo_db, monkeypatch, "Richiesta", clerk)
    assert seen == {"code": True, "focus": True}
