"""Strumenti › Cerca… (Ctrl+K) on the demo: the box opens, the results follow the typing,
↑/↓ choose and Invio opens the record's scheda; «Nessun risultato» when nothing matches."""
from __future__ import annotations

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QApplication


def _open_search(main_window, qtbot, *, keys: bool = True):
    if keys:
        main_window.activateWindow()
        qtbot.keyClick(main_window, Qt.Key_K, Qt.ControlModifier)
    else:       # the menu's command (offscreen, no window is active after a modal closed)
        main_window.search_action.trigger()
    dialog = main_window.search_dialog
    qtbot.waitUntil(dialog.isVisible)
    return dialog


def _typed(qtbot, dialog, text: str) -> None:
    qtbot.keyClicks(dialog.edit, text)
    qtbot.waitUntil(lambda: dialog.searched == text)   # after the pause: the whole text


def _rows(dialog) -> list[tuple[str, str]]:
    tree = dialog.results
    return [(tree.topLevelItem(i).text(0), tree.topLevelItem(i).text(1))
            for i in range(tree.topLevelItemCount())]


def test_ctrl_k_is_strumenti_cerca(main_window):
    action = main_window.search_action
    assert action.text() == "Cerca…" and action.shortcut().toString() == "Ctrl+K"
    tools = next(a.menu() for a in main_window.menuBar().actions()
                 if a.text() == "S&trumenti")
    assert action in tools.actions()


def test_typing_shows_results_and_enter_opens_the_scheda(main_window, qtbot):
    dialog = _open_search(main_window, qtbot)
    _typed(qtbot, dialog, "didattica scientifica")
    rows = _rows(dialog)
    assert ("Acquisti · Fornitore", "Didattica Scientifica Srl") in rows
    # The articles sold by the supplier too, more than are shown.
    assert dialog.status.text() == (f"{len(rows)} risultati. Altri articoli non mostrati: "
                                    "aggiungere una parola per restringere la ricerca.")
    # ↓ from the box moves in the list, to the supplier's row.
    target = rows.index(("Acquisti · Fornitore", "Didattica Scientifica Srl"))
    for _ in range(target):
        qtbot.keyClick(dialog.edit, Qt.Key_Down)
    assert dialog.selected_hit().title == "Didattica Scientifica Srl"

    seen = []

    def close_scheda():
        scheda = QApplication.activeModalWidget()
        seen.append(scheda.windowTitle() if scheda is not None else None)
        if scheda is not None:
            scheda.reject()

    QTimer.singleShot(0, close_scheda)
    qtbot.keyClick(dialog.edit, Qt.Key_Return)
    assert seen == ["Scheda – Didattica Scientifica Srl – P. IVA 07345120724"]
    assert not dialog.isVisible()              # stepped aside for the scheda
    # Again: the same search, its text selected.
    dialog = _open_search(main_window, qtbot, keys=False)
    assert dialog.edit.text() == "didattica scientifica" and dialog.edit.selectedText()


def test_a_good_by_its_number_opens_its_scheda(main_window, qtbot):
    dialog = _open_search(main_window, qtbot)
    _typed(qtbot, dialog, "12")
    first = dialog.selected_hit()
    assert first.exact and first.kind in ("Bene", "Impegno", "Mandato", "Acquisto", "Fattura")
    seen = []

    def close_scheda():
        scheda = QApplication.activeModalWidget()
        seen.append(scheda.windowTitle())
        scheda.reject()

    QTimer.singleShot(0, close_scheda)
    qtbot.keyClick(dialog.results, Qt.Key_Return)
    assert seen and seen[0].startswith("Scheda – ") and first.title.split(" – ")[0] in seen[0]


def test_nothing_found_says_so_and_esc_closes(main_window, qtbot):
    dialog = _open_search(main_window, qtbot)
    _typed(qtbot, dialog, "zzqqxx")
    assert dialog.status.text() == "Nessun risultato."
    assert dialog.results.topLevelItemCount() == 0
    qtbot.keyClick(dialog.edit, Qt.Key_Return)     # nothing to open: nothing happens
    qtbot.keyClick(dialog.edit, Qt.Key_Escape)
    assert not dialog.isVisible()


def test_a_decree_of_discharge_and_a_material_request_open_their_schede(main_window, qtbot):
    dialog = _open_search(main_window, qtbot)
    for text, kind in (("decreto discarico furto", "Decreto di discarico"),
                       ("richiesta materiale 1/2025", "Richiesta di materiale")):
        dialog.edit.clear()
        _typed(qtbot, dialog, text)
        hit = dialog.selected_hit()
        assert hit.kind == kind
        seen = []

        def close_scheda(seen=seen):
            scheda = QApplication.activeModalWidget()
            seen.append(scheda.windowTitle())
            scheda.reject()

        QTimer.singleShot(0, close_scheda)
        assert dialog.open_selected()
        # «Scheda – Decreto di discarico n. 114 del 12/03/2025», «… materiale n. 1/2025»
        assert seen == ["Scheda – " + hit.title.split(" – ")[0]]
        dialog = _open_search(main_window, qtbot, keys=False)


def test_the_index_is_built_on_the_thread_pool_when_the_box_opens(main_window, qtbot):
    """Seconds with 100,000 goods: the box stays responsive while its index is built."""
    import threading

    from iiss_desktop.queries import search as search_module

    threads = []
    real_warm = search_module.SearchIndex.warm

    def recording_warm(self, db):
        threads.append(threading.current_thread())
        return real_warm(self, db)

    search_module.SearchIndex.warm = recording_warm
    try:
        dialog = _open_search(main_window, qtbot, keys=False)
        qtbot.waitUntil(lambda: getattr(dialog, "_warming", None) is not None)
        assert dialog._warming.wait_done(60_000)
    finally:
        search_module.SearchIndex.warm = real_warm
    assert threads and threads[0] is not threading.main_thread()
    assert search_module.search_index(main_window.db).builds > 0
    _typed(qtbot, dialog, "didattica scientifica")
    assert ("Acquisti · Fornitore", "Didattica Scientifica Srl") in _rows(dialog)


def test_a_document_hit_opens_the_ufficio_tab_on_its_row(main_window, qtbot):
    from iiss_desktop.ui.search import open_hit

    dialog = _open_search(main_window, qtbot, keys=False)
    _typed(qtbot, dialog, "direttiva emergenza")
    hit = next(h for h in dialog.hits if h.kind == "Documento")
    assert ("Ufficio · Documento", hit.title) in _rows(dialog)
    assert open_hit(dialog, main_window.db, hit.key) is False      # nothing saved
    tab = main_window.tabs.currentWidget()
    assert tab.area == "office" and tab.current() is tab.documents
    assert tab.documents.selected_id() == hit.key[1]
    assert not dialog.isVisible()
    # a start-page line of a monitoraggio leads to its page
    main_window.open_area("office:surveys")
    assert main_window.tabs.currentWidget().current() is tab.surveys
