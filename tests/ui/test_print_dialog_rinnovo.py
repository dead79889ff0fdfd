"""The print dialog offers the rinnovo map only for a series a rinnovo opened (issue 12 item 8)."""
from __future__ import annotations

from iiss_desktop.ui.print_dialog import PrintDialog


def _choose(dialog: PrintDialog, name: str) -> None:
    row = next(i for i, s in enumerate(dialog.specs) if s.name == name)
    dialog.list.setCurrentRow(row)


def test_without_a_rinnovo_the_dialog_says_there_is_none(qtbot, demo_db, monkeypatch):
    shown = []
    monkeypatch.setattr("iiss_desktop.ui.print_dialog.show_domain_error",
                        lambda _parent, exc: shown.append(str(exc)))
    dialog = PrintDialog(None, demo_db)
    qtbot.addWidget(dialog)
    _choose(dialog, "rinnovo")
    assert dialog.register_edit.count() == 1
    assert dialog.register_edit.itemText(0).startswith("Nessun rinnovo degli inventari")
    dialog.print_selected()
    assert shown == ["Nessun rinnovo degli inventari registrato: non c'è un raccordo da "
                     "stampare."]
    _choose(dialog, "registro")     # the other registers are still all offered
    assert dialog.register_edit.findData("inv-mobili") >= 0
