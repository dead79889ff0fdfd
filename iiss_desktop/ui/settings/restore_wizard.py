"""Ripristina…: choose the file → what it holds → passphrase (decrypted and verified, nothing
replaced) → confirm → done (the program must restart). Nothing of the archive in use is
touched before the confirmation, and then only through services.backups.restore_backup,
which keeps the current archive aside first («…-prima-del-ripristino-…»)."""
from __future__ import annotations

from html import escape
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QTextBrowser,
    QVBoxLayout,
    QWizard,
    QWizardPage,
)

from ...domain.errors import DomainError
from ...queries.school import get_heading
from ...services import backups
from ..common.dialogs import show_domain_error


class _Busy:
    def __enter__(self):
        QGuiApplication.setOverrideCursor(Qt.WaitCursor)

    def __exit__(self, *_exc):
        QGuiApplication.restoreOverrideCursor()


class ChooseFilePage(QWizardPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("1. Scegliere il backup")
        self.setSubTitle("Un file .iissbak: dalla cartella dei backup o da un disco USB.")
        layout = QVBoxLayout(self)
        self.list = QListWidget(self)
        self.list.setObjectName("backupList")
        try:
            for path, header in backups.list_encrypted_backups(wizard.db):
                item = QListWidgetItem(f"{header.created:%d/%m/%Y %H:%M}  ·  {header.kind}  ·  "
                                       f"{path.name}", self.list)
                item.setData(Qt.UserRole, str(path))
        except DomainError:
            pass
        self.list.currentItemChanged.connect(
            lambda item, _prev: item is not None and self.path.setText(item.data(Qt.UserRole)))
        layout.addWidget(QLabel("Backup di questo archivio nella cartella dei backup:", self))
        layout.addWidget(self.list, 1)
        row = QHBoxLayout()
        self.path = QLineEdit(self)
        self.path.setObjectName("backupPath")
        self.path.textChanged.connect(self.completeChanged)
        browse = QPushButton("Sfoglia…", self)
        browse.clicked.connect(self._browse)
        row.addWidget(QLabel("File:", self))
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        layout.addLayout(row)

    def _browse(self) -> None:
        chosen, _ = QFileDialog.getOpenFileName(self, "Scegliere il backup", self.path.text(),
                                                "Backup cifrati (*.iissbak)")
        if chosen:
            self.path.setText(chosen)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.path.text().strip())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        try:
            self.w.header = backups.describe_backup(self.w.db, Path(self.path.text().strip()))
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        self.w.path = Path(self.path.text().strip())
        return True


class SummaryPage(QWizardPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("2. Che cosa contiene")
        self.setSubTitle("Letto dall'intestazione del file, senza passphrase: nulla è ancora "
                         "stato sostituito.")
        layout = QVBoxLayout(self)
        self.text = QTextBrowser(self)      # scrolls: the counts may be many
        self.text.setObjectName("backupSummary")
        layout.addWidget(self.text, 1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        header = self.w.header
        rows = "".join(f"<tr><td style='white-space:nowrap'>{escape(k)}</td>"
                       f"<td><b>{escape(v)}</b></td></tr>"
                       for k, v in header.summary())
        warning = ""
        current = self.w.school_code
        if header.school_code and current and header.school_code != current:
            warning = (f"<p style='color:#a4262c'><b>Attenzione:</b> il backup è di un altro "
                       f"istituto ({escape(header.school)}); l'archivio aperto è di "
                       f"{escape(current)}.</p>")
        self.text.setHtml(f"{warning}<table cellspacing='3'>{rows}</table>")


class PassphrasePage(QWizardPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("3. Passphrase")
        self.setSubTitle("Il backup viene decifrato e verificato (integrità, numerazione dei "
                         "registri, catena del registro delle modifiche) in una copia a parte.")
        layout = QVBoxLayout(self)
        self.passphrase = QLineEdit(self)
        self.passphrase.setObjectName("restorePassphrase")
        self.passphrase.setEchoMode(QLineEdit.Password)
        self.passphrase.textChanged.connect(self.completeChanged)
        layout.addWidget(QLabel("Passphrase con cui il backup è stato fatto:", self))
        layout.addWidget(self.passphrase)
        layout.addStretch(1)

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return bool(self.passphrase.text())

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        try:
            with _Busy():
                self.w.checked = backups.restore_backup(self.w.db, self.w.path,
                                                        self.passphrase.text(), dry_run=True)
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        self.w.passphrase = self.passphrase.text()
        return True


class ConfirmPage(QWizardPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("4. Conferma")
        self.setSubTitle("Ultimo passo prima della sostituzione dell'archivio in uso.")
        self.setButtonText(QWizard.NextButton, "&Ripristina")
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setWordWrap(True)
        self.text.setTextFormat(Qt.RichText)
        layout.addWidget(self.text)
        # Typed, not ticked: replacing the archive is not done by a reflex click.
        self.ask = QLabel(self)
        self.ask.setWordWrap(True)
        self.typed = QLineEdit(self)
        self.typed.setObjectName("restoreTyped")
        self.typed.setAccessibleName("Conferma del ripristino")
        self.ask.setBuddy(self.typed)
        self.typed.textChanged.connect(self.completeChanged)
        layout.addWidget(self.ask)
        layout.addWidget(self.typed)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        checked, header = self.w.checked, self.w.header
        self.text.setText(
            f"<p>Il backup si decifra e supera la verifica: {checked.audit_rows} righe del "
            f"registro delle modifiche, impronta di testa <tt>{escape(checked.audit_head)}</tt>."
            f"</p><p>Sostituire l'archivio in uso con il backup del <b>"
            f"{header.created:%d/%m/%Y %H:%M}</b> di <b>{escape(header.school)}</b>? Le "
            "modifiche fatte dopo quella data andranno perse (restano nella copia "
            "«prima-del-ripristino»).</p><p>Dopo il ripristino il programma va riavviato.</p>")
        self.expected = header.school_code or "RIPRISTINA"
        what = ("il codice meccanografico della scuola del backup" if header.school_code
                else "la parola")
        self.ask.setText(f"Per confermare, scrivere &{what}: <b>{escape(self.expected)}</b>")
        self.typed.clear()
        self.typed.setFocus()

    def isComplete(self) -> bool:  # noqa: N802 - Qt override
        return self.typed.text().strip().upper() == self.expected.upper()

    def validatePage(self) -> bool:  # noqa: N802 - Qt override
        try:
            with _Busy():
                self.w.result = backups.restore_backup(self.w.db, self.w.path,
                                                       self.w.passphrase)
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        self.w.restored = True
        return True


class DonePage(QWizardPage):
    def __init__(self, wizard: RestoreWizard):
        super().__init__(wizard)
        self.w = wizard
        self.setTitle("5. Ripristino completato")
        self.setSubTitle("Il backup è al posto dell'archivio.")
        layout = QVBoxLayout(self)
        self.text = QLabel(self)
        self.text.setObjectName("restoreDone")
        self.text.setWordWrap(True)
        layout.addWidget(self.text)
        layout.addStretch(1)

    def initializePage(self) -> None:  # noqa: N802 - Qt override
        previous = self.w.result.previous
        self.text.setText("L'archivio è stato ripristinato dal backup."
                          + (f"\nL'archivio di prima è conservato in:\n{previous}"
                             if previous else "")
                          + "\n\nIl programma deve essere riavviato: premere Fine per "
                            "chiuderlo, poi riaprirlo.")


class RestoreWizard(QWizard):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Ripristino di un backup cifrato")
        self.setObjectName("restoreWizard")
        self.setWizardStyle(QWizard.ClassicStyle)
        self.setOption(QWizard.NoBackButtonOnLastPage, True)
        self.setOption(QWizard.NoCancelButtonOnLastPage, True)
        for button, text in ((QWizard.NextButton, "Avanti >"), (QWizard.BackButton, "< Indietro"),
                             (QWizard.CancelButton, "Annulla"), (QWizard.FinishButton, "Fine")):
            self.setButtonText(button, text)
        self.header = self.path = self.checked = self.result = None
        self.passphrase = ""
        self.restored = False
        try:
            self.school_code = get_heading(db).codice_meccanografico
        except Exception:   # noqa: BLE001 - a damaged archive: the comparison is only a hint
            self.school_code = ""
        self.pages = [ChooseFilePage(self), SummaryPage(self), PassphrasePage(self),
                      ConfirmPage(self), DonePage(self)]
        for page in self.pages:
            self.addPage(page)
        self.resize(760, 600)
