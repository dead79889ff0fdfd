"""Etichette: which goods (the selection, those shown, a room), the A4 sheet and the
calibration of the printer, remembered per printer (a sheet fed a little off on one printer
is fed differently on another)."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QLabel,
    QMessageBox,
    QRadioButton,
    QSpinBox,
    QVBoxLayout,
)

from ...domain.inventory import states
from ..common.choices import room_choices
from ..common.dialogs import exec_and_dispose
from ..common.picker import Picker
from ..common.printing import print_report
from ..common.settings import app_settings

# The sheets the report draws (reports.inventory.labels.LAYOUTS), described for the clerk.
LAYOUTS = {
    "3x8": "3 × 8 etichette da 70 × 37 mm (24 per foglio)",
    "3x7": "3 × 7 etichette da 70 × 42,3 mm (21 per foglio)",
    "2x7": "2 × 7 etichette da 99,1 × 38,1 mm (14 per foglio)",
}
DEFAULT_PRINTER = "Stampante predefinita"


def printer_names() -> list[str]:
    """The printers of this computer, and those calibrated before (a network printer may be
    off now)."""
    from PySide6.QtPrintSupport import QPrinterInfo

    settings = app_settings()
    settings.beginGroup("etichette")
    known = [settings.value(f"{g}/nome") for g in settings.childGroups()]
    settings.endGroup()
    names = list(QPrinterInfo.availablePrinterNames()) + [n for n in known if n]
    return list(dict.fromkeys(names or [DEFAULT_PRINTER]))


def _key(printer: str) -> str:
    return "etichette/" + "".join(c if c.isalnum() else "_" for c in printer)


def load_calibration(printer: str) -> tuple[float, float]:
    settings = app_settings()
    return (float(settings.value(_key(printer) + "/offset_x", 0.0)),
            float(settings.value(_key(printer) + "/offset_y", 0.0)))


def save_calibration(printer: str, offset_x: float, offset_y: float) -> None:
    settings = app_settings()
    settings.setValue(_key(printer) + "/nome", printer)
    settings.setValue(_key(printer) + "/offset_x", offset_x)
    settings.setValue(_key(printer) + "/offset_y", offset_y)
    settings.setValue("etichette_ultima_stampante", printer)
    settings.sync()


class LabelsDialog(QDialog):
    def __init__(self, parent, db, selected_ids: list, shown_ids: list, room_id=None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Etichette d'inventario")
        self.selected_ids, self.shown_ids = list(selected_ids), list(shown_ids)
        self.selected_radio = QRadioButton(f"Beni selezionati ({len(self.selected_ids)})", self)
        self.shown_radio = QRadioButton(f"Beni mostrati nella tabella, esclusi gli scaricati "
                                        f"({len(self.shown_ids)})", self)
        self.room_radio = QRadioButton("Tutti i beni in carico di un locale:", self)
        self.room_edit = Picker("room", room_choices(db), self,
                                placeholder="Digitare il nome del locale o del plesso")
        if room_id is not None:
            self.room_edit.set_value(room_id)
        self.room_edit.picked.connect(lambda *_: self.room_radio.setChecked(True))
        group = QButtonGroup(self)
        for b in (self.selected_radio, self.shown_radio, self.room_radio):
            group.addButton(b)
        self.selected_radio.setEnabled(bool(self.selected_ids))
        (self.selected_radio if self.selected_ids else self.shown_radio).setChecked(True)

        self.layout_edit = QComboBox(self)
        for code, text in LAYOUTS.items():
            self.layout_edit.addItem(text, code)
        self.printer_edit = QComboBox(self)
        self.printer_edit.setEditable(True)   # a printer calibrated under its own name
        self.printer_edit.addItems(printer_names())
        last = app_settings().value("etichette_ultima_stampante", "")
        if last:
            self.printer_edit.setCurrentText(last)
        # A sheet already partly used: the first free label (1 = top left, along the rows).
        self.first_edit = QSpinBox(self)
        self.first_edit.setMinimum(1)
        self.first_edit.setToolTip("Per un foglio già usato in parte: la prima etichetta "
                                   "libera, contando per righe da sinistra (1 = in alto a "
                                   "sinistra). I fogli seguenti partono dalla prima.")
        self.layout_edit.currentIndexChanged.connect(self._sheet_size)
        self._sheet_size()
        self.offset_x = self._offset_edit("a destra", "a sinistra")
        self.offset_y = self._offset_edit("in basso", "in alto")
        self.printer_edit.currentTextChanged.connect(self._load_calibration)
        self._load_calibration()

        form = QFormLayout()
        form.addRow("Foglio:", self.layout_edit)
        form.addRow("Inizia dall'etichetta n.:", self.first_edit)
        form.addRow("Stampante:", self.printer_edit)
        form.addRow("Spostamento orizzontale:", self.offset_x)
        form.addRow("Spostamento verticale:", self.offset_y)
        hint = QLabel("Se le etichette escono spostate rispetto al foglio, indicare di quanti "
                      "millimetri spostare la stampa: il valore resta memorizzato per questa "
                      "stampante.", self)
        hint.setWordWrap(True)
        hint.setObjectName("introLabel")
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Stampa")
        self.buttons.button(QDialogButtonBox.Cancel).setText("Annulla")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("<b>Beni da etichettare</b>", self))
        for w in (self.selected_radio, self.shown_radio, self.room_radio, self.room_edit):
            layout.addWidget(w)
        layout.addSpacing(8)
        layout.addLayout(form)
        layout.addWidget(hint)
        layout.addWidget(self.buttons)
        self.options: dict | None = None

    def _sheet_size(self, *_args) -> None:
        cols, _x, rows = (self.layout_edit.currentData() or "3x8").partition("x")
        self.first_edit.setMaximum(int(cols) * int(rows))

    def _offset_edit(self, plus: str, minus: str) -> QDoubleSpinBox:
        edit = QDoubleSpinBox(self)
        edit.setRange(-20.0, 20.0)   # the report's limit
        edit.setDecimals(1)
        edit.setSingleStep(0.5)
        edit.setSuffix(" mm")
        edit.setToolTip(f"Positivo: la stampa si sposta {plus}; negativo: {minus}.")
        return edit

    def _load_calibration(self, *_args) -> None:
        x, y = load_calibration(self.printer_edit.currentText().strip())
        self.offset_x.setValue(x)
        self.offset_y.setValue(y)

    def report_options(self) -> dict:
        """The options of the "etichette" report for the choices made."""
        options = {"layout": self.layout_edit.currentData(),
                   "offset_x": self.offset_x.value(), "offset_y": self.offset_y.value(),
                   "inizio": self.first_edit.value()}
        if self.room_radio.isChecked():
            options["room_id"] = self.room_edit.value()
        else:
            options["item_ids"] = (self.selected_ids if self.selected_radio.isChecked()
                                   else self.shown_ids)
        return options

    def accept(self) -> None:
        options = self.report_options()
        if "item_ids" in options and not options["item_ids"]:
            # An empty list would mean "every good" to the report: refused here.
            QMessageBox.warning(self, "Etichette", "Nessun bene in carico tra quelli mostrati: "
                                "cambiare la ricerca o scegliere un locale.")
            return
        if "room_id" in options and options["room_id"] is None:
            QMessageBox.warning(self, "Etichette", "Scegliere il locale di cui stampare le "
                                "etichette: digitarne il nome e premere Invio.")
            self.room_edit.setFocus()
            return
        self.options = options
        printer = self.printer_edit.currentText().strip() or DEFAULT_PRINTER
        save_calibration(printer, self.offset_x.value(), self.offset_y.value())
        super().accept()


def print_labels(tab) -> None:
    """From the tab: the selection (or the goods shown) or a room, then the PDF."""
    status = [c.key for c in tab.columns].index("status")
    shown = [tab.model.row_id(r) for r in range(tab.model.rowCount())
             if tab.model.row(r)[status] in states.HELD_STATUSES]   # no label once gone
    dialog = LabelsDialog(tab, tab.db, tab.selected_ids(), shown, tab.selected_room_id())
    if exec_and_dispose(dialog) == QDialog.Accepted:
        tab.last_print_job = print_report(tab, tab.db, "etichette", **dialog.options)
