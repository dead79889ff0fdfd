"""Filters of a big grid and the picker's ranking, on rows shaped as the Inventario grid's:
the filter bar (ui/common/filters.py) applied to 10,000 and 100,000 rows (plesso + period,
plesso + locale + search words, clearing), and a picker ranking 2,000 choices per keystroke.
Median of several runs in ms; target: filtering 10,000 rows well under 100 ms. Asserts nothing.
"""
from __future__ import annotations

import random
import statistics
import time
from datetime import date, timedelta


def _rows(n: int, rng: random.Random) -> tuple[list[tuple], list[int]]:
    sites = [f"Plesso {name}" for name in ("Centrale", "Girasole", "Rodari", "Collodi",
                                            "Montessori", "Pascoli")]
    rooms = ["Aula 1", "Aula 2", "Laboratorio di informatica", "Segreteria didattica",
             "Magazzino", "Palestra", "Biblioteca", "Aula magna"]
    people = [f"Persona {i} (affidatario)" for i in range(20)] + ["DSGA (consegnatario)"]
    words = ["Sedia", "Banco", "Personal computer", "Monitor", "Armadio", "Proiettore",
             "Lavagna", "Stampante"]
    start = date(2015, 1, 1)
    rows = []
    for i in range(n):
        rows.append(("Beni mobili" if i % 7 else "Beni durevoli", i + 1,
                     (start + timedelta(days=rng.randrange(4000))).isoformat(),
                     f"{rng.choice(words)} {i}", rng.choice(sites), rng.choice(rooms),
                     rng.choice(people), rng.choice(("buono", "ottimo", "mediocre")),
                     rng.randrange(1, 200_000), rng.choice(("in uso", "in uso", "guasto"))))
    return rows, list(range(1, n + 1))


def _median_ms(fn, runs: int = 15) -> float:
    samples = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return round(statistics.median(samples), 2)


def _one_size(n: int, rng: random.Random) -> dict:
    from PySide6.QtWidgets import QWidget

    from iiss_desktop.ui.common.filters import FilterBar
    from iiss_desktop.ui.common.table_model import RowTableModel
    from iiss_desktop.ui.inventory.filters import GOODS_FILTERS
    from iiss_desktop.ui.inventory.tab import InventoryTab

    rows, ids = _rows(n, rng)
    tab = QWidget()
    tab.columns, tab.db = InventoryTab.columns, None
    tab.model = RowTableModel(tab.columns, tab)
    bar = FilterBar(tab, GOODS_FILTERS)
    tab.model.set_rows(rows, ids)      # the bar builds its choices from them
    site, period, room = bar.editors["site"], bar.editors["period"], bar.editors["room"]

    turn = [0]   # each run changes the filters: the same ones again would cost nothing

    def site_and_period():
        turn[0] += 1
        bar._loading = True
        site.setCurrentIndex(1 + turn[0] % 2)
        period[0].set_value(date(2018 + turn[0] % 2, 1, 1))
        period[1].set_value(date(2022, 12, 31))
        bar._loading = False
        bar.apply()

    def site_room_words():
        turn[0] += 1
        bar._loading = True
        rooms = room.catalog.choices   # those of the plesso chosen
        room.set_value(rooms[turn[0] % len(rooms)].value)
        bar._loading = False
        bar.apply()
        tab.model.set_filter("sedia")
        tab.model.set_filter("")

    tab.model.set_filter("x")       # the search text is built once, as after idle time
    tab.model.set_filter("")
    out = {"site_and_period_ms": _median_ms(site_and_period),
           "shown": tab.model.visible_count(),
           "site_room_period_and_words_ms": _median_ms(site_room_words),
           # a change of plesso and period, then «Azzera filtri»
           "filter_then_reset_ms": _median_ms(lambda: (site_and_period(), bar.reset())),
           "choices_on_load_ms": _median_ms(bar.rows_loaded, runs=5)}
    tab.deleteLater()
    return out


def bench_filter(sizes=(10_000, 100_000)) -> dict:
    from PySide6.QtWidgets import QApplication

    from iiss_desktop.ui.common.picker import Catalog, Choice

    QApplication.instance() or QApplication([])
    rng = random.Random(13)
    out: dict = {f"rows_{n}": _one_size(n, rng) for n in sizes}
    catalog = Catalog([Choice(i, f"Locale {i} {rng.choice(('Aula', 'Laboratorio', 'Ufficio'))}",
                              f"Plesso {i % 9}") for i in range(2_000)])
    out["picker_2000_rank_ms"] = _median_ms(lambda: catalog.rank("lab ple 3"))
    out["target"] = "filter 10,000 rows < 100 ms (well under)"
    return out
