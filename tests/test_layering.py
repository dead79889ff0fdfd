"""The layer contracts hold (lint-imports), nothing outside iiss_desktop/ui imports PySide6,
and ReportLab stays out of start-up."""
from __future__ import annotations

import pkgutil
import subprocess
import sys
from pathlib import Path

import iiss_desktop

ROOT = Path(__file__).resolve().parent.parent


def test_layer_contracts_hold():
    """The contracts of pyproject.toml ([tool.importlinter]), as .ci/run checks them: the
    suite fails too when a module imports a layer above its own."""
    code = ("import sys\n"
            "from importlinter.cli import lint_imports\n"
            "sys.exit(lint_imports(no_cache=True, no_logo=True))\n")
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True,
                         text=True)
    assert out.returncode == 0, out.stdout + out.stderr
    assert "0 broken" in out.stdout


def non_ui_modules() -> list[str]:
    names = []
    for info in pkgutil.walk_packages(iiss_desktop.__path__, "iiss_desktop."):
        if info.name.startswith("iiss_desktop.ui") or ".migrations" in info.name:
            continue
        names.append(info.name)
    return names


def test_non_ui_packages_do_not_import_pyside6():
    modules = non_ui_modules()
    assert "iiss_desktop.services.registers" in modules and "iiss_desktop.reports.base" in modules
    code = ("import sys\n" + "".join(f"import {m}\n" for m in modules) +
            "bad = sorted(m for m in sys.modules if m.split('.')[0] == 'PySide6')\n"
            "print(','.join(bad))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_main_window_start_imports_neither_reportlab_nor_alembic(tmp_path):
    code = (
        "import os, sys\n"
        "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
        f"os.environ['IISS_DATA_DIR'] = {str(tmp_path)!r}\n"
        "from iiss_desktop.demo import build_demo\n"
        f"db = build_demo({str(tmp_path / 'd.db')!r})\n"
        "from iiss_desktop.ui.app import create_app, create_main_window\n"
        "db.dispose()\n"
        "for m in [m for m in sys.modules if m.split('.')[0] == 'alembic']: del sys.modules[m]\n"
        "from iiss_desktop.db.schema import open_database\n"
        f"db = open_database({str(tmp_path / 'd.db')!r})\n"
        "app = create_app(); w = create_main_window(db); w.show(); app.processEvents()\n"
        "print('reportlab' in sys.modules, 'alembic' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # Neither ReportLab (printing) nor Alembic (migrations) on an up-to-date archive.
    assert out.stdout.strip().splitlines()[-1] == "False False"


def test_or_tools_is_imported_only_when_a_roster_is_proposed():
    code = ("import sys\n" + "".join(f"import {m}\n" for m in non_ui_modules()) +
            "print('ortools' in sys.modules)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"
