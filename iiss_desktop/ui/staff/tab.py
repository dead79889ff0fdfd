"""Personale e turni: the staff register of the school and, from its actions, the roster."""
from __future__ import annotations

from ...domain.staff import role_label
from ...queries.staff import list_employees
from ..common.printing import print_report
from ..common.table_model import Column
from ..common.table_tab import TableTab


class StaffTab(TableTab):
    area = "staff"
    title = "Personale e turni"
    intro = ("Personale in servizio nell'istituto: dirigente, DSGA e personale ATA con profilo, "
             "contratto e plesso di servizio.")
    empty_text = "Nessun dipendente registrato."
    columns = (
        Column("surname", "Cognome"), Column("name", "Nome"), Column("role", "Profilo"),
        Column("contract", "Contratto"), Column("site", "Plesso"),
        Column("cf", "Codice fiscale"), Column("email", "E-mail"),
    )

    def setup_actions(self) -> None:
        self.add_action("Turni e orari…", self.open_roster, shortcut="Ctrl+T",
                        tooltip="Turni del personale ATA per settimana o mese, con i controlli "
                                "dell'orario di lavoro")
        self.add_action("Stampa elenco", self._print, shortcut="Ctrl+P")

    def load_rows(self):
        people = list_employees(self.db)
        rows = [(p.surname, p.name, role_label(p.role), p.contract, p.site, p.codice_fiscale,
                 p.email) for p in people]
        return rows, [p.id for p in people]

    def open_roster(self) -> None:
        from .roster import RosterWindow

        window = RosterWindow(self.db, self)
        window.exec()
        window.deleteLater()

    def _print(self) -> None:
        print_report(self, self.db, "personale")
