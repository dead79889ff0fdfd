"""Importa inventario…: a wrong file shows its errors and «Importa» stays disabled; once the file
is corrected it imports. Esporta inventario… from the tab writes a file the dialog can read."""
from __future__ import annotations

import csv
from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from iiss_desktop.domain.inventory.import_ import HEADERS
from iiss_desktop.queries.inventory.items import list_items
from iiss_desktop.services.school import save_room, save_site
from iiss_desktop.ui.inventory import import_dialog
from iiss_desktop.ui.inventory.import_dialog import ImportDialog
from tests.helpers.ui import on_next_modal, save_screenshot


def _write(path: Path, rows: list[dict]) -> Path:
    with open(path, "w", encoding="utf-8-sig", newline="") as f:
        writer = csv.writer(f, delimiter=";")
        writer.writerow(HEADERS)
        for r in rows:
            writer.writerow([r.get(h, "") for h in HEADERS])
    return path


def _row(number: int, **changes) -> dict:
    row = {"Inventario": "beni mobili", "Numero": str(number), "Data di carico": "15/10/2020",
           "Descrizione": "Banco biposto", "Plesso": "SEDE", "Locale": "Aula 1A",
           "Stato": "buono", "Valore": "250,00", "Provenienza": "acquisto"}
    row.update(changes)
    return row


@pytest.fixture
def school_db(db):
    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    save_room(db, {"site_id": site, "name": "Aula 1A"})
    return db


def _table(dialog) -> list[list[str]]:
    t = dialog.errors_table
    return [[t.item(r, c).text() for c in range(t.columnCount())] for r in range(t.rowCount())]


def test_wrong_file_shows_errors_and_import_stays_disabled(qtbot, school_db, tmp_path,
                                                           monkeypatch):
    path = _write(tmp_path / "inventario.csv",
                  [_row(1), _row(2, **{"Data di carico": "31/02/2020"}), _row(4, Stato="nuovo")])
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(path))
    dialog = ImportDialog(None, school_db)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.import_button.isEnabled()

    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert _table(dialog) == [
        ["3", "Data di carico", "una data gg/mm/aaaa", "31/02/2020"],
        ["4", "Stato", "uno stato di conservazione tra ottimo, buono, discreto, mediocre, "
                       "inservibile", "nuovo"],
        ["4", "Numero", "il numero 3 (il successivo di n. 2 dell'inventario beni mobili: "
                        "numerazione progressiva senza salti né ripetizioni)", "4"],
    ]
    assert dialog.summary_label.text() == (
        "File «inventario.csv»: 3 righe lette. Errori: 3 in 2 righe. Non sarà importato nulla "
        "finché il file non è corretto.")
    assert not dialog.import_button.isEnabled()
    save_screenshot(dialog, "import_dialog_errors.png")
    assert list_items(school_db) == ([], [])

    # The clerk corrects the file and checks it again: now it can be imported.
    _write(path, [_row(1), _row(2), _row(3)])
    qtbot.mouseClick(dialog.recheck_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.import_button.isEnabled(),
                    timeout=10_000)
    assert dialog.errors_table.isHidden()
    assert dialog.summary_label.text() == (
        "File «inventario.csv»: 3 righe lette. Nessun errore: si possono importare.\n"
        "beni mobili: 3 beni, 750,00\u00a0€")
    save_screenshot(dialog, "import_dialog_clean.png")
    shown = []
    monkeypatch.setattr(import_dialog.QMessageBox, "information",
                        lambda parent, title, text: shown.append(text))
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert shown == ["Importati 3 beni da «inventario.csv».\nbeni mobili: 3 beni, 750,00\u00a0€"]
    assert [r[1] for r in list_items(school_db)[0]] == [1, 2, 3]


def test_tab_exports_and_the_dialog_refuses_the_same_goods_twice(qtbot, demo_db, tmp_path,
                                                                 monkeypatch, main_window):
    tab = main_window.tab("Inventario")
    actions = {a.text(): a for a in tab._actions}
    target = tmp_path / "esportato.xlsx"
    monkeypatch.setattr(import_dialog, "choose_save_file", lambda parent: str(target))
    messages = []
    monkeypatch.setattr(import_dialog.QMessageBox, "information",
                        lambda parent, title, text: messages.append(text))
    actions["Esporta inventario…"].trigger()
    qtbot.waitUntil(lambda: bool(messages), timeout=30_000)
    goods = len(list_items(demo_db)[0])
    assert messages == [f"Esportati {goods} beni in «esportato.xlsx».\nIl file si può "
                        "reimportare così com'è, anche in un altro archivio."]

    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(target))
    seen = {}

    def inspect_dialog(dialog):
        assert isinstance(dialog, ImportDialog)
        qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
        qtbot.waitUntil(lambda: dialog.report is not None, timeout=30_000)
        seen["first"] = _table(dialog)[0]
        seen["import_enabled"] = dialog.import_button.isEnabled()

    on_next_modal(inspect_dialog)
    actions["Importa inventario…"].trigger()
    # The goods are already in this archive: number 1 of beni mobili cannot be recorded again.
    assert seen["first"][:2] == ["2", "Numero"] and seen["first"][3] == "1"
    assert seen["import_enabled"] is False
    assert len(list_items(demo_db)[0]) == goods


def test_summary_counts_discharged_and_lent_goods(qtbot, school_db, tmp_path, monkeypatch):
    decree = {"Situazione": "scaricato", "Decreto di discarico n.": "7",
              "Decreto del": "20/05/2023", "Causa del discarico": "Furto"}
    path = _write(tmp_path / "registro.csv",
                  [_row(1), _row(2, **decree), _row(3, Situazione="in comodato"),
                   _row(4, Situazione="in comodato")])
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(path))
    dialog = ImportDialog(None, school_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None and dialog.import_button.isEnabled(),
                    timeout=10_000)
    # Hand-computed: 4 goods of 250,00 €; one discharged by one decree; two in comodato.
    assert dialog.summary_label.text() == (
        "File «registro.csv»: 4 righe lette. Nessun errore: si possono importare.\n"
        "beni mobili: 4 beni, 1.000,00\u00a0€\n"
        "Di cui scaricati: 1 bene, 250,00\u00a0€, con 1 decreto di discarico (restano nel "
        "registro con il loro numero, annotati come scaricati).\n"
        "Nota: 2 beni risultano «in comodato» nel file e saranno importati «in uso»: i "
        "contratti di comodato non fanno parte del file di scambio e vanno registrati di nuovo "
        "(Inventario › Comodato).")
    save_screenshot(dialog, "import_dialog_discharged.png")
    monkeypatch.setattr(import_dialog.QMessageBox, "information", lambda *a: None)
    qtbot.mouseClick(dialog.import_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.imported is not None, timeout=10_000)
    assert [(r[1], r[-1]) for r in list_items(school_db)[0]] == [
        (1, "in uso"), (2, "scaricato"), (3, "in uso"), (4, "in uso")]


def test_art31_errors_and_warnings_are_shown_by_the_dry_run(qtbot, school_db, tmp_path,
                                                            monkeypatch):
    # A 15,00 € mouse in beni mobili in 2024: an error (art. 31 c.5); the same in 2015, before
    # D.I. 129/2018: accepted with a warning shown before importing.
    wrong = _write(tmp_path / "art31.csv", [
        _row(1, Descrizione="Mouse ottico USB", Valore="15,00", **{"Data di carico":
                                                                   "10/10/2024"})])
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(wrong))
    dialog = ImportDialog(None, school_db)
    qtbot.addWidget(dialog)
    dialog.resize(1366, 768)
    dialog.show()
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    rows = _table(dialog)
    assert len(rows) == 1 and rows[0][:2] == ["2", "Inventario"]
    assert "(art. 31 c.5)" in " ".join(rows[0])
    assert not dialog.import_button.isEnabled()
    save_screenshot(dialog, "import-art31-error.png")
    old = _write(tmp_path / "vecchio.csv", [
        _row(1, Descrizione="Mouse ottico USB", Valore="15,00", **{"Data di carico":
                                                                   "10/10/2015"})])
    monkeypatch.setattr(import_dialog, "choose_open_file", lambda parent: str(old))
    dialog.report = None
    qtbot.mouseClick(dialog.choose_button, Qt.LeftButton)
    qtbot.waitUntil(lambda: dialog.report is not None, timeout=10_000)
    assert dialog.import_button.isEnabled()
    assert "Avvertenze: 1 riga accettata" in dialog.summary_label.text()
    assert "prima del D.I. 129/2018" in dialog.summary_label.text()
    save_screenshot(dialog, "import-art31-warning.png")
