"""Fixtures shared by the staff service tests."""
from __future__ import annotations

import pytest

from iiss_desktop.services import school


@pytest.fixture
def sites(db):
    """Two plessi: the SEDE and a primaria; code -> site id."""
    return {code: school.save_site(db, {"code": code, "name": name})
            for code, name in (("SEDE", "Sede centrale"), ("PRIM", "Primaria Rodari"))}
