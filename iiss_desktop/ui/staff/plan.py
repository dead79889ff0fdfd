"""Piano delle attività del personale ATA (art. 53 CCNL 2007, issue 14 item 2): one version
of a school year at a time — its sections, the dotazione organica and the assignments. The
DSGA edits a draft and saves it (Ctrl+S, one transaction: a refusal saves nothing and names
the row and the field); the dirigente adopts it with date and protocol (Adotta…, only with
«staff.approve»); a change to the version in force is a new version copied from it (Ctrl+N).
An adopted or superseded version is only read; Ctrl+P prints the version shown."""
from __future__ import annotations

import re
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMenuBar,
    QPushButton,
    QStackedWidget,
    QStatusBar,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ...areas.staff import APPROVE, PREPARE
from ...domain.access import Permission, allowed
from ...domain.dates import SchoolYear, format_date
from ...domain.errors import DomainError
from ...domain.staff.plan import EDITABLE, SECTIONS
from ...queries.school import list_sites
from ...queries.staff import staff_list
from ...queries.staff_plan import PlanHeader, PlanView, plan_versions, plan_view
from ...services.staff import plan as service
from ..common import dialogs
from ..common.dialogs import report_errors
from ..common.form import FieldSpec, FormDialog
from ..common.status import confirm
from .plan_sections import SectionsEditor
from .plan_tables import AssignmentGrid, FrontDeskGrid, StaffingGrid

ERROR_STYLE = "color: #a61b1b; background-color: #fdecea; border: 1px solid #c0392b; " \
              "padding: 6px;"
ROW_IN_MESSAGE = re.compile(r"^(Dotazione organica|Assegnazioni|Orario dello sportello), "
                            r"riga (\d+)")


def version_label(h: PlanHeader) -> str:
    """What the version combo lists: «Versione 2 – Bozza del 16/11/2026», «Versione 1 –
    Adottato il 05/10/2026, prot. n. 0004512/VII.1 (in vigore)», «… – Sostituito dal …»."""
    if h.state == "bozza":
        text = f"Bozza del {format_date(h.drafted_on)}"
    elif h.state == "adottato":
        text = (f"Adottato il {format_date(h.adopted_on)}, prot. n. {h.protocol} "
                "(in vigore)")
    else:
        text = (f"Sostituito dal {format_date(h.superseded_on)} (adottato il "
                f"{format_date(h.adopted_on)}, prot. n. {h.protocol})")
    return f"Versione {h.version} – {text}"


def missing(permission: Permission) -> str:
    return f"Serve il permesso «{permission.label}»."


class PlanWindow(QDialog):
    def __init__(self, db, parent=None, *, school_year: int | None = None):
        super().__init__(parent)
        self.db = db
        self.setWindowTitle("Piano delle attività del personale ATA")
        self.resize(1280, 700)
        self.view: PlanView | None = None
        self.versions: tuple[PlanHeader, ...] = ()
        self._clean: tuple | None = None
        self.print_job = None
        year = school_year or SchoolYear.of(date.today()).start_year
        layout = QVBoxLayout(self)
        self._build_actions()
        layout.setMenuBar(self._menu_bar())

        bar = QHBoxLayout()
        self.year = QComboBox(self)
        self.year.setToolTip("L'anno scolastico del Piano")
        self.version = QComboBox(self)
        self.version.setToolTip("Le versioni del Piano dell'anno: bozza, in vigore, "
                                "sostituite")
        self.version.setPlaceholderText("Nessuna versione")
        self.version.setMinimumContentsLength(60)
        self.version.setSizeAdjustPolicy(QComboBox.AdjustToMinimumContentsLengthWithIcon)
        bar.addWidget(QLabel("Ann&o scolastico:", self, buddy=self.year))
        bar.addWidget(self.year)
        bar.addSpacing(12)
        bar.addWidget(QLabel("&Versione:", self, buddy=self.version))
        bar.addWidget(self.version, 1)
        layout.addLayout(bar)
        self.header = QLabel(self)
        self.header.setObjectName("planHeader")
        self.header.setWordWrap(True)
        self.header.setTextInteractionFlags(Qt.TextSelectableByMouse)
        layout.addWidget(self.header)

        self.stack = QStackedWidget(self)
        self.tabs = QTabWidget(self)
        self.sections = SectionsEditor(self)
        self.staffing = StaffingGrid(self._sites(), self)
        self.assignments = AssignmentGrid(self._people(), self._sites(), self)
        self.tabs.addTab(self.sections, "S&ezioni del Piano")
        self.tabs.addTab(self.staffing, "&Dotazione organica")
        self.front_desk = FrontDeskGrid(self)
        self.tabs.addTab(self.assignments, "Asse&gnazioni del personale")
        self.tabs.addTab(self.front_desk, "Orario dello sporte&llo")
        self.tabs.currentChanged.connect(lambda _i: self._update_actions())
        for part in self._parts():
            part.changed.connect(self._edited)
        self.stack.addWidget(self.tabs)
        self.stack.addWidget(self._empty_page())
        layout.addWidget(self.stack, 1)
        self.errors = QLabel(self)
        self.errors.setObjectName("planErrors")
        self.errors.setWordWrap(True)
        self.errors.setStyleSheet(ERROR_STYLE)
        self.errors.setTextInteractionFlags(Qt.TextSelectableByMouse)
        self.errors.setVisible(False)
        layout.addWidget(self.errors)

        buttons = QHBoxLayout()
        for action in (self.save_action, self.new_action, self.adopt_action,
                       self.print_action):
            buttons.addWidget(self._button(action))
        buttons.addStretch(1)
        buttons.addWidget(self._button(self.close_action))
        layout.addLayout(buttons)
        self.status = QStatusBar(self)
        self.status.setSizeGripEnabled(False)
        layout.addWidget(self.status)

        self._fill_years(year)
        self.year.currentIndexChanged.connect(self._year_chosen)
        self.version.currentIndexChanged.connect(self._version_chosen)
        self.load_year(year)

    # --- construction ------------------------------------------------------------------
    def _action(self, text: str, slot, keys: str, tip: str = "") -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        action.setToolTip(tip or text.replace("&", ""))
        action.setProperty("tip", action.toolTip())
        action.triggered.connect(slot)
        self.addAction(action)       # the shortcut works anywhere in the window
        return action

    def _build_actions(self) -> None:
        self.save_action = self._action(
            "&Salva", self.save_clicked, "Ctrl+S",
            "Registra le sezioni, la dotazione e le assegnazioni della bozza (Ctrl+S)")
        self.new_action = self._action(
            "&Nuova versione…", self.new_clicked, "Ctrl+N",
            "Una nuova bozza copiata dalla versione in vigore (Ctrl+N)")
        self.adopt_action = self._action(
            "&Adotta…", self.adopt_clicked, "Ctrl+Shift+A",
            "Il Dirigente adotta la bozza con data e numero di protocollo dell'atto "
            "(Ctrl+Shift+A)")
        self.print_action = self._action(
            "S&tampa…", self.print_clicked, "Ctrl+P",
            "Stampa la versione mostrata, come registrata (Ctrl+P)")
        self.close_action = self._action("&Chiudi", self.reject, "Ctrl+W",
                                         "Chiude la finestra (Esc o Ctrl+W)")
        self.add_row_action = self._action(
            "Aggiungi riga", self.add_row, "Ctrl+Ins",
            "Una riga in fondo alla dotazione o alle assegnazioni (Ctrl+Ins)")
        self.remove_row_action = self._action(
            "Togli riga", self.remove_row, "Ctrl+Del",
            "Toglie la riga selezionata della dotazione o delle assegnazioni (Ctrl+Canc)")

    def _menu_bar(self) -> QMenuBar:
        bar = QMenuBar(self)
        menu = bar.addMenu("&Piano")
        menu.setToolTipsVisible(True)       # a disabled entry says why
        menu.addActions([self.save_action, self.new_action, self.adopt_action])
        menu.addSeparator()
        menu.addAction(self.print_action)
        menu.addSeparator()
        menu.addAction(self.close_action)
        rows = bar.addMenu("&Righe")
        rows.setToolTipsVisible(True)
        rows.addActions([self.add_row_action, self.remove_row_action])
        return bar

    def _button(self, action: QAction) -> QToolButton:
        button = QToolButton(self)
        button.setDefaultAction(action)
        button.setToolButtonStyle(Qt.ToolButtonTextOnly)
        button.setFocusPolicy(Qt.TabFocus)
        button.setMinimumHeight(28)
        return button

    def _empty_page(self) -> QWidget:
        page = QWidget(self)
        box = QVBoxLayout(page)
        box.addStretch(1)
        self.empty_label = QLabel(page)
        self.empty_label.setObjectName("planEmpty")
        self.empty_label.setAlignment(Qt.AlignCenter)
        self.empty_label.setWordWrap(True)
        box.addWidget(self.empty_label)
        self.create_button = QPushButton("Crea &bozza del Piano…", page)
        self.create_button.setAutoDefault(False)
        self.create_button.clicked.connect(self.new_clicked)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addWidget(self.create_button)
        row.addStretch(1)
        box.addLayout(row)
        box.addStretch(2)
        return page

    def statusBar(self) -> QStatusBar:  # noqa: N802 - as QMainWindow's, for status.confirm
        return self.status

    def _sites(self) -> list[tuple[str, str]]:
        if not hasattr(self, "_site_choices"):
            self._site_choices = [(s.code, s.name) for s in list_sites(self.db) if s.active]
        return self._site_choices

    def _people(self) -> list[tuple[int, str, str]]:
        return [(p.id, f"{p.surname} {p.name}", p.profile_label)
                for p in staff_list(self.db, include_inactive=False)]

    # --- year and version --------------------------------------------------------------
    def _fill_years(self, chosen: int) -> None:
        current = SchoolYear.of(date.today()).start_year
        years = {h.school_year for h in plan_versions(self.db)} | {current, current + 1,
                                                                   chosen}
        self.year.blockSignals(True)
        self.year.clear()
        for y in sorted(years, reverse=True):
            self.year.addItem(SchoolYear(y).label, y)
        self.year.setCurrentIndex(self.year.findData(chosen))
        self.year.blockSignals(False)

    @property
    def school_year(self) -> int:
        return self.year.currentData()

    @report_errors
    def load_year(self, year: int, version: int | None = None) -> None:
        """The versions of ``year``; shows ``version`` (default: the one in force, or the
        draft before any adoption)."""
        if self.year.currentData() != year:
            self._fill_years(year)
        self.versions = plan_versions(self.db, year)
        if version is None and self.versions:
            in_force = [h for h in self.versions if h.state == "adottato"]
            version = (in_force or self.versions)[-1].version
        self.version.blockSignals(True)
        self.version.clear()
        for h in reversed(self.versions):                 # the latest first
            self.version.addItem(version_label(h), h.version)
        self.version.setCurrentIndex(self.version.findData(version))
        self.version.blockSignals(False)
        self.version.setEnabled(bool(self.versions))
        if not self.versions:
            self.view = None
            self._show_empty(year)
        else:
            self.show_version(version)

    def _show_empty(self, year: int) -> None:
        label = SchoolYear(year).label
        self.stack.setCurrentIndex(1)
        may = allowed(self.db.current_user, PREPARE)
        self.header.setText(f"<b>Piano delle attività del personale ATA – a.s. {label}</b>")
        self.empty_label.setText(
            f"<h3>Nessun Piano delle attività per l'a.s. {label}</h3>"
            + ("La bozza nasce con le sezioni vuote; dotazione e assegnazioni si compilano "
               "qui, poi il Dirigente la adotta." if may else
               "La bozza la predispone il DSGA; qui si potrà consultarla."))
        self.create_button.setEnabled(may)
        self.create_button.setToolTip("Crea la prima versione del Piano dell'anno (Ctrl+N)"
                                      if may else missing(PREPARE))
        self._clean = None
        self._hide_errors()
        self._update_actions()

    @report_errors
    def show_version(self, version: int) -> None:
        self.view = view = plan_view(self.db, self.school_year, version)
        h = view.header
        self.stack.setCurrentIndex(0)
        self.sections.load(view.sections)
        people = {a.employee_id: a.person for a in view.assignments}
        sites = {r.site_code: r.site for r in (*view.staffing, *view.assignments)}
        self.staffing.set_rows([{"profile": r.profile, "site_code": r.site_code,
                                 "posts": r.posts, "need_note": r.need_note}
                                for r in view.staffing], {"site_code": sites})
        self.assignments.set_rows([{"employee_id": a.employee_id, "place_kind": a.place_kind,
                                    "place": a.place, "site_code": a.site_code,
                                    "duties": a.duties} for a in view.assignments],
                                  {"employee_id": people, "site_code": sites})
        self.front_desk.set_hours(view.front_desk)
        editable = self.editable
        for part in self._parts():
            part.set_editable(editable)
        self.header.setText(self._header_text(h, editable))
        self._clean = self.edit_state()
        self._hide_errors()
        self._update_actions()

    def _header_text(self, h: PlanHeader, editable: bool) -> str:
        facts = [f"Stato: <b>{h.state_label}</b>", f"bozza del {format_date(h.drafted_on)}"]
        if h.adopted:
            facts.append(f"adottato il {format_date(h.adopted_on)}, prot. n. {h.protocol}")
        else:
            facts.append("non ancora adottato")
        if h.superseded_on:
            facts.append(f"sostituito dal {format_date(h.superseded_on)}")
        if editable:
            hint = ("Bozza: le modifiche si registrano con «Salva» (Ctrl+S); la adotta il "
                    "Dirigente scolastico con «Adotta…».")
        elif h.state in EDITABLE:
            hint = ("Bozza del DSGA: qui si consulta" + (
                "; si adotta con «Adotta…» (Ctrl+Shift+A)." if allowed(
                    self.db.current_user, APPROVE) else "."))
        elif h.state == "adottato" and any(v.state in EDITABLE for v in self.versions):
            draft = next(v for v in self.versions if v.state in EDITABLE)
            hint = (f"Versione in vigore: si consulta soltanto. La versione {draft.version}, "
                    "che la cambierà, è in bozza: si sceglie in «Versione».")
        elif h.state == "adottato":
            hint = ("Versione in vigore: si consulta soltanto. Per cambiarla si crea una nuova "
                    "versione (Ctrl+N), copia di questa, da adottare a sua volta.")
        else:
            hint = "Versione sostituita da una successiva: si consulta soltanto."
        return (f"<b>Piano delle attività del personale ATA – a.s. {h.year_label}, versione "
                f"{h.version}</b><br>" + " · ".join(facts) + f"<br><i>{hint}</i>")

    @property
    def editable(self) -> bool:
        return (self.view is not None and self.view.header.state in EDITABLE
                and allowed(self.db.current_user, PREPARE))

    def _year_chosen(self, _index: int) -> None:
        year = self.year.currentData()
        if not self._settled():
            self._back_to_shown()
            return
        self.load_year(year)

    def _version_chosen(self, _index: int) -> None:
        version = self.version.currentData()
        if version is None:
            return
        if not self._settled():
            self._back_to_shown()
            return
        self.show_version(version)

    def _back_to_shown(self) -> None:
        """The combos back on the version shown (the clerk chose «Annulla»)."""
        if self.view is None:
            return
        for combo, value in ((self.year, self.view.header.school_year),
                             (self.version, self.view.header.version)):
            combo.blockSignals(True)
            combo.setCurrentIndex(combo.findData(value))
            combo.blockSignals(False)

    # --- changes -----------------------------------------------------------------------
    def _parts(self) -> tuple:
        return (self.sections, self.staffing, self.assignments, self.front_desk)

    def _grids(self) -> tuple:
        return (self.staffing, self.assignments, self.front_desk)

    def edit_state(self) -> tuple:
        return tuple(part.state() for part in self._parts())

    def has_changes(self) -> bool:
        return self.editable and self._clean is not None and self.edit_state() != self._clean

    def _edited(self) -> None:
        if self._clean is not None:
            self._update_actions()

    def _settled(self) -> bool:
        """True when nothing is left unsaved: no changes, saved now, or dropped (shown again
        as registered); False: the clerk goes back to the changes (or the save failed)."""
        if not self.has_changes():
            return True
        answer = dialogs.ask_save_changes(self)
        if answer == dialogs.BACK:
            return False
        if answer == dialogs.SAVE:
            return self.save()
        self.show_version(self.view.header.version)
        return True

    def save(self) -> bool:
        """Write what changed in the draft (one transaction); False if refused."""
        if not self.editable:
            return False
        self._hide_errors()
        h = self.view.header
        _sections, clean_staffing, clean_assignments, clean_front_desk = self._clean
        try:
            staffing = (self.staffing.values() if self.staffing.state() != clean_staffing
                        else None)
            assignments = (self.assignments.values()
                           if self.assignments.state() != clean_assignments else None)
            front_desk = (self.front_desk.values()
                          if self.front_desk.state() != clean_front_desk else None)
            texts = self.sections.changed_texts()
            if not texts and staffing is None and assignments is None and front_desk is None:
                confirm(self, "Nessuna modifica da salvare.")
                return True
            service.save_draft(self.db, h.id, texts, staffing=staffing,
                               assignments=assignments, front_desk=front_desk)
        except DomainError as exc:
            self._show_error(exc)
            return False
        self.show_version(h.version)
        confirm(self, f"Piano delle attività {h.year_label}, versione {h.version}: bozza "
                      "salvata.")
        return True

    def _show_error(self, exc: DomainError) -> None:
        self.errors.setText(exc.message)
        self.errors.setVisible(True)
        found = ROW_IN_MESSAGE.match(exc.message)
        if found:
            grid = next(g for g in self._grids() if g.what == found.group(1))
            self.tabs.setCurrentWidget(grid)
            grid.select(int(found.group(2)) - 1, getattr(exc, "field", None))
        elif getattr(exc, "field", None) in ("text", "key"):
            self.tabs.setCurrentWidget(self.sections)
            for key, title in SECTIONS.items():
                if f"«{title}»" in exc.message:
                    self.sections.select(key)

    def _hide_errors(self) -> None:
        self.errors.clear()
        self.errors.setVisible(False)

    # --- actions -----------------------------------------------------------------------
    def _update_actions(self) -> None:
        me = self.db.current_user
        may_prepare, may_approve = allowed(me, PREPARE), allowed(me, APPROVE)
        h = self.view.header if self.view is not None else None
        draft = next((v for v in self.versions if v.state in EDITABLE), None)
        in_force = next((v for v in self.versions if v.state == "adottato"), None)

        def state(action: QAction, reason: str = "") -> None:
            action.setEnabled(not reason)
            tip = action.property("tip")
            action.setToolTip(f"{tip}\n{reason}" if reason else tip)

        if not may_prepare:
            state(self.save_action, missing(PREPARE))
        elif h is None or h.state not in EDITABLE:
            state(self.save_action, "La versione mostrata non è una bozza: non si modifica."
                  if h else "Nessun Piano per l'anno scolastico scelto.")
        else:
            state(self.save_action)
        self.new_action.setText("&Nuova bozza…" if not self.versions else "&Nuova versione…")
        self.new_action.setProperty("tip", (
            "La prima versione del Piano dell'anno, con le sezioni vuote (Ctrl+N)"
            if not self.versions else
            "Una nuova bozza copiata dalla versione in vigore (Ctrl+N)"))
        if not may_prepare:
            state(self.new_action, missing(PREPARE))
        elif draft is not None:
            state(self.new_action, f"C'è già una bozza del Piano: la versione {draft.version}. "
                                   "Completarla e farla adottare.")
        elif self.versions and in_force is None:
            state(self.new_action, "Nessuna versione in vigore da cui copiare.")
        else:
            state(self.new_action)
        if not may_approve:
            state(self.adopt_action, missing(APPROVE))
        elif h is None or h.state not in EDITABLE:
            state(self.adopt_action, "Si adotta una bozza: la versione mostrata è «"
                  + (h.state_label if h else "assente") + "».")
        else:
            state(self.adopt_action)
        state(self.print_action, "" if h else "Nessun Piano da stampare.")
        grid_shown = self.tabs.currentWidget() in self._grids()
        for action in (self.add_row_action, self.remove_row_action):
            state(action, "" if self.editable and grid_shown else
                  "Nella dotazione, nelle assegnazioni o nell'orario di una bozza.")
        self.save_action.setText("&Salva" + (" *" if self.has_changes() else ""))

    @report_errors
    def save_clicked(self) -> None:
        if self.save_action.isEnabled():
            self.save()

    def _grid(self):
        widget = self.tabs.currentWidget()
        return widget if widget in self._grids() else None

    def add_row(self) -> None:
        grid = self._grid()
        if grid is not None and self.editable:
            grid.add_row(focus=True)

    def remove_row(self) -> None:
        grid = self._grid()
        if grid is not None and self.editable:
            grid.remove_current_row()

    @report_errors
    def new_clicked(self) -> None:
        if not allowed(self.db.current_user, PREPARE) or not self._settled():
            return
        year = self.school_year
        label = SchoolYear(year).label
        specs = [FieldSpec("drafted_on", "Data della bozza", kind="date", required=True)]
        in_force = next((v for v in self.versions if v.state == "adottato"), None)
        if not self.versions:
            title = "Nuova bozza del Piano delle attività"
            intro = (f"Prima versione del Piano dell'a.s. {label}: le sezioni sono vuote, "
                     "dotazione e assegnazioni da compilare.")

            def submit(v):
                return service.create_plan(self.db, year, drafted_on=v["drafted_on"])
        elif in_force is not None:
            title = "Nuova versione del Piano delle attività"
            number = max(v.version for v in self.versions) + 1
            intro = (f"La versione {number} del Piano {label} nasce come copia della versione "
                     f"{in_force.version} in vigore (sezioni, dotazione, assegnazioni); "
                     "adottata, la sostituirà. Una versione non si cancella.")

            def submit(v):
                return service.new_version(self.db, in_force.id, drafted_on=v["drafted_on"])
        else:
            return
        created = FormDialog.ask(self, title, specs, {"drafted_on": date.today()},
                                 on_submit=submit, intro=intro)
        if created is None:
            return
        self.load_year(year)
        draft = next((v for v in self.versions if v.state in EDITABLE), None)
        if draft is not None:
            self.version.setCurrentIndex(self.version.findData(draft.version))
            confirm(self, f"Piano delle attività {label}: creata la bozza della versione "
                          f"{draft.version}.")

    @report_errors
    def adopt_clicked(self) -> None:
        if not self.adopt_action.isEnabled() or not self._settled():
            return
        h = self.view.header
        before = next((v for v in self.versions if v.state == "adottato"), None)
        intro = (f"<b>Piano delle attività {h.year_label}, versione {h.version}</b>, bozza del "
                 f"{format_date(h.drafted_on)}.<br>Con l'atto del Dirigente la versione entra "
                 "in vigore" + (f" e sostituisce la versione {before.version} dal giorno "
                                "indicato." if before else ".")
                 + " Dopo l'adozione non si modifica più.")
        specs = [FieldSpec("adopted_on", "Data di adozione", kind="date", required=True),
                 FieldSpec("protocol", "Numero di protocollo", required=True, max_length=60,
                           placeholder="es. 0004512/VII.1")]

        def submit(v):
            service.adopt_plan(self.db, h.id, v["adopted_on"], v["protocol"] or "")
            return True

        if FormDialog.ask(self, "Adozione del Piano delle attività", specs,
                          {"adopted_on": date.today(), "protocol": ""}, on_submit=submit,
                          intro=intro) is None:
            return
        self.load_year(h.school_year, h.version)
        confirm(self, f"Piano delle attività {h.year_label}: versione {h.version} adottata"
                + (f", la versione {before.version} è sostituita." if before else "."))

    @report_errors
    def print_clicked(self) -> None:
        if self.view is None or not self._settled():
            return
        from ..common.printing import print_report

        h = self.view.header
        self.print_job = print_report(self, self.db, "piano-attivita", anno=h.school_year,
                                      versione=h.version)

    def reject(self) -> None:
        """Esc, Ctrl+W, Chiudi, the window's ×: asks first when something is unsaved."""
        if self._settled():
            super().reject()

    def discard(self) -> None:
        """Close without asking (what is unsaved is dropped)."""
        super().reject()
