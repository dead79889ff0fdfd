"""Strumenti › Backup cifrato… and the restore wizard, on a copy of the demo archive."""
from __future__ import annotations

import hashlib
import sqlite3

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from iiss_desktop.services import backups
from iiss_desktop.ui.settings.backup_dialog import EncryptedBackupDialog, KeyHolder
from iiss_desktop.ui.settings.restore_wizard import RestoreWizard
from tests.helpers.ui import on_next_modal, save_screenshot

PASSPHRASE = "cavallo batteria graffetta"


def _entries(path) -> int:
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as con:
        return con.execute("SELECT count(*) FROM register_entry").fetchone()[0]


@pytest.fixture
def made(demo_db, tmp_path):
    folder = tmp_path / "backup"
    folder.mkdir()
    backups.save_backup_settings(demo_db, folder=str(folder))
    key = backups.set_passphrase(demo_db, PASSPHRASE, PASSPHRASE)
    return key, backups.backup_now(demo_db, key)


def _warning_text(box_texts: list):
    def read(dialog):
        assert isinstance(dialog, QMessageBox)
        box_texts.append(dialog.text())
    return read


def _read_box_when_shown(qtbot, texts: list) -> QTimer:
    """The message box a background job opens when it ends: its text kept, then closed."""
    timer = QTimer()

    def poll():
        box = QApplication.activeModalWidget()
        if isinstance(box, QMessageBox):
            texts.append(box.text())
            box.accept()
            timer.stop()

    timer.timeout.connect(poll)
    timer.start(50)
    return timer


def test_the_settings_dialog_runs_a_backup(qtbot, demo_db, made):
    key, first = made
    holder = KeyHolder()
    holder.key = key
    dialog = EncryptedBackupDialog(None, demo_db, holder)
    qtbot.addWidget(dialog)
    dialog.resize(720, 520)
    dialog.show()
    assert "inserita per questa sessione" in dialog.passphrase_state.text()
    assert "Backup di questo archivio nella cartella: 1" in dialog.status.text()
    assert (dialog.daily.value(), dialog.weekly.value(), dialog.monthly.value()) == (7, 4, 12)
    save_screenshot(dialog, "backup-cifrato.png")
    texts: list = []
    poll = _read_box_when_shown(qtbot, texts)
    dialog.run_button.click()
    qtbot.waitUntil(lambda: bool(texts), timeout=60_000)
    poll.stop()
    assert "Backup creato e verificato" in texts[0]
    assert len(backups.list_encrypted_backups(demo_db)) == 1   # …the rotation keeps one a day


def test_the_wizard_shows_the_backup_then_restores_it(qtbot, demo_db, demo_path, made):
    _key, backup = made
    before = _entries(demo_path)
    from datetime import date

    from iiss_desktop.services.registers import LineInput, register_entry

    register_entry(demo_db, register="prova", entry_date=date(2025, 9, 1),
                   description="dopo il backup", lines=[LineInput("riga", 1)])
    wizard = RestoreWizard(None, demo_db)
    qtbot.addWidget(wizard)
    wizard.resize(760, 600)
    wizard.show()
    first = wizard.currentPage()
    assert first.list.count() == 1
    first.list.setCurrentRow(0)
    assert first.path.text() == str(backup.path)
    assert wizard.button(QWizard.NextButton).isEnabled()
    wizard.next()
    summary = wizard.currentPage().text.toPlainText()
    assert "Rodari" in summary and backup.header.audit_head in summary
    save_screenshot(wizard, "ripristino-2-contenuto.png")
    wizard.next()
    page = wizard.currentPage()
    assert not wizard.button(QWizard.NextButton).isEnabled()   # no passphrase yet
    page.passphrase.setText("non è la passphrase giusta")
    texts: list = []
    on_next_modal(_warning_text(texts))
    wizard.next()
    assert texts and "Passphrase errata o file danneggiato" in texts[0]
    assert wizard.currentPage() is page
    digest = hashlib.sha256(demo_path.read_bytes()).hexdigest()
    page.passphrase.setText(PASSPHRASE)
    wizard.next()
    confirm = wizard.currentPage()
    assert "supera la verifica" in confirm.text.text()
    assert hashlib.sha256(demo_path.read_bytes()).hexdigest() == digest   # nothing replaced
    assert not wizard.button(QWizard.NextButton).isEnabled()   # nothing typed yet
    assert "scrivere il codice meccanografico della scuola del backup: RMIC86400X" in \
        confirm.ask.text().replace("&", "").replace("<b>", "").replace("</b>", "")
    confirm.typed.setText("RMIC86400")                         # one letter short
    assert not wizard.button(QWizard.NextButton).isEnabled()
    confirm.typed.setText(" rmic86400x ")
    assert wizard.button(QWizard.NextButton).isEnabled()
    save_screenshot(wizard, "ripristino-4-conferma.png")
    wizard.next()
    assert wizard.restored
    done = wizard.currentPage().text.text()
    assert "prima-del-ripristino" in done and "riavviato" in done
    assert _entries(demo_path) == before
    QApplication.processEvents()


def test_the_start_page_warns_of_an_old_encrypted_backup(demo_db, made, tmp_path):
    from datetime import timedelta

    from iiss_desktop.queries.home import home_items

    _key, backup = made
    created = backup.header.created.date()
    assert not [i for i in home_items(demo_db, created) if i.target == "backup_cifrato"]
    later = [i for i in home_items(demo_db, created + timedelta(days=8))
             if i.target == "backup_cifrato"]
    assert [(i.title, i.level) for i in later] == [("Backup cifrato non recente", "warning")]
    assert "8 giorni fa" in later[0].detail
    # the plain copies' warning gives way once the encrypted backups are set up (an empty
    # folder of plain copies would otherwise say «Nessuna copia di sicurezza» beside it)
    plain = tmp_path / "copie"
    plain.mkdir()
    assert not [i for i in home_items(demo_db, created, backups_dir=plain)
                if i.target == "backup"]


def test_the_main_window_asks_the_passphrase_for_the_day_backup(qtbot, main_window, demo_db,
                                                                tmp_path):
    from PySide6.QtWidgets import QInputDialog, QLineEdit

    folder = tmp_path / "backup"
    folder.mkdir()
    backups.save_backup_settings(demo_db, folder=str(folder))
    backups.set_passphrase(demo_db, PASSPHRASE, PASSPHRASE)
    tools = [a.text() for m in main_window.menuBar().actions() if m.menu()
             for a in m.menu().actions()]
    assert "Backup cifrato…" in tools
    assert main_window.backup_keys.key is None

    def type_passphrase(dialog):
        assert isinstance(dialog, QInputDialog)
        dialog.findChild(QLineEdit).setText(PASSPHRASE)
        dialog.accept()

    on_next_modal(type_passphrase)
    main_window._start_encrypted_backups()
    assert main_window.backup_keys.key is not None
    qtbot.waitUntil(lambda: len(backups.list_encrypted_backups(demo_db)) == 1, timeout=60_000)
    [(path, header)] = backups.list_encrypted_backups(demo_db)
    assert header.kind == "automatico" and path.name.endswith("-automatico.iissbak")
    # Today's is there: the hourly call makes none, and start-up asks nothing.
    job = main_window.scheduled_encrypted_backup()
    qtbot.waitUntil(job.is_done, timeout=60_000)
    main_window._start_encrypted_backups()
    qtbot.waitUntil(lambda: QApplication.activeModalWidget() is None, timeout=5_000)
    assert len(backups.list_encrypted_backups(demo_db)) == 1


def test_the_backups_key_is_forgotten_when_the_user_changes(main_window, made):
    """The key given by one user does not stay for the next one at the same PC."""
    from iiss_desktop.services.users import act_as

    key, _made = made
    main_window.backup_keys.key = key
    main_window.session_lock.changed_user.emit(main_window.db.current_user)
    assert main_window.backup_keys.key is key          # the same user back after the lock
    principal = act_as(main_window.db, "amministrativo")
    main_window.session_lock.changed_user.emit(principal)
    assert main_window.backup_keys.key is None
    assert "passphrase dei backup cifrati va inserita di nuovo" in \
        main_window.statusBar().currentMessage()
    assert main_window.scheduled_encrypted_backup() is None       # no key: nothing made
