"""Proposta dei turni in the roster window (issue 18 item 3): the solver runs off the GUI thread
with a progress dialog and «Annulla»; the proposal is shown as a diff against the roster (the
cells that change highlighted, with what the roster says now in the tooltip), with the reasons
in words of the bands it cannot cover. The DSGA accepts all of it, or one plesso, or edits and
fixes cells and asks again («Fissa e ricalcola»): the cells fixed travel in the request, not in
the archive. Nothing is written before accepting; accepting goes through ``accept_proposal``
(audited) and the roster grid reloads."""
from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...domain.dates import WEEKDAYS_IT, format_date
from ...domain.errors import ValidationError
from ...domain.staff.band_text import format_bands, parse_bands
from ...domain.staff.proposal import ProposedCell
from ...domain.staff.times import format_duration
from ...services.staff.proposal import (
    RosterProposal,
    accept_proposal,
    cell_plesso,
    propose_roster,
)
from ..common import dialogs
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.jobs import run_job

CHANGED = QColor("#ffe08a")        # the proposal changes the cell
FIXED = QColor("#c7e9c0")          # fixed by the DSGA in this request
ABSENT = QColor("#e9e9e9")         # absence, closure: not the proposal's

# the solver's words for a day nobody works, as the roster grid says them
def _hm(minutes: int) -> str:
    h, m = divmod(minutes, 60)
    return f"{h}:{m:02d}" if m else str(h)


REASONS = {"chiusura": "Festivo o chiuso", "senza contratto": "Senza contratto"}
SHORTCUTS = (("all", "Ctrl+Return"), ("plesso", "Ctrl+Shift+L"), ("edit", "F2"),
             ("fix", "Ctrl+F"), ("again", "Ctrl+R"))


def propose_job(db, start: date, end: date, fixed=(), time_limit: float = 10.0, *,
                progress, cancel) -> RosterProposal:
    """The worker: asks the service (its own session) and returns the dataclass; «Annulla»
    stops the solver at once."""
    progress(-1.0, "Calcolo della proposta dei turni…")
    return propose_roster(db, start, end, time_limit=time_limit, fixed=tuple(fixed),
                          stop=cancel.is_set)


def start_proposal(parent, db, start: date, end: date, on_result, fixed=(),
                   time_limit: float = 10.0):
    """Run the proposal with a progress dialog; ``on_result(proposal)`` unless «Annulla» was
    pressed (the result arriving then is discarded). Errors: the app's error dialog."""
    handle = None

    def done(result: RosterProposal) -> None:
        if handle.cancel_event.is_set() or result.proposal.status == "interrotta":
            return                      # cancelled: the late answer is dropped
        on_result(result)

    handle = run_job(parent, propose_job, db, start, end, tuple(fixed), time_limit,
                     title="Proposta dei turni…", on_done=done)
    return handle


class ProposalModel(QAbstractTableModel):
    """Rows: the people of the proposal; columns: the days, then the hours proposed."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.result: RosterProposal | None = None
        self.people: list[int] = []
        self.days: list[date] = []
        self.cells: dict = {}
        self.fixed: dict = {}            # (person, day) -> ProposedCell fixed in the request
        self.compact = False

    def set_result(self, result: RosterProposal, order=(), fixed=None) -> None:
        self.beginResetModel()
        self.result = result
        self.cells = {(c.person_id, c.day): c for c in result.proposal.cells}
        ids = {c.person_id for c in result.proposal.cells}
        shown = [pid for pid in order if pid in ids]
        self.people = shown + sorted(ids - set(shown), key=lambda p: result.names.get(p, ""))
        self.days = sorted({c.day for c in result.proposal.cells})
        self.compact = len(self.days) > 7       # a month: start and end only
        self.fixed = dict(fixed or {})
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() else len(self.people)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() or not self.people else len(self.days) + 1

    def key(self, index: QModelIndex):
        if not index.isValid() or index.column() >= len(self.days):
            return None
        return self.people[index.row()], self.days[index.column()]

    def cell(self, key) -> ProposedCell | None:
        return self.fixed.get(key) or self.cells.get(key)

    @staticmethod
    def text(c: ProposedCell | None) -> str:
        if c is None:
            return ""
        if c.bands:
            return ("Lavoro agile " if c.lavoro_agile else "") + format_bands(c.bands)
        if c.reason:
            return REASONS.get(c.reason, c.reason.capitalize())
        return "Festivo" if c.credited else "libero"

    @staticmethod
    def short(c: ProposedCell | None) -> str:
        """Two lines for a month's narrow column, as the roster grid: «7:30» «13:30»."""
        if c is None or not (c.bands or c.reason or c.credited):
            return ""
        if c.lavoro_agile:
            return "LA"
        if c.bands:
            return f"{_hm(c.bands[0].start)}\n{_hm(c.bands[-1].end)}"
        if c.reason and c.reason != "chiusura":
            return "ass."
        return "F/C"

    def is_changed(self, key) -> bool:
        return key in self.result.changed or key in self.fixed

    @property
    def changed_keys(self) -> list:
        """The highlighted cells: changed by the proposal or fixed in the request."""
        return sorted(set(self.result.changed) | set(self.fixed)) if self.result else []

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.result is None:
            return None
        pid = self.people[index.row()]
        key = self.key(index)
        if key is None:
            if role == Qt.DisplayRole:
                minutes = sum(b.minutes for d in self.days
                              for b in getattr(self.cell((pid, d)), "bands", ()))
                return format_duration(minutes) if minutes else "–"
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return None
        c = self.cell(key)
        if role == Qt.DisplayRole:
            if self.compact:
                return self.short(c)
            return self.text(c).replace("; ", "\n")
        if role == Qt.BackgroundRole:
            if key in self.fixed:
                return QBrush(FIXED)
            if key in self.result.changed:
                return QBrush(CHANGED)
            if c is not None and (c.reason or c.credited):
                return QBrush(ABSENT)
            return None
        if role == Qt.FontRole and (self.compact or (c is not None and (
                c.fixed or key in self.fixed))):
            font = QFont()
            font.setItalic(c is not None and (c.fixed or key in self.fixed))
            if self.compact:
                font.setPointSizeF(max(6.0, font.pointSizeF() - 2.5))
            return font
        if role == Qt.ToolTipRole:
            day = key[1]
            lines = [f"{self.result.names.get(pid, pid)} – {WEEKDAYS_IT[day.weekday()]} "
                     f"{format_date(day)}", f"Proposta: {self.text(c) or 'libero'}"]
            if key in self.result.before:
                lines.append(f"Ora nei turni: {self.result.before[key]}")
            if key in self.fixed:
                lines.append("Fissata in questa richiesta: resta così ricalcolando.")
            elif c is not None and c.fixed:
                lines.append("Giornata fissata a mano nei turni: la proposta non la cambia.")
            return "\n".join(lines)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.AccessibleTextRole:
            return (("cambia: " if self.is_changed(key) else "") + (self.text(c) or "libero"))
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if self.result is None:
            return None
        if orientation == Qt.Horizontal:
            if role != Qt.DisplayRole:
                return None
            if section >= len(self.days):
                return "Ore"
            day = self.days[section]
            if self.compact:
                return f"{WEEKDAYS_IT[day.weekday()][:2]}\n{day.day}"
            return f"{WEEKDAYS_IT[day.weekday()][:3]}\n{format_date(day)[:5]}"
        if role == Qt.DisplayRole:
            pid = self.people[section]
            home = self.result.homes.get(pid) or ""
            return f"{self.result.names.get(pid, pid)}\n{home}"
        return None

    @property
    def fixed_pending(self) -> int:
        """Cells fixed (or edited) since the proposal shown was calculated."""
        if self.result is None:
            return 0
        asked = {(c.person_id, c.day): c for c in self.result.fixed}
        return sum(1 for k, c in self.fixed.items() if asked.get(k) != c)


class ProposalWindow(QDialog):
    """The proposal against the roster; ``accepted_cells(int)`` once written."""

    accepted_cells = Signal(int)

    def __init__(self, db, result: RosterProposal, parent=None, *, order=()):
        super().__init__(parent)
        self.db = db
        self.order = tuple(order)
        self.job = None
        self.setWindowTitle("Proposta dei turni")
        self.resize(1320, 700)
        layout = QVBoxLayout(self)
        self.summary = QLabel(self)
        self.summary.setObjectName("proposalSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        legend = QHBoxLayout()
        for colour, text in ((CHANGED, "cella che cambia"), (FIXED, "fissata in questa "
                                                                    "richiesta"),
                             (ABSENT, "assenza o chiusura (non cambia)")):
            swatch = QLabel(self)
            swatch.setFixedSize(18, 14)
            swatch.setStyleSheet(f"background:{colour.name()};border:1px solid #999")
            legend.addWidget(swatch)
            legend.addWidget(QLabel(text, self))
            legend.addSpacing(12)
        legend.addWidget(QLabel("<i>corsivo</i>: giornata fissata a mano", self))
        self.month_legend = QLabel("· F/C: festivo o chiuso · ass.: assente", self)
        legend.addSpacing(12)
        legend.addWidget(self.month_legend)
        legend.addStretch(1)
        layout.addLayout(legend)
        self.model = ProposalModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.setAccessibleName("Proposta dei turni")
        self.table.doubleClicked.connect(lambda _i: self.edit_cells())
        layout.addWidget(self.table, 1)
        layout.addWidget(QLabel("<b>Perché e cosa manca</b>", self))
        self.explanations = QPlainTextEdit(self)
        self.explanations.setObjectName("proposalExplanations")
        self.explanations.setReadOnly(True)
        self.explanations.setMaximumHeight(84)
        layout.addWidget(self.explanations)
        buttons = QHBoxLayout()
        self.buttons: dict[str, QPushButton] = {}
        for name, text, slot in (("all", "Accetta &tutto", self.accept_all),
                                 ("plesso", "Accetta il &plesso…", self.accept_plesso),
                                 ("edit", "&Modifica cella…", self.edit_cells),
                                 ("fix", "&Fissa cella", self.fix_cells),
                                 ("again", "Fissa e &ricalcola", self.recompute)):
            b = QPushButton(text, self)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[name] = b
        for name, shortcut in SHORTCUTS:
            act = QAction(self.buttons[name].text().replace("&", ""), self)
            act.setObjectName(f"{name}Action")
            act.setShortcut(QKeySequence(shortcut))
            act.triggered.connect(self.buttons[name].click)
            self.addAction(act)
            self.buttons[name].setToolTip(
                QKeySequence(shortcut).toString(QKeySequence.NativeText))
        buttons.addStretch(1)
        close = QPushButton("&Chiudi senza accettare", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.reject)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.show_result(result)

    # --- showing -------------------------------------------------------------------------
    def show_result(self, result: RosterProposal, fixed=None) -> None:
        self.result = result
        if fixed is None:
            fixed = {(c.person_id, c.day): c for c in result.fixed}
        self.model.set_result(result, self.order, fixed)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(28)
        header.setSectionResizeMode(QHeaderView.Stretch)
        if self.model.columnCount():
            last = self.model.columnCount() - 1
            header.setSectionResizeMode(last, QHeaderView.Fixed)
            header.resizeSection(last, 100)
        self._update_summary()
        self.month_legend.setVisible(self.model.compact)
        p = result.proposal
        lines = list(result.messages)
        if not p.blockers and p.status in ("ottimale", "ammissibile"):
            lines.insert(0, "Tutti i plessi sono coperti nelle loro fasce di apertura"
                         + ("; la proposta rispetta i controlli dell'orario." if not p.problems
                            else "; i controlli dell'orario segnalano:"))
        # an uncovered band is already said, with its reasons, by the blocker
        lines += [f"Controllo: {pr.message}" for pr in p.problems
                  if not (p.blockers and pr.rule == "copertura_plesso")]
        self.explanations.setPlainText("\n".join(f"• {t}" for t in lines))
        # room for the reasons when a band stays uncovered, a line or two otherwise
        self.explanations.setMaximumHeight(220 if p.blockers else 84)
        for name in ("all", "plesso"):
            self.buttons[name].setEnabled(p.feasible and not self.model.fixed_pending)
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _update_summary(self) -> None:
        r, p = self.result, self.result.proposal
        n = len(r.changed)
        cells = "1 cella cambia" if n == 1 else f"{n} celle cambiano"
        state = {"ottimale": "proposta ottimale", "ammissibile": "proposta ammissibile "
                 "(il tempo non è bastato a dimostrare che sia la migliore)",
                 "impossibile": "alcune fasce restano scoperte: non si può accettare",
                 "nessuna soluzione": "nessuna proposta trovata"}.get(p.status, p.status)
        pending = self.model.fixed_pending
        extra = ""
        if pending:
            extra = (" · <b>1 cella fissata da ricalcolare</b>" if pending == 1 else
                     f" · <b>{pending} celle fissate da ricalcolare</b>") + \
                " (Fissa e ricalcola, poi accettare)"
        self.summary.setText(
            f"<b>Dal {format_date(r.start)} al {format_date(r.end)}</b> · {state} · "
            f"<b>{cells}</b> rispetto ai turni registrati{extra}. Nulla è scritto finché non "
            "si accetta.")

    # --- accepting -----------------------------------------------------------------------
    def _accept(self, plessi, what: str) -> None:
        n = len(self.result.changed) if plessi is None else self.result.changed_in(plessi[0])
        if not n:
            dialogs.show_error(self, f"Nessuna cella da scrivere per {what}: i turni sono già "
                                     "come proposto.")
            return
        if not dialogs.ask_confirm(self, "Accettare la proposta",
                                   f"Scrivere nei turni {n} celle ({what})?", default_yes=True):
            return
        written = accept_proposal(self.db, self.result, plessi)
        self.accepted_cells.emit(written)
        left = frozenset() if plessi is None else frozenset(
            c for c in self.result.changed
            if cell_plesso(self.model.cells[c], self.result.homes) not in plessi)
        if not left:
            self.accept()
            return
        # the other plessi stay to accept (or not): the cells written are no longer changes
        self.show_result(replace(self.result, changed=left,
                                 before={k: v for k, v in self.result.before.items()
                                         if k in left}), dict(self.model.fixed))

    @report_errors
    def accept_all(self) -> None:
        self._accept(None, "tutti i plessi")

    @report_errors
    def accept_plesso(self) -> None:
        r = self.result
        codes = sorted({code for code in r.plessi})
        choices = [(code, f"{code} – {r.plessi[code]} ({r.changed_in(code)} celle cambiano)")
                   for code in codes]
        values = FormDialog.ask(self, "Accetta il plesso", [
            FieldSpec("plesso", "Plesso", kind="choice", choices=choices, required=True)],
            {"plesso": next((c for c in codes if r.changed_in(c)), codes[0] if codes else "")},
            intro="Si scrivono solo le celle lavorate nel plesso e i giorni liberi del suo "
                  "personale; gli altri plessi restano come sono.", confirm_close=False)
        if values is None:
            return
        code = values["plesso"]
        self._accept([code], f"plesso {code} – {r.plessi.get(code, code)}")

    # --- fixing and asking again ---------------------------------------------------------
    def _selected(self) -> list[tuple[int, date]]:
        keys = {self.model.key(i) for i in self.table.selectionModel().selectedIndexes()
                or [self.table.currentIndex()]}
        return sorted(k for k in keys if k is not None and not (
            self.model.cells.get(k) and (self.model.cells[k].reason
                                         or self.model.cells[k].credited)))

    def _set_fixed(self, fixed: dict) -> None:
        self.model.beginResetModel()
        self.model.fixed = fixed
        self.model.endResetModel()
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self._update_summary()
        for name in ("all", "plesso"):
            self.buttons[name].setEnabled(self.result.proposal.feasible
                                          and not self.model.fixed_pending)

    @report_errors
    def fix_cells(self) -> None:
        """The selected cells stay as proposed when asking again."""
        fixed = dict(self.model.fixed)
        for key in self._selected():
            c = self.model.cell(key)
            if c is not None:
                fixed[key] = ProposedCell(key[0], key[1], c.bands, c.lavoro_agile, True)
        self._set_fixed(fixed)

    @report_errors
    def edit_cells(self) -> None:
        """The selected cells as the DSGA wants them, fixed for the next calculation."""
        keys = self._selected()
        if not keys:
            return
        first = self.model.cell(keys[0])
        plessi = [("", "Plesso di servizio")] + sorted(self.result.plessi.items())
        specs = [FieldSpec("bands", "Fasce orarie", max_length=200,
                           placeholder="07:30-13:30; 14:00-17:00 rientro"),
                 FieldSpec("plesso", "Plesso", kind="choice", choices=plessi),
                 FieldSpec("lavoro_agile", "Lavoro agile", kind="bool")]
        values = {"bands": format_bands(first.bands) if first else "",
                  "plesso": (first.plesso if first else None) or "",
                  "lavoro_agile": bool(first and first.lavoro_agile)}

        def fix(v):
            agile = bool(v["lavoro_agile"])
            out = {}
            for pid, day in keys:
                plesso = None if agile else (v["plesso"] or self.result.homes.get(pid))
                bands = parse_bands(v["bands"] or "", plesso=plesso, field="bands")
                if agile and not bands:
                    raise ValidationError({"bands": "Indicare le fasce orarie della giornata "
                                                    "di lavoro agile."})
                out[(pid, day)] = ProposedCell(pid, day, bands, agile, True)
            return out

        name = self.result.names.get(keys[0][0], "")
        intro = (f"<b>{name}</b>, {WEEKDAYS_IT[keys[0][1].weekday()]} "
                 f"{format_date(keys[0][1])}" if len(keys) == 1 else
                 f"<b>{len(keys)} celle selezionate</b>: ricevono tutte la stessa giornata")
        intro += ("<br>La giornata resta fissata ricalcolando (Fissa e ricalcola); vuoto: "
                  "giornata libera. Nulla è scritto nei turni finché non si accetta.")
        done = FormDialog.ask(self, "Cella fissata nella proposta", specs, values,
                              on_submit=fix, intro=intro)
        if done:
            self._set_fixed({**self.model.fixed, **done})

    @report_errors
    def recompute(self) -> None:
        if self.job is not None and not self.job.is_done():
            return
        fixed = list(self.model.fixed.values())
        self.job = start_proposal(self, self.db, self.result.start, self.result.end,
                                  self._on_recomputed, fixed)

    def _on_recomputed(self, result: RosterProposal) -> None:
        self.show_result(result)
