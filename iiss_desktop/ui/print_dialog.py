"""The list of every report of the application, with its options, and a "Stampa" button."""
from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from ..areas.school import PROTOCOL
from ..domain.access import allowed
from ..domain.errors import DomainError, ValidationError
from ..reports.catalog import REPORTS, ReportSpec
from .common.dialogs import exec_and_dispose, show_domain_error
from .common.printing import print_report
from .common.widgets import DateEdit, year_spinbox

# The form's labels: the option names are those of the command line ("layout", "per").
OPTION_LABELS = {"layout": "Formato del foglio", "calibrazione": "Calibrazione (mm)",
                 "id": "Identificativo", "per": "Raggruppa per", "dal": "Dal", "al": "Al",
                 "inventario": "Inventario", "articolo": "Articolo", "magazzino": "Magazzino",
                 "plesso": "Plesso", "data": "Data", "inizio": "Prima etichetta libera",
                 "persona": "Dipendente", "accordo": "Accordo"}


def _registers() -> list[tuple[str, str]]:
    from ..domain.registers import all_registers

    return [(r.code, r.title) for r in all_registers()]


class PrintDialog(QDialog):
    def __init__(self, parent, db):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Stampe")
        self.resize(900, 520)
        self.list = QListWidget(self)
        # A register print needs at least one register to choose from.
        self.specs = [r for r in REPORTS
                      if _registers() or "registro" not in {o.name for o in r.options}]
        for spec in self.specs:
            item = QListWidgetItem(f"{spec.title}  ({spec.area})")
            item.setData(256, spec.name)
            self.list.addItem(item)
        self.description = QLabel(self)
        self.description.setWordWrap(True)
        self.options_box = QWidget(self)
        self.options_form = QFormLayout(self.options_box)
        self.year_edit = year_spinbox(self)
        self.year_edit.setPrefix("")
        self.register_edit = QComboBox(self)
        self.document_edit = QComboBox(self)
        self.document_edit.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        self.document_edit.setMinimumContentsLength(24)
        self.options_form.addRow("Anno:", self.year_edit)
        self.options_form.addRow("Registro:", self.register_edit)
        self.options_form.addRow("Documento:", self.document_edit)
        self._add_protocol_rows()
        # Every other option of the catalogue (plesso, articolo, data…): one field per name.
        self.extra_edits: dict[str, QWidget] = {}
        for spec in REPORTS:
            for opt in spec.options:
                if opt.name in {"anno", "registro", "numero"} or opt.name in self.extra_edits:
                    continue
                if opt.kind == "date":
                    edit = DateEdit(self, field=opt.name, nullable=True)
                else:
                    edit = QLineEdit(self)
                    edit.setPlaceholderText(opt.help)
                self.extra_edits[opt.name] = edit
                self.options_form.addRow(OPTION_LABELS.get(opt.name, opt.name.capitalize())
                                         + ":", edit)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Close, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("Stampa")
        self.buttons.button(QDialogButtonBox.Close).setText("Chiudi")
        self.buttons.accepted.connect(self.print_selected)
        self.buttons.rejected.connect(self.reject)
        right = QVBoxLayout()
        right.addWidget(self.description)
        right.addWidget(self.options_box)
        right.addStretch(1)
        body = QHBoxLayout()
        body.addWidget(self.list, 1)
        body.addLayout(right, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.list.currentRowChanged.connect(self._on_list_current_changed)
        self.list.setCurrentRow(0)
        self.last_job = None

    def _add_protocol_rows(self) -> None:
        """The protocol the chosen document received (recorded back from the protocol office,
        then printed in its "Prot. n. … del …" field), and the reason when correcting it."""
        self.documents: list = []
        self.protocol_edit = QLineEdit(self)
        self.protocol_edit.setPlaceholderText("es. 0001234/VI.3")
        self.protocol_edit.setMaxLength(40)
        self.protocol_date_edit = DateEdit(self, field="protocol_date", nullable=True)
        self.protocol_date_edit.setMinimumWidth(self.fontMetrics().horizontalAdvance(
            "00/00/00000") + 40)
        self.protocol_edit.setMinimumWidth(
            self.fontMetrics().horizontalAdvance("0001234/VI.3") + 16)
        self.correct_button = QPushButton("Correggi…", self)
        self.correct_button.setToolTip("Correggere il protocollo registrato, indicando il motivo")
        self.correct_button.clicked.connect(self._start_correction)
        self.protocol_row = QWidget(self)
        row = QHBoxLayout(self.protocol_row)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.protocol_edit, 2)
        row.addWidget(QLabel("del", self.protocol_row))
        row.addWidget(self.protocol_date_edit, 1)
        row.addWidget(self.correct_button)
        self.protocol_reason_edit = QLineEdit(self)
        self.protocol_reason_edit.setPlaceholderText("perché il protocollo registrato è errato")
        self.protocol_note = QLabel(self)
        self.protocol_note.setWordWrap(True)
        self.options_form.addRow("Protocollo n.:", self.protocol_row)
        self.options_form.addRow("Motivo della correzione:", self.protocol_reason_edit)
        self.options_form.addRow("", self.protocol_note)
        self.document_edit.currentIndexChanged.connect(self._show_protocol)

    def _protocol_rows_visible(self, visible: bool) -> None:
        for widget in (self.protocol_row, self.protocol_note):
            self.options_form.setRowVisible(widget, visible)
        self.options_form.setRowVisible(self.protocol_reason_edit, False)

    def current_document(self):
        index = self.document_edit.currentIndex()
        return self.documents[index] if 0 <= index < len(self.documents) else None

    def _show_protocol(self, _index: int = 0) -> None:
        doc = self.current_document()
        may = allowed(self.db.current_user, PROTOCOL)
        self.options_form.setRowVisible(self.protocol_reason_edit, False)
        self.protocol_reason_edit.clear()
        has = doc is not None and doc.protocol is not None
        self.protocol_edit.setText(doc.protocol.number if has else "")
        self.protocol_date_edit.set_value(doc.protocol.on if has else None)
        for edit in (self.protocol_edit, self.protocol_date_edit):
            edit.setEnabled(doc is not None and may and not has)
        self.correct_button.setVisible(has)
        self.correct_button.setEnabled(has and may)
        if doc is None:
            self.protocol_note.setText("")
        elif has:
            self.protocol_note.setText(f"Protocollato: il documento riporta «{doc.protocol.text}». "
                                       "Per cambiarlo, «Correggi…» con il motivo.")
        elif may:
            self.protocol_note.setText("Non ancora protocollato: dopo la registrazione al "
                                       "protocollo, indicarne numero e data, che saranno "
                                       "stampati sul documento. Vuoto: lo spazio resta da "
                                       "compilare a mano.")
        else:
            self.protocol_note.setText("Non ancora protocollato: lo spazio «Prot. n. … del …» "
                                       "resta da compilare a mano.")

    def _start_correction(self) -> None:
        for edit in (self.protocol_edit, self.protocol_date_edit):
            edit.setEnabled(True)
        self.options_form.setRowVisible(self.protocol_reason_edit, True)
        self.protocol_edit.setFocus()
        self.protocol_edit.selectAll()

    def _save_protocol(self) -> bool:
        """Record (or correct) the protocol typed for the chosen document before printing it.
        False: refused, the message is shown and nothing is printed."""
        from ..services.protocol import correct_protocol, record_protocol

        doc = self.current_document()
        if doc is None or not self.protocol_edit.isEnabled():
            return True
        number = self.protocol_edit.text().strip()
        correcting = doc.protocol is not None
        if not number and not self.protocol_date_edit.text().strip() and not correcting:
            return True            # nothing typed: the field stays blank on paper
        try:
            args = dict(report=doc.report, year=doc.year, number=doc.number,
                        protocol_number=number, protocol_date=self.protocol_date_edit.value())
            if correcting:
                correct_protocol(self.db, **args, reason=self.protocol_reason_edit.text())
            else:
                record_protocol(self.db, **args)
        except DomainError as exc:
            show_domain_error(self, exc)
            return False
        chosen = self.document_edit.currentIndex()
        self._fill_documents(self.current_spec().name)
        self.document_edit.setCurrentIndex(chosen)
        return True

    def current_spec(self) -> ReportSpec:
        return self.specs[max(self.list.currentRow(), 0)]

    def _on_list_current_changed(self, row: int) -> None:
        spec = self.current_spec()
        self.description.setText(f"<b>{spec.title}</b><br>{spec.description}")
        names = {o.name for o in spec.options}
        self.options_form.setRowVisible(self.year_edit, "anno" in names and not spec.numbered)
        self.options_form.setRowVisible(self.register_edit, "registro" in names)
        if "registro" in names:
            self._fill_registers(spec.name)
        self.options_form.setRowVisible(self.document_edit, bool(spec.numbered))
        self._protocol_rows_visible(bool(spec.numbered))
        for name, edit in self.extra_edits.items():
            self.options_form.setRowVisible(edit, name in names)
        if "numero" in names and not spec.numbered:
            self.extra_edits.setdefault("numero", self._numero_edit())
            self.options_form.setRowVisible(self.extra_edits["numero"], True)
        elif "numero" in self.extra_edits:
            self.options_form.setRowVisible(self.extra_edits["numero"], False)
        if spec.numbered:
            self._fill_documents(spec.name)

    def _fill_registers(self, report: str) -> None:
        """Labels exist only for the inventories: the other registers are not offered there."""
        from ..domain.inventory.labels import LABEL_CODES, has_labels
        from ..domain.inventory.registers import base_of

        chosen = self.register_edit.currentData()
        self.register_edit.clear()
        registers = _registers()
        if report == "etichette":   # in the order of art. 31, beni mobili first
            order = list(LABEL_CODES)
            registers = sorted((r for r in registers if has_labels(r[0])),
                               key=lambda r: (order.index(base_of(r[0])), r[0]))
        if report == "rinnovo":   # only the series a rinnovo opened have a map to print
            from ..queries.inventory.renewal import renewals

            registers = renewals(self.db)
            if not registers:
                self.register_edit.addItem("Nessun rinnovo degli inventari registrato: "
                                           "non c'è un raccordo da stampare", "")
                return
        for code, title in registers:
            self.register_edit.addItem(title, code)
        index = self.register_edit.findData(chosen)
        self.register_edit.setCurrentIndex(max(index, 0))

    def _numero_edit(self) -> QLineEdit:
        edit = QLineEdit(self)
        edit.setPlaceholderText("numero")
        self.options_form.addRow("Numero:", edit)
        return edit

    def _fill_documents(self, report: str) -> None:
        """The documents this print prints (a buono di versamento: the carichi of the journal),
        newest first, each with its protocol."""
        from ..domain.dates import format_date
        from ..queries.protocol import report_documents

        self.document_edit.blockSignals(True)
        self.document_edit.clear()
        self.documents = report_documents(self.db, report)
        for doc in self.documents:
            self.document_edit.addItem(f"n. {doc.number}/{doc.year} del "
                                       f"{format_date(doc.entry_date)} – {doc.description}",
                                       (doc.year, doc.number))
        self.document_edit.blockSignals(False)
        self._show_protocol()

    def options(self) -> dict:
        names = {o.name for o in self.current_spec().options}
        out = {}
        if self.current_spec().numbered:
            chosen = self.document_edit.currentData()
            return {"anno": chosen[0], "numero": chosen[1]} if chosen else {"numero": None}
        if "anno" in names:
            out["anno"] = self.year_edit.value()
        if "registro" in names:
            out["registro"] = self.register_edit.currentData()
        for opt in self.current_spec().options:
            edit = self.extra_edits.get(opt.name)
            if edit is None:
                continue
            value = edit.value() if isinstance(edit, DateEdit) else edit.text().strip() or None
            if value is not None and opt.kind == "int":
                try:
                    value = int(value)
                except ValueError:
                    raise ValidationError({opt.name: f"«{value}»: atteso un numero intero."}) \
                        from None
            if value is not None:
                out[opt.name] = value
            elif opt.required:
                raise ValidationError({opt.name: f"Indicare {opt.help}."})
        return out

    def print_selected(self) -> None:
        spec = self.current_spec()
        try:
            options = self.options()
        except ValidationError as exc:
            show_domain_error(self, DomainError(" ".join(exc.errors.values())))
            return
        if "registro" in options and not options["registro"]:
            show_domain_error(self, DomainError(
                "Nessun rinnovo degli inventari registrato: non c'è un raccordo da stampare."
                if spec.name == "rinnovo" else "Nessun registro disponibile da stampare."))
            return
        if "numero" in options and options["numero"] is None:
            show_domain_error(self, DomainError("Nessun documento registrato da stampare."))
            return
        if spec.numbered and not self._save_protocol():
            return
        self.last_job = print_report(self, self.db, spec.name, **options)

    @classmethod
    def ask(cls, parent, db) -> None:
        exec_and_dispose(cls(parent, db))
