"""Ufficio: «Monitoraggi», the surveys of the Ministry, the USR and other bodies with their
deadlines: Nuovo monitoraggio…, Raccogli i dati (the figures of the areas into a sheet
stored on the survey), Scheda… (the sheet, Correggi dato… with a note), Verificata, Invia…
(date, channel, protocol: it also writes the communication), Stampa scheda, Esporta scheda….
Shown to who holds «office.communications»."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QVBoxLayout

from ...areas.office import COMMS
from ...domain import office_comms as rules
from ...domain.dates import format_date
from ...domain.errors import DomainError
from ...queries.office_comms import survey, surveys
from ...services import office_comms as svc
from ..common.dialogs import report_errors, show_domain_error
from ..common.form import FieldSpec, FormDialog
from ..common.printing import print_report
from ..common.table_model import Column, date_column
from ..common.table_tab import TableTab
from .communications import BODY_CHOICES, CHANNEL_CHOICES, _CommsPage

SURVEY_COLUMNS = (
    date_column("deadline", "Scadenza"),
    Column("title", "Monitoraggio", max_width=420),
    Column("body", "Ente", max_width=190),
    Column("period", "Periodo", "center", max_width=190),
    Column("kind", "Dati", max_width=280),
    Column("state", "Stato", max_width=170),
    Column("figures", "Dati raccolti", "center", max_width=110),
    Column("sent", "Invio", max_width=380),
)
FIGURE_COLUMNS = (
    Column("section", "Sezione", max_width=360),
    Column("label", "Voce", max_width=320),
    Column("value", "Valore", "right", max_width=120),
    Column("unit", "Unità", max_width=70),
    Column("correction", "Correzione", max_width=360),
)
KIND_CHOICES = list(rules.KINDS.items())


def sheet_rows(s) -> list[tuple]:
    return [(f.section, f.label, f.value_text, f.unit,
             f"corretto (raccolto {f.gathered_text}): {f.note}" if f.corrected else "")
            for f in s.figures]


def export_sheet(parent, db, survey_id: int) -> None:
    from ...paths import data_dir
    from ...reports.office_comms import survey_table

    default = str(data_dir() / f"monitoraggio-{survey_id}-{date.today():%Y%m%d}.xlsx")
    path, _ = QFileDialog.getSaveFileName(parent, "Esporta la scheda del monitoraggio",
                                          default, "Excel (*.xlsx);;CSV (*.csv)")
    if not path:
        return
    try:
        survey_table(db, survey_id, path)
    except DomainError as exc:
        show_domain_error(parent, exc)


class FiguresPage(TableTab):
    """The sheet of one survey: the figures gathered, corrected ones marked."""

    area = "office"
    page_of_area = True
    title = "Scheda del monitoraggio"
    intro = " "
    empty_text = "Dati non ancora raccolti: «Raccogli i dati»."
    columns = FIGURE_COLUMNS

    def __init__(self, db, events, survey_id: int, parent=None):
        self.survey_id = survey_id
        super().__init__(db, events, parent)

    def setup_actions(self) -> None:
        self.add_action("Raccogli i dati", self.gather, permission=COMMS,
                        tooltip="Legge di nuovo i dati del periodo dalle aree (sostituisce "
                                "la scheda, correzioni comprese)")
        self.add_action("Correggi dato…", self.correct, needs_selection=True,
                        permission=COMMS, tooltip="Corregge un dato con una nota; il valore "
                                                  "raccolto resta accanto")
        self.add_action("Esporta…", lambda: export_sheet(self, self.db, self.survey_id),
                        tooltip="La scheda in Excel (XLSX) o CSV")
        self.add_action("Stampa", lambda: print_report(self, self.db, "scheda-monitoraggio",
                                                       numero=self.survey_id))

    def load_rows(self):
        self.current = survey(self.db, self.survey_id)
        s = self.current
        text = (f"{s.title} – {s.body} · periodo {s.period} · scadenza "
                f"{format_date(s.deadline)} · {s.state_label}"
                + (f" · raccolti il {s.gathered_at:%d/%m/%Y %H:%M} da {s.gathered_by}"
                   if s.gathered_at else "")
                + (f" · {s.corrections} dati corretti" if s.corrections else ""))
        label = self.findChild(QLabel, "introLabel")
        if label is not None:
            label.setText(text)
        self.intro_text = text
        return sheet_rows(s), [f.id for f in s.figures]

    def changed(self) -> None:
        self.events.data_changed.emit(self.area)

    @report_errors
    def gather(self) -> None:
        svc.gather_survey(self.db, self.survey_id)
        self.changed()
        self.refresh()

    @report_errors
    def correct(self) -> None:
        fid = self.selected_id()
        fig = next((f for f in self.current.figures if f.id == fid), None)
        if fig is None:
            return
        got = FormDialog.ask(
            self, "Correggi dato",
            [FieldSpec("value", f"Valore corretto ({fig.unit or 'n.'})", required=True),
             FieldSpec("note", "Nota della correzione", required=True, max_length=300)],
            {"value": fig.value_text, "note": fig.note},
            on_submit=lambda v: svc.correct_figure(self.db, fig.id, v["value"], v["note"]),
            intro=f"{fig.section} – {fig.label}: raccolto {fig.gathered_text}.")
        if got is not None:
            self.changed()
            self.refresh()


class SheetDialog(QDialog):
    def __init__(self, db, events, survey_id: int, parent=None):
        super().__init__(parent)
        self.setWindowTitle("Scheda del monitoraggio")
        self.page = FiguresPage(db, events, survey_id, self)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.page)
        layout.addWidget(buttons)
        self.resize(1100, 600)


class SurveysPage(_CommsPage):
    title = "Monitoraggi"
    intro = ("Le rilevazioni del Ministero, dell'USR e degli altri enti con la scadenza: i dati "
             "si raccolgono dalle aree in una scheda, si controllano, si verificano e si "
             "inviano; l'invio è registrato fra le comunicazioni.")
    empty_text = "Nessun monitoraggio: «Nuovo monitoraggio…»."
    columns = SURVEY_COLUMNS

    def setup_actions(self) -> None:
        self.add_action("Nuovo monitoraggio…", self.new, permission=COMMS,
                        tooltip="Una rilevazione richiesta da un ente, con periodo e scadenza")
        self.add_action("Raccogli i dati", self.gather, needs_selection=True,
                        permission=COMMS,
                        tooltip="I dati del periodo dalle aree, nella scheda del monitoraggio")
        self.add_action("Scheda…", self.open_sheet, needs_selection=True,
                        tooltip="I dati raccolti, da controllare e correggere")
        self.add_action("Verificata", self.verify, needs_selection=True, permission=COMMS,
                        tooltip="I dati sono stati controllati: pronti per l'invio")
        self.add_action("Invia…", self.send, needs_selection=True, permission=COMMS,
                        tooltip="Data, canale e protocollo dell'invio; registra la "
                                "comunicazione")
        self.add_action("Riapri", self.reopen, needs_selection=True, permission=COMMS,
                        menu="Altro", tooltip="Una verificata torna da compilare")
        self.add_action("Stampa scheda", self.print_sheet, needs_selection=True,
                        shortcut="Ctrl+P", on_rows=True)
        self.add_action("Esporta scheda…", self.export, needs_selection=True, menu="Altro")

    def load_rows(self):
        self._rows = {s.id: s for s in surveys(self.db)}
        rows = []
        for s in self._rows.values():
            sent = ""
            if s.sent_on:
                sent = format_date(s.sent_on) + (
                    f" · prot. {s.sent_protocol}" if s.sent_protocol else f" · {s.sent_channel}")
            figures = ("—" if s.kind == rules.GENERIC else
                       f"{s.gathered_at:%d/%m/%Y}" if s.gathered_at else "da raccogliere")
            state = s.state_label
            if s.state != rules.SUBMITTED:
                left = (s.deadline - date.today()).days
                state += (" · scaduto" if left < 0 else " · scade oggi" if left == 0 else
                          f" · tra {left} gg" if left <= rules.HOME_DAYS else "")
            rows.append((s.deadline, s.title, s.body, s.period, s.kind_label, state,
                         figures, sent))
        return rows, list(self._rows)

    def _selected(self):
        return self._rows.get(self.selected_id())

    @report_errors
    def new(self) -> None:
        specs = [FieldSpec("title", "Titolo", required=True, max_length=200),
                 FieldSpec("body", "Ente che lo richiede", "choice", required=True,
                           choices=BODY_CHOICES),
                 FieldSpec("kind", "Dati da raccogliere", "choice", required=True,
                           choices=KIND_CHOICES),
                 FieldSpec("period_from", "Periodo dal", "date", required=True),
                 FieldSpec("period_to", "Periodo al", "date", required=True),
                 FieldSpec("deadline", "Scadenza", "date", required=True),
                 FieldSpec("reference", "Nota di richiesta", max_length=200,
                           placeholder="es. Nota MI prot. 1234 del 10/01/2021")]

        def submit(v):
            return svc.create_survey(self.db, svc.SurveyInput(
                v["title"], v["body"] or "", v["kind"] or "", v["period_from"],
                v["period_to"], v["deadline"], v["reference"] or ""))

        got = FormDialog.ask(self, "Nuovo monitoraggio", specs,
                             {"body": "Ministero dell'Istruzione", "kind": rules.GENERIC},
                             on_submit=submit)
        if got is not None:
            self.changed()

    @report_errors
    def gather(self) -> None:
        s = self._selected()
        if s is not None:
            svc.gather_survey(self.db, s.id)
            self.changed()

    def sheet_dialog(self) -> SheetDialog | None:
        s = self._selected()
        return SheetDialog(self.db, self.events, s.id, self) if s is not None else None

    def open_sheet(self) -> None:
        dlg = self.sheet_dialog()
        if dlg is not None:
            dlg.exec()
            dlg.deleteLater()

    def on_activated(self, row_id) -> None:
        self.open_sheet()

    @report_errors
    def verify(self) -> None:
        s = self._selected()
        if s is not None:
            svc.verify_survey(self.db, s.id)
            self.changed()

    @report_errors
    def reopen(self) -> None:
        s = self._selected()
        if s is not None:
            svc.reopen_survey(self.db, s.id)
            self.changed()

    @report_errors
    def send(self) -> None:
        s = self._selected()
        if s is None:
            return
        got = FormDialog.ask(
            self, "Invio del monitoraggio",
            [FieldSpec("sent_on", "Inviato il", "date", required=True),
             FieldSpec("channel", "Canale", "choice", required=True, choices=CHANNEL_CHOICES),
             FieldSpec("protocol", "Protocollo", max_length=40)],
            {"sent_on": date.today(), "channel": "Piattaforma"},
            on_submit=lambda v: svc.send_survey(self.db, s.id, sent_on=v["sent_on"],
                                                channel=v["channel"] or "",
                                                protocol=v["protocol"] or ""),
            intro=f"«{s.title}» a {s.body}: l'invio è registrato fra le comunicazioni.")
        if got is not None:
            self.changed()

    def print_sheet(self) -> None:
        s = self._selected()
        if s is not None:
            print_report(self, self.db, "scheda-monitoraggio", numero=s.id)

    def export(self) -> None:
        s = self._selected()
        if s is not None:
            export_sheet(self, self.db, s.id)
