"""Passaggio di consegne (art. 30 c.5): a wizard from the dates and people to the printed
verbale, through the consistenza of the registers at the date and the check in
contraddittorio. Also the yearly summary of the inventories."""
from __future__ import annotations

from datetime import date
from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QHeaderView,
    QLabel,
    QScrollArea,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ...domain.dates import format_date
from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import handover as rules
from ...domain.money import format_cents
from ...queries.inventory.custody import consegnatario_on
from ...queries.inventory.handover import Snapshot, pending_cessation, snapshot
from ...queries.school import get_heading
from ...services.inventory.handover import HandoverInput, HandoverResult, record_handover
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FieldSpec, Form, FormDialog
from ..common.printing import print_report

WARN_STYLE = "color: #a4262c; font-weight: bold;"
NOTE_STYLE = "color: #8a5a00;"


class PartiesPage(QWizardPage):
    """Dates and the four people of art. 30 c.5; the 60-day term shown as it is typed."""

    SPECS = [
        FieldSpec("cessation_date", "Cessazione del DSGA uscente", kind="date", required=True),
        FieldSpec("handover_date", "Data del passaggio di consegne", kind="date", required=True),
        FieldSpec("place", "Luogo", max_length=120, placeholder="es. Ufficio del DSGA"),
        FieldSpec("outgoing_dsga", "DSGA cessante", required=True, max_length=160),
        FieldSpec("incoming_dsga", "DSGA subentrante", required=True, max_length=160),
        FieldSpec("dirigente", "Dirigente Scolastico", required=True, max_length=160),
        FieldSpec("presidente_ci", "Presidente del Consiglio d'istituto", required=True,
                  max_length=160),
        FieldSpec("witnesses", "Altri presenti o testimoni", max_length=300),
    ]

    def __init__(self, wizard: HandoverWizard):
        super().__init__(wizard)
        self.setTitle("Date e partecipanti")
        self.setSubTitle("Il passaggio di consegne avviene entro 60 giorni dalla cessazione "
                         "(art. 30 c.5 del D.I. 129/2018), alla presenza del Dirigente "
                         "Scolastico e del Presidente del Consiglio d'istituto.")
        self.form = Form(self.SPECS, self)
        self.deadline_label = QLabel(self)
        self.deadline_label.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(self.deadline_label)
        layout.addStretch(1)
        heading = get_heading(wizard.db)
        ended = pending_cessation(wizard.db)
        # The outgoing DSGA is the consegnatario in office (the settings' DSGA if none).
        outgoing = consegnatario_on(wizard.db, date.today()) or heading.dsga
        self.form.load({"cessation_date": ended, "handover_date": date.today(),
                        "outgoing_dsga": outgoing, "dirigente": heading.dirigente})
        for name in ("cessation_date", "handover_date"):
            self.form.editors[name].line_edit.textChanged.connect(self.update_deadline)
        self.update_deadline()

    def update_deadline(self, *_args) -> None:
        try:
            ceased = self.form.editors["cessation_date"].value()
            when = self.form.editors["handover_date"].value() or date.today()
        except ValidationError:
            ceased = None
        if ceased is None:
            self.deadline_label.setText("")
            return
        due = rules.deadline(ceased)
        left = (due - when).days
        text = f"Termine per il passaggio di consegne: {format_date(due)}."
        if left < 0:
            text += (f" Termine superato di {-left} giorni: il termine è ordinatorio, il "
                     "verbale è comunque dovuto e ne darà atto.")
            style = WARN_STYLE
        elif left <= rules.WARNING_DAYS:
            text += f" Restano {left} giorni."
            style = NOTE_STYLE
        else:
            style = ""
        self.deadline_label.setText(text)
        self.deadline_label.setStyleSheet(style)

    def values(self) -> dict:
        return self.form.value()

    def validatePage(self) -> bool:  # noqa: N802 - Qt's name
        try:
            v = self.form.value()
            rules.check_parties(today=date.today(), **{k: v[k] for k in (
                "cessation_date", "handover_date", "outgoing_dsga", "incoming_dsga",
                "dirigente", "presidente_ci")})
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        return True


class SnapshotPage(QWizardPage):
    """The consistenza of each register at the date, and what else is handed over."""

    def __init__(self, wizard: HandoverWizard):
        super().__init__(wizard)
        self.setTitle("Inventari alla data del passaggio")
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels(["Inventario", "Beni", "Valore"])
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(22)
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.summary.setTextFormat(Qt.RichText)
        layout = QVBoxLayout(self)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary)
        self.snap: Snapshot | None = None

    def initializePage(self) -> None:  # noqa: N802 - Qt's name
        when = self.wizard().parties.values()["handover_date"]
        self.setSubTitle(f"Consistenza al {format_date(when)}: beni caricati a quella data, "
                         "esclusi quelli scaricati con decreto di data anteriore o uguale.")
        snap = self.snap = snapshot(self.wizard().db, when)
        rows = [(r.title, r.count, r.total) for r in snap.registers if not r.terzi]
        rows.append(("Totale del patrimonio dell'istituto", snap.patrimonio_count,
                     snap.patrimonio_total))
        rows += [(r.title + " (non nel patrimonio)", r.count, r.total)
                 for r in snap.registers if r.terzi]
        self.table.setRowCount(len(rows))
        for i, (title, count, cents) in enumerate(rows):
            for col, text in enumerate((title, str(count), format_cents(cents))):
                cell = QTableWidgetItem(text)
                if col:
                    cell.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                if title.startswith("Totale"):
                    font = cell.font()
                    font.setBold(True)
                    cell.setFont(font)
                self.table.setItem(i, col, cell)
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setSectionResizeMode(0, QHeaderView.Stretch)
        last = (f"ultima ricognizione del {format_date(snap.last_check)}, "
                f"{len(snap.differences)} differenze o variazioni successive"
                if snap.last_check else "nessuna ricognizione registrata")
        terzi = sum(t.count for t in snap.terzi)
        owners = len(snap.terzi)
        self.summary.setText(
            f"<b>Differenze:</b> {last}.<br>"
            f"<b>Beni di terzi:</b> {terzi} beni di {owners} "
            f"{'proprietario' if owners == 1 else 'proprietari'}.<br>"
            f"<b>Sostituti e sub-consegnatari in carica:</b> {len(snap.custody)}. "
            f"<b>Affidamenti in corso:</b> {len(snap.assignments)}. "
            f"<b>Comodati in corso:</b> {len(snap.loans)}.<br>"
            "Il verbale li riporta con l'elenco dei beni allegato.")


class CheckPage(QWizardPage):
    """The ricognizione in contraddittorio: complete, or by sampling if the outgoing DSGA is
    absent (with the reason)."""

    SPECS = [
        FieldSpec("check_mode", "Modalità della ricognizione", kind="choice", required=True,
                  choices=list(rules.CHECK_MODES.items())),
        FieldSpec("outgoing_absent", "Il DSGA cessante è assente", kind="bool"),
        FieldSpec("absence_reason", "Motivo dell'assenza", kind="multiline"),
        FieldSpec("outcome", "Esito della ricognizione (differenze, riserve, chiavi, documenti)",
                  kind="multiline"),
    ]

    def __init__(self, wizard: HandoverWizard):
        super().__init__(wizard)
        self.setTitle("Ricognizione in contraddittorio")
        self.setSubTitle("Se il DSGA cessante non si presenta, il Dirigente, il DSGA "
                         "subentrante e il Presidente del Consiglio d'istituto procedono anche "
                         "a campione, indicandone il motivo.")
        self.form = Form(self.SPECS, self)
        self.form.load({"check_mode": "completa"})
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addStretch(1)

    def values(self) -> dict:
        return self.form.value()

    def validatePage(self) -> bool:  # noqa: N802
        try:
            v = self.form.value()
            rules.check_verification(outgoing_absent=v["outgoing_absent"],
                                     absence_reason=v["absence_reason"],
                                     check_mode=v["check_mode"])
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return False
        return True


class ConfirmPage(QWizardPage):
    """The preview of the verbale (every field as it will be recorded), then, once the clerk
    ticks that it was checked, the verbale is numbered and recorded (it cannot be deleted).
    «Indietro» goes back to correct a page."""

    def __init__(self, wizard: HandoverWizard):
        super().__init__(wizard)
        self.setTitle("Anteprima e conferma del verbale")
        self.setSubTitle("Controllare il verbale come sarà registrato; per correggere usare "
                         "«Indietro».")
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        self.text.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.text.setObjectName("handoverPreview")
        preview = QScrollArea(self)
        preview.setWidgetResizable(True)
        preview.setWidget(self.text)
        self.checked = QCheckBox("Ho controllato l'anteprima: registrare il verbale con il "
                                 "prossimo numero del registro", self)
        self.checked.toggled.connect(lambda *_: self.completeChanged.emit())
        self.error = QLabel(self)
        self.error.setWordWrap(True)
        self.error.setObjectName("formBanner")
        self.error.setStyleSheet(WARN_STYLE)
        self.error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(preview, 1)
        layout.addWidget(self.checked)
        layout.addWidget(self.error)

    def isComplete(self) -> bool:  # noqa: N802 - Qt's name
        return self.checked.isChecked()

    def initializePage(self) -> None:  # noqa: N802
        w = self.wizard()
        data = w.collect()
        snap = w.snapshot_page.snap
        late = rules.days_late(data.cessation_date, data.handover_date)
        lines = [
            f"Passaggio di consegne del <b>{format_date(data.handover_date)}</b> dal DSGA "
            f"<b>{escape(data.outgoing_dsga)}</b>{' (assente)' if data.outgoing_absent else ''}"
            f" al DSGA <b>{escape(data.incoming_dsga)}</b>, alla presenza del Dirigente "
            f"{escape(data.dirigente)} e del Presidente del Consiglio d'istituto "
            f"{escape(data.presidente_ci)}.",
            f"Cessazione dal servizio: {format_date(data.cessation_date)}. Luogo: "
            f"{escape(data.place) or 'la sede dell’istituto'}."
            + (f" Presenti anche: {escape(data.witnesses)}." if data.witnesses else ""),
            f"Modalità: {rules.CHECK_MODES[data.check_mode].lower()}."
            + (f" Motivo dell'assenza: {escape(data.absence_reason)}."
               if data.outgoing_absent and data.absence_reason else ""),
            f"<b>Esito della ricognizione:</b> {escape(data.outcome) or '—'}",
        ]
        if snap is not None:
            registers = "".join(
                f"<br>– {escape(r.title)}{' (non nel patrimonio)' if r.terzi else ''}: "
                f"{r.count} {'bene' if r.count == 1 else 'beni'}, {format_cents(r.total)}"
                for r in snap.registers)
            lines.append(f"<b>Patrimonio consegnato:</b> {snap.patrimonio_count} beni, "
                         f"{format_cents(snap.patrimonio_total)}.{registers}")
            lines.append(f"Sostituti e sub-consegnatari: {len(snap.custody)}; affidamenti in "
                         f"corso: {len(snap.assignments)}; comodati in corso: "
                         f"{len(snap.loans)}. Allegato: l'elenco dei beni.")
        if late:
            lines.append(f"<span style='{WARN_STYLE}'>Oltre il termine di "
                         f"{rules.DEADLINE_DAYS} giorni ({late} giorni di ritardo): il verbale "
                         "ne darà atto.</span>")
        lines.append("Con «Registra e stampa» il verbale riceve il numero del registro dei "
                     "verbali di passaggio di consegne e non si potrà più cancellare.")
        self.text.setText("<br><br>".join(lines))
        self.checked.setChecked(False)      # checked again after every change
        self.error.setVisible(False)

    def validatePage(self) -> bool:  # noqa: N802
        w = self.wizard()
        try:
            w.result_ = record_handover(w.db, w.collect())
        except DomainError as exc:
            self.error.setText(exc.message)
            self.error.setVisible(True)
            return False
        return True


class HandoverWizard(QWizard):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.result_: HandoverResult | None = None
        self.print_job = None
        self.setWindowTitle("Passaggio di consegne")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setMinimumSize(760, 580)
        for button, text in ((QWizard.BackButton, "< &Indietro"),
                             (QWizard.NextButton, "&Avanti >"),
                             (QWizard.CancelButton, "A&nnulla"),
                             (QWizard.FinishButton, "&Registra e stampa")):
            self.setButtonText(button, text)
        self.parties = PartiesPage(self)
        self.snapshot_page = SnapshotPage(self)
        self.check = CheckPage(self)
        self.confirm = ConfirmPage(self)
        for page in (self.parties, self.snapshot_page, self.check, self.confirm):
            self.addPage(page)

    def collect(self) -> HandoverInput:
        p, c = self.parties.values(), self.check.values()
        return HandoverInput(
            cessation_date=p["cessation_date"], handover_date=p["handover_date"],
            outgoing_dsga=p["outgoing_dsga"], incoming_dsga=p["incoming_dsga"],
            dirigente=p["dirigente"], presidente_ci=p["presidente_ci"], place=p["place"],
            witnesses=p["witnesses"], outgoing_absent=c["outgoing_absent"],
            absence_reason=c["absence_reason"], check_mode=c["check_mode"],
            outcome=c["outcome"])

    def accept(self) -> None:
        super().accept()
        r = self.result_
        if r is not None:
            self.print_job = print_report(self.parentWidget() or self, self.db,
                                          "verbale-passaggio", anno=r.year, numero=r.number)


@report_errors
def open_handover_wizard(tab) -> None:
    wizard = HandoverWizard(tab, tab.db)
    exec_and_dispose(wizard)
    if wizard.result_ is not None:
        tab.events.data_changed.emit(tab.area)


@report_errors
def print_inventory_summary(tab) -> None:
    spec = FieldSpec("anno", "Esercizio finanziario", kind="int", required=True)
    values = FormDialog.ask(tab, "Riepilogo annuale degli inventari", [spec],
                            {"anno": date.today().year - 1},
                            confirm_close=False)   # a print: nothing to lose
    if values is not None:
        tab.last_print_job = print_report(tab, tab.db, "riepilogo-inventari",
                                          anno=values["anno"])
