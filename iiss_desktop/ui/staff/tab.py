"""Personale e turni: the registry of the ATA staff with the contract in force, the scheda of
each person, new people and contracts, the roster window (Turni e orari) and the Piano delle
attività."""
from __future__ import annotations

from ...areas.staff import HEALTH, PREPARE, REGISTRY
from ...domain.dates import format_date
from ...domain.staff.registry import percent_text
from ...queries.staff import staff_list
from ..common.printing import print_report
from ..common.table_model import Column
from ..common.table_tab import TableTab


class StaffTab(TableTab):
    area = "staff"
    title = "Personale e turni"
    intro = ("Personale ATA dell'istituto con il contratto in corso e il plesso di servizio. "
             "Invio apre la scheda; «Turni e orari» la settimana o il mese dei turni; «Piano delle "
             "attività» il Piano dell'anno scolastico.")
    empty_text = "Nessun dipendente registrato."
    columns = (
        Column("surname", "Cognome"), Column("name", "Nome"), Column("role", "Profilo"),
        Column("contract", "Contratto in corso"), Column("ends", "Fino al"),
        Column("site", "Plesso"), Column("cf", "Codice fiscale"),
    )

    def setup_actions(self) -> None:
        # The daily windows first, as buttons; the registry's rarer acts and the imports in
        # two drop-downs, so that the row fits 1366 pixels.
        self.add_action("Turni e orari…", self.open_roster, shortcut="Ctrl+T",
                        tooltip="Turni del personale ATA per settimana o mese, con i controlli "
                                "dell'orario di lavoro")
        self.add_action("Assenze e richieste…", self.open_requests, shortcut="Ctrl+Shift+F",
                        tooltip="Richieste di ferie e permessi: nuova richiesta, approvazione "
                                "o rifiuto del DSGA o del dirigente, annullamento, decreti e "
                                "stampe delle assenze")
        self.add_action("Presenze e cartellino…", self.open_attendance, shortcut="Ctrl+Shift+T",
                        tooltip="Timbrature del mese con le anomalie, saldo orario e riepilogo "
                                "(art. 54 CCNL 2007), importazione dal terminale, cartellino")
        self.add_action("Piano delle attività…", self.open_plan, shortcut="Ctrl+Shift+A",
                        tooltip="Piano delle attività del personale ATA: sezioni, dotazione "
                                "organica, assegnazioni; bozza, adozione, versioni")
        self.add_action("Scheda", self.open_scheda, needs_selection=True, shortcut="Ctrl+O",
                        tooltip="Dati, contratti, orari e storia del dipendente")
        self.add_action("Nuovo dipendente…", self.new_person, shortcut="Ctrl+N",
                        permission=REGISTRY)
        self.add_action("Nuovo contratto…", self.new_contract, needs_selection=True,
                        shortcut="Ctrl+Shift+N", permission=REGISTRY, menu="Anagrafica")
        self.add_action("35 ore (art. 55)…", self.new_art55, needs_selection=True,
                        permission=REGISTRY, menu="Anagrafica",
                        tooltip="Settimana di 35 ore con le condizioni dell'art. 55 CCNL "
                                "29/11/2007")
        self.add_action("Lavoratore fragile…", self.open_fragile, needs_selection=True,
                        shortcut="Ctrl+Shift+R", permission=HEALTH, menu="Anagrafica",
                        tooltip="Giudizio del medico competente e misure (dati riservati: "
                                "ogni consultazione è registrata)")
        self.add_action("Importa personale…", self.import_staff, shortcut="Ctrl+I",
                        permission=REGISTRY, menu="Importa",
                        tooltip="Persone e contratti dal programma usato in precedenza (CSV o "
                                "Excel), controllati prima di importare")
        self.add_action("Importa assenze e saldi…", self.import_leave, shortcut="Ctrl+Shift+I",
                        permission=PREPARE, menu="Importa",
                        tooltip="Assenze già fruite nell'anno e saldi di ferie e permessi "
                                "riportati, dal programma usato in precedenza (CSV o Excel)")
        self.add_action("Emergenza…", self.open_emergency, shortcut="Ctrl+Shift+E",
                        tooltip="Organico Covid (budget, costi, simulazione), registro delle "
                                "pulizie e sanificazioni, formazione del personale")
        self.add_action("Stampa elenco", self._print, shortcut="Ctrl+P")

    def load_rows(self):
        people = staff_list(self.db, include_inactive=False)
        self._names = {p.id: f"{p.surname} {p.name}" for p in people}
        rows = [(p.surname, p.name, p.profile_label,
                 p.contract_label + (f" ({percent_text(int(p.part_time_percent * 100))})"
                                     if p.part_time_percent and p.part_time_percent < 100
                                     else "") if p.contract_id else "nessun contratto in corso",
                 format_date(p.ends_on) if p.ends_on else "", p.site, p.codice_fiscale)
                for p in people]
        return rows, [p.id for p in people]

    def on_activated(self, row_id) -> None:
        from .person import open_person_scheda

        if open_person_scheda(self, self.db, row_id):
            self.refresh()

    def open_scheda(self) -> None:
        row_id = self.selected_id()
        if row_id is not None:
            self.on_activated(row_id)

    def new_person(self) -> None:
        from .person import new_person

        if new_person(self, self.db) is not None:
            self.refresh()

    def new_contract(self) -> None:
        from .person import new_contract

        row_id = self.selected_id()
        if row_id is not None and new_contract(self, self.db, row_id,
                                               self._names.get(row_id, "")) is not None:
            self.refresh()

    def new_art55(self) -> None:
        from .art55 import new_art55

        row_id = self.selected_id()
        if row_id is not None and new_art55(self, self.db, row_id,
                                            self._names.get(row_id, "")) is not None:
            self.refresh()

    def open_fragile(self) -> None:
        from .health import open_fragile

        row_id = self.selected_id()
        if row_id is not None:
            open_fragile(self, self.db, row_id, self._names.get(row_id, ""))

    def import_staff(self) -> None:
        from .import_dialog import open_import

        open_import(self)

    def import_leave(self) -> None:
        from .leave_import_dialog import open_leave_import

        open_leave_import(self)

    def open_roster(self) -> None:
        from .roster import RosterWindow

        window = RosterWindow(self.db, self)
        window.exec()
        window.deleteLater()

    def open_plan(self) -> None:
        from .plan import PlanWindow

        window = PlanWindow(self.db, self)
        window.exec()
        window.deleteLater()

    def open_requests(self) -> None:
        from .absence_requests import AbsenceRequestsWindow

        window = AbsenceRequestsWindow(self.db, self)
        window.exec()
        window.deleteLater()

    def open_attendance(self) -> None:
        from .attendance import AttendanceWindow

        window = AttendanceWindow(self.db, self, person_id=self.selected_id())
        window.exec()
        window.deleteLater()

    def open_emergency(self) -> None:
        from .emergency import EmergencyWindow

        window = EmergencyWindow(self.db, self)
        window.exec()
        window.deleteLater()

    def _print(self) -> None:
        print_report(self, self.db, "personale")
