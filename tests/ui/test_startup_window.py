"""Start-up: the window shows before the archive opens (no SQLAlchemy yet), then fills."""
from __future__ import annotations

import subprocess
import sys

from iiss_desktop.ui.app import create_app
from iiss_desktop.ui.main_window import MainWindow
from tests.ui.test_main_window import TAB_TITLES


def test_the_early_window_is_shown_without_sqlalchemy(tmp_path):
    code = ("import os, sys\n"
            "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            f"os.environ['IISS_DATA_DIR'] = {str(tmp_path)!r}\n"
            "from iiss_desktop.ui.app import _early_window, create_app\n"
            "w = _early_window(create_app())\n"
            "print(w.isVisible(), w.tabs.count(),\n"
            "      sorted({m.split('.')[0] for m in sys.modules}\n"
            "             & {'sqlalchemy', 'alembic', 'reportlab', 'openpyxl'}))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True)
    assert out.stdout.strip().splitlines()[-1] == "True 7 []"


def test_attaching_the_archive_builds_what_the_window_built_at_once(qtbot, demo_db):
    create_app()
    early = MainWindow(None)
    qtbot.addWidget(early)
    early.show()
    assert [early.tabs.tabText(i) for i in range(early.tabs.count())] == TAB_TITLES
    assert "Apertura" in early.statusBar().currentMessage()
    assert early.menuBar().actions() == []
    early.attach(demo_db)
    at_once = MainWindow(demo_db)
    qtbot.addWidget(at_once)
    menus = [[a.text() for a in m.actions()] for m in (early, at_once)
             for m in [m.menuBar()]]
    assert menus[0] == menus[1] and menus[0]
    assert early.statusBar().currentMessage() == ""
    home = early.tabs.widget(0)
    assert home.area == "home" and home.model.rowCount() > 0
    assert "Utente:" in early.user_label.text()
    early.tab("Inventario")
    assert early.tabs.currentWidget().model.rowCount() > 0


def test_the_demo_start_fills_the_window_it_showed_first(demo_template, private_data_dir):
    """run_gui(demo=True) end to end: one main window, the one shown before the archive
    opened, with the start page, the menus and the signed-in DSGA once the loop runs."""
    from iiss_desktop.db.backup import backup_file

    private_data_dir.mkdir(parents=True, exist_ok=True)
    backup_file(demo_template, private_data_dir / "demo.db")
    code = ("import os, sys\n"
            "os.environ['QT_QPA_PLATFORM'] = 'offscreen'\n"
            "from PySide6.QtCore import QTimer\n"
            "from PySide6.QtWidgets import QApplication\n"
            "from iiss_desktop.ui.main_window import MainWindow\n"
            "app = QApplication(sys.argv[:1])\n"
            "def look():\n"
            "    wins = [w for w in app.topLevelWidgets() if isinstance(w, MainWindow)]\n"
            "    if not wins or not hasattr(wins[0], 'db'):\n"
            "        return   # the early window's own processEvents(): not filled yet\n"
            "    w = wins[0]\n"
            "    print(len(wins), w.isVisible(), w.tabs.widget(0).area,\n"
            "          len(w.menuBar().actions()) > 0, 'DSGA' in w.user_label.text())\n"
            "    app.quit()\n"
            "timer = QTimer(); timer.timeout.connect(look); timer.start(20)\n"
            "from iiss_desktop.ui.app import run_gui\n"
            "sys.exit(run_gui(demo=True))\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         timeout=240)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip().splitlines()[-1] == "1 True home True True"
