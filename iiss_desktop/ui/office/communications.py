"""Ufficio: «Comunicazioni», the register of the office's contacts with outside bodies (ASL,
USR, Ministero…: Nuova comunicazione… Ctrl+Shift+N, Annulla comunicazione…, Stampa registro…),
and «Referenti Covid», the referenti per plesso with their history (Nuovo referente…, Fine
incarico…). Shown to who holds «office.communications». The register records the fact of an
exchange, never health data of named persons: the form says so."""
from __future__ import annotations

from datetime import date

from ...areas.office import COMMS
from ...domain import office_comms as rules
from ...domain.access import allowed
from ...queries.office_comms import communications, referents, site_choices
from ...services import office_comms as svc
from ..common.dialogs import report_errors
from ..common.filters import FilterSpec
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, date_column
from ..common.table_tab import TableTab

COMMUNICATION_COLUMNS = (
    date_column("day", "Data"),
    Column("direction", "Ricevuta/inviata", max_width=110),
    Column("body", "Ente", max_width=200),
    Column("channel", "Canale", max_width=100),
    Column("subject", "Oggetto", max_width=560),
    Column("protocol", "Protocollo", max_width=110),
    Column("by", "Registrata da", max_width=160),
    Column("state", "Stato", max_width=220),
)
REFERENT_COLUMNS = (
    Column("site", "Plesso", max_width=260),
    Column("role", "Ruolo", max_width=170),
    Column("name", "Nome", max_width=200),
    Column("staff_role", "Qualifica", max_width=140),
    Column("phone", "Telefono", max_width=120),
    Column("email", "E-mail", max_width=220),
    date_column("from", "Dal"),
    date_column("to", "Al"),
)
BODY_CHOICES = [(b, b) for b in rules.BODIES]
CHANNEL_CHOICES = [(c, c) for c in rules.CHANNELS]
DIRECTION_CHOICES = list(rules.DIRECTIONS.items())


class _CommsPage(TableTab):
    area = "office"
    page_of_area = True

    def refresh(self) -> None:
        if allowed(self.db.current_user, COMMS):
            super().refresh()

    def changed(self) -> None:
        self.events.data_changed.emit(self.area)


class CommunicationsPage(_CommsPage):
    title = "Comunicazioni con gli enti"
    intro = ("Le comunicazioni ricevute e inviate: ASL, USR, Ministero, Comune, Prefettura, "
             "referenti Covid. Si registra il fatto della comunicazione, non dati sanitari di "
             "persone identificate. Un errore si annulla con il motivo: nulla si cancella.")
    empty_text = "Nessuna comunicazione registrata: «Nuova comunicazione…» (Ctrl+Shift+N)."
    columns = COMMUNICATION_COLUMNS
    filters = (FilterSpec("comm_body", "Ente", ("body",)),
               FilterSpec("comm_direction", "Ricevuta/inviata", ("direction",)))

    def setup_actions(self) -> None:
        self.add_action("Nuova comunicazione…", self.new, shortcut="Ctrl+Shift+N",
                        permission=COMMS,
                        tooltip="Registra una comunicazione ricevuta da un ente o inviata")
        self.add_action("Annulla comunicazione…", self.annul, needs_selection=True,
                        permission=COMMS, tooltip="Annulla una registrazione errata, con il "
                                                  "motivo; resta nel registro")
        self.add_action("Stampa registro…", self.print_register, shortcut="Ctrl+P",
                        tooltip="Il registro delle comunicazioni di un periodo")

    def load_rows(self):
        self._rows = {c.id: c for c in communications(self.db)}
        # A survey's sending says so in its subject («Monitoraggio: …»).
        rows = [(c.day, c.direction_label, c.body, c.channel, c.subject, c.protocol,
                 c.recorded_by,
                 f"Annullata: {c.annul_reason}" if c.annulled else "Valida")
                for c in self._rows.values()]
        return rows, list(self._rows)

    @report_errors
    def new(self) -> None:
        specs = [FieldSpec("day", "Data", "date", required=True),
                 FieldSpec("direction", "Ricevuta o inviata", "choice", required=True,
                           choices=DIRECTION_CHOICES),
                 FieldSpec("body", "Ente", "choice", required=True, choices=BODY_CHOICES),
                 FieldSpec("channel", "Canale", "choice", required=True,
                           choices=CHANNEL_CHOICES),
                 FieldSpec("subject", "Oggetto", required=True, max_length=200),
                 FieldSpec("summary", "Sintesi (senza dati sanitari)", "multiline",
                           max_length=rules.SUMMARY_LIMIT,
                           help="Nessuna diagnosi, esito o nome di persone positive o "
                                "contatti: solo il fatto dello scambio."),
                 FieldSpec("protocol", "Protocollo", max_length=40,
                           placeholder="es. 1234/2021 (facoltativo)")]

        def submit(v):
            return svc.record_communication(self.db, svc.CommunicationInput(
                v["day"], v["direction"] or "", v["body"] or "", v["channel"] or "",
                v["subject"], v["summary"] or "", v["protocol"] or ""))

        got = FormDialog.ask(self, "Nuova comunicazione", specs,
                             {"day": date.today(), "direction": rules.RECEIVED,
                              "body": "ASL", "channel": "PEC"},
                             on_submit=submit, intro=rules.GDPR_NOTE)
        if got is not None:
            self.changed()

    @report_errors
    def annul(self) -> None:
        c = self._rows.get(self.selected_id())
        if c is None:
            return
        got = FormDialog.ask(self, "Annulla comunicazione",
                             [FieldSpec("reason", "Motivo dell'annullamento", required=True,
                                        max_length=300)],
                             on_submit=lambda v: svc.annul_communication(self.db, c.id,
                                                                         v["reason"]),
                             intro=f"«{c.subject}» del {c.day:%d/%m/%Y}: resta nel registro, "
                                   "segnata come annullata.")
        if got is not None:
            self.changed()

    def print_register(self) -> None:
        today = date.today()
        start = date(today.year if today.month >= 9 else today.year - 1, 9, 1)
        got = FormDialog.ask(self, "Registro delle comunicazioni",
                             [FieldSpec("dal", "Dal", "date", required=True),
                              FieldSpec("al", "Al", "date", required=True)],
                             {"dal": start, "al": today}, confirm_close=False)
        if got:
            print_report(self, self.db, "registro-comunicazioni", dal=got["dal"], al=got["al"])


class ReferentsPage(_CommsPage):
    title = "Referenti Covid per plesso"
    intro = ("Chi è referente Covid (e sostituto) di ogni plesso, da quando e fino a quando: "
             "un incarico che finisce resta nello storico.")
    empty_text = "Nessun referente registrato: «Nuovo referente…»."
    columns = REFERENT_COLUMNS
    filters = (FilterSpec("referent_site", "Plesso", ("site",)),)

    def setup_actions(self) -> None:
        self.add_action("Nuovo referente…", self.new, permission=COMMS,
                        tooltip="Il referente Covid (o il sostituto) di un plesso da un giorno")
        self.add_action("Fine incarico…", self.end, needs_selection=True, permission=COMMS,
                        tooltip="L'ultimo giorno dell'incarico; resta nello storico")

    def load_rows(self):
        self._rows = {r.id: r for r in referents(self.db)}
        rows = [(r.site, r.role_label, r.person_name, r.staff_role, r.phone, r.email,
                 r.valid_from, r.valid_to) for r in self._rows.values()]
        return rows, list(self._rows)

    @report_errors
    def new(self) -> None:
        sites = site_choices(self.db)
        specs = [FieldSpec("site_id", "Plesso", "choice", required=True, choices=sites),
                 FieldSpec("role", "Ruolo", "choice", required=True,
                           choices=list(rules.REFERENT_ROLES.items())),
                 FieldSpec("person_name", "Nome e cognome", required=True, max_length=120),
                 FieldSpec("staff_role", "Qualifica", max_length=80,
                           placeholder="es. docente, collaboratore del dirigente"),
                 FieldSpec("phone", "Telefono", max_length=40),
                 FieldSpec("email", "E-mail", max_length=120),
                 FieldSpec("valid_from", "In carica dal", "date", required=True)]

        def submit(v):
            return svc.add_referent(self.db, svc.ReferentInput(
                v["site_id"], v["person_name"], v["valid_from"], v["role"] or "",
                v["staff_role"] or "", v["phone"] or "", v["email"] or ""))

        got = FormDialog.ask(self, "Nuovo referente Covid", specs,
                             {"site_id": sites[0][0] if sites else None,
                              "role": "referente", "valid_from": date.today()},
                             on_submit=submit)
        if got is not None:
            self.changed()

    @report_errors
    def end(self) -> None:
        r = self._rows.get(self.selected_id())
        if r is None:
            return
        got = FormDialog.ask(self, "Fine dell'incarico",
                             [FieldSpec("valid_to", "Ultimo giorno", "date", required=True)],
                             {"valid_to": date.today()},
                             on_submit=lambda v: svc.end_referent(self.db, r.id,
                                                                  v["valid_to"]),
                             intro=f"{r.person_name}, {r.role_label.lower()} – {r.site}")
        if got is not None:
            self.changed()
