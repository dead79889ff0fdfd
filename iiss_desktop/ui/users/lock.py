"""Idle lock: after the school's idle minutes without input, every window is covered and the
same user's password (or another user's login) is asked before anything shows again."""
from __future__ import annotations

import time

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError
from ...domain.users import LoginDelayed, LoginFailed
from ...services import users as user_service

# One minute of the idle setting, in milliseconds (the tests shorten it).
MS_PER_MINUTE = 60_000

INPUT_EVENTS = frozenset({QEvent.KeyPress, QEvent.MouseButtonPress, QEvent.MouseMove,
                          QEvent.Wheel, QEvent.TouchBegin, QEvent.ShortcutOverride})


class IdleWatcher(QObject):
    """An event filter on the QApplication: any key, click, move or wheel is activity;
    ``idle`` is emitted once after ``minutes`` without any (0: never)."""

    idle = Signal()

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.interval_ms = 0
        self.last_input = time.monotonic()
        self.timer = QTimer(self)
        self.timer.timeout.connect(self._check)
        app = QApplication.instance()
        if app is not None:
            app.installEventFilter(self)

    def set_minutes(self, minutes: int) -> None:
        self.interval_ms = max(0, int(minutes)) * MS_PER_MINUTE
        self.restart()

    def restart(self) -> None:
        self.last_input = time.monotonic()
        if self.interval_ms:
            # Checked ten times per interval (at most every 5 s): the filter itself only
            # writes a number, the cheapest thing it can do on every event.
            self.timer.start(max(10, min(5000, self.interval_ms // 10)))
        else:
            self.timer.stop()

    def stop(self) -> None:
        self.timer.stop()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() in INPUT_EVENTS:
            self.last_input = time.monotonic()
        return False

    def _check(self) -> None:
        if (time.monotonic() - self.last_input) * 1000 >= self.interval_ms:
            self.timer.stop()
            self.idle.emit()

    def detach(self) -> None:
        app = QApplication.instance()
        if app is not None:
            app.removeEventFilter(self)
        self.timer.stop()


class _Cover(QFrame):
    """A plain panel over a window's whole content while the session is locked."""

    def __init__(self, window: QWidget):
        super().__init__(window)
        self.setObjectName("lockCover")
        self.setStyleSheet("#lockCover { background: #3c4650; }")
        self.setAutoFillBackground(True)
        self.setGeometry(window.rect())
        window.installEventFilter(self)
        self.show()
        self.raise_()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Resize:
            self.setGeometry(obj.rect())
            self.raise_()
        elif event.type() == QEvent.ChildAdded:
            self.raise_()
        return False


class LockScreen(QDialog):
    """Modal over every other window (open forms included), asks the locked user's password.
    Esc and the close button do nothing; "Cambia utente…" lets somebody else in."""

    unlocked = Signal(object)   # the Principal now working (the same or another user)

    def __init__(self, parent, db):
        super().__init__(parent, Qt.Dialog | Qt.CustomizeWindowHint | Qt.WindowTitleHint)
        self.db = db
        self.setWindowTitle("Sessione bloccata – iiss_desktop")
        self.setModal(True)
        self.setWindowModality(Qt.ApplicationModal)
        me = db.current_user
        self.needs_password = not user_service.is_demo_archive(db)
        title = QLabel("<h2>Sessione bloccata</h2>", self)
        who = QLabel(f"Il programma è stato bloccato dopo un periodo di inattività.<br>"
                     f"Utente: <b>{me.full_name or me.username}</b> ({me.roles_label})", self)
        who.setWordWrap(True)
        self.password_edit = QLineEdit(self)
        self.password_edit.setEchoMode(QLineEdit.Password)
        self.password_edit.setPlaceholderText(f"Password di {me.username}")
        self.password_edit.setVisible(self.needs_password)
        self.error_label = QLabel(self)
        self.error_label.setObjectName("fieldError")
        self.error_label.setStyleSheet("color: #c0392b;")
        self.error_label.setWordWrap(True)
        self.unlock_button = QPushButton("Sblocca", self)
        self.unlock_button.setDefault(True)
        self.switch_button = QPushButton("Cambia utente…", self)
        self.unlock_button.clicked.connect(self.try_unlock)
        self.switch_button.clicked.connect(self.switch)
        self.password_edit.returnPressed.connect(self.try_unlock)
        buttons = QHBoxLayout()
        buttons.addWidget(self.switch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.unlock_button)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(who)
        layout.addWidget(self.password_edit)
        layout.addWidget(self.error_label)
        layout.addLayout(buttons)
        self.setMinimumWidth(440)
        self.wait = QTimer(self)
        self.wait.setSingleShot(True)
        self.wait.timeout.connect(lambda: self.unlock_button.setEnabled(True))

    def try_unlock(self) -> None:
        me = self.db.current_user
        if self.needs_password:
            try:
                principal = user_service.authenticate(self.db, me.username,
                                                      self.password_edit.text(),
                                                      reason="Sblocco della sessione")
            except (LoginDelayed, LoginFailed) as exc:
                self.password_edit.clear()
                self.error_label.setText(exc.message)
                if exc.wait_seconds:
                    self.unlock_button.setEnabled(False)
                    self.wait.start(exc.wait_seconds * 1000)
                return
            except DomainError as exc:
                self.error_label.setText(exc.message)
                return
            self.db.current_user = principal
        self._done(self.db.current_user)

    def switch(self) -> None:
        from .dialogs import switch_user

        before = self.db.current_user
        principal = switch_user(self, self.db)
        if principal is None:
            self.db.current_user = before
            return
        self._done(principal)

    def _done(self, principal) -> None:
        self.password_edit.clear()
        self.unlocked.emit(principal)
        super().accept()

    def reject(self) -> None:  # Esc: stays locked
        pass

    def closeEvent(self, event) -> None:  # noqa: N802 - Qt override
        event.ignore()


class SessionLock(QObject):
    """Ties the watcher, the covers and the lock screen to the main window."""

    changed_user = Signal(object)

    def __init__(self, window, db):
        super().__init__(window)
        self.window, self.db = window, db
        self.watcher = IdleWatcher(self)
        self.watcher.idle.connect(self.lock)
        self.screen: LockScreen | None = None
        self.covers: list[_Cover] = []
        self._locked_user = None
        self.reload()

    @property
    def locked(self) -> bool:
        return self.screen is not None

    def reload(self) -> None:
        """Read the school's idle minutes again (after the settings changed)."""
        from ...queries.users import idle_lock_minutes

        if not self.locked:
            self.watcher.set_minutes(idle_lock_minutes(self.db) if self.db.current_user else 0)

    def lock(self) -> None:
        if self.locked or self.db.current_user is None:
            return
        self.watcher.stop()
        self._locked_user = self.db.current_user
        for w in QApplication.topLevelWidgets():
            if w.isVisible() and not w.inherits("QMenu") and w.windowType() != Qt.ToolTip:
                self.covers.append(_Cover(w))
        self.window.menuBar().setEnabled(False)
        self.screen = LockScreen(self.window, self.db)
        self.screen.unlocked.connect(self._unlocked)
        self.screen.open()

    def _unlocked(self, principal) -> None:
        screen, self.screen = self.screen, None
        for cover in self.covers:
            cover.parentWidget().removeEventFilter(cover)
            cover.deleteLater()
        self.covers.clear()
        self.window.menuBar().setEnabled(True)
        if principal is None or principal.id != getattr(self._locked_user, "id", None):
            # Somebody else: the forms left open by the previous user are closed unsaved.
            for w in QApplication.topLevelWidgets():
                if isinstance(w, QDialog) and w.isVisible() and w is not screen:
                    w.reject()
        if screen is not None:
            screen.deleteLater()
        self.changed_user.emit(principal)
        self.reload()
