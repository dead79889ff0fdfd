"""Access to the program: first user, login, recovery code, password changes, demo users."""
from __future__ import annotations

import atexit
import shutil
import tempfile
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
)

from ...domain.access import DIRIGENTE, DSGA, ROLES
from ...domain.errors import DomainError, ValidationError
from ...domain.users import PASSWORD_MIN_LENGTH, LoginDelayed, LoginFailed
from ...services import users as user_service
from ..common.dialogs import exec_and_dispose, report_errors, show_domain_error
from ..common.form import BANNER_KEY, FieldSpec, Form, FormDialog

PASSWORD_HELP = (f"Almeno {PASSWORD_MIN_LENGTH} caratteri; meglio una frase di più parole, "
                 "facile da ricordare e difficile da indovinare.")


def _hide_text(form: Form, *names: str) -> None:
    for name in names:
        form.editors[name].setEchoMode(QLineEdit.Password)


def _same(values: dict, first: str = "new_password", second: str = "confirm") -> None:
    if values.get(first) != values.get(second):
        raise ValidationError({second: "Le due password non coincidono."})


def _password_specs(first_label: str = "Nuova password") -> list[FieldSpec]:
    return [FieldSpec("new_password", first_label, required=True, help=PASSWORD_HELP,
                      placeholder=f"almeno {PASSWORD_MIN_LENGTH} caratteri"),
            FieldSpec("confirm", "Ripetere la password", required=True)]


# -- recovery code ---------------------------------------------------------------------------

class RecoveryCodeDialog(QDialog):
    """The recovery code, shown once, with the one-page sheet to print for the safe."""

    def __init__(self, parent, db, *, username: str, full_name: str, roles: str, code: str):
        super().__init__(parent)
        self.db, self.username, self.full_name, self.roles, self.code = (
            db, username, full_name, roles, code)
        self.setWindowTitle("Codice di recupero")
        self.printed_path: Path | None = None
        intro = QLabel(
            f"Questo è il <b>codice di recupero</b> dell'utente «{username}»: serve a impostare "
            "una nuova password se quella attuale viene dimenticata. Viene mostrato <b>una "
            "sola volta</b>. Stampare il foglio, chiuderlo in una busta e conservarlo nella "
            "cassaforte dell'istituto.", self)
        intro.setWordWrap(True)
        self.code_label = QLabel(code, self)
        font = QFont(self.code_label.font())
        font.setPointSize(font.pointSize() + 8)
        font.setBold(True)
        font.setStyleHint(QFont.Monospace)
        self.code_label.setFont(font)
        self.code_label.setAlignment(Qt.AlignCenter)
        self.code_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.code_label.setStyleSheet("padding: 12px; border: 1px solid #999; background: white;")
        self.print_button = QPushButton("Stampa il foglio da conservare…", self)
        self.print_button.clicked.connect(self.print_sheet)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Ho conservato il codice")
        self.buttons.accepted.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.print_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.code_label)
        layout.addLayout(row)
        self.setMinimumWidth(560)

    @report_errors
    def print_sheet(self) -> None:
        """One page through ReportLab, in a private temporary folder (the code must not stay
        among the prints), opened in the PDF viewer to print it."""
        from ...reports.users import build_recovery_sheet
        from ..common.printing import open_pdf

        folder = Path(tempfile.mkdtemp(prefix="iiss-recupero-"))
        # Removed when the program ends (a viewer still holding it open on Windows: the
        # system's temporary folder is emptied later).
        atexit.register(shutil.rmtree, folder, True)
        out = folder / f"codice-di-recupero-{self.username}.pdf"
        self.printed_path = build_recovery_sheet(self.db, out, username=self.username,
                                                 full_name=self.full_name, roles=self.roles,
                                                 code=self.code)
        open_pdf(self.printed_path)

    @classmethod
    def show_code(cls, parent, db, *, username: str, full_name: str, roles: str,
                  code: str) -> None:
        dlg = cls(parent, db, username=username, full_name=full_name, roles=roles, code=code)
        exec_and_dispose(dlg)


# -- first user ------------------------------------------------------------------------------

FIRST_USER_SPECS = [
    FieldSpec("role", "Ruolo", kind="choice", required=True,
              choices=[(DIRIGENTE, ROLES[DIRIGENTE]), (DSGA, ROLES[DSGA])]),
    FieldSpec("full_name", "Nome e cognome", required=True, max_length=120,
              placeholder="es. Alessandro Ferri"),
    FieldSpec("username", "Nome utente", required=True, max_length=80,
              placeholder="es. aferri", help="Lettere senza accento, cifre, punto o trattino"),
    FieldSpec("password", "Password", required=True, help=PASSWORD_HELP,
              placeholder=f"almeno {PASSWORD_MIN_LENGTH} caratteri"),
    FieldSpec("confirm", "Ripetere la password", required=True),
]

FIRST_USER_INTRO = (
    "<b>Benvenuti.</b> L'archivio non ha ancora utenti. Il primo utente è il <b>dirigente "
    "scolastico</b> o il <b>DSGA</b>: risponde dell'archivio e crea gli utenti dei colleghi "
    "(Strumenti › Utenti e ruoli). Se è il DSGA riceve anche il ruolo di amministratore "
    "tecnico, che permette di gestire gli utenti.<br>Dopo la creazione viene mostrato un "
    "codice di recupero da stampare e conservare in cassaforte.")


class FirstUserDialog(FormDialog):
    def __init__(self, parent, db):
        super().__init__(parent, "Primo utente dell'archivio", FIRST_USER_SPECS,
                         on_submit=self._create, intro=FIRST_USER_INTRO)
        self.db = db
        self.code: str | None = None
        self.principal = None
        _hide_text(self.form, "password", "confirm")
        self.ok_button.setText("Crea l'utente")
        self.cancel_button.setText("Esci")

    def _create(self, values: dict) -> None:
        _same(values, "password", "confirm")
        self.code = user_service.create_first_user(self.db, values["username"],
                                                   values["full_name"], values["role"],
                                                   values["password"])
        self.principal = user_service.login(self.db, values["username"], values["password"])

    @classmethod
    def ask(cls, parent, db):  # type: ignore[override]
        """Create the first user, log in as it and show its recovery code; the Principal, or
        None if the clerk gave up."""
        dlg = cls(parent, db)
        try:
            if dlg.exec() != QDialog.Accepted or dlg.principal is None:
                return None
            p = dlg.principal
        finally:
            dlg.deleteLater()
        RecoveryCodeDialog.show_code(parent, db, username=p.username, full_name=p.full_name,
                                     roles=p.roles_label, code=dlg.code)
        return p


# -- login -----------------------------------------------------------------------------------

LOGIN_SPECS = [FieldSpec("username", "Nome utente", required=True, max_length=80),
               FieldSpec("password", "Password", required=True)]


class LoginDialog(QDialog):
    """Name and password; after repeated failures the button waits the time the service
    imposes, counting down."""

    def __init__(self, parent, db, *, username: str = "", title: str = "Accesso",
                 reason: str = "Accesso"):
        super().__init__(parent)
        self.db = db
        self.reason = reason
        self.principal = None
        self.setWindowTitle(f"{title} – iiss_desktop")
        from ...queries.school import get_heading

        heading = QLabel(f"<b>{get_heading(db).denominazione}</b><br>"
                         f"<span style='color:#555'>Archivio: {db.display_name}</span>", self)
        heading.setWordWrap(True)
        self.form = Form(LOGIN_SPECS, self)
        _hide_text(self.form, "password")
        self.forgot_button = QPushButton("Password dimenticata?", self)
        self.forgot_button.setFlat(True)
        self.forgot_button.setCursor(Qt.PointingHandCursor)
        self.forgot_button.setStyleSheet("color: #1a5fb4; text-decoration: underline;")
        self.forgot_button.clicked.connect(self.forgot)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.ok_button = self.buttons.button(QDialogButtonBox.Ok)
        self.ok_button.setText("Accedi")
        self.buttons.button(QDialogButtonBox.Cancel).setText("Annulla")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.forgot_button)
        row.addStretch(1)
        row.addWidget(self.buttons)
        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(self.form)
        layout.addLayout(row)
        self.setMinimumWidth(460)
        self.wait_left = 0
        self.countdown = QTimer(self)
        self.countdown.setInterval(1000)
        self.countdown.timeout.connect(self._tick)
        if username:
            self.form.load({"username": username})
            self.form.editors["password"].setFocus()

    def _wait(self, seconds: int) -> None:
        self.wait_left = seconds
        if seconds:
            self.ok_button.setEnabled(False)
            self.ok_button.setText(f"Accedi ({seconds})")
            self.countdown.start()

    def _tick(self) -> None:
        self.wait_left -= 1
        if self.wait_left <= 0:
            self.countdown.stop()
            self.ok_button.setEnabled(True)
            self.ok_button.setText("Accedi")
        else:
            self.ok_button.setText(f"Accedi ({self.wait_left})")

    def accept(self) -> None:
        if self.wait_left > 0:
            return
        try:
            values = self.form.value()
            self.principal = user_service.login(self.db, values["username"], values["password"],
                                                reason=self.reason)
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except (LoginDelayed, LoginFailed) as exc:
            self.form.editors["password"].clear()
            self.form.show_errors({BANNER_KEY: exc.message})
            self._wait(exc.wait_seconds)
            return
        except DomainError as exc:
            self.form.show_errors({BANNER_KEY: exc.message})
            return
        super().accept()

    def forgot(self) -> None:
        username = self.form.editors["username"].text().strip()
        if RecoveryResetDialog.ask_reset(self, self.db, username):
            self.form.show_banner("Password reimpostata: accedere con la nuova password.")

    @classmethod
    def ask(cls, parent, db, *, username: str = "", title: str = "Accesso",
            reason: str = "Accesso"):
        """The logged-in Principal (now ``db.current_user``), or None if cancelled."""
        dlg = cls(parent, db, username=username, title=title, reason=reason)
        return dlg.principal if exec_and_dispose(dlg) == QDialog.Accepted else None


class RecoveryResetDialog(FormDialog):
    """A forgotten password: the printed recovery code sets a new one."""

    def __init__(self, parent, db, username: str = ""):
        specs = [FieldSpec("username", "Nome utente", required=True, max_length=80),
                 FieldSpec("code", "Codice di recupero", required=True, max_length=40,
                           placeholder="es. ABCD-EFGH-JKMN-PQRS-TUVW")] + _password_specs()
        super().__init__(parent, "Password dimenticata", specs, {"username": username},
                         on_submit=self._reset,
                         intro="Indicare il codice di recupero stampato quando l'utente è "
                               "stato creato (o l'ultima volta che è stato usato) e la nuova "
                               "password. Il codice vale una volta: ne verrà dato uno nuovo da "
                               "stampare.")
        self.db = db
        self.new_code: str | None = None
        _hide_text(self.form, "new_password", "confirm")
        self.ok_button.setText("Imposta la nuova password")

    def _reset(self, values: dict) -> None:
        _same(values)
        self.new_code = user_service.reset_with_recovery_code(
            self.db, values["username"], values["code"], values["new_password"])
        self.username = values["username"].strip().lower()

    @classmethod
    def ask_reset(cls, parent, db, username: str = "") -> bool:
        dlg = cls(parent, db, username)
        try:
            if dlg.exec() != QDialog.Accepted:
                return False
            code, name = dlg.new_code, dlg.username
        finally:
            dlg.deleteLater()
        from ...queries.users import list_users

        row = next((u for u in list_users(db) if u.username == name), None)
        RecoveryCodeDialog.show_code(parent, db, username=name,
                                     full_name=row.full_name if row else "",
                                     roles=row.roles_text if row else "", code=code)
        return True


# -- passwords -------------------------------------------------------------------------------

def change_own_password(parent, db) -> bool:
    me = db.current_user
    specs = [FieldSpec("current_password", "Password attuale", required=True)] + \
        _password_specs()

    def submit(values):
        _same(values)
        user_service.set_password(db, me.id, values["new_password"],
                                  current_password=values["current_password"])

    dlg = FormDialog(parent, "Cambia la mia password", specs, on_submit=submit,
                     intro=f"Utente «{me.username}». {PASSWORD_HELP}")
    _hide_text(dlg.form, "current_password", "new_password", "confirm")
    return exec_and_dispose(dlg) == QDialog.Accepted


def reset_password(parent, db, user_id: int, username: str) -> bool:
    """Somebody else's forgotten password, set by whoever manages users."""
    def submit(values):
        _same(values)
        user_service.set_password(db, user_id, values["new_password"])

    dlg = FormDialog(parent, "Reimposta la password", _password_specs(), on_submit=submit,
                     intro=f"Nuova password per l'utente «{username}». Comunicarla di persona: "
                           "l'utente potrà cambiarla da Archivio › Cambia la mia password.")
    _hide_text(dlg.form, "new_password", "confirm")
    return exec_and_dispose(dlg) == QDialog.Accepted


# -- demo users ------------------------------------------------------------------------------

def choose_demo_user(parent, db):
    """On the demo archive: work as any demo user, without a password."""
    from ...queries.users import list_users

    users = [u for u in list_users(db, include_inactive=False) if not u.has_password]
    choices = [(u.username, f"{u.full_name} – {u.roles_text}") for u in users]
    current = getattr(db.current_user, "username", None)
    result = FormDialog.ask(parent, "Cambia utente (archivio dimostrativo)",
                            [FieldSpec("username", "Utente", kind="choice", required=True,
                                       choices=choices)],
                            {"username": current},
                            on_submit=lambda v: user_service.act_as(db, v["username"]),
                            intro="Nell'archivio dimostrativo si lavora come uno qualsiasi degli "
                                  "utenti, senza password, per provare che cosa può fare "
                                  "ciascun ruolo.")
    return db.current_user if result is not None else None


def switch_user(parent, db):
    """"Cambia utente": on the demo archive any demo user; otherwise name and password. The
    new Principal (now ``db.current_user``), or None if cancelled."""
    if user_service.is_demo_archive(db):
        return choose_demo_user(parent, db)
    return LoginDialog.ask(parent, db, title="Cambia utente", reason="Cambio utente")


def sign_in(parent, db, *, demo: bool = False, username: str | None = None):
    """At start-up: the demo's DSGA on the demo archive, the first user on a new archive,
    else the login dialog. The Principal, or None if the clerk gave up."""
    from ...demo import DEMO_USER

    if demo or user_service.is_demo_archive(db):
        try:
            return user_service.act_as(db, username or DEMO_USER)
        except DomainError as exc:
            show_domain_error(parent, exc)
            return None
    if not user_service.has_configured_users(db):
        return FirstUserDialog.ask(parent, db)
    return LoginDialog.ask(parent, db, username=username or "")
