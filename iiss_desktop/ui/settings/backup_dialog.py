"""Strumenti › Backup cifrato…: folders, retention, passphrase; «Esegui backup ora»,
«Ripristina…». The passphrase's key is kept in memory for the session only (``KeyHolder``,
one per main window; services/backups.py and db/backup_crypto.py explain why)."""
from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...domain.backup_rotation import (
    DEFAULT_DAILY,
    DEFAULT_MONTHLY,
    DEFAULT_WEEKLY,
    MAX_KEEP,
    Retention,
)
from ...domain.errors import DomainError
from ...services import backups
from ..common.dialogs import exec_and_dispose, report_errors, show_domain_error


class KeyHolder:
    """The backup key of the session (None until the passphrase is typed)."""

    def __init__(self):
        self.key = None


def _stamp(iso: str) -> str:
    from datetime import datetime

    try:
        return datetime.fromisoformat(iso).strftime("%d/%m/%Y %H:%M")
    except ValueError:
        return iso or "—"


class PassphraseDialog(QDialog):
    """Set or change the passphrase (the current one asked when one is set)."""

    def __init__(self, parent: QWidget | None, db, *, change: bool):
        super().__init__(parent)
        self.db, self.key = db, None
        self.setWindowTitle("Passphrase dei backup cifrati")
        layout = QVBoxLayout(self)
        note = QLabel("La passphrase cifra i backup: senza di essa un backup non si può "
                      "ripristinare. Non viene salvata da nessuna parte: scriverla e "
                      "custodirla in cassaforte (almeno 10 caratteri; meglio 4-5 parole)."
                      + ("<br><b>I backup già fatti restano con la passphrase precedente.</b>"
                         if change else ""), self)
        note.setWordWrap(True)
        layout.addWidget(note)
        form = QFormLayout()
        self.current = self._field("passphraseCurrent")
        if change:
            form.addRow("Passphrase attuale:", self.current)
        self.new = self._field("passphraseNew")
        self.repeated = self._field("passphraseRepeated")
        form.addRow("Nuova passphrase:", self.new)
        form.addRow("Ripetere:", self.repeated)
        layout.addLayout(form)
        buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        buttons.button(QDialogButtonBox.Ok).setText("Imposta")
        buttons.button(QDialogButtonBox.Cancel).setText("Annulla")
        buttons.accepted.connect(self._accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.change = change

    def _field(self, name: str) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setObjectName(name)
        edit.setEchoMode(QLineEdit.Password)
        edit.setMinimumWidth(280)
        return edit

    def _accept(self) -> None:
        try:
            self.key = backups.set_passphrase(self.db, self.new.text(), self.repeated.text(),
                                              current=self.current.text() if self.change
                                              else None)
        except DomainError as exc:
            show_domain_error(self, exc)
            return
        self.accept()


def ask_unlock(parent: QWidget | None, db, holder: KeyHolder, why: str = "") -> bool:
    """Ask the passphrase and keep its key in ``holder``; False if cancelled."""
    from PySide6.QtWidgets import QInputDialog

    while True:
        text, ok = QInputDialog.getText(
            parent, "Backup cifrato", (why + "\n\n" if why else "")
            + "Passphrase dei backup cifrati (resta in memoria fino alla chiusura del "
              "programma):", QLineEdit.Password)
        if not ok:
            return False
        try:
            holder.key = backups.unlock_backups(db, text)
            return True
        except DomainError as exc:
            show_domain_error(parent, exc)


class EncryptedBackupDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, holder: KeyHolder):
        super().__init__(parent)
        self.db, self.holder = db, holder
        self.restored = False
        self.setWindowTitle("Backup cifrato")
        self.setObjectName("encryptedBackupDialog")
        self.resize(720, 520)
        settings = backups.backup_settings_of(db)
        layout = QVBoxLayout(self)

        where = QGroupBox("Dove", self)
        form = QFormLayout(where)
        self.folder = QLineEdit(settings.folder, where)
        self.folder.setObjectName("backupFolder")
        self.folder.setPlaceholderText(f"predefinita: {backups.BackupSettings().main_folder}")
        form.addRow("Cartella dei backup:", self._with_browse(self.folder))
        self.second = QLineEdit(settings.second_folder, where)
        self.second.setObjectName("secondFolder")
        self.second.setPlaceholderText("es. E:\\backup-segreteria (disco USB); vuota: nessuna")
        form.addRow("Seconda cartella:", self._with_browse(self.second))
        layout.addWidget(where)

        keep = QGroupBox("Quanti conservarne", self)
        row = QHBoxLayout(keep)
        self.daily = self._spin(settings.retention.daily, DEFAULT_DAILY, "keepDaily")
        self.weekly = self._spin(settings.retention.weekly, DEFAULT_WEEKLY, "keepWeekly")
        self.monthly = self._spin(settings.retention.monthly, DEFAULT_MONTHLY, "keepMonthly")
        for label, spin in (("giornalieri", self.daily), ("settimanali", self.weekly),
                            ("mensili", self.monthly)):
            row.addWidget(spin)
            row.addWidget(QLabel(label, keep))
            row.addSpacing(12)
        row.addWidget(QLabel(f"(predefiniti: {DEFAULT_DAILY}, {DEFAULT_WEEKLY}, "
                             f"{DEFAULT_MONTHLY})", keep))
        row.addStretch(1)
        layout.addWidget(keep)

        secret = QGroupBox("Passphrase", self)
        srow = QHBoxLayout(secret)
        self.passphrase_state = QLabel(secret)
        self.passphrase_state.setObjectName("passphraseState")
        self.passphrase_state.setWordWrap(True)
        srow.addWidget(self.passphrase_state, 1)
        self.set_button = QPushButton(secret)
        self.set_button.setObjectName("setPassphrase")
        self.set_button.clicked.connect(self.set_passphrase)
        srow.addWidget(self.set_button)
        layout.addWidget(secret)

        self.status = QLabel(self)
        self.status.setObjectName("backupStatus")
        self.status.setWordWrap(True)
        self.status.setTextFormat(Qt.RichText)
        self.status.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        state = QGroupBox("Stato", self)
        QVBoxLayout(state).addWidget(self.status)
        layout.addWidget(state, 1)

        actions = QHBoxLayout()
        self.run_button = QPushButton("Esegui backup ora", self)
        self.run_button.setObjectName("runBackup")
        self.run_button.clicked.connect(self.run_backup)
        self.restore_button = QPushButton("Ripristina…", self)
        self.restore_button.setObjectName("restoreBackup")
        self.restore_button.clicked.connect(self.open_restore)
        actions.addWidget(self.run_button)
        actions.addWidget(self.restore_button)
        actions.addStretch(1)
        layout.addLayout(actions)

        buttons = QDialogButtonBox(QDialogButtonBox.Save | QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Save).setText("Salva le impostazioni")
        buttons.button(QDialogButtonBox.Close).setText("Chiudi")
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.show_state()

    def _with_browse(self, edit: QLineEdit) -> QWidget:
        box = QWidget(self)
        row = QHBoxLayout(box)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(edit, 1)
        browse = QPushButton("Sfoglia…", box)
        browse.clicked.connect(lambda: self._browse(edit))
        row.addWidget(browse)
        return box

    def _browse(self, edit: QLineEdit) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Scegliere la cartella", edit.text())
        if chosen:
            edit.setText(chosen)

    def _spin(self, value: int, default: int, name: str) -> QSpinBox:
        spin = QSpinBox(self)
        spin.setObjectName(name)
        spin.setRange(0, MAX_KEEP)
        spin.setValue(value)
        spin.setToolTip(f"Predefinito: {default}")
        return spin

    def show_state(self) -> None:
        settings = backups.backup_settings_of(self.db)
        if settings.configured:
            unlocked = ("inserita per questa sessione: i backup automatici sono attivi"
                        if self.holder.key is not None else
                        "non ancora inserita in questa sessione: i backup automatici "
                        "partiranno quando sarà inserita")
            self.passphrase_state.setText(f"Impostata il {_stamp(settings.passphrase_set_at)}; "
                                          f"{unlocked}.")
            self.set_button.setText("Cambia passphrase…")
        else:
            self.passphrase_state.setText("Non ancora impostata: impostarla per fare i backup "
                                          "cifrati.")
            self.set_button.setText("Imposta passphrase…")
        self.run_button.setEnabled(settings.configured)
        lines = [f"Cartella: <b>{settings.main_folder}</b>"]
        if settings.last_ok:
            lines.append(f"Ultimo backup riuscito: <b>{_stamp(settings.last_ok)}</b> "
                         f"({settings.last_path})")
        else:
            lines.append("Nessun backup cifrato riuscito finora.")
        if settings.last_error:
            lines.append(f"<span style='color:#a4262c'>Avviso: {settings.last_error}</span>")
        made = backups.list_encrypted_backups(self.db)
        lines.append(f"Backup di questo archivio nella cartella: {len(made)}"
                     + (f", il più recente del {made[0][1].created:%d/%m/%Y %H:%M}"
                        if made else ""))
        self.status.setText("<br>".join(lines))

    def _retention(self) -> Retention:
        return Retention(self.daily.value(), self.weekly.value(), self.monthly.value())

    @report_errors
    def save(self) -> None:
        backups.save_backup_settings(self.db, folder=self.folder.text(),
                                     second_folder=self.second.text(),
                                     retention=self._retention())
        self.show_state()

    @report_errors
    def set_passphrase(self) -> None:
        change = backups.backup_settings_of(self.db).configured
        dialog = PassphraseDialog(self, self.db, change=change)
        if exec_and_dispose(dialog) == QDialog.Accepted and dialog.key is not None:
            self.holder.key = dialog.key
        self.show_state()

    @report_errors
    def run_backup(self) -> None:
        from ..common.jobs import run_job

        self.save()
        if self.holder.key is None and not ask_unlock(self, self.db, self.holder):
            return

        def done(made):
            text = (f"Backup creato e verificato:\n{made.path}\n"
                    f"({made.size / 1e6:.1f} MB in {made.seconds:.1f} s)")
            if made.copy:
                text += f"\nCopia nella seconda cartella: {made.copy}"
            if made.removed:
                text += f"\nBackup vecchi rimossi dalla rotazione: {len(made.removed)}"
            if made.warnings:
                QMessageBox.warning(self, "Backup cifrato", text + "\n\nAttenzione: "
                                    + "\n".join(made.warnings))
            else:
                QMessageBox.information(self, "Backup cifrato", text)
            self.show_state()
            self.backup_done = made

        self.job = run_job(self, lambda progress=None, cancel=None:
                           backups.backup_now(self.db, self.holder.key),
                           title="Backup cifrato in corso…", on_done=done)

    @report_errors
    def open_restore(self) -> None:
        from .restore_wizard import RestoreWizard

        wizard = RestoreWizard(self, self.db)
        exec_and_dispose(wizard)
        if wizard.restored:
            self.restored = True
            self.accept()


def open_backup_dialog(parent: QWidget | None, db, holder: KeyHolder) -> bool:
    """True when a backup was restored (the program must restart)."""
    dialog = EncryptedBackupDialog(parent, db, holder)
    exec_and_dispose(dialog)
    return dialog.restored

