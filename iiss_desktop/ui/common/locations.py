"""The sites (plessi) of the school as a list screen, shared by the areas that use it."""
from __future__ import annotations

from ...queries.school import list_sites
from .printing import print_report
from .table_model import Column
from .table_tab import TableTab

YES_NO = {True: "Sì", False: "No"}


class SitesTab(TableTab):
    columns = (
        Column("code", "Codice"), Column("name", "Plesso"), Column("kind", "Ordine di scuola"),
        Column("mecc", "Cod. meccanografico"), Column("address", "Indirizzo"),
        Column("rooms", "Locali", align="right"), Column("main", "Sede centrale", align="center"),
    )
    empty_text = ("Nessun plesso registrato. Aggiungere i plessi da Strumenti › "
                  "Impostazioni dell'istituto.")

    def setup_actions(self) -> None:
        self.add_action("Stampa scheda dell'istituto", self._print, shortcut="Ctrl+P")

    def load_rows(self):
        sites = list_sites(self.db)
        rows = [(s.code, s.name, s.kind, s.codice_meccanografico,
                 ", ".join(p for p in (s.indirizzo, s.comune) if p), s.rooms, YES_NO[s.is_main])
                for s in sites]
        return rows, [s.id for s in sites]

    def _print(self) -> None:
        print_report(self, self.db, "istituto")
