"""Anagrafica of the magazzino: articles (new, edit) and storerooms (one per plesso or
department). Changing an article touches only its record: the giornale keeps its texts."""
from __future__ import annotations

from ...domain import warehouse as rules
from ...domain.errors import DomainError
from ...queries import warehouse as q
from ...queries.school import list_rooms, list_sites
from ...services.warehouse import master_data as svc
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.list_dialog import ListAction, ListDialog
from ..common.table_model import Column


def article_specs() -> list[FieldSpec]:
    """The anagrafica form, as declared (domain.warehouse.ARTICLE); the scorta minima is typed
    as a quantity of the article's unit."""
    return [spec_of(f, kind="text", max_length=20) if f.name == "min_stock" else spec_of(f)
            for f in rules.ARTICLE.fields if f.name != "id"]


def _article_values(a: q.ArticleRow) -> dict:
    return {"code": a.code, "description": a.description, "unit": a.unit,
            "category": a.category,
            "min_stock": rules.format_quantity(a.min_stock, with_unit=False).replace(".", "")
            if a.min_stock else "",
            "supplier": a.supplier, "tracks_lots": a.tracks_lots, "is_dpi": a.is_dpi,
            "active": a.active, "notes": a.notes}


def edit_article(parent, db, article_id: int | None = None) -> int | None:
    """The article form; returns the id saved, or None if cancelled."""
    values = {"active": True, "unit": "pz"}
    if article_id is not None:
        art = q.get_article(db, article_id)
        if art is None:
            raise DomainError("Articolo inesistente.")
        values = _article_values(art)
    title = "Nuovo articolo di magazzino" if article_id is None else "Modifica articolo"
    return FormDialog.ask(parent, title, article_specs(), values,
                          on_submit=lambda v: svc.save_article(db, v, article_id))


def storeroom_specs(db) -> list[FieldSpec]:
    rooms = [(r.id, f"{r.site_name} – {r.name}") for r in list_rooms(db) if r.active]
    return [
        FieldSpec("code", "Codice", required=True, max_length=20, placeholder="es. MAG-SEDE"),
        FieldSpec("name", "Nome", required=True, max_length=120,
                  placeholder="es. Magazzino centrale (sede)"),
        FieldSpec("site_id", "Plesso", kind="choice", required=True,
                  choices=[(s.id, s.name) for s in list_sites(db)]),
        FieldSpec("department", "Reparto", max_length=80,
                  placeholder="solo se il plesso ha più magazzini, es. Laboratori"),
        FieldSpec("room_id", "Locale", kind="choice", choices=rooms),
        FieldSpec("active", "In uso", kind="bool"),
    ]


class StoreroomsDialog(ListDialog):
    """The list of storerooms with Nuovo/Modifica: one per plesso, or per department."""

    title = "Magazzini"
    intro = ("Un magazzino per plesso, o per reparto quando un plesso ne ha più d'uno (es. i "
             "laboratori). Un magazzino non più usato si mette fuori uso: resta nel giornale.")
    empty_text = "Nessun magazzino: «Nuovo magazzino…» per aggiungere il primo."
    columns = (Column("code", "Codice"), Column("name", "Nome"), Column("site", "Plesso"),
               Column("department", "Reparto"), Column("active", "In uso"))
    default_size = (760, 380)
    stretch_column = 1    # «Nome»

    def load(self):
        return q.list_storerooms(self.db)

    def row_of(self, s) -> tuple:
        return (s.code, s.name, s.site_name, s.department, "sì" if s.active else "no")

    def actions(self) -> list[ListAction]:
        return [ListAction("new", "Nuovo magazzino…", self.new_storeroom,
                           permission="warehouse.master_data"),
                ListAction("edit", "Modifica…", self.edit_selected, needs_selection=True,
                           default=True, permission="warehouse.master_data")]

    def _ask(self, storeroom_id: int | None, values: dict) -> bool:
        title = "Nuovo magazzino" if storeroom_id is None else "Modifica magazzino"
        saved = FormDialog.ask(self, title, storeroom_specs(self.db), values,
                               on_submit=lambda v: svc.save_storeroom(self.db, v, storeroom_id))
        if saved is None:
            return False
        self.after_change()
        self.select(saved)
        return True

    @report_errors
    def new_storeroom(self) -> bool:
        return self._ask(None, {"active": True})

    @report_errors
    def edit_selected(self) -> bool:
        s = self.selected()
        if s is None:
            raise DomainError("Selezionare il magazzino da modificare.")
        return self._ask(s.id, {"code": s.code, "name": s.name, "site_id": s.site_id,
                                "department": s.department, "room_id": s.room_id,
                                "active": s.active})
