"""Closing a ricognizione: one row per good with its outcome, then the numbered verbale.

The outcome of each row is proposed from the scan (found → confermato, not read → mancante,
registered elsewhere → spostato, unknown label → da prendere in carico) and the clerk can
change it, with the state of conservation and the motive, before recording.
"""
from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...domain.errors import DomainError, ValidationError
from ...domain.inventory import ricognizione as rules
from ...domain.inventory.carico import STATES
from ...domain.money import format_cents
from ...services.inventory.ricognizione import (
    CheckResult,
    OutcomeInput,
    ScanInput,
    record_check,
)
from ..common.dialogs import ChangesGuard, add_save_keys
from ..common.widgets import DateEdit, MoneyEdit, install_wheel_guard

IGNORE = "ignora"
CHOICE_TEXT = {"confermato": "Confermato", "spostato": "Trovato qui (spostamento)",
               "mancante": "Mancante", "non_registrato": "Da prendere in carico",
               "inservibile": "Inservibile", "rettifica": "Da rettificare",
               IGNORE: "Ignora (letto per errore)"}
# What each kind of row may become; the first choice is the proposal.
CHOICES = {
    "trovato": ("confermato", "inservibile", "rettifica"),
    "mancante": ("mancante", "confermato", "inservibile", "rettifica"),
    "altrove": ("spostato", IGNORE),
    "sconosciuto": ("non_registrato", IGNORE),
}
COLUMNS = ("Bene", "Descrizione", "Valore", "Esito", "Stato", "Motivo / note",
           "Valore di stima")
COL_DESC, COL_OUTCOME, COL_STATE, COL_REASON, COL_VALUE = 1, 3, 4, 5, 6


@dataclass(frozen=True)
class ReviewRow:
    kind: str                 # trovato | mancante | altrove | sconosciuto
    item_id: int | None
    label: str                # "beni mobili n. 12" or the code read
    description: str
    value: int | None         # cents
    code: str = ""
    on_loan: bool = False     # in comodato: not in the room, and rightly so
    why: str = ""             # of an unknown code: why it matches no good held


class OutcomesDialog(ChangesGuard, QDialog):
    """The review: Ctrl+Enter records; closing it after changing an outcome asks first. The
    Esito and Stato boxes follow the wheel only when they have the focus (a scroll of the
    list changed a good from «Confermato» to «Da rettificare»)."""

    def __init__(self, parent, db, room_id: int, room_name: str, rows: list[ReviewRow],
                 scans: list[ScanInput] | None = None):
        super().__init__(parent)
        install_wheel_guard()
        self.db, self.room_id, self.rows = db, room_id, rows
        self.scans = list(scans or ())
        self.result: CheckResult | None = None
        self.setWindowTitle(f"Verbale di ricognizione – {room_name}")
        self.resize(1100, 640)
        intro = QLabel("Controllare l'esito di ogni bene: il verbale riguarda tutti i beni "
                       "registrati nel locale. Per i mancanti e le rettifiche indicare il motivo; "
                       "per i beni da prendere in carico la descrizione e il valore di stima. "
                       "Una lettura ignorata resta nel verbale con il suo motivo.",
                       self)
        intro.setWordWrap(True)
        self.date_edit = DateEdit(self, field="checked_on")
        self.date_edit.setMaximumWidth(160)
        self.general_check = QCheckBox("Parte della ricognizione generale quinquennale", self)
        self.general_check.setChecked(True)
        self.commission_edit = QLineEdit(self)
        self.commission_edit.setPlaceholderText("es. Sig.ra Anna Moretti, assistente "
                                                "amministrativa; Prof. Carlo Fabbri, docente")
        self.commission_edit.setToolTip("Separare i componenti con «;»: ciascuno firma il "
                                        "verbale. Vuoto se il DSGA procede senza commissione.")
        self.notes_edit = QLineEdit(self)
        form = QFormLayout()
        form.addRow("Data della ricognizione:", self.date_edit)
        form.addRow("", self.general_check)
        form.addRow("Commissione e partecipanti:", self.commission_edit)
        form.addRow("Note:", self.notes_edit)
        self.table = QTableWidget(len(rows), len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.verticalHeader().hide()
        self.table.setSelectionMode(QAbstractItemView.NoSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        # Tab goes through the Esito, Stato and Motivo boxes, then out of the list.
        self.table.setTabKeyNavigation(False)
        self.outcome_boxes: list[QComboBox] = []
        self.state_boxes: list[QComboBox] = []
        self.reason_edits: list[QLineEdit] = []
        self.desc_edits: dict[int, QLineEdit] = {}
        self.value_edits: dict[int, MoneyEdit] = {}
        for r, row in enumerate(rows):
            self._fill_row(r, row)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeToContents)
        header.setSectionResizeMode(COL_DESC, QHeaderView.Stretch)
        header.setSectionResizeMode(COL_REASON, QHeaderView.Stretch)
        self.summary_label = QLabel(self)
        self.banner = QLabel(self)
        self.banner.setWordWrap(True)
        self.banner.setObjectName("formBanner")
        self.banner.setStyleSheet("color: #c0392b; background-color: #fdecea; "
                                  "border: 1px solid #c0392b; padding: 6px;")
        self.banner.hide()
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("&Registra il verbale")
        self.buttons.button(QDialogButtonBox.Cancel).setText("&Annulla")
        self.buttons.accepted.connect(self.record)
        self.buttons.rejected.connect(self.discard)
        add_save_keys(self, self.record)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.summary_label)
        layout.addWidget(self.banner)
        layout.addWidget(self.buttons)
        self._update_summary()
        self.mark_clean()

    def edit_state(self) -> tuple:
        """The outcomes, states and texts as shown (the proposal until the clerk changes it)."""
        edits = [*self.reason_edits, *self.desc_edits.values(), *self.value_edits.values(),
                 self.commission_edit, self.notes_edit, self.date_edit]
        return (tuple(b.currentIndex() for b in (*self.outcome_boxes, *self.state_boxes)),
                tuple(e.text() for e in edits), self.general_check.isChecked())

    def save_changes(self) -> None:
        self.record()

    # --- rows ---------------------------------------------------------------------------
    def _fill_row(self, r: int, row: ReviewRow) -> None:
        self.table.setItem(r, 0, QTableWidgetItem(row.label))
        if row.kind == "sconosciuto":
            desc = QLineEdit(self.table)
            desc.setPlaceholderText("Descrizione del bene trovato")
            if row.why:
                desc.setToolTip(f"Sconosciuto: {row.why}.")
                self.table.item(r, 0).setToolTip(f"Sconosciuto: {row.why}.")
            self.table.setCellWidget(r, COL_DESC, desc)
            self.desc_edits[r] = desc
            value = MoneyEdit(self.table, field="estimated_value")
            self.table.setCellWidget(r, COL_VALUE, value)
            self.value_edits[r] = value
        else:
            self.table.setItem(r, COL_DESC, QTableWidgetItem(row.description))
        value_item = QTableWidgetItem(format_cents(row.value) if row.value is not None else "")
        value_item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
        self.table.setItem(r, 2, value_item)
        outcome = QComboBox(self.table)
        for code in CHOICES[row.kind]:
            outcome.addItem(CHOICE_TEXT[code], code)
        state = QComboBox(self.table)
        state.addItem("(invariato)", "")
        for s in STATES:
            state.addItem(s, s)
        reason = QLineEdit(self.table)
        if row.kind == "mancante" and row.on_loan:
            # A good lent to a student is not in the room, and rightly so.
            outcome.setCurrentIndex(outcome.findData("confermato"))
            reason.setText("In comodato d'uso a un alunno (contratto in corso)")
        self.table.setCellWidget(r, COL_OUTCOME, outcome)
        self.table.setCellWidget(r, COL_STATE, state)
        self.table.setCellWidget(r, COL_REASON, reason)
        self.outcome_boxes.append(outcome)
        self.state_boxes.append(state)
        self.reason_edits.append(reason)
        outcome.currentIndexChanged.connect(lambda *_, r=r: self._on_outcome_changed(r))
        self._on_outcome_changed(r)

    def _on_outcome_changed(self, r: int) -> None:
        code = self.outcome_boxes[r].currentData()
        state = self.state_boxes[r]
        # A missing good has no state to observe; an inservibile one is recorded as such.
        if code == "inservibile":
            state.setCurrentIndex(state.findData("inservibile"))
        elif code in ("mancante", IGNORE) or state.currentData() == "inservibile":
            state.setCurrentIndex(0)
        state.setEnabled(code not in ("mancante", "inservibile", IGNORE))
        reason = self.reason_edits[r]
        row = self.rows[r]
        if code == IGNORE and not reason.text().strip():
            # The reason stays on the verbale: start from why the code matched no good.
            reason.setText(f"Letto per errore: {row.why}" if row.why else
                           "Letto per errore: bene non presente in questo locale")
        reason.setPlaceholderText(
            "Circostanze della mancanza (almeno 10 caratteri)" if code == "mancante" else
            "Errore di descrizione o di valore (almeno 10 caratteri)" if code == "rettifica"
            else "Perché la lettura è ignorata (almeno 10 caratteri)" if code == IGNORE
            else "")
        for widgets in (self.desc_edits, self.value_edits):
            if r in widgets:
                widgets[r].setEnabled(code != IGNORE)
        if hasattr(self, "summary_label"):
            self._update_summary()

    def set_outcome(self, r: int, code: str, *, state: str = "", reason: str = "",
                    description: str = "", value: str = "") -> None:
        """Fill a row as the clerk would (used by the tests and the keyboard-less flow)."""
        self.outcome_boxes[r].setCurrentIndex(self.outcome_boxes[r].findData(code))
        if state:
            self.state_boxes[r].setCurrentIndex(self.state_boxes[r].findData(state))
        if reason:
            self.reason_edits[r].setText(reason)
        if description and r in self.desc_edits:
            self.desc_edits[r].setText(description)
        if value and r in self.value_edits:
            self.value_edits[r].setText(value)

    def row_of(self, label: str) -> int:
        return next(r for r, row in enumerate(self.rows) if row.label == label)

    def _update_summary(self) -> None:
        counts: dict[str, int] = {}
        for box in self.outcome_boxes:
            counts[box.currentData()] = counts.get(box.currentData(), 0) + 1
        parts = [rules.count_label(k, counts[k]) for k in rules.OUTCOMES if counts.get(k)]
        if counts.get(IGNORE):
            n = counts[IGNORE]
            parts.append(f"{n} {'letto per errore' if n == 1 else 'letti per errore'}, "
                         "nel verbale con il motivo")
        self.summary_label.setText("Esiti: " + (", ".join(parts) if parts else "nessun bene "
                                                "nel locale (verbale di locale vuoto)") + ".")

    # --- recording ----------------------------------------------------------------------
    def outcomes(self) -> list[OutcomeInput]:
        out = []
        problems = []
        for r, row in enumerate(self.rows):
            code = self.outcome_boxes[r].currentData()
            if code == IGNORE:
                # Kept on the verbale with its reason (a good of the registers by its id).
                described = (self.desc_edits[r].text().strip() if r in self.desc_edits
                             else "") or row.description
                out.append(OutcomeInput(rules.IGNORED, item_id=row.item_id,
                                        code=row.code or row.label,
                                        reason=self.reason_edits[r].text(),
                                        description=described))
                continue
            value = None
            if r in self.value_edits:
                try:
                    value = self.value_edits[r].value()
                except ValidationError as exc:
                    problems.append(f"{row.label}: {exc.message}")
            out.append(OutcomeInput(
                code, item_id=row.item_id, code=row.code,
                state=self.state_boxes[r].currentData() or "",
                reason=self.reason_edits[r].text(),
                description=self.desc_edits[r].text() if r in self.desc_edits else "",
                estimated_value=value))
        if problems:
            raise ValidationError({"outcomes": "\n".join(problems)})
        return out

    def record(self) -> None:
        self.banner.hide()
        try:
            checked_on = self.date_edit.value()
            self.result = record_check(
                self.db, self.room_id, checked_on, self.outcomes(),
                commission=self.commission_edit.text(), general=self.general_check.isChecked(),
                notes=self.notes_edit.text(), scans=self.scans)
        except DomainError as exc:
            self.banner.setText(exc.message)
            self.banner.show()
            return
        self.accept()
