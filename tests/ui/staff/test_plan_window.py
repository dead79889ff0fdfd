"""The window of the Piano delle attività with real widgets on a copy of the demo archive
(a.s. 2026/27: version 1 adopted on 05/10/2026, prot. 0004512/VII.1; version 2 a draft of
16/11/2026): what it lists and shows, a section saved and read back, the adopted version only
read, the adoption by the dirigente through its form, the DSGA who cannot adopt, a bad
dotazione refused naming the row with nothing saved, rows added and removed, the question
before unsaved changes are lost, the empty year, the print."""
from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QMessageBox

from iiss_desktop.domain.dates import SchoolYear
from iiss_desktop.domain.staff.plan import SECTIONS
from iiss_desktop.queries.staff_plan import plan_view
from iiss_desktop.services.users import act_as
from tests.helpers.ui import fill_next_form, on_next_modal, table_snapshot

pytestmark = pytest.mark.usefixtures("errors_raise")

PLAN_TABLES = ("staff_plan", "staff_plan_section", "staff_plan_staffing",
               "staff_plan_assignment", "audit_log")
V1 = "Versione 1 – Adottato il 05/10/2026, prot. n. 0004512/VII.1 (in vigore)"
V2 = "Versione 2 – Bozza del 16/11/2026"


def _window(qtbot, db, user="dsga", version=None, year=2026):
    from iiss_desktop.ui.staff.plan import PlanWindow

    act_as(db, user)
    win = PlanWindow(db, school_year=year)
    qtbot.addWidget(win)
    if version is not None:
        win.version.setCurrentIndex(win.version.findData(version))
    return win


def _versions(win) -> list[str]:
    return [win.version.itemText(i) for i in range(win.version.count())]


def _choose(grid, row: int, key: str, value) -> None:
    """Pick ``value`` in the drop-down of a cell, as the clerk does (F2, choose, Enter)."""
    table = grid.table
    index = table.model().index(row, grid.keys.index(key))
    table.setCurrentIndex(index)
    table.edit(index)
    combo = table.indexWidget(index)
    combo.setCurrentIndex(combo.findData(value))
    combo.activated.emit(combo.currentIndex())


def _type(grid, row: int, key: str, text: str) -> None:
    grid.table.item(row, grid.keys.index(key)).setText(text)


def test_the_tab_opens_the_window_on_the_version_in_force_read_only(qtbot, demo_db):
    from iiss_desktop.ui.events import AppEvents
    from iiss_desktop.ui.staff.plan import PlanWindow
    from iiss_desktop.ui.staff.tab import StaffTab

    act_as(demo_db, "dsga")
    tab = StaffTab(demo_db, AppEvents())
    qtbot.addWidget(tab)
    action = next(a for a in tab.all_actions() if a.text() == "Piano delle attività…")
    assert action.shortcut().toString() == "Ctrl+Shift+A" and action.isEnabled()
    seen = {}

    def look(win):
        assert isinstance(win, PlanWindow)
        seen["title"], seen["year"] = win.windowTitle(), win.school_year

    on_next_modal(look)
    action.trigger()
    assert seen["title"] == "Piano delle attività del personale ATA"
    assert seen["year"] == SchoolYear.of(date.today()).start_year        # the current one


def test_the_demo_lists_the_draft_and_the_adopted_version(qtbot, demo_db):
    win = _window(qtbot, demo_db)
    assert win.year.currentText() == "2026/27"
    assert _versions(win) == [V2, V1]
    assert win.version.currentData() == 1                     # the one in force
    text = win.header.text()
    assert "a.s. 2026/27, versione 1" in text and "adottato dal Dirigente" in text
    assert "bozza del 22/09/2026" in text and "adottato il 05/10/2026, prot. n. 0004512/VII.1" \
        in text
    assert [win.sections.list.item(i).text() for i in range(win.sections.list.count())] == [
        f"{n}. {title}" for n, title in enumerate(SECTIONS.values(), 1)]
    assert win.sections.editor.toPlainText().startswith("Assistenti amministrativi:")
    # adopted: nothing can be edited, saved or adopted again
    assert win.sections.editor.isReadOnly()
    assert win.staffing.table.editTriggers() == QAbstractItemView.NoEditTriggers
    assert not win.staffing.add_button.isEnabled()
    assert not win.save_action.isEnabled() and not win.adopt_action.isEnabled()
    assert "non è una bozza" in win.save_action.toolTip()
    assert not win.new_action.isEnabled()                      # v2 is already a draft
    assert "C'è già una bozza del Piano: la versione 2" in win.new_action.toolTip()
    assert win.staffing.table.rowCount() == 8 and "Totale posti: 22" in win.staffing.note.text()
    assert win.assignments.table.rowCount() == 21
    win.version.setCurrentIndex(win.version.findData(2))
    assert "bozza del DSGA" in win.header.text() and "non ancora adottato" in win.header.text()
    assert not win.sections.editor.isReadOnly() and win.save_action.isEnabled()
    assert win.assignments.table.rowCount() == 22 and "Totale posti: 23" in \
        win.staffing.note.text()
    assert win.assignments.table.item(21, 0).text() == "Greco Silvia"


def test_a_section_edited_in_the_draft_is_saved_and_read_back(qtbot, demo_db):
    win = _window(qtbot, demo_db, version=2)
    win.sections.select("sportello")
    old = plan_view(demo_db, 2026, 2).sections[3].text
    assert win.sections.editor.toPlainText() == old
    win.sections.editor.setPlainText(old + "\n\nIl sabato la segreteria è chiusa.")
    assert win.has_changes() and win.save_action.text() == "&Salva *"
    assert win.sections.list.item(3).font().bold()             # changed, not yet saved
    win.save_action.trigger()
    assert not win.has_changes() and win.errors.isHidden()
    assert plan_view(demo_db, 2026, 2).sections[3].text.endswith(
        "\n\nIl sabato la segreteria è chiusa.")
    assert plan_view(demo_db, 2026, 1).sections[3].text == old     # the adopted one stays
    assert "bozza salvata" in win.status.currentMessage()
    win.close()
    again = _window(qtbot, demo_db, version=2)
    again.sections.select("sportello")
    assert again.sections.editor.toPlainText() == old + "\n\nIl sabato la segreteria è chiusa."


def test_the_dirigente_adopts_through_the_form_and_the_first_version_is_superseded(
        qtbot, demo_db, demo_path):
    win = _window(qtbot, demo_db, user="dirigente", version=2)
    # the dirigente reads the draft (no staff.prepare) and adopts it
    assert win.sections.editor.isReadOnly() and not win.save_action.isEnabled()
    assert win.adopt_action.isEnabled()
    before = table_snapshot(demo_path, PLAN_TABLES[:-1])
    seen = fill_next_form(qtbot, {"adopted_on": date(2026, 11, 10), "protocol": "0005120"})
    win.adopt_action.trigger()
    assert seen["title"] == "Adozione del Piano delle attività"
    assert seen["errors"] == {"adopted_on": "Data di adozione: non può precedere la data della "
                                            "bozza."}
    assert table_snapshot(demo_path, PLAN_TABLES[:-1]) == before
    seen = fill_next_form(qtbot, {"adopted_on": date(2026, 12, 1), "protocol": " "})
    win.adopt_action.trigger()
    assert "obbligatorio" in seen["errors"]["protocol"]
    seen = fill_next_form(qtbot, {"adopted_on": date(2026, 12, 1),
                                  "protocol": "0005120/VII.1"})
    win.adopt_action.trigger()
    assert seen["errors"] == {}
    assert _versions(win) == [
        "Versione 2 – Adottato il 01/12/2026, prot. n. 0005120/VII.1 (in vigore)",
        "Versione 1 – Sostituito dal 01/12/2026 (adottato il 05/10/2026, prot. n. "
        "0004512/VII.1)"]
    assert win.version.currentData() == 2
    assert "adottato dal Dirigente" in win.header.text()
    assert "adottato il 01/12/2026, prot. n. 0005120/VII.1" in win.header.text()
    assert not win.adopt_action.isEnabled()
    first = plan_view(demo_db, 2026, 1).header
    assert (first.state, first.superseded_on) == ("superato", date(2026, 12, 1))
    win.version.setCurrentIndex(win.version.findData(1))
    assert "sostituito dal 01/12/2026" in win.header.text()
    assert win.sections.editor.isReadOnly()


def test_the_dsga_cannot_adopt(qtbot, demo_db):
    win = _window(qtbot, demo_db, version=2)
    assert win.save_action.isEnabled() and not win.adopt_action.isEnabled()
    assert ("Serve il permesso «Adozione del Piano delle attività e concessione di "
            "permessi».") in win.adopt_action.toolTip()
    win.adopt_action.trigger()                       # disabled: no form, nothing happens
    assert plan_view(demo_db, 2026, 2).header.state == "bozza"


@pytest.mark.parametrize("typed, said", [
    ("-2", "Dotazione organica, riga 2: il campo «Posti» richiede un numero intero da 1 a "
           "999."),
    ("due", "Dotazione organica, riga 2: il campo «Posti» richiede un numero intero da 1 a "
            "999 (scritto «due»)."),
])
def test_a_bad_number_of_posts_names_the_row_and_nothing_is_saved(qtbot, demo_db, demo_path,
                                                                 typed, said):
    win = _window(qtbot, demo_db, version=2)
    before = table_snapshot(demo_path, PLAN_TABLES)
    win.sections.select("formazione")
    win.sections.editor.setPlainText("Corso sul nuovo protocollo informatico.")
    win.tabs.setCurrentWidget(win.staffing)
    _type(win.staffing, 1, "posts", typed)
    win.save_action.trigger()
    assert not win.errors.isHidden() and win.errors.text() == said
    assert win.tabs.currentWidget() is win.staffing
    assert (win.staffing.table.currentRow(), win.staffing.table.currentColumn()) == (1, 2)
    assert table_snapshot(demo_path, PLAN_TABLES) == before        # not even the section
    assert win.has_changes()                                       # what was typed stays
    _type(win.staffing, 1, "posts", "6")
    win.save_action.trigger()
    assert win.errors.isHidden()
    view = plan_view(demo_db, 2026, 2)
    assert view.staffing[1].posts == 6 and view.sections[6].text.startswith("Corso sul")


def test_rows_added_and_removed_in_the_draft(qtbot, demo_db):
    win = _window(qtbot, demo_db, version=2)
    win.tabs.setCurrentWidget(win.staffing)
    assert win.add_row_action.isEnabled()
    win.add_row_action.trigger()
    assert win.staffing.table.rowCount() == 9
    _choose(win.staffing, 8, "profile", "AT")
    _choose(win.staffing, 8, "site_code", "INF")
    _type(win.staffing, 8, "posts", "1")
    _type(win.staffing, 8, "need_note", " Tablet delle sezioni ")
    assert win.staffing.table.item(8, 0).text() == "Assistente tecnico"
    assert "Totale posti: 24" in win.staffing.note.text()
    win.staffing.table.setCurrentCell(0, 0)
    win.remove_row_action.trigger()                     # the DSGA's row
    win.tabs.setCurrentWidget(win.assignments)
    win.add_row_action.trigger()
    greco = win.assignments.table.item(21, 0).data(Qt.UserRole)
    win.save_action.trigger()
    assert win.errors.text() == "Assegnazioni, riga 23: il campo «Dipendente» è obbligatorio."
    _choose(win.assignments, 22, "employee_id", greco)
    _type(win.assignments, 22, "place", "Salone")
    win.save_action.trigger()
    assert win.errors.isHidden()
    view = plan_view(demo_db, 2026, 2)
    assert [(r.profile, r.site_code, r.posts) for r in view.staffing][-1] == ("AT", "INF", 1)
    assert view.staffing[-1].need_note == "Tablet delle sezioni"
    assert len(view.staffing) == 8 and view.staffing[0].profile == "AA"
    assert [(a.person, a.place_kind, a.place, a.site_code) for a in view.assignments][-1] == (
        "Greco Silvia", "piano", "Salone", "SEDE")
    # the adopted version has no row actions
    win.version.setCurrentIndex(win.version.findData(1))
    assert not win.add_row_action.isEnabled() and not win.remove_row_action.isEnabled()


def _answer(button_text: str) -> list:
    seen = []

    def click(box):
        assert isinstance(box, QMessageBox), box
        seen.append(box.text())
        next(b for b in box.buttons() if b.text() == button_text).click()

    on_next_modal(click)
    return seen


def test_unsaved_changes_are_asked_before_another_version_or_closing(qtbot, demo_db,
                                                                    save_question):
    win = _window(qtbot, demo_db, version=2)
    win.show()
    win.sections.select("criteri")
    win.sections.editor.setPlainText("Criteri riscritti.")
    seen = _answer("&Annulla")
    win.version.setCurrentIndex(win.version.findData(1))
    assert seen == ["Salvare le modifiche?"]
    assert win.version.currentData() == 2 and win.view.header.version == 2
    assert win.sections.editor.toPlainText() == "Criteri riscritti."
    seen = _answer("&Salva")
    win.version.setCurrentIndex(win.version.findData(1))
    assert seen and win.view.header.version == 1
    assert plan_view(demo_db, 2026, 2).sections[1].text == "Criteri riscritti."
    win.version.setCurrentIndex(win.version.findData(2))       # nothing changed: no question
    win.sections.select("criteri")
    win.sections.editor.setPlainText("Ancora altro.")
    seen = _answer("&Annulla")
    win.close_action.trigger()                                  # Ctrl+W
    assert seen and win.isVisible()
    seen = _answer("&Non salvare")
    win.reject()                                                # Esc
    assert seen and not win.isVisible()
    assert plan_view(demo_db, 2026, 2).sections[1].text == "Criteri riscritti."


def test_a_year_without_a_plan_offers_its_first_draft(qtbot, demo_db):
    win = _window(qtbot, demo_db, year=2027)
    assert win.stack.currentIndex() == 1
    assert "Nessun Piano delle attività per l'a.s. 2027/28" in win.empty_label.text()
    assert win.create_button.isEnabled() and win.new_action.text() == "&Nuova bozza…"
    assert not win.print_action.isEnabled() and not win.version.isEnabled()
    seen = fill_next_form(qtbot, {"drafted_on": date(2027, 9, 10)})
    win.create_button.click()
    assert seen["title"] == "Nuova bozza del Piano delle attività" and seen["errors"] == {}
    assert _versions(win) == ["Versione 1 – Bozza del 10/09/2027"]
    assert win.stack.currentIndex() == 0 and win.save_action.isEnabled()
    assert win.staffing.table.rowCount() == 0
    assert all(s.text == "" for s in plan_view(demo_db, 2027).sections)


def test_a_new_version_from_the_one_in_force_after_the_adoption(qtbot, demo_db):
    from iiss_desktop.services.staff import plan

    act_as(demo_db, "dirigente")
    plan.adopt_plan(demo_db, plan_view(demo_db, 2026, 2).header.id, date(2026, 12, 1),
                    "0005120/VII.1")
    win = _window(qtbot, demo_db)
    assert win.version.currentData() == 2 and win.new_action.isEnabled()
    seen = fill_next_form(qtbot, {"drafted_on": date(2026, 11, 30)})
    win.new_action.trigger()
    assert "non può precedere l'adozione" in seen["errors"]["drafted_on"]
    seen = fill_next_form(qtbot, {"drafted_on": date(2026, 12, 3)})
    win.new_action.trigger()
    assert seen["errors"] == {}
    assert win.version.currentData() == 3 and win.version.currentText() == \
        "Versione 3 – Bozza del 03/12/2026"
    assert win.assignments.table.rowCount() == 22 and win.save_action.isEnabled()


def test_print_renders_the_version_shown(qtbot, demo_db, monkeypatch):
    from iiss_desktop.ui.common import printing
    from tests.helpers.pdf import pdf_flat

    opened: list[Path] = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    win = _window(qtbot, demo_db, version=2)
    win.print_action.trigger()
    qtbot.waitUntil(win.print_job.is_done, timeout=60000)
    assert win.print_job.failure is None
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    text = pdf_flat(opened[0])
    assert "Versione 2 · BOZZA" in text and "Greco Silvia" in text


def test_the_keyboard_adds_a_row_saves_and_closes(qtbot, demo_db):
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    win = _window(qtbot, demo_db, version=2)
    win.show()
    win.activateWindow()
    assert QTest.qWaitForWindowActive(win)
    qtbot.waitUntil(lambda: QApplication.activeWindow() is win)
    win.tabs.setCurrentWidget(win.staffing)
    table = win.staffing.table
    table.setFocus()
    table.setCurrentCell(0, 3)
    QTest.keyClick(table, Qt.Key_Insert, Qt.ControlModifier)          # Aggiungi riga
    assert table.rowCount() == 9 and table.currentRow() == 8
    QTest.keyClick(table, Qt.Key_Delete, Qt.ControlModifier)          # Togli riga
    assert table.rowCount() == 8
    _type(win.staffing, 7, "posts", "5")
    QTest.keyClick(table, Qt.Key_S, Qt.ControlModifier)               # Salva
    assert plan_view(demo_db, 2026, 2).staffing[7].posts == 5 and not win.has_changes()
    # Esc closes (Ctrl+W is the same action, triggered in the test of unsaved changes: a
    # Ctrl+W typed here would leave Ctrl held for the next tests, its release going to a
    # window already hidden)
    QTest.keyClick(table, Qt.Key_Escape)
    assert not win.isVisible()
    assert QApplication.keyboardModifiers() == Qt.NoModifier


def test_the_front_desk_hours_of_the_draft_are_edited_and_refused_naming_the_row(
        qtbot, demo_db, demo_path):
    """The demo's Piano opens 08:30–12:30 Monday to Saturday, Tuesday and Thursday also
    14:30–16:30, to the staff 12:30–13:30 Monday to Friday: 13 rows, copied into v2."""
    win = _window(qtbot, demo_db, version=2)
    win.tabs.setCurrentWidget(win.front_desk)
    grid = win.front_desk
    assert grid.table.rowCount() == 13
    assert [grid.table.item(0, n).text() for n in range(4)] == [
        "lunedì", "08:30", "12:30", "Pubblico"]
    assert "8 aperture al pubblico" in grid.note.text()
    combo_days = [label for _code, label in grid.columns[0].choices]
    assert combo_days == ["lunedì", "martedì", "mercoledì", "giovedì", "venerdì", "sabato"]
    win.add_row_action.trigger()
    _choose(grid, 13, "weekday", 5)
    _type(grid, 13, "start", "14:00")
    _type(grid, 13, "end", "13:00")
    before = table_snapshot(demo_path, PLAN_TABLES + ("staff_plan_front_desk",))
    win.tabs.setCurrentWidget(win.sections)
    win.save_action.trigger()
    assert win.errors.text() == ("Orario dello sportello, riga 14: «Alle» (13:00) deve venire "
                                 "dopo «Dalle» (14:00).")
    assert win.tabs.currentWidget() is grid and grid.table.currentRow() == 13
    assert table_snapshot(demo_path, PLAN_TABLES + ("staff_plan_front_desk",)) == before
    _type(grid, 13, "end", "15:00")
    win.save_action.trigger()
    assert win.errors.isHidden()
    saturday = [(r.hours, r.audience) for r in plan_view(demo_db, 2026, 2).front_desk
                if r.weekday == 5]
    assert saturday == [("08:30–12:30", "pubblico"), ("14:00–15:00", "pubblico")]
    assert len(plan_view(demo_db, 2026, 1).front_desk) == 13      # the adopted one unchanged
