"""The scheda of a record (a good, an article; later a loan, an affidamento, a request, a
decree): header and state, a warning banner, its fields (the correctable ones in a form), its
history in date order, extra tables, the documents it appears in with a print button each,
and its attachments (Aggiungi, Apri, Ritira). What it shows comes from one ``load()`` that
returns a :class:`SchedaContent` of plain rows (queries/scheda.py): after a change the
dialog loads again."""
from __future__ import annotations

import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QAction, QDesktopServices, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from ...domain.attachments import KIND_TEXT, SUFFIX, size_text
from ...domain.dates import format_datetime
from ...domain.errors import DomainError, ValidationError
from ...queries.attachments import attachment_bytes, list_attachments
from .form import FieldSpec, Form, FormDialog
from .printing import print_report
from .table_model import Column, RowTableModel, date_column
from .table_tab import EnterOpens
from .table_view import EmptyStateTable, fit_columns

WARNING_STYLE = ("QLabel#schedaWarning { background: #fff3cd; color: #7a4b00; "
                 "border: 1px solid #e0a800; padding: 6px; font-weight: bold; }")
HISTORY_COLUMNS = (date_column("day", "Data"), Column("kind", "Fatto"),
                   Column("description", "Descrizione", max_width=560),
                   Column("document", "Documento"))
ATTACHMENT_COLUMNS = (Column("file_name", "File", max_width=320), Column("kind", "Tipo"),
                      Column("size", "Dimensione", align="right"), Column("at", "Allegato il"),
                      Column("by", "Da"), Column("state", "Stato", max_width=320))


@dataclass
class TableAction:
    """A button above an extra table, with its shortcut (active while the table's tab is
    shown). ``run(dialog, row)``: ``row`` the index of the selected row (None: none selected);
    a true result means something was saved, and the scheda loads again."""

    text: str
    run: Callable[[QWidget, int | None], object]
    shortcut: str = ""
    tooltip: str = ""
    needs_selection: bool = False
    name: str = ""                    # the button's object name, for tests


@dataclass
class ExtraTable:
    title: str
    columns: Sequence[Column]
    rows: Sequence[tuple]
    empty: str = "Nessuna riga."
    links: Sequence[tuple] = ()   # per row: (kind, id) of a record with its own scheda, or ()
    actions: Sequence[TableAction] = ()


@dataclass
class SchedaContent:
    title: str
    state: str = ""
    warning: str = ""
    fields: Sequence = ()                # FieldLine: name, label, text
    edit_values: dict | None = None      # the correctable fields' values (None: not editable)
    history: Sequence | None = ()        # HistoryRow, in date order; None: no history tab
    documents: Sequence = ()             # DocumentRef
    tables: Sequence[ExtraTable] = field(default_factory=tuple)


@dataclass
class AttachmentHooks:
    """How the record's area attaches and withdraws (its own service and permission)."""

    kind: str                                    # attachment.record_kind
    record_id: int
    add: Callable[[Path], int]
    withdraw: Callable[[int, str], None]


def open_file(path: Path) -> bool:
    """Open a file with the system's viewer (tests replace this function)."""
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


def _table(parent, columns, rows, empty: str) -> EmptyStateTable:
    model = RowTableModel(columns, parent)
    area = EmptyStateTable(model, empty, parent)
    model.set_rows(list(rows), list(range(len(rows))))
    if rows:
        fit_columns(area.table, 360)
        header = area.table.horizontalHeader()
        for col, column in enumerate(columns):   # long texts elided, whole in the tooltip
            if column.max_width and header.sectionSize(col) > column.max_width:
                header.resizeSection(col, column.max_width)
            if column.key == "description":       # the text takes the room left
                header.setStretchLastSection(False)
                header.setSectionResizeMode(col, QHeaderView.Stretch)
    return area


class SchedaDialog(QDialog):
    def __init__(self, parent, db, load: Callable[[], SchedaContent], *,
                 edit_specs: Sequence[FieldSpec] = (), on_save: Callable[[dict], int] | None = None,
                 attachments: AttachmentHooks | None = None,
                 open_link: Callable[[QWidget, str, int], None] | None = None):
        """``open_link(parent, kind, id)``: the scheda of a record a history row names (a
        comodato from a good's history), opened over this one by double-click or Enter."""
        super().__init__(parent)
        self.open_link = open_link
        self.db, self._load, self.on_save, self.hooks = db, load, on_save, attachments
        self.changed = False   # something was saved: the list behind must reload
        self.setStyleSheet(WARNING_STYLE)
        self.title_label = QLabel(self)
        self.title_label.setWordWrap(True)
        self.state_label = QLabel(self)
        self.warning_label = QLabel(self)
        self.warning_label.setObjectName("schedaWarning")
        self.warning_label.setWordWrap(True)
        self.tabs = QTabWidget(self)
        self._edit_specs = tuple(edit_specs)
        self.edit_form: Form | None = None   # built in its page: no reparenting at first show
        buttons = QDialogButtonBox(QDialogButtonBox.Close, self)
        buttons.button(QDialogButtonBox.Close).setText("&Chiudi")
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        for w in (self.title_label, self.state_label, self.warning_label):
            layout.addWidget(w)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(buttons)
        # 1120x660 fits a 1366x768 screen with its taskbar; a smaller screen gets what it has.
        avail = self.screen().availableGeometry()
        self.resize(min(1120, avail.width() - 40), min(660, avail.height() - 80))
        self.reload()

    # --- content ---------------------------------------------------------------------
    def reload(self) -> None:
        content = self._load()
        self.content = content
        self.setWindowTitle(f"Scheda – {content.title}")
        self.title_label.setText(f"<h2>{_html(content.title)}</h2>")
        self.state_label.setText(content.state)
        self.state_label.setVisible(bool(content.state))
        self.warning_label.setText(content.warning)
        self.warning_label.setVisible(bool(content.warning))
        current = self.tabs.currentIndex()
        if self.edit_form is not None:
            self.edit_form.setParent(self)   # kept across reloads; its page is rebuilt
            self.edit_form.hide()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        self.tabs.addTab(self._fields_page(content), "&Dati")
        self.history_table = None
        if content.history is not None:
            area = _table(self, HISTORY_COLUMNS, [(r.day, r.kind, r.description, r.document)
                                                  for r in content.history],
                          "Nessun fatto registrato.")
            self.history_table = area.table
            area.table.doubleClicked.connect(lambda _i: self.open_history_link())
            self._enter = EnterOpens(area.table, self.open_history_link)
            self.tabs.addTab(area, f"&Storia ({len(content.history)})")
        self.extra_tables = {}
        for extra in content.tables:
            area = _table(self, extra.columns, extra.rows, extra.empty)
            self.extra_tables[extra.title] = area.table
            if extra.links:
                self._link_rows(area.table, extra.links)
            page = self._with_actions(area, extra.actions) if extra.actions else area
            self.tabs.addTab(page, extra.title)
        self.tabs.addTab(self._documents_page(content.documents),
                         f"D&ocumenti ({len(content.documents)})")
        if self.hooks is not None:
            self.tabs.addTab(self._attachments_page(), "")
            self.refresh_attachments()
        self.tabs.setCurrentIndex(max(0, min(current, self.tabs.count() - 1)))

    def _with_actions(self, area: EmptyStateTable, actions: Sequence[TableAction]) -> QWidget:
        page = QWidget(self)
        row = QHBoxLayout()
        self.table_actions = getattr(self, "table_actions", {})
        for a in actions:
            action = QAction(a.text, page)
            if a.shortcut:
                action.setShortcut(QKeySequence(a.shortcut))
            tip = a.tooltip or a.text.replace("&", "").rstrip("…")
            action.setToolTip(tip + (f" ({a.shortcut})" if a.shortcut else ""))
            action.triggered.connect(lambda _=False, a=a, t=area.table: self.run_action(a, t))
            page.addAction(action)               # the shortcut, while the tab is shown
            button = QPushButton(a.text, page)   # the mnemonic (Alt + letter)
            button.setToolTip(action.toolTip())
            button.clicked.connect(action.trigger)
            button.setObjectName(a.name)
            row.addWidget(button)
            self.table_actions[a.name or a.text] = action
        self.action_message = QLabel(page)
        self.action_message.setObjectName("actionMessage")
        self.action_message.setStyleSheet("color: #c0392b;")
        row.addWidget(self.action_message, 1)
        v = QVBoxLayout(page)
        v.addLayout(row)
        v.addWidget(area, 1)
        return page

    def run_action(self, action: TableAction, table) -> bool:
        """Run a table's action on its selected row; reload the scheda if it saved."""
        index = table.currentIndex()
        selected = table.selectionModel().selectedRows() if table.selectionModel() else []
        row = table.model().row_id(selected[0].row()) if selected else (
            table.model().row_id(index.row()) if index.isValid() else None)
        if action.needs_selection and row is None:
            self.action_message.setText("Selezionare prima una riga dell'elenco.")
            return False
        if not action.run(self, row):
            return False
        self.changed = True
        self.reload()
        return True

    def open_history_link(self) -> bool:
        """The scheda of the record the current history row names, if it has one."""
        return self._open_row_link(self.history_table,
                                   [r.link for r in self.content.history])

    def _link_rows(self, table, links) -> None:
        def opener() -> None:
            self._open_row_link(table, links)

        table.doubleClicked.connect(lambda _i: opener())
        table.iiss_enter = EnterOpens(table, opener)   # kept as long as the table

    def _open_row_link(self, table, links) -> bool:
        index = table.currentIndex()
        if self.open_link is None or not index.isValid():
            return False
        link = links[table.model().row_id(index.row())]
        if not link:
            return False
        self.open_link(self, *link)
        return True

    def _fields_page(self, content: SchedaContent) -> QWidget:
        page = QWidget(self)
        grid = QFormLayout()
        grid.setFieldGrowthPolicy(QFormLayout.ExpandingFieldsGrow)
        editable = set(content.edit_values or ()) if self._edit_specs else set()
        for line in content.fields:
            if line.name in editable:
                continue
            value = QLabel(line.text or "—", page)
            value.setMinimumWidth(240)
            value.setSizePolicy(QSizePolicy.Expanding, QSizePolicy.Preferred)   # grows, wraps
            value.setWordWrap(True)
            value.setTextInteractionFlags(Qt.TextSelectableByMouse)
            value.setObjectName(f"field_{line.name}")
            grid.addRow(line.label + ":", value)
        left = QWidget(page)
        left.setLayout(grid)
        # The read-only fields outside any scroll area: a scroll area would not give a
        # wrapped label the height of its lines (Qt's height-for-width stops there).
        row = QHBoxLayout(page)
        row.addWidget(left, 1)
        if self._edit_specs and content.edit_values is not None:
            scroll = QScrollArea(page)
            scroll.setWidgetResizable(True)
            scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarAlwaysOff)
            box = self._edit_box(page, content)
            scroll.setWidget(box)
            # No horizontal scroll bar: the form gets the width its fields need (a long form
            # such as a person's would otherwise be cut on the right).
            scroll.setMinimumWidth(box.minimumSizeHint().width()
                                   + scroll.verticalScrollBar().sizeHint().width() + 4)
            row.addWidget(scroll, 1)
        else:
            grid.setContentsMargins(0, 0, 0, 0)
        return page

    def _edit_box(self, page, content: SchedaContent) -> QWidget:
        box = QWidget(page)
        v = QVBoxLayout(box)
        heading = QLabel("<b>Dati correggibili</b> (non cambiano valore né numero del "
                         "registro; ogni correzione è registrata)", box)
        heading.setWordWrap(True)
        v.addWidget(heading)
        if self.edit_form is None:
            self.edit_form = Form(self._edit_specs, box)
        else:
            self.edit_form.setParent(box)
        self.edit_form.load(content.edit_values)
        v.addWidget(self.edit_form)
        self.edit_form.show()
        self.save_button = QPushButton("Salva le &correzioni", box)
        self.save_button.clicked.connect(self.save_edits)
        self.saved_label = QLabel(box)
        bottom = QHBoxLayout()
        bottom.addWidget(self.saved_label, 1)
        bottom.addWidget(self.save_button)
        v.addLayout(bottom)
        v.addStretch(1)
        return box

    def keyPressEvent(self, event) -> None:
        """Enter never closes the scheda: in the correctable fields it saves them."""
        if event.key() in (Qt.Key_Return, Qt.Key_Enter):
            focus = self.focusWidget()
            if self.edit_form is not None and focus is not None and \
                    self.edit_form.isAncestorOf(focus):
                self.save_edits()
            return
        super().keyPressEvent(event)

    def save_edits(self) -> bool:
        """Save the corrected fields; a wrong one is named next to it and nothing is saved."""
        self.saved_label.clear()
        try:
            values = self.edit_form.value()
            changed = self.on_save(values)
        except ValidationError as exc:
            self.edit_form.show_errors(exc.errors)
            return False
        except DomainError as exc:
            self.edit_form.show_banner(exc.message)
            return False
        self.changed = self.changed or bool(changed)
        self.reload()
        self.saved_label.setText("Nessuna modifica da salvare." if not changed else
                                 f"Correzioni salvate ({changed}).")
        return True

    def _documents_page(self, documents) -> QWidget:
        page = QWidget(self)
        grid = QGridLayout()
        self.print_buttons = []
        if not documents:
            grid.addWidget(QLabel("Il record non compare ancora in documenti stampabili.", page),
                           0, 0)
        for i, doc in enumerate(documents):
            day = doc.day.strftime("%d/%m/%Y") if doc.day else ""
            grid.addWidget(QLabel(day, page), i, 0)
            grid.addWidget(QLabel(doc.title, page), i, 1)
            button = QPushButton("Stampa", page)
            button.setToolTip(f"Stampare «{doc.title}»")
            button.clicked.connect(lambda _=False, d=doc: self.print_document(d))
            grid.addWidget(button, i, 2)
            self.print_buttons.append(button)
        grid.setColumnStretch(3, 1)                      # the buttons beside their titles
        grid.setRowStretch(max(1, len(documents)), 1)    # the rows at the top
        body = QWidget(page)
        body.setLayout(grid)
        scroll = QScrollArea(page)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        outer = QVBoxLayout(page)
        outer.addWidget(scroll)
        return page

    def print_document(self, doc) -> None:
        print_report(self, self.db, doc.report, **doc.kwargs)

    # --- attachments -----------------------------------------------------------------
    def _attachments_page(self) -> QWidget:
        page = QWidget(self)
        self.attachments_model = RowTableModel(ATTACHMENT_COLUMNS, page)
        area = EmptyStateTable(self.attachments_model, "Nessun allegato: «Aggiungi…» per "
                                                       "allegare un PDF o un'immagine.", page)
        self.attachments_table = area.table
        self.attachments_table.doubleClicked.connect(lambda _i: self.open_selected())
        self.attach_message = QLabel(page)
        self.attach_message.setObjectName("attachMessage")
        self.attach_message.setWordWrap(True)
        self.attach_message.setStyleSheet("color: #c0392b;")
        add = QPushButton("&Aggiungi…", page)
        add.clicked.connect(self.choose_file)
        self.open_button = QPushButton("A&pri", page)
        self.open_button.clicked.connect(self.open_selected)
        self.withdraw_button = QPushButton("&Ritira…", page)
        self.withdraw_button.clicked.connect(self.withdraw_selected)
        row = QHBoxLayout()
        for b in (add, self.open_button, self.withdraw_button):
            row.addWidget(b)
        row.addStretch(1)
        v = QVBoxLayout(page)
        v.addLayout(row)
        v.addWidget(area, 1)
        v.addWidget(self.attach_message)
        return page

    def refresh_attachments(self) -> None:
        rows = list_attachments(self.db, self.hooks.kind, self.hooks.record_id)
        self.attachment_rows = rows
        self.attachments_model.set_rows(
            [(a.file_name, KIND_TEXT.get(a.media_type, a.media_type), size_text(a.size),
              format_datetime(a.recorded_at), a.recorded_by,
              f"ritirato: {a.withdrawal_reason}" if a.withdrawn else "valido") for a in rows],
            [a.id for a in rows])
        if rows:
            fit_columns(self.attachments_table, 320)
        index = self.tabs.count() - 1
        self.tabs.setTabText(index, f"A&llegati ({sum(not a.withdrawn for a in rows)})")

    def choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Allegare un file", "", "PDF e immagini (*.pdf *.png *.jpg *.jpeg);;"
                                          "Tutti i file (*)")
        if path:
            self.add_file(Path(path))

    def add_file(self, path: Path) -> bool:
        """Attach ``path``; a refusal (not a PDF or image, too big) is said under the list."""
        self.attach_message.clear()
        try:
            self.hooks.add(path)
        except ValidationError as exc:
            self.attach_message.setText(" ".join(exc.errors.values()))
            return False
        except DomainError as exc:
            self.attach_message.setText(exc.message)
            return False
        self.changed = True
        self.refresh_attachments()
        self.attach_message.setStyleSheet("color: #1e7e34;")
        self.attach_message.setText(f"Allegato «{path.name}» conservato nell'archivio.")
        return True

    def _selected_attachment(self):
        indexes = self.attachments_table.selectionModel().selectedRows()
        if not indexes:
            self.attach_message.setText("Selezionare prima un allegato.")
            return None
        row_id = self.attachments_model.row_id(indexes[0].row())
        return next(a for a in self.attachment_rows if a.id == row_id)

    def open_selected(self) -> Path | None:
        """Write the selected attachment to a temporary file and open it with the viewer."""
        found = self._selected_attachment()
        if found is None:
            return None
        folder = Path(tempfile.mkdtemp(prefix="allegato-", dir=_opened_folder()))
        name = Path(found.file_name).name or "allegato"
        if not name.lower().endswith(SUFFIX.get(found.media_type, "")):
            name += SUFFIX.get(found.media_type, "")
        path = folder / name
        path.write_bytes(attachment_bytes(self.db, found.id))
        open_file(path)
        return path

    def withdraw_selected(self) -> None:
        found = self._selected_attachment()
        if found is None:
            return
        if found.withdrawn:
            self.attach_message.setText(f"L'allegato «{found.file_name}» è già ritirato.")
            return
        specs = [FieldSpec("reason", "Motivo del ritiro", kind="multiline", required=True,
                           placeholder="es. fattura di un altro bene")]
        if FormDialog.ask(self, f"Ritiro dell'allegato «{found.file_name}»", specs,
                       on_submit=lambda v: self.hooks.withdraw(found.id, v["reason"]),
                       intro="L'allegato resta nell'archivio, segnato come ritirato con il "
                             "motivo.") is not None:
            self.changed = True
        self.refresh_attachments()


def _html(text: str) -> str:
    from html import escape

    return escape(text)


OPENED_KEPT_S = 24 * 3600   # a copy opened for the viewer lives a day, then goes


def _opened_folder() -> Path:
    """Where the copies opened for the viewer go: the user's data folder, not the shared
    temporary one (an invoice or a parent's document is personal data), emptied of the copies
    older than a day (a viewer may still hold today's open: those stay)."""
    import shutil
    import time

    from ...paths import data_dir

    folder = data_dir() / "allegati-aperti"
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.iterdir():
        try:
            if time.time() - old.stat().st_mtime > OPENED_KEPT_S:
                shutil.rmtree(old, ignore_errors=True)
        except OSError:
            pass
    return folder
