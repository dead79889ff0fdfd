"""The size limit of attachments is the school's, set in Impostazioni › Istituto."""
from __future__ import annotations

import sqlite3

from iiss_desktop.services.school import save_school
from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.settings.dialog import SchoolPage


def _limit(path) -> int:
    with sqlite3.connect(path) as con:
        return con.execute("SELECT attachment_limit_mb FROM school").fetchone()[0]


def test_the_attachment_limit_is_set_in_the_school_settings(qtbot, db, db_path):
    create_app()
    save_school(db, {"denominazione": "IC Via Roma", "codice_meccanografico": "RMIC86400X"})
    assert _limit(db_path) == 10                       # the default
    page = SchoolPage(db)
    qtbot.addWidget(page)
    assert page.form.attachment_limit_mb_edit.text() == "10"
    page.form.load({"attachment_limit_mb": 0})
    assert not page.save()
    assert "limite degli allegati" in page.form.error_text("attachment_limit_mb")
    assert _limit(db_path) == 10
    page.form.load({"attachment_limit_mb": 25})
    assert page.save()
    assert _limit(db_path) == 25
