"""Ricognizione of a room: scan the labels (a USB reader types them and presses Enter) or type
them; the screen sorts them into found, found here but registered elsewhere, missing and
unknown, ignoring repeated scans (domain.md §1.8)."""
from __future__ import annotations

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFormLayout, QGridLayout,
                               QGroupBox, QLabel, QLineEdit, QListWidget, QVBoxLayout)

from ...domain.inventory import RoomCheck, item_label
from ...queries.inventory import room_check_data
from ...queries.school import get_heading, list_rooms
from ..common.dialogs import exec_and_dispose

RESULT_TEXT = {
    "trovato": "Trovato: registrato in questo locale.",
    "altrove": "Trovato qui, ma registrato in un altro locale.",
    "ripetuto": "Già letto: ignorato.",
    "sconosciuto": "Etichetta sconosciuta: non corrisponde a un bene registrato.",
}


class RicognizioneDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.school = get_heading(db).codice_meccanografico
        self.setWindowTitle("Ricognizione dei beni per locale")
        self.resize(980, 620)
        self.room_edit = QComboBox(self)
        for r in list_rooms(db):
            if r.active:
                self.room_edit.addItem(f"{r.site_name} – {r.name}", r.id)
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setPlaceholderText("Leggere l'etichetta con il lettore o digitarla e "
                                          "premere Invio")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("introLabel")
        self.lists = {name: QListWidget(self) for name in ("trovati", "altrove", "mancanti",
                                                            "sconosciuti")}
        self.boxes = {}
        grid = QGridLayout()
        self.titles = titles = {"trovati": "Trovati", "altrove": "Trovati qui ma registrati altrove",
                  "mancanti": "Mancanti (da cercare o proporre al discarico)",
                  "sconosciuti": "Letti ma sconosciuti (da prendere in carico?)"}
        for i, (name, widget) in enumerate(self.lists.items()):
            box = QGroupBox(titles[name], self)
            layout = QVBoxLayout(box)
            layout.addWidget(widget)
            grid.addWidget(box, i // 2, i % 2)
            self.boxes[name] = box
        form = QFormLayout()
        form.addRow("Locale:", self.room_edit)
        form.addRow("Etichetta:", self.scan_edit)
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("Chiudi")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addLayout(grid, 1)
        layout.addWidget(buttons)
        self.room_edit.currentIndexChanged.connect(self._on_room_edit_changed)
        self.scan_edit.returnPressed.connect(self._on_scan_edit_return)
        self.check: RoomCheck | None = None
        self._on_room_edit_changed()
        self.scan_edit.setFocus()

    def select_room(self, room_id: int) -> None:
        self.room_edit.setCurrentIndex(self.room_edit.findData(room_id))

    def _on_room_edit_changed(self, *args) -> None:
        room_id = self.room_edit.currentData()
        if room_id is None:
            return
        expected, elsewhere = room_check_data(self.db, room_id)
        self.check = RoomCheck.start(room_id, expected, elsewhere)
        self.result_label.setText(f"Beni attesi in questo locale: {len(expected)}.")
        self._refresh()

    def _on_scan_edit_return(self) -> None:
        text = self.scan_edit.text()
        self.scan_edit.clear()
        if text.strip():
            self.scan(text)

    def scan(self, text: str) -> str:
        outcome = self.check.scan(text, self.school)
        self.result_label.setText(f"{text.strip()}: {RESULT_TEXT[outcome]}")
        self._refresh()
        return outcome

    def _name(self, key) -> str:
        return item_label(*key)

    def _refresh(self) -> None:
        c = self.check
        content = {
            "trovati": [f"{self._name(k)} – {c.expected[k]}" for k in c.found],
            "altrove": [f"{self._name(k)} – {c.elsewhere[k]}" for k in c.found_elsewhere],
            "mancanti": [f"{self._name(k)} – {c.expected[k]}" for k in c.missing],
            "sconosciuti": list(c.unknown),
        }
        for name, items in content.items():
            widget = self.lists[name]
            widget.clear()
            widget.addItems(items)
            self.boxes[name].setTitle(f"{self.titles[name]}: {len(items)}")

    @classmethod
    def ask(cls, parent, db) -> None:
        exec_and_dispose(cls(parent, db))
