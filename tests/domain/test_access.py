"""Roles and permissions: the check every service makes, on plain values."""
import pytest

from iiss_desktop.areas import AREAS, all_permissions, permission
from iiss_desktop.domain.access import (
    AMMINISTRATORE_TECNICO,
    DIRIGENTE,
    DSGA,
    Grant,
    PermissionDenied,
    Principal,
    allowed,
    check,
)

CARICO = permission("inventory.carico")


def test_the_dsga_loads_goods_and_the_dirigente_does_not():
    # D.I. 129/2018 art. 30: the DSGA is the consegnatario; the carico is the DSGA's.
    assert allowed(Principal(1, "dsga", grants=(Grant(DSGA),)), CARICO)
    assert not allowed(Principal(2, "ds", grants=(Grant(DIRIGENTE),)), CARICO)


def test_a_refusal_names_the_permission_and_the_role():
    with pytest.raises(PermissionDenied) as refused:
        check(Principal(2, "bianchi", grants=(Grant(DIRIGENTE),)), CARICO)
    assert "«Carico dei beni (buoni di carico)»" in refused.value.message
    assert "«bianchi»" in refused.value.message and "Dirigente scolastico" in refused.value.message


def test_nobody_logged_in_is_refused():
    with pytest.raises(PermissionDenied, match="nessun utente collegato"):
        check(None, CARICO)


def test_a_role_limited_to_one_plesso_acts_only_there():
    clerk = Principal(3, "verdi", grants=(Grant(DSGA, frozenset({7})),))
    assert allowed(clerk, CARICO, site_id=7)
    assert not allowed(clerk, CARICO, site_id=8)
    with pytest.raises(PermissionDenied, match="solo per altri plessi.*«Primaria»"):
        check(clerk, CARICO, site_id=8, site_name="Primaria")


def test_the_technical_administrator_never_holds_personal_data():
    for p in all_permissions():
        if p.personal_data:
            assert AMMINISTRATORE_TECNICO not in p.roles, p.code


def test_every_permission_is_named_after_its_area_and_unique():
    codes = [p.code for p in all_permissions()]
    assert len(codes) == len(set(codes))
    for a in AREAS:
        assert all(p.area == a.name for p in a.permissions), a.name
