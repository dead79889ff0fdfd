"""The print dialog records the protocol a document received and prints it (issue 12 item 8)."""
from __future__ import annotations

from datetime import date

from iiss_desktop.domain.access import COLLABORATORE
from iiss_desktop.domain.dates import format_date
from iiss_desktop.queries.protocol import report_documents
from iiss_desktop.ui.common import printing
from iiss_desktop.ui.print_dialog import PrintDialog
from tests.helpers.pdf import pdf_text
from tests.helpers.users import act_as_office


def _dialog(qtbot, db, name: str) -> PrintDialog:
    dialog = PrintDialog(None, db)
    qtbot.addWidget(dialog)
    dialog.list.setCurrentRow(next(i for i, s in enumerate(dialog.specs) if s.name == name))
    return dialog


def test_the_protocol_typed_is_recorded_and_printed(qtbot, demo_db, monkeypatch):
    opened, shown = [], []
    monkeypatch.setattr(printing, "open_pdf", lambda path: opened.append(path) or True)
    monkeypatch.setattr("iiss_desktop.ui.print_dialog.show_domain_error",
                        lambda _parent, exc: shown.append(exc.message))
    dialog = _dialog(qtbot, demo_db, "buono-prelevamento")
    # Only the journal's withdrawals are offered for a buono di prelevamento.
    offered = [dialog.document_edit.itemData(i) for i in range(dialog.document_edit.count())]
    assert offered == [(d.year, d.number) for d in report_documents(demo_db,
                                                                     "buono-prelevamento")]
    assert offered and not set(offered) & {(d.year, d.number) for d in report_documents(
        demo_db, "buono-versamento")}
    doc = dialog.current_document()
    assert dialog.protocol_edit.isEnabled() and dialog.correct_button.isHidden()
    # A date before the document: refused, nothing printed, nothing recorded.
    dialog.protocol_edit.setText("3456")
    dialog.protocol_date_edit.set_value(date(2000, 1, 1))
    dialog.print_selected()
    assert "precede quella del documento" in shown[0] and dialog.last_job is None
    assert report_documents(demo_db, "buono-prelevamento")[0].protocol is None
    dialog.protocol_date_edit.set_value(date.today())
    dialog.print_selected()
    qtbot.waitUntil(lambda: dialog.last_job.is_done(), timeout=30000)
    assert dialog.last_job.failure is None
    assert f"Prot. n. 3456 del {format_date(date.today())}" in pdf_text(opened[0], page=1)
    # Now the document shows its protocol, read-only, with «Correggi…».
    assert dialog.current_document().number == doc.number
    assert not dialog.protocol_edit.isEnabled() and not dialog.correct_button.isHidden()
    assert "Prot. n. 3456" in dialog.protocol_note.text()
    dialog.correct_button.click()
    dialog.protocol_edit.setText("3465")
    dialog.print_selected()                 # no reason: refused
    assert "motivo" in shown[-1]
    dialog.protocol_reason_edit.setText("Cifre invertite nella trascrizione")
    dialog.print_selected()
    qtbot.waitUntil(lambda: dialog.last_job.is_done() and len(opened) == 2, timeout=30000)
    assert "Prot. n. 3465 del" in pdf_text(opened[1], page=1)


def test_who_may_not_record_sees_the_fields_disabled(qtbot, demo_db):
    act_as_office(demo_db, "solo-collaboratore", roles=(COLLABORATORE,))
    dialog = _dialog(qtbot, demo_db, "buono-prelevamento")
    assert not dialog.protocol_edit.isEnabled()
    assert "compilare a mano" in dialog.protocol_note.text()
