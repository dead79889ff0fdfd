import os

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

import pytest  # noqa: E402


def pytest_collection_modifyitems(config, items):
    # UI tests fail on any Qt warning (same as qt_log_level_fail = WARNING, scoped to tests/ui).
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here) and not item.get_closest_marker("qt_log_level_fail"):
            item.add_marker(pytest.mark.qt_log_level_fail("WARNING"))
            # Harmless noise of the offscreen platform plugin when a window is shown.
            item.add_marker(pytest.mark.qt_log_ignore(
                "^This plugin does not support "))
