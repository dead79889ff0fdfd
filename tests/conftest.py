"""Shared fixtures: real SQLite files with the production pragmas, a real PostgreSQL server."""
from __future__ import annotations

import os
import shutil
import tempfile
import uuid
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# Logs and automatic backups of the tests go to a private folder, never to the user's profile.
os.environ["IISS_DATA_DIR"] = tempfile.mkdtemp(prefix="iiss-test-data-")

import pytest

from iiss_desktop.domain.registers import RegisterSpec, define_register

TEST_REGISTER = define_register(RegisterSpec("prova", "Registro di prova", "Test"))
PERMANENT_REGISTER = define_register(
    RegisterSpec("prova-perm", "Registro di prova senza rinnovo annuale", "Test", yearly=False))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    """Each test its own data folder: backups, printouts and window state never leak."""
    folder = tmp_path / "dati-utente"
    monkeypatch.setenv("IISS_DATA_DIR", str(folder))
    return folder


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "archivio.db"


@pytest.fixture
def db(db_path):
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.users import login

    database = open_database(db_path, create=True)
    login(database, "mrossi")
    yield database
    database.dispose()


@pytest.fixture(scope="session")
def demo_template(tmp_path_factory) -> Path:
    from iiss_desktop.demo import build_demo

    path = tmp_path_factory.mktemp("demo") / "demo.db"
    build_demo(path).dispose()
    return path


@pytest.fixture
def demo_path(demo_template, tmp_path) -> Path:
    """A private copy of the demo database (built once per run)."""
    from iiss_desktop.db.backup import backup_file

    target = tmp_path / "demo.db"
    backup_file(demo_template, target)
    return target


@pytest.fixture
def demo_db(demo_path):
    from iiss_desktop.db.schema import open_database
    from iiss_desktop.services.users import login

    database = open_database(demo_path)
    login(database, "segreteria")
    yield database
    database.dispose()


# --- PostgreSQL ---------------------------------------------------------------------------

def _server_url() -> str:
    url = os.environ.get("IISS_TEST_PG_URL")
    if not url:
        pytest.fail("PostgreSQL di prova non configurato: eseguire i test con .ci/run, che avvia "
                    "un server locale e imposta IISS_TEST_PG_URL.")
    return url


@pytest.fixture
def pg_url():
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    import psycopg

    server = _server_url()
    name = f"iiss_test_{uuid.uuid4().hex[:12]}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = server.rpartition("/")
    yield f"{base}/{name}"
    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def python_exe() -> str:
    import sys

    return sys.executable


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"Programma «{name}» non installato: eseguire .ci/run (installa poppler-utils).")
    return path
