"""The scheda of a good with 200 history rows: query + dialog built and shown (offscreen),
first paint included; target < 100 ms. The good gets its history through the services: a
carico, 100 moves between two rooms, 99 maintenance lines."""
from __future__ import annotations

import statistics
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path


def _good_with_history(db, rows: int) -> int:
    from iiss_desktop.queries.inventory.items import list_items
    from iiss_desktop.services.inventory.carico import CaricoInput, carico
    from iiss_desktop.services.inventory.custody import add_maintenance
    from iiss_desktop.services.inventory.movements import move_item
    from iiss_desktop.services.school import save_room, save_site

    site = save_site(db, {"code": "SEDE", "name": "Sede centrale", "is_main": True})
    rooms = [save_room(db, {"site_id": site, "name": name})
             for name in ("Laboratorio di informatica", "Aula magna")]
    start = date.today() - timedelta(days=rows + 10)
    carico(db, CaricoInput(description="Personal computer portatile", unit_value=Decimal(
        "650.00"), entry_date=start, room_id=rooms[0]))
    item = list_items(db)[1][0]
    moves = rows // 2
    for k in range(moves):
        move_item(db, item_id=item, to_room_id=rooms[(k + 1) % 2],
                  moved_on=start + timedelta(days=k + 1), reason=f"Lezione n. {k + 1}")
    for k in range(rows - 1 - moves):
        add_maintenance(db, item_id=item, done_on=start + timedelta(days=k + 2),
                        kind="manutenzione", description=f"Controllo periodico n. {k + 1}",
                        done_by="Assistente tecnico", cost=Decimal("10.00"))
    return item


def _bare_dialog(history: int):
    """The same screen built bare: a dialog with a title, four tabs, a form of 14 labels and
    18 line edits, a 200-row table in a plain item model. What Qt alone costs here."""
    from PySide6.QtGui import QStandardItem, QStandardItemModel
    from PySide6.QtWidgets import (
        QDialog,
        QFormLayout,
        QLabel,
        QLineEdit,
        QTableView,
        QTabWidget,
        QVBoxLayout,
        QWidget,
    )

    dialog = QDialog()
    dialog.resize(1120, 660)
    tabs = QTabWidget(dialog)
    layout = QVBoxLayout(dialog)
    layout.addWidget(QLabel("<h2>beni mobili n. 1 – Personal computer portatile</h2>", dialog))
    layout.addWidget(tabs)
    page = QWidget()
    form = QFormLayout(page)
    for k in range(14):
        form.addRow(f"Campo {k}:", QLabel(f"valore {k}"))
    for k in range(18):
        form.addRow(f"Correggibile {k}", QLineEdit(f"testo {k}"))
    tabs.addTab(page, "Dati")
    model = QStandardItemModel(history, 4)
    for r in range(history):
        for c in range(4):
            model.setItem(r, c, QStandardItem(f"cella {r}.{c}"))
    table = QTableView()
    table.setModel(model)
    tabs.addTab(table, "Storia")
    tabs.addTab(QWidget(), "Documenti")
    tabs.addTab(QWidget(), "Allegati")
    return dialog


def _shown(make) -> float:
    from PySide6.QtWidgets import QApplication

    start = time.perf_counter()
    dialog = make()
    dialog.show()
    dialog.grab()                                  # the first frame, painted
    QApplication.processEvents()
    took = (time.perf_counter() - start) * 1000
    dialog.close()
    dialog.deleteLater()
    QApplication.processEvents()
    return took


def bench_scheda(work: Path, rows: int = 200, runs: int = 15) -> dict:
    from bench_user import act_as_bench
    from PySide6.QtWidgets import QApplication

    from iiss_desktop.db.schema import open_database
    from iiss_desktop.queries.inventory.history import item_scheda
    from iiss_desktop.ui.app import create_app
    from iiss_desktop.ui.inventory.scheda import item_scheda_dialog

    db = open_database(work / "scheda.db", create=True)
    act_as_bench(db)
    item = _good_with_history(db, rows)
    create_app()
    shown = len(item_scheda(db, item).history)
    query_ms, open_ms, bare_ms = [], [], []
    for _ in range(runs):   # alternated: both see the same load of the shared machine
        start = time.perf_counter()
        item_scheda(db, item)
        query_ms.append((time.perf_counter() - start) * 1000)
        open_ms.append(_shown(lambda: item_scheda_dialog(None, db, item)))  # query included
        bare_ms.append(_shown(lambda: _bare_dialog(shown)))
    QApplication.processEvents()
    db.dispose()
    app, bare = statistics.median(open_ms), statistics.median(bare_ms)
    return {"history_rows": shown, "query_ms_median": round(statistics.median(query_ms), 2),
            "open_ms_median": round(app, 1), "open_ms_max": round(max(open_ms), 1),
            "bare_dialog_ms_median": round(bare, 1), "ratio": round(app / bare, 2),
            "runs": runs, "target": "scheda (query + dialog shown) < 100 ms"}
