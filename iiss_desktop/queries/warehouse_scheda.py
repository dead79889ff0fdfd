"""The scheda of an article of the magazzino: its fields, its stock in each storeroom, its
lots, its scheda di magazzino from the first movement (each with the progressive stock) and
the buoni it appears in. Quantities in thousandths of the unit, values in cents."""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from ..db.driver_sql import DriverSQL
from ..db.engine import Database
from ..domain import warehouse as rules
from ..domain.errors import DomainError
from .scheda import DocumentRef, FieldLine, printable
from .warehouse import ArticleLot, SchedaRow, article_lots_at, get_article, scheda


@dataclass(frozen=True, slots=True)
class StoreStock:
    storeroom: str
    site: str
    quantity: int     # thousandths
    value: int        # cents


@dataclass(frozen=True)
class ArticleScheda:
    id: int
    title: str
    code: str
    unit: str
    state: str                      # «in uso» / «non più in uso»
    warning: str                    # below the scorta minima, lots expiring…
    fields: tuple[FieldLine, ...]
    stock: list[StoreStock]
    lots: list[ArticleLot]
    movements: list[SchedaRow]      # the scheda di magazzino, all storerooms
    closing: tuple[int, int]        # stock and value now
    documents: list[DocumentRef]


_BUONO = {"carico": "buono-versamento"}   # every other movement prints a buono di prelevamento
_BUONO_TITLE = {"buono-versamento": "Buono di versamento",
                "buono-prelevamento": "Buono di prelevamento"}
_FIRST = date(1900, 1, 1)


def _text(f, value, unit: str) -> str:
    if f.kind == "bool":
        return "sì" if value else "no"
    if f.name == "min_stock":
        return rules.format_quantity(value, unit) if value else "nessuna"
    if f.kind == "choice":
        return dict(f.choices).get(value, value or "")
    return "" if value is None else str(value)


def _stock(db: Database, article_id: int) -> list[StoreStock]:
    with db.read_engine.connect() as conn, DriverSQL(conn) as sql:
        sql.execute("SELECT w.name, s.name, b.quantity, b.value_cents FROM warehouse_balance b "
                    "JOIN warehouse_storeroom w ON w.id = b.storeroom_id "
                    "JOIN site s ON s.id = w.site_id WHERE b.article_id = ? "
                    "ORDER BY w.code", (article_id,))
        return [StoreStock(w, s, int(q), int(v)) for w, s, q, v in sql.cursor.fetchall()]


def article_scheda(db: Database, article_id: int, today: date | None = None) -> ArticleScheda:
    from ..areas.warehouse import REPORTS

    today = today or date.today()
    article = get_article(db, article_id)
    if article is None:
        raise DomainError("Articolo inesistente.")
    card = scheda(db, article_id, _FIRST, today)
    lots = article_lots_at(db, article_id, today)
    unit = article.unit
    fields = tuple(FieldLine(f.name, f.label, _text(f, getattr(article, f.name), unit))
                   for f in rules.ARTICLE.columns if f.name != "id")
    docs = [DocumentRef("scheda-magazzino", f"Scheda di magazzino {today.year}", today,
                        (("articolo", article.code), ("anno", today.year)))]
    for row in card.rows:
        report = _BUONO.get(row.kind, "buono-prelevamento")
        docs.append(DocumentRef(report, f"{_BUONO_TITLE[report]} n. {row.number}/{row.year}",
                                row.day, (("anno", row.year), ("numero", row.number))))
    warnings = []
    stock = card.closing[0]
    if article.min_stock and stock < article.min_stock:
        warnings.append(f"Sotto la scorta minima: giacenza {rules.format_quantity(stock, unit)}"
                        f", scorta minima {rules.format_quantity(article.min_stock, unit)}.")
    expiring = [lot.lot for lot in lots if rules.expiring(lot.expiry, today)]
    if expiring:
        warnings.append("Lotti scaduti o in scadenza: " + ", ".join(expiring) + ".")
    return ArticleScheda(
        article.id, f"{article.code} – {article.description}", article.code, unit,
        "in uso" if article.active else "non più in uso", " ".join(warnings), fields,
        _stock(db, article_id), lots, card.rows, card.closing,
        printable(db, docs, {s.name: s for s in REPORTS}))


