"""Ricognizione of a room: scan the labels (a USB reader types them and presses Enter) or type
them; the screen sorts them into found, found here but registered elsewhere, missing and
unknown, ignoring repeated scans (domain.md §1.8). «Chiudi e registra il verbale…» reviews
the outcome of every good and records the numbered verbale; «Verbali di ricognizione…» lists
the verbali recorded, prints them and takes in charge the goods found but not registered."""
from __future__ import annotations

from datetime import date

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGridLayout,
    QGroupBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
)

from ...domain.errors import ValidationError
from ...domain.inventory import states
from ...domain.inventory.carico import STATES
from ...domain.inventory.labels import LABEL_CODES, label_code, parse_label
from ...domain.inventory.registers import REGISTERS, item_label
from ...domain.inventory.ricognizione import INTERVAL_YEARS, RicognizioneScan, add_years
from ...domain.money import from_cents
from ...queries.inventory.ricognizione import (
    check_goods,
    list_checks,
    pending_carichi,
    ricognizione_due,
    rooms_not_checked_since,
    why_unknown,
)
from ...queries.school import get_heading
from ...services.inventory.carico import CaricoInput
from ...services.inventory.ricognizione import CheckResult, ScanInput, carico_found
from ..common.choices import room_choices
from ..common.dialogs import ChangesGuard, ask_print, exec_and_dispose, report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.list_dialog import ListAction
from ..common.picker import Picker
from ..common.printing import print_report
from ..common.table_model import Column, date_column
from ..common.work_list import WorkListDialog
from .ricognizione_outcomes import OutcomesDialog, ReviewRow

RESULT_TEXT = {
    "trovato": "Trovato: registrato in questo locale.",
    "altrove": "Trovato qui, ma registrato in un altro locale.",
    "ripetuto": "Già letto: ignorato.",
    "sconosciuto": "Etichetta sconosciuta: non corrisponde a un bene registrato.",
}


class RicognizioneDialog(ChangesGuard, QDialog):
    """Closing it after reading labels, without the verbale, asks first: the readings would
    be lost (Salva = «Chiudi e registra il verbale…»)."""

    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.school = get_heading(db).codice_meccanografico
        self.recorded: CheckResult | None = None
        self.setWindowTitle("Ricognizione dei beni per locale")
        self.resize(980, 620)
        self.room_edit = Picker("room", room_choices(db), self,
                                placeholder="Digitare il nome del locale o del plesso")
        self.scan_edit = QLineEdit(self)
        self.scan_edit.setPlaceholderText("Leggere l'etichetta con il lettore o digitarla e "
                                          "premere Invio")
        self.result_label = QLabel(self)
        self.result_label.setObjectName("introLabel")
        self.lists = {name: QListWidget(self) for name in ("trovati", "altrove", "mancanti",
                                                            "sconosciuti")}
        self.boxes = {}
        grid = QGridLayout()
        self.titles = titles = {
            "trovati": "Trovati", "altrove": "Trovati qui ma registrati altrove",
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
        buttons.button(QDialogButtonBox.Close).setText("&Chiudi")
        buttons.rejected.connect(self.reject)
        # Not a default button: the reader's Enter must never close the check by mistake.
        self.record_button = QPushButton("Chiudi e &registra il verbale…", self)
        self.record_button.setAutoDefault(False)
        self.record_button.setToolTip("Rivedere l'esito di ogni bene del locale e registrare il "
                                      "verbale di ricognizione numerato")
        buttons.addButton(self.record_button, QDialogButtonBox.ActionRole)
        buttons.button(QDialogButtonBox.Close).setAutoDefault(False)
        self.record_button.clicked.connect(self.close_and_record)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.result_label)
        layout.addLayout(grid, 1)
        hint = QLabel("Un bene presente ma con l'etichetta illeggibile o staccata: doppio clic "
                      "sul suo nome tra i mancanti.", self)
        hint.setObjectName("introLabel")
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.room_edit.picked.connect(self._on_room_edit_changed)
        self.scan_edit.returnPressed.connect(self._on_scan_edit_return)
        self.lists["mancanti"].setToolTip("Doppio clic su un bene visto ma con l'etichetta "
                                          "illeggibile: passa tra i trovati")
        self.lists["mancanti"].itemDoubleClicked.connect(
            lambda item: self.tick_missing(self.lists["mancanti"].row(item)))
        self.check: RicognizioneScan | None = None
        self.goods: dict = {}
        self._on_room_edit_changed()
        self.scan_edit.setFocus()
        self.mark_clean()

    def edit_state(self) -> int:
        """How many readings a close would lose (none once the verbale is recorded)."""
        return len(self.check.log) if self.check is not None and self.recorded is None else 0

    def save_changes(self) -> None:
        self.close_and_record()

    def select_room(self, room_id: int) -> None:
        self.room_edit.set_value(room_id)
        self._on_room_edit_changed()

    def _on_room_edit_changed(self, *args) -> None:
        room_id = self.room_edit.value()
        if room_id is None or (args and self.check is not None
                               and self.check.room_id == room_id):
            return   # the same room picked again: the reads so far stay
        expected, elsewhere = check_goods(self.db, room_id)
        self.goods = {**elsewhere, **expected}
        self.unknown_why: dict[str, str] = {}
        self.check = RicognizioneScan.start(
            room_id, {k: g.description for k, g in expected.items()},
            {k: f"{g.description} (registrato in: {g.place})" for k, g in elsewhere.items()})
        self.result_label.setText(f"Beni attesi in questo locale: {len(expected)}.")
        self._refresh()

    def _on_scan_edit_return(self) -> None:
        text = self.scan_edit.text()
        self.scan_edit.clear()
        if text.strip() and self.check is None:
            self.result_label.setText("Scegliere prima il locale da controllare.")
        elif text.strip():
            self.scan(text)

    def scan(self, text: str) -> str:
        outcome = self.check.scan(text, self.school)
        why = RESULT_TEXT[outcome]
        detail = ""
        if outcome == "sconosciuto":
            try:
                key = parse_label(text, self.school)
                detail = why_unknown(self.db, *key)
                why = f"Etichetta di questo istituto, ma {detail}."
            except ValidationError as exc:   # not an inventory label, or another school's
                why = next(iter(exc.errors.values()))
                detail = why.rstrip(".")
            self.unknown_why[self.check.unknown[-1]] = detail
        elif outcome == "altrove":
            key = parse_label(text, self.school)
            detail = f"registrato in: {self.goods[key].place}"
        elif outcome == "ripetuto":
            detail = "lettura ripetuta, non conteggiata"
        self.check.log[-1][2] = detail
        self.result_label.setText(f"{text.strip()}: {why}")
        self._refresh()
        return outcome

    def tick_missing(self, row: int) -> str:
        """A good of the list of the missing seen without reading its label (worn or torn
        off): found, as if scanned."""
        key = self.check.missing[row]
        return self.scan(label_code(self.school, *key))

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

    # --- closing: the verbale ---------------------------------------------------------------
    def review_rows(self) -> list[ReviewRow]:
        """Every good of the room, then those found here but registered elsewhere, then the
        unknown labels: the proposal of the review dialog."""
        c = self.check
        rows = []
        for kind, keys in (("trovato", c.found), ("mancante", c.missing),
                           ("altrove", c.found_elsewhere)):
            for key in keys:
                g = self.goods[key]
                description = g.description + (f" (registrato in: {g.place})"
                                               if kind == "altrove" else "")
                rows.append(ReviewRow(kind, g.id, g.label, description, g.value,
                                      code=label_code(self.school, *key)
                                      if key[0] in LABEL_CODES else "",
                                      on_loan=g.status == states.ON_LOAN))
        rows += [ReviewRow("sconosciuto", None, code, "", None, code=code,
                           why=self.unknown_why.get(code, "")) for code in c.unknown]
        return rows

    def scans(self) -> list[ScanInput]:
        """Every read of this check, in order, with what it was and why."""
        return [ScanInput(code, result, detail) for code, result, detail in self.check.log]

    def review_dialog(self) -> OutcomesDialog:
        return OutcomesDialog(self, self.db, self.check.room_id, self.room_edit.text(),
                              self.review_rows(), self.scans())

    @report_errors
    def close_and_record(self) -> None:
        dialog = self.review_dialog()
        labels = {row.item_id: row.label for row in dialog.rows}
        exec_and_dispose(dialog)
        if dialog.result is not None:
            self.after_record(dialog.result, labels)

    def after_record(self, result: CheckResult, labels: dict[int, str]) -> None:
        """Offer the print, then say what follows: discarico proposals and carichi."""
        self.recorded = result
        ref = f"{result.number}/{result.year}"
        if ask_print(self, "Stampa del verbale",
                       f"Verbale di ricognizione n. {ref} registrato.\n"
                       "Stampare ora il verbale da firmare?"):
            print_report(self, self.db, "verbale-ricognizione", anno=result.year,
                         numero=result.number)
        follow = []
        if result.discharge_item_ids:
            names = ", ".join(labels.get(i, str(i)) for i in result.discharge_item_ids)
            follow.append(f"Beni proposti per il discarico (mancanti o inservibili): {names}.\n"
                          "Per scaricarli selezionarli nella scheda Inventario e usare "
                          "«Discarico e vendita › Discarico…» con il decreto del Dirigente "
                          "(art. 33), allegando la relazione del DSGA e, per un furto, la "
                          "denuncia.")
        if result.carico_line_ids:
            n = len(result.carico_line_ids)
            what = ("1 bene trovato ma non registrato: prenderlo" if n == 1 else
                    f"{n} beni trovati ma non registrati: prenderli")
            follow.append(f"{what} in carico al valore di stima da «Registri › Verbali di "
                          "ricognizione…», «Carico dei beni rinvenuti…».")
        if follow:
            QMessageBox.information(self, f"Seguiti del verbale n. {ref}", "\n\n".join(follow))
        self._on_room_edit_changed()   # moved goods now belong here: a fresh check

    @classmethod
    def ask(cls, parent, db, room_id: int | None = None) -> None:
        dialog = cls(parent, db)
        if room_id is not None:
            dialog.select_room(room_id)
        exec_and_dispose(dialog)


# --- The verbali recorded -----------------------------------------------------------------------
class ChecksDialog(WorkListDialog):
    """The verbali of ricognizione, the five-year term, the goods found still to take in
    charge.

    Every column is as wide as its text, «Situazione» included; a long locale or list of
    differences wraps within its limit, and the plesso (the longest names) takes the room
    left, wrapping when it is short of room."""

    title = "Verbali di ricognizione"
    empty_text = ("Nessun verbale di ricognizione registrato: la ricognizione di un locale si "
                  "fa con «Ricognizione…» e si chiude registrando il verbale.")
    columns = (Column("ref", "Verbale"), date_column("day", "Data"), Column("site", "Plesso"),
               Column("room", "Locale", max_width=200), Column("kind", "Ricognizione"),
               Column("goods", "Beni", align="right"),
               Column("diffs", "Differenze", max_width=240), Column("status", "Situazione"))
    default_size = (1100, 480)
    wrap_rows = True      # a short list (a few verbali a year): rows as tall as their text
    stretch_column = 2    # «Plesso»
    export_name = "verbali-ricognizione"
    states = (("valido", "Validi"), ("annullato", "Annullati"))
    period_label = "Verbali"

    def load_all(self):
        return list_checks(self.db)

    def state_of(self, r) -> str:
        return "annullato" if r.annulled else "valido"

    def date_of(self, r):
        return r.checked_on

    def row_of(self, r) -> tuple:
        return (r.ref, r.checked_on, r.site, r.room, "generale" if r.general else "parziale",
                r.goods, r.differences or "nessuna", "annullato" if r.annulled else "")

    def intro_text(self) -> str:
        today = date.today()
        due = ricognizione_due(self.db, today)
        late = rooms_not_checked_since(self.db, add_years(today, -INTERVAL_YEARS), today)
        text = f"Ricognizione quinquennale dei beni. {due.detail}"
        if late:
            text += (f"\nDa includere nella prossima (mai controllati o non negli ultimi "
                     f"{INTERVAL_YEARS} anni): "
                     + ", ".join(r.place for r in late[:8])
                     + (f" e altri {len(late) - 8}" if len(late) > 8 else "") + ".")
        return text

    def list_actions(self) -> list[ListAction]:
        return [ListAction("print", "Stampa il verbale", self.print_selected,
                           needs_selection=True, default=True),
                ListAction("carico", "Carico dei beni rinvenuti…", self.carico_selected,
                           enabled_if=lambda check: not check.annulled
                           and "non registrat" in check.differences,
                           permission="inventory.carico",
                           tooltip="Prendere in carico, al valore di stima, i beni trovati ma "
                                   "non registrati del verbale selezionato")]

    @report_errors
    def print_selected(self) -> None:
        check = self.selected()
        if check is not None:
            print_report(self, self.db, "verbale-ricognizione", anno=check.year,
                         numero=check.number)

    @report_errors
    def carico_selected(self) -> None:
        check = self.selected()
        if check is None:
            return
        pending = pending_carichi(self.db, check.year, check.number)
        if not pending:
            QMessageBox.information(self, "Carico dei beni rinvenuti",
                                    f"I beni rinvenuti del verbale n. {check.ref} sono già "
                                    "stati presi in carico.")
            return
        for line in pending:
            if not self._carico_line(check, line):
                break
        self.after_change()

    def _carico_line(self, check, line) -> bool:
        specs = [FieldSpec("description", "Descrizione", required=True, max_length=500),
                 FieldSpec("category_register", "Inventario", kind="choice", required=True,
                           choices=list(REGISTERS.items())),
                 FieldSpec("category", "Categoria", max_length=80),
                 FieldSpec("unit_value", "Valore di stima", kind="money", required=True),
                 FieldSpec("entry_date", "Data di carico", kind="date", required=True),
                 FieldSpec("state", "Stato di conservazione", kind="choice", required=True,
                           choices=[(s, s) for s in STATES]),
                 FieldSpec("notes", "Note", kind="multiline")]
        def submit(values: dict):
            values = {k: v for k, v in values.items() if v is not None}
            return carico_found(self.db, line.id, CaricoInput(
                valuation="rinvenimento", quantity=1, **values))

        title = f"Carico del bene rinvenuto ({line.label}) – verbale n. {check.ref}"
        defaults = {"description": line.description, "category_register": "inv-mobili",
                    "unit_value": from_cents(line.value), "entry_date": date.today(),
                    "state": line.state or "buono"}
        r = FormDialog.ask(self, title, specs, defaults, on_submit=submit)
        if r is None:
            return False
        QMessageBox.information(self, "Carico registrato",
                                f"Preso in carico come {item_label(r.register, r.number)}, "
                                f"buono di carico n. {r.buono_number}/{r.buono_year}.")
        return True


@report_errors
def open_checks(tab) -> None:
    if ChecksDialog.ask(tab, tab.db):
        tab.events.data_changed.emit(tab.area)
