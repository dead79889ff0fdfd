"""Anagrafica of the magazzino: articles (new, edit) and storerooms (one per plesso or
department). Changing an article touches only its record: the giornale keeps its texts."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain import warehouse as rules
from ...domain.errors import DomainError
from ...queries import warehouse as q
from ...queries.school import list_rooms, list_sites
from ...services.warehouse import master_data as svc
from ..common.dialogs import exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog

UNIT_CHOICES = [(u.code, f"{u.code} – {u.plural}") for u in rules.UNITS.values()]


def article_specs() -> list[FieldSpec]:
    return [
        FieldSpec("code", "Codice (anche a barre)", required=True, max_length=40,
                  placeholder="es. CARTA-A4-80 oppure 8001234567890"),
        FieldSpec("description", "Descrizione", required=True, max_length=300),
        FieldSpec("unit", "Unità di misura", kind="choice", required=True,
                  choices=UNIT_CHOICES),
        FieldSpec("category", "Categoria", max_length=80,
                  placeholder="es. Cancelleria, Pulizia, DPI"),
        FieldSpec("min_stock", "Scorta minima", max_length=20,
                  placeholder="0 = nessun avviso",
                  help="Sotto questa giacenza (tutti i magazzini) l'articolo è segnalato "
                       "nella pagina iniziale."),
        FieldSpec("supplier", "Fornitore abituale", max_length=200),
        FieldSpec("tracks_lots", "Gestito a lotti con scadenza (DPI, igienizzanti)",
                  kind="bool"),
        FieldSpec("is_dpi", "È un dispositivo di protezione individuale (DPI)", kind="bool"),
        FieldSpec("active", "In uso (si può caricare e richiedere)", kind="bool"),
        FieldSpec("notes", "Note", kind="multiline"),
    ]


def _article_values(a: q.ArticleRow) -> dict:
    return {"code": a.code, "description": a.description, "unit": a.unit,
            "category": a.category,
            "min_stock": rules.format_quantity(a.min_stock, with_unit=False).replace(".", "")
            if a.min_stock else "",
            "supplier": a.supplier, "tracks_lots": a.tracks_lots, "is_dpi": a.is_dpi,
            "active": a.active, "notes": a.notes}


def edit_article(parent, db, article_id: int | None = None) -> int | None:
    """The article form; returns the id saved, or None if cancelled."""
    values = {"active": True, "unit": "pz"}
    if article_id is not None:
        art = q.get_article(db, article_id)
        if art is None:
            raise DomainError("Articolo inesistente.")
        values = _article_values(art)
    saved = {}

    def submit(v):
        saved["id"] = svc.save_article(db, v, article_id)

    title = "Nuovo articolo di magazzino" if article_id is None else "Modifica articolo"
    if FormDialog.ask(parent, title, article_specs(), values, on_submit=submit) is None:
        return None
    return saved["id"]


def storeroom_specs(db) -> list[FieldSpec]:
    rooms = [(r.id, f"{r.site_name} – {r.name}") for r in list_rooms(db) if r.active]
    return [
        FieldSpec("code", "Codice", required=True, max_length=20, placeholder="es. MAG-SEDE"),
        FieldSpec("name", "Nome", required=True, max_length=120,
                  placeholder="es. Magazzino centrale (sede)"),
        FieldSpec("site_id", "Plesso", kind="choice", required=True,
                  choices=[(s.id, s.name) for s in list_sites(db)]),
        FieldSpec("department", "Reparto", max_length=80,
                  placeholder="solo se il plesso ha più magazzini, es. Laboratori"),
        FieldSpec("room_id", "Locale", kind="choice", choices=rooms),
        FieldSpec("active", "In uso", kind="bool"),
    ]


class StoreroomsDialog(QDialog):
    """The list of storerooms with Nuovo/Modifica: one per plesso, or per department."""

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.changed = False
        self.setWindowTitle("Magazzini")
        self.resize(760, 380)
        intro = QLabel("Un magazzino per plesso, o per reparto quando un plesso ne ha più "
                       "d'uno (es. i laboratori). Un magazzino non più usato si mette fuori "
                       "uso: resta nel giornale.", self)
        intro.setWordWrap(True)
        intro.setObjectName("introLabel")
        self.table = QTableWidget(0, 5, self)
        self.table.setHorizontalHeaderLabels(["Codice", "Nome", "Plesso", "Reparto", "In uso"])
        self.table.setEditTriggers(QTableWidget.NoEditTriggers)
        self.table.setSelectionBehavior(QTableWidget.SelectRows)
        self.table.setSelectionMode(QTableWidget.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(1, QHeaderView.Stretch)
        self.table.doubleClicked.connect(lambda *_: self.edit_selected())
        self.new_button = QPushButton("Nuovo magazzino…", self)
        self.edit_button = QPushButton("Modifica…", self)
        self.new_button.clicked.connect(self.new_storeroom)
        self.edit_button.clicked.connect(self.edit_selected)
        close = QDialogButtonBox(QDialogButtonBox.Close, self)
        close.button(QDialogButtonBox.Close).setText("Chiudi")
        close.rejected.connect(self.reject)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.edit_button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.table, 1)
        layout.addLayout(buttons)
        self.rows: list[q.StoreroomRow] = []
        self.reload()

    def reload(self) -> None:
        self.rows = q.list_storerooms(self.db)
        self.table.setRowCount(len(self.rows))
        for r, s in enumerate(self.rows):
            for c, text in enumerate((s.code, s.name, s.site_name, s.department,
                                      "sì" if s.active else "no")):
                self.table.setItem(r, c, QTableWidgetItem(text))
        self.table.resizeColumnToContents(0)
        self.table.resizeColumnToContents(2)
        self.edit_button.setEnabled(bool(self.rows))

    def _ask(self, storeroom_id: int | None, values: dict) -> bool:
        def submit(v):
            svc.save_storeroom(self.db, v, storeroom_id)

        title = "Nuovo magazzino" if storeroom_id is None else "Modifica magazzino"
        if FormDialog.ask(self, title, storeroom_specs(self.db), values,
                          on_submit=submit) is None:
            return False
        self.changed = True
        self.reload()
        return True

    @report_errors
    def new_storeroom(self) -> bool:
        return self._ask(None, {"active": True})

    @report_errors
    def edit_selected(self) -> bool:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            raise DomainError("Selezionare il magazzino da modificare.")
        s = self.rows[rows[0].row()]
        return self._ask(s.id, {"code": s.code, "name": s.name, "site_id": s.site_id,
                                "department": s.department, "room_id": s.room_id,
                                "active": s.active})

    @classmethod
    def ask(cls, parent, db) -> bool:
        """Shows the list; True if something was saved."""
        dialog = cls(parent, db)
        exec_and_dispose(dialog)
        return dialog.changed
