"""Forms built in code from a list of FieldSpec, with inline Italian errors.

``Form.value()`` returns typed values (Decimal, date, int, bool, the choice
value) or raises ValidationError listing every bad field at once, so the
clerk fixes everything in one go instead of one error per OK click.
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from dataclasses import field as dc_field
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QIntValidator
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...domain.errors import DomainError, ValidationError
from .dialogs import ChangesGuard, add_save_keys
from .picker import Picker, choices_of
from .widgets import DateEdit, MoneyEdit, install_wheel_guard

KINDS = {"text", "multiline", "money", "date", "int", "choice", "bool", "picker"}
BANNER_KEY = ""  # errors not tied to a field go to the banner

# Only widgets flagged with the "error" property change look, so the native style is kept elsewhere.
ERROR_STYLE = """
*[error="true"] { border: 1px solid #c0392b; background-color: #fdecea; }
QLabel#fieldError { color: #c0392b; }
QLabel#formBanner { color: #c0392b; background-color: #fdecea; border: 1px solid #c0392b;
                    padding: 6px; }
"""


@dataclass
class FieldSpec:
    name: str
    label: str
    kind: str = "text"
    required: bool = False
    choices: Sequence[tuple[Any, str]] = dc_field(default_factory=list)
    placeholder: str = ""
    help: str = ""
    max_length: int | None = None
    picker: str = ""   # kind "picker": whose recently used list (e.g. "room") it shares

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"Tipo di campo sconosciuto: {self.kind!r}")


def spec_of(field, **overrides) -> FieldSpec:
    """The form field of a declared field (domain/fields.py): label, kind, length, choices,
    placeholder and help as declared."""
    values = dict(name=field.name, label=field.label, kind=field.kind,
                  required=field.required, choices=list(field.choices),
                  placeholder=field.placeholder, help=field.help,
                  max_length=field.max_length if field.kind == "text" else None)
    values.update(overrides)
    return FieldSpec(**values)


def _required_message(spec: FieldSpec) -> str:
    return f"Il campo «{spec.label}» è obbligatorio."


class Form(QWidget):
    COMBO_CHARS = 50   # beyond this a choice's text does not widen the form
    changed = Signal()   # any field edited (typed, chosen, ticked), also by ``load``

    def __init__(self, specs: Sequence[FieldSpec], parent: QWidget | None = None):
        super().__init__(parent)
        install_wheel_guard()
        self.specs = {s.name: s for s in specs}
        self.editors: dict[str, QWidget] = {}
        self.error_labels: dict[str, QLabel] = {}
        self.setStyleSheet(ERROR_STYLE)

        self.banner = QLabel(self)
        self.banner.setObjectName("formBanner")
        self.banner.setWordWrap(True)
        self.banner.setVisible(False)
        self.layout_ = QFormLayout()
        self.layout_.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.banner)
        outer.addLayout(self.layout_)

        for spec in specs:
            editor = self._make_editor(spec)
            setattr(self, f"{spec.name}_edit", editor)
            self.editors[spec.name] = editor
            self._watch(spec, editor)
            error = QLabel(self)
            error.setObjectName("fieldError")
            error.setWordWrap(True)
            error.setVisible(False)
            self.error_labels[spec.name] = error
            # Editor and its error message stacked in one cell: the message sits right under it.
            cell = QWidget(self)
            box = QVBoxLayout(cell)
            box.setContentsMargins(0, 0, 0, 0)
            box.setSpacing(2)
            box.addWidget(editor)
            box.addWidget(error)
            label = "" if spec.kind == "bool" else spec.label + (" *" if spec.required else "")
            self.layout_.addRow(label, cell)
            if spec.help:
                editor.setToolTip(spec.help)
                editor.setStatusTip(spec.help)

    # -- construction -------------------------------------------------------------
    def _make_editor(self, spec: FieldSpec) -> QWidget:
        kind = spec.kind
        if kind == "text":
            w = QLineEdit(self)
            if spec.max_length:
                w.setMaxLength(spec.max_length)
        elif kind == "multiline":
            w = QPlainTextEdit(self)
            w.setTabChangesFocus(True)
            w.setMaximumHeight(100)
        elif kind == "money":
            w = MoneyEdit(self, field=spec.label, required=spec.required)
        elif kind == "date":
            w = DateEdit(self, field=spec.label, nullable=not spec.required)
            if not spec.required:
                w.clear()
        elif kind == "int":
            w = QLineEdit(self)
            w.setAlignment(Qt.AlignRight | Qt.AlignVCenter)
            w.setValidator(QIntValidator(w))
        elif kind == "choice":
            w = QComboBox(self)
            # Non-required choices get an empty entry so the clerk can go back to "none".
            values = ([] if spec.required else [None]) + [v for v, _ in spec.choices]
            if not spec.required:
                w.addItem("")
            for _, text in spec.choices:
                w.addItem(text)
            w._values = values  # plain Python list: any value type, no QVariant conversion
            w.setCurrentIndex(-1 if spec.required else 0)
            longest = max((len(text) for _, text in spec.choices), default=0)
            if longest > self.COMBO_CHARS:
                # A very long choice (a plesso and its room, an affidamento) would widen the
                # dialog past the screen and squeeze the labels: the closed box shows the
                # first COMBO_CHARS characters, the open list the whole text.
                w.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
                w.setMinimumContentsLength(self.COMBO_CHARS)
                w.view().setMinimumWidth(w.fontMetrics().averageCharWidth() * (longest + 4))
            if spec.required:
                w.setPlaceholderText(spec.placeholder or "Selezionare…")
        elif kind == "picker":   # a long list: searched by typing (ui/common/picker.py)
            w = Picker(spec.picker or spec.name, choices_of(spec.choices), self,
                       placeholder=spec.placeholder or "Digitare per cercare…")
        else:  # bool
            w = QCheckBox(spec.label, self)
        if spec.placeholder and isinstance(w, (QLineEdit, QPlainTextEdit)):
            w.setPlaceholderText(spec.placeholder)
        elif spec.placeholder and isinstance(w, DateEdit):
            w.line_edit.setPlaceholderText(spec.placeholder)
        return w

    def _watch(self, spec: FieldSpec, w: QWidget) -> None:
        kind = spec.kind
        signal = (w.line_edit.textChanged if kind == "date" else
                  w.currentIndexChanged if kind == "choice" else
                  w.toggled if kind == "bool" else w.textChanged)
        signal.connect(lambda *_: self.changed.emit())

    def state(self) -> tuple:
        """What the fields show, as typed (not parsed): equal states, nothing changed."""
        out = []
        for name, spec in self.specs.items():
            w = self.editors[name]
            out.append(w.toPlainText() if spec.kind == "multiline" else
                       w.currentIndex() if spec.kind == "choice" else
                       w.isChecked() if spec.kind == "bool" else w.text())
        return tuple(out)

    # -- values -------------------------------------------------------------------
    def load(self, values: dict[str, Any]) -> None:
        """Fill the fields present in ``values``; other fields are left as they are."""
        for name, value in values.items():
            if name not in self.editors:
                continue
            spec, w = self.specs[name], self.editors[name]
            if spec.kind in ("text", "int"):
                w.setText("" if value is None else str(value))
            elif spec.kind == "multiline":
                w.setPlainText("" if value is None else str(value))
            elif spec.kind == "money":
                w.set_value(value)
            elif spec.kind == "date":
                if value is None:
                    w.clear()
                else:
                    w.set_value(value)
            elif spec.kind == "picker":
                w.set_value(value)
            elif spec.kind == "choice":
                try:
                    w.setCurrentIndex(w._values.index(value))
                except ValueError:
                    w.setCurrentIndex(-1 if spec.required else 0)
            else:
                w.setChecked(bool(value))
        self.clear_errors()

    def value(self) -> dict[str, Any]:
        """Typed values; raises ValidationError (and shows it inline) for every bad field."""
        result: dict[str, Any] = {}
        errors: dict[str, str] = {}
        for name, spec in self.specs.items():
            try:
                result[name] = self._read(spec, self.editors[name])
            except ValidationError as exc:
                errors[name] = next(iter(exc.errors.values()))
        if errors:
            self.show_errors(errors)
            raise ValidationError(errors)
        self.clear_errors()
        return result

    def _read(self, spec: FieldSpec, w: QWidget) -> Any:
        kind = spec.kind
        if kind in ("text", "multiline"):
            text = (w.text() if kind == "text" else w.toPlainText()).strip()
            if not text:
                if spec.required:
                    raise ValidationError({spec.name: _required_message(spec)})
                return ""
            if spec.max_length and len(text) > spec.max_length:
                raise ValidationError({spec.name: f"Il campo «{spec.label}» supera "
                                                  f"{spec.max_length} caratteri."})
            return text
        if kind in ("money", "date"):
            if spec.required and not w.text().strip():
                raise ValidationError({spec.name: _required_message(spec)})
            return w.value()
        if kind == "int":
            text = w.text().strip()
            if not text:
                if spec.required:
                    raise ValidationError({spec.name: _required_message(spec)})
                return None
            try:
                return int(text)
            except ValueError:
                raise ValidationError({spec.name: f"«{text}» non è un numero intero."}) from None
        if kind == "picker":
            if w.value() is None and w.text().strip():
                raise ValidationError({spec.name: f"«{w.text().strip()}»: scegliere "
                                                  f"«{spec.label}» dall'elenco."})
            if w.value() is None and spec.required:
                raise ValidationError({spec.name: f"Scegliere un valore per «{spec.label}»."})
            return w.value()
        if kind == "choice":
            index = w.currentIndex()
            value = w._values[index] if index >= 0 else None
            if value is None and spec.required:
                raise ValidationError({spec.name: f"Scegliere un valore per «{spec.label}»."})
            return value
        return w.isChecked()

    # -- errors ---------------------------------------------------------------------
    def show_errors(self, errors: dict[str, str]) -> None:
        self.clear_errors()
        banner = []
        first: QWidget | None = None
        for name, message in errors.items():
            if name not in self.editors:
                banner.append(message)
                continue
            label = self.error_labels[name]
            label.setText(message)
            label.setVisible(True)
            self._mark(self.editors[name], True)
            first = first or self.editors[name]
        if banner:
            self.show_banner("\n".join(banner))
        if first is not None:
            first.setFocus()
        self._grow_to_fit()

    def _grow_to_fit(self) -> None:
        """Messages add lines: let a dialog grow so that none is cut off."""
        window = self.window()
        if window is not self and window.isVisible():
            window.adjustSize()

    def show_banner(self, message: str) -> None:
        self.banner.setText(message)
        self.banner.setVisible(True)
        self._grow_to_fit()

    def clear_errors(self) -> None:
        for name, label in self.error_labels.items():
            label.clear()
            label.setVisible(False)
            self._mark(self.editors[name], False)
        self.banner.clear()
        self.banner.setVisible(False)

    def error_text(self, name: str) -> str:
        """The inline message shown for a field ("" if none)."""
        label = self.error_labels[name]
        return label.text() if not label.isHidden() else ""

    @staticmethod
    def _mark(w: QWidget, on: bool) -> None:
        target = w.line_edit if isinstance(w, DateEdit) else w
        if bool(target.property("error")) == on:
            return
        target.setProperty("error", on)
        # Dynamic properties are not watched by style sheets: re-polish to apply.
        target.style().unpolish(target)
        target.style().polish(target)
        target.update()


class FormDialog(ChangesGuard, QDialog):
    """A Form with OK/Annulla; stays open while the values or ``on_submit`` are refused.
    Ctrl+Enter is OK from any field; Escape or closing the window with fields changed asks
    «Salvare le modifiche?» (ChangesGuard); Annulla discards."""

    def __init__(self, parent: QWidget | None, title: str, specs: Sequence[FieldSpec],
                 values: dict[str, Any] | None = None,
                 on_submit: Callable[[dict[str, Any]], Any] | None = None, *, intro: str = "",
                 confirm_close: bool = True):
        """``intro``: rich text above the fields (what the form is about, e.g. the goods).
        ``confirm_close=False`` for a form that only chooses (which print, which year):
        nothing typed there is lost by closing it, so Escape does not ask."""
        super().__init__(parent)
        self.setWindowTitle(title)
        self.setMinimumWidth(480)  # room for the inline messages next to the fields
        self.on_submit = on_submit
        self.result_values: dict[str, Any] | None = None
        self.submitted: Any = None   # what ``ask`` returns once accepted
        self.form = Form(specs, self)
        if values:
            self.form.load(values)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        # Explicit text: right even if the Qt Italian translation is not installed; with a
        # mnemonic (Alt+O, Alt+A).
        self.buttons.button(QDialogButtonBox.Ok).setText("&OK")
        self.buttons.button(QDialogButtonBox.Cancel).setText("&Annulla")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.discard)
        add_save_keys(self, self.accept)
        layout = QVBoxLayout(self)
        if intro:
            self.intro_label = QLabel(intro, self)
            self.intro_label.setWordWrap(True)
            layout.addWidget(self.intro_label)
        if len(specs) > self.SCROLL_AFTER:
            # A long form (e.g. the carico) scrolls instead of growing past a laptop screen.
            scroll = QScrollArea(self)
            scroll.setWidgetResizable(True)
            scroll.setFrameShape(QFrame.NoFrame)
            scroll.setWidget(self.form)
            scroll.setMinimumHeight(min(self.form.sizeHint().height() + 8, 560))
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            self.setMinimumWidth(max(480, self.form.minimumSizeHint().width() + 40))
            layout.addWidget(scroll)
        else:
            layout.addWidget(self.form)
        layout.addWidget(self.buttons)
        if confirm_close:
            self.mark_clean()

    SCROLL_AFTER = 16   # fields

    def showEvent(self, event) -> None:    # noqa: N802 - Qt's name
        # A wrapped intro is taller than its hint: the dialog's minimum height, computed
        # before the width was known, would let it cover the buttons of a scrolling form.
        super().showEvent(event)
        layout = self.layout()
        if layout is not None and layout.hasHeightForWidth():
            wanted = layout.totalHeightForWidth(self.width())
            screen = self.screen().availableGeometry().height() if self.screen() else wanted
            if wanted > self.height():
                self.resize(self.width(), min(wanted, screen - 40))

    def edit_state(self) -> tuple:
        return self.form.state()

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.Ok)

    @property
    def cancel_button(self):
        return self.buttons.button(QDialogButtonBox.Cancel)

    def accept(self) -> None:
        try:
            values = self.form.value()
            outcome = self.on_submit(values) if self.on_submit is not None else None
        except ValidationError as exc:
            self.form.show_errors(exc.errors)
            return
        except DomainError as exc:
            self.form.show_errors({exc.field if exc.field in self.form.editors else BANNER_KEY:
                                   exc.message})
            return
        self.result_values = values
        self.submitted = values if outcome is None else outcome
        super().accept()

    @classmethod
    def ask(cls, parent: QWidget | None, title: str, specs: Sequence[FieldSpec],
            values: dict[str, Any] | None = None,
            on_submit: Callable[[dict[str, Any]], Any] | None = None, *,
            intro: str = "", confirm_close: bool = True) -> Any:
        """What ``on_submit`` returned (the reference of what it saved), or the accepted
        values when there is no ``on_submit`` or it returns nothing; None if cancelled::

            ref = FormDialog.ask(tab, "Affidamento", specs, on_submit=lambda v: assign(...))
            if ref is None:
                return
        """
        dlg = cls(parent, title, specs, values, on_submit, intro=intro,
                  confirm_close=confirm_close)
        try:
            return dlg.submitted if dlg.exec() == QDialog.Accepted else None
        finally:
            dlg.deleteLater()
