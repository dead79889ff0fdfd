"""«Presenze e cartellino»: the month of one person, day by day (schedule of the roster,
punches, hours worked, balance of the day, anomalies highlighted), the monthly summary of art.
54 under it; a punch entered by hand («Nuova timbratura…» Ctrl+N) or annulled with its reason
(«Annulla timbratura…» Ctrl+Shift+U), the terminal's file imported with its dry run
(«Importa timbrature…» Ctrl+I), the cartellino printed (Ctrl+P); the manual rows of the hour
balance (a correction, extra hours paid or turned into riposi, a riposo taken: «Movimento
orario…» Ctrl+M, annulled with «Annulla movimento…» Ctrl+Shift+M) and the school's tolerance,
flexibility and punch file columns («Impostazioni…» Ctrl+Shift+P). The checks are the
services' (services/staff/attendance.py): a refused input keeps the form open."""
from __future__ import annotations

from datetime import date

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
)

from ...areas.staff import PREPARE
from ...domain.access import allowed
from ...domain.dates import MONTHS_IT, format_date
from ...domain.staff.attendance import DIRECTIONS, hm
from ...domain.staff.fields import ATTENDANCE_SETTING, HOUR_ENTRY
from ...domain.staff.leave import parse_hours
from ...domain.staff.times import format_duration, format_time
from ...queries.staff_attendance import (
    attendance_month,
    attendance_settings,
    people_with_attendance,
)
from ...services.staff import attendance as service
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog, spec_of
from ..common.import_dialog import FILE_FILTER, FileImportDialog
from ..common.printing import print_report

ANOMALY = QColor("#fde2e1")
HEADERS = ("Giorno", "Orario", "Timbrature", "Lavorate", "Giustificate", "Saldo",
           "Anomalie e assenze")


def _months(today: date, count: int = 14) -> list[tuple[str, str]]:
    out = []
    y, m = today.year, today.month
    for _ in range(count):
        out.append((f"{y}-{m:02d}", f"{MONTHS_IT[m - 1]} {y}"))
        y, m = (y, m - 1) if m > 1 else (y - 1, 12)
    return out


def choose_open_file(parent) -> str:
    """The punch file ("" if cancelled); tests replace this function."""
    path, _ = QFileDialog.getOpenFileName(parent, "Importa timbrature", "", FILE_FILTER)
    return path


class PunchImportDialog(FileImportDialog):
    window_title = "Importa timbrature"
    import_title = "Importazione delle timbrature…"
    error_headers = ("Riga", "Colonna", "Errore")
    intro_text = (
        "Importa le timbrature dal file del terminale (CSV o Excel .xlsx), una per riga, con "
        "le colonne indicate nelle impostazioni delle presenze (predefinite: «codice fiscale», "
        "«data» gg/mm/aaaa, «ora» HH:MM, «verso» E/U o 1/0). Il file viene prima controllato: "
        "non si importa nulla finché contiene errori; le timbrature già in archivio si "
        "saltano.")

    def error_cells(self, error) -> tuple[str, ...]:
        return (str(error.row) if error.row else "", error.column, error.detail)

    def choose_open_file(self) -> str:
        return choose_open_file(self)

    def dry_run(self):
        return service.check_punch_file

    def run_import(self):
        return service.import_punches


class AttendanceWindow(QDialog):
    def __init__(self, db, parent=None, today: date | None = None,
                 person_id: int | None = None, month: str | None = None):
        super().__init__(parent)
        self.db = db
        self.today = today or date.today()
        self.month = None
        self.setWindowTitle("Presenze e cartellino")
        self.resize(1240, 700)
        layout = QVBoxLayout(self)
        intro = QLabel("Timbrature del mese confrontate con l'orario dei turni: le righe in "
                       "rosso hanno un'anomalia da sistemare (timbratura mancante o doppia, "
                       "ritardo). Una timbratura errata si annulla con il motivo: resta nella "
                       "storia e non conta più.", self)
        intro.setWordWrap(True)
        layout.addWidget(intro)
        row = QHBoxLayout()
        self.person_combo = QComboBox(self)
        for pid, name in people_with_attendance(db):
            self.person_combo.addItem(name, pid)
        self.month_combo = QComboBox(self)
        for code, text in _months(self.today):
            self.month_combo.addItem(text, code)
        for text, combo in (("&Dipendente:", self.person_combo), ("&Mese:", self.month_combo)):
            label = QLabel(text, self)
            label.setBuddy(combo)
            row.addWidget(label)
            row.addWidget(combo)
        row.addStretch(1)
        layout.addLayout(row)
        self.table = QTableWidget(0, len(HEADERS), self)
        self.table.setHorizontalHeaderLabels(list(HEADERS))
        self.table.setEditTriggers(QAbstractItemView.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SingleSelection)
        self.table.verticalHeader().setVisible(False)
        self.table.verticalHeader().setDefaultSectionSize(24)
        head = self.table.horizontalHeader()
        for c in range(len(HEADERS) - 1):
            head.setSectionResizeMode(c, QHeaderView.ResizeToContents)
        head.setSectionResizeMode(len(HEADERS) - 1, QHeaderView.Stretch)
        layout.addWidget(self.table, 1)
        self.summary_label = QLabel(self)
        self.summary_label.setWordWrap(True)
        self.summary_label.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.summary_label)
        buttons = QHBoxLayout()
        self.buttons = {}
        can = allowed(db.current_user, PREPARE)
        for name, text, key, slot, needs_right in (
                ("new", "&Nuova timbratura…", "Ctrl+N", self.new_punch, True),
                ("annul", "&Annulla timbratura…", "Ctrl+Shift+U", self.annul_punch, True),
                ("hours", "&Movimento orario…", "Ctrl+M", self.new_hour_entry, True),
                ("annul_hours", "Annulla m&ovimento…", "Ctrl+Shift+M", self.annul_hour_entry,
                 True),
                ("import", "&Importa timbrature…", "Ctrl+I", self.import_file, True),
                ("settings", "Im&postazioni…", "Ctrl+Shift+P", self.edit_settings, True),
                ("print", "&Stampa cartellino", "Ctrl+P", self.print_cartellino, False),
                ("close", "&Chiudi", "Esc", self.reject, False)):
            button = QPushButton(text, self)
            button.setObjectName(f"{name}Button")
            button.setToolTip(f"{text.replace('&', '').rstrip('…')} ({key})")
            button.clicked.connect(slot)
            button.setEnabled(can or not needs_right)
            buttons.addWidget(button)
            self.buttons[name] = button
            if key != "Esc":
                act = QAction(text.replace("&", ""), self)
                act.setObjectName(f"{name}Action")
                act.setShortcut(QKeySequence(key))
                # The form opens after the key's event is over (a modal loop inside the key
                # press of the table crashes Qt when the table is refilled).
                act.triggered.connect(lambda _c=False, b=button: QTimer.singleShot(0, b.click))
                self.addAction(act)
        buttons.insertStretch(6, 1)
        layout.addLayout(buttons)
        if person_id is not None:
            i = self.person_combo.findData(person_id)
            if i >= 0:
                self.person_combo.setCurrentIndex(i)
        if month:
            i = self.month_combo.findData(month)
            if i >= 0:
                self.month_combo.setCurrentIndex(i)
        self.person_combo.currentIndexChanged.connect(self.refresh)
        self.month_combo.currentIndexChanged.connect(self.refresh)
        self.refresh()

    # --- reading ---------------------------------------------------------------------------
    @property
    def person_id(self) -> int | None:
        return self.person_combo.currentData()

    @report_errors
    def refresh(self, *_args) -> None:
        if self.person_id is None:
            self.table.setRowCount(0)
            self.summary_label.setText("Nessun dipendente ATA in servizio.")
            return
        self.month = m = attendance_month(self.db, self.person_id,
                                          self.month_combo.currentData())
        self.table.setRowCount(len(m.lines))
        for r, ln in enumerate(m.lines):
            res = ln.result
            counted = bool(res.due or res.worked or res.justified)
            punches = "  ".join(
                p.text + (" (annullata)" if p.annulled_on else "") for p in ln.punches)
            cells = (f"{ln.weekday} {ln.day.day}", ln.schedule or "–", punches,
                     hm(res.worked) if res.worked else "",
                     hm(res.justified) if res.justified else "",
                     hm(res.net, True) if counted else "",
                     "; ".join(res.anomalies + res.notes) or ln.absence)
            for c, text in enumerate(cells):
                item = self.table.item(r, c)
                if item is None:
                    item = QTableWidgetItem()
                    if c in (3, 4, 5):
                        item.setTextAlignment(Qt.AlignRight | Qt.AlignVCenter)
                    self.table.setItem(r, c, item)
                item.setText(text)
                item.setBackground(QBrush(ANOMALY) if res.anomalies else QBrush())
        s = m.summary
        self.summary_label.setText(
            f"<b>Riepilogo di {m.title.lower()}</b> (art. 54 CCNL 2007): dovute "
            f"{format_duration(s.due)}, lavorate {format_duration(s.worked)}, giustificate "
            f"{format_duration(s.justified)}; saldo del mese {hm(s.net, True)}, dall'inizio "
            f"dell'anno scolastico <b>{hm(s.balance, True)}</b>. Ritardi da recuperare "
            f"{format_duration(s.late_open)}; permessi brevi nel mese "
            f"{format_duration(s.permessi_month)}, nell'anno {format_duration(s.permessi_year)} "
            f"(da recuperare {format_duration(s.permessi_open)}); ore eccedenti disponibili "
            f"{format_duration(s.credit)}, riposi compensativi {format_duration(s.riposi)}. "
            f"Giorni con anomalie: {s.anomalies}."
            + ("<br><b>Movimenti a mano nel mese:</b> " + "; ".join(
                f"{format_date(r.day)} {r.label} {hm(r.minutes, r.kind == 'correzione')}"
                + (f" ({r.reason})" if r.reason else "")
                + (" – annullato" if r.annulled_on else "") for r in m.manual)
               if m.manual else ""))

    def _selected_line(self):
        row = self.table.currentRow()
        if self.month is None or row < 0 or row >= len(self.month.lines):
            return None
        return self.month.lines[row]

    # --- writing ---------------------------------------------------------------------------
    @report_errors
    def new_punch(self, *_args) -> None:
        if self.person_id is None:
            return
        line = self._selected_line()
        day = line.day if line is not None and line.day <= self.today else self.today
        specs = [FieldSpec("day", "Giorno", "date", required=True),
                 FieldSpec("minute", "Ora (HH:MM)", "text", required=True, placeholder="08:00"),
                 FieldSpec("direction", "Verso", "choice", required=True,
                           choices=list(DIRECTIONS.items())),
                 FieldSpec("note", "Motivo dell'inserimento", "text", max_length=300,
                           placeholder="es. badge dimenticato")]
        new_id = FormDialog.ask(
            self, "Nuova timbratura", specs, {"day": day, "direction": "E"},
            on_submit=lambda v: service.add_punch(self.db, self.person_id, v["day"],
                                                  v["minute"], v["direction"],
                                                  v.get("note") or ""),
            intro=f"<b>{self.person_combo.currentText()}</b>: timbratura inserita a mano.")
        if new_id is not None:
            self.refresh()

    @report_errors
    def annul_punch(self, *_args) -> None:
        line = self._selected_line()
        if line is None:
            return
        valid = [p for p in line.punches if p.annulled_on is None]
        if not valid:
            self.summary_label.setText(f"Nessuna timbratura da annullare il "
                                       f"{format_date(line.day)}.")
            return
        self._annul("Annulla timbratura", "punch", "Timbratura",
                    [(p.id, f"{DIRECTIONS[p.direction]} delle {format_time(p.minute)}")
                     for p in valid], service.annul_punch,
                    f"{format_date(line.day)}: la timbratura resta nella storia con il motivo "
                    "e non conta più.")

    def _annul(self, title: str, key: str, label: str, choices: list, annul, intro: str) -> None:
        """The form that annuls one of ``choices`` (id, text) with its reason through
        ``annul(db, id, reason, on=…)``; the month read again after it."""
        specs = [FieldSpec(key, label, "choice", required=True, choices=choices),
                 FieldSpec("reason", "Motivo", "text", required=True, max_length=300)]
        done = FormDialog.ask(
            self, title, specs, {key: choices[0][0]},
            on_submit=lambda v: annul(self.db, v[key], v["reason"], on=self.today) or True,
            intro=f"<b>{self.person_combo.currentText()}</b>, {intro}")
        if done is not None:
            self.refresh()

    @report_errors
    def import_file(self, *_args) -> None:
        if PunchImportDialog.ask(self, self.db) is not None:
            self.refresh()

    @report_errors
    def print_cartellino(self, *_args) -> None:
        if self.person_id is not None:
            print_report(self, self.db, "cartellino", mese=self.month_combo.currentData(),
                         persona=self.person_id)

    # --- the hour balance by hand, the settings -----------------------------------------------
    @report_errors
    def new_hour_entry(self, *_args) -> None:
        if self.person_id is None:
            return
        line = self._selected_line()
        day = line.day if line is not None and line.day <= self.today else self.today
        specs = [FieldSpec("day", "Giorno", "date", required=True),
                 spec_of(HOUR_ENTRY["kind"], required=True),
                 FieldSpec("minutes", "Ore", "text", required=True,
                           placeholder="es. 2 o 1:30",
                           help="Una correzione può essere negativa: «-0:30»."),
                 FieldSpec("reason", "Motivo", "text", required=True, max_length=300)]

        def save(v):
            raw = (v.get("minutes") or "").strip()
            sign = -1 if raw.startswith("-") else 1
            minutes = sign * parse_hours(raw.lstrip("-+"), "minutes")
            return service.add_hour_entry(self.db, self.person_id, v["day"], v["kind"],
                                          minutes, v.get("reason") or "")

        new_id = FormDialog.ask(
            self, "Movimento del saldo orario", specs, {"day": day, "kind": "pagate"},
            on_submit=save,
            intro=f"<b>{self.person_combo.currentText()}</b>: ore eccedenti retribuite o in "
                  "riposo compensativo (al massimo quelle maturate), un riposo fruito (entro "
                  "l'anno scolastico e i tre mesi successivi) o una correzione del saldo.")
        if new_id is not None:
            self.refresh()

    @report_errors
    def annul_hour_entry(self, *_args) -> None:
        valid = [r for r in (self.month.manual if self.month else ()) if r.annulled_on is None]
        if not valid:
            self.summary_label.setText("Nessun movimento orario da annullare nel mese.")
            return
        self._annul("Annulla movimento orario", "entry", "Movimento",
                    [(r.id, f"{format_date(r.day)} {r.label} "
                            f"{hm(r.minutes, r.kind == 'correzione')}") for r in valid],
                    service.annul_hour_entry,
                    "il movimento resta nella storia con il motivo e non conta più nel saldo.")

    @report_errors
    def edit_settings(self, *_args) -> None:
        current = attendance_settings(self.db)
        names = [f.name for f in ATTENDANCE_SETTING.fields if f.entered]
        specs = [spec_of(ATTENDANCE_SETTING[n], required=n in ("tolerance", "flex"))
                 for n in names]
        values = {n: getattr(current, n) for n in names}

        def save(v):
            changes = {n: v[n] for n in names if v.get(n) != values[n]}
            if changes:
                service.update_attendance_settings(self.db, **changes)
            return True

        if FormDialog.ask(self, "Impostazioni delle presenze", specs, values, on_submit=save,
                          intro="Tolleranza e flessibilità sull'entrata valgono per tutti "
                                "(predefinite: 10 e 0 minuti [U], da fissare con la "
                                "contrattazione d'istituto); le colonne sono quelle del file "
                                "esportato dal terminale delle timbrature.") is not None:
            self.refresh()
