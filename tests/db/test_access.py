"""The services' permission check on a real database: refused before anything is written."""
import pytest

from iiss_desktop.areas.school import SETTINGS
from iiss_desktop.db.access import GUARDED, require, requires
from iiss_desktop.domain.access import DIRIGENTE, SOLA_LETTURA, Grant, PermissionDenied, Principal


@requires(SETTINGS)
def _rename_school(db, name: str) -> str:
    db.renamed = name
    return name


def test_a_guarded_function_runs_only_for_a_holder(db):
    db.current_user = Principal(1, "lettore", grants=(Grant(SOLA_LETTURA),))
    with pytest.raises(PermissionDenied, match="«Impostazioni dell'istituto"):
        _rename_school(db, "Nuovo nome")
    assert not hasattr(db, "renamed")
    db.current_user = Principal(2, "preside", grants=(Grant(DIRIGENTE),))
    assert _rename_school(db, "Nuovo nome") == "Nuovo nome"


def test_guarded_functions_are_recorded_with_their_permission():
    assert any(g.function.__name__ == "_rename_school" and g.permission is SETTINGS
               for g in GUARDED)


def test_a_user_record_without_roles_holds_nothing(db):
    # Before login gives a Principal, whatever else sits in current_user is no one.
    db.current_user = object()
    with pytest.raises(PermissionDenied, match="nessun utente collegato"):
        require(db, SETTINGS)
