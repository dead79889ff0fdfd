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
from hypothesis import HealthCheck, settings

from iiss_desktop.domain.registers import RegisterSpec, define_register

# Property tests: no timing assertions (a busy machine must not fail them), no example
# database left in the working tree, the same examples at every run.
settings.register_profile("iiss", deadline=None, database=None, derandomize=True,
                          suppress_health_check=[HealthCheck.function_scoped_fixture,
                                                 HealthCheck.too_slow])
settings.load_profile("iiss")

SESSION_DATA_DIR = Path(os.environ["IISS_DATA_DIR"])   # the demo template's keys are here
TEST_REGISTER = define_register(RegisterSpec("prova", "Registro di prova", "Test"))
PERMANENT_REGISTER = define_register(
    RegisterSpec("prova-perm", "Registro di prova senza rinnovo annuale", "Test", yearly=False))


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch) -> Path:
    """Each test its own data folder: backups, printouts and window state never leak. The
    chain keys of archives built once for many tests (session and module fixtures, built
    with the session's folder) come along, as on a PC that made them."""
    folder = tmp_path.parent / f"{tmp_path.name}-dati-utente"   # beside: tmp_path stays empty
    monkeypatch.setenv("IISS_DATA_DIR", str(folder))
    keys = SESSION_DATA_DIR / "chiavi"
    if keys.is_dir():
        shutil.copytree(keys, folder / "chiavi", dirs_exist_ok=True)
    return folder


@pytest.fixture
def db_path(tmp_path) -> Path:
    return tmp_path / "archivio.db"


@pytest.fixture(scope="session")
def empty_template(tmp_path_factory) -> Path:
    """An empty archive at the schema's head, created (through every migration) once per run
    with the session's folder; each ``db`` is a copy of it, as ``demo_path`` of the demo.
    The migrations themselves are tested by tests/db/test_migrations.py."""
    from iiss_desktop.db.schema import open_database

    path = tmp_path_factory.mktemp("vuoto") / "archivio.db"
    open_database(path, create=True).dispose()
    return path


@pytest.fixture
def db(db_path, empty_template):
    from iiss_desktop.db.backup import backup_file
    from iiss_desktop.db.schema import open_database
    from tests.helpers.users import act_as_office

    backup_file(empty_template, db_path)
    database = open_database(db_path)
    act_as_office(database, "mrossi")
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
    from tests.helpers.users import act_as_office

    database = open_database(demo_path)
    act_as_office(database, "segreteria")
    yield database
    database.dispose()


# --- PostgreSQL ---------------------------------------------------------------------------

def _pg_bin() -> Path | None:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/initdb"),
                      key=lambda p: int(p.parent.parent.name)
                      if p.parent.parent.name.isdigit() else 0)
    return versions[-1].parent if versions else None


@pytest.fixture(scope="session")
def pg_server():
    """URL of a PostgreSQL server for the tests: IISS_TEST_PG_URL if set (.ci/run sets it),
    otherwise a throwaway server started here from the local PostgreSQL binaries."""
    url = os.environ.get("IISS_TEST_PG_URL")
    if url:
        yield url
        return
    bindir = _pg_bin()
    if bindir is None:
        pytest.fail("PostgreSQL non installato: installare il pacchetto «postgresql» oppure "
                    "indicare un server di prova con IISS_TEST_PG_URL (lo fa .ci/run).")
    import socket
    import subprocess

    # Not under pytest's own temporary folder: as root, the server runs as "postgres",
    # which cannot enter pytest's private (0700) folders.
    data = Path(tempfile.mkdtemp(prefix="iiss-test-pg-"))
    as_root = hasattr(os, "geteuid") and os.geteuid() == 0
    prefix = ["runuser", "-u", "postgres", "--"] if as_root else []
    if as_root:
        shutil.chown(data, "postgres")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    subprocess.run(prefix + [str(bindir / "initdb"), "-D", str(data / "db"), "-U", "postgres",
                             "--auth=trust", "-E", "UTF8"], check=True, capture_output=True)
    subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-w", "-l",
                             str(data / "log"), "-o",
                             f"-c listen_addresses=127.0.0.1 -p {port} -k {data} -c fsync=off",
                             "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://postgres@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run(prefix + [str(bindir / "pg_ctl"), "-D", str(data / "db"), "-m",
                                 "immediate", "stop"], capture_output=True)
        shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def pg_url(pg_server):
    """A fresh, empty PostgreSQL database on the test server; dropped afterwards."""
    import psycopg

    server = pg_server
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
        pytest.fail(f"Programma «{name}» non installato: eseguire .ci/run (installa "
                    "poppler-utils).")
    return path
