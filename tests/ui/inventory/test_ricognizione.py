"""The ricognizione screen classifies what the label reader types."""
from __future__ import annotations

from PySide6.QtCore import Qt

from iiss_desktop.domain.inventory.labels import label_code
from iiss_desktop.domain.inventory.registers import item_label
from iiss_desktop.queries.inventory.items import room_check_data
from iiss_desktop.queries.school import list_rooms
from iiss_desktop.ui.inventory.ricognizione import RicognizioneDialog


def test_scanned_sequence_with_repeated_and_unknown_codes(qtbot, demo_db):
    lab = next(r.id for r in list_rooms(demo_db) if r.name == "Laboratorio di informatica"
               and r.site_code == "SEDE")
    expected, elsewhere = room_check_data(demo_db, lab)
    here = sorted(expected)[:2]
    other = next(k for k in sorted(elsewhere) if k[0] == "inv-mobili")
    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.select_room(lab)
    codes = [label_code("RMIC86400X", *here[0]), label_code("RMIC86400X", *here[0]),
             label_code("RMIC86400X", *other), "4006381333931",
             label_code("RMIC86400X", "inv-mobili", 999999), label_code("RMIC86400X", *here[1])]
    for code in codes:   # as a USB reader does: the characters, then Enter
        qtbot.keyClicks(dialog.scan_edit, code)
        qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    counts = {name: w.count() for name, w in dialog.lists.items()}
    assert counts == {"trovati": 2, "altrove": 1, "mancanti": len(expected) - 2,
                      "sconosciuti": 2}
    assert dialog.scan_edit.text() == ""
    assert "Trovato: registrato in questo locale" in dialog.result_label.text()
    assert dialog.scan(codes[0]) == "ripetuto"
    assert dialog.boxes["trovati"].title() == "Trovati: 2"
    assert dialog.boxes["mancanti"].title().startswith("Mancanti (da cercare")


def _lab(db) -> int:
    return next(r.id for r in list_rooms(db) if r.name == "Laboratorio di informatica"
                and r.site_code == "SEDE")


def test_scan_close_and_record_the_verbale(qtbot, demo_db, monkeypatch, errors_raise):
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from iiss_desktop.queries.inventory.ricognizione import check_goods, list_checks
    from iiss_desktop.ui.inventory import ricognizione

    lab = _lab(demo_db)
    expected, elsewhere = check_goods(demo_db, lab)
    keys = sorted(expected)
    missing = keys[-1]
    lim_key = next(k for k, g in sorted(elsewhere.items())
                   if g.description.startswith("Lavagna interattiva"))
    lim = elsewhere[lim_key]
    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.select_room(lab)
    for key in keys[:-1] + [lim_key]:
        qtbot.keyClicks(dialog.scan_edit, label_code("RMIC86400X", *key))
        qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    qtbot.keyClicks(dialog.scan_edit, "8001234567890")   # a product barcode, not a label
    qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    assert dialog.lists["mancanti"].count() == 1 and dialog.lists["altrove"].count() == 1

    attempts = []

    def review(dlg):
        rows = {row.kind for row in dlg.rows}
        assert rows == {"trovato", "mancante", "altrove", "sconosciuto"}
        missing_row = dlg.row_of(item_label(*missing))
        unknown_row = dlg.row_of("8001234567890")
        assert dlg.outcome_boxes[missing_row].currentData() == "mancante"
        assert dlg.outcome_boxes[dlg.row_of(item_label(*lim_key))].currentData() == "spostato"
        # First without the motive of the missing good: refused, shown, nothing recorded.
        dlg.set_outcome(unknown_row, "non_registrato", description="Armadio metallico",
                        value="250,00")
        dlg.record()
        attempts.append(dlg.banner.text())
        assert dlg.result is None and list_checks(demo_db)[0].year < date.today().year
        dlg.set_outcome(missing_row, "mancante", reason="Non trovato nel laboratorio")
        dlg.record()
        assert dlg.result is not None, dlg.banner.text()
        return QDialog.Accepted

    infos = []
    monkeypatch.setattr(ricognizione, "exec_and_dispose", review)
    monkeypatch.setattr(ricognizione, "ask_print", lambda *a: False)
    monkeypatch.setattr(ricognizione.QMessageBox, "information",
                        lambda parent, title, text: infos.append((title, text)))
    dialog.record_button.click()

    assert "Non trovato" not in attempts[0] and "circostanze della mancanza" in attempts[0]
    assert item_label(*missing) in attempts[0]
    result = dialog.recorded
    assert (result.number, result.year) == (1, date.today().year)   # first verbale this year
    newest = list_checks(demo_db)[0]
    assert (newest.ref, newest.goods) == (f"1/{date.today().year}", len(expected) + 2)
    assert newest.differences == "1 spostato, 1 mancante, 1 non registrato"
    # The whiteboard now belongs to the lab; the missing good is proposed for discarico.
    now_expected, _ = check_goods(demo_db, lab)
    assert now_expected[lim_key].id == lim.id
    title, text = infos[0]
    assert title == f"Seguiti del verbale n. 1/{date.today().year}"
    assert item_label(*missing) in text and "Discarico…" in text
    assert "1 bene trovato ma non registrato: prenderlo in carico" in text
    # The screen starts again on the lab, now holding the whiteboard too.
    assert dialog.result_label.text() == f"Beni attesi in questo locale: {len(expected) + 1}."


def test_verbali_list_prints_and_takes_found_goods_in_charge(qtbot, demo_db, monkeypatch,
                                                            errors_raise):
    from decimal import Decimal

    from iiss_desktop.queries.inventory.ricognizione import (
        check_goods,
        list_checks,
        pending_carichi,
    )
    from iiss_desktop.services.inventory.ricognizione import OutcomeInput, record_check
    from iiss_desktop.ui.inventory import ricognizione

    lab = _lab(demo_db)
    expected, _ = check_goods(demo_db, lab)
    from datetime import date
    record_check(demo_db, lab, date.today(),
                 [OutcomeInput("confermato", item_id=g.id) for g in expected.values()]
                 + [OutcomeInput("non_registrato", description="Armadio metallico",
                                 estimated_value=Decimal("250.00"))])
    dialog = ricognizione.ChecksDialog(None, demo_db)
    qtbot.addWidget(dialog)
    # The demo checked every room holding goods three years ago: 9 rooms (the Collodi's
    # laboratory holds the notebooks bought in 2021 by Acquisti), and the 8 classrooms that
    # got one of the nine LIMs of the PON (Aula 1A among the 9 already) = 17; + 1 here.
    assert dialog.model.rowCount() == len(list_checks(demo_db)) == 18
    assert "Ricognizione quinquennale" in dialog.intro_label.text()
    row = dialog.model.view_row_of_id(list_checks(demo_db)[0].id)
    dialog.table.selectRow(row)
    assert dialog.buttons["carico"].isEnabled()
    printed = []
    monkeypatch.setattr(ricognizione, "print_report",
                        lambda parent, db, name, **opts: printed.append((name, opts)))
    dialog.buttons["print"].click()
    assert printed == [("verbale-ricognizione", {"anno": date.today().year, "numero": 1})]

    def fill(parent, title, specs, values, on_submit):
        assert values["unit_value"] == Decimal("250.00")
        return on_submit(dict(values, category="Mobili e arredi"))

    monkeypatch.setattr(ricognizione.FormDialog, "ask", staticmethod(fill))
    monkeypatch.setattr(ricognizione.QMessageBox, "information", lambda *a: None)
    dialog.buttons["carico"].click()
    assert pending_carichi(demo_db, date.today().year, 1) == []
    assert dialog.changed


def test_unknown_labels_say_why_and_a_missing_good_can_be_ticked(qtbot, demo_db):
    lab = _lab(demo_db)
    expected, _ = room_check_data(demo_db, lab)
    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.select_room(lab)
    assert dialog.scan("RMIC99900Z-MOB-000001") == "sconosciuto"
    assert dialog.result_label.text() == ("RMIC99900Z-MOB-000001: «RMIC99900Z-MOB-000001» è "
                                          "un'etichetta di un altro istituto (RMIC99900Z).")
    assert dialog.scan("4006381333931") == "sconosciuto"
    assert "non è un'etichetta d'inventario" in dialog.result_label.text()
    assert dialog.scan(label_code("RMIC86400X", "inv-mobili", 999999)) == "sconosciuto"
    assert ("nessun bene registrato come «beni mobili n. 999999» negli inventari"
            in dialog.result_label.text())
    # A good seen on its desk with the label torn off: a double click among the missing.
    first_missing = dialog.check.missing[0]
    widget = dialog.lists["mancanti"]
    widget.itemDoubleClicked.emit(widget.item(0))
    assert dialog.check.found == [first_missing]
    assert dialog.lists["trovati"].count() == 1
    assert widget.count() == len(expected) - 1
    assert dialog.boxes["sconosciuti"].title().endswith(": 3")


def test_ricognizione_from_the_tab_opens_on_the_room_of_the_selected_good(
        qtbot, demo_db, monkeypatch, inventory_tab):
    from iiss_desktop.ui.inventory import ricognizione

    tab = inventory_tab
    lab = _lab(demo_db)
    expected, _ = room_check_data(demo_db, lab)
    with demo_db.read_engine.connect() as conn:
        from sqlalchemy import text
        key = sorted(expected)[0]
        item = conn.execute(text("SELECT id FROM inventory_item WHERE register = :r AND "
                                 "number = :n"), {"r": key[0], "n": key[1]}).scalar()
    tab.table.selectRow(tab.model.view_row_of_id(item))
    opened = []
    monkeypatch.setattr(ricognizione, "exec_and_dispose",
                        lambda dialog: opened.append(dialog.room_edit.value()))
    tab.open_ricognizione()
    assert opened == [lab]


def test_checks_dialog_shows_the_situazione_column_whole(qtbot, demo_db):
    from PySide6.QtCore import QRect
    from sqlalchemy import text

    from iiss_desktop.services.registers import annul_entry
    from iiss_desktop.ui.inventory.ricognizione import ChecksDialog

    with demo_db.read_engine.connect() as conn:
        entry_id = conn.execute(text("SELECT entry_id FROM inventory_check ORDER BY id "
                                     "LIMIT 1")).scalar()
    annul_entry(demo_db, entry_id=entry_id, reason="Verbale registrato due volte")
    dialog = ChecksDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table, model = dialog.table, dialog.model
    header, fm = table.horizontalHeader(), table.fontMetrics()
    col = [c.key for c in dialog.columns].index("status")
    assert "annullato" in [model.row(r)[col] for r in range(model.rowCount())]
    width = header.sectionSize(col)
    # Inside the visible area at the default size, as wide as its title and its texts.
    assert header.sectionViewportPosition(col) + width <= table.viewport().width()
    assert width >= fm.horizontalAdvance("Situazione")
    for row in range(model.rowCount()):
        for c in range(model.columnCount()):     # no other column is cut either: wrapped
            cell = model.data(model.index(row, c))
            box = fm.boundingRect(QRect(0, 0, header.sectionSize(c) - 6, 10_000),
                                  Qt.TextWordWrap, cell)
            assert box.height() <= table.rowHeight(row), (row, c, cell)


def test_an_ignored_discharged_good_stays_on_the_verbale_with_its_reason(
        qtbot, demo_db, monkeypatch, errors_raise, tmp_path):
    """A good already discharged but still in the room is read: the screen says by which
    decree; marked «ignora», it stays on the verbale with the reason, and every read with
    it."""
    from datetime import date

    from PySide6.QtWidgets import QDialog

    from iiss_desktop.db.driver_sql import DriverSQL
    from iiss_desktop.domain.dates import format_date
    from iiss_desktop.queries.inventory.ricognizione import check_detail, check_goods
    from iiss_desktop.ui.inventory import ricognizione

    lab = _lab(demo_db)
    expected, _ = check_goods(demo_db, lab)
    with demo_db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        register, number, decree, day = sql.first(
            "SELECT i.register, i.number, d.decree_number, d.decree_date "
            "FROM inventory_item i JOIN inventory_discharge_item di ON di.item_id = i.id "
            "JOIN inventory_discharge d ON d.id = di.discharge_id "
            "WHERE i.register = 'inv-mobili' ORDER BY d.decree_date LIMIT 1")
        day = sql.to_date(day)
    gone = label_code("RMIC86400X", register, number)
    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.select_room(lab)
    for key in sorted(expected):
        dialog.scan(label_code("RMIC86400X", *key))
    assert dialog.scan(gone) == "sconosciuto"
    assert (f"bene scaricato con decreto n. {decree} del {format_date(day)}"
            in dialog.result_label.text())

    def review(dlg):
        r = dlg.row_of(gone)
        dlg.set_outcome(r, "ignora")
        # The reason starts from why the code matched no good; the clerk completes it.
        assert f"decreto n. {decree}" in dlg.reason_edits[r].text()
        dlg.reason_edits[r].setText("Scaricato, ancora nel laboratorio in attesa del ritiro")
        dlg.resize(1366, 768)
        dlg.grab().save(str(tmp_path / "outcomes.png"))
        dlg.record()
        assert dlg.result is not None, dlg.banner.text()
        return QDialog.Accepted

    monkeypatch.setattr(ricognizione, "exec_and_dispose", review)
    monkeypatch.setattr(ricognizione, "ask_print", lambda *a: False)
    monkeypatch.setattr(ricognizione.QMessageBox, "information", lambda *a: None)
    dialog.record_button.click()
    detail = check_detail(demo_db, date.today().year, dialog.recorded.number)
    ignored = detail.lines_of("ignorato")
    assert [(x.code, x.reason) for x in ignored] == [
        (gone, "Scaricato, ancora nel laboratorio in attesa del ritiro")]
    assert len(detail.scans) == len(expected) + 1
    assert detail.scans[-1].result == "sconosciuto" and f"n. {decree}" in detail.scans[-1].detail
    assert sum(t.goods for t in detail.summary) == len(expected)


def test_the_room_is_typed_in_the_picker_and_a_read_before_it_is_refused(qtbot, demo_db):
    lab = _lab(demo_db)
    site = next(r.site_name for r in list_rooms(demo_db) if r.id == lab)
    expected, _ = room_check_data(demo_db, lab)
    dialog = RicognizioneDialog(None, demo_db)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.keyClicks(dialog.scan_edit, label_code("RMIC86400X", *sorted(expected)[0]))
    qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    assert dialog.result_label.text() == "Scegliere prima il locale da controllare."
    assert dialog.lists["trovati"].count() == 0
    # the words of the room and of its plesso, any order, as the clerk remembers them
    qtbot.keyClicks(dialog.room_edit, f"{site.split()[-1]} informatica lab")
    qtbot.keyClick(dialog.room_edit, Qt.Key_Return)
    assert dialog.room_edit.value() == lab
    assert dialog.result_label.text() == f"Beni attesi in questo locale: {len(expected)}."
    qtbot.keyClicks(dialog.scan_edit, label_code("RMIC86400X", *sorted(expected)[0]))
    qtbot.keyClick(dialog.scan_edit, Qt.Key_Return)
    dialog.room_edit.pick(dialog.room_edit.choice())   # the same room again: reads kept
    assert dialog.lists["trovati"].count() == 1
