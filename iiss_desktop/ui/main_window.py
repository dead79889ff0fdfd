"""The main window: a start page and one tab per area of the office."""
from __future__ import annotations

import logging
from datetime import datetime

from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QLabel, QMainWindow, QMessageBox, QTabWidget, QWidget

from .. import __version__
from ..domain.access import allowed
from .common.dialogs import report_errors, show_error
from .common.refresh import ALL_AREAS
from .events import AppEvents

log = logging.getLogger(__name__)


def _tabs():
    """The start page, then a tab per area that has one (``iiss_desktop.areas``), each with
    the area (None for the start page); a tab's module is imported the first time it is
    shown, so start-up only pays for the start page."""
    from ..areas import AREAS, resolve

    def lazy(target: str):
        return lambda db, events: resolve(target)(db, events)

    # The start page too: its queries would bring SQLAlchemy in before the window shows.
    return ([("Home", lazy("iiss_desktop.ui.home:HomePage"), None)]
            + [(a.label, lazy(a.tab), a) for a in AREAS if a.tab])


def _read_permission(area):
    return area.read_permission if area is not None else None


class MissingPermissionPage(QLabel):
    """What a tab shows to a user who may not read its area: which permission is missing."""

    def __init__(self, area, permission, principal, parent: QWidget | None = None):
        who = (f"L'utente «{principal.username}» ha il ruolo: {principal.roles_label}."
               if principal is not None else "Nessun utente collegato.")
        super().__init__(
            f"<h2>{area.label}</h2><p>Per consultare questa sezione serve il permesso "
            f"«{permission.label}».</p><p>{who}</p><p>Chiedere al dirigente scolastico o "
            "all'amministratore tecnico di assegnare il ruolo adatto (Strumenti › Utenti e "
            "ruoli).</p>", parent)
        self.area = area.name          # built: the main window does not build it again
        self.missing = permission
        self.setObjectName("missingPermission")
        self.setWordWrap(True)
        self.setAlignment(Qt.AlignTop | Qt.AlignLeft)
        self.setMargin(24)


class MainWindow(QMainWindow):
    """``MainWindow(None)`` is the frame alone (title, tabs, geometry), shown at start-up
    before the archive is open; ``attach(db)`` then builds the rest."""

    def __init__(self, db, parent: QWidget | None = None, *, auto_backup: bool = False):
        super().__init__(parent)
        self.setWindowTitle("iiss_desktop – Segreteria scolastica")
        self.resize(1280, 800)
        self.tabs = QTabWidget(self)
        self.tabs.setDocumentMode(True)
        self.setCentralWidget(self.tabs)
        self._factories, self._areas = [], []
        for title, factory, area in _tabs():
            placeholder = QWidget(self.tabs)
            self.tabs.addTab(placeholder, title)
            self._factories.append(factory)
            self._areas.append(area)
        self._restore_geometry()
        if db is None:
            self.statusBar().showMessage("Apertura dell'archivio…")
        else:
            self.attach(db, auto_backup=auto_backup)

    def attach(self, db, *, auto_backup: bool = False) -> None:
        self.db = db
        self.events = AppEvents(self)
        self.statusBar().clearMessage()
        self.tabs.currentChanged.connect(self._ensure_tab)
        self._ensure_tab(0)
        self._restore_state()
        self._build_menus()
        self.user_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.user_label)
        self._show_user()
        from .users.lock import SessionLock

        self.session_lock = SessionLock(self, db)
        self.session_lock.changed_user.connect(self._on_user_changed)
        # The register of visitors is kept only for the school's retention: purged at the
        # first start of each day by a user who holds it (services/office.purge_expired).
        QTimer.singleShot(0, self.purge_visitors)
        if auto_backup and db.is_sqlite and db.path is not None:
            # After the window is up: the clerk can start working while the copy is made.
            QTimer.singleShot(1500, self.automatic_backup)
        from types import SimpleNamespace

        # The encrypted backups' key, for this session only (ui/settings/backup_dialog.py);
        # the dialog's module is imported only when used: start-up does not pay for it.
        self.backup_keys = SimpleNamespace(key=None)
        self._user_id = getattr(db.current_user, "id", None)   # whose session the key is of
        if auto_backup:
            # The day's encrypted backup: asked at start-up (to who may), then tried hourly.
            QTimer.singleShot(4000, self._start_encrypted_backups)
            self.encrypted_timer = QTimer(self)
            self.encrypted_timer.setInterval(60 * 60 * 1000)
            self.encrypted_timer.timeout.connect(self.scheduled_encrypted_backup)
            self.encrypted_timer.start()

    # Tabs are built the first time they are shown: start-up builds only the start page.
    def _ensure_tab(self, index: int) -> QWidget:
        widget = self.tabs.widget(index)
        if getattr(widget, "area", None) is None:
            title = self.tabs.tabText(index)
            area, me = self._areas[index], self.db.current_user
            needed = _read_permission(area)
            if needed is not None and not allowed(me, needed):
                real = self._limited_tab(area, me) or MissingPermissionPage(area, needed, me)
            else:
                real = self._factories[index](self.db, self.events)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, real, title)
            self.tabs.setCurrentIndex(index)
            self.tabs.blockSignals(False)
            widget.deleteLater()
            widget = real
        return widget

    def _limited_tab(self, area, me) -> QWidget | None:
        """The part of the area a user without its read permission may still use."""
        from ..areas import resolve

        for code, target in area.limited_tabs:
            if allowed(me, area.permission(code)):
                return resolve(target)(self.db, self.events)
        return None

    # Size, position and last tab are remembered between sessions (per Windows user).
    def _restore_geometry(self) -> None:
        from .common.settings import app_settings

        geometry = app_settings().value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        elif self.screen() is not None:
            self.fit_to(self.screen().availableGeometry())

    # Room for the title bar and borders the system adds around the window (Windows 10/11).
    FRAME_WIDTH, FRAME_HEIGHT = 16, 40

    def fit_to(self, available: QRect) -> None:
        """The first window (no saved state): at most 1280×800, within ``available`` (the
        screen less the taskbar) with its frame, centred: on a 1366×768 laptop the row count
        and the status bar stay on screen."""
        width = max(min(1280, available.width() - self.FRAME_WIDTH), 640)
        height = max(min(800, available.height() - self.FRAME_HEIGHT), 480)
        self.resize(width, height)
        self.move(available.x() + max((available.width() - self.FRAME_WIDTH - width) // 2, 0),
                  available.y() + max((available.height() - self.FRAME_HEIGHT - height) // 2,
                                      0))

    def _restore_state(self) -> None:
        from .common.settings import app_settings

        settings = app_settings()
        index = settings.value("main_window/tab", 0, type=int)
        if 0 < index < self.tabs.count():
            self.tabs.setCurrentIndex(index)

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        from .common.settings import app_settings

        settings = app_settings()
        settings.setValue("main_window/geometry", self.saveGeometry())
        settings.setValue("main_window/tab", self.tabs.currentIndex())
        for i in range(self.tabs.count()):   # the column widths of the tabs built
            save = getattr(self.tabs.widget(i), "save_columns", None)
            if save is not None:
                save(settings)
        super().closeEvent(event)
        if event.isAccepted():
            # A closed window must not lock the screen later (nor reach its archive).
            self.session_lock.watcher.detach()

    def tab(self, title: str) -> QWidget:
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i) == title:
                self.tabs.setCurrentIndex(i)
                return self._ensure_tab(i)
        raise KeyError(title)

    def _show_user(self) -> None:
        me = self.db.current_user
        who = (f"{me.full_name or me.username} ({me.roles_label})" if me is not None
               else "nessuno")
        self.user_label.setText(f"Utente: {who}  ·  Archivio: {self.db.display_name}")
        if hasattr(self, "change_password_action"):
            from ..services.users import is_demo_archive

            self.change_password_action.setVisible(me is not None
                                                   and not is_demo_archive(self.db))

    def purge_visitors(self) -> None:
        """The daily purge of the register of visitors, if the user holds it and it has not
        reached today's limit yet; a failure is logged and shown in the status bar only."""
        from ..areas.office import VISITORS

        if self.db.read_only or not allowed(self.db.current_user, VISITORS):
            return
        from ..domain.errors import DomainError
        from ..services.office import purge_expired

        try:
            result = purge_expired(self.db)
        except DomainError as exc:
            log.warning("Registro visitatori: cancellazione non eseguita: %s", exc.message)
            self.statusBar().showMessage(f"Registro visitatori: {exc.message}", 10000)
            return
        if result.ran and (result.visits or result.appointments):
            self.statusBar().showMessage(
                f"Registro visitatori: cancellate {result.visits + result.appointments} "
                "registrazioni scadute.", 10000)

    def _on_user_changed(self, principal) -> None:
        # The backups' key was given by the previous user: another one gives it again
        # (Strumenti › Backup cifrato…), so nobody backs up or restores on another's word.
        user_id, self._user_id = self._user_id, getattr(principal, "id", None)
        if self.backup_keys.key is not None and user_id != self._user_id:
            self.backup_keys.key = None
            self.statusBar().showMessage("Cambio utente: la passphrase dei backup cifrati va "
                                         "inserita di nuovo (Strumenti › Backup cifrato…).",
                                         15000)
        if getattr(self, "search_dialog", None) is not None:
            self.search_dialog.hide()            # the previous user's search goes with them
            self.search_dialog.edit.clear()
        self._show_user()
        self.purge_visitors()
        self._follow_read_permissions()
        self.events.data_changed.emit(ALL_AREAS)   # what a user may see changed

    def _follow_read_permissions(self) -> None:
        """A tab built for the previous user goes back to unbuilt when the new user may read
        its area and it showed the missing permission, or the other way round."""
        me, current = self.db.current_user, self.tabs.currentIndex()
        for index, area in enumerate(self._areas):
            widget, needed = self.tabs.widget(index), _read_permission(area)
            if needed is None or getattr(widget, "area", None) is None:
                continue
            if isinstance(widget, MissingPermissionPage) == (not allowed(me, needed)):
                continue
            title = self.tabs.tabText(index)
            self.tabs.blockSignals(True)
            self.tabs.removeTab(index)
            self.tabs.insertTab(index, QWidget(self.tabs), title)
            self.tabs.setCurrentIndex(current)
            self.tabs.blockSignals(False)
            widget.deleteLater()
        self._ensure_tab(current)

    def lock(self) -> None:
        """Archivio › Blocca: the idle lock at once (leaving the desk)."""
        self.session_lock.lock()

    @report_errors
    def switch_user(self) -> None:
        from .users.dialogs import switch_user

        before = self.db.current_user
        principal = switch_user(self, self.db)
        if principal is None:
            self.db.current_user = before
            return
        from .app import note_start

        note_start(self.db)     # the program opens for the new user: their novità since
        self._on_user_changed(principal)
        self.session_lock.reload()

    @report_errors
    def change_password(self) -> None:
        from .users.dialogs import change_own_password

        if change_own_password(self, self.db):
            self.statusBar().showMessage("Password cambiata.", 10000)

    @report_errors
    def open_users(self) -> None:
        from .users.page import open_users_dialog

        open_users_dialog(self, self.db)
        self._show_user()
        self.session_lock.reload()

    def _action(self, menu, text: str, slot, shortcut=None) -> QAction:
        action = QAction(text, self)
        if shortcut:
            # One key or several ("Ctrl+Tab", "Ctrl+PgDown"): all work, the first is shown.
            keys = [shortcut] if isinstance(shortcut, str) else list(shortcut)
            action.setShortcuts([QKeySequence(k) for k in keys])
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_menus(self) -> None:
        bar = self.menuBar()
        archive = bar.addMenu("&Archivio")
        self._action(archive, "Cambia utente…", self.switch_user)
        self._action(archive, "Blocca il programma", self.lock, "Ctrl+L")
        self.change_password_action = self._action(archive, "Cambia la mia password…",
                                                    self.change_password)
        archive.addSeparator()
        if self.db.is_sqlite:
            self._action(archive, "Copia di sicurezza…", self.backup_now)
        self._action(archive, "Verifica integrità", self.verify_now)
        self._action(archive, "Registro delle modifiche…", self.open_audit)
        archive.addSeparator()
        self._action(archive, "Esci", self.close, "Ctrl+Q")
        # The actions of the tab shown: rebuilt when the tab changes (a hidden tab's
        # shortcuts must not stay active through the menu bar) and when opened.
        self.actions_menu = bar.addMenu("A&zioni")
        self.actions_menu.setObjectName("actionsMenu")
        self.actions_menu.setToolTipsVisible(True)
        self.actions_menu.aboutToShow.connect(self._fill_actions_menu)
        self.tabs.currentChanged.connect(self._fill_actions_menu)
        self._fill_actions_menu()
        self._build_go_menu(bar)
        prints = bar.addMenu("&Stampe")
        self._action(prints, "Stampe disponibili…", self.open_prints, "Ctrl+Shift+P")
        tools = bar.addMenu("S&trumenti")
        self.search_action = self._action(tools, "Cerca…", self.open_search, "Ctrl+K")
        self.search_action.setToolTip("Cerca persone, fornitori, beni, articoli, acquisti, "
                                      "fatture, impegni e mandati (Ctrl+K)")
        tools.addSeparator()
        self._action(tools, "Impostazioni dell'istituto…", self.open_settings)
        self._action(tools, "Utenti e ruoli…", self.open_users)
        self._action(tools, "Backup cifrato…", self.open_encrypted_backups)
        self._action(tools, "Apri la cartella dei log", self.open_logs)
        help_menu = bar.addMenu("A&iuto")
        self._action(help_menu, "Scorciatoie da tastiera…", self.show_shortcuts, "F1")
        self._action(help_menu, "Informazioni su iiss_desktop", self.about)

    # --- keyboard: tabs and the Azioni menu -------------------------------------------
    def _build_go_menu(self, bar) -> None:
        go = bar.addMenu("&Vai")
        self._go_menu = go
        self._action(go, "Scheda successiva", lambda: self._step_tab(1),
                     ("Ctrl+Tab", "Ctrl+PgDown"))
        self._action(go, "Scheda precedente", lambda: self._step_tab(-1),
                     ("Ctrl+Shift+Tab", "Ctrl+Shift+Backtab", "Ctrl+PgUp"))
        go.addSeparator()
        for index in range(min(self.tabs.count(), 9)):
            self._action(go, self.tabs.tabText(index),
                         lambda _checked=False, i=index: self.go_to_tab(i), f"Alt+{index + 1}")

    def _step_tab(self, step: int) -> None:
        self.go_to_tab((self.tabs.currentIndex() + step) % self.tabs.count())

    def go_to_tab(self, index: int) -> None:
        self.tabs.setCurrentIndex(index)
        # Into the tab: the next key goes to its list, not to the tab bar or the old tab.
        widget = self.tabs.currentWidget()
        target = getattr(widget, "table", widget)
        target.setFocus()

    def open_area(self, target: str, record_id=None) -> None:
        """A start-page alert's target: an area's tab («office»), one of its pages
        («office:surveys», the tab's ``show_page``) with ``record_id`` selected, or a command
        of the menus."""
        commands = {"backup": self.backup_now, "settings": self.open_settings,
                    "backup_cifrato": self.open_encrypted_backups}
        if target in commands:
            commands[target]()
            return
        name, _sep, page = target.partition(":")
        for index, area in enumerate(self._areas):
            if area is not None and area.name == name:
                self.go_to_tab(index)
                widget = self.tabs.currentWidget()
                if page and hasattr(widget, "show_page"):
                    widget.show_page(page, record_id)
                return

    def _fill_actions_menu(self, *_args) -> None:
        from .shortcuts import fill_actions_menu

        fill_actions_menu(self.actions_menu, self.tabs.currentWidget())

    def shortcut_sections(self) -> list[tuple[str, list[tuple[str, str]]]]:
        """What Aiuto › Scorciatoie lists: the window's menus, each tab's actions (tabs not
        yet opened are built for it), the keys of the dialogs and lists."""
        from .shortcuts import IN_DIALOGS, IN_LISTS, with_keys

        window = [a for entry in self.menuBar().actions()
                  if entry.menu() is not None and entry.menu() is not self.actions_menu
                  for a in entry.menu().actions()]
        sections = [("Finestra principale", with_keys(window))]
        current = self.tabs.currentIndex()
        for index in range(self.tabs.count()):
            widget = self._ensure_tab(index)
            if hasattr(widget, "all_actions"):
                sections.append((self.tabs.tabText(index),
                                 with_keys(widget.all_actions())))
        self.tabs.setCurrentIndex(current)
        sections += [("Nelle finestre di inserimento", list(IN_DIALOGS)),
                     ("Negli elenchi", list(IN_LISTS))]
        return sections

    @report_errors
    def show_shortcuts(self) -> None:
        from .common.dialogs import exec_and_dispose
        from .shortcuts import ShortcutsDialog

        exec_and_dispose(ShortcutsDialog(self, self.shortcut_sections()))

    @report_errors
    def open_search(self) -> None:
        """Strumenti › Cerca… (Ctrl+K): one window, kept, shown again with the last search."""
        if getattr(self, "search_dialog", None) is None:
            from .search import SearchDialog

            self.search_dialog = SearchDialog(self, self.db, self.events)
        self.search_dialog.show_again()

    @report_errors
    def open_settings(self) -> None:
        from .settings.dialog import SettingsDialog

        SettingsDialog.ask(self, self.db)
        self.events.data_changed.emit("school")
        self._show_user()
        self.session_lock.reload()

    @report_errors
    def open_audit(self) -> None:
        from .audit_dialog import AuditDialog

        AuditDialog.ask(self, self.db)

    @report_errors
    def open_prints(self) -> None:
        from .print_dialog import PrintDialog

        PrintDialog.ask(self, self.db)

    @report_errors
    def backup_now(self) -> None:
        from datetime import datetime

        from ..areas.school import BACKUP
        from ..domain.access import check
        from ..paths import backups_dir
        from ..services.archive import backup_archive
        from .common.jobs import run_job

        check(self.db.current_user, BACKUP)  # refused here, before the job starts
        out = backups_dir() / f"{self.db.path.stem}-{datetime.now():%Y%m%d-%H%M%S}.db"

        def done(result):
            QMessageBox.information(self, "Copia di sicurezza",
                                    f"Copia creata e verificata:\n{result.path}")
            self.events.data_changed.emit("home")

        run_job(self, lambda progress=None, cancel=None: backup_archive(self.db, out),
                title="Copia di sicurezza in corso…", on_done=done)

    def automatic_backup(self):
        """The daily verified copy, in the background and without dialogs."""
        from ..db.backup import automatic_backup
        from ..paths import backups_dir
        from .common.jobs import run_job

        def done(result):
            if result is not None:
                self.statusBar().showMessage("Copia di sicurezza automatica creata e verificata.",
                                             10000)
                self.events.data_changed.emit("home")

        def failed(exc, tb_text):
            log.error("Copia automatica non riuscita: %s\n%s", exc, tb_text)
            self.statusBar().showMessage("Copia di sicurezza automatica NON riuscita: vedere "
                                         "il file di log.", 30000)

        return run_job(self, lambda progress=None, cancel=None:
                       automatic_backup(self.db.path, backups_dir()),
                       on_done=done, on_error=failed, delay_ms=60_000)

    # --- encrypted backups (services/backups.py) ------------------------------------------
    @report_errors
    def open_encrypted_backups(self) -> None:
        from ..areas.school import BACKUP
        from ..domain.access import check
        from .settings.backup_dialog import open_backup_dialog

        check(self.db.current_user, BACKUP)
        if open_backup_dialog(self, self.db, self.backup_keys):
            QMessageBox.information(self, "Ripristino completato",
                                    "Il programma ora si chiude: riaprirlo per lavorare "
                                    "sull'archivio ripristinato.")
            self.close()
            return
        self.events.data_changed.emit("home")

    def _may_back_up(self) -> bool:
        from ..areas.school import BACKUP

        return allowed(self.db.current_user, BACKUP)

    def _start_encrypted_backups(self) -> None:
        """At start-up: if the encrypted backups are set up, today's is missing and the user
        may make it, ask the passphrase once for the session."""
        from ..domain.errors import DomainError
        from ..services.backups import backup_settings_of, list_encrypted_backups

        if self.backup_keys.key is not None or not self._may_back_up():
            return
        try:
            if not backup_settings_of(self.db).configured:
                return
            today = datetime.now().date()
            if any(h.created.date() == today for _p, h in list_encrypted_backups(self.db)):
                return
        except DomainError as exc:
            log.warning("Backup cifrato: %s", exc.message)
            return
        from .settings.backup_dialog import ask_unlock

        if ask_unlock(self, self.db, self.backup_keys,
                      "Il backup cifrato di oggi non è ancora stato fatto."):
            self.scheduled_encrypted_backup()
        else:
            self.statusBar().showMessage("Backup cifrato di oggi non fatto: inserire la "
                                         "passphrase da Strumenti › Backup cifrato….", 30000)

    def scheduled_encrypted_backup(self):
        """The day's encrypted backup, in the background, when the key was given."""
        from ..services.backups import scheduled_backup
        from .common.jobs import run_job

        key = self.backup_keys.key
        if key is None or not self._may_back_up():
            return None

        def done(made):
            if made is None:
                return
            message = "Backup cifrato automatico creato e verificato."
            if made.warnings:
                message += " Attenzione: " + " ".join(made.warnings)
            self.statusBar().showMessage(message, 30000)
            self.events.data_changed.emit("home")

        def failed(exc, tb_text):
            log.error("Backup cifrato automatico non riuscito: %s\n%s", exc, tb_text)
            self.statusBar().showMessage("Backup cifrato automatico NON riuscito: vedere "
                                         "Strumenti › Backup cifrato….", 30000)

        return run_job(self, lambda progress=None, cancel=None: scheduled_backup(self.db, key),
                       on_done=done, on_error=failed, delay_ms=60_000)

    @report_errors
    def verify_now(self) -> None:
        from ..areas.school import VERIFY
        from ..domain.access import check
        from ..services.archive import verify_archive
        from .common.jobs import run_job

        check(self.db.current_user, VERIFY)
        def done(report):
            if report.ok:
                QMessageBox.information(
                    self, "Verifica integrità",
                    f"Archivio integro.\n{report.entries_checked} registrazioni, "
                    f"{report.audit_rows} righe del registro delle modifiche"
                    + (", firmate con la chiave dell'archivio dalla riga "
                       f"{report.keyed_from + 1}" if report.keyed_from is not None else "")
                    + ".\n" + "\n".join(f"Testa confrontata con {a}." for a in
                                         report.anchors))
            else:
                show_error(self, f"La verifica ha trovato {len(report.problems)} problemi.",
                           "\n".join(p.message for p in report.problems))

        run_job(self, lambda progress=None, cancel=None: verify_archive(self.db),
                title="Verifica dell'archivio…", on_done=done)

    def open_logs(self) -> None:
        from PySide6.QtCore import QUrl
        from PySide6.QtGui import QDesktopServices

        from ..paths import logs_dir

        QDesktopServices.openUrl(QUrl.fromLocalFile(str(logs_dir())))

    def about(self) -> None:
        from ..paths import logs_dir

        QMessageBox.about(self, "Informazioni su iiss_desktop",
                          f"<b>iiss_desktop</b> {__version__}<br>Gestionale della segreteria "
                          f"scolastica.<br><br>Archivio: {self.db.display_name}<br>"
                          f"File di log: {logs_dir()}")
