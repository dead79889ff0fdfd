"""Magazzino master data: storerooms and articles."""
from __future__ import annotations

from sqlalchemy import select

from ...areas.warehouse import MASTER_DATA
from ...db.access import require_at, requires
from ...db.engine import Database
from ...db.uow import unit_of_work
from ...domain import warehouse as rules
from ...domain.errors import DomainError, ValidationError, collect
from ...domain.text import lower_first
from ...models.school import Site
from ...models.warehouse import Article, MovementLine, Storeroom


@requires(MASTER_DATA)
def save_storeroom(db: Database, values: dict, storeroom_id: int | None = None) -> int:
    """Create or change a storeroom (one per plesso, or per department of a plesso)."""
    code = (values.get("code") or "").strip().upper()
    name = (values.get("name") or "").strip()
    errors = {}
    if not code:
        errors["code"] = "Indicare il codice del magazzino."
    elif len(code) > 20 or " " in code:
        errors["code"] = "Il codice del magazzino ha al massimo 20 caratteri, senza spazi."
    if not name:
        errors["name"] = "Indicare il nome del magazzino."
    if not values.get("site_id"):
        errors["site_id"] = "Indicare il plesso del magazzino."
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Anagrafica magazzini") as s:
        if s.get(Site, values["site_id"]) is None:
            raise ValidationError({"site_id": "Plesso inesistente."})
        require_at(db, MASTER_DATA, s, site_ids=[values["site_id"]],
                   storeroom_ids=[storeroom_id] if storeroom_id else ())
        clash = s.execute(select(Storeroom.id).where(Storeroom.code == code)).scalar()
        if clash is not None and clash != storeroom_id:
            raise ValidationError({"code": f"Il codice «{code}» è già di un altro magazzino."})
        room = s.get(Storeroom, storeroom_id) if storeroom_id else Storeroom()
        if room is None:
            raise DomainError("Magazzino inesistente.")
        room.code, room.name, room.site_id = code, name, values["site_id"]
        if "room_id" in values or storeroom_id is None:   # an edit without rooms keeps it
            room.room_id = values.get("room_id")
        room.department = (values.get("department") or "").strip()
        room.active = values.get("active", True)
        s.add(room)
        s.flush()
        s.commit()
        return room.id


@requires(MASTER_DATA)
def save_article(db: Database, values: dict, article_id: int | None = None) -> int:
    """Create or change an article. The code is what the barcode reader types.

    Only the master record changes: the giornale keeps the texts it was written with, and
    code, unit and lot tracking are frozen after the first movement (the journal cites them
    and the stock is counted in that unit and those lots)."""
    errors = {}
    checked = rules.ARTICLE.check_all({   # bools and the minimum stock: set below
        f.name: values.get(f.name) for f in rules.ARTICLE.columns
        if f.name not in ("id", "min_stock") and f.kind != "bool"}, errors)
    code, unit = checked.get("code"), checked.get("unit")
    min_milli = 0
    if "unit" not in errors:
        min_milli = collect(errors, _minimum, values.get("min_stock"), unit)
    if errors:
        raise ValidationError(errors)
    with unit_of_work(db, reason="Anagrafica articoli di magazzino") as s:
        clash = s.execute(select(Article.id).where(Article.code == code)).scalar()
        if clash is not None and clash != article_id:
            raise ValidationError({"code": f"Il codice «{code}» è già di un altro articolo."})
        art = s.get(Article, article_id) if article_id else Article(code=code, unit=unit)
        if art is None:
            raise DomainError("Articolo inesistente.")
        lots = bool(values.get("tracks_lots"))
        if article_id:
            # Frozen in the database too (0006 PROTECTIONS): the giornale cites them.
            if art.code != code:
                raise ValidationError({"code": f"Il codice «{art.code}» non si cambia: per un "
                                               "codice diverso creare un nuovo articolo e "
                                               "mettere questo fuori uso."})
            if art.unit != unit:
                raise ValidationError({"unit": "L'unità di misura non si cambia: le giacenze "
                                               f"sono in {rules.unit_of(art.unit).plural}."})
            if bool(art.tracks_lots) != lots and _has_lines(s, article_id):
                raise ValidationError({"tracks_lots": "La gestione a lotti non si cambia dopo "
                                                      "il primo movimento."})
        for name, value in checked.items():
            setattr(art, name, value)
        art.min_stock = min_milli
        art.tracks_lots = lots
        art.is_dpi = bool(values.get("is_dpi"))
        art.active = bool(values.get("active", True))
        s.add(art)
        s.flush()
        s.commit()
        return art.id


def _minimum(value, unit: str) -> int:
    """The scorta minima in thousandths; zero or empty means no alert."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return 0
    try:
        if isinstance(value, str):
            return rules.parse_quantity(value, unit, field="min_stock", allow_zero=True)
        return rules.check_quantity(value, unit, field="min_stock", allow_zero=True)
    except ValidationError as exc:
        message = exc.errors.get("min_stock", exc.message)
        raise ValidationError({"min_stock": "Scorta minima: " + lower_first(message)}) from None


def _has_lines(s, article_id: int) -> bool:
    return s.execute(select(MovementLine.id).where(MovementLine.article_id == article_id)
                     .limit(1)).first() is not None
