"""First user, login, idle lock and the users page, driven with qtbot on real archives."""
from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from iiss_desktop.db.schema import open_database
from iiss_desktop.domain.access import ASSISTENTE_TECNICO, DSGA, PermissionDenied
from iiss_desktop.queries.users import list_users
from iiss_desktop.services import users as U
from iiss_desktop.services.school import save_school, set_idle_lock_minutes
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.users import lock as lock_module
from iiss_desktop.ui.users.dialogs import FirstUserDialog, LoginDialog, RecoveryCodeDialog
from tests.helpers.ui import save_screenshot

PW = "cavallo batteria graffetta"


@pytest.fixture
def archive(db_path):
    create_app()
    database = open_database(db_path, create=True)
    yield database
    database.dispose()


@pytest.fixture
def configured(archive):
    """An archive whose first user (the DSGA "aferri") exists and is logged in."""
    U.create_first_user(archive, "aferri", "Alessandro Ferri", DSGA, PW)
    U.login(archive, "aferri", PW)
    save_school(archive, {"denominazione": "Istituto Comprensivo «Gianni Rodari»",
                          "codice_meccanografico": "RMIC86400X"})
    return archive


def _fill(form, **values):
    for name, value in values.items():
        editor = form.editors[name]
        if hasattr(editor, "setText"):
            editor.setText(value)
        else:
            editor.setCurrentIndex(editor._values.index(value))


def test_first_user_dialog_creates_the_dsga_and_logs_in(qtbot, archive):
    dlg = FirstUserDialog(None, archive)
    qtbot.addWidget(dlg)
    dlg.show()
    _fill(dlg.form, role=DSGA, full_name="Alessandro Ferri", username="aferri",
          password="corta", confirm="corta")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.isVisible() and list_users(archive) == []
    assert dlg.form.error_text("password").startswith("La password è troppo corta")
    _fill(dlg.form, password=PW, confirm=PW + "x")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.form.error_text("confirm") == "Le due password non coincidono."
    _fill(dlg.form, confirm=PW)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.result() == QDialog.Accepted
    assert archive.current_user.username == "aferri"
    assert archive.current_user.roles_label == "DSGA, Amministratore tecnico"
    assert len(dlg.code) == 24


def test_recovery_code_sheet_is_printed_with_the_code(qtbot, configured, monkeypatch):
    from pypdf import PdfReader

    from iiss_desktop.ui.common import printing

    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    dlg = RecoveryCodeDialog(None, configured, username="aferri", full_name="Alessandro Ferri",
                             roles="DSGA", code="ABCD-EFGH-JKMN-PQRS-TUVW")
    qtbot.addWidget(dlg)
    qtbot.mouseClick(dlg.print_button, Qt.LeftButton)
    (path,) = opened
    reader = PdfReader(str(path))
    text = reader.pages[0].extract_text()
    assert len(reader.pages) == 1
    assert "ABCD-EFGH-JKMN-PQRS-TUVW" in text and "cassaforte" in text
    assert "Istituto Comprensivo «Gianni Rodari»" in text and "Alessandro Ferri" in text
    assert "stampe" not in str(path)   # not left among the ordinary prints


def test_login_dialog_refuses_then_waits_then_accepts(qtbot, configured):
    U.logout(configured)
    dlg = LoginDialog(None, configured, username="aferri")
    qtbot.addWidget(dlg)
    dlg.show()
    for _ in range(4):
        dlg.form.editors["password"].setText("sbagliata sbagliata")
        qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.form.banner.text() == "Nome utente o password non corretti."
    assert dlg.ok_button.isEnabled() and configured.current_user is None
    dlg.form.editors["password"].setText("sbagliata sbagliata")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert "il prossimo sarà possibile tra 1 secondo" in dlg.form.banner.text()
    assert not dlg.ok_button.isEnabled() and dlg.ok_button.text() == "Accedi (1)"
    qtbot.waitUntil(dlg.ok_button.isEnabled, timeout=5000)
    dlg.form.editors["password"].setText(PW)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.result() == QDialog.Accepted
    assert configured.current_user.username == "aferri"


def test_window_locks_when_idle_and_the_same_password_unlocks(qtbot, configured, monkeypatch):
    from iiss_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(lock_module, "MS_PER_MINUTE", 40)   # a "minute" of 40 ms
    set_idle_lock_minutes(configured, 2)
    window = MainWindow(configured)
    qtbot.addWidget(window)
    window.show()
    assert "Utente: Alessandro Ferri (DSGA, Amministratore tecnico)" in window.user_label.text()
    form = QDialog(window)          # a form left open: it is covered too
    qtbot.addWidget(form)
    form.show()
    session = window.session_lock
    qtbot.waitUntil(lambda: session.locked, timeout=5000)
    covered = {c.parentWidget() for c in session.covers}
    assert {window, form} <= covered
    assert all(c.isVisible() and c.geometry() == c.parentWidget().rect() for c in session.covers)
    assert not window.menuBar().isEnabled()
    screen = session.screen
    assert screen.isVisible() and screen.isModal()
    screen.password_edit.setText("sbagliata sbagliata")
    qtbot.mouseClick(screen.unlock_button, Qt.LeftButton)
    assert session.locked and screen.error_label.text() == "Nome utente o password non corretti."
    qtbot.keyClick(screen, Qt.Key_Escape)     # Esc does not unlock
    assert session.locked
    screen.password_edit.setText(PW)
    qtbot.mouseClick(screen.unlock_button, Qt.LeftButton)
    assert not session.locked and window.menuBar().isEnabled()
    assert form.isVisible()                   # the same user: the open form is kept
    qtbot.waitUntil(lambda: not any(isinstance(c, lock_module._Cover) and c.isVisible()
                                    for c in window.children()), timeout=2000)


def test_a_closed_window_never_locks_afterwards(qtbot, configured, monkeypatch):
    """A window closed (and its archive maybe gone) must not wake up to lock the screen."""
    from iiss_desktop.ui.main_window import MainWindow

    monkeypatch.setattr(lock_module, "MS_PER_MINUTE", 40)
    set_idle_lock_minutes(configured, 1)
    window = MainWindow(configured)
    qtbot.addWidget(window)
    window.show()
    session = window.session_lock
    assert session.watcher.timer.isActive()
    window.close()
    assert not session.watcher.timer.isActive()
    qtbot.wait(200)                      # five idle "minutes" later
    assert not session.locked


def test_any_input_postpones_the_lock_and_zero_means_never(qtbot, configured):
    watcher = lock_module.IdleWatcher()
    watcher.set_minutes(15)
    watcher.last_input = 0.0
    from PySide6.QtWidgets import QLineEdit

    edit = QLineEdit()
    qtbot.addWidget(edit)
    edit.show()
    qtbot.keyClick(edit, Qt.Key_A)
    assert watcher.last_input > 0.0
    assert watcher.timer.isActive()
    watcher.set_minutes(0)
    assert not watcher.timer.isActive()
    watcher.detach()


def test_users_page_is_read_only_without_the_permission(qtbot, demo_db, monkeypatch):
    from iiss_desktop.ui.common import dialogs
    from iiss_desktop.ui.users import page as page_module
    from iiss_desktop.ui.users.page import UsersPage

    create_app()
    U.act_as(demo_db, "amministrativo")
    page = UsersPage(demo_db)
    qtbot.addWidget(page)
    page.show()
    assert not page.new_button.isEnabled() and not page.deactivate_button.isEnabled()
    assert not page.notice.isHidden() and "Solo consultazione" in page.notice.text()
    assert not page.idle_edit.isEnabled()
    # Called anyway (e.g. a shortcut): the service refuses, shown as the usual message.
    shown = []
    monkeypatch.setattr(dialogs, "show_domain_error", lambda parent, exc: shown.append(exc))
    monkeypatch.setattr(page_module, "ask_confirm", lambda *a: True)
    page.select("revisore")
    page.deactivate()
    assert [type(e) for e in shown] == [PermissionDenied]
    assert "«Gestione degli utenti e dei ruoli»" in shown[0].message
    assert all(u.active for u in list_users(demo_db))


def test_dirigente_creates_a_user_limited_to_a_plesso(qtbot, demo_db):
    from iiss_desktop.ui.users.page import UserDialog, UsersPage

    create_app()
    U.act_as(demo_db, "dirigente")
    page = UsersPage(demo_db)
    qtbot.addWidget(page)
    assert page.new_button.isEnabled() and page.notice.isHidden()
    dlg = UserDialog(page, demo_db)
    qtbot.addWidget(dlg)
    _fill(dlg.form, username="fgalli", full_name="Federico Galli",
          new_password="password di Federico", confirm="password di Federico")
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)     # no role yet
    assert dlg.form.banner.text() == "Dare all'utente almeno un ruolo."
    dlg.roles.role_boxes[ASSISTENTE_TECNICO].setChecked(True)
    sede = next(s for s in dlg.roles.sites if s.code == "SEDE")
    dlg.roles.site_boxes[ASSISTENTE_TECNICO][sede.id].setChecked(True)
    qtbot.mouseClick(dlg.ok_button, Qt.LeftButton)
    assert dlg.result() == QDialog.Accepted
    page.refresh()
    row = next(u for u in list_users(demo_db) if u.username == "fgalli")
    assert row.roles_text == ("Assistente tecnico (Scuola secondaria di I grado "
                              "«Gianni Rodari»)")
    assert row.has_password and "fgalli" in [page.model.row(r)[0]
                                             for r in range(page.model.rowCount())]
    # At 1366 pixels the roles column shows the plesso's whole name, not a cut one.
    page.resize(1366, 600)
    page.show()
    qtbot.waitExposed(page)
    needed = page.table.fontMetrics().horizontalAdvance(row.roles_text)
    assert page.table.horizontalHeader().sectionSize(page.ROLES_COLUMN) > needed
    save_screenshot(page, "users-page.png")


def test_demo_opens_as_the_demo_dsga_without_a_prompt(qtbot, demo_db):
    from iiss_desktop.ui.users.dialogs import sign_in

    create_app()
    U.logout(demo_db)
    principal = sign_in(None, demo_db, demo=True)
    assert (principal.username, principal.full_name, principal.roles) == (
        "dsga", "Alessandro Ferri", (DSGA,))
    assert demo_db.current_user == principal
