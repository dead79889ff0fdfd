"""Composition root of the GUI: application, translations, style, database, main window."""
from __future__ import annotations

import logging
import sys

log = logging.getLogger(__name__)


def create_app(argv: list[str] | None = None):
    from PySide6.QtWidgets import QApplication

    from .common.i18n import install_translators

    app = QApplication.instance() or QApplication(argv or sys.argv[:1])
    app.setApplicationName("iiss_desktop")
    app.setOrganizationName("iiss_desktop")
    install_translators(app)
    _load_style(app)
    return app


def _load_style(app) -> None:
    from ..paths import resource_path

    try:
        app.setStyleSheet(resource_path("styles", "app.qss").read_text(encoding="utf-8"))
    except OSError:
        log.warning("Foglio di stile non trovato")


def create_main_window(db, *, auto_backup: bool = False):
    from .main_window import MainWindow

    return MainWindow(db, auto_backup=auto_backup)


def open_user_database(db_arg: str | None, demo: bool):
    """The database the GUI works on: --db, the demo (built on first use) or the user's.
    Nobody is logged in yet (``users.dialogs.sign_in``)."""
    from ..db.schema import open_database
    from ..paths import default_db_path, demo_db_path

    if demo:
        from ..demo import ensure_demo

        target = ensure_demo(demo_db_path())
    else:
        target = db_arg or default_db_path()
    return open_database(target, create=not db_arg)


def run_gui(db: str | None = None, demo: bool = False, user: str | None = None) -> int:
    from PySide6.QtWidgets import QMessageBox

    from ..domain.errors import DomainError
    from .common.dialogs import install_excepthook

    app = create_app()
    install_excepthook(log)
    # The demo signs in without a dialog: its window shows at once, before the archive opens
    # (importing SQLAlchemy and opening take most of the start), and fills once it is open.
    # Not while the demo is first built: a window frozen for seconds would look hung.
    early = _early_window(app) if demo and _demo_exists() else None
    try:
        database = open_user_database(db, demo)
    except DomainError as exc:
        _drop(early)
        QMessageBox.critical(None, "iiss_desktop", exc.message)
        return 1
    from .users.dialogs import sign_in

    if not ask_for_missing_key(database):
        _drop(early)
        database.dispose()
        return 1
    if sign_in(None, database, demo=demo, username=user) is None:
        _drop(early)
        database.dispose()
        return 0
    if not demo and database.path is not None and database.is_sqlite:
        _ensure_school(database)
    note_start(database)
    if early is None:
        window = create_main_window(database, auto_backup=True)
        window.show()
    elif not early.isVisible():   # closed by the clerk during a question: nothing to run
        database.dispose()
        return 0
    else:
        early.attach(database, auto_backup=True)
    try:
        return app.exec()
    finally:
        database.dispose()


def note_start(db) -> None:
    """The GUI opens for the user just signed in: the start page lists what changed since
    their previous start (services/home.record_start). A failure only loses that list."""
    from ..domain.errors import DomainError
    from ..services.home import record_start

    try:
        record_start(db)
    except DomainError as exc:
        log.warning("Apertura non registrata: %s", exc.message)


def _demo_exists() -> bool:
    from ..paths import demo_db_path

    return demo_db_path().exists()


def _early_window(app):
    from .main_window import MainWindow

    window = MainWindow(None)
    window.show()
    app.processEvents()   # mapped and painted before the thread is busy opening the archive
    return window


def _drop(window) -> None:
    """An early window of a start that did not get through: hidden, not closed (closing
    would save its empty state over the last session's)."""
    if window is not None:
        window.hide()
        window.deleteLater()


def ask_for_missing_key(db, choose_file=None) -> bool:
    """An archive whose change-log key is not on this PC (a second PC on PostgreSQL, a file
    brought from elsewhere) cannot record anything, not even a login: offer to import the
    key exported on the first PC. False when the user gives up."""
    if not db.archive_id or db.chain_key is not None:
        return True
    from PySide6.QtWidgets import QFileDialog, QMessageBox

    from ..domain.errors import DomainError
    from ..services.archive import import_archive_key

    while True:
        box = QMessageBox(QMessageBox.Icon.Question, "Chiave dell'archivio mancante",
                          "Su questo PC manca la chiave che firma il registro delle modifiche "
                          "di questo archivio: senza di essa non si può registrare nulla.\n\n"
                          "Sul PC dove l'archivio è stato creato: «iiss-desktop chiave "
                          "esporta FILE». Poi importare qui quel file.")
        choose = box.addButton("Importa la chiave…", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Esci", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is not choose:
            return False
        path = (choose_file or (lambda: QFileDialog.getOpenFileName(
            None, "Chiave dell'archivio", "", "Chiave (*.json)")[0]))()
        if not path:
            continue
        try:
            import_archive_key(db, path)
            return True
        except DomainError as exc:
            QMessageBox.warning(None, "Chiave dell'archivio", exc.message)


def _ensure_school(db) -> None:
    """A brand-new database has no school yet: ask for it before anything else."""
    from ..queries.school import get_school_values

    values, _ = get_school_values(db)
    if not values.get("denominazione"):
        from .settings.dialog import SettingsDialog

        SettingsDialog.ask(None, db)
