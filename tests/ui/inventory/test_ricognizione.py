"""The ricognizione screen classifies what the label reader types."""
from __future__ import annotations

from PySide6.QtCore import Qt

from iiss_desktop.domain.inventory import label_code
from iiss_desktop.queries.inventory import room_check_data
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
