"""The monitoring work list of Acquisti on the demo (the five procedures of 2021), its export
for Amministrazione trasparente, and the manual match of an invoice to its order."""
from __future__ import annotations

import csv
import sqlite3
from datetime import date

import pytest

from tests.helpers.ui import save_screenshot

pytestmark = pytest.mark.usefixtures("errors_raise")


def test_the_work_list_shows_what_is_missing_and_exports(qtbot, demo_db, tmp_path,
                                                         monkeypatch):
    from iiss_desktop.ui.procurement import monitoring as ui

    dialog = ui.MonitoringDialog(None, demo_db, today=date(2021, 12, 31))
    qtbot.addWidget(dialog)
    dialog.resize(1366, 700)
    dialog.show()
    assert dialog.year.value() == 2021 and dialog.table.rowCount() == 6
    rows = {dialog.table.item(r, 1).text(): dialog.table.item(r, 6).text()
            for r in range(6)}
    # the toner of November: delivered and verified, its invoice not received yet; the
    # psychologist's service has its certificato di regolare esecuzione; her DURC (expired
    # on 20/08/2021) no longer matters, her invoice being paid; the sanitisation products of
    # November are paid too
    assert rows["Toner e materiale informatico per gli uffici"] == "fattura non abbinata"
    assert rows["Servizio di supporto psicologico (art. 31 c.1 lett. b DL 41/2021)"] == "nulla"
    assert rows["Prodotti per la sanificazione degli ambienti (art. 231 c.1 DL 34/2020)"] \
        == "nulla"
    assert dialog.actions_["export"].shortcut().toString() == "Ctrl+E"
    save_screenshot(dialog, "acquisti-monitoraggio.png")
    target = tmp_path / "trasparenza.csv"
    monkeypatch.setattr(ui, "choose_export_file", lambda parent, year: str(target))
    dialog.actions_["export"].trigger()
    with target.open(encoding="utf-8-sig") as f:
        lines = list(csv.reader(f, delimiter=";"))
    assert lines[0][0] == "CIG" and lines[0][-1] == "Importo delle somme liquidate"
    assert len(lines) == 7          # the heading and the six procedures of 2021


def test_the_match_dialog_proposes_and_saves_the_order(qtbot, demo_db, demo_path):
    from iiss_desktop.demo.procurement import invoice_id_by_file
    from iiss_desktop.services.procurement.matching import match_invoice
    from iiss_desktop.ui.procurement.invoice_match import MatchDialog

    with sqlite3.connect(demo_path) as con:
        name, order_id = con.execute(
            "SELECT f.name, i.order_id FROM procurement_invoice i JOIN "
            "procurement_invoice_file f ON f.id = i.file_id WHERE i.order_id IS NOT NULL "
            "ORDER BY i.number LIMIT 1").fetchone()
    iid = invoice_id_by_file(demo_db, name)
    dialog = MatchDialog(None, demo_db, iid, current=order_id)
    qtbot.addWidget(dialog)
    assert dialog.combo.currentData() == order_id
    assert dialog.differences.text().startswith(("Differenze:", "Nessuna differenza"))
    # a paid invoice keeps its order: the choice is refused with the reason
    with pytest.raises(Exception, match="non si cambia più"):
        match_invoice(demo_db, iid, None)
