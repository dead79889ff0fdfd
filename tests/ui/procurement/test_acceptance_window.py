"""«Consegne e collaudo» on the demo: reached from «Procedure d'acquisto» with Ctrl+Shift+K;
the notebooks' delivery (DDT and verbale of the demo) is loaded, inventory n. 3–6; the
toner's delivery waits for its carico, which the form proposes line by line: the toner to the
Magazzino (38,00 € + 22 % = 46,36 € IVA included, not over 200,00 €), the USB sticks too
(7,50 € + 22 % = 9,15 €), the transport to nothing (a service); confirmed, the Magazzino
gets one movement for both articles, recorded on the delivered lines; a new delivery
refuses more than what is ordered, naming the line. On the
acceptance tests' DPI order (an archive of its own), a warehouse line takes its lot, expiry
and units per ordered unit, the refusals shown on those fields."""
from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from tests.helpers.ui import fill_next_form, on_next_modal, table_snapshot
from tests.services.procurement.test_acceptance import deliver, dpi, verify  # noqa: F401

pytestmark = pytest.mark.usefixtures("errors_raise")


def _order_of(path, prefix: str) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT o.id FROM procurement_order o JOIN procurement_procedure p "
                           "ON p.id = o.procedure_id WHERE p.object LIKE ?",
                           (prefix + "%",)).fetchone()[0]


def test_the_window_opens_the_acceptance_with_its_shortcut(qtbot, demo_db):
    from iiss_desktop.ui.procurement.procedures import ProceduresList

    window = ProceduresList(None, demo_db)
    qtbot.addWidget(window)
    assert window.tool_actions["acceptance"].shortcut().toString() == "Ctrl+Shift+K"
    notebook = next(r for r in window.records.values() if r.object.startswith("Notebook"))
    window.select(notebook.request_id)
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        seen["rows"] = [dialog.model.row(r) for r in range(dialog.model.rowCount())]

    on_next_modal(look)
    window.tool_actions["acceptance"].trigger()
    assert seen["title"].startswith("Consegne e collaudo – ordine n. 4/2021")
    (row,) = seen["rows"]
    # verbali in date order: paper, DPI, the psychologist's certificato, the notebooks
    assert (row[4], row[5]) == ("n. 4/2021 – conforme", "caricata")
    assert "Inventario inv-mobili n. 3, 4, 5, 6" in row[6]


def test_the_carico_proposes_the_warehouse_and_no_carico_for_the_transport(
        qtbot, demo_db, demo_path):
    from iiss_desktop.queries.warehouse import list_storerooms
    from iiss_desktop.ui.procurement.acceptance import AcceptanceDialog

    dialog = AcceptanceDialog(None, demo_db, _order_of(demo_path, "Toner"))
    qtbot.addWidget(dialog)
    (delivery,) = dialog.records.values()
    dialog.select(delivery.id)
    toner, usb, transport = delivery.lines
    assert (toner.proposed, usb.proposed, transport.proposed) == (
        "magazzino", "magazzino", "nessuno")
    assert "46,36" in toner.proposed_reason and "9,15" in usb.proposed_reason
    assert "servizio" in transport.proposed_reason
    with sqlite3.connect(demo_path) as con:
        codes = dict(con.execute("SELECT code, id FROM warehouse_article"))
    store = next(r.id for r in list_storerooms(demo_db) if r.code == "MAG-SEDE")
    with sqlite3.connect(demo_path) as con:
        before = con.execute("SELECT count(*) FROM warehouse_movement").fetchone()[0]
    seen = fill_next_form(qtbot, {"entry_date": date.today(), "storeroom_id": store,
                                  f"art{toner.id}": codes["TONER-HP59A"],
                                  f"art{usb.id}": codes["USB-32"]})
    dialog.carico()
    assert seen["errors"] == {}
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT count(*) FROM warehouse_movement").fetchone()[0] == \
            before + 1
        rows = con.execute("SELECT destination, movement_id IS NOT NULL FROM "
                           "procurement_delivery_line WHERE delivery_id = ? ORDER BY id",
                           (delivery.id,)).fetchall()
    assert rows == [("magazzino", 1), ("magazzino", 1), ("nessuno", 0)]
    assert dialog.records[delivery.id].state == "caricata"


def test_a_delivery_over_the_order_is_refused_naming_the_line(qtbot, demo_db, demo_path):
    from iiss_desktop.services.procurement.acceptance import annul_delivery
    from iiss_desktop.ui.procurement.acceptance import AcceptanceDialog

    order = _order_of(demo_path, "Servizio di supporto")     # 40 ore
    with sqlite3.connect(demo_path) as con:   # its execution annulled: nothing delivered
        (done,) = con.execute("SELECT id FROM procurement_delivery WHERE order_id = ?",
                              (order,)).fetchone()
    annul_delivery(demo_db, done, reason="Registro degli incontri riferito a un altro ordine",
                   annulled_on=date(2021, 12, 1))
    dialog = AcceptanceDialog(None, demo_db, order)
    qtbot.addWidget(dialog)
    line = dialog.file.lines[0]
    before = table_snapshot(demo_path, ("procurement_delivery", "procurement_delivery_line"))
    values = {"delivered_on": date(2021, 12, 1), "ddt_number": "Relazione finale",
              "ddt_date": date(2021, 12, 1), "received_by": "Prof.ssa Carla Russo",
              f"q{line.id}": "41"}
    seen = fill_next_form(qtbot, values)
    dialog.new_delivery()
    assert "restano da consegnare 40 su 40" in seen["banner"] + " ".join(
        seen["errors"].values())
    assert table_snapshot(demo_path, ("procurement_delivery", "procurement_delivery_line")
                          ) == before
    fill_next_form(qtbot, {**values, f"q{line.id}": "40"})
    dialog.new_delivery()
    assert [d.state for d in dialog.records.values()] == ["annullata", "da verificare"]


def test_the_file_lists_the_delivery_and_its_verbale(demo_db):
    from iiss_desktop.queries.procurement_procedures import list_procedures, procedure_file

    notebook = next(r for r in list_procedures(demo_db) if r.object.startswith("Notebook"))
    f = procedure_file(demo_db, notebook.request_id)
    assert [d.title for d in f.documents][-1] == "Verbale di verifica n. 4/2021"
    assert [h.kind for h in f.history][-2:] == ["Consegna", "Verbale di verifica"]
    assert f.state_label == "collaudata"


def test_the_carico_of_boxes_takes_the_lot_expiry_and_pieces_per_box(qtbot, db, db_path, dpi):
    from iiss_desktop.queries.warehouse import lots_at
    from iiss_desktop.ui.procurement.acceptance import AcceptanceDialog

    first = deliver(db, dpi)                   # 20 boxes of FFP2 masks, 3 hours of service
    verify(db, first)
    dialog = AcceptanceDialog(None, db, dpi["id"])
    qtbot.addWidget(dialog)
    dialog.select(first)
    x1, x2 = dialog.records[first].lines
    assert (x1.proposed, x2.proposed) == ("magazzino", "nessuno")
    seen = {}
    on_next_modal(lambda form_dialog: seen.update(fields=list(form_dialog.form.editors)))
    dialog.carico()
    # the masks' row has its lot, expiry and units; the service's none
    assert {"lot1", "exp1", "per1"} <= set(seen["fields"])
    assert not {"lot2", "exp2", "per2"} & set(seen["fields"])
    values = {"entry_date": date(2026, 3, 24), f"art{x1.id}": dpi["ffp2"],
              "storeroom_id": dpi["store"], "per1": "abc"}
    tables = ("warehouse_movement", "warehouse_lot", "procurement_delivery_line")
    before = table_snapshot(db_path, tables)
    seen = fill_next_form(qtbot, values)
    dialog.carico()
    assert seen["errors"] == {
        "lot1": "Riga 1: l'articolo «Mascherina FFP2» è gestito a lotti: indicare il lotto "
                "e la scadenza.",
        "per1": "Riga 1: unità dell'articolo per unità ordinata «abc» non valida: un numero "
                "maggiore di zero, ad esempio 50 o 2,5."}
    assert table_snapshot(db_path, tables) == before
    seen = fill_next_form(qtbot, {**values, "lot1": "L2026-03", "exp1": date(2029, 3, 31),
                                  "per1": "50"})
    dialog.carico()
    assert seen["errors"] == {} and seen["banner"] == ""
    # 20 boxes × 50 = 1.000 pieces (thousandths) in the lot
    assert [(x.lot, x.expiry, x.quantity) for x in lots_at(db, dpi["store"],
                                                           date(2026, 3, 24))] == [
        ("L2026-03", date(2029, 3, 31), 1_000_000)]
    assert dialog.records[first].state == "caricata"
