"""Impostazioni dell'istituto: school data and logo, plessi, rooms, the school calendar."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.calendar import KINDS
from ...domain.errors import DomainError, ValidationError
from ...queries.inventory.custody import consegnatario_on
from ...queries.school import (
    get_school_values,
    list_calendar,
    list_rooms,
    list_sites,
    office_deadlines,
)
from ...services import school as school_service
from ..common.dialogs import (
    ChangesGuard,
    add_save_keys,
    ask_confirm,
    exec_and_dispose,
    report_errors,
    show_domain_error,
)
from ..common.form import FieldSpec, Form, FormDialog
from ..common.table_model import Column, RowTableModel, date_column
from ..common.table_view import EmptyStateTable, fit_columns
from ..common.widgets import year_spinbox

SCHOOL_SPECS = [
    FieldSpec("denominazione", "Denominazione", required=True, max_length=200),
    FieldSpec("codice_meccanografico", "Codice meccanografico", required=True, max_length=10,
              placeholder="es. RMIC86400X"),
    FieldSpec("codice_fiscale", "Codice fiscale", max_length=11, placeholder="11 cifre"),
    FieldSpec("codice_univoco", "Codice univoco ufficio (IPA)", max_length=6,
              help="Per la fatturazione elettronica"),
    FieldSpec("indirizzo", "Indirizzo", max_length=200),
    FieldSpec("cap", "CAP", max_length=5),
    FieldSpec("comune", "Comune", max_length=80),
    FieldSpec("provincia", "Provincia", max_length=2, placeholder="es. RM"),
    FieldSpec("telefono", "Telefono", max_length=40),
    FieldSpec("email", "E-mail", max_length=120),
    FieldSpec("pec", "PEC", max_length=120),
    FieldSpec("dirigente", "Dirigente scolastico", max_length=120),
    FieldSpec("dirigente_from", "Nuovo dirigente in carica dal", kind="date",
              help="Solo quando cambia il dirigente: i documenti con data anteriore restano "
                   "firmati dal precedente. Vuoto: da oggi."),
    FieldSpec("dsga", "DSGA", max_length=120),
    FieldSpec("attachment_limit_mb", "Dimensione massima di un allegato (MB)", kind="int",
              help="PDF e immagini allegati alle schede: da 1 a 100 MB"),
]
DSGA_BY_HANDOVER = ("Il DSGA è il consegnatario dei beni: cambia con il verbale di passaggio "
                    "di consegne (Inventario › Registri › Passaggio di consegne).")

SITE_SPECS = [
    FieldSpec("code", "Codice", required=True, max_length=20, placeholder="es. PRIM1"),
    FieldSpec("name", "Nome del plesso", required=True, max_length=120),
    FieldSpec("kind", "Ordine di scuola", max_length=40, placeholder="es. Primaria"),
    FieldSpec("codice_meccanografico", "Codice meccanografico", max_length=10),
    FieldSpec("indirizzo", "Indirizzo", max_length=200),
    FieldSpec("comune", "Comune", max_length=80),
    FieldSpec("is_main", "Sede centrale (uffici)", kind="bool"),
]


class SchoolPage(QWidget):
    saved = Signal()

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.form = Form(SCHOOL_SPECS, self)
        self.logo_label = QLabel(self)
        self.logo_label.setFixedSize(120, 120)
        self.logo_label.setAlignment(Qt.AlignCenter)
        self.logo_label.setStyleSheet("border: 1px solid #ccc; background: white;")
        self.choose_logo_button = QPushButton("Sce&gli logo…", self)
        self.clear_logo_button = QPushButton("Rimuovi &logo", self)
        self.save_button = QPushButton("&Salva i dati dell'istituto", self)
        self.saved_label = QLabel(self)
        side = QVBoxLayout()
        side.addWidget(QLabel("Logo (PNG) per le stampe:", self))
        side.addWidget(self.logo_label)
        side.addWidget(self.choose_logo_button)
        side.addWidget(self.clear_logo_button)
        side.addStretch(1)
        self.dsga_note = QLabel(DSGA_BY_HANDOVER, self)
        self.dsga_note.setWordWrap(True)
        self.dsga_note.setStyleSheet("color: #555;")
        fields = QVBoxLayout()
        fields.addWidget(self.form)
        fields.addWidget(self.dsga_note)
        fields.addStretch(1)
        body = QHBoxLayout()
        body.addLayout(fields, 1)
        body.addLayout(side)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.save_button)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addLayout(bottom)
        self.choose_logo_button.clicked.connect(self._on_choose_logo_clicked)
        self.clear_logo_button.clicked.connect(self._on_clear_logo_clicked)
        self.save_button.clicked.connect(self.save)
        self.form.changed.connect(self.saved_label.clear)   # «Dati salvati.» no longer true
        self.new_logo: bytes | None = None
        self.clear_logo = False
        self.load()

    def edit_state(self) -> tuple:
        """What differs from the archive until «Salva»: the fields and the logo."""
        return self.form.state(), self.new_logo, self.clear_logo

    def load(self) -> None:
        values, logo = get_school_values(self.db)
        self.form.load(values)
        self._show_logo(logo)
        # With a consegnatario recorded, the DSGA changes only with the passaggio di consegne
        # (art. 30 c.5), which closes one consegna and opens the next.
        dsga = self.form.editors["dsga"]
        held = bool(consegnatario_on(self.db, date.today()))
        dsga.setEnabled(not held)
        dsga.setToolTip(DSGA_BY_HANDOVER if held else "")
        self.dsga_note.setVisible(held)

    def _show_logo(self, png: bytes | None) -> None:
        pix = QPixmap()
        if png and pix.loadFromData(png):
            self.logo_label.setPixmap(pix.scaled(110, 110, Qt.KeepAspectRatio,
                                                 Qt.SmoothTransformation))
        else:
            self.logo_label.setText("Nessun logo")

    def _on_choose_logo_clicked(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, "Logo dell'istituto", "",
                                              "Immagini PNG (*.png)")
        if path:
            self.set_logo_file(path)

    def set_logo_file(self, path: str) -> None:
        try:
            with open(path, "rb") as fh:
                data = fh.read()
        except OSError as exc:
            self.form.show_errors({"": f"Impossibile leggere il file: {exc.strerror}"})
            return
        self.new_logo, self.clear_logo = data, False
        self.saved_label.clear()
        self._show_logo(data)

    def _on_clear_logo_clicked(self) -> None:
        self.new_logo, self.clear_logo = None, True
        self.saved_label.clear()
        self.logo_label.setPixmap(QPixmap())
        self.logo_label.setText("Nessun logo")

    def save(self) -> bool:
        self.saved_label.clear()
        try:
            values = self.form.value()
            school_service.save_school(self.db, values, logo_png=self.new_logo,
                                       clear_logo=self.clear_logo)
        except ValidationError as exc:
            self.form.show_errors({("" if k == "logo" else k): v for k, v in exc.errors.items()})
            return False
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        self.form.clear_errors()
        self.new_logo, self.clear_logo = None, False
        self.saved_label.setText("Dati salvati.")
        self.saved.emit()
        return True


class _ListPage(QWidget):
    """A small list with Nuovo/Modifica buttons."""

    columns: tuple = ()
    empty_text = ""

    def __init__(self, db, parent=None):
        super().__init__(parent)
        self.db = db
        self.model = RowTableModel(self.columns, self)
        self.table_area = EmptyStateTable(self.model, self.empty_text, self)
        self.table = self.table_area.table
        self.buttons = QHBoxLayout()
        layout = QVBoxLayout(self)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table_area, 1)
        self.table.doubleClicked.connect(lambda _index: self.edit())

    def set_rows(self, rows, ids) -> None:
        self.model.set_rows(rows, ids)
        if rows:
            fit_columns(self.table, 280)

    def button(self, text: str, slot) -> QPushButton:
        b = QPushButton(text, self)
        b.clicked.connect(slot)
        self.buttons.addWidget(b)
        return b

    def selected_id(self):
        rows = self.table.selectionModel().selectedRows()
        return self.model.row_id(rows[0].row()) if rows else None

    def edit(self) -> None:
        """Open the selected row."""


class SitesPage(_ListPage):
    columns = (Column("code", "Codice"), Column("name", "Plesso"), Column("kind", "Ordine"),
               Column("mecc", "Cod. meccanografico"), Column("main", "Sede centrale"))
    empty_text = "Nessun plesso: aggiungere almeno la sede centrale."

    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.button("&Nuovo plesso…", self.new)
        self.button("&Modifica…", self.edit)
        self.buttons.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.sites = list_sites(self.db)
        self.set_rows([(s.code, s.name, s.kind, s.codice_meccanografico,
                              "Sì" if s.is_main else "") for s in self.sites],
                            [s.id for s in self.sites])

    @report_errors
    def new(self) -> None:
        if FormDialog.ask(self, "Nuovo plesso", SITE_SPECS,
                          on_submit=lambda v: school_service.save_site(self.db, v)) is not None:
            self.refresh()

    @report_errors
    def edit(self) -> None:
        site_id = self.selected_id()
        site = next((s for s in self.sites if s.id == site_id), None)
        if site is None:
            return
        values = {"code": site.code, "name": site.name, "kind": site.kind,
                  "codice_meccanografico": site.codice_meccanografico,
                  "indirizzo": site.indirizzo, "comune": site.comune, "is_main": site.is_main}
        if FormDialog.ask(self, "Modifica plesso", SITE_SPECS, values,
                          on_submit=lambda v: school_service.save_site(self.db, v, site_id)):
            self.refresh()


class RoomsPage(_ListPage):
    columns = (Column("site", "Plesso"), Column("name", "Locale"), Column("floor", "Piano"),
               Column("kind", "Destinazione"), Column("active", "In uso"))
    empty_text = "Nessun locale registrato."

    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.button("&Nuovo locale…", self.new)
        self.button("&Modifica…", self.edit)
        self.buttons.addStretch(1)
        self.refresh()

    def refresh(self) -> None:
        self.rooms = list_rooms(self.db)
        self.set_rows([(r.site_name, r.name, r.floor, r.kind, "Sì" if r.active else "No")
                             for r in self.rooms], [r.id for r in self.rooms])

    def specs(self) -> list[FieldSpec]:
        sites = [(s.id, s.name) for s in list_sites(self.db)]
        return [FieldSpec("site_id", "Plesso", kind="choice", required=True, choices=sites),
                FieldSpec("name", "Nome del locale", required=True, max_length=120),
                FieldSpec("floor", "Piano", max_length=20),
                FieldSpec("kind", "Destinazione", max_length=40,
                          placeholder="aula, laboratorio, ufficio, magazzino…"),
                FieldSpec("active", "In uso", kind="bool")]

    @report_errors
    def new(self) -> None:
        if FormDialog.ask(self, "Nuovo locale", self.specs(), {"active": True},
                          on_submit=lambda v: school_service.save_room(self.db, v)) is not None:
            self.refresh()

    @report_errors
    def edit(self) -> None:
        room_id = self.selected_id()
        room = next((r for r in self.rooms if r.id == room_id), None)
        if room is None:
            return
        values = {"site_id": room.site_id, "name": room.name, "floor": room.floor,
                  "kind": room.kind, "active": room.active}
        if FormDialog.ask(self, "Modifica locale", self.specs(), values,
                          on_submit=lambda v: school_service.save_room(self.db, v, room_id)):
            self.refresh()


CALENDAR_SPECS = [
    FieldSpec("day", "Data", kind="date", required=True),
    FieldSpec("kind", "Tipo", kind="choice", required=True, choices=list(KINDS.items())),
    FieldSpec("description", "Descrizione", required=True, max_length=200,
              placeholder="es. Santo patrono, chiusura prefestiva"),
]


class CalendarPage(_ListPage):
    columns = (date_column("day", "Data"), Column("kind", "Tipo"),
               Column("description", "Descrizione"), Column("source", "Origine"))
    empty_text = "Nessun giorno registrato per l'anno: caricare le festività nazionali."

    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.year_edit = year_spinbox(self)
        self.buttons.addWidget(self.year_edit)
        self.button("&Aggiungi giorno…", self.new)
        self.button("&Rimuovi", self.remove)
        self.button("Carica &festività nazionali", self.seed)
        self.buttons.addStretch(1)
        self.year_edit.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        rows = list_calendar(self.db, self.year_edit.value())
        self.set_rows([(r.day, KINDS.get(r.kind, r.kind), r.description,
                              "Di legge" if r.source == "legge" else "Stabilito dall'istituto")
                             for r in rows], [r.day for r in rows])

    @report_errors
    def new(self) -> None:
        def submit(v):
            school_service.save_calendar_day(self.db, v["day"], v["kind"], v["description"])

        if FormDialog.ask(self, "Giorno di chiusura", CALENDAR_SPECS, {"kind": "chiusura"},
                          on_submit=submit) is not None:
            self.refresh()

    @report_errors
    def remove(self) -> None:
        day = self.selected_id()
        if day is None:
            return
        if ask_confirm(self, "Rimuovi giorno", f"Rimuovere il {day:%d/%m/%Y} dal calendario?"):
            school_service.remove_calendar_day(self.db, day)
            self.refresh()

    @report_errors
    def seed(self) -> None:
        school_service.seed_calendar(self.db, self.year_edit.value())
        self.refresh()


class DeadlinesPage(_ListPage):
    """The office's deadlines of a year (D.I. 129/2018), with the extensions by the Ministry:
    «Proroga…» records the new date and the act, «Ripristina» the ordinary date."""

    columns = (Column("title", "Scadenza"), date_column("ordinary", "Data ordinaria"),
               date_column("due", "In vigore"), Column("reference", "Riferimento"),
               Column("note", "Proroga o spostamento"))
    empty_text = ""

    def __init__(self, db, parent=None):
        super().__init__(db, parent)
        self.year_edit = year_spinbox(self)
        self.year_edit.setToolTip("L'anno in cui cade la scadenza ordinaria")
        self.buttons.addWidget(self.year_edit)
        self.button("&Proroga…", self.edit)
        self.button("R&ipristina", self.restore)
        self.buttons.addStretch(1)
        self.year_edit.valueChanged.connect(lambda _v: self.refresh())
        self.refresh()

    def refresh(self) -> None:
        self.rows = office_deadlines(self.db, self.year_edit.value())
        self.set_rows([(d.title, d.ordinary, d.due, d.reference, d.note) for d in self.rows],
                      [d.key for d in self.rows])
        # The titles and the acts are long: they wrap, the act takes the rest of the width.
        self.table.setWordWrap(True)
        self.table.setColumnWidth(0, 360)
        self.table.horizontalHeader().setSectionResizeMode(4, QHeaderView.Stretch)
        self.table.resizeRowsToContents()

    def _selected(self):
        key = self.selected_id()
        return next((d for d in self.rows if d.key == key), None)

    @report_errors
    def edit(self) -> None:
        d = self._selected()
        if d is None:
            return
        year = self.year_edit.value()
        specs = [FieldSpec("due", "Nuova scadenza", kind="date", required=True),
                 FieldSpec("note", "Atto di proroga", required=True, max_length=300,
                           placeholder="Nota del Ministero n. … del …")]
        if FormDialog.ask(self, f"Proroga: {d.title}", specs, {"due": d.due},
                          on_submit=lambda v: school_service.extend_deadline(
                              self.db, year, d.key, v["due"], v["note"]) or True,
                          intro=f"Scadenza ordinaria: {d.ordinary:%d/%m/%Y} "
                                f"({d.reference}).") is not None:
            self.refresh()

    @report_errors
    def restore(self) -> None:
        d = self._selected()
        if d is None or not d.note.startswith("Prorogata"):
            return
        if ask_confirm(self, "Ripristina la scadenza",
                       f"Annullare la proroga e tornare al {d.ordinary:%d/%m/%Y}?"):
            school_service.remove_extension(self.db, self.year_edit.value(), d.key)
            self.refresh()


class SettingsDialog(ChangesGuard, QDialog):
    """Closing (Chiudi, Escape, the window's button) with the school's data changed and not
    saved asks «Salvare le modifiche?»; the other pages save each change at once."""

    def __init__(self, parent, db):
        super().__init__(parent)
        self.setWindowTitle("Impostazioni dell'istituto")
        self.resize(900, 640)
        self.tabs = QTabWidget(self)
        self.school_page = SchoolPage(db, self)
        self.sites_page = SitesPage(db, self)
        self.rooms_page = RoomsPage(db, self)
        self.calendar_page = CalendarPage(db, self)
        self.deadlines_page = DeadlinesPage(db, self)
        from ..users.page import UsersPage

        self.users_page = UsersPage(db, self)
        self.tabs.addTab(self.school_page, "Istituto")
        self.tabs.addTab(self.sites_page, "Plessi")
        self.tabs.addTab(self.rooms_page, "Locali")
        self.tabs.addTab(self.calendar_page, "Calendario")
        self.tabs.addTab(self.deadlines_page, "Scadenze")
        self.tabs.addTab(self.users_page, "Utenti e ruoli")
        self.tabs.currentChanged.connect(self._on_tabs_current_changed)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("&Chiudi")
        buttons.rejected.connect(self.reject)
        self.close_button = buttons.button(QDialogButtonBox.Close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.tabs)
        layout.addWidget(buttons)
        self.school_page.saved.connect(self.mark_clean)
        add_save_keys(self, self.school_page.save)
        self.mark_clean()

    def edit_state(self) -> tuple:
        return self.school_page.edit_state()

    def save_changes(self) -> None:
        self.tabs.setCurrentWidget(self.school_page)   # where a refusal is shown
        if self.school_page.save():
            self.discard()

    def _on_tabs_current_changed(self, index: int) -> None:
        page = self.tabs.widget(index)
        if hasattr(page, "refresh"):
            page.refresh()

    @classmethod
    def ask(cls, parent, db, page: str | None = None) -> None:
        """``page``: the tab to open on, e.g. "deadlines_page"."""
        dialog = cls(parent, db)
        if page is not None:
            dialog.tabs.setCurrentWidget(getattr(dialog, page))
        exec_and_dispose(dialog)
