"""Strumenti › Cerca… (Ctrl+K): one box that finds a person, a supplier, a purchase, an
invoice, an impegno or mandato, a good, a decree of discharge, an affidamento, a comodato, an
article or a material request, by number, code or words, in the areas the user may read, and
opens the record's scheda.

The results follow the typing (a short pause first); ↑/↓ choose, Invio opens, Esc closes. The
window is kept by the main window: Ctrl+K again shows the last search."""
from __future__ import annotations

import logging

from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..areas import resolve
from ..queries.search import SearchHit, search, warm
from .common.dialogs import report_errors
from .common.table_tab import EnterOpens

log = logging.getLogger(__name__)

DEBOUNCE_MS = 150

# The key's kind -> (the area whose screens reload after a save, "module:opener"): each
# opener is the one the area's own list uses, opener(parent, db, id) -> whether it saved.
OPENERS = {
    "person": ("staff", "iiss_desktop.ui.staff.person:open_person_scheda"),
    "commitment": ("funds", "iiss_desktop.ui.funds.scheda:open_commitment_scheda"),
    "supplier": ("procurement", "iiss_desktop.ui.procurement.suppliers:open_supplier_scheda"),
    "procedure": ("procurement",
                  "iiss_desktop.ui.procurement.procedures:open_procedure_scheda"),
    "invoice": ("procurement", "iiss_desktop.ui.procurement.invoice_scheda:open_invoice_scheda"),
    "item": ("inventory", "iiss_desktop.ui.inventory.scheda:open_item_scheda"),
    "discharge": ("inventory", "iiss_desktop.ui.search:open_discharge_scheda"),
    "assignment": ("inventory", "iiss_desktop.ui.search:open_assignment_scheda"),
    "loan": ("inventory", "iiss_desktop.ui.inventory.loan_scheda:open_loan_scheda"),
    "article": ("warehouse", "iiss_desktop.ui.warehouse.scheda:open_article_scheda"),
    "request": ("warehouse", "iiss_desktop.ui.warehouse.request_scheda:open_request_scheda"),
    "document": ("office", "iiss_desktop.ui.office.tab:open_document_hit"),
}

PLURAL = {"Persona": "persone", "Fornitore": "fornitori", "Bene": "beni", "Articolo": "articoli",
          "Acquisto": "acquisti", "Fattura": "fatture", "Impegno": "impegni",
          "Mandato": "mandati", "Decreto di discarico": "decreti di discarico",
          "Affidamento": "affidamenti", "Comodato": "comodati",
          "Richiesta di materiale": "richieste di materiale",
          "Documento": "documenti dell'ufficio"}
HINT = "↑ ↓ per scegliere · Invio per aprire la scheda · Esc per chiudere"
EMPTY = "Scrivere un nome, una parola, un numero (es. 12 o 12/2025) o un codice (CIG, P. IVA)."


def open_discharge_scheda(parent, db, discharge_id: int) -> bool:
    from .inventory.record_schede import open_record_scheda

    return open_record_scheda(parent, db, "inventory_discharge", discharge_id)


def open_assignment_scheda(parent, db, assignment_id: int) -> bool:
    from .inventory.record_schede import open_record_scheda

    return open_record_scheda(parent, db, "inventory_assignment", assignment_id)


@report_errors
def open_hit(parent: QWidget, db, key: tuple[str, int], events=None) -> bool:
    """Open the scheda of a search hit's record; announce its area if something was saved."""
    kind, record_id = key
    area, target = OPENERS[kind]
    changed = bool(resolve(target)(parent, db, record_id))
    if changed and events is not None:
        events.data_changed.emit(area)
    return changed


class SearchDialog(QDialog):
    def __init__(self, parent: QWidget | None, db, events=None):
        super().__init__(parent)
        self.db, self.events = db, events
        self.hits: list[SearchHit] = []
        self.searched: str | None = None   # the text the results shown are for
        self.setWindowTitle("Cerca in tutte le sezioni")
        self.edit = QLineEdit(self)
        self.edit.setObjectName("searchEdit")
        self.edit.setPlaceholderText("Cerca persone, fornitori, beni, articoli, acquisti, "
                                     "fatture, impegni e mandati, documenti…")
        self.edit.setClearButtonEnabled(True)
        self.status = QLabel(EMPTY, self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        self.results = QTreeWidget(self)
        self.results.setObjectName("searchResults")
        self.results.setColumnCount(3)
        self.results.setHeaderLabels(["Sezione", "Trovato", "Dettagli"])
        self.results.setRootIsDecorated(False)
        self.results.setUniformRowHeights(True)
        self.results.setAlternatingRowColors(True)
        self.results.setSelectionMode(QAbstractItemView.SingleSelection)
        self.results.setEditTriggers(QAbstractItemView.NoEditTriggers)
        header = self.results.header()
        header.setStretchLastSection(True)
        header.setSectionResizeMode(0, QHeaderView.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.Interactive)
        hint = QLabel(HINT, self)
        hint.setObjectName("searchHint")
        hint.setStyleSheet("color: #666;")
        layout = QVBoxLayout(self)
        layout.addWidget(self.edit)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        layout.addWidget(hint)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(DEBOUNCE_MS)
        avail = self.screen().availableGeometry()
        self.resize(min(1040, avail.width() - 60), min(560, avail.height() - 120))
        self._connect()

    def _connect(self) -> None:
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.returnPressed.connect(self.open_selected)
        self.edit.installEventFilter(self)
        self.timer.timeout.connect(self.run_search)
        self.results.itemDoubleClicked.connect(lambda _item, _col: self.open_selected())
        self._enter = EnterOpens(self.results, self.open_selected)

    # --- showing it again -------------------------------------------------------------
    def show_again(self) -> None:
        """Ctrl+K: show (again) with the text selected, so typing starts a new search."""
        self.show()
        self.raise_()
        self.activateWindow()
        self.edit.setFocus()
        self.edit.selectAll()
        if self.edit.text().strip():
            self.run_search()     # the archive or the user may have changed meanwhile
        else:                     # the index, once shown: the first letters find it built
            QTimer.singleShot(0, self._warm)

    def _warm(self) -> None:
        """The index built on the thread pool: with 100,000 goods it takes seconds, and the
        window stays responsive meanwhile (a query typed waits for it, then runs)."""
        from .common.jobs import run_job

        if getattr(self, "_warming", None) is not None and not self._warming.is_done():
            return
        self._warming = run_job(self, lambda progress=None, cancel=None: warm(self.db),
                                title="Preparazione della ricerca…", delay_ms=3_600_000,
                                on_error=lambda exc, tb: log.warning(
                                    "Ricerca globale: indice non preparato: %s", exc))

    # --- typing -----------------------------------------------------------------------
    def _on_edit_text_changed(self, _text: str) -> None:
        self.timer.start()

    def eventFilter(self, obj, event) -> bool:  # noqa: N802 - Qt override
        """↑/↓ (and pagina su/giù) in the box move in the results."""
        if obj is self.edit and event.type() == QEvent.KeyPress and event.key() in (
                Qt.Key_Up, Qt.Key_Down, Qt.Key_PageUp, Qt.Key_PageDown):
            self._step(event.key())
            return True
        return super().eventFilter(obj, event)

    def _step(self, key) -> None:
        count = self.results.topLevelItemCount()
        if not count:
            return
        current = self.results.indexOfTopLevelItem(self.results.currentItem()) \
            if self.results.currentItem() is not None else -1
        page = max(1, self.results.viewport().height()
                   // max(1, self.results.sizeHintForRow(0)) - 1)
        step = {Qt.Key_Up: -1, Qt.Key_Down: 1, Qt.Key_PageUp: -page, Qt.Key_PageDown: page}[key]
        self.results.setCurrentItem(self.results.topLevelItem(
            max(0, min(count - 1, current + step))))

    @report_errors
    def run_search(self) -> None:
        self.timer.stop()
        query = self.edit.text()
        result = search(self.db, query) if query.strip() else None
        self.hits = list(result.hits) if result else []
        self.searched = query
        self.results.clear()
        for hit in self.hits:
            item = QTreeWidgetItem([f"{hit.area} · {hit.kind}", hit.title, hit.detail])
            item.setToolTip(1, hit.title)
            item.setToolTip(2, hit.detail)
            if hit.exact:
                font = item.font(1)
                font.setBold(True)
                item.setFont(1, font)
            self.results.addTopLevelItem(item)
        if self.hits:
            self.results.setCurrentItem(self.results.topLevelItem(0))
            # The title takes what it needs, up to half of the room; the details the rest.
            room = self.results.viewport().width() - self.results.columnWidth(0)
            self.results.resizeColumnToContents(1)
            self.results.setColumnWidth(1, min(self.results.columnWidth(1) + 12, room // 2 + 80))
        if result is None:
            self.status.setText(EMPTY)
        elif not self.hits:
            self.status.setText("Nessun risultato.")
        else:
            n = len(self.hits)
            text = "1 risultato." if n == 1 else f"{n} risultati."
            if result.more:
                names = [PLURAL.get(k, k.lower()) for k in dict.fromkeys(result.more)]
                names = ", ".join(names[:-1]) + " e " + names[-1] if len(names) > 1 \
                    else names[0]
                text += (f" Altri {names} non mostrati: aggiungere una parola per restringere "
                         "la ricerca.")
            self.status.setText(text)

    # --- opening ----------------------------------------------------------------------
    def selected_hit(self) -> SearchHit | None:
        item = self.results.currentItem()
        if item is None:
            return None
        return self.hits[self.results.indexOfTopLevelItem(item)]

    def open_selected(self) -> bool:
        """The scheda of the chosen record, over the main window; this box steps aside
        (Ctrl+K brings it back with the same search)."""
        if self.timer.isActive():
            self.run_search()      # Invio before the pause ended: the results of the text
        hit = self.selected_hit()
        if hit is None:
            return False
        parent = self.parentWidget() or self
        self.hide()
        open_hit(parent, self.db, hit.key, self.events)
        return True
