"""The filters of the Magazzino articles grid (ui/common/filters.py). The period is of the
movements: the articles with a movement in it (in the storeroom chosen), asked to a query."""
from __future__ import annotations

from ...queries.warehouse import articles_moved
from ..common.filters import FilterSpec


def _moved(tab, start, end) -> set[int]:
    store = tab.store_filter.currentData() if tab.store_filter is not None else None
    return articles_moved(tab.db, start, end, store)


ARTICLE_FILTERS = (
    FilterSpec("category", "Categoria", ("category",), all_text="Tutte"),
    FilterSpec("kind", "Tipo", ("kind",)),
    FilterSpec("alert", "Scorta", ("alert",)),
    FilterSpec("period", "Movimenti", period=True, ids_between=_moved),
)
