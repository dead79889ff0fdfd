"""Utenti e ruoli: the users, their roles per plesso, passwords, recovery codes, idle lock.

Usable by who manages users (dirigente, amministratore tecnico); the others see it read-only.
The buttons follow the permission, but the services check it again: a refusal reaches the
clerk as the usual error.
"""
from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QGridLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ...areas.school import SETTINGS, USERS
from ...domain.access import ROLES, Grant, allowed
from ...queries.school import list_sites
from ...queries.users import idle_lock_minutes, list_users
from ...services import school as school_service
from ...services import users as user_service
from ..common.dialogs import ask_confirm, exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.table_model import Column, RowTableModel
from ..common.table_view import EmptyStateTable, fit_columns
from .dialogs import (
    PASSWORD_HELP,
    RecoveryCodeDialog,
    _hide_text,
    _password_specs,
    _same,
    reset_password,
)


class RolesEditor(QGroupBox):
    """One row per role: held or not and, if held, the plessi (none ticked: every plesso)."""

    def __init__(self, sites, parent=None):
        super().__init__("Ruoli", parent)
        self.sites = list(sites)
        grid = QGridLayout(self)
        grid.addWidget(QLabel("<i>Nessun plesso spuntato: il ruolo vale per tutti i plessi.</i>",
                              self), 0, 0, 1, len(self.sites) + 1)
        for c, site in enumerate(self.sites, start=1):
            head = QLabel(f"<b>{site.code}</b>", self)
            head.setToolTip(site.name)
            grid.addWidget(head, 1, c)
        self.role_boxes: dict[str, QCheckBox] = {}
        self.site_boxes: dict[str, dict[int, QCheckBox]] = {}
        for r, (role, label) in enumerate(ROLES.items(), start=2):
            box = QCheckBox(label, self)
            grid.addWidget(box, r, 0)
            self.role_boxes[role] = box
            self.site_boxes[role] = {}
            for c, site in enumerate(self.sites, start=1):
                sb = QCheckBox(self)
                sb.setToolTip(f"{label}: solo per «{site.name}»")
                sb.setEnabled(False)
                grid.addWidget(sb, r, c)
                self.site_boxes[role][site.id] = sb
            box.toggled.connect(lambda on, role=role: self._toggle(role, on))

    def _toggle(self, role: str, on: bool) -> None:
        for sb in self.site_boxes[role].values():
            sb.setEnabled(on)
            if not on:
                sb.setChecked(False)

    def set_grants(self, grants) -> None:
        for box in self.role_boxes.values():
            box.setChecked(False)
        for g in grants:
            if g.role in self.role_boxes:
                self.role_boxes[g.role].setChecked(True)
                for site_id, sb in self.site_boxes[g.role].items():
                    sb.setChecked(site_id in g.site_ids)

    def grants(self) -> list[Grant]:
        out = []
        for role, box in self.role_boxes.items():
            if box.isChecked():
                sites = frozenset(i for i, sb in self.site_boxes[role].items() if sb.isChecked())
                out.append(Grant(role, sites))
        return out


class UserDialog(FormDialog):
    """A new user (name, password, roles) or an existing one (full name, roles)."""

    def __init__(self, parent, db, user=None):
        specs = [FieldSpec("full_name", "Nome e cognome", required=True, max_length=120)]
        if user is None:
            specs = [FieldSpec("username", "Nome utente", required=True, max_length=80,
                               placeholder="es. pdesantis",
                               help="Non si potrà cambiare: il registro delle modifiche lo cita")
                     ] + specs + _password_specs("Password iniziale")
        values = {"full_name": user.full_name} if user else None
        title = "Nuovo utente" if user is None else f"Utente «{user.username}»"
        super().__init__(parent, title, specs, values, on_submit=self._save,
                         intro="" if user else "La password iniziale va comunicata di persona; "
                         "l'utente la cambierà da Archivio › Cambia la mia password. "
                         + PASSWORD_HELP)
        self.db, self.user = db, user
        if user is None:
            _hide_text(self.form, "new_password", "confirm")
        self.roles = RolesEditor(list_sites(db), self)
        if user is not None:
            self.roles.set_grants(user.grants)
        self.layout().insertWidget(self.layout().count() - 1, self.roles)
        self.saved_id: int | None = None

    def _save(self, values: dict) -> None:
        data = {"full_name": values["full_name"], "grants": self.roles.grants()}
        if self.user is None:
            _same(values)
            data.update(username=values["username"], password=values["new_password"])
        self.saved_id = user_service.save_user(self.db, data,
                                               self.user.id if self.user else None)


class UsersPage(QWidget):
    columns = (Column("username", "Utente"), Column("full_name", "Nome e cognome"),
               Column("roles", "Ruoli"), Column("state", "Stato"),
               Column("password", "Password"))
    ROLES_COLUMN = 2

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.model = RowTableModel(self.columns, self)
        self.table_area = EmptyStateTable(self.model, "Nessun utente.", self)
        self.table = self.table_area.table
        self.table.doubleClicked.connect(lambda _i: self.edit())
        self.notice = QLabel(self)
        self.notice.setWordWrap(True)
        self.notice.setStyleSheet("color: #8a4b00;")
        self.buttons: list[QPushButton] = []
        bar = QHBoxLayout()
        for text, slot, name in (("Nuovo utente…", self.new, "new_button"),
                                 ("Modifica…", self.edit, "edit_button"),
                                 ("Reimposta la password…", self.reset, "reset_button"),
                                 ("Nuovo codice di recupero…", self.recovery, "recovery_button"),
                                 ("Disattiva", self.deactivate, "deactivate_button"),
                                 ("Riattiva", self.reactivate, "reactivate_button")):
            b = QPushButton(text, self)
            b.clicked.connect(slot)
            bar.addWidget(b)
            setattr(self, name, b)
            self.buttons.append(b)
        bar.addStretch(1)
        self.idle_edit = QSpinBox(self)
        self.idle_edit.setRange(0, school_service.IDLE_LOCK_MAX_MINUTES)
        self.idle_edit.setSuffix(" minuti")
        self.idle_edit.setSpecialValueText("mai")
        self.idle_save = QPushButton("Salva", self)
        self.idle_save.clicked.connect(self.save_idle)
        self.idle_label = QLabel(self)
        idle = QHBoxLayout()
        idle.addWidget(QLabel("Blocco dello schermo dopo un periodo di inattività di", self))
        idle.addWidget(self.idle_edit)
        idle.addWidget(self.idle_save)
        idle.addWidget(self.idle_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.notice)
        layout.addLayout(bar)
        layout.addWidget(self.table_area, 1)
        layout.addLayout(idle)
        self.refresh()

    @property
    def can_manage(self) -> bool:
        return allowed(self.db.current_user, USERS)

    def refresh(self) -> None:
        self.users = list_users(self.db)
        self.model.set_rows(
            [(u.username, u.full_name, u.roles_text, "attivo" if u.active else "disattivato",
              "impostata" if u.has_password else "nessuna") for u in self.users],
            [u.id for u in self.users])
        if self.users:
            fit_columns(self.table, 360)
            # The roles (with their plessi) take the width left: a long plesso name is read
            # whole, not cut at 360 pixels.
            header = self.table.horizontalHeader()
            header.setStretchLastSection(False)
            header.setSectionResizeMode(self.ROLES_COLUMN, QHeaderView.Stretch)
        manage = self.can_manage
        for b in self.buttons:
            b.setEnabled(manage)
        self.notice.setVisible(not manage)
        if not manage:
            self.notice.setText(f"Solo consultazione: per gestire gli utenti serve il permesso "
                                f"«{USERS.label}» (dirigente scolastico o amministratore "
                                "tecnico).")
        settings = allowed(self.db.current_user, SETTINGS)
        self.idle_edit.setEnabled(settings)
        self.idle_save.setEnabled(settings)
        self.idle_edit.setValue(idle_lock_minutes(self.db))

    def selected(self):
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        user_id = self.model.row_id(rows[0].row())
        return next((u for u in self.users if u.id == user_id), None)

    def select(self, username: str) -> None:
        for r in range(self.model.rowCount()):
            if self.model.row(r)[0] == username:
                self.table.selectRow(r)
                return

    @report_errors
    def new(self) -> None:
        dlg = UserDialog(self, self.db)
        if exec_and_dispose(dlg) == QDialog.Accepted:
            self.refresh()

    @report_errors
    def edit(self) -> None:
        user = self.selected()
        if user is None:
            return
        dlg = UserDialog(self, self.db, user)
        if not self.can_manage:
            dlg.ok_button.setEnabled(False)
        if exec_and_dispose(dlg) == QDialog.Accepted:
            self.refresh()

    @report_errors
    def reset(self) -> None:
        user = self.selected()
        if user is not None and reset_password(self, self.db, user.id, user.username):
            self.refresh()

    @report_errors
    def recovery(self) -> None:
        user = self.selected()
        if user is None:
            return
        if not ask_confirm(self, "Nuovo codice di recupero",
                           f"Dare all'utente «{user.username}» un nuovo codice di recupero? Il "
                           "codice precedente smetterà di funzionare."):
            return
        code = user_service.new_user_recovery_code(self.db, user.id)
        RecoveryCodeDialog.show_code(self, self.db, username=user.username,
                                     full_name=user.full_name, roles=user.roles_text, code=code)

    @report_errors
    def deactivate(self) -> None:
        user = self.selected()
        if user is None or not user.active:
            return
        if ask_confirm(self, "Disattiva utente",
                       f"Disattivare l'utente «{user.username}» ({user.full_name})? Non potrà "
                       "più accedere; resta nel registro delle modifiche e si può riattivare."):
            user_service.deactivate_user(self.db, user.id)
            self.refresh()

    @report_errors
    def reactivate(self) -> None:
        user = self.selected()
        if user is not None and not user.active:
            user_service.reactivate_user(self.db, user.id)
            self.refresh()

    @report_errors
    def save_idle(self) -> None:
        school_service.set_idle_lock_minutes(self.db, self.idle_edit.value())
        self.idle_label.setText("Salvato.")


def open_users_dialog(parent, db) -> None:
    """Strumenti › Utenti e ruoli: the settings dialog on its users page."""
    from ..common.dialogs import exec_and_dispose
    from ..settings.dialog import SettingsDialog

    dlg = SettingsDialog(parent, db)
    dlg.tabs.setCurrentWidget(dlg.users_page)
    exec_and_dispose(dlg)
