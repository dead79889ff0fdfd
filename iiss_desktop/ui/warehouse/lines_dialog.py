"""A movement dialog: the header fields (a Form) above the article lines (a LineGrid).

Registra (or Ctrl+Enter from any cell) reads both, then calls ``on_submit(values, items)``
(``ask`` returns what it returned); the dialog stays open on refusal and shows the message
where it belongs: next to a header field, under the grid for the lines (the service names the
row or the article), in the banner otherwise. Nothing is saved then. Escape or closing the
window after typing asks «Salvare le modifiche?» (ChangesGuard).
"""
from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from ...domain.errors import DomainError, ValidationError
from ...queries.warehouse import ArticleRow
from ...services.warehouse.posting import ItemInput
from ..common.dialogs import ChangesGuard, add_save_keys
from ..common.form import BANNER_KEY, FieldSpec, Form
from .line_grid import GridOptions, LineGrid

LINE_FIELDS = ("lines", "lot", "quantity", "counts")   # service errors about the lines


class LinesDialog(ChangesGuard, QDialog):
    def __init__(self, parent: QWidget | None, title: str, specs: Sequence[FieldSpec],
                 articles: list[ArticleRow], options: GridOptions = GridOptions(),
                 values: dict[str, Any] | None = None,
                 lines: list[tuple[str, str]] | None = None,
                 on_submit: Callable[[dict[str, Any], list[ItemInput]], Any] | None = None,
                 lines_title: str = "Articoli"):
        super().__init__(parent)
        self.setWindowTitle(title)
        self.on_submit = on_submit
        self.submitted: Any = None   # what ``ask`` returns once accepted
        self.form = Form(specs, self)
        if values:
            self.form.load(values)
        self.grid = LineGrid(articles, options, self)
        if lines:
            self.grid.set_lines(lines)
        heading = QLabel(f"<b>{lines_title}</b>", self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.Ok | QDialogButtonBox.Cancel, self)
        self.buttons.button(QDialogButtonBox.Ok).setText("&Registra")
        self.buttons.button(QDialogButtonBox.Cancel).setText("&Annulla")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.discard)
        add_save_keys(self, self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.form)
        layout.addWidget(heading)
        layout.addWidget(self.grid, 1)
        layout.addWidget(self.buttons)
        # A floor for the size: the form's adjustSize() after an error must not shrink the grid.
        self.setMinimumSize(880 if options.with_value else 760, 600)
        self.mark_clean()

    def edit_state(self) -> tuple:
        """The header fields and the lines typed (blank rows left out: Enter adds one)."""
        lines = []
        for row in self.grid.rows:
            cells = tuple(w.text() for w in (row.code, row.quantity, row.value, row.lot,
                                             row.expiry) if w is not None)
            if any(c.strip() for c in cells):
                lines.append(cells)
        return self.form.state(), tuple(lines)

    @property
    def ok_button(self):
        return self.buttons.button(QDialogButtonBox.Ok)

    @property
    def cancel_button(self):
        return self.buttons.button(QDialogButtonBox.Cancel)

    def accept(self) -> None:
        self.grid.clear_error()
        try:
            values = self.form.value()
        except ValidationError:
            return                    # the form shows its messages inline
        try:
            items = self.grid.items()
            outcome = (self.on_submit(dict(values), items) if self.on_submit is not None
                       else None)
        except ValidationError as exc:
            self.show_errors(exc.errors)
            return
        except DomainError as exc:
            self.show_errors({exc.field or BANNER_KEY: exc.message})
            return
        self.submitted = values if outcome is None else outcome
        super().accept()

    def show_errors(self, errors: dict[str, str]) -> None:
        lines = [m for f, m in errors.items() if f in LINE_FIELDS]
        rest = {f if f in self.form.editors else BANNER_KEY: m
                for f, m in errors.items() if f not in LINE_FIELDS}
        if rest:
            self.form.show_errors(rest)
        if lines:
            self.grid.show_error("\n".join(lines))

    def error_text(self) -> str:
        """Every message shown (grid, banner, fields), for tests and screenshots."""
        parts = [self.grid.error_text()]
        if not self.form.banner.isHidden():
            parts.append(self.form.banner.text())
        parts += [self.form.error_text(n) for n in self.form.editors]
        return "\n".join(p for p in parts if p)

    @classmethod
    def ask(cls, parent, title, specs, articles, options=GridOptions(), values=None,
            lines=None, on_submit=None, lines_title="Articoli") -> Any:
        """As ``FormDialog.ask``: what ``on_submit`` returned (or the header values when it
        returns nothing); None if cancelled."""
        dlg = cls(parent, title, specs, articles, options, values, lines, on_submit,
                  lines_title)
        try:
            return dlg.submitted if dlg.exec() == QDialog.Accepted else None
        finally:
            dlg.deleteLater()
