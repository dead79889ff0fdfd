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
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import ValidationError
from ..reports.catalog import REPORTS, ReportSpec
from .common.dialogs import exec_and_dispose, show_domain_error
from .common.printing import print_report
from .common.widgets import DateEdit, year_spinbox

# The form's labels: the option names are those of the command line ("layout", "per").
OPTION_LABELS = {"layout": "Formato del foglio", "calibrazione": "Calibrazione (mm)",
                 "id": "Identificativo", "per": "Raggruppa per", "dal": "Dal", "al": "Al",
                 "inventario": "Inventario", "articolo": "Articolo", "magazzino": "Magazzino",
                 "plesso": "Plesso", "data": "Data", "inizio": "Prima etichetta libera"}


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
        for name, edit in self.extra_edits.items():
            self.options_form.setRowVisible(edit, name in names)
        if "numero" in names and not spec.numbered:
            self.extra_edits.setdefault("numero", self._numero_edit())
            self.options_form.setRowVisible(self.extra_edits["numero"], True)
        elif "numero" in self.extra_edits:
            self.options_form.setRowVisible(self.extra_edits["numero"], False)
        if spec.numbered:
            self._fill_documents(spec.numbered)

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

    def _fill_documents(self, register: str) -> None:
        from ..domain.dates import format_date
        from ..queries.registers import recent_documents

        self.document_edit.clear()
        for doc in recent_documents(self.db, register):
            self.document_edit.addItem(f"n. {doc.number}/{doc.year} del "
                                       f"{format_date(doc.entry_date)} – {doc.description}",
                                       (doc.year, doc.number))

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
        from ..domain.errors import DomainError

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
        self.last_job = print_report(self, self.db, spec.name, **options)

    @classmethod
    def ask(cls, parent, db) -> None:
        exec_and_dispose(cls(parent, db))
