"""Turni e orari: the roster of the ATA staff as a week or month grid, staff by day, per plesso
(issue 14 item 5). A cell shows what is worked (the pattern, or the day set by hand over it),
holidays and closures; a cell that breaks a rule is red and says why next to it (tooltip and
the panel below). Enter (or F2) edits the selected cells (one, a range, a column), Ctrl+Shift+C
copies the week onto the next, Ctrl+O edits the person's weekly pattern, Ctrl+P prints,
Ctrl+Shift+P «Proponi turni…» asks the solver for the week shown or its month (ui/staff/
proposal.py) and shows the proposal against the grid."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QAbstractTableModel, QModelIndex, Qt
from PySide6.QtGui import QAction, QBrush, QColor, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableView,
    QVBoxLayout,
)

from ...domain.dates import WEEKDAYS_IT, SchoolYear, format_date
from ...domain.staff.band_text import format_bands
from ...domain.staff.times import BAND_KINDS, format_duration
from ...queries.school import list_sites
from ...queries.staff_roster import Roster, pattern_on, patterns_of, roster
from ...services.staff.roster import DayInput, copy_week, set_roster_days
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm
from ..common.table_tab import EnterOpens

MONTHS_IT = ("gennaio", "febbraio", "marzo", "aprile", "maggio", "giugno", "luglio", "agosto",
             "settembre", "ottobre", "novembre", "dicembre")
PROBLEM = QColor("#f8d7da")
HOLIDAY = QColor("#e9e9e9")
AGILE = QColor("#dbeafe")
EXTRA = QColor("#fff3cd")          # pulizia straordinaria, presidio


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


def month_end(day: date) -> date:
    first_next = (day.replace(day=28) + timedelta(days=4)).replace(day=1)
    return first_next - timedelta(days=1)


class RosterModel(QAbstractTableModel):
    """Rows: the people; columns: the days, then the hours of the period."""

    def __init__(self, parent=None):
        super().__init__(parent)
        self.view: Roster | None = None
        self.compact = False

    def set_view(self, view: Roster, compact: bool) -> None:
        self.beginResetModel()
        self.view, self.compact = view, compact
        self.endResetModel()

    def rowCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.view is None else len(self.view.people)

    def columnCount(self, parent=QModelIndex()):  # noqa: N802 - Qt override
        return 0 if parent.isValid() or self.view is None else len(self.view.days) + 1

    def is_day(self, column: int) -> bool:
        return self.view is not None and column < len(self.view.days)

    def cell_at(self, index: QModelIndex):
        if not index.isValid() or not self.is_day(index.column()):
            return None
        person = self.view.people[index.row()]
        return self.view.cell(person.id, self.view.days[index.column()])

    def data(self, index, role=Qt.DisplayRole):
        if not index.isValid() or self.view is None:
            return None
        person = self.view.people[index.row()]
        if not self.is_day(index.column()):
            if role == Qt.DisplayRole:
                return format_duration(person.minutes) if person.minutes else "–"
            if role == Qt.BackgroundRole and person.problems:
                return QBrush(PROBLEM)
            if role == Qt.ToolTipRole:
                return "\n".join(person.problems) or person.working_time
            if role == Qt.TextAlignmentRole:
                return int(Qt.AlignRight | Qt.AlignVCenter)
            return None
        cell = self.cell_at(index)
        if role == Qt.DisplayRole:
            if self.compact:
                return cell.short
            return cell.text.replace("; ", "\n")
        if role == Qt.BackgroundRole:
            if cell.problems:
                return QBrush(PROBLEM)
            if cell.holiday or cell.closed:
                return QBrush(HOLIDAY)
            if cell.lavoro_agile:
                return QBrush(AGILE)
            if cell.kinds & {"pulizia", "presidio"}:
                return QBrush(EXTRA)
            return None
        if role == Qt.FontRole and (cell.hand_set or self.compact):
            font = QFont()
            font.setItalic(cell.hand_set)
            if self.compact:
                font.setPointSizeF(max(6.0, font.pointSizeF() - 2.5))
            return font
        if role == Qt.ToolTipRole:
            lines = [f"{person.name} – {WEEKDAYS_IT[cell.day.weekday()]} "
                     f"{format_date(cell.day)}"]
            if cell.text:
                lines.append(cell.text)
            if cell.holiday or cell.closed:
                lines.append(cell.holiday or cell.closed)
            if cell.hand_set:
                lines.append("Giornata modificata rispetto all'orario settimanale"
                             + (f": {cell.note}" if cell.note else "."))
            lines += [f"⚠ {p}" for p in cell.problems]
            return "\n".join(lines)
        if role == Qt.TextAlignmentRole:
            return int(Qt.AlignCenter)
        if role == Qt.AccessibleTextRole:
            return cell.text or "libero"
        return None

    def headerData(self, section, orientation, role=Qt.DisplayRole):  # noqa: N802
        if self.view is None:
            return None
        if orientation == Qt.Horizontal:
            if section >= len(self.view.days):
                return "Ore" if role == Qt.DisplayRole else None
            day = self.view.days[section]
            if role == Qt.DisplayRole:
                name = WEEKDAYS_IT[day.weekday()][:3]
                mark = "⚠ " if day in self.view.coverage else ""     # a plesso uncovered
                return (f"{mark}{name}\n{day.day}" if self.compact
                        else f"{mark}{name} {format_date(day)}")
            if role == Qt.ToolTipRole:
                lines = [self.view.calendar.get(day) or format_date(day)]
                return "\n".join(lines + [f"⚠ {p}" for p in self.view.coverage.get(day, ())])
            if role == Qt.BackgroundRole and day in self.view.coverage:
                return QBrush(PROBLEM)       # a plesso uncovered that day
            if role == Qt.ForegroundRole and (day.weekday() == 6 or day in self.view.calendar
                                              or day in self.view.coverage):
                return QBrush(QColor("#a61b1b"))
            return None
        person = self.view.people[section]
        if role == Qt.DisplayRole:
            # «DSGA» rather than its 47 letters: the names keep the room for the days
            label = person.profile if person.profile == "DSGA" else person.profile_label
            return f"{person.name}\n{label}"
        if role == Qt.ToolTipRole:
            return f"{person.profile_label} · {person.home_plesso} · {person.working_time}"
        return None


class RosterWindow(QDialog):
    def __init__(self, db, parent=None, *, start: date | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Turni e orari del personale ATA")
        self.resize(1280, 680)
        self.anchor = start or date.today()
        layout = QVBoxLayout(self)
        bar = QHBoxLayout()
        self.mode = QComboBox(self)
        self.mode.addItems(["Settimana", "Mese"])
        self.mode.setToolTip("Vista per settimana o per mese")
        self.mode.currentIndexChanged.connect(self.reload)
        self.plesso = QComboBox(self)
        self.plesso.addItem("Tutti i plessi", None)
        for site in list_sites(db):
            self.plesso.addItem(f"{site.code} – {site.name}", site.code)
        self.plesso.currentIndexChanged.connect(self.reload)
        self.period = QLabel(self)
        self.period.setObjectName("rosterPeriod")
        bar.addWidget(QLabel("&Vista:", self, buddy=self.mode))
        bar.addWidget(self.mode)
        bar.addWidget(QLabel("P&lesso:", self, buddy=self.plesso))
        bar.addWidget(self.plesso, 1)
        for text, slot, key in (("◀ &Precedente", lambda: self.move(-1), "Ctrl+PgUp"),
                                ("&Oggi", self.today, "Ctrl+Home"),
                                ("S&uccessivo ▶", lambda: self.move(1), "Ctrl+PgDown")):
            b = QPushButton(text, self)
            b.setShortcut(QKeySequence(key))
            b.setToolTip(key)
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            bar.addWidget(b)
        bar.addWidget(self.period, 2)
        layout.addLayout(bar)
        self.model = RosterModel(self)
        self.table = QTableView(self)
        self.table.setModel(self.model)
        self.table.setSelectionMode(QAbstractItemView.ExtendedSelection)
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setWordWrap(True)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeToContents)
        self.table.doubleClicked.connect(lambda _i: self.edit_cells())
        EnterOpens(self.table, self.edit_cells)        # Enter edits, as a double-click
        self.table.selectionModel().currentChanged.connect(self._show_problems)
        self.table.setAccessibleName("Turni")
        layout.addWidget(self.table, 1)
        self.problems = QLabel(self)
        self.problems.setObjectName("rosterProblems")
        self.problems.setWordWrap(True)
        self.problems.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.problems.setMinimumHeight(48)
        layout.addWidget(self.problems)
        buttons = QHBoxLayout()
        self.buttons = {}
        for key, text, slot, keys in (
                ("edit", "&Modifica giornata…", self.edit_cells, "F2"),
                ("pattern", "Orario &settimanale…", self.edit_pattern, "Ctrl+O"),
                ("copy", "&Copia settimana sulla successiva", self.copy_week, "Ctrl+Shift+C"),
                ("opening", "&Apertura del plesso…", self.edit_opening, "Ctrl+Shift+A"),
                ("propose", "P&roponi turni…", self.propose, "Ctrl+Shift+P"),
                ("print", "S&tampa…", self.print_roster, "Ctrl+P")):
            b = QPushButton(text, self)
            b.setToolTip(QKeySequence(keys).toString(QKeySequence.NativeText))
            b.setAutoDefault(False)
            b.clicked.connect(slot)
            buttons.addWidget(b)
            self.buttons[key] = b
            # the same action from the keyboard, as the other windows' QActions
            act = QAction(text.replace("&", ""), self)
            act.setObjectName(f"{key}Action")
            act.setShortcut(QKeySequence(keys))
            act.triggered.connect(b.click)
            self.addAction(act)
        self.job = None
        self.proposal_window = None
        buttons.addStretch(1)
        close = QPushButton("Chiudi", self)
        close.setAutoDefault(False)
        close.clicked.connect(self.accept)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.reload()

    # --- period --------------------------------------------------------------------------
    @property
    def compact(self) -> bool:
        return self.mode.currentIndex() == 1

    def span(self) -> tuple[date, date]:
        if self.compact:
            first = self.anchor.replace(day=1)
            return first, month_end(first)
        start = monday_of(self.anchor)
        return start, start + timedelta(days=6)

    def move(self, step: int) -> None:
        if self.compact:
            first = self.anchor.replace(day=1)
            self.anchor = (first + timedelta(days=32)).replace(day=1) if step > 0 else \
                (first - timedelta(days=1)).replace(day=1)
        else:
            self.anchor += timedelta(days=7 * step)
        self.reload()

    def today(self) -> None:
        self.anchor = date.today()
        self.reload()

    @report_errors
    def reload(self, *_args) -> None:
        start, end = self.span()
        year = SchoolYear.of(start)
        # A month or week across 31 August is shown up to the end of its school year.
        self.view = roster(self.db, start, min(end, year.end), self.plesso.currentData())
        self.model.set_view(self.view, self.compact)
        header = self.table.horizontalHeader()
        header.setMinimumSectionSize(30)
        header.setSectionResizeMode(QHeaderView.Stretch)     # the days share the width
        if self.model.columnCount():
            last = self.model.columnCount() - 1
            header.setSectionResizeMode(last, QHeaderView.Fixed)
            header.resizeSection(last, 56 if self.compact else 80)
        label = (f"{MONTHS_IT[start.month - 1]} {start.year}" if self.compact
                 else f"settimana dal {format_date(start)} al {format_date(end)}")
        count = self.view.problem_count
        self.period.setText(f"<b>{label}</b> · a.s. {year.label} · "
                            + (f"<span style='color:#a61b1b'>{count} da controllare</span>"
                               if count else "nessun problema"))
        if not self.view.people:
            self.problems.setText("Nessun dipendente ATA in servizio in questo plesso.")
        else:
            self.problems.setText("Selezionare una cella: qui compaiono le regole che non "
                                  "rispetta. Invio modifica le celle selezionate.")
        if self.model.rowCount():
            self.table.setCurrentIndex(self.model.index(0, 0))

    def _show_problems(self, current: QModelIndex, _previous=None) -> None:
        if not current.isValid():
            return
        person = self.view.people[current.row()]
        cell = self.model.cell_at(current)
        lines = list(cell.problems) if cell else []
        lines += list(person.problems)
        if cell:
            lines += list(self.view.coverage.get(cell.day, ()))
        head = person.name + (f", {WEEKDAYS_IT[cell.day.weekday()]} {format_date(cell.day)}"
                              if cell else "")
        self.problems.setText(f"<b>{head}</b>: " + (
            "<br>".join(f"⚠ {p}" for p in lines) if lines else "nessun problema."))

    # --- actions -------------------------------------------------------------------------
    def _selected_cells(self) -> list[tuple[int, date]]:
        cells = []
        for index in self.table.selectionModel().selectedIndexes() or [
                self.table.currentIndex()]:
            if index.isValid() and self.model.is_day(index.column()):
                cells.append((self.view.people[index.row()].id,
                              self.view.days[index.column()]))
        return sorted(set(cells))

    @report_errors
    def edit_cells(self) -> None:
        cells = self._selected_cells()
        if not cells:
            return
        first = self.view.cell(*cells[0])
        names = {p.id: p.name for p in self.view.people}
        if len(cells) == 1:
            intro = (f"<b>{names[cells[0][0]]}</b>, {WEEKDAYS_IT[first.day.weekday()]} "
                     f"{format_date(first.day)}")
        else:
            intro = f"<b>{len(cells)} celle selezionate</b>: ricevono tutte la stessa giornata"
        intro += ("<br>Fasce come «07:30-13:30; 14:00-17:00 rientro»; vuoto: giornata libera. "
                  "Un turno oltre le 20:00 richiede il motivo nella nota.")
        if first.problems and len(cells) == 1:
            intro += "<br>" + "<br>".join(f"⚠ {p}" for p in first.problems)
        plessi = [("", "Plesso di servizio")] + [
            (self.plesso.itemData(i), self.plesso.itemText(i))
            for i in range(1, self.plesso.count())]
        specs = [FieldSpec("bands", "Fasce orarie", max_length=200,
                           placeholder="07:30-13:30; 14:00-17:00 rientro"),
                 FieldSpec("kind", "Tipo di turno", kind="choice",
                           choices=[(k, v) for k, v in BAND_KINDS.items()
                                    if k != "straordinario"],
                           help="Per le fasce che non indicano un tipo"),
                 FieldSpec("plesso", "Plesso", kind="choice", choices=plessi),
                 FieldSpec("lavoro_agile", "Lavoro agile", kind="bool"),
                 FieldSpec("note", "Nota o motivo", max_length=300,
                           placeholder="es. Consiglio d'istituto, elezioni")]
        plesso = next((b.plesso for b in first.bands if b.plesso), "") or ""
        values = {"bands": format_bands(first.bands), "kind": "servizio", "plesso": plesso,
                  "lavoro_agile": first.lavoro_agile, "note": first.note}

        def save(v):
            return set_roster_days(self.db, cells, DayInput(
                v["bands"] or "", v["plesso"] or None, bool(v["lavoro_agile"]),
                v["kind"] or "servizio", v["note"] or ""))

        done = FormDialog.ask(self, "Giornata di servizio", specs, values, on_submit=save,
                              intro=intro)
        if done is not None:
            self.reload()
            self._select(cells[0])
            confirm(self, "1 giornata registrata." if done == 1
                    else f"{done} giornate registrate.")

    def _select(self, cell: tuple[int, date]) -> None:
        ids = [p.id for p in self.view.people]
        if cell[0] in ids and cell[1] in self.view.days:
            self.table.setCurrentIndex(self.model.index(ids.index(cell[0]),
                                                        self.view.days.index(cell[1])))

    @report_errors
    def copy_week(self) -> None:
        cells = self._selected_cells()
        day = cells[0][1] if cells else self.span()[0]
        source = monday_of(day)
        people = [p.id for p in self.view.people]
        written = copy_week(self.db, people, source, source + timedelta(days=7))
        self.anchor = source + timedelta(days=7)
        self.reload()
        confirm(self, f"Settimana dal {format_date(source)} copiata sulla successiva: "
                      f"{written} giornate registrate.")

    @report_errors
    def edit_pattern(self) -> None:
        from .pattern import PatternDialog

        index = self.table.currentIndex()
        if not index.isValid():
            return
        person = self.view.people[index.row()]
        day = self.view.days[index.column()] if self.model.is_day(index.column()) \
            else self.span()[0]
        current = pattern_on(patterns_of(self.db, person.id), day)
        if PatternDialog.edit(self, self.db, person, current, day):
            self.reload()

    @report_errors
    def edit_opening(self) -> None:
        """The opening hours of the plesso shown (one is chosen first when «Tutti»): what
        the check «plesso scoperto» compares the roster with."""
        from ...queries.staff_roster import opening_hours
        from ...services.staff.roster import set_opening_hours

        code = self.plesso.currentData()
        if not code:
            confirm(self, "Scegliere prima il plesso di cui indicare l'orario di apertura.")
            self.plesso.setFocus()
            return
        year = SchoolYear.of(self.span()[0])
        current = opening_hours(self.db, year.start.year).get(code)
        specs = [FieldSpec(f"day_{wd}", WEEKDAYS_IT[wd].capitalize(), max_length=200,
                           placeholder="07:30-14:00; 14:00-18:00") for wd in range(6)]
        specs.append(FieldSpec("staff", "Collaboratori scolastici necessari in ogni momento",
                               kind="int", required=True))
        values = {f"day_{wd}": (current.days.get(wd, "") if current else "")
                  for wd in range(6)}
        values["staff"] = current.staff if current else 1

        def save(v):
            return set_opening_hours(self.db, year.start.year, code,
                                     {wd: v[f"day_{wd}"] or "" for wd in range(6)},
                                     v["staff"])

        if FormDialog.ask(self, f"Orario di apertura – {self.plesso.currentText()}", specs,
                          values, on_submit=save,
                          intro=f"Anno scolastico {year.label}: le fasce in cui il plesso è "
                                "aperto; i turni che lasciano scoperta una fascia sono "
                                "segnalati sul giorno.") is not None:
            self.reload()
            confirm(self, "Orario di apertura registrato.")

    # --- proposta dei turni ---------------------------------------------------------------
    @report_errors
    def propose(self) -> None:
        """Ask for a proposal of the week shown or of its month (nothing is written)."""
        from .proposal import start_proposal

        if self.job is not None and not self.job.is_done():
            return
        week_start, week_end = monday_of(self.anchor), monday_of(self.anchor) + \
            timedelta(days=6)
        first = self.span()[0] if self.compact else self.anchor.replace(day=1)
        month = (first, month_end(first))
        label = (f"settimana dal {format_date(week_start)} al {format_date(week_end)}")
        choices = [("week", f"Settimana visualizzata ({label})"),
                   ("month", f"Mese di {MONTHS_IT[first.month - 1]} {first.year}")]
        values = FormDialog.ask(self, "Proponi turni", [
            FieldSpec("period", "Periodo", kind="choice", choices=choices, required=True)],
            {"period": "month" if self.compact else "week"},
            intro="La proposta cerca di coprire ogni plesso nelle sue fasce di apertura entro "
                  "le regole dell'orario, e dice perché dove non ci riesce; le giornate "
                  "modificate a mano, le assenze e le chiusure restano come sono. Nulla è "
                  "scritto finché non si accetta.",
            confirm_close=False)
        if values is None:
            return
        start, end = (week_start, week_end) if values["period"] == "week" else month
        year = SchoolYear.of(start)
        self.job = start_proposal(self, self.db, start, min(end, year.end),
                                  self.show_proposal)

    def show_proposal(self, result) -> None:
        """The proposal against the roster, in its own window (modal to this one)."""
        from .proposal import ProposalWindow

        window = ProposalWindow(self.db, result, self,
                                order=[p.id for p in self.view.people])
        window.accepted_cells.connect(self._on_proposal_accepted)
        window.setAttribute(Qt.WA_DeleteOnClose)
        self.proposal_window = window
        window.open()

    def _on_proposal_accepted(self, written: int) -> None:
        self.reload()
        confirm(self, "Proposta accettata: 1 giornata registrata." if written == 1 else
                f"Proposta accettata: {written} giornate registrate.")

    def print_roster(self) -> None:
        from ..common.printing import print_report

        start, end = self.span()
        options = {"dal": start, "al": end}
        if self.plesso.currentData():
            options["plesso"] = self.plesso.currentData()
        print_report(self, self.db, "turni", **options)
