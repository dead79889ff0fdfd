"""The passaggio di consegne wizard, driven to the end on the demo archive; comodato prints."""
from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtWidgets import QWizard

from iiss_desktop.domain.dates import format_date
from iiss_desktop.queries.inventory.handover import list_handovers
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.inventory.handover import HandoverWizard
from tests.helpers.ui import save_screenshot


def _type(form, name, value):
    editor = form.editors[name]
    if hasattr(editor, "line_edit"):
        editor.line_edit.setText(value)
    else:
        editor.setText(value)


def test_wizard_records_and_prints_the_verbale(qtbot, demo_db, monkeypatch, tmp_path):
    opened = []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    before = list_handovers(demo_db)
    wizard = HandoverWizard(None, demo_db)
    qtbot.addWidget(wizard)
    wizard.show()
    page = wizard.parties
    # Prefilled from the school's heading: the DSGA who leaves and the Dirigente.
    assert page.form.editors["outgoing_dsga"].text() == "Dott. Alessandro Ferri"
    assert page.form.editors["dirigente"].text() == "Prof.ssa Maria Grazia Colonna"
    ceased = date.today() - timedelta(days=70)
    _type(page.form, "cessation_date", format_date(ceased))
    # 70 days ago: the 60 days are over, and the page says so.
    assert "Termine superato di 10 giorni" in page.deadline_label.text()
    wizard.next()
    assert wizard.currentPage() is page                       # required names missing
    assert page.form.error_text("presidente_ci")
    _type(page.form, "presidente_ci", "Sig. Luigi Verdi")
    _type(page.form, "incoming_dsga", "Dott. Alessandro Ferri")
    wizard.next()
    assert wizard.currentPage() is page                       # same person: refused inline
    assert "diversa" in page.form.error_text("incoming_dsga")
    _type(page.form, "incoming_dsga", "Dott.ssa Giovanna Marchi")
    _type(page.form, "place", "Ufficio del DSGA")
    wizard.next()
    assert wizard.currentPage() is wizard.snapshot_page
    table = wizard.snapshot_page.table
    titles = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert titles[0] == "Inventario dei beni mobili"
    assert "Totale del patrimonio dell'istituto" in titles
    assert "Comodati in corso" in wizard.snapshot_page.summary.text()
    assert save_screenshot(wizard, "handover_snapshot.png", tmp_path)
    wizard.next()
    check = wizard.check
    check.form.editors["outgoing_absent"].setChecked(False)
    check.form.editors["check_mode"].setCurrentIndex(1)        # a campione, but present
    wizard.next()
    assert wizard.currentPage() is check and check.form.error_text("check_mode")
    check.form.editors["check_mode"].setCurrentIndex(0)
    check.form.editors["outcome"].setPlainText("Beni verificati, nessuna differenza.")
    wizard.next()
    assert wizard.currentPage() is wizard.confirm
    assert "10 giorni di ritardo" in wizard.confirm.text.text()
    # A preview of every field; «Indietro» to correct, nothing recorded until the tick.
    preview = wizard.confirm.text.text()
    assert "Ufficio del DSGA" in preview and "nessuna differenza" in preview
    assert "Inventario dei beni mobili" in preview
    assert wizard.button(QWizard.BackButton).isVisible()
    finish = wizard.button(QWizard.FinishButton)
    assert not finish.isEnabled() and list_handovers(demo_db) == before
    wizard.back()
    assert wizard.currentPage() is check
    wizard.next()
    assert save_screenshot(wizard, "handover_confirm.png", tmp_path)
    assert not finish.isEnabled()
    wizard.confirm.checked.setChecked(True)
    assert finish.isEnabled()
    finish.click()
    assert wizard.result_ is not None and wizard.result_.days_late == 10
    qtbot.waitUntil(lambda: wizard.print_job is not None and wizard.print_job.is_done(),
                    timeout=30000)
    assert wizard.print_job.failure is None
    assert opened and opened[0].read_bytes().startswith(b"%PDF")
    newest = list_handovers(demo_db)[0]
    assert (newest.number, newest.year) == (wizard.result_.number, date.today().year)
    assert (newest.outgoing_dsga, newest.incoming_dsga) == ("Dott. Alessandro Ferri",
                                                            "Dott.ssa Giovanna Marchi")


def test_first_page_warns_when_the_term_is_near(qtbot, demo_db, tmp_path):
    wizard = HandoverWizard(None, demo_db)
    qtbot.addWidget(wizard)
    wizard.show()
    _type(wizard.parties.form, "cessation_date", format_date(date.today() - timedelta(days=50)))
    assert "Restano 10 giorni." in wizard.parties.deadline_label.text()
    assert save_screenshot(wizard, "handover_parties.png", tmp_path)
