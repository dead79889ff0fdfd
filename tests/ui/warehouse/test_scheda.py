"""The scheda of an article on the demo archive: Enter on its row opens it; the scheda di
magazzino runs to the stock the grid shows, with every line of the journal; stock per
storeroom, lots, buoni with print buttons, attachments kept with their checksum."""
from __future__ import annotations

import hashlib
import sqlite3

from PySide6.QtCore import Qt

from iiss_desktop.db.verify import verify
from iiss_desktop.domain.warehouse import format_quantity
from iiss_desktop.ui.warehouse.scheda import article_scheda_dialog
from tests.helpers.ui import open_warehouse_tab, select_ids, table_snapshot
from tests.ui.inventory.test_scheda import when_modal

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 200


def _article(path, code="DPI-CHIR") -> tuple[int, int, int]:
    """(id, lines in the journal, stock in thousandths), read with raw sqlite3."""
    with sqlite3.connect(path) as con:
        article = con.execute("SELECT id FROM warehouse_article WHERE code = ?",
                              (code,)).fetchone()[0]
        lines, stock = con.execute("SELECT count(*), sum(quantity) FROM "
                                   "warehouse_movement_line WHERE article_id = ?",
                                   (article,)).fetchone()
    return article, lines, stock


def test_enter_on_an_article_opens_its_scheda(qtbot, demo_db, demo_path):
    tab = open_warehouse_tab(qtbot, demo_db)
    tab.show()
    qtbot.waitExposed(tab)
    article, lines, stock = _article(demo_path)
    select_ids(tab, article)
    tab.table.setCurrentIndex(tab.model.index(tab.model.view_row_of_id(article), 0))
    seen = {}

    def look(dialog):
        seen["title"] = dialog.windowTitle()
        card = dialog.extra_tables["&Scheda di magazzino"].model()
        seen["rows"] = card.rowCount()
        seen["last"] = card.display_text(card.rowCount() - 1, 6)

    when_modal(look)
    qtbot.keyClick(tab.table, Qt.Key_Return)
    assert seen["title"] == "Scheda – DPI-CHIR – Mascherine chirurgiche monouso"
    assert seen["rows"] == lines
    assert seen["last"] == format_quantity(stock, "pz")


def test_the_article_s_scheda_shows_stock_lots_buoni_and_keeps_attachments(
        qtbot, demo_db, demo_path, tmp_path):
    article, _lines, stock = _article(demo_path)
    dialog = article_scheda_dialog(None, demo_db, article)
    qtbot.addWidget(dialog)
    stores = dialog.extra_tables["&Giacenze"].model()
    assert stores.rowCount() >= 1
    assert sum(int(stores.display_text(r, 2).split()[0].replace(".", ""))
               for r in range(stores.rowCount())) == stock // 1000
    lots = dialog.extra_tables["Lo&tti"].model()
    assert lots.rowCount() >= 1 and lots.display_text(0, 0).startswith("L")
    titles = [b.toolTip() for b in dialog.print_buttons]
    assert any("Buono di versamento" in t for t in titles)
    assert any("Scheda di magazzino" in t for t in titles)
    before = table_snapshot(demo_path, ["attachment", "attachment_content"])
    exe = tmp_path / "scheda.png"
    exe.write_bytes(b"#!/bin/sh\necho no\n")
    assert not dialog.add_file(exe)
    assert "«scheda.png»" in dialog.attach_message.text()
    assert table_snapshot(demo_path, ["attachment", "attachment_content"]) == before
    photo = tmp_path / "confezione.png"
    photo.write_bytes(PNG)
    assert dialog.add_file(photo)
    with sqlite3.connect(demo_path) as con:
        assert con.execute("SELECT record_kind, record_id, checksum FROM attachment").fetchall() \
            == [("warehouse_article", article, hashlib.sha256(PNG).hexdigest())]
    assert verify(demo_db).ok
