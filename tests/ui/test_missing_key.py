"""A PC without the archive's change-log key is asked for it at start-up, before the login
(which is itself recorded and needs the key)."""
from __future__ import annotations

from iiss_desktop.db import chain_key
from iiss_desktop.db.schema import open_database
from iiss_desktop.services.school import save_site
from iiss_desktop.ui.app import ask_for_missing_key
from tests.helpers.ui import on_next_modal, save_screenshot


def _open_on_another_pc(db, db_path, tmp_path, monkeypatch):
    exported = chain_key.export_key(db, tmp_path / "chiave.json")
    user = db.current_user
    db.dispose()
    monkeypatch.setenv("IISS_DATA_DIR", str(tmp_path / "altro-pc"))
    other = open_database(db_path)
    other.current_user = user
    return other, exported


def test_the_key_is_asked_for_and_then_the_pc_can_write(qtbot, db, db_path, tmp_path,
                                                         monkeypatch):
    other, exported = _open_on_another_pc(db, db_path, tmp_path, monkeypatch)
    seen = []

    def press_open(box):
        seen.append(box.text())
        save_screenshot(box, "chiave-mancante.png")
        assert [b.text() for b in box.buttons()] == ["Importa la chiave…", "Esci"]
        box.buttons()[0].click()
    on_next_modal(press_open)
    assert ask_for_missing_key(other, choose_file=lambda: str(exported))
    assert "manca la chiave" in seen[0]
    save_site(other, {"code": "PL2", "name": "Plesso nuovo", "is_main": False})
    other.dispose()


def test_giving_up_leaves_the_archive_unchanged(qtbot, db, db_path, tmp_path, monkeypatch):
    other, _ = _open_on_another_pc(db, db_path, tmp_path, monkeypatch)
    before = db_path.read_bytes()
    on_next_modal(lambda box: box.buttons()[1].click())
    assert ask_for_missing_key(other) is False
    other.dispose()
    assert db_path.read_bytes() == before
