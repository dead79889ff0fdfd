"""Only a missing file becomes a new archive (the demo, the first start): a file of 0 bytes or
cut short is refused «vuoto o danneggiato» and left byte for byte as it was, by every command
and by the GUI's opening path."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from iiss_desktop.db.schema import open_database, open_for_reading
from iiss_desktop.domain.errors import NotADatabaseError
from tests.services.inventory.test_import import row, write_csv

ROOT = Path(__file__).parents[2]


def _cli(*args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "iiss_desktop", *map(str, args)],
                          capture_output=True, text=True, cwd=ROOT, timeout=300)


def test_a_0_byte_archive_is_refused_by_the_dry_run_import_and_stays_0_bytes(tmp_path):
    folder = tmp_path / "ufficio"
    folder.mkdir()
    archive = folder / "a.db"
    archive.write_bytes(b"")
    source = write_csv(folder / "f.csv", [row(1)])
    result = _cli("importa-inventario", "--db", archive, source, "--prova")
    assert result.returncode == 1, result.stdout + result.stderr
    assert "vuoto o danneggiato" in result.stderr
    assert "Traceback" not in result.stderr
    assert archive.read_bytes() == b""
    assert sorted(p.name for p in folder.iterdir()) == ["a.db", "f.csv"]   # no -wal either


@pytest.mark.parametrize("create", [False, True])
def test_a_0_byte_archive_is_refused_even_where_a_new_one_may_be_created(tmp_path, create):
    archive = tmp_path / "a.db"
    archive.write_bytes(b"")
    with pytest.raises(NotADatabaseError) as info:
        open_database(archive, create=create)
    assert "vuoto o danneggiato" in info.value.message
    with pytest.raises(NotADatabaseError):
        open_for_reading(archive)
    assert archive.read_bytes() == b""


def test_the_gui_opening_with_db_refuses_a_0_byte_archive(tmp_path):
    from iiss_desktop.ui.app import open_user_database

    archive = tmp_path / "a.db"
    archive.write_bytes(b"")
    with pytest.raises(NotADatabaseError) as info:
        open_user_database(str(archive), demo=False)
    assert "vuoto o danneggiato" in info.value.message
    assert archive.read_bytes() == b""


@pytest.mark.parametrize("keep", [50, 100, 4096, 0.5])
def test_a_truncated_archive_is_refused_untouched(db, db_path, tmp_path, keep):
    from iiss_desktop.db.backup import backup_file

    copy = tmp_path / "copia.db"
    backup_file(db_path, copy)
    data = copy.read_bytes()
    cut = data[: int(len(data) * keep) if isinstance(keep, float) else keep]
    broken = tmp_path / "troncato.db"
    broken.write_bytes(cut)
    with pytest.raises(NotADatabaseError) as info:
        open_database(broken)
    assert "vuoto o danneggiato" in info.value.message
    assert broken.read_bytes() == cut


def test_a_file_that_is_not_sqlite_is_refused_untouched(tmp_path):
    text = tmp_path / "appunti.db"
    text.write_text("Inventario 2024\n" * 20)
    with pytest.raises(NotADatabaseError) as info:
        open_database(text)
    assert "vuoto o danneggiato" in info.value.message
    assert text.read_text() == "Inventario 2024\n" * 20


def test_the_header_tells_a_copy_cut_short_without_reading_the_pages(db, db_path, tmp_path):
    """Archives over 200 MB skip quick_check when opened: the page count in the header is what
    refuses a copy cut short there (here on a real small archive, by hand)."""
    from iiss_desktop.db.backup import backup_file
    from iiss_desktop.db.schema import _truncated

    copy = tmp_path / "copia.db"
    backup_file(db_path, copy)
    data = copy.read_bytes()
    header = data[:100]
    page_size = int.from_bytes(header[16:18], "big")
    assert int.from_bytes(header[28:32], "big") * page_size == len(data)
    assert not _truncated(header, len(data))
    assert _truncated(header, len(data) - page_size)
