"""Error and confirmation dialogs, and the last-resort exception hook.

Every modal dialog goes through a module-level function (show_error,
show_domain_error, show_exception, ask_confirm) so tests can monkeypatch it.
"""
from __future__ import annotations

import functools
import inspect
import logging
import sys
import threading
import traceback
from collections.abc import Callable

from PySide6.QtCore import QObject, Qt, Signal, Slot
from PySide6.QtGui import QGuiApplication, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError

UNEXPECTED_MESSAGE = ("Si è verificato un errore imprevisto. "
                      "L'operazione non è stata completata.")


class ErrorDialog(QDialog):
    """Short message for the clerk; the traceback only behind "Dettagli"."""

    def __init__(self, message: str, details: str | None = None, parent: QWidget | None = None,
                 title: str = "Errore"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setModal(True)
        self.message = message
        self.details = details or ""

        icon = QLabel(self)
        icon.setPixmap(self.style().standardIcon(QStyle.SP_MessageBoxCritical).pixmap(32, 32))
        icon.setAlignment(Qt.AlignTop)
        self.message_label = QLabel(message, self)
        self.message_label.setWordWrap(True)
        self.message_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        top = QHBoxLayout()
        top.addWidget(icon)
        top.addWidget(self.message_label, 1)

        self.details_edit = QPlainTextEdit(self)
        self.details_edit.setReadOnly(True)
        self.details_edit.setPlainText(self.details)
        self.details_edit.setLineWrapMode(QPlainTextEdit.NoWrap)
        self.details_edit.setMinimumHeight(200)
        self.details_edit.setVisible(False)

        self.details_button = QPushButton("&Dettagli", self)
        self.details_button.setCheckable(True)
        self.details_button.setAutoDefault(False)
        self.details_button.toggled.connect(self._toggle_details)
        self.details_button.setVisible(bool(self.details))
        self.copy_button = QPushButton("C&opia", self)
        self.copy_button.setAutoDefault(False)
        self.copy_button.setToolTip("Copia il messaggio e i dettagli negli appunti")
        self.copy_button.clicked.connect(self.copy_to_clipboard)
        self.close_button = QPushButton("&Chiudi", self)
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        buttons.addWidget(self.copy_button)
        buttons.addWidget(self.close_button)

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.details_edit, 1)
        layout.addLayout(buttons)

    def copy_to_clipboard(self) -> None:
        text = self.message if not self.details else f"{self.message}\n\n{self.details}"
        QGuiApplication.clipboard().setText(text)

    def _toggle_details(self, shown: bool) -> None:
        self.details_edit.setVisible(shown)
        self.adjustSize()


def show_error(parent: QWidget | None, message: str, details: str | None = None) -> None:
    ErrorDialog(message, details, parent).exec()


def show_domain_error(parent: QWidget | None, exc: DomainError) -> None:
    # A rule of the office, not a bug: the message alone, no traceback.
    QMessageBox.warning(parent, "Attenzione", exc.message)


def show_exception(parent: QWidget | None, exc: BaseException, tb_text: str | None = None) -> None:
    if isinstance(exc, DomainError):
        show_domain_error(parent, exc)
        return
    if tb_text is None:
        tb_text = "".join(traceback.format_exception(type(exc), exc, exc.__traceback__))
    show_error(parent, UNEXPECTED_MESSAGE, tb_text)


def ask_confirm(parent: QWidget | None, title: str, text: str, *,
                default_yes: bool = False) -> bool:
    """Sì or No. ``default_yes`` for the questions whose usual answer is Sì (print the
    document just recorded): Enter answers it; a destructive action keeps No as default."""
    box = QMessageBox(QMessageBox.Question, title, text, QMessageBox.Yes | QMessageBox.No, parent)
    # Explicit Italian texts: correct even if the Qt translation is missing.
    box.button(QMessageBox.Yes).setText("&Sì")
    box.button(QMessageBox.No).setText("&No")
    box.setDefaultButton(QMessageBox.Yes if default_yes else QMessageBox.No)
    box.setEscapeButton(QMessageBox.No)
    box.exec()
    return box.clickedButton() is box.button(QMessageBox.Yes)


def ask_print(parent: QWidget | None, title: str, text: str) -> bool:
    """«Stampare ora…?» after a document is recorded: Sì is the usual answer, and the default."""
    return ask_confirm(parent, title, text, default_yes=True)


# -- nothing lost ----------------------------------------------------------------

SAVE, DISCARD, BACK = "salva", "non salvare", "annulla"


def ask_save_changes(parent: QWidget | None) -> str:
    """«Salvare le modifiche?»: SAVE, DISCARD or BACK (to the dialog, as Escape)."""
    box = QMessageBox(QMessageBox.Question, "Modifiche non salvate", "Salvare le modifiche?",
                      QMessageBox.NoButton, parent)
    box.setObjectName("saveChangesBox")
    box.setInformativeText("I dati inseriti non sono ancora stati registrati.")
    save = box.addButton("&Salva", QMessageBox.AcceptRole)
    discard = box.addButton("&Non salvare", QMessageBox.DestructiveRole)
    back = box.addButton("&Annulla", QMessageBox.RejectRole)
    box.setDefaultButton(save)
    box.setEscapeButton(back)
    box.exec()
    clicked = box.clickedButton()
    return SAVE if clicked is save else DISCARD if clicked is discard else BACK


class ChangesGuard:
    """For a QDialog (listed before it in the bases): Escape and the window's close button
    ask «Salvare le modifiche?» when what is shown differs from what was loaded or last
    saved. The subclass says what its state is (``edit_state``) and how it saves
    (``save_changes``, by default ``accept``, which stays open when the input is refused);
    ``discard`` closes without asking (the Annulla button, an explicit choice)."""

    _UNMARKED = object()
    _clean_state: object = _UNMARKED   # before mark_clean: nothing to ask

    def edit_state(self) -> object:
        return None

    def mark_clean(self) -> None:
        self._clean_state = self.edit_state()

    def has_changes(self) -> bool:
        return (self._clean_state is not self._UNMARKED
                and self.edit_state() != self._clean_state)

    def save_changes(self) -> None:
        self.accept()

    def discard(self) -> None:
        QDialog.reject(self)

    def reject(self) -> None:
        if self.has_changes():
            answer = ask_save_changes(self)
            if answer == BACK:
                return
            if answer == SAVE:
                self.save_changes()
                return
        self.discard()


def add_save_keys(dialog: QWidget, slot: Callable[[], object]) -> None:
    """Ctrl+Enter (either Enter key) saves from any field of the dialog, also from a
    multi-line note or a grid, where Enter alone goes to a new line or the next cell."""
    for keys in ("Ctrl+Return", "Ctrl+Enter"):
        shortcut = QShortcut(QKeySequence(keys), dialog)
        shortcut.setContext(Qt.WindowShortcut)
        shortcut.activated.connect(slot)


# -- last-resort handling ------------------------------------------------------

class _GuiBridge(QObject):
    """Lives in the GUI thread; queued signal brings errors there from any thread."""

    error = Signal(object, str)

    def __init__(self):
        super().__init__()
        self._showing = False
        self.error.connect(self._show, Qt.QueuedConnection)

    @Slot(object, str)
    def _show(self, exc: BaseException, tb_text: str) -> None:
        if self._showing:  # an error while the dialog is open: logged only, no dialog cascade
            return
        self._showing = True
        try:
            parent = QApplication.activeWindow()
            show_exception(parent, exc, tb_text)
        except Exception:  # never let the error reporter crash the app
            logging.getLogger(__name__).exception("Impossibile mostrare l'errore")
        finally:
            self._showing = False


_bridge: _GuiBridge | None = None


def install_excepthook(logger: logging.Logger) -> Callable:
    """Route uncaught exceptions (main and worker threads) to the log and a dialog.

    Returns the previous ``sys.excepthook``.
    """
    global _bridge
    app = QApplication.instance()
    if app is not None and _bridge is None:
        _bridge = _GuiBridge()
        _bridge.moveToThread(app.thread())
    previous = sys.excepthook

    def hook(exc_type, exc, tb):
        if issubclass(exc_type, KeyboardInterrupt):
            previous(exc_type, exc, tb)
            return
        try:
            tb_text = "".join(traceback.format_exception(exc_type, exc, tb))
            logger.error("Eccezione non gestita:\n%s", tb_text)
            if _bridge is not None and QApplication.instance() is not None:
                _bridge.error.emit(exc, tb_text)
        except Exception:  # pragma: no cover - the hook must never raise
            pass

    def thread_hook(args):
        if args.exc_type is SystemExit:
            return
        hook(args.exc_type, args.exc_value, args.exc_traceback)

    sys.excepthook = hook
    threading.excepthook = thread_hook
    return previous


def report_errors(fn: Callable) -> Callable:
    """Decorator for slots: exceptions become an error dialog instead of a crash.

    Extra signal arguments (e.g. ``clicked(bool)``) are dropped when the slot
    does not accept them, since the wrapper's own signature is ``*args``.
    """
    params = inspect.signature(fn).parameters.values()
    takes_varargs = any(p.kind is p.VAR_POSITIONAL for p in params)
    max_positional = sum(p.kind in (p.POSITIONAL_ONLY, p.POSITIONAL_OR_KEYWORD) for p in params)

    @functools.wraps(fn)
    def wrapper(*args, **kwargs):
        if not takes_varargs:
            args = args[:max_positional]
        try:
            return fn(*args, **kwargs)
        except Exception as exc:
            tb_text = traceback.format_exc()
            logging.getLogger(fn.__module__).error("Errore in %s:\n%s", fn.__qualname__, tb_text)
            parent = args[0] if args and isinstance(args[0], QWidget) else None
            show_exception(parent, exc, tb_text)
            return None

    return wrapper


def exec_and_dispose(dialog: QDialog) -> int:
    """Run a modal dialog and free it afterwards (the ``ask`` classmethods use this)."""
    try:
        return dialog.exec()
    finally:
        dialog.deleteLater()
