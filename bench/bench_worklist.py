"""A work list of 10,000 rows (issue 13: filters under 100 ms): typing in its search box,
choosing a state, setting a period, against a bare baseline in the same run (a plain Python
filter of the same 10,000 row texts)."""
from __future__ import annotations

import os
import statistics
import time
from datetime import date, timedelta

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _rows(n: int):
    from iiss_desktop.queries.warehouse import MovementListRow

    kinds = ("carico", "scarico", "trasferimento", "dpi", "rettifica")
    words = ("Carta A4 80 g", "Toner laser nero", "Guanti in nitrile", "Detergente pavimenti",
             "Penne a sfera blu", "Mascherine FFP2", "Cartelline", "Sapone liquido")
    start = date(2022, 1, 1)
    return [MovementListRow(i, n - i, 2022 + i % 5, start + timedelta(days=i % 1500),
                            kinds[i % 5], f"{words[i % 8]} – ufficio {i % 37}")
            for i in range(n)]


def _ms(fn, runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def bench_worklist(n: int) -> dict:
    from PySide6.QtWidgets import QApplication

    from iiss_desktop.ui.warehouse.work_lists import MovementsList

    app = QApplication.instance() or QApplication([])
    rows = _rows(n)

    class Big(MovementsList):
        def load_all(self):
            return rows

    start = time.perf_counter()
    dialog = Big(None, None)
    dialog.show()
    app.processEvents()
    open_ms = (time.perf_counter() - start) * 1000
    texts = [f"{r.number}/{r.year}\t{r.day:%d/%m/%Y}\t{r.kind}\t{r.description}".casefold()
             for r in rows]
    bare = _ms(lambda: [t for t in texts if "toner" in t and "ufficio 3" in t])

    def search():
        dialog.search_edit.setText("toner ufficio 3")
        app.processEvents()
        dialog.search_edit.setText("")
        app.processEvents()

    def state():
        dialog.state_edit.setCurrentIndex(2)
        app.processEvents()
        dialog.state_edit.setCurrentIndex(0)
        app.processEvents()

    def period():
        dialog.from_edit.set_value(date(2023, 1, 1))
        dialog.to_edit.set_value(date(2023, 6, 30))
        app.processEvents()
        dialog.from_edit.set_value(None)
        dialog.to_edit.set_value(None)
        app.processEvents()

    search_ms, state_ms, period_ms = _ms(search) / 2, _ms(state) / 2, _ms(period) / 4
    dialog.close()
    return {"rows": n, "open_ms": round(open_ms, 1), "search_ms": round(search_ms, 2),
            "state_ms": round(state_ms, 2), "period_ms": round(period_ms, 2),
            "bare_filter_ms": round(bare, 2), "ratio_search": round(search_ms / bare, 1),
            "target": "each filter < 100 ms"}
